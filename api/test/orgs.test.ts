// /v1/orgs/:slug: public view, admin settings, departments, members; and who may do what.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';

let t: TestApp;
let admin: { accessToken: string; user: { id: string } };
beforeEach(async () => {
  t = await buildTestApp();
  admin = await t.withRole('admin@test.example', 'admin');
});
afterEach(async () => {
  await t.close();
});

/** Every admin-only route, with a good body where it needs one. */
const adminRoutes = (userId: string): [string, string, unknown?][] => [
  ['GET', '/v1/orgs/test-council/settings'],
  ['PATCH', '/v1/orgs/test-council', { name: 'Renamed' }],
  ['POST', '/v1/orgs/test-council/departments', { slug: 'parks', name: 'Parks' }],
  ['DELETE', '/v1/orgs/test-council/departments/housing'],
  ['GET', '/v1/orgs/test-council/members'],
  ['PUT', `/v1/orgs/test-council/members/${userId}`, { role: 'moderator' }],
];

describe('GET /v1/orgs/:slug', () => {
  test('anyone gets the public face, without the allowed origins', async () => {
    const res = await t.call('GET', '/v1/orgs/test-council');
    assert.equal(res.status, 200);
    assert.equal(res.json.slug, 'test-council');
    assert.equal(res.json.name, 'Test Council');
    assert.deepEqual(res.json.departments.map((d: { slug: string }) => d.slug), ['highways', 'housing']);
    assert.deepEqual(res.json.map.center, [-0.0877, 51.4741]);
    assert.equal(res.json.passwordSignIn, true);
    assert.equal(res.json.allowedOrigins, undefined);
  });
  test('unknown or malformed slug: 404 org_not_found', async () => {
    for (const slug of ['nowhere', 'NOT_A_SLUG', '%E2%98%83']) {
      const res = await t.call('GET', `/v1/orgs/${slug}`);
      assert.equal(res.status, 404, slug);
      assert.equal(res.json.error.code, 'org_not_found');
    }
  });
});

describe('who may use the admin routes', () => {
  test('no token: 401 on every admin route', async () => {
    for (const [method, path, body] of adminRoutes(admin.user.id)) {
      const res = await t.call(method, path, body === undefined ? {} : { body });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.json.error.code, 'unauthenticated');
    }
  });

  for (const role of ['resident', 'officer', 'moderator'] as const) {
    test(`a ${role}: 403 forbidden on every admin route`, async () => {
      const person = await t.withRole(`${role}@test.example`, role, 'test-council', role === 'officer' ? ['highways'] : []);
      for (const [method, path, body] of adminRoutes(admin.user.id)) {
        const res = await t.call(method, path, { token: person.accessToken, ...(body === undefined ? {} : { body }) });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.json.error.code, 'forbidden');
      }
      assert.equal((await t.store.orgs.bySlug('test-council'))?.name, 'Test Council');
    });
  }

  test("another organisation's admin: 403 forbidden", async () => {
    const foreign = await t.withRole('admin@other.example', 'admin', 'other-org');
    for (const [method, path, body] of adminRoutes(admin.user.id)) {
      const res = await t.call(method, path, { token: foreign.accessToken, ...(body === undefined ? {} : { body }) });
      assert.equal(res.status, 403, `${method} ${path}`);
    }
  });

  test('an expired token: 401 token_expired', async () => {
    t.clock.advance(16 * 60 * 1000);
    const res = await t.call('GET', '/v1/orgs/test-council/settings', { token: admin.accessToken });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'token_expired');
  });
});

describe('settings', () => {
  test('GET shows the allowed origins', async () => {
    const res = await t.call('GET', '/v1/orgs/test-council/settings', { token: admin.accessToken });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.allowedOrigins, [ORIGIN]);
  });

  test('PATCH changes what it is given and leaves the rest', async () => {
    const res = await t.call('PATCH', '/v1/orgs/test-council', {
      token: admin.accessToken,
      body: { name: 'Test Borough Council', theme: { primary: '#112233' }, passwordSignIn: false },
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.name, 'Test Borough Council');
    assert.deepEqual(res.json.theme, { primary: '#112233' });
    assert.equal(res.json.passwordSignIn, false);
    assert.equal(res.json.defaultLocale, 'en');
    assert.equal((await t.call('GET', '/v1/orgs/test-council')).json.name, 'Test Borough Council');
  });

  test('PATCH refuses bad values with fields by dotted path', async () => {
    const res = await t.call('PATCH', '/v1/orgs/test-council', {
      token: admin.accessToken,
      body: { theme: { primary: 'red' }, allowedOrigins: ['https://ok.example', 'https://bad.example/path'], map: { center: [200, 51], zoom: 3, extent: [0, 0, 1, 1] } },
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'validation_failed');
    assert.equal(res.json.error.fields['theme.primary'], 'Use a colour like #1d70b8.');
    assert.match(res.json.error.fields['allowedOrigins.1'], /An origin is a scheme/);
    assert.ok(res.json.error.fields['map.center.0']);
  });

  test('a new allowed origin gets CORS at once', async () => {
    const before = await t.call('GET', '/v1/orgs/test-council', { headers: { Origin: 'https://new.example' } });
    assert.equal(before.headers.get('access-control-allow-origin'), null);
    await t.call('PATCH', '/v1/orgs/test-council', { token: admin.accessToken, body: { allowedOrigins: [ORIGIN, 'https://new.example'] } });
    const after = await t.call('GET', '/v1/orgs/test-council', { headers: { Origin: 'https://new.example' } });
    assert.equal(after.headers.get('access-control-allow-origin'), 'https://new.example');
  });
});

describe('departments', () => {
  test('POST creates (201), a second time conflicts (409), DELETE removes (204) then 404', async () => {
    const publicSlugs = async () =>
      (await t.call('GET', '/v1/orgs/test-council')).json.departments.map((d: { slug: string }) => d.slug);
    assert.ok(!(await publicSlugs()).includes('parks')); // the public view is now cached
    const created = await t.call('POST', '/v1/orgs/test-council/departments', { token: admin.accessToken, body: { slug: 'parks', name: 'Parks' } });
    assert.equal(created.status, 201);
    assert.equal(created.json.slug, 'parks');
    assert.ok(created.json.id);
    const again = await t.call('POST', '/v1/orgs/test-council/departments', { token: admin.accessToken, body: { slug: 'parks', name: 'Parks 2' } });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'conflict');
    assert.ok((await publicSlugs()).includes('parks'), 'the public view shows a new department at once');
    const removed = await t.call('DELETE', '/v1/orgs/test-council/departments/parks', { token: admin.accessToken });
    assert.equal(removed.status, 204);
    assert.equal(removed.text, '');
    assert.ok(!(await publicSlugs()).includes('parks'), 'and forgets a removed one at once');
    const gone = await t.call('DELETE', '/v1/orgs/test-council/departments/parks', { token: admin.accessToken });
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.code, 'not_found');
  });

  test('POST with a bad slug or no name: 400', async () => {
    const res = await t.call('POST', '/v1/orgs/test-council/departments', { token: admin.accessToken, body: { slug: 'Bad Slug' } });
    assert.equal(res.status, 400);
    assert.ok(res.json.error.fields.slug);
    assert.equal(res.json.error.fields.name, 'This field is required.');
  });

  test("one organisation's department slugs are its own", async () => {
    const res = await t.call('DELETE', '/v1/orgs/test-council/departments/highways', { token: admin.accessToken });
    assert.equal(res.status, 204);
    assert.equal((await t.store.orgs.departments(t.otherOrg.id)).some((d) => d.slug === 'highways'), true);
  });
});

describe('members', () => {
  test('GET lists members with cursor pagination', async () => {
    for (let i = 0; i < 4; i++) await t.withRole(`person${i}@test.example`, 'resident');
    const first = await t.call('GET', '/v1/orgs/test-council/members?limit=2', { token: admin.accessToken });
    assert.equal(first.status, 200);
    assert.equal(first.json.items.length, 2);
    assert.ok(first.json.nextCursor);
    const seen = [...first.json.items];
    let cursor = first.json.nextCursor;
    while (cursor) {
      const next = await t.call('GET', `/v1/orgs/test-council/members?limit=2&cursor=${cursor}`, { token: admin.accessToken });
      assert.equal(next.status, 200);
      seen.push(...next.json.items);
      cursor = next.json.nextCursor;
    }
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen.map((m: { userId: string }) => m.userId)).size, 5);
    assert.equal(seen.find((m: { email: string }) => m.email === 'admin@test.example').role, 'admin');
  });

  test('GET refuses a bad limit or cursor', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'cursor=nonsense']) {
      const res = await t.call('GET', `/v1/orgs/test-council/members?${query}`, { token: admin.accessToken });
      assert.equal(res.status, 400, query);
      assert.equal(res.json.error.code, 'validation_failed');
    }
  });

  test("members of another organisation are not listed", async () => {
    await t.withRole('elsewhere@other.example', 'officer', 'other-org', ['housing']);
    const res = await t.call('GET', '/v1/orgs/test-council/members', { token: admin.accessToken });
    assert.equal(res.json.items.some((m: { email: string }) => m.email === 'elsewhere@other.example'), false);
  });

  test('PUT sets role and departments', async () => {
    const person = await t.withRole('newbie@test.example', 'resident');
    const res = await t.call('PUT', `/v1/orgs/test-council/members/${person.user.id}`, {
      token: admin.accessToken,
      body: { role: 'officer', departments: ['housing', 'highways'] },
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.role, 'officer');
    assert.deepEqual(res.json.departments, ['highways', 'housing']);
    const me = await t.call('GET', '/v1/me', { token: person.accessToken });
    assert.deepEqual(me.json.memberships, [{ org: 'test-council', role: 'officer', departments: ['highways', 'housing'] }]);
  });

  test('PUT refuses departments for non-officers, unknown departments, unknown people and the last admin stepping down', async () => {
    const person = await t.withRole('newbie@test.example', 'resident');
    const path = `/v1/orgs/test-council/members/${person.user.id}`;
    const notOfficer = await t.call('PUT', path, { token: admin.accessToken, body: { role: 'moderator', departments: ['housing'] } });
    assert.equal(notOfficer.status, 400);
    assert.equal(notOfficer.json.error.fields.departments, 'Only officers work in departments.');
    const unknownDept = await t.call('PUT', path, { token: admin.accessToken, body: { role: 'officer', departments: ['space-programme'] } });
    assert.equal(unknownDept.status, 400);
    assert.match(unknownDept.json.error.fields.departments, /space-programme/);
    const badRole = await t.call('PUT', path, { token: admin.accessToken, body: { role: 'king' } });
    assert.equal(badRole.status, 400);
    assert.ok(badRole.json.error.fields.role);
    const nobody = await t.call('PUT', '/v1/orgs/test-council/members/nobody', { token: admin.accessToken, body: { role: 'officer' } });
    assert.equal(nobody.status, 404);
    const lastAdmin = await t.call('PUT', `/v1/orgs/test-council/members/${admin.user.id}`, { token: admin.accessToken, body: { role: 'resident' } });
    assert.equal(lastAdmin.status, 409);
  });
});

describe('origins on writes', () => {
  test("a write from an origin the organisation does not allow is refused, even if another organisation allows it", async () => {
    const res = await t.call('PATCH', '/v1/orgs/test-council', {
      token: admin.accessToken,
      headers: { Origin: OTHER_ORIGIN },
      body: { name: 'Hijacked' },
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
    // CORS headers are kept on the error, so the page can read it.
    assert.equal(res.headers.get('access-control-allow-origin'), OTHER_ORIGIN);
    assert.equal((await t.store.orgs.bySlug('test-council'))?.name, 'Test Council');
    const allowed = await t.call('PATCH', '/v1/orgs/test-council', { token: admin.accessToken, headers: { Origin: ORIGIN }, body: { name: 'Fine' } });
    assert.equal(allowed.status, 200);
  });
});
