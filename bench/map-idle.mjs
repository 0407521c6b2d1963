// `<civic-map>` in Chromium over a project of 100 thousand features (DESIGN.md section 7, issue 3):
// the time from creating the element to the map being idle with its data drawn and listed.
// Uses the seeded file of bench/geo.mjs and the built bundles (packages/elements/dist) served by the
// real API; the page is given the API's origin (puppeteer answers its one HTML request), so the
// maplibre worker starts from a same-origin URL as it would on a partner site that hosts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort, root, startApi, stopChild, waitForApi } from '../demo/server.mjs';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { SCREEN, seededFile } from './geo.mjs';
import { median } from './stats.mjs';


/** The page: creates the map on demand and reports when it is idle with its data in. */
const page = (api, projectId) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>map bench</title>
<script type="module" src="/elements/civic-map.js"></script></head><body style="margin:0">
<script type="module">
  window.createMap = (view) => new Promise((resolve, reject) => {
    const started = performance.now();
    const el = document.createElement('civic-map');
    Object.entries({ api: ${JSON.stringify(api)}, org: 'bench', basemap: 'none', project: ${JSON.stringify(projectId)}, center: view.center, zoom: String(view.zoom) })
      .forEach(([name, value]) => el.setAttribute(name, value));
    el.style.cssText = 'display:block;width:${SCREEN.width}px;--civic-map-height:${SCREEN.height}px';
    document.body.append(el);
    const timeout = setTimeout(() => reject(new Error('the map was not idle within 30 s')), 30000);
    const count = () => el.shadowRoot?.querySelector('.count')?.textContent ?? '';
    const phases = {};
    const check = () => {
      const map = el.map;
      if (map && !phases.map) phases.map = performance.now() - started;
      if (map?.loaded() && !phases.style) phases.style = performance.now() - started;
      if (count() && !/Loading/.test(count()) && !phases.data) phases.data = performance.now() - started;
      if (map?.loaded() && map.getSource('civic') && count() && !/Loading/.test(count())) {
        // Data in and listed: wait for the frame that draws it.
        map.once('idle', () => {
          clearTimeout(timeout);
          resolve({ ms: performance.now() - started, phases, count: count().trim(), rendered: map.queryRenderedFeatures().length });
        });
        map.triggerRepaint();
      } else requestAnimationFrame(check);
    };
    check();
  });
  window.removeMap = () => document.querySelector('civic-map')?.remove();
</script></body></html>`;

/**
 * Median time from `document.createElement('civic-map')` to the map's idle event with the data drawn,
 * at the borough and city views of 100 thousand features: the first load in a fresh browser (maplibre
 * fetched and compiled), then warm loads (a new map on the same page). Returns rows for the bench table.
 */
export async function measureMapIdle({ size = 100_000, runs = 7, log = console.log } = {}) {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: 'no Chromium (set CHROME_PATH)' };
  const seed = await seededFile(size, { log });
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-map-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = startApi({ port, dataDir, log: false, env: { DATABASE_PATH: seed.path, PUBLIC_URL: base, SEED: 'false', ELEMENTS_DIR: join(root, 'packages/elements/dist') } });
  const browser = await puppeteer.launch({ executablePath, headless: true, args: [...chromiumArgs, `--window-size=${SCREEN.width},${SCREEN.height + 200}`] });
  try {
    await waitForApi(api, base);
    const html = page(base, seed.projectId);
    const rows = [];
    for (const view of [{ name: 'city', zoom: 10, center: '-0.1,51.5' }, { name: 'borough', zoom: 13, center: '-0.09,51.5' }]) {
      const cold = [];
      const warm = [];
      let last;
      for (let run = 0; run < runs; run++) {
        // A fresh browser context for each cold load: nothing cached, maplibre fetched and compiled.
        const context = await browser.createBrowserContext();
        const tab = await context.newPage();
        await tab.setViewport({ width: SCREEN.width, height: SCREEN.height + 200 });
        await tab.setRequestInterception(true);
        tab.on('request', (request) => (request.url() === `${base}/bench.html` ? request.respond({ status: 200, contentType: 'text/html', body: html }) : request.continue()));
        await tab.goto(`${base}/bench.html`, { waitUntil: 'load' });
        await tab.waitForFunction(() => customElements.get('civic-map') && typeof window.createMap === 'function');
        cold.push((last = await tab.evaluate((v) => window.createMap(v), view)).ms);
        if (process.env.BENCH_PHASES) log(JSON.stringify(last.phases));
        await tab.evaluate(() => window.removeMap());
        warm.push((await tab.evaluate((v) => window.createMap(v), view)).ms);
        await context.close();
      }
      rows.push({ size, view: view.name, zoom: view.zoom, cold: median(cold), warm: median(warm), shown: last.count, rendered: last.rendered });
    }
    return { rows, runs };
  } finally {
    await browser.close();
    await stopChild(api);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureMapIdle();
  console.log(JSON.stringify(result, null, 2));
}
