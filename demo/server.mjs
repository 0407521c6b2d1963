// startDemo(): the whole demo as `npm start` runs it, reusable by the end-to-end tests:
// build the elements, start the API (child process, seeded SQLite) and serve the host pages.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoServer } from './static.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a child process to completion; rejects when it fails. */
function run(command, args, options) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${signal ?? code}`)),
    );
  });
}

/** Builds packages/elements/dist with Rollup (the same as `npm run build`). */
export function buildElements() {
  return run(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.js']);
}

/** Prefixes each line a child writes, so the API's log reads apart from the rest. */
function forward(stream, target, prefix) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) target.write(`${prefix}${line}\n`);
  });
  stream.on('end', () => rest && target.write(`${prefix}${rest}\n`));
}

/**
 * Starts the API as `node --import tsx api/src/server.ts`. A child process keeps the API's own
 * start-up, signal handling and database exactly as in production; `exit-with-parent.mjs` makes
 * sure it never outlives us, even if we are killed without a chance to clean up.
 */
export function startApi({ port, dataDir, env = {}, log = true, entry = 'api/src/server.ts' }) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './demo/exit-with-parent.mjs', entry],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dataDir, 'civic.db'),
        DATA_DIR: dataDir,
        DEV_ROUTES: 'true',
        ELEMENTS_DIR: join(root, 'packages/elements/dist'),
        ...env,
      },
    },
  );
  if (log) {
    forward(child.stdout, process.stdout, 'api │ ');
    forward(child.stderr, process.stderr, 'api │ ');
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  return child;
}

/** Resolves once `GET /health` answers 200; rejects if the API exits or takes too long. */
export async function waitForApi(child, apiUrl, timeoutMs = 60_000) {
  let exited;
  const onExit = (code, signal) => (exited = `the API exited with ${signal ?? code} before it was ready`);
  child.once('exit', onExit);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw new Error(exited);
      try {
        const response = await fetch(`${apiUrl}/health`);
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`the API did not answer ${apiUrl}/health within ${timeoutMs / 1000} s`);
  } finally {
    child.off('exit', onExit);
  }
}

/** Stops a child with SIGTERM, then SIGKILL if it has not gone after `graceMs`. */
export function stopChild(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for tests and benchmarks). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Fails early, and in plain words, when a port is taken (say, by another `npm start`). */
export function assertPortFree(port, what) {
  return new Promise((free, taken) => {
    const probe = createServer();
    probe.once('error', (error) =>
      taken(error.code === 'EADDRINUSE' ? new Error(`port ${port} for the ${what} is already in use (EADDRINUSE)`) : error),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => free()));
  });
}

/**
 * Starts the demo: builds the elements (unless `build: false`), starts the seeded API on `apiPort`
 * with its database in `dataDir` (created on first start, kept across restarts), and serves the
 * demo pages on `demoPort`. Resolves to `{ apiUrl, demoUrl, close() }`. `log: false` silences the
 * API's log; `apiEntry` runs another API entry file (the benchmarks' and tests' business only).
 */
export async function startDemo({
  apiPort = 8787,
  demoPort = 8080,
  dataDir = 'data',
  seed = true,
  build = true,
  log = true,
  apiEntry = 'api/src/server.ts',
} = {}) {
  const apiUrl = `http://localhost:${apiPort}`;
  const demoUrl = `http://localhost:${demoPort}`;
  const dataPath = isAbsolute(dataDir) ? dataDir : resolve(root, dataDir);
  mkdirSync(dataPath, { recursive: true });
  await assertPortFree(apiPort, 'API');
  await assertPortFree(demoPort, 'demo pages');

  if (build) await buildElements();

  // The demo pages' origins, allowed by the demo organisations (by name and by address).
  const demoOrigins = [demoUrl, `http://127.0.0.1:${demoPort}`].join(',');
  const api = startApi({
    port: apiPort,
    dataDir: dataPath,
    log,
    entry: apiEntry,
    env: { SEED: seed ? 'true' : 'false', DEMO_ORIGINS: demoOrigins, PUBLIC_URL: apiUrl },
  });
  try {
    await waitForApi(api, apiUrl);
  } catch (error) {
    await stopChild(api);
    throw error;
  }

  const pages = createDemoServer({ apiUrl });
  try {
    await new Promise((listening, fail) => {
      pages.once('error', fail);
      pages.listen(demoPort, '127.0.0.1', listening);
    });
  } catch (error) {
    await stopChild(api);
    throw error;
  }

  let closing;
  return {
    apiUrl,
    demoUrl,
    close() {
      closing ??= Promise.all([
        new Promise((done) => {
          pages.close(() => done());
          pages.closeAllConnections();
        }),
        stopChild(api),
      ]).then(() => undefined);
      return closing;
    },
  };
}
