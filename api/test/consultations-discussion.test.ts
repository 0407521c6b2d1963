// Consultations, the discussion and after: suggestions and supporters' ratings, confirmations in the
// frozen phase, the live stream's stored events, and a proposal as a discussion subject.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Consultation, ConsultationCountsEvent, Proposal, Suggestion, SuggestionList } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
import {
  advance,
  confirmAs,
  CONSULTATIONS,
  consultationBody,
  consultationCast,
  openConsultation,
  propose,
  proposalBody,
  proposalOf,
  proposalPath,
  read,
  supportAs,
  type ConsultationPeople,
} from './support/consultations.js';

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

describe('suggestions', () => {
  async function inDiscussion() {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id);
    await supportAs(t, neighbour(), c.id, p.id);
    return { c, p, path: `${proposalPath(c.id, p.id)}/suggestions` };
  }

  test('supporters suggest in the discussion phase; others are refused; anyone reads them', async () => {
    const { c, p, path } = await inDiscussion();
    const early = await t.call('POST', path, { token: neighbour(), body: { body: 'Add a bench by the pond, please.' } });
    assert.equal(early.status, 409, 'not in the proposing phase');
    await advance(t, officer(), c.id, 'proposing');
    const made = await t.call('POST', path, { token: neighbour(), body: { body: 'Add a bench by the pond, please.' } });
    assert.equal(made.status, 201, made.text);
    const suggestion = Suggestion.parse(made.json);
    assert.equal(suggestion.author?.id, people.neighbour.user.id);
    assert.deepEqual(suggestion.ratings, { must: 0, should: 0, shouldNot: 0, mustNot: 0 });
    const stranger = await t.call('POST', path, { token: people.moderator.accessToken, body: { body: 'I do not support it but here goes.' } });
    assert.equal(stranger.status, 403);
    assert.match(stranger.json.error.message, /Only supporters of this proposal can make suggestions/);
    assert.equal((await t.call('POST', path, { token: neighbour(), body: { body: 'short' } })).status, 400);
    const list = SuggestionList.parse((await t.call('GET', path)).json);
    assert.equal(list.items.length, 1);
    assert.equal((await proposalOf(t, c.id, p.id)).suggestions, 1);
    assert.equal((await proposalOf(t, c.id, p.id, neighbour())).you?.canSuggest, true);
    // At most 5 from one person on one proposal.
    for (let i = 2; i <= 5; i++) assert.equal((await t.call('POST', path, { token: neighbour(), body: { body: `Suggestion number ${i} for this.` } })).status, 201);
    const sixth = await t.call('POST', path, { token: neighbour(), body: { body: 'One suggestion too many.' } });
    assert.equal(sixth.status, 409);
    assert.match(sixth.json.error.message, /5 suggestions for this proposal/);
  });

  test('supporters rate them must / should / should not / must not; the most wanted come first; taking back support takes back one’s ratings', async () => {
    const { c, path } = await inDiscussion();
    await advance(t, officer(), c.id, 'proposing');
    const first = (await t.call('POST', path, { token: neighbour(), body: { body: 'Open it on Sundays as well.' } })).json;
    t.clock.advance(1000);
    const second = (await t.call('POST', path, { token: resident(), body: { body: 'Put the fridge by the side door.' } })).json;
    const rate = (id: string, token: string, degree: string) => t.call('PUT', `${path}/${id}/rating`, { token, body: { degree } });
    assert.equal((await rate(second.id, resident(), 'must')).json.ratings.must, 1);
    const rated = await rate(second.id, neighbour(), 'should');
    assert.equal(rated.status, 200);
    assert.deepEqual(rated.json.ratings, { must: 1, should: 1, shouldNot: 0, mustNot: 0 });
    assert.equal(rated.json.yourRating, 'should');
    assert.deepEqual((await rate(second.id, neighbour(), 'must-not')).json.ratings, { must: 1, should: 0, shouldNot: 0, mustNot: 1 }, 'a new rating replaces the old');
    await rate(first.id, resident(), 'should');
    assert.equal((await rate(first.id, people.moderator.accessToken, 'must')).status, 403, 'only supporters rate');
    assert.equal((await rate(first.id, neighbour(), 'maybe')).status, 400);
    // first: should (1) ; second: must − must not (2 − 2 = 0).
    const ordered = SuggestionList.parse((await t.call('GET', path, { token: resident() })).json);
    assert.deepEqual(ordered.items.map((s) => [s.id, s.yourRating]), [
      [first.id, 'should'],
      [second.id, 'must'],
    ]);
    const unrated = await t.call('DELETE', `${path}/${first.id}/rating`, { token: resident() });
    assert.equal(unrated.json.yourRating, null);
    // The neighbour stops supporting: their must-not goes.
    await t.call('DELETE', `${proposalPath(c.id, ordered.items[0]!.proposalId)}/support`, { token: neighbour() });
    const after = SuggestionList.parse((await t.call('GET', path)).json);
    assert.deepEqual(after.items.find((s) => s.id === second.id)!.ratings, { must: 1, should: 0, shouldNot: 0, mustNot: 0 });
    await advance(t, officer(), c.id, 'discussion');
    assert.equal((await rate(second.id, resident(), 'should')).status, 409, 'frozen: no more ratings');
  });

  test('its author removes a suggestion in the discussion phase; a moderator at any time; nobody else', async () => {
    const { c, path } = await inDiscussion();
    await advance(t, officer(), c.id, 'proposing');
    const one = (await t.call('POST', path, { token: neighbour(), body: { body: 'Paint it green like the park gates.' } })).json;
    const two = (await t.call('POST', path, { token: neighbour(), body: { body: 'Add a water tap for the planters.' } })).json;
    assert.equal((await t.call('DELETE', `${path}/${one.id}`, { token: resident() })).status, 403);
    assert.equal((await t.call('DELETE', `${path}/${one.id}`, { token: neighbour() })).status, 204);
    assert.equal((await t.call('DELETE', `${path}/${one.id}`, { token: neighbour() })).status, 404);
    await advance(t, officer(), c.id, 'discussion');
    assert.equal((await t.call('DELETE', `${path}/${two.id}`, { token: neighbour() })).status, 409);
    assert.equal((await t.call('DELETE', `${path}/${two.id}`, { token: people.moderator.accessToken })).status, 204);
    assert.deepEqual((await t.call('GET', path)).json.items, []);
  });
});

describe('confirmations', () => {
  test('in the frozen phase supporters confirm (201, then 200) and may take it back; others are refused; confirmed counts show from then on', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id);
    await supportAs(t, neighbour(), c.id, p.id);
    const early = await confirmAs(t, neighbour(), c.id, p.id);
    assert.equal(early.status, 409);
    assert.match(early.json.error.message, /only in the frozen phase/);
    await advance(t, officer(), c.id, 'proposing');
    await advance(t, officer(), c.id, 'discussion');
    const frozen = Consultation.parse(await read(t, c.id, neighbour()));
    assert.equal(frozen.proposals[0]!.confirmed, 0);
    assert.equal(frozen.proposals[0]!.status, 'proposed', 'no confirmed support yet');
    assert.equal(frozen.proposals[0]!.you?.canConfirm, true);
    const confirmed = await confirmAs(t, neighbour(), c.id, p.id);
    assert.equal(confirmed.status, 201);
    assert.equal(confirmed.json.confirmed, 1);
    assert.equal(confirmed.json.you.confirmed, true);
    assert.equal((await confirmAs(t, neighbour(), c.id, p.id)).status, 200);
    const stranger = await confirmAs(t, people.moderator.accessToken, c.id, p.id);
    assert.equal(stranger.status, 403);
    assert.match(stranger.json.error.message, /you did not support it before the consultation was frozen/);
    await confirmAs(t, resident(), c.id, p.id);
    const shown = await read(t, c.id);
    assert.deepEqual([shown.participants, shown.proposals[0].confirmed, shown.proposals[0].status], [2, 2, 'admitted']);
    const back = await t.call('DELETE', `${proposalPath(c.id, p.id)}/confirmation`, { token: neighbour() });
    assert.equal(back.status, 200);
    assert.equal(back.json.confirmed, 1);
    assert.equal((await read(t, c.id)).participants, 1, 'participants in the frozen phase are those who confirmed');
    await advance(t, officer(), c.id, 'frozen');
    assert.equal((await confirmAs(t, neighbour(), c.id, p.id)).status, 409);
  });
});

describe('the live stream', () => {
  test('phase, counts and proposal events are stored on consultation:<id>, and /v1/stream replays them after Last-Event-ID', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id);
    await supportAs(t, neighbour(), c.id, p.id);
    const topic = `consultation:${c.id}`;
    const events = await t.store.debate.eventsAfter(t.org.id, topic, 0, 100);
    assert.deepEqual(events.map((e) => e.event), ['phase', 'counts', 'proposal', 'counts', 'counts']);
    assert.deepEqual(JSON.parse(events[0]!.data), { id: c.id, phase: 'proposing', phaseEndsAt: c.phaseEndsAt, pollId: null });
    const counts = ConsultationCountsEvent.parse(JSON.parse(events.at(-1)!.data));
    assert.deepEqual(counts.proposals, [{ id: p.id, status: 'admitted', supporters: 2, confirmed: null }]);
    assert.equal(counts.participants, 2);
    assert.equal(Proposal.parse(JSON.parse(events[2]!.data)).you, undefined, 'events carry nobody’s own view');
    assert.equal((await read(t, c.id)).lastEventId, String(events.at(-1)!.id));

    const controller = new AbortController();
    const res = await t.app.request(`/v1/stream?org=test-council&topic=${topic}&lastEventId=${events[2]!.id}`, { signal: controller.signal });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/^event:/gm) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await reader.cancel().catch(() => {});
    assert.deepEqual([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])), [events[3]!.id, events[4]!.id]);
    // A draft or another organisation's consultation has no stream here.
    const draft = (await t.call('POST', CONSULTATIONS, { token: officer(), body: consultationBody(t.clock()) })).json;
    assert.equal((await t.call('GET', `/v1/stream?org=test-council&topic=consultation:${draft.id}`)).status, 404);
    assert.equal((await t.call('GET', `/v1/stream?org=other-org&topic=${topic}`)).status, 404);
  });
});

describe('a proposal as a discussion subject', () => {
  test('<civic-debate subject="proposal:ID"> resolves to the proposal, titled with its title; another organisation’s is 404', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, resident(), c.id, proposalBody(1, { title: 'Light the Burgess Park paths' }));
    const comment = await t.call('POST', '/v1/orgs/test-council/comments', { token: neighbour(), body: { subject: `proposal:${p.id}`, stance: 'for', body: 'Yes, the lake path is very dark.' } });
    assert.equal(comment.status, 201, comment.text);
    assert.equal(comment.json.subject, `proposal:${p.id}`);
    const listed = await t.call('GET', `/v1/orgs/test-council/comments?subject=proposal:${p.id}`);
    assert.equal(listed.status, 200);
    assert.equal(listed.json.items.length, 1);
    const { resolveSubject } = await import('../src/debate/subjects.js');
    const deps = { store: t.store } as never;
    assert.equal((await resolveSubject(deps, t.org, `proposal:${p.id}`)).title, 'Light the Burgess Park paths');
    const foreign = await t.call('POST', '/v1/orgs/other-org/comments', { token: people.foreignOfficer.accessToken, body: { subject: `proposal:${p.id}`, stance: 'for', body: 'From elsewhere.' } });
    assert.equal(foreign.status, 404);
    const missing = await t.call('GET', '/v1/orgs/test-council/comments?subject=proposal:nope');
    assert.equal(missing.status, 404);
    assert.match(missing.json.error.message, /Test Council has no proposal “nope” to discuss/);
  });
});
