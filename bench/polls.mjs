// Polls (issue 6): a ranked poll of 20 options and 1,000,000 ballots. Measures reading its Schulze
// results over HTTP (`GET /v1/orgs/:org/polls/:id/results`, p50/p99; DESIGN.md: under 5 ms at any ballot
// count, so a poll of 1,000 ballots is measured beside it) and the full recount from the stored ballots
// (median of 3; DESIGN.md: under 1 s), and checks that the recount equals the running tally, and that
// both equal the Schulze domain's own pairwise matrix of the same ballots. Ballots are written through
// the store: most imported in one transaction, the last thousand cast one by one as voters would (some
// changed afterwards), so the running tally is the one ballots keep up to date.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { freePort, root, startApi, stopChild, waitForApi } from '../demo/server.mjs';
import { fetchAgain, nodeLatency, wrkLatency } from './latency.mjs';
import { median, random } from './stats.mjs';
import { hasWrk } from './throughput.mjs';

export const POLL_BALLOTS = 1_000_000;
export const POLL_OPTIONS = 20;
export const RESULTS_BUDGET_MS = 5;
export const RECOUNT_BUDGET_MS = 1000;
const ORG = 'bench';
const CAST = 1000;
const CHANGED = 200;
const SMALL = 1000;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const load = (path) => tsImport(join(root, path), import.meta.url);

/** A ranked ballot as the store keeps it: a random order of the options, the last few often left unranked, some ties. */
function ballotMaker(seed, n) {
  const rnd = random(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const ranks = new Array(n);
  return () => {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const ranked = 3 + Math.floor(rnd() * (n - 2));
    let rank = 0;
    for (let k = 0; k < n; k++) {
      if (k >= ranked) ranks[order[k]] = 0;
      else {
        if (k === 0 || rnd() > 0.1) rank += 1; // one in ten ties with the option before it
        ranks[order[k]] = rank;
      }
    }
    return ranks.map((r) => ALPHABET[r]).join('');
  };
}

async function createPoll(store, org, title, n) {
  const now = new Date();
  const options = Array.from({ length: n }, (_, i) => ({ label: `Project ${i + 1}`, description: null, image: null, location: null }));
  const poll = await store.polls.create(org.id, { title, description: '', kind: 'ranked', minChoices: null, maxChoices: null, eligibility: 'verified', results: 'live', opensAt: null, closesAt: null, createdBy: null, options }, now);
  return store.polls.open(org.id, poll.rowid, now);
}

/** Seeds both polls; returns their ids, the seeding time and the domain's pairwise matrix of the big poll's ballots. */
async function seed(dataDir, count) {
  const [{ openSqliteStore }, { ballotKeyring, newReceipt, receiptHash, voterKey }, { pairwise }, { choiceValues }] = await Promise.all([
    load('api/src/store/sqlite/index.ts'),
    load('api/src/polls/secrecy.ts'),
    load('api/src/domain/schulze.ts'),
    load('api/src/domain/ballots.ts'),
  ]);
  const started = performance.now();
  const store = openSqliteStore(join(dataDir, 'civic.db'));
  try {
    const org = await store.orgs.create({ slug: ORG, name: 'Bench Borough Council', map: { center: [-0.08, 51.47], zoom: 13, extent: [-0.125, 51.42, -0.03, 51.51] } }, new Date());
    const small = await createPoll(store, org, 'A small poll', POLL_OPTIONS);
    const big = await createPoll(store, org, 'Which project should the neighbourhood fund?', POLL_OPTIONS);
    const next = ballotMaker(6, POLL_OPTIONS);
    await store.polls.importBallots(org.id, small.rowid, Array.from({ length: SMALL }, next));

    const cast = Math.min(CAST, count);
    const imported = Array.from({ length: count - cast }, next);
    await store.polls.importBallots(org.id, big.rowid, imported);
    const keyring = ballotKeyring('bench secret: not a real one, long enough to be one');
    const voters = [];
    for (let i = 0; i < cast; i++) voters.push(await store.users.create({ email: `voter${i}@bench.example`, name: `Voter ${i}`, locale: 'en' }, new Date()));
    const finalBallots = new Map();
    const castOne = async (voter) => {
      const choices = next();
      await store.polls.cast(org.id, big.rowid, { userId: voter.id, voterKey: voterKey(keyring, big.id, voter.id), receiptHash: receiptHash(newReceipt()), choices }, new Date());
      finalBallots.set(voter.id, choices);
    };
    for (const voter of voters) await castOne(voter);
    for (const voter of voters.slice(0, Math.min(CHANGED, cast))) await castOne(voter);
    const seedSeconds = (performance.now() - started) / 1000;

    // The Schulze domain's matrix of exactly the ballots stored, to check the store's against.
    const stored = function* () {
      for (const choices of [imported, finalBallots.values()].flatMap((list) => [...list])) yield { ranks: choiceValues(choices).map((v) => (v === 0 ? null : v)) };
    };
    const expected = pairwise(POLL_OPTIONS, stored());
    return { store, org, small, big, seedSeconds, expected };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Recounts three times (and three more on this thread alone); checks every figure against the others. */
async function recounts(store, org, poll, expected) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await store.polls.recount(org.id, poll.rowid));
  const single = [];
  for (let i = 0; i < 3; i++) single.push(await store.polls.recount(org.id, poll.rowid, { workers: 0 }));
  const stored = await store.polls.tally(org.id, poll.rowid);
  const flat = expected.flat();
  const equalsDomain = Array.from(stored.tally).every((value, i) => value === flat[i]);
  return {
    ms: median(runs.map((r) => r.milliseconds)),
    singleThreadMs: median(single.map((r) => r.milliseconds)),
    workers: runs[0].workers,
    ballots: runs[0].ballots,
    turnout: stored.turnout,
    matches: [...runs, ...single].every((r) => r.matches),
    equalsDomain,
  };
}

/** Results read as a browser reads them, like the other benches' latencies: wrk over one keep-alive connection (medians of three 5-second runs). */
async function latency(base, dataDir, pollId) {
  const path = `/v1/orgs/${ORG}/polls/${pollId}/results`;
  let body = '';
  for (let i = 0; i < 100; i++) {
    const response = await fetchAgain(base + path);
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    body = await response.text();
  }
  const runs = [];
  for (let run = 0; run < 3; run++) runs.push(hasWrk() ? wrkLatency(base, [path], dataDir, '5s') : await nodeLatency(base, [path], 5));
  const results = JSON.parse(body);
  return { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), bytes: Buffer.byteLength(body), turnout: results.turnout, winners: results.winners.length };
}

/** Seeds a fresh SQLite file, recounts through the store, then starts the API on it and reads results over HTTP. */
export async function measurePolls({ count = POLL_BALLOTS, log = console.log } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-polls-bench-'));
  try {
    log(`Seeding a ranked poll of ${POLL_OPTIONS} options with ${count.toLocaleString('en-GB')} ballots…`);
    const seeded = await seed(dataDir, count);
    let recount;
    try {
      log('Recounting…');
      recount = await recounts(seeded.store, seeded.org, seeded.big, seeded.expected);
    } finally {
      await seeded.store.close();
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = startApi({ port, dataDir, log: false, env: { PUBLIC_URL: base, SEED: 'false', DEV_ROUTES: 'false' } });
    try {
      await waitForApi(api, base);
      const rows = [];
      rows.push({ ballots: SMALL, ...(await latency(base, dataDir, seeded.small.id)) });
      rows.push({ ballots: count, ...(await latency(base, dataDir, seeded.big.id)) });
      return { count, options: POLL_OPTIONS, seedSeconds: seeded.seedSeconds, recount, rows, method: hasWrk() ? 'wrk -t1 -c1 (one connection, sequential keep-alive requests), medians of three 5-second runs after 100 warm-up requests' : 'sequential keep-alive fetches from Node' };
    } finally {
      await stopChild(api);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = process.env.BENCH_POLL_BALLOTS ? Number(process.env.BENCH_POLL_BALLOTS) : POLL_BALLOTS;
  console.log(JSON.stringify(await measurePolls({ count }), null, 1));
}
