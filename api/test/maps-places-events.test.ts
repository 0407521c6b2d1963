// Places and events: staff write them inside the organisation's area, anyone reads them by box (events also by time).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { EventFeature, LayerFeatureCollection, PlaceFeature } from '@civic-elements/protocol';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { bboxParam, cast, createProject, point, square } from './support/maps.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof cast>>;
beforeEach(async () => {
  t = await buildTestApp();
  people = await cast(t);
});
afterEach(async () => {
  await t.close();
});

const placeBody = (overrides: Record<string, unknown> = {}, geometry: unknown = point(-0.0695, 51.4739)) => ({
  type: 'Feature',
  geometry,
  properties: { title: 'Peckham Library', description: 'Books and computers.', organiser: 'Southwark Libraries', url: 'https://example.org/peckham-library', ...overrides },
});

/** Times relative to the test clock (2026-03-02T09:00:00Z). */
const at = (days: number, hour = 10) => new Date(Date.UTC(2026, 2, 2 + days, hour)).toISOString();
const eventBody = (start: string, end: string, overrides: Record<string, unknown> = {}, geometry: unknown = point(-0.083, 51.483)) => ({
  type: 'Feature',
  geometry,
  properties: { title: 'Family fun day in Burgess Park', description: 'Games by the lake.', organiser: 'Southwark Parks', start, end, ...overrides },
});

describe('places', () => {
  test('staff create, read, change and delete a place; anyone reads', async () => {
    const created = await t.call('POST', '/v1/orgs/test-council/places', { token: people.officer.accessToken, body: placeBody(), headers: { Origin: ORIGIN } });
    assert.equal(created.status, 201, created.text);
    const place = PlaceFeature.parse(created.json);
    assert.equal(place.properties.layer, 'places');
    assert.equal(place.properties.url, 'https://example.org/peckham-library');
    assert.equal(place.properties.project, null);

    const read = await t.call('GET', `/v1/orgs/test-council/places/${place.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.json, created.json);

    const box = await t.call('GET', `/v1/orgs/test-council/places?${bboxParam()}`);
    assert.deepEqual(LayerFeatureCollection.parse(box.json).features.map((f) => f.id), [place.id]);
    assert.deepEqual((await t.call('GET', '/v1/orgs/test-council/places?bbox=-0.11,51.42,-0.09,51.44')).json.features, []);

    const changed = await t.call('PATCH', `/v1/orgs/test-council/places/${place.id}`, { token: people.moderator.accessToken, body: { geometry: point(-0.1, 51.43), properties: { title: 'Peckham Library (temporary site)', url: null } } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.properties.title, 'Peckham Library (temporary site)');
    assert.equal(changed.json.properties.url, null);
    assert.equal(changed.json.properties.organiser, 'Southwark Libraries');
    assert.deepEqual((await t.call('GET', '/v1/orgs/test-council/places?bbox=-0.11,51.42,-0.09,51.44')).json.features.map((f: { id: string }) => f.id), [place.id]);

    assert.equal((await t.call('DELETE', `/v1/orgs/test-council/places/${place.id}`, { token: people.admin.accessToken })).status, 204);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/places/${place.id}`)).status, 404);
    assert.deepEqual((await t.call('GET', `/v1/orgs/test-council/places?${bboxParam()}`)).json.features, []);
  });

  test('anonymous 401; residents and other organisations’ admins 403; a foreign origin 403', async () => {
    const place = (await t.call('POST', '/v1/orgs/test-council/places', { token: people.officer.accessToken, body: placeBody() })).json;
    const writes: [string, string, unknown?][] = [
      ['POST', '/v1/orgs/test-council/places', placeBody()],
      ['PATCH', `/v1/orgs/test-council/places/${place.id}`, { properties: { title: 'Renamed' } }],
      ['DELETE', `/v1/orgs/test-council/places/${place.id}`],
    ];
    for (const [method, path, body] of writes) {
      assert.equal((await t.call(method, path, body === undefined ? {} : { body })).status, 401, `${method} anonymous`);
      for (const who of ['resident', 'foreignAdmin'] as const) {
        const res = await t.call(method, path, { token: people[who].accessToken, ...(body === undefined ? {} : { body }) });
        assert.equal(res.status, 403, `${method} ${who}`);
      }
      const foreign = await t.call(method, path, { token: people.admin.accessToken, headers: { Origin: OTHER_ORIGIN }, ...(body === undefined ? {} : { body }) });
      assert.equal(foreign.status, 403);
      assert.equal(foreign.json.error.code, 'origin_not_allowed');
    }
    assert.equal((await t.call('GET', `/v1/orgs/test-council/places/${place.id}`)).json.properties.title, 'Peckham Library');
  });

  test('geometry outside the organisation’s area, or broken, and bad fields are refused', async () => {
    const cases: [unknown, string][] = [
      [placeBody({}, point(-0.2, 51.47)), 'geometry.coordinates'],
      [placeBody({}, { type: 'Polygon', coordinates: [square(-0.1, 51.43, -0.02, 51.45)] }), 'geometry.coordinates.0.1'],
      [placeBody({}, { type: 'LineString', coordinates: [[-0.1, 51.43]] }), 'geometry.coordinates'],
      [placeBody({ title: 'ab' }), 'properties.title'],
      [placeBody({ organiser: '' }), 'properties.organiser'],
      [placeBody({ url: 'javascript:alert(1)' }), 'properties.url'],
      [placeBody({ project: 'no-such-project' }), 'properties.project'],
    ];
    for (const [body, field] of cases) {
      const res = await t.call('POST', '/v1/orgs/test-council/places', { token: people.officer.accessToken, body });
      assert.equal(res.status, 400, field);
      assert.ok(field in res.json.error.fields, `${field}: ${JSON.stringify(res.json.error.fields)}`);
    }
  });

  test('a place may belong to one of the organisation’s projects, not another’s', async () => {
    const project = await createProject(t, people.officer.accessToken);
    const other = await createProject(t, people.foreignAdmin.accessToken, {}, 'other-org');
    const ok = await t.call('POST', '/v1/orgs/test-council/places', { token: people.officer.accessToken, body: placeBody({ project: project.id }) });
    assert.equal(ok.status, 201);
    assert.equal(ok.json.properties.project, project.id);
    const foreign = await t.call('POST', '/v1/orgs/test-council/places', { token: people.officer.accessToken, body: placeBody({ project: other.id }) });
    assert.equal(foreign.status, 400);
  });

  test('organisations never see each other’s places', async () => {
    const place = (await t.call('POST', '/v1/orgs/test-council/places', { token: people.officer.accessToken, body: placeBody() })).json;
    assert.equal((await t.call('GET', `/v1/orgs/other-org/places/${place.id}`)).status, 404);
    assert.deepEqual((await t.call('GET', `/v1/orgs/other-org/places?${bboxParam()}`)).json.features, []);
    assert.equal((await t.call('DELETE', `/v1/orgs/other-org/places/${place.id}`, { token: people.foreignAdmin.accessToken })).status, 404);
  });
});

describe('events', () => {
  async function create(start: string, end: string, overrides: Record<string, unknown> = {}, geometry?: unknown) {
    const res = await t.call('POST', '/v1/orgs/test-council/events', { token: people.officer.accessToken, body: eventBody(start, end, overrides, geometry) });
    assert.equal(res.status, 201, res.text);
    return EventFeature.parse(res.json);
  }
  const ids = async (query: string) => {
    const res = await t.call('GET', `/v1/orgs/test-council/events?${bboxParam()}${query}`);
    assert.equal(res.status, 200, res.text);
    return LayerFeatureCollection.parse(res.json).features.map((f) => f.id);
  };

  test('an event has a start, an end after it, and its iCalendar URL', async () => {
    const event = await create(at(3, 11), at(3, 16));
    assert.equal(event.properties.layer, 'events');
    assert.equal(event.properties.start, at(3, 11).replace('.000Z', '.000Z'));
    assert.equal(event.properties.ical, `http://localhost/v1/orgs/test-council/events/${event.id}/event.ics`);
    const same = await t.call('POST', '/v1/orgs/test-council/events', { token: people.officer.accessToken, body: eventBody(at(3, 11), at(3, 11)) });
    assert.equal(same.status, 400);
    assert.equal(same.json.error.fields['properties.end'], 'An event ends after it starts.');
    const noZ = await t.call('POST', '/v1/orgs/test-council/events', { token: people.officer.accessToken, body: eventBody('2026-03-05T11:00:00+01:00', at(3, 16)) });
    assert.equal(noZ.status, 400);
    assert.ok(noZ.json.error.fields['properties.start']);
  });

  test('the map shows upcoming events by default; from/to keep those overlapping the span', async () => {
    const past = await create(at(-3), at(-3, 12));
    const now = await create(at(-1), at(1));
    const soon = await create(at(2), at(2, 12));
    const later = await create(at(20), at(21));
    assert.deepEqual((await ids('')).sort(), [now.id, soon.id, later.id].sort());
    assert.deepEqual((await ids(`&from=${at(0)}&to=${at(7)}`)).sort(), [now.id, soon.id].sort());
    assert.deepEqual((await ids(`&from=${at(-10)}&to=${at(-2)}`)).sort(), [past.id]);
    assert.deepEqual((await ids(`&to=${at(0)}`)).sort(), [past.id, now.id].sort());
    assert.deepEqual((await ids(`&from=${at(10)}`)).sort(), [later.id]);
    const bad = await t.call('GET', `/v1/orgs/test-council/events?${bboxParam()}&from=tomorrow`);
    assert.equal(bad.status, 400);
    assert.ok(bad.json.error.fields.from);
    // Outside the box: none.
    assert.deepEqual((await t.call('GET', `/v1/orgs/test-council/events?bbox=-0.11,51.42,-0.1,51.43`)).json.features, []);
  });

  test('many events in view are clustered', async () => {
    for (let i = 0; i < 160; i++) {
      await t.store.maps.createFeature(
        { kind: 'event', orgId: t.org.id, projectId: null, categoryId: null, status: 'active', geometry: point(-0.1 + (i % 16) * 0.004, 51.43 + Math.floor(i / 16) * 0.006), title: `Event ${i}`, start: at(1), end: at(2), authorId: null },
        t.clock(),
      );
    }
    const res = await t.call('GET', `/v1/orgs/test-council/events?${bboxParam()}&zoom=11`);
    const collection = LayerFeatureCollection.parse(res.json);
    assert.equal(collection.total, 160);
    assert.equal(collection.clustered, true);
    assert.ok(collection.features.some((f) => 'cluster' in f.properties && f.properties.layer === 'events'));
  });

  test('changing the times keeps end after start; staff only; delete removes it', async () => {
    const event = await create(at(3, 11), at(3, 16));
    const url = `/v1/orgs/test-council/events/${event.id}`;
    const before = await t.call('PATCH', url, { token: people.officer.accessToken, body: { properties: { end: at(3, 9) } } });
    assert.equal(before.status, 400);
    assert.equal(before.json.error.fields['properties.end'], 'An event ends after it starts.');
    const late = await t.call('PATCH', url, { token: people.officer.accessToken, body: { properties: { start: at(3, 17) } } });
    assert.equal(late.status, 400);
    assert.ok(late.json.error.fields['properties.start']);
    const moved = await t.call('PATCH', url, { token: people.officer.accessToken, body: { properties: { start: at(4, 11), end: at(4, 13) } } });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.properties.end, at(4, 13));
    const outside = await t.call('PATCH', url, { token: people.officer.accessToken, body: { geometry: point(1, 51.45) } });
    assert.equal(outside.status, 400);
    assert.equal((await t.call('PATCH', url, { token: people.resident.accessToken, body: { properties: { title: 'Mine' } } })).status, 403);
    assert.equal((await t.call('DELETE', url, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('DELETE', url, { token: people.officer.accessToken })).status, 204);
    assert.equal((await t.call('GET', url)).status, 404);
  });

  test('organisations never see each other’s events', async () => {
    const event = await create(at(3, 11), at(3, 16));
    assert.equal((await t.call('GET', `/v1/orgs/other-org/events/${event.id}`)).status, 404);
    assert.deepEqual((await t.call('GET', `/v1/orgs/other-org/events?${bboxParam()}`)).json.features, []);
    assert.equal((await t.call('PATCH', `/v1/orgs/other-org/events/${event.id}`, { token: people.foreignAdmin.accessToken, body: { properties: { title: 'Ours' } } })).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/places/${event.id}`)).status, 404, 'an event is not a place');
  });
});
