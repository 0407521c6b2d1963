// `<civic-debate>` in Chromium (DESIGN.md section 7, issue 5): how long the element takes to render
// 500 comments, against the budget of 100 ms. A discussion of 100 threads of 5 comments (a comment,
// its reply, a reply to that, and two more replies: every depth and "In reply to") is seeded through
// the store; the built bundle (packages/elements/dist) is served by the real API, and the page has the
// API's origin (puppeteer answers its one HTML request). Measured from the moment the comments' answer
// has arrived (its resource timing's responseEnd: the network is not the element's) to the moment all
// 500 comments are in the element's DOM, and to the next painted frame; medians of warm runs (a new
// element on the same page) and the first, cold, run (the rendering chunk fetched and compiled too).
// To see where the time goes: BENCH_PHASES=1 logs Chromium's script, style and layout time of each run,
// BENCH_PROFILE=1 the heaviest functions of one run's CPU profile.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { freePort, root, startApi, stopChild, waitForApi } from '../demo/server.mjs';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { median } from './stats.mjs';

export const RENDER_COMMENTS = 500;
export const RENDER_BUDGET_MS = 100;
const ORG = 'bench';
const ORIGIN = 'https://council.example';
const SUBJECT = `page:${ORIGIN}/consultations/library-opening-hours.html`;
const THREADS = RENDER_COMMENTS / 5;


async function seed(dataDir) {
  const { openSqliteStore } = await tsImport(join(root, 'api/src/store/sqlite/index.ts'), import.meta.url);
  const now = new Date();
  const store = openSqliteStore(join(dataDir, 'civic.db'));
  const org = await store.orgs.create({ slug: ORG, name: 'Bench Borough Council', allowedOrigins: [ORIGIN], map: { center: [-0.08, 51.47], zoom: 13, extent: [-0.125, 51.42, -0.03, 51.51] } }, now);
  const users = [];
  for (let i = 0; i < 20; i++) users.push(await store.users.create({ email: `resident${i}@example.org`, name: `Resident ${i}`, locale: 'en' }, now));
  const stances = ['for', 'against', 'neutral', 'question'];
  const comments = [];
  for (let t = 0; t < THREADS; t++) {
    const top = comments.length;
    // A comment, a reply, a reply to the reply (depth 2), a reply to that (shown flat, "In reply to"), and a second reply to the first.
    const shape = [undefined, top, top + 1, top + 2, top];
    shape.forEach((replyTo, i) => {
      const n = comments.length;
      comments.push({
        ...(replyTo !== undefined ? { replyTo } : {}),
        stance: stances[(t + i) % 4],
        body: `Comment ${n}: the library should **open later** on Thursdays, and *earlier* at weekends.\n\n- more study space\n- [the timetable](https://council.example/libraries)\n\n> Quoting the consultation: opening hours matter.`,
        authorId: users[n % users.length].id,
        createdAt: new Date(now.getTime() - (RENDER_COMMENTS - n) * 60_000).toISOString(),
        votes: [{ userId: users[(n + 1) % users.length].id, value: 1 }],
      });
    });
  }
  await store.debate.importComments(org.id, SUBJECT, comments);
  await store.close();
}

/** The page: creates a <civic-debate> on demand and reports when its 500 comments are in, and painted. */
const page = (api) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>debate bench</title>
<script type="module" src="/elements/civic-debate.js"></script></head><body>
<script type="module">
  window.renderDebate = (wanted) => new Promise((resolve, reject) => {
    performance.clearResourceTimings();
    const started = performance.now();
    const el = document.createElement('civic-debate');
    Object.entries({ api: ${JSON.stringify(api)}, org: '${ORG}', subject: ${JSON.stringify(SUBJECT)}, limit: '100', sort: 'oldest' })
      .forEach(([name, value]) => el.setAttribute(name, value));
    const timeout = setTimeout(() => reject(new Error('not rendered within 20 s: ' + count())), 20000);
    const count = () => el.shadowRoot?.querySelectorAll('[part~="comment"]').length ?? 0;
    let observer;
    const done = () => {
      const built = performance.now();
      observer?.disconnect();
      const answer = performance.getEntriesByType('resource').filter((e) => e.name.includes('/comments?')).at(-1);
      requestAnimationFrame(() => setTimeout(() => {
        clearTimeout(timeout);
        const painted = performance.now();
        const walker = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_ALL);
        const nodes = { element: 0, text: 0, comment: 0 };
        while (walker.nextNode()) nodes[{ 1: 'element', 3: 'text', 8: 'comment' }[walker.currentNode.nodeType]] += 1;
        resolve({ fetched: answer.responseEnd - started, built: built - answer.responseEnd, painted: painted - answer.responseEnd, comments: count(), nodes });
      }));
    };
    document.body.append(el);
    // Watch the shadow root (made on connection) for the comments, at DOM-mutation time, not frame time.
    observer = new MutationObserver(() => count() >= wanted && done());
    observer.observe(el.shadowRoot, { childList: true, subtree: true });
  });
  window.removeDebate = () => document.querySelector('civic-debate')?.remove();
</script></body></html>`;

/** Names a profiled frame's place in the sources, through the bundle's source maps (the bundle is minified). */
function sourceMapper() {
  const maps = new Map();
  return ({ url, lineNumber, columnNumber }) => {
    const path = url.includes('/elements/') ? join(root, 'packages/elements/dist', new URL(url).pathname.replace(/^\/elements\//, '')) : '';
    if (path && !maps.has(path)) maps.set(path, existsSync(`${path}.map`) ? new TraceMap(readFileSync(`${path}.map`, 'utf8')) : null);
    const map = path ? maps.get(path) : null;
    const found = map && lineNumber >= 0 ? originalPositionFor(map, { line: lineNumber + 1, column: columnNumber }) : null;
    return found?.source ? `${found.source.split('/').slice(-2).join('/')}:${found.line} ${found.name ?? ''}` : `${url.split('/').pop()}:${lineNumber}:${columnNumber}`;
  };
}

/** Seeds the discussion, then renders it `runs` times; returns the medians. */
export async function measureDebateRender({ runs = 9, log = console.log } = {}) {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: 'no Chromium (set CHROME_PATH)' };
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-debate-render-'));
  log(`Seeding ${RENDER_COMMENTS} comments…`);
  await seed(dataDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = startApi({ port, dataDir, log: false, env: { PUBLIC_URL: base, SEED: 'false', ELEMENTS_DIR: join(root, 'packages/elements/dist') } });
  const browser = await puppeteer.launch({ executablePath, headless: true, args: chromiumArgs });
  try {
    await waitForApi(api, base);
    const tab = await browser.newPage();
    await tab.setRequestInterception(true);
    const html = page(base);
    tab.on('request', (request) => (request.url() === `${base}/bench.html` ? request.respond({ status: 200, contentType: 'text/html', body: html }) : request.continue()));
    await tab.goto(`${base}/bench.html`, { waitUntil: 'load' });
    await tab.waitForFunction(() => customElements.get('civic-debate') && typeof window.renderDebate === 'function');
    const cold = await tab.evaluate((n) => window.renderDebate(n), RENDER_COMMENTS);
    if (process.env.BENCH_PROFILE) {
      const client = await tab.createCDPSession();
      await client.send('Profiler.enable');
      await client.send('Profiler.setSamplingInterval', { interval: 200 });
      await tab.evaluate(() => window.removeDebate());
      await client.send('Profiler.start');
      await tab.evaluate((n) => window.renderDebate(n), RENDER_COMMENTS);
      const { profile } = await client.send('Profiler.stop');
      const self = new Map();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const where = sourceMapper();
      profile.samples.forEach((id, i) => {
        const n = byId.get(id);
        const key = `${n.callFrame.functionName || '(anon)'} ${where(n.callFrame)}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
      });
      const total = [...self.values()].reduce((a, b) => a + b, 0);
      log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, t]) => `${(t / 1000).toFixed(1)} ms ${k}`).join('\n') + `\ntotal ${(total / 1000).toFixed(0)} ms`);
    }
    if (process.env.BENCH_TRACE) {
      // The main thread's events of one run, by name (self time): what the profile calls "(program)".
      await tab.evaluate(() => window.removeDebate());
      await tab.tracing.start({ categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
      await tab.evaluate((n) => window.renderDebate(n), RENDER_COMMENTS);
      const trace = JSON.parse(Buffer.from(await tab.tracing.stop()).toString("utf8"));
      const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.tid === main?.tid && e.pid === main?.pid).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
      const self = new Map();
      const stack = [];
      for (const e of events) {
        while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
        const parent = stack.at(-1);
        if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
        self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
        stack.push(e);
      }
      log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, t]) => `${(t / 1000).toFixed(1)} ms ${k}`).join('\n'));
      // The main thread's tasks over 2 ms, in order: where a run's time goes between them.
      const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
      const t0 = tasks[0]?.ts ?? 0;
      log(tasks.filter((e) => e.dur > 2000).map((e) => {
        const inner = events.filter((x) => x.ts >= e.ts && x.ts + x.dur <= e.ts + e.dur && x !== e && x.dur > 1000).slice(0, 4).map((x) => `${x.name} ${(x.dur / 1000).toFixed(1)}`);
        return `+${((e.ts - t0) / 1000).toFixed(1)} ms: ${(e.dur / 1000).toFixed(1)} ms [${inner.join(', ')}]`;
      }).join('\n'));
    }
    const warm = [];
    for (let run = 0; run < runs; run++) {
      await tab.evaluate(() => window.removeDebate());
      const before = process.env.BENCH_PHASES ? await tab.metrics() : undefined;
      warm.push(await tab.evaluate((n) => window.renderDebate(n), RENDER_COMMENTS));
      if (before) {
        const after = await tab.metrics();
        log(JSON.stringify(Object.fromEntries(['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration'].map((k) => [k, Math.round((after[k] - before[k]) * 1000)]))));
      }
    }
    return {
      comments: cold.comments,
      /** The element's DOM once rendered: elements, text nodes and comment nodes (Lit's markers). */
      nodes: cold.nodes,
      cold,
      built: median(warm.map((r) => r.built)),
      painted: median(warm.map((r) => r.painted)),
      fetched: median(warm.map((r) => r.fetched)),
      runs,
    };
  } finally {
    await browser.close();
    await stopChild(api);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureDebateRender(), null, 1));
}
