// Consultations, the residents' side: proposing (who may, when, how many), revising with history,
// withdrawing, supporting (one per person, however many requests race), and the quorum as a number and
// as a share of active participants. Suggestions, confirmations, the stream: consultations-discussion.test.ts.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Consultation, Proposal, ProposalDetail, ProposalRevisionList } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
import {
  advance,
  CONSULTATIONS,
  consultationCast,
  openConsultation,
  propose,
  proposalBody,
  proposalOf,
  proposalPath,
  read,
  residents,
  supportAs,
  type ConsultationPeople,
} from './support/consultations.js';
import { unconfirmedSession } from './support/polls.js';

let t: TestApp;
let people: ConsultationPeople;
beforeEach(async () => {
  t = await buildTestApp({ accessTokenTtlSeconds: 30 * 86_400 });
  people = await consultationCast(t);
});
afterEach(async () => {
  await t.close();
});

const officer = () => people.highways.accessToken;
const resident = () => people.resident.accessToken;
const neighbour = () => people.neighbour.accessToken;

describe('proposing', () => {
  test('eligible people propose in the proposing phase; the author supports it at once; the answer is the proposal with its text', async () => {
    const c = await openConsultation(t, officer());
    const res = await t.call('POST', `${CONSULTATIONS}/${c.id}/proposals`, { token: resident(), body: proposalBody(1) });
    assert.equal(res.status, 201, res.text);
    const p = ProposalDetail.parse(res.json);
    assert.equal(p.title, 'Proposal 1: a community project');
    assert.equal(p.body, 'The whole text of proposal 1.');
    assert.equal(p.author?.id, people.resident.user.id);
    assert.equal(p.supporters, 1);
    assert.equal(p.confirmed, null, 'no confirmations before the frozen phase');
    assert.equal(p.status, 'proposed');
    assert.equal(p.statusFinal, false);
    assert.equal(p.revision, 1);
    assert.equal(p.subject, `proposal:${p.id}`);
    assert.deepEqual(p.you, { author: true, supporting: true, confirmed: false, canSupport: false, canUnsupport: false, canConfirm: false, canRevise: true, canWithdraw: true, canSuggest: false });
    assert.equal(res.headers.get('location'), `${CONSULTATIONS}/${c.id}/proposals/${p.id}`);
    const listed = Consultation.parse(await read(t, c.id, neighbour()));
    assert.equal(listed.proposalCount, 1);
    assert.equal(listed.participants, 1);
    assert.equal(listed.proposals[0]!.you?.canSupport, true);
    assert.equal(listed.you?.canPropose, true);
  });

  test('refused: signed out (401), an unconfirmed email (403 not_eligible), outside the proposing phase (409 wrong_phase), bad input (400)', async () => {
    const c = await openConsultation(t, officer());
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${c.id}/proposals`, { body: proposalBody() })).status, 401);
    const unconfirmed = await unconfirmedSession(t, 'unconfirmed@test.example');
    const refused = await t.call('POST', `${CONSULTATIONS}/${c.id}/proposals`, { token: unconfirmed.accessToken, body: proposalBody() });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'not_eligible');
    const short = await t.call('POST', `${CONSULTATIONS}/${c.id}/proposals`, { token: resident(), body: { title: 'Fine title', summary: 'Too short' } });
    assert.equal(short.status, 400);
    assert.match(short.json.error.fields.summary, /at least 10 characters/);
    await advance(t, officer(), c.id, 'proposing');
    const late = await t.call('POST', `${CONSULTATIONS}/${c.id}/proposals`, { token: resident(), body: proposalBody() });
    assert.equal(late.status, 409);
    assert.equal(late.json.error.code, 'wrong_phase');
    assert.equal(late.json.error.details.phase, 'discussion');
    assert.equal(late.json.error.message, 'This consultation is in its discussion phase. Proposals can be submitted only in the proposing phase.');
    const you = (await read(t, c.id, resident())).you;
    assert.equal(you.canPropose, false);
    assert.match(you.reason, /only in the proposing phase/);
  });

  test('one person makes at most 3 proposals in a consultation (withdrawn ones count)', async () => {
    const c = await openConsultation(t, officer());
    const first = await propose(t, resident(), c.id, proposalBody(1));
    await propose(t, resident(), c.id, proposalBody(2));
    await t.call('POST', `${proposalPath(c.id, first.id)}/withdraw`, { token: resident() });
    await propose(t, resident(), c.id, proposalBody(3));
    const fourth = await t.call('POST', `${CONSULTATIONS}/${c.id}/proposals`, { token: resident(), body: proposalBody(4) });
    assert.equal(fourth.status, 409);
    assert.match(fourth.json.error.message, /already made 3 proposals/);
    assert.equal((await read(t, c.id, resident())).you.canPropose, false);
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${c.id}/proposals`, { token: neighbour(), body: proposalBody(4) })).status, 201);
  });

  test('members and officer-verified consultations: only those people take part', async () => {
    const members = await openConsultation(t, officer(), { eligibility: 'members' });
    const outsider = await t.call('POST', `${CONSULTATIONS}/${members.id}/proposals`, { token: people.foreignOfficer.accessToken, body: proposalBody() });
    assert.equal(outsider.status, 403);
    assert.match(outsider.json.error.message, /Only members of Test Council can take part/);
    assert.equal((await propose(t, resident(), members.id)).supporters, 1);

    const verified = await openConsultation(t, officer(), { eligibility: 'officer-verified' });
    const before = await t.call('POST', `${CONSULTATIONS}/${verified.id}/proposals`, { token: resident(), body: proposalBody() });
    assert.equal(before.status, 403);
    assert.equal(before.json.error.details.eligibility, 'officer-verified');
    await t.store.polls.markVerified(t.org.id, people.resident.user.id, { userId: null, note: null }, t.clock());
    const p = await propose(t, resident(), verified.id);
    const support = await supportAs(t, neighbour(), verified.id, p.id);
    assert.equal(support.status, 403, 'not verified: no support either');
  });
});

describe('revising and withdrawing', () => {
  test('the author revises in the proposing and discussion phases; every version is kept, newest first, with the note', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id);
    const path = proposalPath(c.id, p.id);
    assert.equal((await t.call('PATCH', path, { token: neighbour(), body: { summary: 'Someone else’s words here.' } })).status, 403);
    assert.equal((await t.call('PATCH', path, { body: { summary: 'Someone else’s words here.' } })).status, 401);
    assert.equal((await t.call('PATCH', path, { token: resident(), body: { note: 'only a note' } })).status, 400);
    const first = await t.call('PATCH', path, { token: resident(), body: { summary: 'A clearer summary of the project.' } });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.revision, 2);
    await advance(t, officer(), c.id, 'proposing');
    t.clock.advance(60_000);
    const second = await t.call('PATCH', path, { token: resident(), body: { body: 'The text, now with costs.', note: 'Added the costs, as suggested.' } });
    assert.equal(second.status, 200);
    assert.equal(second.json.body, 'The text, now with costs.');
    assert.equal(second.json.summary, 'A clearer summary of the project.');
    const history = ProposalRevisionList.parse((await t.call('GET', `${path}/revisions`)).json);
    assert.deepEqual(history.items.map((r) => [r.revision, r.summary, r.body, r.note]), [
      [3, 'A clearer summary of the project.', 'The text, now with costs.', 'Added the costs, as suggested.'],
      [2, 'A clearer summary of the project.', 'The whole text of proposal 1.', null],
      [1, 'A short summary of proposal number 1.', 'The whole text of proposal 1.', null],
    ]);
    await advance(t, officer(), c.id, 'discussion');
    const frozen = await t.call('PATCH', path, { token: resident(), body: { title: 'Too late to change' } });
    assert.equal(frozen.status, 409);
    assert.equal(frozen.json.error.code, 'wrong_phase');
  });

  test('the author withdraws: final, no more support or revisions, and its supporters stop counting as participants', async () => {
    const c = await openConsultation(t, officer(), { quorum: { kind: 'share', percent: 50 } });
    const p = await propose(t, resident(), c.id);
    await supportAs(t, neighbour(), c.id, p.id);
    assert.equal((await read(t, c.id)).participants, 2);
    const path = proposalPath(c.id, p.id);
    assert.equal((await t.call('POST', `${path}/withdraw`, { token: neighbour() })).status, 403);
    const res = await t.call('POST', `${path}/withdraw`, { token: resident() });
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'withdrawn');
    assert.equal(res.json.statusFinal, true);
    assert.ok(res.json.withdrawnAt);
    assert.equal((await read(t, c.id)).participants, 0);
    const support = await supportAs(t, people.moderator.accessToken, c.id, p.id);
    assert.equal(support.status, 409);
    assert.match(support.json.error.message, /withdrawn/);
    assert.equal((await t.call('PATCH', path, { token: resident(), body: { title: 'Back again please' } })).status, 409);
    assert.equal((await t.call('POST', `${path}/withdraw`, { token: resident() })).status, 409);
    // A supporter may still take their support back; the list puts withdrawn proposals last.
    assert.equal((await t.call('DELETE', `${path}/support`, { token: neighbour() })).json.supporters, 1);
    const other = await propose(t, neighbour(), c.id, proposalBody(2));
    assert.deepEqual((await read(t, c.id)).proposals.map((x: { id: string }) => x.id), [other.id, p.id]);
  });
});

describe('support', () => {
  test('PUT supports (201, then 200 unchanged), DELETE takes it back; the author cannot unsupport their own', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id);
    const first = await supportAs(t, neighbour(), c.id, p.id);
    assert.equal(first.status, 201);
    assert.equal(Proposal.parse(first.json).supporters, 2);
    assert.equal(first.json.you.supporting, true);
    assert.equal(first.json.you.canUnsupport, true);
    const again = await supportAs(t, neighbour(), c.id, p.id);
    assert.equal(again.status, 200);
    assert.equal(again.json.supporters, 2);
    assert.equal((await supportAs(t, '', c.id, p.id)).status, 401);
    const own = await t.call('DELETE', `${proposalPath(c.id, p.id)}/support`, { token: resident() });
    assert.equal(own.status, 409);
    assert.match(own.json.error.message, /Withdraw it instead/);
    const back = await t.call('DELETE', `${proposalPath(c.id, p.id)}/support`, { token: neighbour() });
    assert.equal(back.status, 200);
    assert.equal(back.json.supporters, 1);
    assert.equal((await t.call('DELETE', `${proposalPath(c.id, p.id)}/support`, { token: neighbour() })).json.supporters, 1, 'idempotent');
    assert.equal((await supportAs(t, neighbour(), c.id, 'nope')).status, 404);
  });

  test('100 parallel supports from one person count once (the database keeps one per person per proposal)', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id);
    const answers = await Promise.all(Array.from({ length: 100 }, () => supportAs(t, neighbour(), c.id, p.id)));
    assert.deepEqual([...new Set(answers.map((a) => a.status))].sort(), [200, 201]);
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    assert.equal((await proposalOf(t, c.id, p.id)).supporters, 2);
  });

  test('support is given and taken back in the proposing and discussion phases only', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id);
    await advance(t, officer(), c.id, 'proposing');
    assert.equal((await supportAs(t, neighbour(), c.id, p.id)).status, 201, 'discussion');
    await advance(t, officer(), c.id, 'discussion');
    const frozen = await supportAs(t, people.moderator.accessToken, c.id, p.id);
    assert.equal(frozen.status, 409);
    assert.equal(frozen.json.error.message, 'This consultation is frozen (supporters are confirming their support). Support can be given only in the proposing and discussion phases.');
    assert.equal((await t.call('DELETE', `${proposalPath(c.id, p.id)}/support`, { token: neighbour() })).status, 409);
  });
});

describe('the quorum', () => {
  test('a number of supporters: a proposal shows as admitted (provisionally) once it has them, and again proposed if it loses one', async () => {
    const c = await openConsultation(t, officer(), { quorum: { kind: 'supporters', count: 3 } });
    const p = await propose(t, resident(), c.id);
    const voters = await residents(t, 2);
    await supportAs(t, voters[0]!.token, c.id, p.id);
    let shown = await read(t, c.id);
    assert.equal(shown.quorumNeeded, 3);
    assert.equal(shown.proposals[0].status, 'proposed');
    await supportAs(t, voters[1]!.token, c.id, p.id);
    shown = await read(t, c.id);
    assert.equal(shown.proposals[0].status, 'admitted');
    assert.equal(shown.proposals[0].statusFinal, false);
    await t.call('DELETE', `${proposalPath(c.id, p.id)}/support`, { token: voters[1]!.token });
    assert.equal((await read(t, c.id)).proposals[0].status, 'proposed');
  });

  test('a share of active participants: the bar rises as more people support anything', async () => {
    const c = await openConsultation(t, officer(), { quorum: { kind: 'share', percent: 40 } });
    const voters = await residents(t, 6);
    const a = await propose(t, voters[0]!.token, c.id, proposalBody(1));
    const b = await propose(t, voters[1]!.token, c.id, proposalBody(2));
    // 2 participants: 40% of 2 is 0.8, rounded up to 1: both admitted.
    let shown = await read(t, c.id);
    assert.deepEqual([shown.participants, shown.quorumNeeded], [2, 1]);
    assert.deepEqual(shown.proposals.map((p: { status: string }) => p.status), ['admitted', 'admitted']);
    for (const v of voters.slice(2)) await supportAs(t, v.token, c.id, a.id);
    // 6 participants: 40% is 2.4, rounded up to 3. A has 5, B has 1.
    shown = await read(t, c.id);
    assert.deepEqual([shown.participants, shown.quorumNeeded], [6, 3]);
    assert.deepEqual(shown.proposals.map((p: { id: string; supporters: number; status: string }) => [p.id, p.supporters, p.status]), [
      [a.id, 5, 'admitted'],
      [b.id, 1, 'proposed'],
    ]);
    // Someone supporting both is one participant.
    await supportAs(t, voters[2]!.token, c.id, b.id);
    assert.equal((await read(t, c.id)).participants, 6);
    // A new quorum applies at once.
    const changed = await t.call('PATCH', `${CONSULTATIONS}/${c.id}`, { token: officer(), body: { quorum: { kind: 'share', percent: 10, minimum: 2 } } });
    assert.equal(changed.json.quorumNeeded, 2);
    assert.deepEqual(changed.json.proposals.map((p: { status: string }) => p.status), ['admitted', 'admitted']);
  });
});
