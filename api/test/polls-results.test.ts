// Poll results: live or after closing (officers always), each kind's figures, the Schulze count with its
// matrices and ties, the anonymised ballot set as CSV and JSON (no user data, and recounting it gives the
// same results), the officers' recount, and organisation isolation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { BallotExport, Poll, PollResults, RecountReport, type Ballot } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
import { checkable, openPoll, parseCsv, pollBody, pollCast, POLLS, recountExport, results, vote, type PollCastPeople } from './support/polls.js';

let t: TestApp;
let people: PollCastPeople;
beforeEach(async () => {
  t = await buildTestApp({ accessTokenTtlSeconds: 30 * 86_400 });
  people = await pollCast(t);
});
afterEach(async () => {
  await t.close();
});

const officer = () => people.highways.accessToken;
const close = (id: string) => t.call('POST', `${POLLS}/${id}/close`, { token: officer() });
const exportOf = async (id: string, token?: string) => {
  const res = await t.call('GET', `${POLLS}/${id}/ballots.json`, token ? { token } : {});
  assert.equal(res.status, 200, res.text);
  return BallotExport.parse(res.json);
};
/** Ballot ids → the option ids of the poll, for the Schulze examples: "ACBED" ranks A first, C second… */
const order = (ids: readonly string[], names: string, ranking: string): Ballot => ({ kind: 'ranked', ranks: Object.fromEntries([...names].map((name, i) => [ids[i]!, ranking.indexOf(name) + 1])) });

/** The stored poll's rowid, for the store-level imports. */
async function rowidOf(id: string) {
  return (await t.store.polls.byId(t.org.id, id))!.rowid;
}

describe('who sees results when', () => {
  test('after-close: hidden from the public (results, turnout, exports) until the poll closes; officers see them all along', async () => {
    const poll = await openPoll(t, officer(), pollBody('single'));
    await vote(t, people.resident.accessToken, poll.id, { kind: 'single', choice: poll.ids[0]! });
    for (const token of [undefined, people.resident.accessToken, people.moderator.accessToken, people.foreignAdmin.accessToken]) {
      const hidden = await results(t, poll.id, token);
      assert.equal(hidden.status, 403);
      assert.equal(hidden.json.error.code, 'results_hidden');
      assert.match(hidden.json.error.message, /published when it closes/);
      assert.equal((await t.call('GET', `${POLLS}/${poll.id}/ballots.csv`, token ? { token } : {})).status, 403);
      assert.equal((await t.call('GET', `${POLLS}/${poll.id}/ballots.json`, token ? { token } : {})).status, 403);
      assert.equal(Poll.parse((await t.call('GET', `${POLLS}/${poll.id}`, token ? { token } : {})).json).turnout, null);
    }
    for (const token of [people.highways.accessToken, people.housing.accessToken, people.admin.accessToken]) {
      const seen = PollResults.parse((await results(t, poll.id, token)).json);
      assert.deepEqual([seen.turnout, seen.final, seen.status], [1, false, 'open']);
    }
    await close(poll.id);
    const final = PollResults.parse((await results(t, poll.id)).json);
    assert.deepEqual([final.turnout, final.final, final.status, final.winners], [1, true, 'closed', [poll.ids[0]]]);
    assert.equal(Poll.parse((await t.call('GET', `${POLLS}/${poll.id}`)).json).turnout, 1);
    assert.equal((await exportOf(poll.id)).ballots.length, 1);
  });

  test('live: anyone sees results while the poll is open; a closing time that passes makes them final', async () => {
    const poll = await openPoll(t, officer(), pollBody('approval', { results: 'live', closesAt: '2026-03-03T09:00:00Z' }));
    const before = PollResults.parse((await results(t, poll.id)).json);
    assert.deepEqual([before.turnout, before.winners], [0, []]);
    await vote(t, people.resident.accessToken, poll.id, { kind: 'approval', choices: [poll.ids[2]!] });
    const live = PollResults.parse((await results(t, poll.id)).json);
    assert.deepEqual([live.turnout, live.final, live.winners], [1, false, [poll.ids[2]]]);
    // The stream position moved on: the vote's results event (after the opening's status event).
    assert.ok(Number(live.lastEventId) > Number(before.lastEventId), `${before.lastEventId} then ${live.lastEventId}`);
    assert.equal(Poll.parse((await t.call('GET', `${POLLS}/${poll.id}`)).json).you?.canSeeResults, true);
    t.clock.advance(86_400_000);
    assert.equal(PollResults.parse((await results(t, poll.id)).json).final, true);
    // A draft has no public results at all; another organisation never sees them.
    const drafted = await t.call('POST', POLLS, { token: officer(), body: pollBody('single', { results: 'live' }) });
    assert.equal((await results(t, drafted.json.id)).status, 404);
    assert.equal((await results(t, drafted.json.id, officer())).status, 200);
    assert.equal((await results(t, poll.id, people.foreignAdmin.accessToken, 'other-org')).status, 404);
  });
});

describe('the Schulze count', () => {
  test('Wikipedia’s 45 voters: the API’s d, p and ranking E > A > C > B > D; a place per tier', async () => {
    const poll = await openPoll(t, officer(), pollBody('ranked', { results: 'live', options: [...'ABCDE'].map((label) => ({ label })) }));
    const groups: [number, string][] = [[5, 'ACBED'], [5, 'ADECB'], [8, 'BEDAC'], [3, 'CABED'], [7, 'CAEBD'], [2, 'CBADE'], [7, 'DCEBA'], [8, 'EBADC']];
    // Forty-four ballots imported, as paper ballots would be; the forty-fifth cast over HTTP.
    const imported = groups.flatMap(([count, ranking], g) => Array.from({ length: g === 0 ? count - 1 : count }, () => [...'ABCDE'].map((name) => String(ranking.indexOf(name) + 1)).join('')));
    await t.store.polls.importBallots(t.org.id, await rowidOf(poll.id), imported);
    await vote(t, people.resident.accessToken, poll.id, order(poll.ids, 'ABCDE', 'ACBED'));
    const res = PollResults.parse((await results(t, poll.id)).json);
    assert.equal(res.turnout, 45);
    assert.deepEqual(res.schulze!.d, [
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    assert.deepEqual(res.schulze!.p, [
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    const label = (id: string) => poll.options.find((o) => o.id === id)!.label;
    assert.equal(res.schulze!.ranking.map((tier) => tier.map(label).join('=')).join(' > '), 'E > A > C > B > D');
    assert.deepEqual(res.winners.map(label), ['E']);
    assert.deepEqual(res.options.map((o) => [o.label, o.place]), [['A', 2], ['B', 4], ['C', 3], ['D', 5], ['E', 1]]);
  });

  test('winners that tie are reported as a tie, exactly as Schulze defines it', async () => {
    const poll = await openPoll(t, officer(), pollBody('ranked', { results: 'live', options: [...'ABC'].map((label) => ({ label })) }));
    const voters = [people.resident, people.neighbour, people.moderator];
    // A cycle of equal strength: A > B > C, B > C > A, C > A > B.
    for (const [i, ranking] of ['ABC', 'BCA', 'CAB'].entries()) await vote(t, voters[i]!.accessToken, poll.id, order(poll.ids, 'ABC', ranking));
    const res = PollResults.parse((await results(t, poll.id)).json);
    assert.deepEqual(res.schulze!.ranking, [poll.ids]);
    assert.deepEqual(res.winners, poll.ids);
    assert.deepEqual(res.options.map((o) => o.place), [1, 1, 1]);
  });
});

describe('the ballot set', () => {
  const kinds = [
    ['ranked', (ids: string[], i: number): Ballot => ({ kind: 'ranked', ranks: i % 3 === 0 ? { [ids[i % 4]!]: 1 } : { [ids[(i + 1) % 4]!]: 1, [ids[(i + 2) % 4]!]: 2, [ids[i % 4]!]: 2 } })],
    ['score', (ids: string[], i: number): Ballot => ({ kind: 'score', scores: { [ids[i % 4]!]: 5, [ids[(i + 1) % 4]!]: i % 6 } })],
    ['multiple', (ids: string[], i: number): Ballot => ({ kind: 'multiple', choices: [ids[i % 4]!, ids[(i + 3) % 4]!] })],
    ['single', (ids: string[], i: number): Ballot => ({ kind: 'single', choice: ids[i % 3]! })],
    ['approval', (ids: string[], i: number): Ballot => ({ kind: 'approval', choices: ids.slice(0, i % 4) })],
  ] as const;

  for (const [kind, ballotFor] of kinds) {
    test(`${kind}: the JSON and CSV exports hold no user data, and recounting them gives the API’s results`, async () => {
      const poll = await openPoll(t, officer(), pollBody(kind, { results: 'live' }, 4));
      const voters = Object.values(people).slice(0, 7);
      const receipts: string[] = [];
      for (const [i, person] of voters.entries()) receipts.push((await vote(t, person.accessToken, poll.id, ballotFor(poll.ids, i))).receipt);
      // One voter changes their mind: the set holds their new ballot only.
      receipts[0] = (await vote(t, voters[0]!.accessToken, poll.id, ballotFor(poll.ids, 11))).receipt;
      const res = PollResults.parse((await results(t, poll.id)).json);
      const exported = await exportOf(poll.id);
      assert.equal(exported.turnout, voters.length);
      assert.equal(exported.ballots.length, voters.length);
      assert.deepEqual(recountExport(exported), checkable(res));
      const hashes = receipts.map((code) => createHash('sha256').update(code.replace(/-/g, '')).digest('hex'));
      assert.deepEqual(exported.ballots.map((b) => b.receipt).sort(), [...hashes].sort());
      const raw = JSON.stringify(exported);
      for (const person of voters) assert.ok(!raw.includes(person.user.id));
      assert.ok(!/@test\.example|Sam Resident|Staff Member|2026-/.test(raw), 'no emails, names or times');

      const csv = await t.call('GET', `${POLLS}/${poll.id}/ballots.csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename=".+-ballots\.csv"/);
      const rows = parseCsv(csv.text);
      assert.deepEqual(rows[0]!.slice(1), poll.options.map((o) => o.label));
      assert.match(rows[0]![0]!, /^receipt/);
      const fromCsv: BallotExport = { ...exported, ballots: rows.slice(1).map(([receipt, ...choices]) => ({ receipt: receipt!, choices: choices.map(Number) })) };
      assert.deepEqual(recountExport(fromCsv), checkable(res));
      assert.ok(!csv.text.includes(voters[1]!.user.id));
    });
  }

  test('ballots imported without a voter have no receipt; a large set streams page by page and still recounts', async () => {
    const poll = await openPoll(t, officer(), pollBody('ranked', { results: 'live' }, 3));
    const imported = Array.from({ length: 12_345 }, (_, i) => ['123', '210', '021', '100', '000', '112'][i % 6]!);
    await t.store.polls.importBallots(t.org.id, await rowidOf(poll.id), imported);
    await vote(t, people.resident.accessToken, poll.id, { kind: 'ranked', ranks: { [poll.ids[2]!]: 1 } });
    const exported = await exportOf(poll.id);
    assert.equal(exported.ballots.length, 12_346);
    assert.equal(exported.ballots.filter((b) => b.receipt === null).length, 12_345);
    assert.deepEqual(recountExport(exported), checkable(PollResults.parse((await results(t, poll.id)).json)));
    const csvRows = parseCsv((await t.call('GET', `${POLLS}/${poll.id}/ballots.csv`)).text);
    assert.equal(csvRows.length, 12_347);
  });
});

describe('the recount', () => {
  test('officers recount every stored ballot; it equals the running tally; residents may not ask', async () => {
    const poll = await openPoll(t, officer(), pollBody('ranked', {}, 5));
    const digits = '012345';
    const imported = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 5 }, (_, j) => digits[(i * (j + 3) + j) % 6]!).join(''));
    await t.store.polls.importBallots(t.org.id, await rowidOf(poll.id), imported);
    await vote(t, people.resident.accessToken, poll.id, { kind: 'ranked', ranks: { [poll.ids[1]!]: 1, [poll.ids[3]!]: 2 } });
    await vote(t, people.resident.accessToken, poll.id, { kind: 'ranked', ranks: { [poll.ids[4]!]: 1 } });
    const res = await t.call('POST', `${POLLS}/${poll.id}/recount`, { token: officer() });
    assert.equal(res.status, 200, res.text);
    const report = RecountReport.parse(res.json);
    assert.deepEqual([report.matches, report.turnout, report.ballotsRead], [true, 3001, 3001]);
    const running = PollResults.parse((await results(t, poll.id, officer())).json);
    assert.deepEqual(report.results.schulze, running.schulze);
    assert.deepEqual(report.results.winners, running.winners);
    assert.equal((await t.call('POST', `${POLLS}/${poll.id}/recount`, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('POST', `${POLLS}/${poll.id}/recount`)).status, 401);
    assert.equal((await t.call('POST', `/v1/orgs/other-org/polls/${poll.id}/recount`, { token: people.foreignAdmin.accessToken })).status, 404);
  });
});
