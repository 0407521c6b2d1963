// /v1/orgs/:org/projects and /layers: setting up map projects, who may, categories, members, and what the public sees.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { LayerList, MapProject } from '@civic-elements/protocol';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { cast, contributionBody, createProject, projectBody, square } from './support/maps.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof cast>>;
beforeEach(async () => {
  t = await buildTestApp();
  people = await cast(t);
});
afterEach(async () => {
  await t.close();
});

describe('creating a project', () => {
  test('an officer creates one: 201 with categories, defaults and what they may do', async () => {
    const res = await t.call('POST', '/v1/orgs/test-council/projects', { token: people.officer.accessToken, body: projectBody(), headers: { Origin: ORIGIN } });
    assert.equal(res.status, 201, res.text);
    const project = MapProject.parse(res.json);
    assert.equal(project.org, 'test-council');
    assert.equal(project.title, 'Community gardens');
    assert.equal(project.status, 'active');
    assert.equal(project.contributionCount, 0);
    assert.deepEqual(project.bbox, [-0.09, 51.44, -0.05, 51.48]);
    assert.deepEqual(project.categories.map((c) => c.name), ['Garden', 'Compost bin']);
    assert.equal(project.categories[0]!.fields.length, 9);
    assert.equal(project.categories[0]!.fields[1]!.type === 'text' && project.categories[0]!.fields[1]!.maxLength, 500, 'schema default filled in');
    assert.deepEqual(project.you, { canContribute: true, canModerate: true, canManage: true });
  });

  for (const role of ['moderator', 'admin'] as const) {
    test(`a ${role} may create one too`, async () => {
      const res = await t.call('POST', '/v1/orgs/test-council/projects', { token: people[role].accessToken, body: projectBody() });
      assert.equal(res.status, 201, res.text);
    });
  }

  test('anonymous: 401; a resident: 403; another organisation’s admin: 403; nothing stored', async () => {
    assert.equal((await t.call('POST', '/v1/orgs/test-council/projects', { body: projectBody() })).status, 401);
    const resident = await t.call('POST', '/v1/orgs/test-council/projects', { token: people.resident.accessToken, body: projectBody() });
    assert.equal(resident.status, 403);
    assert.equal(resident.json.error.code, 'forbidden');
    assert.match(resident.json.error.message, /officers, moderators and admins of Test Council/);
    assert.equal((await t.call('POST', '/v1/orgs/test-council/projects', { token: people.foreignAdmin.accessToken, body: projectBody() })).status, 403);
    const list = await t.call('GET', '/v1/orgs/test-council/projects', { token: people.admin.accessToken });
    assert.deepEqual(list.json.items, []);
  });

  test('a write from an origin the organisation does not allow is refused', async () => {
    const res = await t.call('POST', '/v1/orgs/test-council/projects', { token: people.officer.accessToken, body: projectBody(), headers: { Origin: OTHER_ORIGIN } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
  });

  test('bad bodies: 400 validation_failed keyed by field', async () => {
    const cases: [unknown, string][] = [
      [{ ...projectBody(), title: 'ab' }, 'title'],
      [{ ...projectBody(), categories: [] }, 'categories'],
      [{ ...projectBody(), contribute: 'everyone' }, 'contribute'],
      [{ ...projectBody(), area: { type: 'Polygon', coordinates: [[[-0.09, 51.44], [-0.05, 51.44], [-0.05, 51.48]]] } }, 'area.coordinates.0'],
      [{ ...projectBody(), categories: [{ name: 'Garden', colour: 'green', fields: [] }] }, 'categories.0.colour'],
      [{ ...projectBody(), categories: [{ name: 'Garden', colour: '#2e7d32', fields: [{ key: 'Bad Key', label: 'x', type: 'text' }] }] }, 'categories.0.fields.0.key'],
      [{ ...projectBody(), categories: [{ name: 'Garden', colour: '#2e7d32', fields: [{ key: 'a', label: 'x', type: 'choice', options: [{ value: 'only', label: 'Only' }] }] }] }, 'categories.0.fields.0.options'],
      [{ ...projectBody(), extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await t.call('POST', '/v1/orgs/test-council/projects', { token: people.officer.accessToken, body });
      assert.equal(res.status, 400, field);
      assert.equal(res.json.error.code, 'validation_failed', field);
      assert.ok(Object.keys(res.json.error.fields).some((key) => key.startsWith(field)), `${field}: ${JSON.stringify(res.json.error.fields)}`);
    }
  });

  test('an area outside the organisation’s extent or crossing itself is refused with its path', async () => {
    const outside = await t.call('POST', '/v1/orgs/test-council/projects', {
      token: people.officer.accessToken,
      body: projectBody({ area: { type: 'Polygon', coordinates: [square(-0.2, 51.44, -0.05, 51.48)] } }),
    });
    assert.equal(outside.status, 400);
    assert.match(outside.json.error.fields['area.coordinates.0.0'], /outside the area/);
    const bowtie = await t.call('POST', '/v1/orgs/test-council/projects', {
      token: people.officer.accessToken,
      body: projectBody({ area: { type: 'Polygon', coordinates: [[[-0.09, 51.44], [-0.05, 51.48], [-0.05, 51.44], [-0.09, 51.48], [-0.09, 51.44]]] } }),
    });
    assert.equal(bowtie.status, 400);
    assert.match(bowtie.json.error.fields['area.coordinates.0'], /cross or touch itself/);
  });
});

describe('reading projects', () => {
  test('anyone reads an active project; `you` only when signed in', async () => {
    const project = await createProject(t, people.officer.accessToken);
    const anonymous = await t.call('GET', `/v1/orgs/test-council/projects/${project.id}`);
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.json.you, undefined);
    const resident = await t.call('GET', `/v1/orgs/test-council/projects/${project.id}`, { token: people.resident.accessToken });
    assert.deepEqual(resident.json.you, { canContribute: true, canModerate: false, canManage: false });
  });

  test('an archived project is hidden from the public but not from staff', async () => {
    const project = await createProject(t, people.officer.accessToken);
    const archived = await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, { token: people.officer.accessToken, body: { status: 'archived' } });
    assert.equal(archived.status, 200);
    assert.equal(archived.json.you.canContribute, false);
    assert.match(archived.json.you.reason, /archived/);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/projects/${project.id}`)).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/projects/${project.id}`, { token: people.resident.accessToken })).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/projects/${project.id}`, { token: people.moderator.accessToken })).status, 200);
    assert.deepEqual((await t.call('GET', '/v1/orgs/test-council/projects')).json.items, []);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/projects', { token: people.officer.accessToken })).json.items.length, 1);
  });

  test('the list is cursor-paginated, oldest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await createProject(t, people.officer.accessToken, { title: `Project ${i}` })).id);
      t.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<TestApp['call']>> = await t.call('GET', `/v1/orgs/test-council/projects?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      assert.ok(res.json.items.length <= 2);
      seen.push(...res.json.items.map((p: { id: string }) => p.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ids);
    const bad = await t.call('GET', '/v1/orgs/test-council/projects?cursor=nonsense');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.fields.cursor, 'Use the nextCursor of the previous page.');
    assert.equal((await t.call('GET', '/v1/orgs/test-council/projects?limit=101')).status, 400);
  });

  test('unknown organisation or project: 404', async () => {
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/projects')).json.error.code, 'org_not_found');
    assert.equal((await t.call('GET', '/v1/orgs/test-council/projects/nope')).status, 404);
  });

  test('one organisation never sees or changes another’s project through its own URL', async () => {
    const project = await createProject(t, people.officer.accessToken);
    assert.equal((await t.call('GET', `/v1/orgs/other-org/projects/${project.id}`)).status, 404);
    const foreign = await t.call('PATCH', `/v1/orgs/other-org/projects/${project.id}`, { token: people.foreignAdmin.accessToken, body: { title: 'Taken over' } });
    assert.equal(foreign.status, 404);
    assert.equal((await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, { token: people.foreignAdmin.accessToken, body: { title: 'Taken over' } })).status, 403);
    assert.equal((await t.call('GET', '/v1/orgs/other-org/projects')).json.items.length, 0);
  });
});

describe('changing a project', () => {
  test('officers change fields; residents and other organisations cannot', async () => {
    const project = await createProject(t, people.officer.accessToken);
    for (const who of ['resident', 'member', 'foreignAdmin'] as const) {
      const res = await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, { token: people[who].accessToken, body: { title: 'Nope' } });
      assert.equal(res.status, 403, who);
    }
    assert.equal((await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, { body: { title: 'Nope' } })).status, 401);
    const res = await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, {
      token: people.admin.accessToken,
      body: { title: 'Gardens of Peckham', moderation: 'review', contribute: 'members' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.title, 'Gardens of Peckham');
    assert.equal(res.json.moderation, 'review');
    assert.equal(res.json.contribute, 'members');
  });

  test('categories: keep by id, add without, drop unused for good, archive used ones with their contributions', async () => {
    const project = await createProject(t, people.officer.accessToken);
    const [garden, compost] = project.categories;
    const added = await t.call('POST', `/v1/orgs/test-council/projects/${project.id}/contributions`, {
      token: people.resident.accessToken,
      body: contributionBody(garden!.id),
    });
    assert.equal(added.status, 201, added.text);
    // Garden has a contribution; compost does not.
    const res = await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, {
      token: people.officer.accessToken,
      body: { categories: [{ name: 'Water point', colour: '#0277bd', symbol: 'water', fields: [] }] },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.categories.map((c: { name: string }) => c.name), ['Water point']);
    const stored = (await t.store.maps.project(t.org.id, project.id))!;
    assert.deepEqual(
      stored.categories.map((c) => [c.name, c.archived]),
      [
        ['Water point', false],
        ['Garden', true],
      ],
    );
    assert.equal(stored.categories.some((c) => c.id === compost!.id), false);
    // The garden contribution is still there for moderators.
    const own = await t.call('GET', `/v1/orgs/test-council/projects/${project.id}/contributions/${added.json.id}`, { token: people.moderator.accessToken });
    assert.equal(own.status, 200);
    // Keeping the garden again by id brings it back, renamed.
    const back = await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, {
      token: people.officer.accessToken,
      body: { categories: [{ id: garden!.id, name: 'Community garden', colour: '#2e7d32', symbol: 'flower', fields: [] }, { id: res.json.categories[0].id, name: 'Water point', colour: '#0277bd', fields: [] }] },
    });
    assert.equal(back.status, 200, back.text);
    assert.deepEqual(back.json.categories.map((c: { name: string }) => c.name), ['Community garden', 'Water point']);
    assert.equal(back.json.categories[0].id, garden!.id);
  });

  test('a category id the project does not have is refused', async () => {
    const project = await createProject(t, people.officer.accessToken);
    const res = await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, {
      token: people.officer.accessToken,
      body: { categories: [{ id: 'not-a-category', name: 'Garden', colour: '#2e7d32', fields: [] }] },
    });
    assert.equal(res.status, 400);
    assert.ok(res.json.error.fields.categories);
  });

  test('a new area must be inside the organisation’s extent', async () => {
    const project = await createProject(t, people.officer.accessToken);
    const res = await t.call('PATCH', `/v1/orgs/test-council/projects/${project.id}`, {
      token: people.officer.accessToken,
      body: { area: { type: 'Polygon', coordinates: [square(-0.09, 51.44, 0.2, 51.48)] } },
    });
    assert.equal(res.status, 400);
    assert.ok(res.json.error.fields['area.coordinates.0.1']);
  });

  test('DELETE removes a project without contributions; one with contributions must be archived instead', async () => {
    const empty = await createProject(t, people.officer.accessToken);
    assert.equal((await t.call('DELETE', `/v1/orgs/test-council/projects/${empty.id}`, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('DELETE', `/v1/orgs/test-council/projects/${empty.id}`, { token: people.officer.accessToken })).status, 204);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/projects/${empty.id}`, { token: people.officer.accessToken })).status, 404);

    // An event that belonged to a deleted project stays, belonging to none.
    const withEvent = await createProject(t, people.officer.accessToken);
    const event = await t.call('POST', '/v1/orgs/test-council/events', {
      token: people.officer.accessToken,
      body: { type: 'Feature', geometry: { type: 'Point', coordinates: [-0.07, 51.46] }, properties: { title: 'Planting day', organiser: 'Parks', project: withEvent.id, start: '2026-03-10T10:00:00Z', end: '2026-03-10T12:00:00Z' } },
    });
    assert.equal(event.status, 201, event.text);
    assert.equal((await t.call('DELETE', `/v1/orgs/test-council/projects/${withEvent.id}`, { token: people.officer.accessToken })).status, 204);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/events/${event.json.id}`)).json.properties.project, null);

    const used = await createProject(t, people.officer.accessToken);
    await t.call('POST', `/v1/orgs/test-council/projects/${used.id}/contributions`, { token: people.resident.accessToken, body: contributionBody(used.categories[0]!.id) });
    const res = await t.call('DELETE', `/v1/orgs/test-council/projects/${used.id}`, { token: people.officer.accessToken });
    assert.equal(res.status, 409);
    assert.match(res.json.error.message, /archive it instead/);
  });
});

describe('project members', () => {
  test('staff set and read the member list; members-only projects take contributions only from them and staff', async () => {
    const project = await createProject(t, people.officer.accessToken, { contribute: 'members' });
    const url = `/v1/orgs/test-council/projects/${project.id}`;
    assert.equal((await t.call('PUT', `${url}/members`, { token: people.resident.accessToken, body: { emails: ['member@test.example'] } })).status, 403);
    assert.equal((await t.call('GET', `${url}/members`, { token: people.resident.accessToken })).status, 403);
    const set = await t.call('PUT', `${url}/members`, { token: people.officer.accessToken, body: { emails: [' Member@Test.Example ', 'later@test.example', 'member@test.example'] } });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.json.emails, ['later@test.example', 'member@test.example']);
    assert.deepEqual((await t.call('GET', `${url}/members`, { token: people.moderator.accessToken })).json.emails, ['later@test.example', 'member@test.example']);
    assert.equal((await t.call('PUT', `${url}/members`, { token: people.officer.accessToken, body: { emails: ['not an email'] } })).status, 400);

    const body = contributionBody(project.categories[0]!.id);
    const refused = await t.call('POST', `${url}/contributions`, { token: people.resident.accessToken, body });
    assert.equal(refused.status, 403);
    assert.match(refused.json.error.message, /Only the members of this project can add to it/);
    const resident = await t.call('GET', url, { token: people.resident.accessToken });
    assert.equal(resident.json.you.canContribute, false);
    assert.match(resident.json.you.reason, /members of this project/);
    assert.equal((await t.call('POST', `${url}/contributions`, { token: people.member.accessToken, body })).status, 201);
    assert.equal((await t.call('POST', `${url}/contributions`, { token: people.officer.accessToken, body })).status, 201);
    assert.equal((await t.call('GET', url, { token: people.member.accessToken })).json.you.canContribute, true);
  });

  test('a project taking no contributions refuses everyone, staff included, with a clear message', async () => {
    const project = await createProject(t, people.officer.accessToken, { contribute: 'nobody' });
    for (const who of ['resident', 'officer', 'admin'] as const) {
      const res = await t.call('POST', `/v1/orgs/test-council/projects/${project.id}/contributions`, { token: people[who].accessToken, body: contributionBody(project.categories[0]!.id) });
      assert.equal(res.status, 403, who);
      assert.equal(res.json.error.message, 'This project is not taking contributions.');
    }
  });
});

describe('GET /v1/orgs/:org/layers', () => {
  test('places, events and each active project with its categories, colours and absolute URLs', async () => {
    const project = await createProject(t, people.officer.accessToken);
    const archived = await createProject(t, people.officer.accessToken, { title: 'Old project' });
    await t.call('PATCH', `/v1/orgs/test-council/projects/${archived.id}`, { token: people.officer.accessToken, body: { status: 'archived' } });
    const res = await t.call('GET', '/v1/orgs/test-council/layers');
    assert.equal(res.status, 200);
    const { layers } = LayerList.parse(res.json);
    assert.deepEqual(layers.map((l) => l.id), [`project:${project.id}`, 'places', 'events']);
    const [projectLayer, places, events] = layers;
    assert.equal(projectLayer!.kind, 'contributions');
    assert.equal(projectLayer!.project, project.id);
    assert.equal(projectLayer!.title, 'Community gardens');
    assert.equal(projectLayer!.url, `http://localhost/v1/orgs/test-council/projects/${project.id}/contributions`);
    assert.deepEqual(projectLayer!.categories.map((c) => [c.name, c.colour, c.symbol]), [
      ['Garden', '#2e7d32', 'flower'],
      ['Compost bin', '#6d4c41', 'bin'],
    ]);
    assert.equal(projectLayer!.colour, '#2e7d32');
    assert.equal(places!.url, 'http://localhost/v1/orgs/test-council/places');
    assert.equal(events!.url, 'http://localhost/v1/orgs/test-council/events');
    assert.deepEqual((await t.call('GET', '/v1/orgs/other-org/layers')).json.layers.map((l: { id: string }) => l.id), ['places', 'events']);
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/layers')).status, 404);
  });

  test('in production, URLs start with PUBLIC_URL', async () => {
    const prod = await buildTestApp({ production: true, publicUrl: 'https://api.civic.example' });
    try {
      const res = await prod.call('GET', '/v1/orgs/test-council/layers');
      assert.equal(res.json.layers[0].url, 'https://api.civic.example/v1/orgs/test-council/places');
    } finally {
      await prod.close();
    }
  });
});

