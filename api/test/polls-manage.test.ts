// Polls, the officers' side: creating each kind of poll and everything checked on the way in, changing
// drafts, opening, closing and deleting, who may do each, who sees drafts, lists, organisation
// isolation, refused origins, and the OpenAPI document.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Poll, PollPage } from '@civic-elements/protocol';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { draft, openPoll, pollBody, pollCast, POLLS, type PollCastPeople } from './support/polls.js';
import { uploadPhoto } from './support/reports.js';

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
const create = (body: unknown, token = people.highways.accessToken, org = 'test-council') => t.call('POST', `/v1/orgs/${org}/polls`, { token, body });

describe('creating a poll', () => {
  test('officers and admins create each kind as a draft; the answer is a Poll with option ids and the defaults', async () => {
    for (const kind of ['single', 'multiple', 'approval', 'score', 'ranked'] as const) {
      const res = await create(pollBody(kind), kind === 'ranked' ? people.admin.accessToken : people.highways.accessToken);
      assert.equal(res.status, 201, res.text);
      const poll = Poll.parse(res.json);
      assert.equal(poll.kind, kind);
      assert.equal(poll.status, 'draft');
      assert.equal(poll.acceptingBallots, false);
      assert.equal(poll.eligibility, 'verified');
      assert.equal(poll.results, 'after-close');
      assert.equal(poll.options.length, 3);
      assert.equal(new Set(poll.options.map((o) => o.id)).size, 3);
      assert.equal(res.headers.get('location'), `/v1/orgs/test-council/polls/${poll.id}`);
      assert.deepEqual([poll.minChoices, poll.maxChoices], kind === 'multiple' ? [1, 3] : [null, null]);
      assert.equal(poll.turnout, 0, 'officers see turnout');
      assert.equal(poll.you?.canManage, true);
    }
  });

  test('residents, moderators and anonymous callers may not create polls; officers of another organisation neither', async () => {
    assert.equal((await create(pollBody(), people.resident.accessToken)).status, 403);
    const moderator = await create(pollBody(), people.moderator.accessToken);
    assert.equal(moderator.status, 403);
    assert.match(moderator.json.error.message, /Only officers and admins of Test Council/);
    assert.equal((await t.call('POST', POLLS, { body: pollBody() })).status, 401);
    assert.equal((await create(pollBody(), people.foreignOfficer.accessToken)).status, 403);
    assert.equal((await create(pollBody(), people.foreignOfficer.accessToken, 'other-org')).status, 201);
  });

  test('options carry a description, an image (an uploaded photo of the organisation or an https address) and a location', async () => {
    const photo = await uploadPhoto(t, { token: people.highways.accessToken });
    assert.equal(photo.status, 201, JSON.stringify(photo.json));
    const res = await create(
      pollBody('single', {
        options: [
          { label: 'Play area', description: 'New swings in Burgess Park.', image: { mediaId: photo.json.id, alt: 'Swings' }, location: { type: 'Point', coordinates: [-0.0815, 51.4835] } },
          { label: 'Street trees', image: { url: 'https://example.org/trees.jpg' } },
        ],
      }),
    );
    assert.equal(res.status, 201, res.text);
    const [play, trees] = Poll.parse(res.json).options;
    assert.equal(play!.description, 'New swings in Burgess Park.');
    assert.equal(play!.image!.mediaId, photo.json.id);
    assert.match(play!.image!.url, new RegExp(`/v1/media/${photo.json.id}/large\\.jpg$`));
    assert.equal(play!.image!.alt, 'Swings');
    assert.deepEqual(play!.location, { type: 'Point', coordinates: [-0.0815, 51.4835] });
    assert.deepEqual(trees!.image, { mediaId: null, url: 'https://example.org/trees.jpg', thumb: 'https://example.org/trees.jpg', alt: '' });
    assert.equal(trees!.description, null);
    assert.equal(trees!.location, null);

    // Another organisation's photo, a plain-http address, a latitude out of range.
    const foreignPhoto = await uploadPhoto(t, { token: people.foreignOfficer.accessToken, org: 'other-org' });
    const bad = await create(
      pollBody('single', {
        options: [
          { label: 'One', image: { mediaId: foreignPhoto.json.id } },
          { label: 'Two', image: { url: 'http://example.org/x.jpg' } as never },
          { label: 'Three', location: { type: 'Point', coordinates: [0, 95] } },
        ],
      }),
    );
    assert.equal(bad.status, 400);
    assert.ok(bad.json.error.fields['options.1.image'] ?? bad.json.error.fields['options.1.image.url'], JSON.stringify(bad.json.error.fields));
    assert.ok(bad.json.error.fields['options.2.location.coordinates.1'], JSON.stringify(bad.json.error.fields));
    const foreign = await create(pollBody('single', { options: [{ label: 'One', image: { mediaId: foreignPhoto.json.id } }, { label: 'Two' }] }));
    assert.equal(foreign.status, 400);
    assert.match(foreign.json.error.fields['options.0.image.mediaId'], /Test Council has no photo with this id/);
  });

  test('what is checked: title, options (2 to 50, labels different), choice limits only for multiple choice, times', async () => {
    const cases: [unknown, string, RegExp][] = [
      [pollBody('single', { title: 'Hi' }), 'title', /at least 3 characters/],
      [pollBody('single', {}, 1), 'options', /at least 2 options/],
      [pollBody('single', {}, 51), 'options', /at most 50 options/],
      [pollBody('single', { options: [{ label: 'Same' }, { label: 'same' }] }), 'options', /different label/],
      [pollBody('single', { options: [{ label: '' }, { label: 'B' }] }), 'options.0.label', /label/],
      [pollBody('single', { minChoices: 1 }), 'minChoices', /Only a multiple-choice poll/],
      [pollBody('ranked', { maxChoices: 2 }), 'maxChoices', /Only a multiple-choice poll/],
      [pollBody('multiple', { minChoices: 3, maxChoices: 2 }), 'minChoices', /cannot be more than the maximum/],
      [pollBody('multiple', { maxChoices: 4 }), 'maxChoices', /more than the 3 options/],
      [pollBody('multiple', { minChoices: 0 }), 'minChoices', /At least 1/],
      [pollBody('score', { kind: 'plurality' as never }), 'kind', /.+/],
      [pollBody('single', { eligibility: 'everyone' as never }), 'eligibility', /.+/],
      [pollBody('single', { results: 'never' as never }), 'results', /.+/],
      [pollBody('single', { opensAt: '2026-04-02T10:00:00Z', closesAt: '2026-04-01T10:00:00Z' }), 'closesAt', /close after it opens/],
      [pollBody('single', { closesAt: '2026-03-01T10:00:00Z' }), 'closesAt', /already passed/],
      [pollBody('single', { closesAt: 'next tuesday' }), 'closesAt', /.+/],
      [{ ...pollBody('single'), colour: 'red' }, 'colour', /not allowed/],
    ];
    for (const [body, field, message] of cases) {
      const res = await create(body);
      assert.equal(res.status, 400, `${field}: ${res.text}`);
      assert.equal(res.json.error.code, 'validation_failed');
      assert.match(res.json.error.fields[field] ?? '', message, `${field}: ${JSON.stringify(res.json.error.fields)}`);
    }
    // Not JSON, no body, the wrong type: 4xx, never 5xx.
    assert.equal((await t.call('POST', POLLS, { token: people.highways.accessToken, body: '{"title":' })).status, 400);
    assert.equal((await t.call('POST', POLLS, { token: people.highways.accessToken, body: 'title=x', headers: { 'Content-Type': 'text/plain' } })).status, 415);
    assert.equal((await create([])).status, 400);
  });

  test('writes from an origin the organisation does not allow are 403 origin_not_allowed; its own origin works', async () => {
    const refused = await t.call('POST', POLLS, { token: people.highways.accessToken, body: pollBody(), headers: { Origin: OTHER_ORIGIN } });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'origin_not_allowed');
    const ok = await t.call('POST', POLLS, { token: people.highways.accessToken, body: pollBody(), headers: { Origin: ORIGIN } });
    assert.equal(ok.status, 201);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  });
});

describe('reading and listing polls', () => {
  test('drafts are seen only by the organisation’s officers and admins; open and closed polls by anyone', async () => {
    const hidden = await draft(t, people.highways.accessToken, pollBody('single', { title: 'A draft nobody sees' }));
    const shown = await openPoll(t, people.highways.accessToken, pollBody('ranked', { title: 'An open ranked poll' }));
    for (const token of [undefined, people.resident.accessToken, people.moderator.accessToken, people.foreignAdmin.accessToken]) {
      const res = await t.call('GET', `${POLLS}/${hidden.id}`, token ? { token } : {});
      assert.equal(res.status, 404);
      assert.equal(res.json.error.code, 'not_found');
      assert.equal((await t.call('GET', `${POLLS}/${shown.id}`, token ? { token } : {})).status, 200);
    }
    assert.equal((await t.call('GET', `${POLLS}/${hidden.id}`, { token: people.housing.accessToken })).status, 200);
    const publicList = PollPage.parse((await t.call('GET', POLLS)).json);
    assert.deepEqual(publicList.items.map((p) => p.title), ['An open ranked poll']);
    assert.equal(publicList.items[0]!.turnout, null, 'after-close polls hide turnout from the public while open');
    const officerList = PollPage.parse((await t.call('GET', POLLS, { token: people.admin.accessToken })).json);
    assert.deepEqual(officerList.items.map((p) => p.title).sort(), ['A draft nobody sees', 'An open ranked poll']);
    const drafts = await t.call('GET', `${POLLS}?status=draft`, { token: people.resident.accessToken });
    assert.equal(drafts.status, 403);
    assert.equal((await t.call('GET', `${POLLS}?status=maybe`)).status, 400);
    assert.equal((await t.call('GET', `${POLLS}?limit=0`)).status, 400);
    assert.equal((await t.call('GET', `${POLLS}?cursor=nonsense`)).status, 400);
    // Another organisation's poll is not there, whoever asks.
    assert.equal((await t.call('GET', `/v1/orgs/other-org/polls/${shown.id}`, { token: people.foreignAdmin.accessToken })).status, 404);
    assert.deepEqual(PollPage.parse((await t.call('GET', '/v1/orgs/other-org/polls', { token: people.foreignAdmin.accessToken })).json).items, []);
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/polls')).json.error.code, 'org_not_found');
    assert.equal((await t.call('GET', `${POLLS}/${'x'.repeat(300)}`)).status, 404);
  });

  test('lists page newest first and filter by status as it stands now (past closesAt counts as closed)', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push((await openPoll(t, people.highways.accessToken, pollBody('single', { title: `Poll number ${i}`, ...(i === 0 ? { closesAt: '2026-03-03T09:00:00Z' } : {}) }))).id);
      t.clock.advance(1000);
    }
    const first = PollPage.parse((await t.call('GET', `${POLLS}?limit=2`)).json);
    assert.deepEqual(first.items.map((p) => p.title), ['Poll number 4', 'Poll number 3']);
    const second = PollPage.parse((await t.call('GET', `${POLLS}?limit=2&cursor=${first.nextCursor}`)).json);
    assert.deepEqual(second.items.map((p) => p.title), ['Poll number 2', 'Poll number 1']);
    const third = PollPage.parse((await t.call('GET', `${POLLS}?limit=2&cursor=${second.nextCursor}`)).json);
    assert.deepEqual(third.items.map((p) => p.title), ['Poll number 0']);
    assert.equal(third.nextCursor, null);
    assert.equal(PollPage.parse((await t.call('GET', `${POLLS}?status=closed`)).json).items.length, 0);
    t.clock.advance(DAY);
    const closed = PollPage.parse((await t.call('GET', `${POLLS}?status=closed`)).json);
    assert.deepEqual(closed.items.map((p) => [p.title, p.status, p.acceptingBallots]), [['Poll number 0', 'closed', false]]);
    assert.equal(PollPage.parse((await t.call('GET', `${POLLS}?status=open`)).json).items.length, 4);
  });
});

describe('changing a draft', () => {
  test('a draft changes (options replaced, kept ids kept); a new kind drops choice limits that no longer apply', async () => {
    const poll = await draft(t, people.highways.accessToken, pollBody('multiple', { minChoices: 2, maxChoices: 3 }));
    const [a, b] = poll.options;
    const res = await t.call('PATCH', `${POLLS}/${poll.id}`, {
      token: people.housing.accessToken,
      body: { title: 'A better title', options: [{ id: b!.id, label: 'Option B, renamed' }, { label: 'Option D' }, { id: a!.id, label: 'Option A' }], maxChoices: 2 },
    });
    assert.equal(res.status, 200, res.text);
    const changed = Poll.parse(res.json);
    assert.equal(changed.title, 'A better title');
    assert.deepEqual(changed.options.map((o) => o.label), ['Option B, renamed', 'Option D', 'Option A']);
    assert.equal(changed.options[0]!.id, b!.id);
    assert.equal(changed.options[2]!.id, a!.id);
    assert.deepEqual([changed.minChoices, changed.maxChoices], [2, 2]);
    const ranked = Poll.parse((await t.call('PATCH', `${POLLS}/${poll.id}`, { token: people.highways.accessToken, body: { kind: 'ranked' } })).json);
    assert.deepEqual([ranked.kind, ranked.minChoices, ranked.maxChoices], ['ranked', null, null]);
    const back = Poll.parse((await t.call('PATCH', `${POLLS}/${poll.id}`, { token: people.highways.accessToken, body: { kind: 'multiple' } })).json);
    assert.deepEqual([back.minChoices, back.maxChoices], [1, 3]);
  });

  test('a change is checked as a whole; unknown option ids, empty changes and residents are refused', async () => {
    const poll = await draft(t, people.highways.accessToken, pollBody('single'));
    const patch = (body: unknown, token = people.highways.accessToken) => t.call('PATCH', `${POLLS}/${poll.id}`, { token, body });
    assert.match((await patch({ minChoices: 2 })).json.error.fields.minChoices, /Only a multiple-choice poll/);
    assert.match((await patch({ options: [{ id: 'nope', label: 'X' }, { label: 'Y' }] })).json.error.fields['options.0.id'], /no option with this id/);
    assert.match((await patch({ options: [{ id: poll.options[0]!.id, label: 'X' }, { id: poll.options[0]!.id, label: 'Y' }] })).json.error.fields['options.1.id'], /listed twice/);
    assert.equal((await patch({})).status, 400);
    assert.equal((await patch({ closesAt: '2026-01-01T00:00:00Z' })).status, 400);
    assert.equal((await patch({ title: 'Residents cannot' }, people.resident.accessToken)).status, 403);
    // Another organisation's admin is nobody here: refused before the poll is even looked for.
    assert.equal((await patch({ title: 'Nor other organisations' }, people.foreignAdmin.accessToken)).status, 403);
    const cleared = await patch({ opensAt: '2026-04-01T09:00:00Z', closesAt: '2026-04-08T09:00:00.000Z' });
    assert.equal(cleared.status, 200);
    assert.deepEqual([cleared.json.opensAt, cleared.json.closesAt], ['2026-04-01T09:00:00.000Z', '2026-04-08T09:00:00.000Z']);
    const none = await patch({ opensAt: null });
    assert.equal(none.json.opensAt, null);
  });

  test('once opened a poll cannot be changed: 409', async () => {
    const poll = await openPoll(t, people.highways.accessToken, pollBody('single'));
    const res = await t.call('PATCH', `${POLLS}/${poll.id}`, { token: people.highways.accessToken, body: { title: 'Too late to change' } });
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, 'conflict');
    assert.match(res.json.error.message, /Only a draft poll can be changed/);
  });
});

describe('opening, closing and deleting', () => {
  test('draft → open → closed, each step once; 409 for a step that does not fit', async () => {
    const poll = await draft(t, people.highways.accessToken, pollBody('approval'));
    const step = (what: string, token = people.highways.accessToken) => t.call('POST', `${POLLS}/${poll.id}/${what}`, { token });
    assert.equal((await step('close')).status, 409);
    assert.equal((await step('open', people.resident.accessToken)).status, 403);
    assert.equal((await step('open', people.foreignOfficer.accessToken)).status, 403);
    const opened = await step('open');
    assert.equal(opened.status, 200);
    assert.deepEqual([opened.json.status, opened.json.acceptingBallots, opened.json.openedAt], ['open', true, '2026-03-02T09:00:00.000Z']);
    assert.equal((await step('open')).status, 409);
    t.clock.advance(60_000);
    const closed = await step('close', people.admin.accessToken);
    assert.equal(closed.status, 200);
    assert.deepEqual([closed.json.status, closed.json.acceptingBallots, closed.json.closedAt], ['closed', false, '2026-03-02T09:01:00.000Z']);
    const again = await step('close');
    assert.equal(again.status, 409);
    assert.match(again.json.error.message, /already closed/);
    assert.match((await step('open')).json.error.message, /cannot be opened again/);
  });

  test('opensAt holds ballots back; closesAt closes the poll by itself, and a late close keeps closesAt as the closing time', async () => {
    const poll = Poll.parse(await openPoll(t, people.highways.accessToken, pollBody('single', { opensAt: '2026-03-03T09:00:00Z', closesAt: '2026-03-05T09:00:00Z' })));
    assert.deepEqual([poll.status, poll.acceptingBallots], ['open', false]);
    t.clock.advance(DAY);
    const open = (await t.call('GET', `${POLLS}/${poll.id}`)).json;
    assert.deepEqual([open.status, open.acceptingBallots], ['open', true]);
    t.clock.advance(3 * DAY);
    const closed = (await t.call('GET', `${POLLS}/${poll.id}`)).json;
    assert.deepEqual([closed.status, closed.acceptingBallots, closed.closedAt], ['closed', false, '2026-03-05T09:00:00.000Z']);
    const recorded = await t.call('POST', `${POLLS}/${poll.id}/close`, { token: people.highways.accessToken });
    assert.equal(recorded.status, 200);
    assert.equal(recorded.json.closedAt, '2026-03-05T09:00:00.000Z');
    // A draft whose closing time has passed cannot be opened until it is changed.
    const late = await draft(t, people.highways.accessToken, pollBody('single', { closesAt: '2026-03-07T09:00:00Z' }));
    t.clock.advance(2 * DAY);
    const refused = await t.call('POST', `${POLLS}/${late.id}/open`, { token: people.highways.accessToken });
    assert.equal(refused.status, 409);
    assert.match(refused.json.error.message, /closing time has already passed/);
  });

  test('officers delete drafts; a poll that has been opened only admins delete; residents never', async () => {
    const drafted = await draft(t, people.highways.accessToken, pollBody('single'));
    const opened = await openPoll(t, people.highways.accessToken, pollBody('score'));
    const remove = (id: string, token: string) => t.call('DELETE', `${POLLS}/${id}`, { token });
    assert.equal((await remove(drafted.id, people.resident.accessToken)).status, 403);
    assert.equal((await remove(opened.id, people.resident.accessToken)).status, 403);
    assert.equal((await remove(drafted.id, people.foreignAdmin.accessToken)).status, 403);
    assert.equal((await remove(drafted.id, people.housing.accessToken)).status, 204);
    assert.equal((await t.call('GET', `${POLLS}/${drafted.id}`, { token: people.admin.accessToken })).status, 404);
    const officer = await remove(opened.id, people.highways.accessToken);
    assert.equal(officer.status, 403);
    assert.match(officer.json.error.message, /Only admins of Test Council can delete a poll that has been opened/);
    assert.ok((await t.store.polls.lastEventId(t.org.id, `poll:${opened.id}`)) > 0, 'opening it was streamed');
    assert.equal((await remove(opened.id, people.admin.accessToken)).status, 204);
    assert.equal((await t.call('GET', `${POLLS}/${opened.id}`)).status, 404);
    assert.equal(await t.store.polls.lastEventId(t.org.id, `poll:${opened.id}`), 0, 'its stored stream events went with it');
  });
});

describe('the OpenAPI document', () => {
  test('describes every poll route, and poll topics on the stream', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).json;
    const expected: Record<string, string[]> = {
      '/v1/orgs/{org}/polls': ['get', 'post'],
      '/v1/orgs/{org}/polls/{id}': ['get', 'patch', 'delete'],
      '/v1/orgs/{org}/polls/{id}/open': ['post'],
      '/v1/orgs/{org}/polls/{id}/close': ['post'],
      '/v1/orgs/{org}/polls/{id}/ballot': ['get', 'put'],
      '/v1/orgs/{org}/polls/{id}/verify-receipt': ['post'],
      '/v1/orgs/{org}/polls/{id}/results': ['get'],
      '/v1/orgs/{org}/polls/{id}/ballots.csv': ['get'],
      '/v1/orgs/{org}/polls/{id}/ballots.json': ['get'],
      '/v1/orgs/{org}/polls/{id}/recount': ['post'],
      '/v1/orgs/{org}/verified-residents': ['get', 'post'],
      '/v1/orgs/{org}/verified-residents/{userId}': ['delete'],
    };
    for (const [path, methods] of Object.entries(expected)) for (const method of methods) assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    assert.ok(doc.paths['/v1/orgs/{org}/polls/{id}/ballot'].put.requestBody.content['application/json'].schema.oneOf);
    assert.match(doc.paths['/v1/stream'].get.parameters.find((p: { name: string }) => p.name === 'topic').description, /poll:<id>/);
    assert.match(doc.paths['/v1/stream'].get.summary, /comment/);
  });
});
