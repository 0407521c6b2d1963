// Browser tests (web-test-runner in Chromium) against a real Civic Elements API on loopback.
// The API is started once per run with a fresh SQLite file (api/test/support/server.ts, loaded with tsx),
// its URL reaches the tests as `window.CIVIC_TEST_API`, and tests drive it through server commands.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';

const root = fileURLToPath(new URL('.', import.meta.url));
const supportFile = new URL('./api/test/support/server.ts', import.meta.url);

/** Starts the test API when the dev server starts, and gives tests its URL and a few commands. */
function civicTestApi() {
  const apis = [];
  let origins = [];
  async function start(options = {}) {
    const { tsImport } = await import('tsx/esm/api');
    if (!existsSync(supportFile)) throw new Error(`web-test-runner: ${fileURLToPath(supportFile)} is missing`);
    // tsx compiles the API's TypeScript (and its imports) on the fly, in this Node process.
    const { startTestApi } = await tsImport(supportFile.href, import.meta.url);
    const api = await startTestApi({ allowedOrigins: origins, ...options });
    apis.push(api);
    return api;
  }
  return {
    apis,
    name: 'civic-test-api',
    async serverStart({ config }) {
      origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
      await start();
    },
    async serverStop() {
      await Promise.all(apis.splice(0).map((api) => api.close()));
    },
    transformImport() {},
    async executeCommand({ command, payload }) {
      const api = apis[0];
      switch (command) {
        case 'civic:api-url':
          return api.url;
        case 'civic:latest-code':
          return (await api.latestCode(payload.email)) ?? null;
        case 'civic:expire-codes':
          await api.expireCodes(payload.email);
          return true;
        case 'civic:outbox': {
          const response = await fetch(`${api.url}/dev/outbox.json?to=${encodeURIComponent(payload.email)}`);
          return response.json();
        }
        case 'civic:start-api': // a second API, e.g. with tight rate limits
          return (await start(payload ?? {})).url;
        case 'civic:closed-port': {
          // A port nothing listens on: the "network is down" case.
          const server = createServer();
          await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
          const { port } = server.address();
          await new Promise((resolve) => server.close(resolve));
          return `http://127.0.0.1:${port}`;
        }
        default:
          return undefined;
      }
    },
  };
}

/** Writes `.test-results/browser.json` ({ passed, failed }) for scripts/test.mjs's summary line. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0 };
      const walk = (suite) => {
        if (!suite) return;
        for (const test of suite.tests ?? []) {
          if (test.skipped) continue;
          counts[test.passed ? 'passed' : 'failed'] += 1;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        walk(session.testResults);
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed += 1; // a file that failed to load
      }
      mkdirSync(`${root}.test-results`, { recursive: true });
      writeFileSync(`${root}.test-results/browser.json`, JSON.stringify(counts));
    },
  };
}

const testApi = civicTestApi();

export default {
  rootDir: root,
  files: ['packages/*/test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  // The API's URL, set before any test module runs.
  testRunnerHtml: (testFramework) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Civic Elements tests</title>
    <script>window.CIVIC_TEST_API = ${JSON.stringify(testApi.apis[0]?.url ?? '')};</script></head>
    <body><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    testApi,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless=new', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
      },
    }),
  ],
  reporters: [defaultReporter(), countingReporter()],
};
