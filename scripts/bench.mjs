// `npm run bench`: bundle sizes against their budgets, and the API's throughput against a bare
// node:http server, as DESIGN.md section 7 asks. `--no-build` reuses packages/elements/dist.
// Map viewport queries at 1 thousand to 1 million features: bench/geo.mjs (`--no-geo` skips them);
// the map element's time to idle over 100 thousand features in Chromium: bench/map-idle.mjs (`--no-map`);
// report creation throughput and the nearby-reports query: bench/reports.mjs (`--no-reports`);
// the first page of a debate with 10 thousand comments: bench/debate.mjs (`--no-debate`);
// Schulze results and the full recount of a ranked poll of 1 million ballots: bench/polls.mjs (`--no-polls`).
// Exits non-zero if a budget is missed. Not part of `npm test`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildElements, root } from '../demo/server.mjs';
import { KB, measureSizes } from '../bench/sizes.mjs';
import { hasWrk, measureThroughput, wrkHelp } from '../bench/throughput.mjs';
import { GEO_SIZES, SCREEN, geoBudgets, measureGeo } from '../bench/geo.mjs';
import { measureMapIdle } from '../bench/map-idle.mjs';
import { REPORT_SIZES, measureReports } from '../bench/reports.mjs';
import { DEBATE_BUDGET_MS, DEBATE_COMMENTS, measureDebate } from '../bench/debate.mjs';
import { RENDER_BUDGET_MS, RENDER_COMMENTS, measureDebateRender } from '../bench/debate-render.mjs';
import { POLL_BALLOTS, RECOUNT_BUDGET_MS, RESULTS_BUDGET_MS, measurePolls } from '../bench/polls.mjs';

const args = new Set(process.argv.slice(2));
const dist = join(root, 'packages/elements/dist');
const apiBudget = 0.6;
let failed = false;

/** Prints rows as a table with a header line; numbers are right-aligned. */
function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => (typeof cell === 'number' || /^[\d.,]+( KB| ms|%)?$/.test(cell) ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join('   ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('   '));
  for (const row of rows) console.log(line(row));
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const verdict = (pass) => (pass === undefined ? '' : pass ? 'pass' : 'FAIL');

if (!args.has('--no-build') || !existsSync(dist)) {
  console.log('Building the elements…');
  await buildElements();
}

console.log('\nBundle sizes (packages/elements/dist, 1 KB = 1024 bytes, gzip level 9)\n');
const sizes = measureSizes(dist);
table(
  ['bundle', 'minified', 'min+gzip', 'budget', ''],
  sizes.map((row) => [row.file, kb(row.minified), kb(row.gzip), row.budget === undefined ? '' : `${row.budget}.0 KB`, verdict(row.pass)]),
);
failed ||= sizes.some((row) => row.pass === false);

if (args.has('--sizes-only')) process.exit(failed ? 1 : 0);

console.log('\nAPI throughput (wrk -t2 -c10, loopback; medians of 5 alternating 3 s rounds)\n');
if (!hasWrk()) {
  console.log(wrkHelp);
} else {
  const duration = process.env.BENCH_DURATION ?? '3s';
  const result = await measureThroughput({ duration });
  const pass = result.ratio >= apiBudget;
  table(
    ['server', 'requests/s', 'p99', ''],
    [
      [`API GET ${result.path}`, Math.round(result.api.rps).toLocaleString('en-GB'), `${result.api.p99.toFixed(2)} ms`, ''],
      ['bare node:http, same bytes', Math.round(result.bare.rps).toLocaleString('en-GB'), `${result.bare.p99.toFixed(2)} ms`, ''],
      [`API / bare (budget ≥ ${apiBudget * 100}%)`, `${(result.ratio * 100).toFixed(0)}%`, '', verdict(pass)],
    ],
  );
  console.log(`\nratio in each round: ${result.ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(', ')}`);
  failed ||= !pass;
}

// Map viewports: `--no-geo` skips them; BENCH_GEO_SIZES=1000,100000 measures fewer sizes, BENCH_GEO_DURATION=5s longer rounds.
if (!args.has('--no-geo')) {
  const sizes = process.env.BENCH_GEO_SIZES ? process.env.BENCH_GEO_SIZES.split(',').map(Number) : GEO_SIZES;
  console.log(`\nMap viewport queries (seeded files cached in bench/.cache; ${SCREEN.width} x ${SCREEN.height} px viewports)\n`);
  const geo = await measureGeo({ sizes, duration: process.env.BENCH_GEO_DURATION });
  const ms = (n) => `${n.toFixed(2)} ms`;
  console.log('');
  table(
    ['features', 'seeded', 'file'],
    geo.seeds.map((s) => [s.size.toLocaleString('en-GB'), `${s.seedSeconds.toFixed(1)} s${s.cached ? ' (cached)' : ''}`, `${(s.bytes / 1024 / 1024).toFixed(0)} MB`]),
  );
  console.log(`\nquery: bare SpatialIndex.query in-process (limit ${geo.limit}, and 500 as DESIGN.md's budget allows); HTTP: GET …/contributions?bbox=&zoom= by ${geo.method},`);
  console.log('medians of 3 rounds; server CPU: the API process\'s CPU time per request; JSON and gzip: the largest viewport\n');
  table(
    ['features', 'view', 'zoom', 'query p50', 'query p99', 'p99 @500', 'HTTP p50', 'HTTP p99', 'server CPU', 'items ≤', 'clustered', 'JSON ≤', 'gzip ≤'],
    geo.rows.map((r) => [
      r.size.toLocaleString('en-GB'), r.view, r.zoom, ms(r.inProcess.p50), ms(r.inProcess.p99), ms(r.inProcess500.p99), ms(r.http.p50), ms(r.http.p99), ms(r.http.cpu),
      r.http.items, `${Math.round(r.http.clustered * 100)}%`, kb(r.http.json), kb(r.http.gzip),
    ]),
  );
  console.log('');
  const budgets = geoBudgets(geo);
  table(['map viewport budget', 'measured', 'budget', ''], budgets.map((b) => [b.what, b.value, b.budget, verdict(b.pass)]));
  failed ||= budgets.some((b) => !b.pass);
}

// The map in Chromium over 100 thousand features: `--no-map` skips it.
if (!args.has('--no-map')) {
  console.log(`\n<civic-map> from creation to idle, 100,000 features, ${SCREEN.width} x ${SCREEN.height} px, basemap none, Chromium with SwiftShader WebGL\n`);
  const idle = await measureMapIdle({ log: () => {} });
  if (idle.skipped) console.log(`skipped: ${idle.skipped}`);
  else {
    table(
      ['view', 'zoom', 'first map (cold) median', 'next map (warm) median', 'what the list shows', 'drawn'],
      idle.rows.map((r) => [r.view, r.zoom, `${Math.round(r.cold)} ms`, `${Math.round(r.warm)} ms`, r.shown, `${r.rendered} markers and clusters`]),
    );
    console.log(`\nmedians of ${idle.runs} fresh browser contexts; cold includes fetching and compiling maplibre and starting its worker. No budget in DESIGN.md: reported.`);
  }
}

// Reports: creation over HTTP and the form's nearby query, at 10 and 100 thousand reports. `--no-reports` skips them.
if (!args.has('--no-reports')) {
  const sizes = process.env.BENCH_REPORT_SIZES ? process.env.BENCH_REPORT_SIZES.split(',').map(Number) : REPORT_SIZES;
  console.log('\nReports: POST /v1/orgs/:org/reports (signed-in residents, confirmation email to the outbox) and the nearby query\n');
  const rows = await measureReports({ sizes, log: () => {} });
  const ms = (n) => `${n.toFixed(1)} ms`;
  table(
    ['reports', 'nearby p50', 'nearby p99', 'create 1 at a time', 'p50', 'create 8 at a time', 'p50', 'p99'],
    rows.map((r) => [
      r.size.toLocaleString('en-GB'), ms(r.nearby.p50), ms(r.nearby.p99),
      `${r.sequential.perSecond.toFixed(0)}/s`, ms(r.sequential.p50), `${r.parallel.perSecond.toFixed(0)}/s`, ms(r.parallel.p50), ms(r.parallel.p99),
    ]),
  );
  console.log('\nnearby: GET …/reports?near=&radius=250&category=&open=true&limit=5&sort=nearest at 400 fixed places, sequential, medians of 3 rounds.');
  console.log('No budget in DESIGN.md: reported.');
  if (rows.some((r) => r.sequential.failed + r.parallel.failed > 0)) failed = true;
}

// Debate: the first page of a discussion with 10 thousand comments. `--no-debate` skips it.
if (!args.has('--no-debate')) {
  console.log(`\nDebate: GET /v1/orgs/:org/comments?subject=…&sort= (first page, 20 threads with their replies, summary) over ${DEBATE_COMMENTS.toLocaleString('en-GB')} comments\n`);
  const debate = await measureDebate({ log: () => {} });
  const ms = (n) => `${n.toFixed(2)} ms`;
  table(
    ['sort', 'reader', 'p50', 'p99', 'answer', 'budget (p99)', ''],
    debate.rows.map((r) => [r.sort, r.reader, ms(r.p50), ms(r.p99), kb(r.bytes), `${DEBATE_BUDGET_MS} ms`, verdict(r.p99 < DEBATE_BUDGET_MS)]),
  );
  console.log(`\n${debate.method}, medians of three 5-second runs after 200 warm-up requests; comments seeded through the store in ${debate.seedSeconds.toFixed(1)} s.`);
  if (debate.rows.some((r) => r.p99 >= DEBATE_BUDGET_MS)) failed = true;

  // The element in Chromium: 500 comments from the answer's arrival to all of them in the DOM, and painted.
  console.log(`\n<civic-debate> rendering ${RENDER_COMMENTS} comments in Chromium (100 threads of 5, one page)\n`);
  const render = await measureDebateRender({ log: () => {} });
  if (render.skipped) console.log(`skipped: ${render.skipped}`);
  else {
    table(
      ['run', 'in the DOM', 'painted', 'budget', ''],
      [
        ['first (chunk fetched)', ms(render.cold.built), ms(render.cold.painted), '', ''],
        [`median of ${render.runs} more`, ms(render.built), ms(render.painted), `${RENDER_BUDGET_MS} ms`, verdict(render.painted < RENDER_BUDGET_MS)],
      ],
    );
    console.log('\nfrom the comments\' answer arriving (resource timing responseEnd) to the last of the 500 in the element\'s DOM, and to the next frame.');
    if (render.painted >= RENDER_BUDGET_MS) failed = true;
  }
}

// Polls: Schulze results over HTTP and the full recount, 20 options and 1 million ballots. `--no-polls` skips them;
// BENCH_POLL_BALLOTS=100000 seeds fewer.
if (!args.has('--no-polls')) {
  const count = process.env.BENCH_POLL_BALLOTS ? Number(process.env.BENCH_POLL_BALLOTS) : POLL_BALLOTS;
  console.log(`\nPolls: a ranked poll of 20 options and ${count.toLocaleString('en-GB')} ballots (Schulze)\n`);
  const polls = await measurePolls({ count, log: () => {} });
  const ms = (n) => `${n.toFixed(2)} ms`;
  const { recount } = polls;
  table(
    ['what', 'ballots', 'p50', 'p99 / median', 'budget', ''],
    [
      ...polls.rows.map((r) => [`GET …/polls/:id/results (${r.bytes.toLocaleString('en-GB')} bytes)`, r.ballots.toLocaleString('en-GB'), ms(r.p50), ms(r.p99), `${RESULTS_BUDGET_MS} ms`, verdict(r.p99 < RESULTS_BUDGET_MS)]),
      [`full recount, ${recount.workers ? `${recount.workers} worker threads` : 'one thread'} (median of 3)`, recount.ballots.toLocaleString('en-GB'), '', ms(recount.ms), `${RECOUNT_BUDGET_MS} ms`, verdict(recount.ms < RECOUNT_BUDGET_MS)],
      ['full recount, calling thread only (median of 3)', recount.ballots.toLocaleString('en-GB'), '', ms(recount.singleThreadMs), '', ''],
      ['recount = running tally = Schulze domain’s matrix', recount.turnout.toLocaleString('en-GB'), '', '', '', verdict(recount.matches && recount.equalsDomain)],
    ],
  );
  console.log(`\nresults: ${polls.method}; ballots seeded through the store in ${polls.seedSeconds.toFixed(1)} s (the last 1,000 cast one by one, 200 of them changed).`);
  if (polls.rows.some((r) => r.p99 >= RESULTS_BUDGET_MS) || recount.ms >= RECOUNT_BUDGET_MS || !recount.matches || !recount.equalsDomain) failed = true;
}

console.log(failed ? '\nSome budgets were missed.' : '\nEvery budget is met.');
process.exit(failed ? 1 : 0);
