// Downloads: a project's contributions as GeoJSON and CSV, and events as iCalendar (per event, organisation and project).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ContributionFeature } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
import { cast, contributionBody, createProject, point } from './support/maps.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof cast>>;
let project: Awaited<ReturnType<typeof createProject>>;
let base: string;

beforeEach(async () => {
  t = await buildTestApp();
  people = await cast(t);
  project = await createProject(t, people.officer.accessToken, { title: 'Community gardens: Peckham & Nunhead' });
  base = `/v1/orgs/test-council/projects/${project.id}`;
});
afterEach(async () => {
  await t.close();
});

async function add(fields: Record<string, unknown>, geometry: unknown = point(-0.07, 51.46), category = project.categories[0]!.id) {
  const res = await t.call('POST', `${base}/contributions`, { token: people.resident.accessToken, body: contributionBody(category, { fields, geometry }) });
  assert.equal(res.status, 201, res.text);
  t.clock.advance(1000);
  return res.json as { id: string };
}

describe('export.geojson', () => {
  test('a FeatureCollection of the active contributions that parses, with category names, as a download', async () => {
    const a = await add({ name: 'Bells Garden', grows: ['veg'] });
    const b = await add({ name: 'Warwick Gardens' }, { type: 'LineString', coordinates: [[-0.08, 51.45], [-0.07, 51.46]] });
    const hidden = await add({ name: 'Gone' });
    await t.call('DELETE', `${base}/contributions/${hidden.id}`, { token: people.resident.accessToken });

    const res = await t.call('GET', `${base}/export.geojson`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/geo\+json/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="community-gardens-peckham-nunhead.geojson"');
    const collection = JSON.parse(res.text);
    assert.equal(collection.type, 'FeatureCollection');
    assert.deepEqual(collection.features.map((f: { id: string }) => f.id), [a.id, b.id]);
    for (const feature of collection.features) {
      ContributionFeature.parse(feature);
      assert.equal(feature.properties.categoryName, 'Garden');
      assert.equal(feature.properties.mine, undefined, 'an export is the same for everyone');
    }
    assert.deepEqual(collection.features[1].geometry.type, 'LineString');
  });

  test('moderators may export other statuses; others may not; archived projects only for staff', async () => {
    const gone = await add({ name: 'Gone' });
    await t.call('DELETE', `${base}/contributions/${gone.id}`, { token: people.resident.accessToken });
    assert.equal((await t.call('GET', `${base}/export.geojson?status=all`, { token: people.resident.accessToken })).status, 403);
    const all = await t.call('GET', `${base}/export.geojson?status=all`, { token: people.moderator.accessToken });
    assert.equal(all.status, 200);
    assert.deepEqual(JSON.parse(all.text).features.map((f: { id: string }) => f.id), [gone.id]);
    await t.call('PATCH', base, { token: people.officer.accessToken, body: { status: 'archived' } });
    assert.equal((await t.call('GET', `${base}/export.geojson`)).status, 404);
    assert.equal((await t.call('GET', `${base}/export.geojson`, { token: people.officer.accessToken })).status, 200);
    assert.equal((await t.call('GET', `/v1/orgs/other-org/projects/${project.id}/export.geojson`)).status, 404);
  });
});
