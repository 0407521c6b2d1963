// Consultations, the officers' side: creating one and everything checked on the way in, who sees drafts,
// lists, what may change in each phase, advancing by hand (and a second click), deleting, organisation
// isolation, refused origins, and the OpenAPI document.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Consultation, ConsultationPage } from '@civic-elements/protocol';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import {
  advance,
  CONSULTATIONS,
  consultationBody,
  consultationCast,
  createConsultation,
  DAY,
  openConsultation,
  propose,
  proposalBody,
  read,
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
const create = (body: unknown, token = officer(), org = 'test-council') => t.call('POST', `/v1/orgs/${org}/consultations`, { token, body });
const patch = (id: string, body: unknown, token = officer()) => t.call('PATCH', `${CONSULTATIONS}/${id}`, { token, body });
const later = (days: number) => new Date(t.clock().getTime() + days * DAY).toISOString();

describe('creating a consultation', () => {
  test('officers and admins create one as a draft with its dates, quorum and defaults; the answer is a Consultation', async () => {
    const res = await create(consultationBody(t.clock()));
    assert.equal(res.status, 201, res.text);
    const c = Consultation.parse(res.json);
    assert.equal(c.phase, 'draft');
    assert.equal(c.eligibility, 'verified');
    assert.equal(c.results, 'after-close');
    assert.equal(c.autoAdvance, true);
    assert.deepEqual(c.quorum, { kind: 'supporters', count: 2 });
    assert.equal(c.quorumNeeded, 2);
    assert.equal(c.phaseEndsAt, null, 'a draft does not end on a date');
    assert.deepEqual(c.phases.map((p) => [p.phase, p.startedAt, p.endsAt]), [
      ['proposing', null, later(1)],
      ['discussion', null, later(2)],
      ['frozen', null, later(3)],
      ['voting', null, later(4)],
    ]);
    assert.deepEqual(c.proposals, []);
    assert.equal(c.pollId, null);
    assert.equal(c.result, null);
    assert.equal(c.you?.canManage, true);
    assert.equal(res.headers.get('location'), `/v1/orgs/test-council/consultations/${c.id}`);

    const share = await create(consultationBody(t.clock(), { quorum: { kind: 'share', percent: 10 }, eligibility: 'members', results: 'live', autoAdvance: false }), people.admin.accessToken);
    assert.equal(share.status, 201, share.text);
    assert.deepEqual(share.json.quorum, { kind: 'share', percent: 10, minimum: 1 });
    assert.equal(share.json.autoAdvance, false);
  });

  test('residents, moderators, anonymous callers and officers of another organisation may not', async () => {
    assert.equal((await create(consultationBody(t.clock()), people.resident.accessToken)).status, 403);
    const moderator = await create(consultationBody(t.clock()), people.moderator.accessToken);
    assert.equal(moderator.status, 403);
    assert.match(moderator.json.error.message, /Only officers and admins of Test Council can create consultations/);
    assert.equal((await t.call('POST', CONSULTATIONS, { body: consultationBody(t.clock()) })).status, 401);
    assert.equal((await create(consultationBody(t.clock()), people.foreignOfficer.accessToken)).status, 403);
    assert.equal((await create(consultationBody(t.clock()), people.foreignOfficer.accessToken, 'other-org')).status, 201);
  });

  test('what is checked: title, quorum, phases in order, dates to come, no unknown fields', async () => {
    const now = t.clock();
    const cases: [unknown, string, RegExp][] = [
      [consultationBody(now, { title: 'No' }), 'title', /at least 3 characters/],
      [consultationBody(now, { quorum: { kind: 'share', percent: 0 } }), 'quorum.percent', /At least 1%/],
      [consultationBody(now, { quorum: { kind: 'share', percent: 150 } }), 'quorum.percent', /At most 100%/],
      [consultationBody(now, { quorum: { kind: 'supporters', count: 0 } }), 'quorum.count', /At least 1 supporter/],
      [consultationBody(now, { quorum: { kind: 'votes', count: 3 } as never }), 'quorum.kind', /A quorum is/],
      [consultationBody(now, { discussionEndsAt: later(0.5) }), 'discussionEndsAt', /must end after the proposing phase/],
      [consultationBody(now, { votingEndsAt: later(3) }), 'votingEndsAt', /must end after the frozen phase/],
      [consultationBody(now, { proposingEndsAt: new Date(now.getTime() - 1000).toISOString() }), 'proposingEndsAt', /already passed/],
      [consultationBody(now, { frozenEndsAt: 'soon' }), 'frozenEndsAt', /.+/],
      [consultationBody(now, { eligibility: 'everyone' as never }), 'eligibility', /.+/],
      [{ ...consultationBody(now), colour: 'red' }, 'colour', /not allowed/],
    ];
    for (const [body, field, message] of cases) {
      const res = await create(body);
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.equal(res.json.error.code, 'validation_failed');
      assert.match(res.json.error.fields[field] ?? '', message, `${field}: ${JSON.stringify(res.json.error.fields)}`);
    }
    const wrongType = await t.call('POST', CONSULTATIONS, { token: officer(), body: 'title=x', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(wrongType.status, 415);
    const broken = await t.call('POST', CONSULTATIONS, { token: officer(), body: '{"title":', headers: { 'Content-Type': 'application/json' } });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error.code, 'invalid_json');
  });
});

describe('reading and listing', () => {
  test('drafts are for officers and admins only; once open everyone reads it', async () => {
    const made = await createConsultation(t, officer(), consultationBody(t.clock()));
    assert.equal((await t.call('GET', `${CONSULTATIONS}/${made.id}`)).status, 404);
    assert.equal((await t.call('GET', `${CONSULTATIONS}/${made.id}`, { token: people.resident.accessToken })).status, 404);
    assert.equal((await t.call('GET', `${CONSULTATIONS}/${made.id}`, { token: people.moderator.accessToken })).status, 404);
    assert.equal((await t.call('GET', `${CONSULTATIONS}/${made.id}`, { token: people.admin.accessToken })).status, 200);
    await advance(t, officer(), made.id, 'draft');
    const open = await t.call('GET', `${CONSULTATIONS}/${made.id}`);
    assert.equal(open.status, 200);
    const c = Consultation.parse(open.json);
    assert.equal(c.phase, 'proposing');
    assert.equal(c.phaseEndsAt, later(1));
    assert.equal(c.phases[0]!.startedAt, t.clock().toISOString());
    assert.equal(open.json.you.canPropose, false, 'signed out');
    assert.equal(open.json.you.reason, 'Sign in to take part.');
  });

  test('lists: newest first, drafts only for officers (403 when a resident asks), by phase, paginated', async () => {
    const first = await openConsultation(t, officer(), { title: 'First consultation' });
    t.clock.advance(1000);
    const draft = await createConsultation(t, officer(), consultationBody(t.clock(), { title: 'A draft' }));
    t.clock.advance(1000);
    const third = await openConsultation(t, officer(), { title: 'Third consultation' });
    const publicList = ConsultationPage.parse((await t.call('GET', CONSULTATIONS)).json);
    assert.deepEqual(publicList.items.map((c) => c.id), [third.id, first.id]);
    const officers = ConsultationPage.parse((await t.call('GET', CONSULTATIONS, { token: officer() })).json);
    assert.deepEqual(officers.items.map((c) => c.id), [third.id, draft.id, first.id]);
    const drafts = await t.call('GET', `${CONSULTATIONS}?phase=draft`, { token: people.resident.accessToken });
    assert.equal(drafts.status, 403);
    assert.equal((await t.call('GET', `${CONSULTATIONS}?phase=closed`)).json.items.length, 0);
    assert.equal((await t.call('GET', `${CONSULTATIONS}?phase=nonsense`)).status, 400);
    const page1 = (await t.call('GET', `${CONSULTATIONS}?limit=1`)).json;
    assert.equal(page1.items.length, 1);
    const page2 = (await t.call('GET', `${CONSULTATIONS}?limit=1&cursor=${page1.nextCursor}`)).json;
    assert.deepEqual(page2.items.map((c: { id: string }) => c.id), [first.id]);
    assert.equal(page2.nextCursor, null);
    assert.equal((await t.call('GET', `${CONSULTATIONS}?cursor=bad`)).status, 400);
  });

  test('organisation isolation: another organisation’s consultation is 404 through this one, and its lists never show it', async () => {
    const foreign = await openConsultation(t, people.foreignOfficer.accessToken, {}, 'other-org');
    assert.equal((await t.call('GET', `${CONSULTATIONS}/${foreign.id}`, { token: people.admin.accessToken })).status, 404);
    assert.equal((await t.call('GET', CONSULTATIONS, { token: people.admin.accessToken })).json.items.length, 0);
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${foreign.id}/advance`, { token: people.admin.accessToken })).status, 404);
    assert.equal((await t.call('PATCH', `${CONSULTATIONS}/${foreign.id}`, { token: people.admin.accessToken, body: { title: 'Taken over' } })).status, 404);
    assert.equal((await t.call('DELETE', `${CONSULTATIONS}/${foreign.id}`, { token: people.admin.accessToken })).status, 404);
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${foreign.id}/proposals`, { token: people.resident.accessToken, body: proposalBody() })).status, 404);
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/consultations')).status, 404);
    // And its officer cannot manage ours.
    const ours = await openConsultation(t, officer());
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${ours.id}/advance`, { token: people.foreignAdmin.accessToken })).status, 403);
  });

  test('writes from an origin the organisation does not allow are refused; its own origin is fine', async () => {
    const refused = await t.call('POST', CONSULTATIONS, { token: officer(), body: consultationBody(t.clock()), headers: { Origin: OTHER_ORIGIN } });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'origin_not_allowed');
    const allowed = await t.call('POST', CONSULTATIONS, { token: officer(), body: consultationBody(t.clock()), headers: { Origin: ORIGIN } });
    assert.equal(allowed.status, 201);
  });
});

describe('changing a consultation', () => {
  test('a draft: everything changes, checked as a whole', async () => {
    const made = await createConsultation(t, officer(), consultationBody(t.clock()));
    const res = await patch(made.id, { title: 'A better title', quorum: { kind: 'share', percent: 20, minimum: 3 }, eligibility: 'officer-verified', results: 'live', autoAdvance: false, votingEndsAt: later(10) });
    assert.equal(res.status, 200, res.text);
    const c = Consultation.parse(res.json);
    assert.equal(c.title, 'A better title');
    assert.deepEqual(c.quorum, { kind: 'share', percent: 20, minimum: 3 });
    assert.equal(c.quorumNeeded, 3);
    assert.equal(c.eligibility, 'officer-verified');
    assert.equal(c.results, 'live');
    assert.equal(c.autoAdvance, false);
    assert.equal(c.phases[3]!.endsAt, later(10));
    const disordered = await patch(made.id, { discussionEndsAt: later(5) });
    assert.equal(disordered.status, 400);
    assert.match(disordered.json.error.fields.frozenEndsAt, /must end after the discussion phase/);
    assert.equal((await patch(made.id, {})).status, 400);
    assert.match((await patch(made.id, { frozenEndsAt: new Date(t.clock().getTime() - DAY).toISOString() })).json.error.fields.frozenEndsAt, /already passed/);
    assert.equal((await patch(made.id, { title: 'Mine now' }, people.resident.accessToken)).status, 403);
  });

  test('once open: eligibility and results are fixed, the quorum until frozen, ended phases’ dates never, nothing once closed', async () => {
    const c = await openConsultation(t, officer());
    const eligibility = await patch(c.id, { eligibility: 'members' });
    assert.equal(eligibility.status, 409);
    assert.equal(eligibility.json.error.code, 'wrong_phase');
    assert.match(eligibility.json.error.message, /only while the consultation is a draft/);
    assert.equal((await patch(c.id, { results: 'live' })).status, 409);
    assert.equal((await patch(c.id, { quorum: { kind: 'supporters', count: 3 } })).status, 200);
    assert.equal((await patch(c.id, { proposingEndsAt: later(1.5) })).status, 200);
    await advance(t, officer(), c.id, 'proposing');
    const ended = await patch(c.id, { proposingEndsAt: later(1.2) });
    assert.equal(ended.status, 409);
    assert.match(ended.json.error.message, /The proposing phase has ended/);
    assert.equal((await patch(c.id, { discussionEndsAt: later(2.5), title: 'Still changeable' })).status, 200);
    await advance(t, officer(), c.id, 'discussion');
    const quorum = await patch(c.id, { quorum: { kind: 'supporters', count: 1 } });
    assert.equal(quorum.status, 409);
    assert.match(quorum.json.error.message, /until the frozen phase starts/);
    await advance(t, officer(), c.id, 'frozen'); // nothing admitted: closed at once
    const closed = await patch(c.id, { title: 'Too late' });
    assert.equal(closed.status, 409);
    assert.equal(closed.json.error.code, 'wrong_phase');
  });
});

describe('advancing by hand', () => {
  test('officers and admins advance one phase at a time; residents and moderators may not; a stale `from` is 409', async () => {
    const made = await createConsultation(t, officer(), consultationBody(t.clock()));
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${made.id}/advance`, { token: people.resident.accessToken })).status, 403);
    const opened = await advance(t, people.admin.accessToken, made.id, 'draft');
    assert.equal(opened.phase, 'proposing');
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${made.id}/advance`, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${made.id}/advance`, { token: people.moderator.accessToken })).status, 403);
    assert.equal((await t.call('POST', `${CONSULTATIONS}/${made.id}/advance`)).status, 401);
    // A second click with what the officer saw: refused, not a skipped phase.
    const again = await t.call('POST', `${CONSULTATIONS}/${made.id}/advance`, { token: officer(), body: { from: 'draft' } });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'wrong_phase');
    assert.equal(again.json.error.details.phase, 'proposing');
    assert.equal((await read(t, made.id)).phase, 'proposing');
    const bad = await t.call('POST', `${CONSULTATIONS}/${made.id}/advance`, { token: officer(), body: { from: 'sideways' } });
    assert.equal(bad.status, 400);
    // Without a body it advances from wherever it is.
    assert.equal((await advance(t, officer(), made.id)).phase, 'discussion');
  });

  test('a draft whose proposing phase would already have ended is not opened until its dates change', async () => {
    const made = await createConsultation(t, officer(), consultationBody(t.clock()));
    t.clock.advance(2 * DAY);
    const refused = await t.call('POST', `${CONSULTATIONS}/${made.id}/advance`, { token: officer() });
    assert.equal(refused.status, 409);
    assert.match(refused.json.error.message, /change the dates first/);
    assert.equal((await patch(made.id, { proposingEndsAt: later(1), discussionEndsAt: later(2), frozenEndsAt: later(3), votingEndsAt: later(4) })).status, 200);
    assert.equal((await advance(t, officer(), made.id)).phase, 'proposing');
  });

  test('closed is the last phase: advancing it is 409', async () => {
    const c = await openConsultation(t, officer());
    await advance(t, officer(), c.id, 'proposing');
    await advance(t, officer(), c.id, 'discussion');
    const closed = await advance(t, officer(), c.id, 'frozen');
    assert.equal(closed.phase, 'closed', 'nothing admitted: no vote');
    const res = await t.call('POST', `${CONSULTATIONS}/${c.id}/advance`, { token: officer() });
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, 'wrong_phase');
  });
});

describe('deleting', () => {
  test('officers delete drafts; only admins delete one that has opened, with its proposals, vote and stored events', async () => {
    const made = await createConsultation(t, officer(), consultationBody(t.clock()));
    assert.equal((await t.call('DELETE', `${CONSULTATIONS}/${made.id}`, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('DELETE', `${CONSULTATIONS}/${made.id}`, { token: officer() })).status, 204);
    assert.equal((await t.call('GET', `${CONSULTATIONS}/${made.id}`, { token: officer() })).status, 404);

    const c = await openConsultation(t, officer(), { quorum: { kind: 'supporters', count: 1 } });
    const p = await propose(t, people.resident.accessToken, c.id);
    await advance(t, officer(), c.id, 'proposing');
    await advance(t, officer(), c.id, 'discussion');
    await t.call('PUT', `${CONSULTATIONS}/${c.id}/proposals/${p.id}/confirmation`, { token: people.resident.accessToken });
    const voting = await advance(t, officer(), c.id, 'frozen');
    assert.equal(voting.phase, 'voting');
    const forbidden = await t.call('DELETE', `${CONSULTATIONS}/${c.id}`, { token: officer() });
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.json.error.message, /Only admins of Test Council/);
    assert.ok((await t.store.consultations.lastEventId(t.org.id, `consultation:${c.id}`)) > 0);
    assert.equal((await t.call('DELETE', `${CONSULTATIONS}/${c.id}`, { token: people.admin.accessToken })).status, 204);
    assert.equal((await t.call('GET', `${CONSULTATIONS}/${c.id}`, { token: officer() })).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/polls/${voting.pollId}`, { token: officer() })).status, 404, 'its vote went with it');
    assert.equal(await t.store.consultations.proposal(t.org.id, p.id), null);
    assert.equal(await t.store.consultations.lastEventId(t.org.id, `consultation:${c.id}`), 0);
  });
});

describe('odd requests', () => {
  test('unknown, overlong and foreign ids, wrong bodies and wrong methods are 4xx with a message, never 5xx', async () => {
    const c = await openConsultation(t, officer());
    const p = await propose(t, people.resident.accessToken, c.id);
    const long = 'x'.repeat(300);
    const requests: [string, string, unknown?][] = [
      ['GET', `${CONSULTATIONS}/${long}`],
      ['GET', `${CONSULTATIONS}/${c.id}/proposals/${long}`],
      ['GET', `${CONSULTATIONS}/${c.id}/proposals/${p.id}/suggestions/${long}/rating`],
      ['PUT', `${CONSULTATIONS}/${c.id}/proposals/${p.id}/suggestions/${long}/rating`, { degree: 'must' }],
      ['DELETE', `${CONSULTATIONS}/${c.id}/proposals/${p.id}/suggestions/nope`],
      ['POST', `${CONSULTATIONS}/${c.id}/proposals/${p.id}/suggestions`, { body: 42 }],
      ['PATCH', `${CONSULTATIONS}/${c.id}/proposals/${p.id}`, ['not', 'an', 'object']],
      ['POST', `${CONSULTATIONS}/${c.id}/advance`, 'null'],
      ['POST', `${CONSULTATIONS}/${c.id}/advance`, { from: 'proposing', extra: true }],
      ['PATCH', `${CONSULTATIONS}/${c.id}`, { quorum: null }],
      ['PUT', `${CONSULTATIONS}/${c.id}/proposals/${p.id}/confirmation`],
      ['GET', `${CONSULTATIONS}?limit=1000`],
      ['GET', `/v1/stream?org=test-council&topic=consultation:${long}`],
    ];
    for (const [method, path, body] of requests) {
      const res = await t.call(method, path, { token: officer(), ...(body !== undefined ? { body } : {}) });
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${path.slice(0, 120)}: ${res.status} ${res.text.slice(0, 200)}`);
      assert.ok(res.json?.error?.message, `${method} ${path.slice(0, 120)} has a message`);
    }
  });
});

describe('the OpenAPI document', () => {
  test('describes every consultation route, and consultation topics on the stream', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).json;
    const base = '/v1/orgs/{org}/consultations';
    const expected: Record<string, string[]> = {
      [base]: ['get', 'post'],
      [`${base}/{id}`]: ['get', 'patch', 'delete'],
      [`${base}/{id}/advance`]: ['post'],
      [`${base}/{id}/proposals`]: ['post'],
      [`${base}/{id}/proposals/{pid}`]: ['get', 'patch'],
      [`${base}/{id}/proposals/{pid}/revisions`]: ['get'],
      [`${base}/{id}/proposals/{pid}/withdraw`]: ['post'],
      [`${base}/{id}/proposals/{pid}/support`]: ['put', 'delete'],
      [`${base}/{id}/proposals/{pid}/confirmation`]: ['put', 'delete'],
      [`${base}/{id}/proposals/{pid}/suggestions`]: ['get', 'post'],
      [`${base}/{id}/proposals/{pid}/suggestions/{sid}`]: ['delete'],
      [`${base}/{id}/proposals/{pid}/suggestions/{sid}/rating`]: ['put', 'delete'],
    };
    for (const [path, methods] of Object.entries(expected)) for (const method of methods) assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    assert.equal(doc.paths[`${base}/{id}/advance`].post.requestBody.required, false);
    assert.ok(doc.paths[base].post.requestBody.content['application/json'].schema.properties.quorum);
    const topic = doc.paths['/v1/stream'].get.parameters.find((p: { name: string }) => p.name === 'topic').description;
    assert.match(topic, /consultation:<id>/);
    assert.match(topic, /poll:<id>/);
    assert.ok(doc.paths['/v1/orgs/{org}/polls'], 'the poll routes are still there');
  });
});
