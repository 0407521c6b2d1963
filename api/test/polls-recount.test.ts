// The pieces behind poll results, without HTTP: ballots checked and kept as text, the running tally
// (each kind, ballots added and taken back), the fast full recount (bit-sliced counters, pair-by-pair
// counting beyond 32 options, worker threads) always equal to the Schulze domain's pairwise matrix and to
// the running tally, receipts and voter keys, and where a poll stands in time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PollKind } from '@civic-elements/protocol';
import { ballotOf, checkBallot, choiceValues, CHOICE_ALPHABET, denseRanks } from '../src/domain/ballots.js';
import { pollPhase } from '../src/domain/poll-phase.js';
import { pairwise } from '../src/domain/schulze.js';
import { addToTally, emptyTally, matrixOf, resultsOf, tallyBytes, tallyFromBytes } from '../src/domain/tally.js';
import { ballotKeyring, newReceipt, normaliseReceipt, receiptHash, voterKey } from '../src/polls/secrecy.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/index.js';
import { createCounter } from '../src/store/sqlite/poll-count.mjs';
import type { OrgRecord, PollRecord } from '../src/store/types.js';

/** A deterministic source of numbers in [0, 1) (mulberry32), so a failure can be repeated. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random ballot's choices for a poll of `n` options: ranks with ties and unranked options, scores, or 0/1 choices. */
function randomChoices(rnd: () => number, kind: PollKind, n: number): string {
  const values = Array.from({ length: n }, () => 0);
  if (kind === 'ranked') {
    for (let i = 0; i < n; i++) values[i] = rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * n);
    return denseRanks(values).map((v) => CHOICE_ALPHABET[v]).join('');
  }
  if (kind === 'score') return values.map(() => CHOICE_ALPHABET[Math.floor(rnd() * 6)]).join('');
  if (kind === 'single') values[Math.floor(rnd() * n)] = 1;
  else for (let i = 0; i < n; i++) values[i] = rnd() < 0.4 ? 1 : 0;
  return values.map((v) => CHOICE_ALPHABET[v]).join('');
}

const rankedArray = (choices: string) => choiceValues(choices).map((v) => (v === 0 ? null : v));

describe('ballots as text', () => {
  const rules = (kind: PollKind, extra: { minChoices?: number; maxChoices?: number } = {}) => ({ kind, optionIds: ['a', 'b', 'c', 'd'], minChoices: extra.minChoices ?? null, maxChoices: extra.maxChoices ?? null });

  test('each kind is written one character per option and read back as the wire ballot', () => {
    const cases = [
      [rules('single'), { kind: 'single', choice: 'c' }, '0010'],
      [rules('multiple', { minChoices: 2 }), { kind: 'multiple', choices: ['d', 'a'] }, '1001'],
      [rules('approval'), { kind: 'approval', choices: [] }, '0000'],
      [rules('score'), { kind: 'score', scores: { b: 5, c: 0 } }, '0500'],
      [rules('ranked'), { kind: 'ranked', ranks: { d: 4, b: 2, a: 4 } }, '2102'],
    ] as const;
    for (const [rule, ballot, text] of cases) {
      const check = checkBallot(rule, ballot as never);
      assert.deepEqual(check, { ok: true, choices: text }, JSON.stringify(ballot));
    }
    assert.deepEqual(ballotOf('ranked', ['a', 'b', 'c', 'd'], '2102'), { kind: 'ranked', ranks: { a: 2, b: 1, d: 2 } });
    assert.deepEqual(ballotOf('score', ['a', 'b', 'c', 'd'], '0500'), { kind: 'score', scores: { a: 0, b: 5, c: 0, d: 0 } });
    assert.deepEqual(ballotOf('multiple', ['a', 'b', 'c', 'd'], '1001'), { kind: 'multiple', choices: ['a', 'd'] });
    assert.deepEqual(denseRanks([0, 5, 5, 9, 2]), [0, 2, 2, 3, 1]);
  });

  test('refusals name the field', () => {
    assert.deepEqual(checkBallot(rules('multiple', { minChoices: 2, maxChoices: 2 }), { kind: 'multiple', choices: ['a', 'b', 'c'] }), { ok: false, fields: { choices: 'Choose exactly 2 options.' } });
    assert.deepEqual(checkBallot(rules('single'), { kind: 'ranked', ranks: {} }), { ok: false, fields: { kind: 'This poll takes a single ballot, not a ranked one.' } });
    const ranks = checkBallot(rules('ranked'), { kind: 'ranked', ranks: { a: 5, z: 1 } });
    assert.equal(ranks.ok, false);
    assert.deepEqual(Object.keys(!ranks.ok ? ranks.fields : {}).sort(), ['ranks.a', 'ranks.z']);
  });
});

describe('the running tally', () => {
  test('adding ballots and taking them back leaves exactly the remaining ballots’ count, for each kind', () => {
    const rnd = random(7);
    for (const kind of ['single', 'multiple', 'approval', 'score', 'ranked'] as const) {
      const n = 6;
      const tally = emptyTally(kind, n);
      const kept: string[] = [];
      for (let i = 0; i < 400; i++) {
        const choices = randomChoices(rnd, kind, n);
        addToTally(tally, kind, choices, 1);
        if (i % 3 === 0) addToTally(tally, kind, choices, -1);
        else kept.push(choices);
      }
      const counter = createCounter(kind, n);
      counter.add(kept.join(''));
      assert.deepEqual(Array.from(tally), Array.from(counter.finish().tally), kind);
      assert.deepEqual(Array.from(tallyFromBytes(tallyBytes(tally))), Array.from(tally));
      if (kind === 'ranked') assert.deepEqual(matrixOf(tally, n), pairwise(n, kept.map((c) => ({ ranks: rankedArray(c) }))));
    }
  });

  test('results of each kind: counts and shares, score sums, means and histograms, places with ties, no winner before any ballot', () => {
    const counts = resultsOf('single', 3, Int32Array.from([2, 2, 1]), 5);
    assert.deepEqual(counts.options.map((o) => [o.votes, o.share, o.place]), [[2, 0.4, 1], [2, 0.4, 1], [1, 0.2, 3]]);
    assert.deepEqual(counts.winners, [0, 1]);
    assert.deepEqual(resultsOf('approval', 2, Int32Array.from([0, 0]), 0).winners, []);
    const scores = resultsOf('score', 2, Int32Array.from([0, 0, 0, 0, 0, 2, 1, 0, 0, 1, 0, 0]), 2);
    assert.deepEqual(scores.options.map((o) => [o.scoreSum, o.scoreMean, o.place]), [[10, 5, 1], [3, 1.5, 2]]);
    assert.deepEqual(resultsOf('ranked', 3, new Int32Array(9), 0).winners, []);
  });
});

describe('the fast count', () => {
  test('bit-sliced counters equal the Schulze domain’s pairwise matrix, from 2 to 32 options, with ties and unranked options', () => {
    const rnd = random(42);
    for (const n of [2, 3, 7, 20, 31, 32]) {
      const ballots = Array.from({ length: 3000 }, () => randomChoices(rnd, 'ranked', n));
      const counter = createCounter('ranked', n);
      // In pieces, as the recount reads them.
      for (let i = 0; i < ballots.length; i += 700) counter.add(ballots.slice(i, i + 700).join(''));
      const { tally, ballots: counted } = counter.finish();
      assert.equal(counted, 3000);
      assert.deepEqual(matrixOf(tally, n), pairwise(n, ballots.map((c) => ({ ranks: rankedArray(c) }))), `${n} options`);
    }
  });

  test('beyond 32 options the count goes pair by pair, and equals the domain too; past 65,535 ballots the planes flush', () => {
    const rnd = random(3);
    const wide = Array.from({ length: 500 }, () => randomChoices(rnd, 'ranked', 45));
    const counter = createCounter('ranked', 45);
    counter.add(wide.join(''));
    assert.deepEqual(matrixOf(counter.finish().tally, 45), pairwise(45, wide.map((c) => ({ ranks: rankedArray(c) }))));
    const many = createCounter('ranked', 3);
    many.add('123'.repeat(70_000) + '010'.repeat(5));
    assert.deepEqual(Array.from(many.finish().tally), [0, 70_000, 70_000, 5, 0, 70_005, 0, 0, 0]);
  });

  test('a malformed stored ballot stops the count instead of miscounting', () => {
    assert.throws(() => createCounter('ranked', 3).add('12'), /3 characters long/);
    assert.throws(() => createCounter('ranked', 3).add('129'), /ranked ballot of 3 options/);
    assert.throws(() => createCounter('score', 2).add('07'), /score ballot/);
    assert.throws(() => createCounter('single', 2).add('02'), /single ballot/);
  });
});

describe('the store’s tally and recount', () => {
  let dir: string;
  let store: SqliteStore;
  let org: OrgRecord;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civic-polls-recount-'));
    store = openSqliteStore(join(dir, 'civic.db'));
    org = await store.orgs.create({ slug: 'recount', name: 'Recount Council', map: { center: [-0.09, 51.47], zoom: 13, extent: [-0.11, 51.42, -0.03, 51.51] } }, new Date());
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openPoll(kind: PollKind, n: number): Promise<PollRecord> {
    const now = new Date();
    const poll = await store.polls.create(
      org.id,
      { title: `A ${kind} poll`, description: '', kind, minChoices: null, maxChoices: null, eligibility: 'verified', results: 'live', opensAt: null, closesAt: null, createdBy: null, options: Array.from({ length: n }, (_, i) => ({ label: `Option ${i}`, description: null, image: null, location: null })) },
      now,
    );
    return store.polls.open(org.id, poll.rowid, now);
  }

  const keyring = ballotKeyring('a test secret that is long enough to be one');

  test('cast ballots, changed ballots and imported ballots: the recount equals the running tally, for each kind', async () => {
    const rnd = random(11);
    for (const kind of ['single', 'multiple', 'approval', 'score', 'ranked'] as const) {
      const poll = await openPoll(kind, 5);
      const voters = await Promise.all(Array.from({ length: 30 }, (_, i) => store.users.create({ email: `${kind}${i}@recount.example`, name: `Voter ${i}`, locale: 'en' }, new Date())));
      for (let round = 0; round < 3; round++) {
        for (const voter of voters) {
          if (round > 0 && rnd() < 0.5) continue;
          const cast = await store.polls.cast(org.id, poll.rowid, { userId: voter.id, voterKey: voterKey(keyring, poll.id, voter.id), receiptHash: receiptHash(newReceipt()), choices: randomChoices(rnd, kind, 5) }, new Date());
          assert.equal(cast.changed, round > 0);
        }
      }
      await store.polls.importBallots(org.id, poll.rowid, Array.from({ length: 200 }, () => randomChoices(rnd, kind, 5)));
      const recount = await store.polls.recount(org.id, poll.rowid, { workers: 0 });
      assert.equal(recount.matches, true, kind);
      assert.deepEqual([recount.turnout, recount.ballots, recount.workers], [230, 230, 0]);
      assert.deepEqual(Array.from(recount.tally), Array.from((await store.polls.tally(org.id, poll.rowid))!.tally));
    }
  });

  test('worker threads count ranges of ballot ids and add up to the same tally', async () => {
    const rnd = random(5);
    const poll = await openPoll('ranked', 20);
    await store.polls.importBallots(org.id, poll.rowid, Array.from({ length: 20_000 }, () => randomChoices(rnd, 'ranked', 20)));
    const inWorkers = await store.polls.recount(org.id, poll.rowid, { workers: 2, workerThreshold: 1 });
    assert.equal(inWorkers.workers, 2);
    assert.equal(inWorkers.matches, true);
    assert.equal(inWorkers.ballots, 20_000);
    const here = await store.polls.recount(org.id, poll.rowid, { workers: 0 });
    assert.deepEqual(Array.from(inWorkers.tally), Array.from(here.tally));
  });

  test('a second ballot for one voter is impossible: the voter’s key is unique, and a lost key is refused rather than counted twice', async () => {
    const poll = await openPoll('single', 2);
    const voter = await store.users.create({ email: 'twice@recount.example', name: 'Twice', locale: 'en' }, new Date());
    const cast = (key: Buffer) => store.polls.cast(org.id, poll.rowid, { userId: voter.id, voterKey: key, receiptHash: receiptHash(newReceipt()), choices: '10' }, new Date());
    await cast(voterKey(keyring, poll.id, voter.id));
    // The key under another SECRET: the voter row says they voted, the ballot cannot be found, nothing is added.
    await assert.rejects(cast(voterKey(ballotKeyring('another secret, also long enough to be one'), poll.id, voter.id)), /can no longer be found/);
    assert.equal((await store.polls.tally(org.id, poll.rowid))!.turnout, 1);
    // Closed: refused inside the transaction.
    await store.polls.close(org.id, poll.rowid, new Date());
    await assert.rejects(cast(voterKey(keyring, poll.id, voter.id)), { name: 'PollNotOpenError' });
  });
});

describe('receipts, voter keys and time', () => {
  test('receipts: 100 random bits in Crockford base 32, read forgivingly, stored hashed', () => {
    const codes = new Set(Array.from({ length: 200 }, newReceipt));
    assert.equal(codes.size, 200);
    for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const code = [...codes][0]!;
    assert.equal(normaliseReceipt(` ${code.toLowerCase().replace(/-/g, ' ')} `), code.replace(/-/g, ''));
    assert.equal(normaliseReceipt('ILO0-ILO0-ILO0-ILO0-ILO0'), '1100'.repeat(5));
    assert.equal(normaliseReceipt('too short'), null);
    assert.equal(normaliseReceipt('UUUU-UUUU-UUUU-UUUU-UUUU'), null);
    assert.equal(receiptHash(code).length, 32);
    assert.deepEqual(receiptHash(code), receiptHash(code.toLowerCase()));
  });

  test('voter keys depend on the secret, the poll and the person, and on nothing else', () => {
    const keyring = ballotKeyring('the server secret, thirty-two characters or more');
    assert.deepEqual(voterKey(keyring, 'poll1', 'user1'), voterKey(ballotKeyring('the server secret, thirty-two characters or more'), 'poll1', 'user1'));
    assert.notDeepEqual(voterKey(keyring, 'poll1', 'user1'), voterKey(keyring, 'poll2', 'user1'));
    assert.notDeepEqual(voterKey(keyring, 'poll1', 'user1'), voterKey(keyring, 'poll1', 'user2'));
    assert.notDeepEqual(voterKey(keyring, 'poll1\nuser', '1'), voterKey(keyring, 'poll1', 'user\n1'));
    assert.notDeepEqual(voterKey(keyring, 'poll1', 'user1'), voterKey(ballotKeyring('another server secret, thirty-two characters'), 'poll1', 'user1'));
  });

  test('a poll’s phase: drafts, not yet open, open, past closesAt, closed by an officer', () => {
    const at = new Date('2026-03-02T09:00:00.000Z');
    const poll = { status: 'open' as const, opensAt: '2026-03-02T10:00:00.000Z', closesAt: '2026-03-03T09:00:00.000Z', closedAt: null };
    assert.deepEqual(pollPhase({ ...poll, status: 'draft' }, at), { status: 'draft', accepting: false, notYet: false, closedAt: null });
    assert.deepEqual(pollPhase(poll, at), { status: 'open', accepting: false, notYet: true, closedAt: null });
    assert.deepEqual(pollPhase(poll, new Date('2026-03-02T10:00:00.000Z')), { status: 'open', accepting: true, notYet: false, closedAt: null });
    assert.deepEqual(pollPhase(poll, new Date('2026-03-03T09:00:00.000Z')), { status: 'closed', accepting: false, notYet: false, closedAt: '2026-03-03T09:00:00.000Z' });
    assert.deepEqual(pollPhase({ ...poll, status: 'closed', closedAt: '2026-03-02T12:00:00.000Z' }, at).closedAt, '2026-03-02T12:00:00.000Z');
  });
});
