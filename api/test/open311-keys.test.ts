// /v1/orgs/:org/open311-keys: admins give applications Open311 api_keys (shown once, kept hashed) and revoke them.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { Open311Key, Open311KeyList } from '@civic-elements/protocol';
import { hashToken } from '../src/secrets.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';

let t: TestApp;
let admin: { accessToken: string };
beforeEach(async () => {
  t = await buildTestApp();
  admin = await t.withRole('admin@test.example', 'admin');
});
afterEach(async () => {
  await t.close();
});

const KEYS = '/v1/orgs/test-council/open311-keys';
const make = (application = 'FixMyStreet', token = admin.accessToken) => t.call('POST', KEYS, { token, body: { application }, headers: { origin: ORIGIN } });

describe('Open311 keys', () => {
  test('an admin makes a key: shown once, not cacheable, and the store keeps only its hash', async () => {
    const res = await make();
    assert.equal(res.status, 201);
    const key = Open311Key.parse(res.json);
    assert.equal(key.application, 'FixMyStreet');
    assert.equal(key.createdAt, '2026-03-02T09:00:00.000Z');
    assert.equal(key.revokedAt, null);
    assert.match(key.key!, /^o311_[A-Za-z0-9_-]{43}$/);
    assert.equal(res.headers.get('cache-control'), 'no-store');

    const listed = await t.call('GET', KEYS, { token: admin.accessToken });
    assert.equal(listed.status, 200);
    assert.deepEqual(Open311KeyList.parse(listed.json).items, [{ id: key.id, application: 'FixMyStreet', createdAt: key.createdAt, revokedAt: null }]);
    assert.ok(!listed.text.includes(key.key!), 'the list never shows the key');

    // At rest: the SHA-256 of the key, never the key.
    const db = new Database(t.config.databasePath, { readonly: true });
    try {
      const text = JSON.stringify(db.prepare('SELECT * FROM open311_keys').all());
      assert.ok(!text.includes(key.key!.slice(5)), 'no part of the key is stored');
      assert.ok(text.includes(hashToken(key.key!)));
    } finally {
      db.close();
    }
  });

  test('two keys are two different secrets, listed oldest first', async () => {
    const first = (await make('First app')).json;
    t.clock.advance(1000);
    const second = (await make('Second app')).json;
    assert.notEqual(first.key, second.key);
    const listed = await t.call('GET', KEYS, { token: admin.accessToken });
    assert.deepEqual(listed.json.items.map((k: { application: string }) => k.application), ['First app', 'Second app']);
  });

  test('revoking: 204, the list shows when; revoking again keeps the first time; an unknown id is 404', async () => {
    const key = (await make()).json;
    t.clock.advance(60_000);
    const revoked = await t.call('DELETE', `${KEYS}/${key.id}`, { token: admin.accessToken, headers: { origin: ORIGIN } });
    assert.equal(revoked.status, 204);
    t.clock.advance(60_000);
    assert.equal((await t.call('DELETE', `${KEYS}/${key.id}`, { token: admin.accessToken })).status, 204);
    const listed = await t.call('GET', KEYS, { token: admin.accessToken });
    assert.equal(listed.json.items[0].revokedAt, '2026-03-02T09:01:00.000Z');
    const unknown = await t.call('DELETE', `${KEYS}/nope`, { token: admin.accessToken });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'not_found');
  });

  test('a bad application name is a 400 next to the field', async () => {
    for (const body of [{}, { application: '   ' }, { application: 'x'.repeat(121) }, { application: 'ok', extra: 1 }]) {
      const res = await t.call('POST', KEYS, { token: admin.accessToken, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.code, 'validation_failed');
      assert.ok(res.json.error.fields.application || res.json.error.fields.extra);
    }
  });

  test('only admins: officers, moderators and residents get 403, nobody signed in 401', async () => {
    const key = (await make()).json;
    for (const role of ['officer', 'moderator', 'resident'] as const) {
      const person = await t.withRole(`${role}@test.example`, role);
      for (const [method, path] of [['GET', KEYS], ['POST', KEYS], ['DELETE', `${KEYS}/${key.id}`]] as const) {
        const res = await t.call(method, path, { token: person.accessToken, ...(method === 'POST' ? { body: { application: 'Mine' } } : {}) });
        assert.equal(res.status, 403, `${role} ${method}`);
      }
    }
    assert.equal((await t.call('GET', KEYS)).status, 401);
    assert.equal((await t.call('POST', KEYS, { body: { application: 'Anon' } })).status, 401);
  });

  test("organisations stay apart: another organisation's admin cannot list, make or revoke this one's keys", async () => {
    const key = (await make()).json;
    const otherAdmin = await t.withRole('admin@other.example', 'admin', 'other-org');
    assert.equal((await t.call('GET', KEYS, { token: otherAdmin.accessToken })).status, 403);
    assert.equal((await t.call('POST', KEYS, { token: otherAdmin.accessToken, body: { application: 'Sneaky' } })).status, 403);
    assert.equal((await t.call('DELETE', `${KEYS}/${key.id}`, { token: otherAdmin.accessToken })).status, 403);
    // Its own list does not hold this organisation's key, and revoking it there finds nothing.
    const own = await t.call('GET', '/v1/orgs/other-org/open311-keys', { token: otherAdmin.accessToken });
    assert.deepEqual(own.json.items, []);
    assert.equal((await t.call('DELETE', `/v1/orgs/other-org/open311-keys/${key.id}`, { token: otherAdmin.accessToken })).status, 404);
    assert.equal((await t.call('GET', KEYS, { token: admin.accessToken })).json.items[0].revokedAt, null);
  });

  test('a write from a web page the organisation does not allow is refused', async () => {
    const res = await t.call('POST', KEYS, { token: admin.accessToken, body: { application: 'x' }, headers: { origin: OTHER_ORIGIN } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
  });

  test('an unknown organisation is 404', async () => {
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/open311-keys', { token: admin.accessToken })).status, 404);
  });
});
