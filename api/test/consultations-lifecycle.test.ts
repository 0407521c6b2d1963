// Consultations from start to finish: the scheduler advancing on time with an injected clock (and never
// twice, even with two API processes on one database), officers advancing by hand when autoAdvance is
// off, the ranked vote the voting phase opens (admitted proposals plus "Keep things as they are"), and
// whole runs ending in a winner, in the status quo, in ties, with no ballots and with nothing admitted.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Consultation, ConsultationResult, Poll, STATUS_QUO_LABEL } from '@civic-elements/protocol';
import { ConsultationScheduler } from '../src/consultations/scheduler.js';
import { StreamHub } from '../src/debate/hub.js';
import { startServer } from '../src/server.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/types.js';
import { buildTestApp, type TestApp } from './support/app.js';
import {
  advance,
  confirmAs,
  CONSULTATIONS,
  consultationCast,
  DAY,
  openConsultation,
  propose,
  proposalBody,
  read,
  residents,
  supportAs,
  type ConsultationPeople,
} from './support/consultations.js';
import { castAs, vote } from './support/polls.js';

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
const schedulerOn = (store: Store = t.store) => new ConsultationScheduler({ store, streams: new StreamHub(), clock: t.clock, log: () => {} });
const POLLS = '/v1/orgs/test-council/polls';

/** A consultation in its frozen phase with proposals supported and confirmed by `voters`: `plan[i]` lists the voters (indexes) confirming proposal i. */
async function frozenWith(plan: number[][], voters: { token: string }[], overrides = {}) {
  const c = await openConsultation(t, officer(), { quorum: { kind: 'supporters', count: 2 }, ...overrides });
  const proposals = [];
  for (const [i, confirming] of plan.entries()) {
    const p = await propose(t, voters[confirming[0]!]!.token, c.id, proposalBody(i + 1));
    for (const v of confirming.slice(1)) await supportAs(t, voters[v]!.token, c.id, p.id);
    proposals.push(p);
  }
  await advance(t, officer(), c.id, 'proposing');
  await advance(t, officer(), c.id, 'discussion');
  for (const [i, confirming] of plan.entries()) for (const v of confirming) await confirmAs(t, voters[v]!.token, c.id, proposals[i]!.id);
  return { c, proposals };
}

/** The vote's option ids by proposal id (and 'quo' for the status quo). */
async function ballotOptions(pollId: string) {
  const poll = Poll.parse((await t.call('GET', `${POLLS}/${pollId}`)).json);
  return Object.fromEntries(poll.options.map((o) => [o.statusQuo ? 'quo' : o.proposalId!, o.id])) as Record<string, string>;
}

/** Casts ranked ballots: each is a list of keys (proposal ids or 'quo') from first to last preference. */
async function castRanked(pollId: string, voters: { token: string }[], ballots: string[][]) {
  const ids = await ballotOptions(pollId);
  for (const [i, order] of ballots.entries()) {
    await vote(t, voters[i]!.token, pollId, { kind: 'ranked', ranks: Object.fromEntries(order.map((key, rank) => [ids[key]!, rank + 1])) });
  }
}

describe('the scheduler', () => {
  test('advances a phase when its end date passes on the injected clock, once, and one phase per look', async () => {
    const c = await openConsultation(t, officer());
    const scheduler = schedulerOn();
    assert.deepEqual(await scheduler.tick(), []);
    t.clock.advance(DAY - 1);
    assert.deepEqual(await scheduler.tick(), [], 'a millisecond early');
    t.clock.advance(1);
    const [step, ...rest] = await scheduler.tick();
    assert.deepEqual(rest, []);
    assert.deepEqual([step!.from, step!.to], ['proposing', 'discussion']);
    assert.deepEqual(await scheduler.tick(), [], 'not twice');
    const shown = Consultation.parse(await read(t, c.id));
    assert.equal(shown.phase, 'discussion');
    assert.equal(shown.phases[0]!.endedAt, t.clock().toISOString());
    assert.equal(shown.phases[1]!.startedAt, t.clock().toISOString());
    // Every later date passes at once: one phase per look, in order.
    t.clock.advance(10 * DAY);
    assert.deepEqual((await scheduler.tick()).map((s) => s.to), ['frozen']);
    assert.deepEqual((await scheduler.tick()).map((s) => s.to), ['closed'], 'nothing admitted: closed without a vote');
    assert.deepEqual(await scheduler.tick(), []);
  });

  test('with autoAdvance off it never moves the consultation; an officer does', async () => {
    const c = await openConsultation(t, officer(), { autoAdvance: false });
    t.clock.advance(20 * DAY);
    assert.deepEqual(await schedulerOn().tick(), []);
    assert.equal((await read(t, c.id)).phase, 'proposing');
    assert.equal((await advance(t, officer(), c.id, 'proposing')).phase, 'discussion');
    // Turned on later, it catches up with the dates.
    await t.call('PATCH', `${CONSULTATIONS}/${c.id}`, { token: officer(), body: { autoAdvance: true } });
    assert.deepEqual((await schedulerOn().tick()).map((s) => s.to), ['frozen']);
  });

  test('two API processes on one database: each step happens once, and one vote is opened', async () => {
    const voters = await residents(t, 3);
    const { c } = await frozenWith([[0, 1], [2, 0]], voters);
    const other = openSqliteStore(t.config.databasePath);
    try {
      t.clock.advance(3 * DAY);
      const [mine, theirs] = await Promise.all([schedulerOn().tick(), schedulerOn(other).tick()]);
      assert.equal(mine.length + theirs.length, 1, JSON.stringify({ mine, theirs }));
      const [step] = [...mine, ...theirs];
      assert.deepEqual([step!.from, step!.to], ['frozen', 'voting']);
      const [again1, again2] = await Promise.all([schedulerOn().tick(), schedulerOn(other).tick()]);
      assert.deepEqual([again1, again2], [[], []]);
      const polls = (await t.call('GET', POLLS)).json.items.filter((p: { consultationId?: string }) => p.consultationId === c.id);
      assert.equal(polls.length, 1);
      // And the officer clicking "advance" as the scheduler gets there: one of them moves it.
      t.clock.advance(DAY);
      const [byHand, byScheduler] = await Promise.all([t.call('POST', `${CONSULTATIONS}/${c.id}/advance`, { token: officer(), body: { from: 'voting' } }), schedulerOn(other).tick()]);
      assert.equal((byHand.status === 200 ? 1 : 0) + byScheduler.length, 1, `${byHand.status} ${JSON.stringify(byScheduler)}`);
      assert.equal((await read(t, c.id)).phase, 'closed');
    } finally {
      await other.close();
    }
  });

  test('started, it looks on its own every intervalMs; stopped, it does not', async () => {
    const c = await openConsultation(t, officer());
    t.clock.advance(DAY);
    const scheduler = new ConsultationScheduler({ store: t.store, streams: new StreamHub(), clock: t.clock, intervalMs: 10, log: () => {} });
    scheduler.start();
    const deadline = Date.now() + 3000;
    while ((await read(t, c.id)).phase !== 'discussion' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await scheduler.stop();
    assert.equal((await read(t, c.id)).phase, 'discussion');
    t.clock.advance(DAY);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await read(t, c.id)).phase, 'discussion', 'stopped');
  });

  test('the server starts one and stops it when it closes', async () => {
    const running = await startServer({ ...t.config, port: 0, databasePath: `${t.dataDir}/server.db` }, { seed: false, clock: t.clock, log: () => {} });
    try {
      assert.ok(running.consultations instanceof ConsultationScheduler);
      const org = await running.store.orgs.create({ slug: 'served', name: 'Served', map: { center: [0, 0], zoom: 1, extent: [-1, -1, 1, 1] } }, t.clock());
      const made = await running.store.consultations.create(
        org.id,
        { title: 'Served consultation', description: '', quorum: { kind: 'supporters', count: 1 }, eligibility: 'verified', results: 'live', autoAdvance: true, proposingEndsAt: t.clock().toISOString(), discussionEndsAt: new Date(t.clock().getTime() + DAY).toISOString(), frozenEndsAt: new Date(t.clock().getTime() + 2 * DAY).toISOString(), votingEndsAt: new Date(t.clock().getTime() + 3 * DAY).toISOString(), createdBy: null },
        t.clock(),
      );
      await running.store.consultations.advance(org.id, made.rowid, 'draft', t.clock());
      assert.deepEqual((await running.consultations.tick()).map((s) => s.to), ['discussion']);
    } finally {
      await running.close();
    }
  });
});

describe('the voting phase', () => {
  test('opens a ranked poll among the admitted proposals plus “Keep things as they are”, tied to the consultation', async () => {
    const voters = await residents(t, 5);
    // 1: three confirm; 2: one confirms (not admitted); 3: two confirm; 4: withdrawn.
    const { c, proposals } = await frozenWith([[0, 1, 2], [3], [4, 0]], voters, { eligibility: 'members', results: 'live' });
    const shownFrozen = await read(t, c.id);
    assert.deepEqual(shownFrozen.proposals.map((p: { status: string }) => p.status), ['admitted', 'proposed', 'admitted'], 'provisional, by confirmations');
    const voting = Consultation.parse(await advance(t, officer(), c.id, 'frozen'));
    assert.equal(voting.phase, 'voting');
    assert.ok(voting.pollId);
    assert.deepEqual(voting.proposals.map((p) => [p.id, p.status, p.statusFinal]), [
      [proposals[0]!.id, 'admitted', true],
      [proposals[1]!.id, 'not-admitted', true],
      [proposals[2]!.id, 'admitted', true],
    ]);
    const res = await t.call('GET', `${POLLS}/${voting.pollId}`, { token: voters[0]!.token });
    const poll = Poll.parse(res.json);
    assert.equal(poll.kind, 'ranked');
    assert.equal(poll.status, 'open');
    assert.equal(poll.acceptingBallots, true);
    assert.equal(poll.consultationId, c.id);
    assert.equal(poll.title, c.title);
    assert.equal(poll.eligibility, 'members');
    assert.equal(poll.results, 'live');
    assert.equal(poll.closesAt, c.phases[3]!.endsAt, 'the vote closes by itself at the end of the voting phase');
    assert.deepEqual(poll.options.map((o) => [o.label, o.proposalId ?? null, o.statusQuo ?? false]), [
      ['Proposal 1: a community project', proposals[0]!.id, false],
      ['Proposal 3: a community project', proposals[2]!.id, false],
      [STATUS_QUO_LABEL, null, true],
    ]);
    assert.equal(poll.options[0]!.description, 'A short summary of proposal number 1.');
    assert.equal(poll.you?.canVote, true);
    // The vote is the consultation's: the poll routes will not close or delete it.
    const close = await t.call('POST', `${POLLS}/${voting.pollId}/close`, { token: officer() });
    assert.equal(close.status, 409);
    assert.match(close.json.error.message, /vote of a consultation/);
    assert.equal((await t.call('DELETE', `${POLLS}/${voting.pollId}`, { token: people.admin.accessToken })).status, 409);
    // Its stream says it opened.
    const pollEvents = await t.store.debate.eventsAfter(t.org.id, `poll:${voting.pollId}`, 0, 10);
    assert.deepEqual(pollEvents.map((e) => e.event), ['status']);
    const phaseEvents = (await t.store.debate.eventsAfter(t.org.id, `consultation:${c.id}`, 0, 100)).filter((e) => e.event === 'phase');
    assert.deepEqual(JSON.parse(phaseEvents.at(-1)!.data), { id: c.id, phase: 'voting', phaseEndsAt: c.phases[3]!.endsAt, pollId: voting.pollId });
  });

  test('moving the end of the voting phase moves the vote’s closing time; turning autoAdvance off takes it away', async () => {
    const voters = await residents(t, 2);
    const { c } = await frozenWith([[0, 1]], voters);
    const voting = await advance(t, officer(), c.id, 'frozen');
    const pollOf = async () => Poll.parse((await t.call('GET', `${POLLS}/${voting.pollId}`)).json);
    const later = new Date(t.clock().getTime() + 9 * DAY).toISOString();
    const moved = await t.call('PATCH', `${CONSULTATIONS}/${c.id}`, { token: officer(), body: { votingEndsAt: later } });
    assert.equal(moved.status, 200, moved.text);
    assert.equal((await pollOf()).closesAt, later);
    await t.call('PATCH', `${CONSULTATIONS}/${c.id}`, { token: officer(), body: { autoAdvance: false } });
    assert.equal((await pollOf()).closesAt, null);
  });

  test('with autoAdvance off the vote has no closing time: it closes when an officer advances', async () => {
    const voters = await residents(t, 2);
    const { c } = await frozenWith([[0, 1]], voters, { autoAdvance: false });
    const voting = await advance(t, officer(), c.id, 'frozen');
    assert.equal(Poll.parse((await t.call('GET', `${POLLS}/${voting.pollId}`)).json).closesAt, null);
    t.clock.advance(20 * DAY);
    assert.equal((await castAs(t, voters[0]!.token, voting.pollId, { kind: 'ranked', ranks: {} })).status, 201, 'still open long after the planned date');
  });
});

describe('whole runs', () => {
  test('proposing → discussion → frozen → voting → closed by the scheduler, with a winner and the full ranking', async () => {
    const voters = await residents(t, 7);
    const scheduler = schedulerOn();
    const c = await openConsultation(t, officer(), { quorum: { kind: 'share', percent: 30 } });
    const lights = await propose(t, voters[0]!.token, c.id, proposalBody(1, { title: 'Light the park paths' }));
    const fridge = await propose(t, voters[1]!.token, c.id, proposalBody(2, { title: 'A community fridge' }));
    const benches = await propose(t, voters[2]!.token, c.id, proposalBody(3, { title: 'Benches on East Street' }));
    for (const v of [3, 4, 5]) await supportAs(t, voters[v]!.token, c.id, lights.id);
    for (const v of [4, 6]) await supportAs(t, voters[v]!.token, c.id, fridge.id);
    t.clock.advance(DAY);
    assert.deepEqual((await scheduler.tick()).map((s) => s.to), ['discussion']);
    await supportAs(t, voters[0]!.token, c.id, fridge.id);
    t.clock.advance(DAY);
    assert.deepEqual((await scheduler.tick()).map((s) => s.to), ['frozen']);
    // Confirmations: lights 4 (0,3,4,5), fridge 3 (1,4,6), benches only its author (2). 7 confirmed participants: 30% → 3.
    for (const v of [0, 3, 4, 5]) await confirmAs(t, voters[v]!.token, c.id, lights.id);
    for (const v of [1, 4, 6]) await confirmAs(t, voters[v]!.token, c.id, fridge.id);
    await confirmAs(t, voters[2]!.token, c.id, benches.id);
    t.clock.advance(DAY);
    const [toVoting] = await scheduler.tick();
    assert.deepEqual(toVoting!.admitted.sort(), [lights.id, fridge.id].sort());
    assert.deepEqual(toVoting!.notAdmitted, [benches.id]);
    const voting = await read(t, c.id);
    assert.equal(voting.quorumNeeded, 3);
    // Lights beats the fridge 4–3 and the status quo 6–1; the fridge beats the status quo 5–2.
    await castRanked(voting.pollId, voters, [
      ['lights', 'fridge', 'quo'],
      ['fridge', 'lights', 'quo'],
      ['lights', 'quo', 'fridge'],
      ['lights', 'fridge', 'quo'],
      ['fridge', 'lights', 'quo'],
      ['lights', 'fridge', 'quo'],
      ['fridge', 'lights', 'quo'],
    ].map((order) => order.map((k) => (k === 'lights' ? lights.id : k === 'fridge' ? fridge.id : k))));
    t.clock.advance(DAY);
    assert.deepEqual((await scheduler.tick()).map((s) => s.to), ['closed']);
    const closed = Consultation.parse(await read(t, c.id));
    assert.equal(closed.phase, 'closed');
    const result = ConsultationResult.parse(closed.result);
    assert.equal(result.outcome, 'winner');
    assert.deepEqual(result.proposalIds, [lights.id]);
    assert.equal(result.turnout, 7);
    assert.deepEqual(result.ranking.map((tier) => tier.map((o) => (o.statusQuo ? 'quo' : o.proposalId))), [[lights.id], [fridge.id], ['quo']]);
    const poll = Poll.parse((await t.call('GET', `${POLLS}/${closed.pollId}`)).json);
    assert.equal(poll.status, 'closed');
    assert.equal(poll.closedAt, closed.phases[3]!.endsAt, 'closed at the end of the voting phase');
    const late = await castAs(t, voters[0]!.token, closed.pollId!, { kind: 'ranked', ranks: {} });
    assert.equal(late.status, 409);
    assert.equal(late.json.error.code, 'poll_not_open');
    // The final results went out on the vote's stream.
    const pollEvents = await t.store.debate.eventsAfter(t.org.id, `poll:${closed.pollId}`, 0, 10);
    assert.deepEqual(pollEvents.map((e) => e.event), ['status', 'status', 'results']);
  });

  test('keeping things as they are wins: no winner', async () => {
    const voters = await residents(t, 5);
    const { c, proposals } = await frozenWith([[0, 1], [2, 3]], voters);
    const voting = await advance(t, officer(), c.id, 'frozen');
    const [a, b] = proposals.map((p) => p.id);
    await castRanked(voting.pollId, voters, [
      ['quo', a!, b!],
      ['quo', b!, a!],
      ['quo', a!, b!],
      [a!, b!, 'quo'],
      [b!, 'quo', a!],
    ]);
    const closed = await advance(t, officer(), c.id, 'voting');
    const result = ConsultationResult.parse(closed.result);
    assert.deepEqual([result.outcome, result.proposalIds, result.statusQuoTied], ['status-quo', [], false]);
    assert.ok(result.ranking[0]!.length === 1 && result.ranking[0]![0]!.statusQuo && result.ranking[0]![0]!.label === STATUS_QUO_LABEL);
  });

  test('a tie between two proposals is reported as a tie, with both', async () => {
    const voters = await residents(t, 4);
    const { c, proposals } = await frozenWith([[0, 1], [2, 3]], voters);
    const voting = await advance(t, officer(), c.id, 'frozen');
    const [a, b] = proposals.map((p) => p.id);
    await castRanked(voting.pollId, voters, [
      [a!, b!, 'quo'],
      [a!, b!, 'quo'],
      [b!, a!, 'quo'],
      [b!, a!, 'quo'],
    ]);
    const result = ConsultationResult.parse((await advance(t, officer(), c.id, 'voting')).result);
    assert.equal(result.outcome, 'tie');
    assert.deepEqual([...result.proposalIds].sort(), [a!, b!].sort());
    assert.equal(result.statusQuoTied, false);
    assert.equal(result.ranking[0]!.length, 2);
    assert.ok(result.ranking[1]![0]!.statusQuo);
  });

  test('a tie between a proposal and the status quo says so', async () => {
    const voters = await residents(t, 2);
    const { c, proposals } = await frozenWith([[0, 1]], voters);
    const voting = await advance(t, officer(), c.id, 'frozen');
    await castRanked(voting.pollId, voters, [
      [proposals[0]!.id, 'quo'],
      ['quo', proposals[0]!.id],
    ]);
    const result = ConsultationResult.parse((await advance(t, officer(), c.id, 'voting')).result);
    assert.deepEqual([result.outcome, result.proposalIds, result.statusQuoTied], ['tie', [proposals[0]!.id], true]);
  });

  test('nobody voted: no-ballots; nothing admitted: closed straight from frozen with no vote', async () => {
    const voters = await residents(t, 2);
    const first = await frozenWith([[0, 1]], voters);
    await advance(t, officer(), first.c.id, 'frozen');
    assert.equal((await advance(t, officer(), first.c.id, 'voting')).result.outcome, 'no-ballots');

    // Supported, but the supporters never confirm.
    const c = await openConsultation(t, officer());
    const p = await propose(t, voters[0]!.token, c.id);
    await supportAs(t, voters[1]!.token, c.id, p.id);
    await advance(t, officer(), c.id, 'proposing');
    await advance(t, officer(), c.id, 'discussion');
    const closed = Consultation.parse(await advance(t, officer(), c.id, 'frozen'));
    assert.equal(closed.phase, 'closed');
    assert.equal(closed.pollId, null);
    assert.deepEqual(closed.result, { outcome: 'no-admitted-proposals', proposalIds: [], statusQuoTied: false, turnout: 0, ranking: [] });
    assert.equal(closed.proposals[0]!.status, 'not-admitted');
    assert.deepEqual(closed.phases.map((ph) => [ph.phase, ph.startedAt !== null, ph.endedAt !== null]), [
      ['proposing', true, true],
      ['discussion', true, true],
      ['frozen', true, true],
      ['voting', false, false],
    ]);
  });
});
