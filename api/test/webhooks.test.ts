// Webhook routes: admins only, each organisation its own, the secret shown once and kept encrypted, private addresses refused in production.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { ReportDetail } from '@civic-elements/protocol';
import { ConfigError, loadConfig, testConfig } from '../src/config.js';
import { queueReportEvent, WebhookWorker } from '../src/webhooks/dispatcher.js';
import { openSecret, sealSecret, SecretUnreadable, webhookKey } from '../src/webhooks/secret-box.js';
import { isPrivateAddress, urlPolicy, urlRefusal } from '../src/webhooks/url-policy.js';
import { verifyBody } from '../src/webhooks/sign.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { sampleReportDetail } from './support/report-fixtures.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';

let t: TestApp;
let receiver: Receiver;
let admin: string;
beforeEach(async () => {
  t = await buildTestApp();
  receiver = await startReceiver();
  admin = (await t.withRole('admin@council.example', 'admin')).accessToken;
});
afterEach(async () => {
  await receiver.close();
  await t.close();
});

const hooks = '/v1/orgs/test-council/webhooks';

function report(id = 'report-1', org = 'test-council'): ReportDetail {
  return sampleReportDetail({ id, org });
}

async function makeHook(token = admin, body: object = { url: receiver.url }, path = hooks) {
  const res = await t.call('POST', path, { token, body, headers: { Origin: path.includes('other-org') ? OTHER_ORIGIN : ORIGIN } });
  assert.equal(res.status, 201, res.text);
  return res.json as { id: string; url: string; events: string[]; active: boolean; createdAt: string; secret: string };
}

describe('making and listing webhooks', () => {
  test('an admin makes one: the secret is in that answer only, not cached, and signs what is sent', async () => {
    const res = await t.call('POST', hooks, { token: admin, body: { url: receiver.url }, headers: { Origin: ORIGIN } });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const hook = res.json;
    assert.match(hook.secret, /^whsec_[\w-]{43}$/);
    assert.deepEqual(hook.events, ['report.created', 'report.updated']);
    assert.equal(hook.active, true);
    assert.equal(hook.url, receiver.url);
    assert.equal(hook.createdAt, t.clock().toISOString());

    const list = await t.call('GET', hooks, { token: admin });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items, [{ id: hook.id, url: hook.url, events: hook.events, active: true, createdAt: hook.createdAt }]);
    assert.doesNotMatch(list.text, /whsec_|secret/);

    await queueReportEvent(t, t.org.id, 'report.created', report());
    await new WebhookWorker({ store: t.store, config: t.config, clock: t.clock, log: () => {} }).tick();
    const log = await t.call('GET', `${hooks}/${hook.id}/deliveries`, { token: admin });
    assert.doesNotMatch(log.text, /whsec_/);
    assert.equal(receiver.received.length, 1);
    assert.ok(verifyBody(hook.secret, receiver.received[0]!.body, receiver.received[0]!.headers['x-civic-signature'] as string));
  });

  test('the secret is kept encrypted: not in the row, not anywhere in the database files', async () => {
    const hook = await makeHook();
    const db = new Database(t.config.databasePath, { readonly: true });
    const row = db.prepare('SELECT * FROM webhooks WHERE id = ?').get(hook.id) as Record<string, unknown>;
    db.close();
    assert.ok(row, 'the row is there');
    assert.equal(JSON.stringify(row).includes(hook.secret), false);
    assert.equal(JSON.stringify(row).includes(hook.secret.slice(6)), false);
    assert.match(String(row.secret_sealed), /^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    for (const file of [t.config.databasePath, `${t.config.databasePath}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      assert.equal(bytes.includes(hook.secret.slice(6)), false, `the secret is in ${file}`);
    }
    // It opens with the server's key and this webhook's id, and with nothing else.
    const key = webhookKey(t.config);
    assert.equal(openSecret(key, hook.id, String(row.secret_sealed)), hook.secret);
    assert.throws(() => openSecret(key, 'another-webhook', String(row.secret_sealed)), SecretUnreadable);
    assert.throws(() => openSecret(webhookKey(testConfig({ secret: 'another-secret-0123456789abcdef-0123456789' })), hook.id, String(row.secret_sealed)), SecretUnreadable);
    assert.throws(() => openSecret(webhookKey({ secret: undefined, webhookSecretKey: 'ab'.repeat(32) }), hook.id, String(row.secret_sealed)), SecretUnreadable);
  });

  test('WEBHOOK_SECRET_KEY, when set, is the key; two seals of one secret differ', () => {
    const key = webhookKey({ secret: 'x'.repeat(40), webhookSecretKey: '0f'.repeat(32) });
    assert.deepEqual(key, Buffer.from('0f'.repeat(32), 'hex'));
    const a = sealSecret(key, 'hook', 'whsec_same');
    const b = sealSecret(key, 'hook', 'whsec_same');
    assert.notEqual(a, b);
    assert.equal(openSecret(key, 'hook', a), 'whsec_same');
    assert.equal(openSecret(key, 'hook', b), 'whsec_same');
    const tampered = a.slice(0, -3) + (a.endsWith('A') ? 'BBB' : 'AAA');
    assert.throws(() => openSecret(key, 'hook', tampered), SecretUnreadable);
  });

  test('events: a subset, duplicates once; bad input is a 400 with a message next to the field', async () => {
    const only = await makeHook(admin, { url: receiver.url, events: ['report.updated', 'report.updated'] });
    assert.deepEqual(only.events, ['report.updated']);
    const cases: [unknown, string][] = [
      [{ url: 'ftp://files.example/hook' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: `https://example.org/${'a'.repeat(500)}` }, 'url'],
      [{}, 'url'],
      [{ url: receiver.url, events: [] }, 'events'],
      [{ url: receiver.url, events: ['report.deleted'] }, 'events.0'],
      [{ url: receiver.url, secret: 'mine' }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const res = await t.call('POST', hooks, { token: admin, body, headers: { Origin: ORIGIN } });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.code, 'validation_failed');
      assert.ok(res.json.error.fields[field], `${JSON.stringify(body)}: ${JSON.stringify(res.json.error.fields)}`);
    }
    assert.equal((await t.call('POST', hooks, { token: admin, body: '{"url":', headers: { Origin: ORIGIN } })).status, 400);
  });

  test('at most 20 webhooks per organisation', async () => {
    for (let i = 0; i < 20; i += 1) await makeHook(admin, { url: `${receiver.url}/${i}` });
    const res = await t.call('POST', hooks, { token: admin, body: { url: receiver.url }, headers: { Origin: ORIGIN } });
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, 'conflict');
    assert.match(res.json.error.message, /20 webhooks/);
  });

  test('deleting one removes it and its delivery log', async () => {
    const hook = await makeHook();
    await queueReportEvent(t, t.org.id, 'report.created', report());
    const gone = await t.call('DELETE', `${hooks}/${hook.id}`, { token: admin, headers: { Origin: ORIGIN } });
    assert.equal(gone.status, 204);
    assert.deepEqual((await t.call('GET', hooks, { token: admin })).json.items, []);
    assert.equal((await t.call('GET', `${hooks}/${hook.id}/deliveries`, { token: admin })).status, 404);
    assert.equal((await t.call('DELETE', `${hooks}/${hook.id}`, { token: admin, headers: { Origin: ORIGIN } })).status, 404);
    const db = new Database(t.config.databasePath, { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM webhook_deliveries').get() as { n: number }).n, 0);
    db.close();
  });
});

describe('who may manage webhooks', () => {
  test('residents, officers and moderators get 403; nobody signed in gets 401', async () => {
    const hook = await makeHook();
    await queueReportEvent(t, t.org.id, 'report.created', report());
    const deliveryId = (await t.call('GET', `${hooks}/${hook.id}/deliveries`, { token: admin })).json.items[0].id;
    const requests: [string, string][] = [
      ['GET', hooks],
      ['POST', hooks],
      ['DELETE', `${hooks}/${hook.id}`],
      ['POST', `${hooks}/${hook.id}/ping`],
      ['GET', `${hooks}/${hook.id}/deliveries`],
      ['POST', `${hooks}/${hook.id}/deliveries/${deliveryId}/retry`],
    ];
    for (const role of ['resident', 'officer', 'moderator'] as const) {
      const token = (await t.withRole(`${role}@council.example`, role)).accessToken;
      for (const [method, path] of requests) {
        const res = await t.call(method, path, { token, headers: { Origin: ORIGIN }, ...(method === 'POST' && path === hooks ? { body: { url: receiver.url } } : {}) });
        assert.equal(res.status, 403, `${role} ${method} ${path}`);
        assert.equal(res.json.error.code, 'forbidden');
      }
    }
    for (const [method, path] of requests) {
      assert.equal((await t.call(method, path, { headers: { Origin: ORIGIN } })).status, 401, `${method} ${path}`);
    }
    assert.equal(receiver.received.length, 0, 'no ping was sent');
    assert.equal((await t.call('GET', hooks, { token: admin })).json.items.length, 1, 'nothing was deleted');
  });

  test("another organisation's admin can neither see nor touch this organisation's webhooks", async () => {
    const hook = await makeHook();
    const otherAdmin = (await t.withRole('admin@other.example', 'admin', 'other-org')).accessToken;
    for (const [method, path] of [
      ['GET', hooks],
      ['DELETE', `${hooks}/${hook.id}`],
      ['GET', `${hooks}/${hook.id}/deliveries`],
      ['POST', `${hooks}/${hook.id}/ping`],
    ] as const) {
      assert.equal((await t.call(method, path, { token: otherAdmin, headers: { Origin: ORIGIN } })).status, 403, `${method} ${path}`);
    }
    // Through their own organisation's path, this webhook does not exist.
    const own = '/v1/orgs/other-org/webhooks';
    assert.deepEqual((await t.call('GET', own, { token: otherAdmin })).json.items, []);
    assert.equal((await t.call('DELETE', `${own}/${hook.id}`, { token: otherAdmin, headers: { Origin: OTHER_ORIGIN } })).status, 404);
    assert.equal((await t.call('GET', `${own}/${hook.id}/deliveries`, { token: otherAdmin })).status, 404);
    assert.equal((await t.call('POST', `${own}/${hook.id}/ping`, { token: otherAdmin, headers: { Origin: OTHER_ORIGIN } })).status, 404);
    assert.equal((await t.call('GET', hooks, { token: admin })).json.items.length, 1);
    assert.equal(receiver.received.length, 0);
  });

  test('a write from an origin the organisation does not allow is refused', async () => {
    const res = await t.call('POST', hooks, { token: admin, body: { url: receiver.url }, headers: { Origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
  });

  test('an unknown organisation is a 404', async () => {
    const res = await t.call('GET', '/v1/orgs/nowhere/webhooks', { token: admin });
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'org_not_found');
  });
});

describe('private and local addresses (SSRF)', () => {
  test('these addresses are private, those are public', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'ff02::1', 'not an address']) {
      assert.equal(isPrivateAddress(address), true, address);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8', '100.128.0.1']) {
      assert.equal(isPrivateAddress(address), false, address);
    }
  });

  test('in production, a webhook to a private address or over plain http is refused with a message on url', async () => {
    const prod = await buildTestApp({ production: true, webhookAllowPrivate: false });
    try {
      const token = (await prod.withRole('admin@council.example', 'admin')).accessToken;
      for (const url of [
        'https://127.0.0.1/hook',
        'https://localhost/hook', // a name: looked up, 127.0.0.1
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://10.1.2.3/hook',
        'https://192.168.0.10:8443/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://2130706433/hook', // 127.0.0.1 written as a number
        'http://93.184.215.14/hook', // public, but not https
      ]) {
        const res = await prod.call('POST', hooks, { token, body: { url }, headers: { Origin: ORIGIN } });
        assert.equal(res.status, 400, url);
        assert.equal(res.json.error.code, 'validation_failed');
        assert.match(res.json.error.fields.url, url.startsWith('http:') ? /https:\/\// : /private or local network/, url);
      }
      const ok = await prod.call('POST', hooks, { token, body: { url: 'https://93.184.215.14/hook' }, headers: { Origin: ORIGIN } });
      assert.equal(ok.status, 201, ok.text);
    } finally {
      await prod.close();
    }
  });

  test('outside production loopback is allowed; WEBHOOK_ALLOW_PRIVATE_URLS decides', async () => {
    assert.equal(testConfig().webhookAllowPrivate, true);
    const secret = 'x'.repeat(40);
    assert.equal(loadConfig({ NODE_ENV: 'production', SECRET: secret }).webhookAllowPrivate, false);
    assert.equal(loadConfig({ NODE_ENV: 'production', SECRET: secret, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }).webhookAllowPrivate, true);
    assert.equal(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' }).webhookAllowPrivate, false);
    assert.equal(loadConfig({ WEBHOOK_SECRET_KEY: 'AB'.repeat(32) }).webhookSecretKey, 'ab'.repeat(32));
    assert.throws(() => loadConfig({ WEBHOOK_SECRET_KEY: 'too-short' }), (error: unknown) => error instanceof ConfigError && /WEBHOOK_SECRET_KEY must be 64 hexadecimal characters/.test(error.message));
    const policy = urlPolicy({ production: true, webhookAllowPrivate: true });
    assert.equal(await urlRefusal('http://127.0.0.1:9000/hook', policy), null);
    const strict = urlPolicy({ production: false, webhookAllowPrivate: false });
    assert.match((await urlRefusal('http://localhost:9000/hook', strict)) ?? '', /private or local/);
    assert.match((await urlRefusal('https://no-such-host.invalid/hook', strict, async () => Promise.reject(new Error('ENOTFOUND')))) ?? '', /could not be found/);
    assert.equal(await urlRefusal('https://hooks.example/x', strict, async () => [{ address: '203.0.114.9', family: 4 }]), null);
    assert.match((await urlRefusal('https://rebind.example/x', strict, async () => [{ address: '203.0.114.9', family: 4 }, { address: '10.0.0.8', family: 4 }])) ?? '', /private/);
  });
});
