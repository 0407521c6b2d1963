// Contributions to a map project: adding (geometry, answers, photos), viewport queries, visibility, edits, flags and moderation.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import sharp from 'sharp';
import { ClusterFeature, ContributionFeature, LayerFeatureCollection } from '@civic-elements/protocol';
import { VIEWPORT_BYTES, VIEWPORT_LIMIT } from '../src/routes/projects/viewport.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { seedMapFixtures } from './support/map-fixtures.js';
import { bboxParam, cast, contributionBody, createProject, INSIDE, point, square } from './support/maps.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof cast>>;
let project: Awaited<ReturnType<typeof createProject>>;
let garden: string;
let compost: string;
let base: string;

beforeEach(async () => {
  t = await buildTestApp();
  people = await cast(t);
  project = await createProject(t, people.officer.accessToken);
  garden = project.categories[0]!.id;
  compost = project.categories[1]!.id;
  base = `/v1/orgs/test-council/projects/${project.id}`;
});
afterEach(async () => {
  await t.close();
});

const add = (token: string, body: unknown = contributionBody(garden), headers: Record<string, string> = {}) =>
  t.call('POST', `${base}/contributions`, { token, body, headers });

async function added(token = people.resident.accessToken, body: unknown = contributionBody(garden)) {
  const res = await add(token, body);
  assert.equal(res.status, 201, res.text);
  return ContributionFeature.parse(res.json);
}

/** The ids in the whole area's viewport as `token` sees it. */
async function visibleIds(token?: string, query = '') {
  const res = await t.call('GET', `${base}/contributions?${bboxParam()}${query}`, token ? { token } : {});
  assert.equal(res.status, 200, res.text);
  return (LayerFeatureCollection.parse(res.json).features as { id: string }[]).map((f) => f.id);
}

describe('adding a contribution', () => {
  test('a signed-in resident adds one: 201 with answers, author, mine, no flag count', async () => {
    const res = await add(people.resident.accessToken, contributionBody(garden, { fields: { name: '  Bells Garden ', beds: 12, grows: ['veg', 'herbs'], wheelchair: true } }), { Origin: ORIGIN });
    assert.equal(res.status, 201, res.text);
    const feature = ContributionFeature.parse(res.json);
    assert.deepEqual(feature.geometry, INSIDE);
    assert.equal(feature.properties.status, 'active');
    assert.equal(feature.properties.category, garden);
    assert.equal(feature.properties.project, project.id);
    assert.equal(feature.properties.title, 'Bells Garden');
    assert.deepEqual(feature.properties.fields, { name: 'Bells Garden', beds: 12, grows: ['veg', 'herbs'], wheelchair: true });
    assert.deepEqual(feature.properties.author, { name: 'Staff Member' });
    assert.equal(feature.properties.mine, true);
    assert.equal(feature.properties.flags, undefined);
    assert.deepEqual(feature.properties.photos, []);
    assert.equal(feature.properties.createdAt, '2026-03-02T09:00:00.000Z');
  });

  test('anonymous: 401; a page on an origin the organisation does not allow: 403', async () => {
    const anonymous = await t.call('POST', `${base}/contributions`, { body: contributionBody(garden) });
    assert.equal(anonymous.status, 401);
    const foreignOrigin = await add(people.resident.accessToken, contributionBody(garden), { Origin: OTHER_ORIGIN });
    assert.equal(foreignOrigin.status, 403);
    assert.equal(foreignOrigin.json.error.code, 'origin_not_allowed');
  });

  test('a category without questions takes no answers; the title falls back to its name', async () => {
    const feature = await added(people.resident.accessToken, contributionBody(compost, { fields: {} }));
    assert.equal(feature.properties.title, 'Compost bin');
  });

  test('unknown or archived category: 400 keyed properties.category', async () => {
    const unknown = await add(people.resident.accessToken, contributionBody('nope'));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.fields['properties.category'], "Choose one of this project's categories.");
    await added(people.resident.accessToken, contributionBody(compost, { fields: {} }));
    // Compost bin is used, so dropping it archives it: it takes no more contributions.
    const patched = await t.call('PATCH', base, { token: people.officer.accessToken, body: { categories: [{ id: garden, name: 'Garden', colour: '#2e7d32', fields: [] }] } });
    assert.equal(patched.status, 200, patched.text);
    const archived = await add(people.resident.accessToken, contributionBody(compost, { fields: {} }));
    assert.equal(archived.status, 400);
    assert.ok(archived.json.error.fields['properties.category']);
  });

  test('not a Feature, or missing parts: 400 validation_failed', async () => {
    for (const body of [{ type: 'FeatureCollection' }, { type: 'Feature', properties: { category: garden } }, { type: 'Feature', geometry: INSIDE }, 'not json']) {
      const res = await add(people.resident.accessToken, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(['validation_failed', 'invalid_json'].includes(res.json.error.code));
    }
  });

  test('at most 5 photos; ids that are not this organisation’s media are refused, each by position', async () => {
    const tooMany = await add(people.resident.accessToken, contributionBody(garden, { photos: ['a', 'b', 'c', 'd', 'e', 'f'] }));
    assert.equal(tooMany.status, 400);
    assert.ok(tooMany.json.error.fields['properties.photos']);
    const unknown = await add(people.resident.accessToken, contributionBody(garden, { photos: ['no-such-photo', 'nor-this'] }));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.fields['properties.photos.0'], 'This photo was not found. Upload it again.');
    assert.equal(unknown.json.error.fields['properties.photos.1'], 'This photo was not found. Upload it again.');
  });

  test('a photo uploaded to the organisation is attached, and its variants are served', async () => {
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#6a8f3c' } }).jpeg().toBuffer();
    const upload = await t.app.request('/v1/orgs/test-council/media', {
      method: 'POST',
      headers: { Authorization: `Bearer ${people.resident.accessToken}`, 'Content-Type': 'image/jpeg' },
      body: new Uint8Array(jpeg),
    });
    assert.equal(upload.status, 201, await upload.clone().text());
    const photo = (await upload.json()) as { id: string };
    const feature = await added(people.resident.accessToken, contributionBody(garden, { photos: [photo.id] }));
    assert.equal(feature.properties.photos.length, 1);
    const [attached] = feature.properties.photos;
    assert.equal(attached!.id, photo.id);
    assert.deepEqual([attached!.width, attached!.height], [1200, 800]);
    const thumb = await t.app.request(new URL(attached!.thumb).pathname);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    assert.ok(Math.max(meta.width!, meta.height!) <= 320);
    // Another organisation cannot attach it.
    const other = await createProject(t, people.foreignAdmin.accessToken, {}, 'other-org');
    const foreign = await t.call('POST', `/v1/orgs/other-org/projects/${other.id}/contributions`, {
      token: people.foreignAdmin.accessToken,
      body: { type: 'Feature', geometry: INSIDE, properties: { category: other.categories[0]!.id, fields: { name: 'x' }, photos: [photo.id] } },
    });
    assert.equal(foreign.status, 400);
    assert.ok(foreign.json.error.fields['properties.photos.0']);
  });

  test('every problem is reported at once: geometry, answers and photos', async () => {
    const res = await add(people.resident.accessToken, contributionBody(garden, { geometry: point(-0.2, 51.46), fields: { beds: 2.5 }, photos: ['x'] }));
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.json.error.fields).sort(), ['geometry.coordinates', 'properties.fields.beds', 'properties.fields.name', 'properties.photos.0']);
    assert.match(res.json.error.message, /There are 4 problems/);
  });
});

describe('invalid geometry of each kind', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['longitude out of range', point(-190, 51.46), 'geometry.coordinates.0', /longitude is between -180 and 180/],
    ['latitude out of range', point(-0.07, 91), 'geometry.coordinates.1', /latitude is between -90 and 90/],
    ['unclosed ring', { type: 'Polygon', coordinates: [[[-0.08, 51.45], [-0.06, 51.45], [-0.06, 51.47], [-0.08, 51.47]]] }, 'geometry.coordinates.0', /must end where it starts/],
    ['too few positions in a ring', { type: 'Polygon', coordinates: [[[-0.08, 51.45], [-0.06, 51.45], [-0.08, 51.45]]] }, 'geometry.coordinates.0', /at least 4 positions/],
    ['too few points in a line', { type: 'LineString', coordinates: [[-0.08, 51.45]] }, 'geometry.coordinates', /at least 2 positions/],
    ['a line going nowhere', { type: 'LineString', coordinates: [[-0.08, 51.45], [-0.08, 51.45]] }, 'geometry.coordinates', /2 different positions/],
    ['self-intersecting ring', { type: 'Polygon', coordinates: [[[-0.08, 51.45], [-0.06, 51.47], [-0.06, 51.45], [-0.08, 51.47], [-0.08, 51.45]]] }, 'geometry.coordinates.0', /must not cross or touch itself/],
    ['a point outside the project area', point(-0.1, 51.46), 'geometry.coordinates', /outside the area/],
    ['latitude and longitude swapped', point(51.46, -0.07), 'geometry.coordinates', /GeoJSON puts longitude first/],
    ['a polygon corner outside the area', { type: 'Polygon', coordinates: [[[-0.08, 51.45], [-0.06, 51.45], [-0.04, 51.47], [-0.08, 51.47], [-0.08, 51.45]]] }, 'geometry.coordinates.0.2', /outside the area/],
    ['a line leaving the area between inside ends', { type: 'LineString', coordinates: [[-0.089, 51.441], [-0.089, 51.479]] }, '', /./],
    ['not a geometry type', { type: 'Circle', coordinates: [-0.07, 51.46] }, 'geometry.type', /Point, LineString or Polygon/],
  ];
  for (const [name, geometry, field, message] of cases) {
    test(name, async () => {
      const res = await add(people.resident.accessToken, contributionBody(garden, { geometry }));
      if (field === '') {
        // A straight line between two inside points of a convex area stays inside: accepted.
        assert.equal(res.status, 201, res.text);
        return;
      }
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.error.code, 'validation_failed');
      assert.ok(field in res.json.error.fields, `${field} in ${JSON.stringify(res.json.error.fields)}`);
      assert.match(res.json.error.fields[field], message);
    });
  }

  test('a line that leaves a concave project area through its bay is refused', async () => {
    const u = await createProject(t, people.officer.accessToken, {
      area: { type: 'Polygon', coordinates: [[[-0.09, 51.44], [-0.05, 51.44], [-0.05, 51.48], [-0.06, 51.48], [-0.06, 51.45], [-0.08, 51.45], [-0.08, 51.48], [-0.09, 51.48], [-0.09, 51.44]]] },
    });
    const res = await t.call('POST', `/v1/orgs/test-council/projects/${u.id}/contributions`, {
      token: people.resident.accessToken,
      body: contributionBody(u.categories[0]!.id, { geometry: { type: 'LineString', coordinates: [[-0.085, 51.47], [-0.055, 51.47]] } }),
    });
    assert.equal(res.status, 400);
    assert.match(res.json.error.fields['geometry.coordinates.0'], /leaves the area/);
  });

  test('good lines and polygons inside the area are accepted', async () => {
    for (const geometry of [
      { type: 'LineString', coordinates: [[-0.08, 51.45], [-0.07, 51.46], [-0.06, 51.45]] },
      { type: 'Polygon', coordinates: [square(-0.08, 51.45, -0.06, 51.47), square(-0.075, 51.455, -0.065, 51.465)] },
    ]) {
      const feature = await added(people.resident.accessToken, contributionBody(garden, { geometry }));
      assert.deepEqual(feature.geometry, geometry);
    }
  });
});

describe('answers of every field type through the API', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ name: 'x'.repeat(61) }, 'name'],
    [{ beds: 41 }, 'beds'],
    [{ beds: 1.5 }, 'beds'],
    [{ opened: '2026-02-30' }, 'opened'],
    [{ opens: '25:00' }, 'opens'],
    [{ last_seen: '2026-03-02T09:00:00+01:00' }, 'last_seen'],
    [{ access: 'closed' }, 'access'],
    [{ grows: ['veg', 'herbs', 'fruit'] }, 'grows'],
    [{ grows: ['cactus'] }, 'grows'],
    [{ wheelchair: 'yes' }, 'wheelchair'],
    [{ colour: 'green' }, 'colour'],
  ];
  for (const [fields, key] of cases) {
    test(`${key}: ${JSON.stringify(fields[key] ?? fields)}`, async () => {
      const res = await add(people.resident.accessToken, contributionBody(garden, { fields: { name: 'Bells Garden', ...fields } }));
      assert.equal(res.status, 400, res.text);
      assert.ok(res.json.error.fields[`properties.fields.${key}`], JSON.stringify(res.json.error.fields));
    });
  }
  test('a required answer missing', async () => {
    const res = await add(people.resident.accessToken, contributionBody(garden, { fields: { hours: '9–5' } }));
    assert.equal(res.status, 400);
    assert.equal(res.json.error.fields['properties.fields.name'], 'Answer “Name”: it is required.');
  });
  test('all types answered well', async () => {
    const fields = { name: 'Bells Garden', hours: 'Sat 10–1', beds: 40, opened: '2024-02-29', opens: '09:30', last_seen: '2026-03-01T12:00:00Z', access: 'members', grows: ['fruit'], wheelchair: false };
    const feature = await added(people.resident.accessToken, contributionBody(garden, { fields }));
    assert.deepEqual(feature.properties.fields, fields);
  });
});

describe('what each person sees', () => {
  test('viewport: only features in the box, of the chosen categories; unknown category or bad box: 400', async () => {
    const a = await added(people.resident.accessToken, contributionBody(garden, { geometry: point(-0.08, 51.45) }));
    const b = await added(people.resident.accessToken, contributionBody(compost, { geometry: point(-0.06, 51.47), fields: {} }));
    assert.deepEqual((await visibleIds()).sort(), [a.id, b.id].sort());
    const west = await t.call('GET', `${base}/contributions?bbox=-0.09,51.44,-0.07,51.46`);
    assert.deepEqual(west.json.features.map((f: { id: string }) => f.id), [a.id]);
    assert.equal(west.json.total, 1);
    assert.equal(west.json.clustered, false);
    assert.deepEqual(await visibleIds(undefined, `&category=${compost}`), [b.id]);
    assert.deepEqual((await visibleIds(undefined, `&category=${compost},${garden}`)).sort(), [a.id, b.id].sort());
    const unknown = await t.call('GET', `${base}/contributions?${bboxParam()}&category=nope`);
    assert.equal(unknown.status, 400);
    assert.ok(unknown.json.error.fields.category);
    for (const bad of ['bbox=1,2,3', 'bbox=-0.03,51.42,-0.11,51.51', 'bbox=a,b,c,d', '']) {
      const res = await t.call('GET', `${base}/contributions?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.ok(res.json.error.fields.bbox, bad);
    }
    assert.equal((await t.call('GET', `${base}/contributions?${bboxParam()}&zoom=30`)).status, 400);
  });

  test('moderators see flag counts; the public sees no `mine` and no flags', async () => {
    await added();
    const publicView = await t.call('GET', `${base}/contributions?${bboxParam()}`);
    assert.equal(publicView.json.features[0].properties.mine, undefined);
    assert.equal(publicView.json.features[0].properties.flags, undefined);
    const moderatorView = await t.call('GET', `${base}/contributions?${bboxParam()}`, { token: people.moderator.accessToken });
    assert.equal(moderatorView.json.features[0].properties.flags, 0);
    assert.equal(moderatorView.json.features[0].properties.mine, false);
  });

  test('the status filter is for moderators only', async () => {
    for (const who of [undefined, people.resident.accessToken, people.foreignAdmin.accessToken]) {
      const res = await t.call('GET', `${base}/contributions?${bboxParam()}&status=pending`, who ? { token: who } : {});
      assert.equal(res.status, who ? 403 : 401);
    }
    assert.equal((await t.call('GET', `${base}/contributions?${bboxParam()}&status=active`)).status, 200);
    assert.equal((await t.call('GET', `${base}/contributions?${bboxParam()}&status=everything`)).status, 400);
  });

  test('a review project: contributions wait as pending, seen by their author and moderators only, until approved', async () => {
    const review = await createProject(t, people.officer.accessToken, { moderation: 'review' });
    const url = `/v1/orgs/test-council/projects/${review.id}`;
    const res = await t.call('POST', `${url}/contributions`, { token: people.resident.accessToken, body: contributionBody(review.categories[0]!.id) });
    assert.equal(res.status, 201);
    assert.equal(res.json.properties.status, 'pending');
    const id = res.json.id;
    const ids = async (token?: string, query = '') =>
      (await t.call('GET', `${url}/contributions?${bboxParam()}${query}`, token ? { token } : {})).json.features.map((f: { id: string }) => f.id);
    assert.deepEqual(await ids(), []);
    assert.deepEqual(await ids(people.member.accessToken), []);
    assert.deepEqual(await ids(people.resident.accessToken), [id], 'the author sees their own');
    assert.deepEqual(await ids(people.moderator.accessToken), [], 'moderators ask for pending ones');
    assert.deepEqual(await ids(people.moderator.accessToken, '&status=pending'), [id]);
    assert.equal((await t.call('GET', `${url}/contributions/${id}`)).status, 404);
    assert.equal((await t.call('GET', `${url}/contributions/${id}`, { token: people.member.accessToken })).status, 404);
    assert.equal((await t.call('GET', `${url}/contributions/${id}`, { token: people.resident.accessToken })).status, 200);
    assert.equal((await t.call('GET', `${url}/contributions/${id}`, { token: people.foreignAdmin.accessToken })).status, 404);
    // A moderator's own contribution is published at once.
    const own = await t.call('POST', `${url}/contributions`, { token: people.moderator.accessToken, body: contributionBody(review.categories[0]!.id) });
    assert.equal(own.json.properties.status, 'active');

    const approved = await t.call('POST', `${url}/contributions/${id}/moderation`, { token: people.moderator.accessToken, body: { action: 'approve', note: 'Looks right' } });
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.json.properties.status, 'active');
    assert.deepEqual((await ids()).sort(), [id, own.json.id].sort());
    const project = await t.call('GET', url);
    assert.equal(project.json.contributionCount, 2);
  });

  test('many features come back as clusters, within the viewport limit, with the total', async () => {
    const fixtures = await seedMapFixtures(t.store, 'test-council', { count: 400, places: 0, events: 0 });
    const url = `/v1/orgs/test-council/projects/${fixtures.projectId}/contributions`;
    const res = await t.call('GET', `${url}?${bboxParam()}&zoom=12`);
    assert.equal(res.status, 200);
    const collection = LayerFeatureCollection.parse(res.json);
    assert.equal(collection.total, 400);
    assert.equal(collection.clustered, true);
    assert.ok(collection.features.length <= VIEWPORT_LIMIT, `${collection.features.length} features`);
    const clusters = collection.features.filter((f) => 'cluster' in f.properties);
    assert.ok(clusters.length > 0);
    for (const cluster of clusters) {
      const parsed = ClusterFeature.parse(cluster);
      assert.equal(parsed.properties.layer, fixtures.layerId);
      assert.ok(parsed.properties.count >= 2);
      assert.ok(parsed.properties.expansionZoom > 12);
    }
    const counted = collection.features.reduce((sum, f) => sum + ('cluster' in f.properties ? (f.properties as { count: number }).count : 1), 0);
    assert.equal(counted, 400);
    assert.ok(Buffer.byteLength(res.text) <= VIEWPORT_BYTES, `${res.text.length} bytes`);
    // A small box holds few enough to come one by one.
    const small = await t.call('GET', `${url}?bbox=-0.1,51.43,-0.09,51.44&zoom=16`);
    assert.equal(small.json.clustered, false);
    assert.ok(small.json.features.every((f: { properties: { layer: string } }) => f.properties.layer === 'contributions'));
  });

  test('long answers: the viewport stays within its byte budget by clustering more', async () => {
    const notes = await createProject(t, people.officer.accessToken, {
      categories: [{ name: 'Story', colour: '#2e7d32', fields: [{ key: 'story', label: 'Your story', type: 'text', multiline: true, maxLength: 5000 } as never] }],
    });
    const category = notes.categories[0]!.id;
    const story = 'We planted the first beds here in the spring, and the whole street came. '.repeat(20);
    for (let i = 0; i < 120; i++) {
      await t.store.maps.createFeature(
        { kind: 'contribution', orgId: t.org.id, projectId: notes.id, categoryId: category, status: 'active', geometry: point(-0.089 + (i % 12) * 0.003, 51.441 + Math.floor(i / 12) * 0.003), fields: { story }, authorId: null },
        t.clock(),
      );
    }
    const res = await t.call('GET', `/v1/orgs/test-council/projects/${notes.id}/contributions?${bboxParam()}&zoom=18`);
    assert.equal(res.status, 200);
    const collection = LayerFeatureCollection.parse(res.json);
    assert.ok(Buffer.byteLength(res.text) <= VIEWPORT_BYTES, `${Buffer.byteLength(res.text)} bytes`);
    assert.equal(collection.total, 120);
    assert.equal(collection.clustered, true);
    const counted = collection.features.reduce((sum, f) => sum + ('cluster' in f.properties ? (f.properties as { count: number }).count : 1), 0);
    assert.equal(counted, 120, 'every feature is in the answer, one by one or in a cluster');
  });

  test('a contribution of another organisation’s project is not found through this one', async () => {
    const feature = await added();
    const other = await createProject(t, people.foreignAdmin.accessToken, {}, 'other-org');
    assert.equal((await t.call('GET', `/v1/orgs/other-org/projects/${other.id}/contributions/${feature.id}`)).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/other-org/projects/${project.id}/contributions/${feature.id}`)).status, 404);
    assert.deepEqual((await t.call('GET', `/v1/orgs/other-org/projects/${other.id}/contributions?${bboxParam()}`)).json.features, []);
  });
});

describe('changing and deleting', () => {
  test('the author changes answers and geometry; another resident cannot; a moderator can (and it is logged)', async () => {
    const feature = await added();
    const url = `${base}/contributions/${feature.id}`;
    const mine = await t.call('PATCH', url, { token: people.resident.accessToken, body: { geometry: point(-0.06, 51.47), properties: { fields: { name: 'Bells Garden North' } } } });
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.json.properties.title, 'Bells Garden North');
    assert.deepEqual(mine.json.geometry.coordinates, [-0.06, 51.47]);
    // It moved in the spatial index too.
    assert.deepEqual((await t.call('GET', `${base}/contributions?bbox=-0.065,51.465,-0.055,51.475`)).json.features.map((f: { id: string }) => f.id), [feature.id]);
    assert.deepEqual((await t.call('GET', `${base}/contributions?bbox=-0.075,51.455,-0.065,51.465`)).json.features, []);

    assert.equal((await t.call('PATCH', url, { token: people.member.accessToken, body: { properties: { fields: { name: 'Mine now' } } } })).status, 403);
    assert.equal((await t.call('PATCH', url, { body: { properties: { fields: { name: 'x' } } } })).status, 401);
    const moderated = await t.call('PATCH', url, { token: people.moderator.accessToken, body: { properties: { fields: { name: 'Bells Garden (North)' } } } });
    assert.equal(moderated.status, 200);
    const log = await t.store.maps.moderationLog(t.org.id, (await t.store.maps.feature(t.org.id, 'contribution', feature.id))!.rowid);
    assert.deepEqual(log.map((entry) => entry.action), ['edited']);
  });

  test('edits are validated like new contributions; a new category checks the answers against its questions', async () => {
    const feature = await added();
    const url = `${base}/contributions/${feature.id}`;
    const outside = await t.call('PATCH', url, { token: people.resident.accessToken, body: { geometry: point(0.5, 51.46) } });
    assert.equal(outside.status, 400);
    assert.ok(outside.json.error.fields['geometry.coordinates']);
    const badAnswer = await t.call('PATCH', url, { token: people.resident.accessToken, body: { properties: { fields: { name: 'ok', beds: -3 } } } });
    assert.equal(badAnswer.status, 400);
    assert.ok(badAnswer.json.error.fields['properties.fields.beds']);
    const moved = await t.call('PATCH', url, { token: people.resident.accessToken, body: { properties: { category: compost } } });
    assert.equal(moved.status, 400, 'the garden answers are not compost-bin questions');
    assert.ok(moved.json.error.fields['properties.fields.name']);
    const recategorised = await t.call('PATCH', url, { token: people.resident.accessToken, body: { properties: { category: compost, fields: {} } } });
    assert.equal(recategorised.status, 200, recategorised.text);
    assert.equal(recategorised.json.properties.category, compost);
    assert.equal(recategorised.json.properties.title, 'Compost bin');
    assert.equal((await t.call('PATCH', url, { token: people.resident.accessToken, body: { properties: { category: 'nope' } } })).status, 400);
  });

  test('in a review project an author’s edit goes back to pending', async () => {
    const review = await createProject(t, people.officer.accessToken, { moderation: 'review' });
    const url = `/v1/orgs/test-council/projects/${review.id}`;
    const created = await t.call('POST', `${url}/contributions`, { token: people.resident.accessToken, body: contributionBody(review.categories[0]!.id) });
    await t.call('POST', `${url}/contributions/${created.json.id}/moderation`, { token: people.moderator.accessToken, body: { action: 'approve' } });
    const edited = await t.call('PATCH', `${url}/contributions/${created.json.id}`, { token: people.resident.accessToken, body: { properties: { fields: { name: 'Changed' } } } });
    assert.equal(edited.json.properties.status, 'pending');
  });

  test('DELETE by the author hides it (soft); a moderator still sees it and can restore it', async () => {
    const feature = await added();
    const url = `${base}/contributions/${feature.id}`;
    assert.equal((await t.call('DELETE', url, { token: people.member.accessToken })).status, 403);
    assert.equal((await t.call('DELETE', url)).status, 401);
    assert.equal((await t.call('DELETE', url, { token: people.resident.accessToken })).status, 204);
    assert.equal((await t.call('GET', url)).status, 404);
    assert.equal((await t.call('GET', url, { token: people.resident.accessToken })).status, 404);
    assert.deepEqual(await visibleIds(), []);
    const seen = await t.call('GET', url, { token: people.moderator.accessToken });
    assert.equal(seen.json.properties.status, 'deleted');
    assert.deepEqual(await visibleIds(people.moderator.accessToken, '&status=all'), [feature.id]);
    assert.deepEqual(await visibleIds(people.moderator.accessToken, '&status=deleted'), [feature.id]);
    const restored = await t.call('POST', `${url}/moderation`, { token: people.officer.accessToken, body: { action: 'restore' } });
    assert.equal(restored.status, 200);
    assert.deepEqual(await visibleIds(), [feature.id]);
    assert.equal((await t.call('DELETE', url, { token: people.admin.accessToken })).status, 204);
    assert.deepEqual(await visibleIds(), []);
  });
});

describe('flags and moderation', () => {
  test('a flag takes an active contribution off the public map until a moderator approves it; once per person', async () => {
    const feature = await added();
    const url = `${base}/contributions/${feature.id}`;
    assert.equal((await t.call('POST', `${url}/flags`, { body: { reason: 'spam' } })).status, 401);
    assert.equal((await t.call('POST', `${url}/flags`, { token: people.member.accessToken, body: { reason: 'rude' } })).status, 400);
    const flagged = await t.call('POST', `${url}/flags`, { token: people.member.accessToken, body: { reason: 'inaccurate', note: 'This garden closed last year.' } });
    assert.equal(flagged.status, 201, flagged.text);
    assert.equal(flagged.json.reason, 'inaccurate');
    assert.equal(flagged.json.resolvedAt, null);
    const again = await t.call('POST', `${url}/flags`, { token: people.member.accessToken, body: { reason: 'spam' } });
    assert.equal(again.status, 409);
    assert.match(again.json.error.message, /already flagged/);

    assert.deepEqual(await visibleIds(), [], 'in review: hidden from the public');
    assert.equal((await t.call('GET', url, { token: people.resident.accessToken })).json.properties.status, 'review', 'its author still sees it');
    const queue = await t.call('GET', `${base}/review`, { token: people.moderator.accessToken });
    assert.equal(queue.status, 200);
    assert.equal(queue.json.items.length, 1);
    assert.equal(queue.json.items[0].feature.id, feature.id);
    assert.equal(queue.json.items[0].feature.properties.flags, 1);
    assert.deepEqual(queue.json.items[0].flags.map((f: { reason: string; note: string }) => [f.reason, f.note]), [['inaccurate', 'This garden closed last year.']]);
    const flags = await t.call('GET', `${url}/flags`, { token: people.moderator.accessToken });
    assert.equal(flags.json.items.length, 1);
    assert.equal((await t.call('GET', `${url}/flags`, { token: people.resident.accessToken })).status, 403);

    const approved = await t.call('POST', `${url}/moderation`, { token: people.moderator.accessToken, body: { action: 'approve', note: 'Still open: checked.' } });
    assert.equal(approved.status, 200);
    assert.equal(approved.json.properties.flags, 0);
    assert.deepEqual(await visibleIds(), [feature.id]);
    assert.deepEqual((await t.call('GET', `${base}/review`, { token: people.moderator.accessToken })).json.items, []);

    // Someone else flags it later: back to review.
    assert.equal((await t.call('POST', `${url}/flags`, { token: people.admin.accessToken, body: { reason: 'duplicate' } })).status, 201);
    assert.deepEqual(await visibleIds(), []);
    const rejected = await t.call('POST', `${url}/moderation`, { token: people.admin.accessToken, body: { action: 'reject' } });
    assert.equal(rejected.json.properties.status, 'deleted');
    assert.equal((await t.call('POST', `${url}/flags`, { token: people.resident.accessToken, body: { reason: 'spam' } })).status, 404, 'its author no longer sees it');
    assert.equal((await t.call('POST', `${url}/flags`, { token: people.officer.accessToken, body: { reason: 'spam' } })).status, 409, 'already removed');

    const rowid = (await t.store.maps.feature(t.org.id, 'contribution', feature.id))!.rowid;
    const log = await t.store.maps.moderationLog(t.org.id, rowid);
    assert.deepEqual(
      log.map((entry) => [entry.action, entry.fromStatus, entry.toStatus, entry.note]),
      [
        ['flagged', 'active', 'review', 'This garden closed last year.'],
        ['approve', 'review', 'active', 'Still open: checked.'],
        ['flagged', 'active', 'review', null],
        ['reject', 'review', 'deleted', null],
      ],
    );
    assert.ok((await t.store.maps.flags(t.org.id, rowid)).every((f) => f.resolvedAt !== null));
  });

  test('only moderators, officers and admins moderate; impossible moves are 409', async () => {
    const feature = await added();
    const url = `${base}/contributions/${feature.id}/moderation`;
    for (const who of ['resident', 'member', 'foreignAdmin'] as const) {
      const res = await t.call('POST', url, { token: people[who].accessToken, body: { action: 'reject' } });
      assert.equal(res.status, 403, who);
    }
    assert.equal((await t.call('POST', url, { body: { action: 'reject' } })).status, 401);
    assert.equal((await t.call('POST', url, { token: people.moderator.accessToken, body: { action: 'ban' } })).status, 400);
    const restoreActive = await t.call('POST', url, { token: people.moderator.accessToken, body: { action: 'restore' } });
    assert.equal(restoreActive.status, 409);
    assert.equal((await t.call('POST', url, { token: people.officer.accessToken, body: { action: 'reject' } })).status, 200);
    assert.equal((await t.call('POST', url, { token: people.officer.accessToken, body: { action: 'reject' } })).status, 409);
    assert.equal((await t.call('POST', url, { token: people.officer.accessToken, body: { action: 'approve' } })).status, 409);
    assert.equal((await t.call('POST', url, { token: people.admin.accessToken, body: { action: 'restore' } })).status, 200);
  });

  test('the review queue is for moderators and is cursor-paginated', async () => {
    const review = await createProject(t, people.officer.accessToken, { moderation: 'review' });
    const url = `/v1/orgs/test-council/projects/${review.id}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', `${url}/contributions`, { token: people.resident.accessToken, body: contributionBody(review.categories[0]!.id, { fields: { name: `Garden ${i}` } }) });
      ids.push(res.json.id);
      t.clock.advance(1000);
    }
    assert.equal((await t.call('GET', `${url}/review`, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('GET', `${url}/review`)).status, 401);
    assert.equal((await t.call('GET', `${url}/review`, { token: people.foreignAdmin.accessToken })).status, 403);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<TestApp['call']>> = await t.call('GET', `${url}/review?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: people.moderator.accessToken });
      assert.equal(res.status, 200);
      seen.push(...res.json.items.map((item: { feature: { id: string } }) => item.feature.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ids);
  });

  test('an archived project takes no contributions, even from staff', async () => {
    await t.call('PATCH', base, { token: people.officer.accessToken, body: { status: 'archived' } });
    const res = await add(people.officer.accessToken);
    assert.equal(res.status, 403);
    assert.match(res.json.error.message, /archived/);
    assert.equal((await add(people.resident.accessToken)).status, 404);
  });
});
