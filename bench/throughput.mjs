// API throughput: `GET /v1/orgs/southwark` on the seeded API against a bare node:http server
// answering the same bytes and headers, both loaded by wrk in the same run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root, startApi, stopChild, waitForApi } from '../demo/server.mjs';
import { median } from './stats.mjs';

export const wrkHelp = `wrk is not installed, so the API throughput was not measured.
  On Debian or Ubuntu:  apt-get install -y wrk
  On macOS:             brew install wrk`;

export function hasWrk() {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** Headers a server writes for itself per connection or per moment; the bare server makes its own. */
const perResponse = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function record(url) {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.toString('utf8').slice(0, 200)}`);
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !perResponse.has(name)));
  return { status: response.status, headers, body: body.toString('base64') };
}

function startBare(port, recording) {
  const child = spawn(process.execPath, [join(root, 'bench/bare-server.mjs'), String(port), recording], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
    child.stdout.once('data', () => resolve(child));
  });
}

/** Runs wrk and reads requests/s and the p99 latency (ms) from its `--latency` report. */
function wrk(url, { threads = 2, connections = 10, duration = '10s' } = {}) {
  const out = execFileSync('wrk', [`-t${threads}`, `-c${connections}`, `-d${duration}`, '--latency', url], { encoding: 'utf8' });
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
  const p99 = out.match(/^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m);
  const factor = { us: 0.001, ms: 1, s: 1000 }[p99?.[2] ?? 'ms'];
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1];
  if (errors) throw new Error(`wrk saw ${errors} error responses from ${url}`);
  return { rps, p99: p99 ? Number(p99[1]) * factor : NaN };
}


/**
 * Starts the seeded API and the bare server on free loopback ports, warms both up, then loads them
 * in turn with `wrk -t2 -c10 -d<duration>`, `rounds` times, alternating which goes first. A shared
 * machine's speed drifts from one second to the next, so each round's ratio compares two
 * neighbouring measurements, and the medians are reported.
 * Returns `{ api, bare, ratio, ratios }` with `{ rps, p99 }` medians for each server.
 */
export async function measureThroughput({ duration = '3s', rounds = 5, path = '/v1/orgs/southwark', apiEntry } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-bench-'));
  const apiPort = await freePort();
  const barePort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = startApi({ port: apiPort, dataDir, log: false, ...(apiEntry && { entry: apiEntry }), env: { SEED: 'true', PUBLIC_URL: apiUrl } });
  let bare;
  try {
    await waitForApi(api, apiUrl);
    const recording = join(dataDir, 'response.json');
    writeFileSync(recording, JSON.stringify(await record(`${apiUrl}${path}`)));
    bare = await startBare(barePort, recording);
    const bareUrl = `http://127.0.0.1:${barePort}${path}`;

    for (const url of [`${apiUrl}${path}`, bareUrl]) wrk(url, { duration: '2s' }); // warm up the JIT
    const apiRuns = [];
    const bareRuns = [];
    for (let round = 0; round < rounds; round++) {
      const measure = [() => apiRuns.push(wrk(`${apiUrl}${path}`, { duration })), () => bareRuns.push(wrk(bareUrl, { duration }))];
      if (round % 2) measure.reverse();
      for (const run of measure) run();
    }
    const ratios = apiRuns.map((run, i) => run.rps / bareRuns[i].rps);
    const summary = (runs) => ({ rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)) });
    return { path, api: summary(apiRuns), bare: summary(bareRuns), ratio: median(ratios), ratios };
  } finally {
    await Promise.all([stopChild(api), bare ? stopChild(bare) : undefined]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
