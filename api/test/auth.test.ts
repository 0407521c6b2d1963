// Identity: register, codes (their whole life), sign-in by code and password, refresh rotation, sign-out, /v1/me.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const email = 'sam@example.org';
const register = (body: Record<string, unknown> = {}) =>
  t.call('POST', '/v1/auth/register', { body: { org: 'test-council', email, name: 'Sam Resident', ...body } });
const signIn = (code: string, who = email) => t.call('POST', '/v1/auth/sign-in', { body: { org: 'test-council', email: who, code } });
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('POST /v1/auth/register', () => {
  test('creates the account and emails a code in the organisation name', async () => {
    const res = await register({ email: '  Sam@Example.ORG ' });
    assert.equal(res.status, 202);
    assert.equal(res.json.email, email);
    assert.equal(res.json.maxTries, 5);
    assert.equal(res.json.expiresAt, '2026-03-02T09:10:00.000Z');
    const [message] = await t.outbox.list({ to: email });
    assert.ok(message);
    const code = await t.latestCode(email);
    assert.equal(message.subject, `Your sign-in code for Test Council: ${code}`);
    assert.match(message.text, /expires in 10 minutes/);
    assert.match(message.text, /If you did not ask for this code, you can ignore this email/);
    const user = await t.store.users.byEmail(email);
    assert.equal(user?.name, 'Sam Resident');
    assert.equal(user?.emailVerified, false);
  });

  test('an existing account just gets a new code; its name is not changed', async () => {
    await register();
    const res = await register({ name: 'Someone Else' });
    assert.equal(res.status, 202);
    assert.equal((await t.store.users.byEmail(email))?.name, 'Sam Resident');
    assert.equal((await t.outbox.list({ to: email })).length, 2);
  });

  test('the email is in the requested language (Italian, Arabic)', async () => {
    await register({ locale: 'it' });
    const [it] = await t.outbox.list({ to: email });
    assert.match(it!.subject, /^Il tuo codice di accesso per Test Council: \d{6}$/);
    assert.match(it!.text, /scade tra 10 minuti/);
    await t.call('POST', '/v1/auth/code', { body: { org: 'test-council', email, locale: 'ar' } });
    const [ar] = await t.outbox.list({ to: email });
    assert.match(ar!.subject, /^رمز تسجيل الدخول إلى Test Council: \d{6}$/);
  });

  test('bad input: missing fields, wrong types, bad email, unknown keys, unknown organisation', async () => {
    const missing = await t.call('POST', '/v1/auth/register', { body: { org: 'test-council' } });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.code, 'validation_failed');
    assert.equal(missing.json.error.fields.email, 'This field is required.');
    assert.equal(missing.json.error.fields.name, 'This field is required.');
    assert.match(missing.json.error.message, /2 problems/);

    const types = await t.call('POST', '/v1/auth/register', { body: { org: 'test-council', email: 42, name: ['x'] } });
    assert.equal(types.status, 400);
    assert.equal(types.json.error.fields.email, 'This should be a string.');

    const badEmail = await register({ email: 'not-an-email' });
    assert.equal(badEmail.status, 400);
    assert.equal(badEmail.json.error.fields.email, 'Enter an email address in the right format, like name@example.com.');

    const extra = await register({ admin: true });
    assert.equal(extra.status, 400);
    assert.equal(extra.json.error.fields.admin, 'This field is not allowed here.');

    const shortPassword = await register({ password: 'short' });
    assert.equal(shortPassword.json.error.fields.password, 'A password has at least 10 characters.');

    const unknownOrg = await register({ org: 'nowhere' });
    assert.equal(unknownOrg.status, 404);
    assert.equal(unknownOrg.json.error.code, 'org_not_found');

    const notObject = await t.call('POST', '/v1/auth/register', { body: '[1,2]' });
    assert.equal(notObject.status, 400);
    assert.equal(notObject.json.error.code, 'validation_failed');
    assert.equal(await t.store.users.byEmail(email), null);
  });
});

describe('POST /v1/auth/code', () => {
  test('202 for a known email, 404 unknown_email otherwise', async () => {
    await register();
    const res = await t.call('POST', '/v1/auth/code', { body: { org: 'test-council', email } });
    assert.equal(res.status, 202);
    const unknown = await t.call('POST', '/v1/auth/code', { body: { org: 'test-council', email: 'nobody@example.org' } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'unknown_email');
    const badOrg = await t.call('POST', '/v1/auth/code', { body: { org: 'Not A Slug', email } });
    assert.equal(badOrg.status, 400);
    assert.ok(badOrg.json.error.fields.org);
  });
});

describe('the life of a code', () => {
  test('right code: signed in, email verified, resident of the organisation', async () => {
    await register();
    const res = await signIn(await t.latestCode(email));
    assert.equal(res.status, 200);
    assert.match(res.json.accessToken, /^[A-Za-z0-9_-]{43}$/);
    assert.match(res.json.refreshToken, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(res.json.accessToken, res.json.refreshToken);
    assert.equal(res.json.accessExpiresAt, '2026-03-02T09:15:00.000Z');
    assert.equal(res.json.user.email, email);
    assert.equal(res.json.user.emailVerified, true);
    assert.deepEqual(res.json.memberships, [{ org: 'test-council', role: 'resident', departments: [] }]);
  });

  test('a code works once', async () => {
    await register();
    const code = await t.latestCode(email);
    assert.equal((await signIn(code)).status, 200);
    const again = await signIn(code);
    assert.equal(again.status, 400);
    assert.equal(again.json.error.code, 'no_code');
  });

  test('spaces typed in the code are ignored; letters are refused', async () => {
    await register();
    const code = await t.latestCode(email);
    const letters = await signIn('12a456');
    assert.equal(letters.status, 400);
    assert.equal(letters.json.error.fields.code, 'Enter the 6-digit code from the email.');
    assert.equal((await signIn(`${code.slice(0, 3)} ${code.slice(3)}`)).status, 200);
  });

  test('wrong codes count down the tries; after 5 the code is exhausted, even the right one', async () => {
    await register();
    const code = await t.latestCode(email);
    for (const triesLeft of [4, 3, 2, 1, 0]) {
      const res = await signIn(wrong(code));
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'wrong_code');
      assert.equal(res.json.error.details.triesLeft, triesLeft);
    }
    const exhausted = await signIn(code);
    assert.equal(exhausted.status, 400);
    assert.equal(exhausted.json.error.code, 'code_exhausted');
    // A new code starts again with 5 tries.
    await t.call('POST', '/v1/auth/code', { body: { org: 'test-council', email } });
    assert.equal((await signIn(await t.latestCode(email))).status, 200);
  });

  test('a code expires after 10 minutes', async () => {
    await register();
    const code = await t.latestCode(email);
    t.clock.advance(10 * 60 * 1000);
    const res = await signIn(code);
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'code_expired');
  });

  test('a code is still good just before 10 minutes', async () => {
    await register();
    const code = await t.latestCode(email);
    t.clock.advance(10 * 60 * 1000 - 1);
    assert.equal((await signIn(code)).status, 200);
  });

  test('a new code replaces the old one', async () => {
    await register();
    const first = await t.latestCode(email);
    let second = first;
    // Codes are random: ask again until the new one differs (almost always at once).
    while (second === first) {
      await t.call('POST', '/v1/auth/code', { body: { org: 'test-council', email } });
      second = await t.latestCode(email);
    }
    const old = await signIn(first);
    assert.equal(old.status, 401);
    assert.equal(old.json.error.code, 'wrong_code');
    assert.equal((await signIn(second)).status, 200);
  });

  test('no code asked for: no_code; unknown email: unknown_email; no body code or password: validation', async () => {
    await t.store.users.create({ email, name: 'Sam', locale: 'en' }, new Date());
    const none = await signIn('123456');
    assert.equal(none.status, 400);
    assert.equal(none.json.error.code, 'no_code');
    const unknown = await signIn('123456', 'ghost@example.org');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'unknown_email');
    const neither = await t.call('POST', '/v1/auth/sign-in', { body: { org: 'test-council', email } });
    assert.equal(neither.status, 400);
    assert.equal(neither.json.error.fields.code, 'This field is required.');
  });

  test('signing in through a second organisation adds a resident membership there', async () => {
    await register();
    await signIn(await t.latestCode(email));
    await t.call('POST', '/v1/auth/code', { body: { org: 'other-org', email } });
    const res = await t.call('POST', '/v1/auth/sign-in', { body: { org: 'other-org', email, code: await t.latestCode(email) } });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.json.memberships.map((m: { org: string; role: string }) => `${m.org}:${m.role}`).sort(),
      ['other-org:resident', 'test-council:resident'],
    );
  });
});

describe('passwords', () => {
  const password = 'correct horse battery';
  test('sign in with a password set at registration', async () => {
    await register({ password });
    const res = await t.call('POST', '/v1/auth/sign-in', { body: { org: 'test-council', email, password } });
    assert.equal(res.status, 200);
    assert.equal(res.json.user.hasPassword, true);
    // Not verified by a password alone.
    assert.equal(res.json.user.emailVerified, false);
  });

  test('wrong password: 401 wrong_password; no password: 400 no_password', async () => {
    await register({ password });
    const bad = await t.call('POST', '/v1/auth/sign-in', { body: { org: 'test-council', email, password: 'wrong password!' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.json.error.code, 'wrong_password');
    await t.call('POST', '/v1/auth/register', { body: { org: 'test-council', email: 'nopw@example.org', name: 'No Password' } });
    const none = await t.call('POST', '/v1/auth/sign-in', { body: { org: 'test-council', email: 'nopw@example.org', password } });
    assert.equal(none.status, 400);
    assert.equal(none.json.error.code, 'no_password');
  });

  test('refused where the organisation does not use passwords', async () => {
    await register({ password });
    const res = await t.call('POST', '/v1/auth/sign-in', { body: { org: 'other-org', email, password } });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'no_password');
    assert.match(res.json.error.message, /does not use passwords/);
  });

  test('PUT /v1/me/password sets one, then it signs in', async () => {
    const session = await t.signIn(email);
    const weak = await t.call('PUT', '/v1/me/password', { token: session.accessToken, body: { password: 'short' } });
    assert.equal(weak.status, 400);
    assert.equal(weak.json.error.fields.password, 'A password has at least 10 characters.');
    const set = await t.call('PUT', '/v1/me/password', { token: session.accessToken, body: { password } });
    assert.equal(set.status, 204);
    const res = await t.call('POST', '/v1/auth/sign-in', { body: { org: 'test-council', email, password } });
    assert.equal(res.status, 200);
    const noToken = await t.call('PUT', '/v1/me/password', { body: { password } });
    assert.equal(noToken.status, 401);
  });
});

describe('sessions', () => {
  test('refresh rotates both tokens; the old refresh token is spent', async () => {
    const first = await t.signIn(email);
    const res = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    assert.equal(res.status, 200);
    assert.notEqual(res.json.refreshToken, first.refreshToken);
    assert.notEqual(res.json.accessToken, first.accessToken);
    assert.equal(res.json.user.email, email);
    assert.equal((await t.call('GET', '/v1/me', { token: res.json.accessToken })).status, 200);
    const next = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: res.json.refreshToken } });
    assert.equal(next.status, 200);
  });

  test('reusing a spent refresh token revokes the whole session', async () => {
    const first = await t.signIn(email);
    const rotated = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    const reuse = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    assert.equal(reuse.status, 401);
    assert.equal(reuse.json.error.code, 'invalid_refresh_token');
    // The thief's and the owner's newer tokens both stop working.
    const newer = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: rotated.json.refreshToken } });
    assert.equal(newer.status, 401);
    const me = await t.call('GET', '/v1/me', { token: rotated.json.accessToken });
    assert.equal(me.status, 401);
    assert.equal(me.json.error.code, 'unauthenticated');
  });

  test('unknown, malformed and expired refresh tokens are refused', async () => {
    const unknown = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: 'x'.repeat(43) } });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.error.code, 'invalid_refresh_token');
    const missing = await t.call('POST', '/v1/auth/refresh', { body: {} });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.fields.refreshToken, 'This field is required.');
    const session = await t.signIn(email);
    t.clock.advance(30 * 24 * 3600 * 1000);
    const expired = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    assert.equal(expired.status, 401);
  });

  test('sign-out revokes the access and refresh tokens', async () => {
    const session = await t.signIn(email);
    const out = await t.call('POST', '/v1/auth/sign-out', { token: session.accessToken });
    assert.equal(out.status, 204);
    assert.equal((await t.call('GET', '/v1/me', { token: session.accessToken })).status, 401);
    const refresh = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    assert.equal(refresh.status, 401);
    assert.equal((await t.call('POST', '/v1/auth/sign-out', {})).status, 401);
  });

  test('an access token expires after 15 minutes: 401 token_expired, and refresh still works', async () => {
    const session = await t.signIn(email);
    t.clock.advance(15 * 60 * 1000);
    const me = await t.call('GET', '/v1/me', { token: session.accessToken });
    assert.equal(me.status, 401);
    assert.equal(me.json.error.code, 'token_expired');
    const refreshed = await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    assert.equal(refreshed.status, 200);
    assert.equal((await t.call('GET', '/v1/me', { token: refreshed.json.accessToken })).status, 200);
  });
});

describe('/v1/me', () => {
  test('GET: 401 unauthenticated without a token or with a made-up one', async () => {
    const none = await t.call('GET', '/v1/me');
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'unauthenticated');
    const madeUp = await t.call('GET', '/v1/me', { token: 'A'.repeat(43) });
    assert.equal(madeUp.status, 401);
    const notBearer = await t.call('GET', '/v1/me', { headers: { Authorization: 'Basic abc' } });
    assert.equal(notBearer.status, 401);
  });

  test('GET returns the person and their memberships', async () => {
    const session = await t.withRole('officer@example.org', 'officer', 'test-council', ['highways']);
    const me = await t.call('GET', '/v1/me', { token: session.accessToken });
    assert.equal(me.status, 200);
    assert.equal(me.json.user.email, 'officer@example.org');
    assert.deepEqual(me.json.memberships, [{ org: 'test-council', role: 'officer', departments: ['highways'] }]);
  });

  test('PATCH changes the name and language; bad values are refused', async () => {
    const session = await t.signIn(email);
    const res = await t.call('PATCH', '/v1/me', { token: session.accessToken, body: { name: ' Samira ', locale: 'ar' } });
    assert.equal(res.status, 200);
    assert.equal(res.json.user.name, 'Samira');
    assert.equal(res.json.user.locale, 'ar');
    const bad = await t.call('PATCH', '/v1/me', { token: session.accessToken, body: { locale: 'fr', name: '' } });
    assert.equal(bad.status, 400);
    assert.ok(bad.json.error.fields.locale);
    assert.equal(bad.json.error.fields.name, 'Enter your name.');
    const email2 = await t.call('PATCH', '/v1/me', { token: session.accessToken, body: { email: 'x@example.org' } });
    assert.equal(email2.status, 400);
    assert.equal((await t.call('PATCH', '/v1/me', { body: { name: 'x' } })).status, 401);
  });
});
