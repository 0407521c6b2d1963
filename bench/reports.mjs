// Reports (issue 4): how many reports a second the real API makes over HTTP (`POST /v1/orgs/:org/reports`
// by signed-in residents, one at a time and 8 at a time, each with its confirmation email written to the
// outbox), and how long the form's "is it one of these?" query takes
// (`GET /v1/orgs/:org/reports?near=lon,lat&radius=…&category=…&open=true&limit=5`) with 10 thousand and
// 100 thousand reports in the borough. Each size is a fresh SQLite file, seeded through the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { freePort, root, startApi, stopChild, waitForApi } from '../demo/server.mjs';
import { median, percentile, random } from './stats.mjs';

export const REPORT_SIZES = [10_000, 100_000];
const ORG = 'bench';
/** Southwark, roughly: where the reports are. */
const EXTENT = [-0.125, 51.42, -0.03, 51.51];
const RESIDENTS = 20;
/** The nearby query's places, fixed so every run asks the same. */
const NEARBY_QUERIES = 400;

const load = (path) => tsImport(join(root, path), import.meta.url);

const pointIn = (rnd) => [EXTENT[0] + rnd() * (EXTENT[2] - EXTENT[0]), EXTENT[1] + rnd() * (EXTENT[3] - EXTENT[1])].map((n) => Math.round(n * 1e6) / 1e6);

const CATEGORIES = [
  { code: 'pothole', name: 'Pothole', group: 'Roads and pavements' },
  { code: 'fly-tipping', name: 'Fly-tipping', group: 'Rubbish and street cleaning' },
  { code: 'street-light', name: 'Street light not working', group: 'Street lighting' },
  { code: 'graffiti', name: 'Graffiti', group: 'Rubbish and street cleaning' },
];

/** A fresh database with the organisation, its categories, residents with access tokens, and `count` reports. */
async function seed(dataDir, count, log) {
  const [{ openSqliteStore }, { hashToken, newToken }, { expiresAt }, { DEFAULT_REPORT_SETTINGS }, { referencePrefix }] = await Promise.all([
    load('api/src/store/sqlite/index.ts'),
    load('api/src/secrets.ts'),
    load('api/src/domain/tokens.ts'),
    load('api/src/reports/settings.ts'),
    load('api/src/domain/reference.ts'),
  ]);
  const started = performance.now();
  const now = new Date();
  const store = openSqliteStore(join(dataDir, 'civic.db'));
  const org = await store.orgs.create({ slug: ORG, name: 'Bench Borough Council', map: { center: [-0.08, 51.47], zoom: 13, extent: EXTENT } }, now);
  await store.reports.saveSettings(org.id, DEFAULT_REPORT_SETTINGS, now);
  const categories = [];
  for (const c of CATEGORIES) {
    categories.push(await store.reports.createCategory(org.id, { ...c, description: '', keywords: [], department: null, fields: [], active: true }, now));
  }
  const tokens = [];
  const userIds = [];
  for (let i = 0; i < RESIDENTS; i++) {
    const user = await store.users.create({ email: `resident${i}@example.org`, name: `Resident ${i}`, locale: 'en' }, now);
    await store.memberships.set(org.id, user.id, 'resident', [], now);
    const token = newToken();
    await store.sessions.create(
      { userId: user.id, orgId: org.id },
      { accessHash: hashToken(token), accessExpiresAt: expiresAt(now, 24 * 3600), refreshHash: hashToken(newToken()), refreshExpiresAt: expiresAt(now, 48 * 3600) },
      now,
    );
    tokens.push(token);
    userIds.push(user.id);
  }
  const rnd = random(count);
  const first = DEFAULT_REPORT_SETTINGS.workflow.steps[0];
  const prefix = referencePrefix(ORG);
  for (let i = 0; i < count; i++) {
    const [lon, lat] = pointIn(rnd);
    const category = categories[i % categories.length];
    await store.reports.create(
      {
        orgId: org.id, referencePrefix: prefix, categoryId: category.id, description: `Seeded report ${i} for the bench.`, lon, lat, address: null, fields: {}, photos: [],
        status: first.key, open: true, department: null, reporterId: userIds[i % RESIDENTS], reporterName: null, reporterEmail: null, clientRequestId: null,
      },
      { kind: 'created', actor: { kind: 'reporter', name: 'Resident', userId: userIds[i % RESIDENTS] }, status: first.key, statusLabel: first.label },
      now,
    );
    if ((i + 1) % 50_000 === 0) log(`  ${(i + 1).toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')} reports…`);
  }
  await store.close();
  return { tokens, seedSeconds: (performance.now() - started) / 1000 };
}

/** POSTs reports for `seconds` with `concurrency` requests in flight: reports/s and latency. */
async function createLoad(base, tokens, seconds, concurrency) {
  const rnd = random(7 + concurrency);
  const times = [];
  let made = 0;
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async (w) => {
    for (let i = 0; performance.now() < end; i++) {
      const [lon, lat] = pointIn(rnd);
      const body = JSON.stringify({
        category: CATEGORIES[i % CATEGORIES.length].code,
        description: 'A deep pothole by the bus stop; cyclists swerve round it.',
        location: { type: 'Point', coordinates: [lon, lat] },
      });
      const t0 = performance.now();
      const response = await fetch(`${base}/v1/orgs/${ORG}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[(w + i * concurrency) % tokens.length]}` },
        body,
      });
      const text = await response.text();
      times.push(performance.now() - t0);
      if (response.status === 201) made++;
      else if (failed++ === 0) console.error(`  POST answered ${response.status}: ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: made / elapsed, made, failed, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The nearby query at fixed places, sequential keep-alive requests: p50 and p99, and the most it found. */
async function nearbyLatency(base, rounds) {
  const rnd = random(99);
  const paths = Array.from({ length: NEARBY_QUERIES }, (_, i) => {
    const [lon, lat] = pointIn(rnd);
    return `/v1/orgs/${ORG}/reports?near=${lon},${lat}&radius=250&category=${CATEGORIES[i % CATEGORIES.length].code}&open=true&limit=5&sort=nearest`;
  });
  for (const path of paths.slice(0, 50)) {
    const response = await fetch(base + path); // warm up, and check it answers
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    await response.arrayBuffer();
  }
  const runs = [];
  let found = 0;
  for (let round = 0; round < rounds; round++) {
    const times = [];
    for (const path of paths) {
      const t0 = performance.now();
      const response = await fetch(base + path);
      const body = await response.json();
      times.push(performance.now() - t0);
      found = Math.max(found, body.items.length);
    }
    times.sort((a, b) => a - b);
    runs.push({ p50: percentile(times, 50), p99: percentile(times, 99) });
  }
  return { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), found };
}

/** Seeds each size, starts the API on it, and measures. One row per size. */
export async function measureReports({ sizes = REPORT_SIZES, seconds = 3, rounds = 3, log = console.log } = {}) {
  const rows = [];
  for (const size of sizes) {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-reports-bench-'));
    try {
      log(`Seeding ${size.toLocaleString('en-GB')} reports…`);
      const { tokens, seedSeconds } = await seed(dataDir, size, log);
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const api = startApi({ port, dataDir, log: false, env: { PUBLIC_URL: base, SEED: 'false', DEV_ROUTES: 'false' } });
      try {
        await waitForApi(api, base);
        const nearby = await nearbyLatency(base, rounds);
        const sequential = await createLoad(base, tokens, seconds, 1);
        const parallel = await createLoad(base, tokens, seconds, 8);
        rows.push({ size, seedSeconds, nearby, sequential, parallel });
      } finally {
        await stopChild(api);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureReports();
  for (const row of rows) console.log(JSON.stringify(row));
}
