// Polls, the voter's side: a ballot of each kind and everything checked in it, changing a ballot and
// what the tally does then, who may vote (each eligibility mode, verified residents), polls that take no
// ballots, one's own ballot, receipts, and the secret ballot as the database keeps it.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { BallotReceipt, MyBallot, Poll, PollResults, ReceiptStatus, VerifiedResidentPage } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
import { castAs, openPoll, pollBody, pollCast, POLLS, results, unconfirmedSession, vote, type PollCastPeople } from './support/polls.js';

let t: TestApp;
let people: PollCastPeople;
beforeEach(async () => {
  t = await buildTestApp({ accessTokenTtlSeconds: 30 * 86_400 });
  people = await pollCast(t);
});
afterEach(async () => {
  await t.close();
});

const DAY = 86_400_000;
const officer = () => people.highways.accessToken;
const tallyOf = async (id: string) => PollResults.parse((await results(t, id, officer())).json);

describe('casting a ballot of each kind', () => {
  test('single, multiple, approval, score and ranked ballots are counted and answered as counted, with a receipt', async () => {
    const single = await openPoll(t, officer(), pollBody('single'));
    const first = await castAs(t, people.resident.accessToken, single.id, { kind: 'single', choice: single.ids[1]! });
    assert.equal(first.status, 201, first.text);
    const receipt = BallotReceipt.parse(first.json);
    assert.match(receipt.receipt, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    assert.equal(receipt.changed, false);
    assert.deepEqual(receipt.ballot, { kind: 'single', choice: single.ids[1] });
    await vote(t, people.neighbour.accessToken, single.id, { kind: 'single', choice: single.ids[1]! });
    await vote(t, people.moderator.accessToken, single.id, { kind: 'single', choice: single.ids[0]! });
    const singleResults = await tallyOf(single.id);
    assert.equal(singleResults.turnout, 3);
    assert.deepEqual(singleResults.options.map((o) => [o.votes, o.place]), [[1, 2], [2, 1], [0, 3]]);
    assert.deepEqual(singleResults.winners, [single.ids[1]]);
    assert.ok(Math.abs(singleResults.options[1]!.share! - 2 / 3) < 1e-9);

    const multiple = await openPoll(t, officer(), pollBody('multiple', { minChoices: 2, maxChoices: 2 }, 4));
    await vote(t, people.resident.accessToken, multiple.id, { kind: 'multiple', choices: [multiple.ids[0]!, multiple.ids[2]!] });
    await vote(t, people.neighbour.accessToken, multiple.id, { kind: 'multiple', choices: [multiple.ids[2]!, multiple.ids[3]!] });
    const multipleResults = await tallyOf(multiple.id);
    assert.deepEqual(multipleResults.options.map((o) => o.votes), [1, 0, 2, 1]);
    assert.deepEqual(multipleResults.winners, [multiple.ids[2]]);

    const approval = await openPoll(t, officer(), pollBody('approval'));
    await vote(t, people.resident.accessToken, approval.id, { kind: 'approval', choices: [approval.ids[0]!, approval.ids[1]!] });
    const none = await vote(t, people.neighbour.accessToken, approval.id, { kind: 'approval', choices: [] });
    assert.deepEqual(none.ballot, { kind: 'approval', choices: [] });
    const approvalResults = await tallyOf(approval.id);
    assert.equal(approvalResults.turnout, 2);
    assert.deepEqual(approvalResults.options.map((o) => o.votes), [1, 1, 0]);
    assert.deepEqual(approvalResults.winners, [approval.ids[0], approval.ids[1]], 'a tie: both win');

    const score = await openPoll(t, officer(), pollBody('score'));
    const scored = await vote(t, people.resident.accessToken, score.id, { kind: 'score', scores: { [score.ids[0]!]: 5, [score.ids[1]!]: 2 } });
    assert.deepEqual(scored.ballot, { kind: 'score', scores: { [score.ids[0]!]: 5, [score.ids[1]!]: 2, [score.ids[2]!]: 0 } }, 'left out scores 0');
    await vote(t, people.neighbour.accessToken, score.id, { kind: 'score', scores: { [score.ids[0]!]: 1, [score.ids[1]!]: 4, [score.ids[2]!]: 3 } });
    const scoreResults = await tallyOf(score.id);
    assert.deepEqual(scoreResults.options.map((o) => [o.scoreSum, o.scoreMean, o.scoreCounts]), [
      [6, 3, [0, 1, 0, 0, 0, 1]],
      [6, 3, [0, 0, 1, 0, 1, 0]],
      [3, 1.5, [1, 0, 0, 1, 0, 0]],
    ]);
    assert.deepEqual(scoreResults.winners, [score.ids[0], score.ids[1]]);

    const ranked = await openPoll(t, officer(), pollBody('ranked', {}, 4));
    const [a, b, c, d] = ranked.ids as [string, string, string, string];
    const cast = await vote(t, people.resident.accessToken, ranked.id, { kind: 'ranked', ranks: { [c]: 1, [a]: 3, [b]: 3 } });
    assert.deepEqual(cast.ballot, { kind: 'ranked', ranks: { [a]: 2, [b]: 2, [c]: 1 } }, 'ranks kept in order only; d unranked');
    await vote(t, people.neighbour.accessToken, ranked.id, { kind: 'ranked', ranks: { [a]: 1, [b]: 2, [c]: 3, [d]: 4 } });
    await vote(t, people.moderator.accessToken, ranked.id, { kind: 'ranked', ranks: { [a]: 1 } });
    const rankedResults = await tallyOf(ranked.id);
    // d[i][j]: ballots preferring i to j. Unranked options sit below every ranked one, tied among themselves.
    assert.deepEqual(rankedResults.schulze!.d, [
      [0, 2, 2, 3],
      [0, 0, 1, 2],
      [1, 1, 0, 2],
      [0, 0, 0, 0],
    ]);
    assert.deepEqual(rankedResults.winners, [a]);
    // b and c tie head to head (1 to 1) and neither has a stronger path: one tier, one place.
    assert.deepEqual(rankedResults.schulze!.ranking, [[a], [b, c], [d]]);
    assert.deepEqual(rankedResults.options.map((o) => o.place), [1, 2, 2, 4]);
  });

  test('what is checked in a ballot: the poll’s kind, its options, choice limits, scores and ranks; 400 with the field', async () => {
    const polls = {
      single: await openPoll(t, officer(), pollBody('single')),
      multiple: await openPoll(t, officer(), pollBody('multiple', { minChoices: 2, maxChoices: 3 }, 4)),
      approval: await openPoll(t, officer(), pollBody('approval')),
      score: await openPoll(t, officer(), pollBody('score')),
      ranked: await openPoll(t, officer(), pollBody('ranked')),
    };
    const { single, multiple, approval, score, ranked } = polls;
    const cases: [string, unknown, string, RegExp][] = [
      [single.id, { kind: 'multiple', choices: [single.ids[0]] }, 'kind', /takes a single ballot, not a multiple one/],
      [single.id, { kind: 'single', choice: 'nope' }, 'choice', /no such option/],
      [single.id, { kind: 'single' }, 'choice', /required/],
      [single.id, { choice: single.ids[0] }, 'kind', /.+/],
      [single.id, { kind: 'single', choice: single.ids[0], extra: 1 }, 'extra', /not allowed/],
      [multiple.id, { kind: 'multiple', choices: [multiple.ids[0]] }, 'choices', /at least 2 options/],
      [multiple.id, { kind: 'multiple', choices: multiple.ids }, 'choices', /at most 3 options/],
      [multiple.id, { kind: 'multiple', choices: [multiple.ids[0], multiple.ids[0]] }, 'choices.1', /chosen twice/],
      [multiple.id, { kind: 'multiple', choices: [multiple.ids[0], 'nope'] }, 'choices.1', /no such option/],
      [approval.id, { kind: 'approval', choices: ['nope'] }, 'choices.0', /no such option/],
      [approval.id, { kind: 'approval', choices: 'all' }, 'choices', /list/],
      [score.id, { kind: 'score', scores: { [score.ids[0]!]: 6 } }, `scores.${score.ids[0]}`, /from 0 to 5/],
      [score.id, { kind: 'score', scores: { [score.ids[0]!]: -1 } }, `scores.${score.ids[0]}`, /from 0 to 5/],
      [score.id, { kind: 'score', scores: { [score.ids[0]!]: 2.5 } }, `scores.${score.ids[0]}`, /whole number/],
      [score.id, { kind: 'score', scores: { nope: 2 } }, 'scores.nope', /no such option/],
      [ranked.id, { kind: 'ranked', ranks: { [ranked.ids[0]!]: 0 } }, `ranks.${ranked.ids[0]}`, /start at 1/],
      [ranked.id, { kind: 'ranked', ranks: { [ranked.ids[0]!]: 4 } }, `ranks.${ranked.ids[0]}`, /from 1 \(first preference\) to 3/],
      [ranked.id, { kind: 'ranked', ranks: { [ranked.ids[0]!]: 1.5 } }, `ranks.${ranked.ids[0]}`, /whole number/],
      [ranked.id, { kind: 'ranked', ranks: { nope: 1 } }, 'ranks.nope', /no such option/],
      [ranked.id, { kind: 'ranked', ranks: [1, 2, 3] }, 'ranks', /object/],
    ];
    for (const [pollId, ballot, field, message] of cases) {
      const res = await castAs(t, people.resident.accessToken, pollId, ballot as never);
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.equal(res.json.error.code, 'validation_failed');
      assert.match(res.json.error.fields[field] ?? '', message, `${field}: ${JSON.stringify(res.json.error.fields)}`);
    }
    for (const poll of Object.values(polls)) assert.equal((await tallyOf(poll.id)).turnout, 0, 'nothing refused was counted');
    assert.equal((await t.call('PUT', `${POLLS}/${single.id}/ballot`, { token: people.resident.accessToken, body: '{' })).status, 400);
    assert.equal((await t.call('PUT', `${POLLS}/${single.id}/ballot`, { token: people.resident.accessToken, body: 'x', headers: { 'Content-Type': 'text/plain' } })).status, 415);
  });
});

describe('odd input', () => {
  test('every poll route answers odd bodies, queries and ids with 4xx, never 5xx', async () => {
    const ranked = await openPoll(t, officer(), pollBody('ranked'));
    const score = await openPoll(t, officer(), pollBody('score'));
    const bodies: unknown[] = [
      null, [], 'x', 0, true, {}, { kind: null }, { kind: 'ranked', ranks: null }, { kind: 'ranked', ranks: { ['__proto__']: 1 } }, { kind: 'ranked', ranks: { constructor: 1 } },
      { kind: 'ranked', ranks: { [ranked.ids[0]!]: 1e308 } }, { kind: 'ranked', ranks: { [ranked.ids[0]!]: -0 } }, { kind: 'score', scores: { [score.ids[0]!]: '5' } },
      { kind: 'single', choice: 'x'.repeat(100_000) }, { kind: 'approval', choices: Array.from({ length: 1000 }, (_, i) => String(i)) }, { receipt: ['a'] }, { receipt: 'Ⅻ'.repeat(10) },
      { title: '\u0000\u202e', kind: 'single', options: [{ label: '\ud800' }, { label: '=cmd|' }] }, { userId: {}, email: 5 },
    ];
    const routes: [string, string][] = [
      ['PUT', `${POLLS}/${ranked.id}/ballot`],
      ['PUT', `${POLLS}/${score.id}/ballot`],
      ['POST', `${POLLS}/${ranked.id}/verify-receipt`],
      ['POST', POLLS],
      ['PATCH', `${POLLS}/${ranked.id}`],
      ['POST', '/v1/orgs/test-council/verified-residents'],
    ];
    for (const [method, path] of routes) {
      for (const body of bodies) {
        const res = await t.call(method, path, { token: officer(), body: JSON.stringify(body) });
        assert.ok(res.status >= 400 && res.status < 500 || res.status === 201 || res.status === 200, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.ok(res.status < 500);
      }
    }
    for (const query of ['?status=', '?status=open,,closed', '?limit=1e9', '?cursor=' + 'A'.repeat(300), '?limit=-1', '?cursor=W10']) {
      const res = await t.call('GET', `${POLLS}${query}`);
      assert.ok(res.status >= 400 && res.status < 500, `${query}: ${res.status}`);
    }
    for (const id of ['%00', '..', 'x'.repeat(65), '%E2%80%AE']) {
      for (const suffix of ['', '/results', '/ballots.csv', '/ballots.json', '/ballot']) {
        const res = await t.call('GET', `${POLLS}/${id}${suffix}`, { token: officer() });
        assert.equal(res.status, 404, `${id}${suffix}: ${res.status}`);
      }
    }
  });
});

describe('changing a ballot', () => {
  test('the old ballot is taken away and the new one added, for each kind; turnout stays one per person', async () => {
    const single = await openPoll(t, officer(), pollBody('single'));
    await vote(t, people.resident.accessToken, single.id, { kind: 'single', choice: single.ids[0]! });
    await vote(t, people.neighbour.accessToken, single.id, { kind: 'single', choice: single.ids[0]! });
    const again = await castAs(t, people.resident.accessToken, single.id, { kind: 'single', choice: single.ids[2]! });
    assert.equal(again.status, 200);
    assert.equal(again.json.changed, true);
    const s = await tallyOf(single.id);
    assert.equal(s.turnout, 2);
    assert.deepEqual(s.options.map((o) => o.votes), [1, 0, 1]);

    const score = await openPoll(t, officer(), pollBody('score'));
    await vote(t, people.resident.accessToken, score.id, { kind: 'score', scores: { [score.ids[0]!]: 5 } });
    await vote(t, people.resident.accessToken, score.id, { kind: 'score', scores: { [score.ids[1]!]: 3 } });
    assert.deepEqual((await tallyOf(score.id)).options.map((o) => o.scoreCounts), [
      [1, 0, 0, 0, 0, 0],
      [0, 0, 0, 1, 0, 0],
      [1, 0, 0, 0, 0, 0],
    ]);

    const ranked = await openPoll(t, officer(), pollBody('ranked'));
    const [a, b, c] = ranked.ids as [string, string, string];
    await vote(t, people.resident.accessToken, ranked.id, { kind: 'ranked', ranks: { [a]: 1, [b]: 2, [c]: 3 } });
    await vote(t, people.neighbour.accessToken, ranked.id, { kind: 'ranked', ranks: { [b]: 1 } });
    await vote(t, people.resident.accessToken, ranked.id, { kind: 'ranked', ranks: { [c]: 1, [b]: 2 } });
    const r = await tallyOf(ranked.id);
    assert.equal(r.turnout, 2);
    assert.deepEqual(r.schulze!.d, [
      [0, 0, 0],
      [2, 0, 1],
      [1, 1, 0],
    ]);
    // Changing back to the same ballot changes nothing in the tally.
    await vote(t, people.resident.accessToken, ranked.id, { kind: 'ranked', ranks: { [c]: 1, [b]: 2 } });
    assert.deepEqual((await tallyOf(ranked.id)).schulze!.d, r.schulze!.d);
  });

  test('one’s own ballot: whether, when, and what (GET …/ballot); the poll says whether one may vote', async () => {
    const poll = await openPoll(t, officer(), pollBody('approval'));
    const mine = async () => MyBallot.parse((await t.call('GET', `${POLLS}/${poll.id}/ballot`, { token: people.resident.accessToken })).json);
    assert.deepEqual(await mine(), { voted: false, votedAt: null, changedAt: null, ballot: null });
    const you = async (token?: string) => Poll.parse((await t.call('GET', `${POLLS}/${poll.id}`, token ? { token } : {})).json).you!;
    assert.deepEqual(await you(people.resident.accessToken), { canVote: true, voted: false, canManage: false, canSeeResults: false });
    assert.deepEqual(await you(), { canVote: false, reason: 'Sign in to vote.', voted: false, canManage: false, canSeeResults: false });
    await vote(t, people.resident.accessToken, poll.id, { kind: 'approval', choices: [poll.ids[0]!] });
    t.clock.advance(60_000);
    await vote(t, people.resident.accessToken, poll.id, { kind: 'approval', choices: [poll.ids[1]!, poll.ids[2]!] });
    assert.deepEqual(await mine(), { voted: true, votedAt: '2026-03-02T09:00:00.000Z', changedAt: '2026-03-02T09:01:00.000Z', ballot: { kind: 'approval', choices: [poll.ids[1]!, poll.ids[2]!] } });
    assert.equal((await you(people.resident.accessToken)).voted, true);
    assert.equal((await t.call('GET', `${POLLS}/${poll.id}/ballot`)).status, 401);
    // Nobody else's ballot is ever answered: the neighbour sees their own (none).
    assert.equal(MyBallot.parse((await t.call('GET', `${POLLS}/${poll.id}/ballot`, { token: people.neighbour.accessToken })).json).voted, false);
  });
});

describe('polls that take no ballots', () => {
  test('a draft (404 to residents), a poll not open yet, a closed one and one past closesAt refuse ballots with 409 poll_not_open', async () => {
    const drafted = await t.call('POST', POLLS, { token: officer(), body: pollBody('single') });
    assert.equal((await castAs(t, people.resident.accessToken, drafted.json.id, { kind: 'single', choice: drafted.json.options[0].id })).status, 404);
    const asOfficer = await castAs(t, people.highways.accessToken, drafted.json.id, { kind: 'single', choice: drafted.json.options[0].id });
    assert.equal(asOfficer.status, 409);
    assert.equal(asOfficer.json.error.code, 'poll_not_open');

    const later = await openPoll(t, officer(), pollBody('single', { opensAt: '2026-03-03T09:00:00Z', closesAt: '2026-03-04T09:00:00Z' }));
    const early = await castAs(t, people.resident.accessToken, later.id, { kind: 'single', choice: later.ids[0]! });
    assert.equal(early.status, 409);
    assert.match(early.json.error.message, /Voting opens on 3 March 2026 at 09:00 GMT/);
    assert.equal(early.json.error.details.opensAt, '2026-03-03T09:00:00.000Z');
    t.clock.advance(DAY);
    assert.equal((await castAs(t, people.resident.accessToken, later.id, { kind: 'single', choice: later.ids[0]! })).status, 201);
    t.clock.advance(DAY);
    const late = await castAs(t, people.resident.accessToken, later.id, { kind: 'single', choice: later.ids[1]! });
    assert.equal(late.status, 409);
    assert.match(late.json.error.message, /closed on 4 March 2026 at 09:00 GMT/);
    assert.equal((await tallyOf(later.id)).options[0]!.votes, 1, 'the ballot cast in time still counts, unchanged');

    const closed = await openPoll(t, officer(), pollBody('single'));
    await vote(t, people.resident.accessToken, closed.id, { kind: 'single', choice: closed.ids[0]! });
    await t.call('POST', `${POLLS}/${closed.id}/close`, { token: officer() });
    const refused = await castAs(t, people.resident.accessToken, closed.id, { kind: 'single', choice: closed.ids[1]! });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.details.status, 'closed');
    assert.deepEqual((await tallyOf(closed.id)).options.map((o) => o.votes), [1, 0, 0]);
    assert.equal((await castAs(t, undefined, closed.id, { kind: 'single', choice: closed.ids[1]! })).status, 401);
    const you = Poll.parse((await t.call('GET', `${POLLS}/${closed.id}`, { token: people.resident.accessToken })).json).you!;
    assert.equal(you.canVote, false);
    assert.match(you.reason!, /closed/);
  });
});

describe('who may vote', () => {
  test('verified (the default): a signed-in person whose email address is confirmed; not one whose is not', async () => {
    const poll = await openPoll(t, officer(), pollBody('single'));
    const unconfirmed = await unconfirmedSession(t, 'new@test.example');
    const res = await castAs(t, unconfirmed.accessToken, poll.id, { kind: 'single', choice: poll.ids[0]! });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'not_eligible');
    assert.match(res.json.error.message, /Confirm your email address/);
    // Someone who signed in through another organisation is verified: they may vote here.
    assert.equal((await castAs(t, people.foreignOfficer.accessToken, poll.id, { kind: 'single', choice: poll.ids[0]! })).status, 201);
  });

  test('members: only people who belong to the organisation', async () => {
    const poll = await openPoll(t, officer(), pollBody('single', { eligibility: 'members' }));
    const outsider = await castAs(t, people.foreignOfficer.accessToken, poll.id, { kind: 'single', choice: poll.ids[0]! });
    assert.equal(outsider.status, 403);
    assert.equal(outsider.json.error.details.eligibility, 'members');
    assert.match(outsider.json.error.message, /Only members of Test Council/);
    assert.equal((await castAs(t, people.resident.accessToken, poll.id, { kind: 'single', choice: poll.ids[0]! })).status, 201);
    const visitor = await t.signIn('visitor@other.example', 'other-org');
    assert.equal((await castAs(t, visitor.accessToken, poll.id, { kind: 'single', choice: poll.ids[0]! })).status, 403);
  });

  test('officer-verified: only residents an officer has marked; officers mark (by email or id), list and unmark them', async () => {
    const poll = await openPoll(t, officer(), pollBody('single', { eligibility: 'officer-verified' }));
    const ballot = { kind: 'single', choice: poll.ids[0]! } as const;
    const before = await castAs(t, people.resident.accessToken, poll.id, ballot);
    assert.equal(before.status, 403);
    assert.match(before.json.error.message, /Only residents whom Test Council has verified/);
    const VERIFIED = '/v1/orgs/test-council/verified-residents';
    assert.equal((await t.call('POST', VERIFIED, { token: people.neighbour.accessToken, body: { userId: people.resident.user.id } })).status, 403);
    assert.equal((await t.call('POST', VERIFIED, { token: people.foreignAdmin.accessToken, body: { userId: people.resident.user.id } })).status, 403);
    assert.equal((await t.call('POST', VERIFIED, { token: officer(), body: { email: 'nobody@test.example' } })).status, 404);
    assert.equal((await t.call('POST', VERIFIED, { token: officer(), body: {} })).status, 400);
    assert.equal((await t.call('POST', VERIFIED, { token: officer(), body: { userId: 'x', email: 'a@b.example' } })).status, 400);
    const marked = await t.call('POST', VERIFIED, { token: officer(), body: { email: 'Resident@Test.Example', note: 'Council tax record checked.' } });
    assert.equal(marked.status, 201, marked.text);
    assert.equal(marked.json.user.id, people.resident.user.id);
    assert.equal(marked.json.note, 'Council tax record checked.');
    assert.equal(marked.json.verifiedBy.id, people.highways.user.id);
    assert.equal((await t.call('POST', VERIFIED, { token: people.admin.accessToken, body: { userId: people.resident.user.id } })).status, 200);
    t.clock.advance(1000);
    await t.call('POST', VERIFIED, { token: officer(), body: { userId: people.neighbour.user.id } });
    assert.equal((await castAs(t, people.resident.accessToken, poll.id, ballot)).status, 201);
    const page1 = VerifiedResidentPage.parse((await t.call('GET', `${VERIFIED}?limit=1`, { token: officer() })).json);
    assert.deepEqual(page1.items.map((v) => v.user.id), [people.neighbour.user.id]);
    const page2 = VerifiedResidentPage.parse((await t.call('GET', `${VERIFIED}?limit=1&cursor=${page1.nextCursor}`, { token: officer() })).json);
    assert.deepEqual(page2.items.map((v) => v.user.id), [people.resident.user.id]);
    assert.equal(page2.nextCursor, null);
    assert.equal((await t.call('GET', VERIFIED, { token: people.resident.accessToken })).status, 403);
    // Marks belong to one organisation.
    assert.deepEqual((await t.call('GET', '/v1/orgs/other-org/verified-residents', { token: people.foreignAdmin.accessToken })).json.items, []);
    assert.equal((await t.call('DELETE', `${VERIFIED}/${people.neighbour.user.id}`, { token: officer() })).status, 204);
    assert.equal((await t.call('DELETE', `${VERIFIED}/${people.neighbour.user.id}`, { token: officer() })).status, 404);
    assert.equal((await castAs(t, people.neighbour.accessToken, poll.id, ballot)).status, 403);
  });
});

describe('receipts', () => {
  test('a receipt finds its ballot (case, spaces and hyphens aside); a changed ballot gets a new one and the old one finds nothing', async () => {
    const poll = await openPoll(t, officer(), pollBody('ranked'));
    const [a, b] = poll.ids as [string, string];
    const first = await vote(t, people.resident.accessToken, poll.id, { kind: 'ranked', ranks: { [a]: 1 } });
    const check = async (receipt: string, id = poll.id) => t.call('POST', `${POLLS}/${id}/verify-receipt`, { body: { receipt } });
    const found = ReceiptStatus.parse((await check(first.receipt)).json);
    assert.equal(found.counted, true);
    assert.match(found.receiptHash, /^[0-9a-f]{64}$/);
    assert.deepEqual(found.ballot, { kind: 'ranked', ranks: { [a]: 1 } });
    const typed = first.receipt.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    assert.equal((await check(typed)).json.counted, true);
    const second = await vote(t, people.resident.accessToken, poll.id, { kind: 'ranked', ranks: { [b]: 1 } });
    assert.notEqual(second.receipt, first.receipt);
    assert.deepEqual((await check(first.receipt)).json, { counted: false, receiptHash: found.receiptHash, ballot: null });
    assert.deepEqual((await check(second.receipt)).json.ballot, { kind: 'ranked', ranks: { [b]: 1 } });
    // Another poll's ballot set does not hold it.
    const other = await openPoll(t, officer(), pollBody('single'));
    assert.equal((await check(second.receipt, other.id)).json.counted, false);
    const bad = await check('not-a-receipt');
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.fields.receipt, /20 letters and digits/);
    assert.equal((await check('<script>')).status, 400);
    assert.equal((await t.call('POST', `${POLLS}/nope/verify-receipt`, { body: { receipt: second.receipt } })).status, 404);
  });
});

describe('the secret ballot', () => {
  test('who voted is kept apart from what: ballots hold no user id and no time, in no order of casting; one voter row per person', async () => {
    const poll = await openPoll(t, officer(), pollBody('single'));
    const voters = [people.resident, people.neighbour, people.moderator, people.housing, people.admin];
    for (const person of voters) await vote(t, person.accessToken, poll.id, { kind: 'single', choice: poll.ids[0]! });
    await vote(t, people.resident.accessToken, poll.id, { kind: 'single', choice: poll.ids[1]! });
    const db = new Database(t.config.databasePath, { readonly: true });
    try {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('poll_ballots') as string[]).sort();
      assert.deepEqual(columns, ['choices', 'id', 'poll_rowid', 'receipt_hash', 'voter_key']);
      const ballots = db.prepare('SELECT * FROM poll_ballots').all() as Record<string, unknown>[];
      assert.equal(ballots.length, 5);
      const everything = JSON.stringify(ballots.map((row) => Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : String(v)))));
      for (const person of voters) assert.ok(!everything.includes(person.user.id), 'no user id in a ballot row');
      assert.ok(!/2026-/.test(everything), 'no time in a ballot row');
      const ids = ballots.map((row) => row.id as number);
      // Random ids from 53 bits: not small, not consecutive.
      assert.ok(ids.every((id) => id > 2 ** 20), String(ids));
      assert.ok(ids.every((id, i) => i === 0 || Math.abs(id - ids[i - 1]!) > 1));
      const voterRows = db.prepare('SELECT user_id FROM poll_voters').pluck().all() as string[];
      assert.deepEqual(voterRows.sort(), voters.map((p) => p.user.id).sort());
      const voterColumns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('poll_voters') as string[]).sort();
      assert.deepEqual(voterColumns, ['changed_at', 'poll_rowid', 'user_id', 'voted_at']);
    } finally {
      db.close();
    }
    // Nobody, not even an admin, can ask for someone else's ballot: the only ballot route answers one's own.
    const doc = (await t.call('GET', '/v1/openapi.json')).json;
    assert.deepEqual(Object.keys(doc.paths).filter((path) => /ballot/.test(path)).sort(), [
      '/v1/orgs/{org}/polls/{id}/ballot',
      '/v1/orgs/{org}/polls/{id}/ballots.csv',
      '/v1/orgs/{org}/polls/{id}/ballots.json',
    ]);
  });
});
