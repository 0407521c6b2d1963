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
        case 'civic:seed-map': // a map project with contributions, places and events: { org?, ...MapFixtureOptions }
          return api.seedMap(payload?.org ?? 'test-council', payload ?? {});
        case 'civic:seed-reports': // report categories, settings and reports: { org?, count?, ...ReportFixtureOptions } → { categories, reports, settings }
          return api.seedReports(payload?.org ?? 'test-council', payload ?? {});
        case 'civic:seed-poll': // a poll of any kind and state with imported ballots: { org?, ...PollFixtureOptions } → { org, id, title, kind, options }
          return api.seedPoll(payload?.org ?? 'test-council', payload ?? {});
        case 'civic:seed-consultation': // a consultation in a phase with proposals, supporters and ballots: { org?, ...ConsultationFixtureOptions } → { org, id, phase, pollId, proposals, options }
          return api.seedConsultation(payload?.org ?? 'test-council', payload ?? {});
        case 'civic:make-role': // a signed-in person with a role: { email, org?, role } → { userId, accessToken, refreshToken }
          return api.makeRole(payload.email, payload.org ?? 'test-council', payload.role, payload.departments ?? []);
        case 'civic:start-api': // a second API, e.g. with tight rate limits
          return (await start(payload ?? {})).url;
        case 'civic:backdate-comment': {
          // A comment posted `minutes` ago (past the 15-minute edit window): the API cannot turn back its clock.
          const { default: Database } = await import('better-sqlite3');
          const db = new Database(api.config.databasePath);
          try {
            const at = new Date(Date.now() - payload.minutes * 60_000).toISOString();
            return db.prepare('UPDATE comments SET created_at = ? WHERE id = ?').run(at, payload.id).changes;
          } finally {
            db.close();
          }
        }
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

/**
 * `civic:geolocation` for "use my location" tests, through the Chrome launcher's puppeteer page:
 * `{ latitude, longitude, accuracy? }` grants the permission and sets the position; `{ denied: true }`
 * refuses the permission; `{ unavailable: true }` grants it with no position to give; `{ reset: true }`
 * clears both.
 */
function civicGeolocation() {
  // One CDP session per page, kept open: an emulation override lasts only as long as its session.
  const sessions = new WeakMap();
  return {
    name: 'civic-geolocation',
    async executeCommand({ command, payload, session }) {
      if (command !== 'civic:geolocation') return undefined;
      const page = session.browser.getPage(session.id);
      const context = page.browserContext();
      const origin = new URL(page.url()).origin;
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const client = sessions.get(page);
      if (payload?.reset) {
        await context.clearPermissionOverrides();
        await client.send('Emulation.clearGeolocationOverride');
      } else if (payload?.denied) {
        await context.overridePermissions(origin, []); // every permission not listed is refused
      } else {
        await context.overridePermissions(origin, ['geolocation']);
        // Without coordinates, the browser has no position to give: "position unavailable".
        await client.send('Emulation.setGeolocationOverride', payload?.unavailable ? {} : { latitude: payload.latitude, longitude: payload.longitude, accuracy: payload.accuracy ?? 10 });
      }
      return true;
    },
  };
}

/**
 * A stylesheet imported from a module (maplibre's CSS, which <civic-map> adopts into its shadow root)
 * is served as `export default "<the CSS>"`, as rollup.config.js's cssText() builds it.
 */
function cssAsText() {
  const imported = (context) => context.path.endsWith('.css') && context.request.get('sec-fetch-dest') === 'script';
  return {
    name: 'civic-css-as-text',
    // A plain fetch of the same file still gets the CSS (the test host of the pick and draw controllers does).
    transformCacheKey(context) {
      return imported(context) ? 'css-as-text' : undefined;
    },
    resolveMimeType(context) {
      if (imported(context)) return 'js';
    },
    transform(context) {
      if (imported(context)) return { body: `export default ${JSON.stringify(context.body)};` };
    },
  };
}

/**
 * `civic:forced-colors` (`{ active: boolean }`): Windows high-contrast mode for forced-colours tests
 * (the Chrome launcher's emulateMedia has no forcedColors). It replaces any other emulated media feature.
 */
function forcedColors() {
  // Straight through CDP (puppeteer refuses the feature); the emulation lasts as long as its session.
  const sessions = new WeakMap();
  return {
    name: 'civic-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'civic:forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }] });
      return true;
    },
  };
}

/**
 * `civic:offline` (`{ ms }`): the page loses its connection 200 ms after the command answers, for `ms`
 * milliseconds (Chromium's network emulation: `navigator.onLine` false, requests fail, `offline` and
 * `online` events), then has it back by itself: the test runner's own connection would not survive an
 * offline page waiting for a second command to bring it back.
 */
function civicOffline() {
  const sessions = new WeakMap();
  return {
    name: 'civic-offline',
    async executeCommand({ command, payload, session }) {
      if (command !== 'civic:offline') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) {
        const created = await page.createCDPSession();
        await created.send('Network.enable');
        sessions.set(page, created);
      }
      const client = sessions.get(page);
      const offline = (value) => client.send('Network.emulateNetworkConditions', { offline: value, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }).catch(() => undefined);
      setTimeout(() => void offline(true), 200);
      setTimeout(() => void offline(false), 200 + (payload?.ms ?? 1000));
      return true;
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
  // The API's URL, set before any test module runs; and storage emptied, because every test file's page
  // has the same origin, and a session one file left behind would otherwise be the next file's.
  testRunnerHtml: (testFramework) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Civic Elements tests</title>
    <script>window.CIVIC_TEST_API = ${JSON.stringify(testApi.apis[0]?.url ?? '')}; localStorage.clear(); sessionStorage.clear();</script></head>
    <body><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    testApi,
    civicGeolocation(),
    cssAsText(),
    forcedColors(),
    civicOffline(),
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
