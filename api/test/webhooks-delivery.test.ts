// Webhook deliveries to a real receiver on 127.0.0.1: signed, retried with back-off as the clock moves, given up, logged, kept to their organisation.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ReportDetail } from '@civic-elements/protocol';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { MAX_ATTEMPTS, nextAttemptAt, queueReportEvent, RETRY_DELAYS_SECONDS, WebhookWorker, type WorkerOptions } from '../src/webhooks/dispatcher.js';
import { signBody, verifyBody, verifyTimestamped } from '../src/webhooks/sign.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { sampleReportDetail } from './support/report-fixtures.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';

let t: TestApp;
let receiver: Receiver;
let admin: string;
let logs: string[];
beforeEach(async () => {
  t = await buildTestApp();
  receiver = await startReceiver();
  admin = (await t.withRole('admin@council.example', 'admin')).accessToken;
  logs = [];
});
afterEach(async () => {
  await receiver.close();
  await t.close();
});

const hooks = '/v1/orgs/test-council/webhooks';
const SECOND = 1000;

function report(id = 'report-1', org = 'test-council'): ReportDetail {
  return sampleReportDetail({
    id,
    org,
    fields: { depth: 12 },
    viewer: { mine: true, following: true, supported: false },
    reporter: { name: 'Sam Resident', email: 'sam@example.org' },
  });
}

/** Moves the clock a long way, and signs the admin in again (their access token does not last that long). */
async function travel(ms: number) {
  t.clock.advance(ms);
  admin = (await t.signIn('admin@council.example')).accessToken;
}

function worker(options: Partial<WorkerOptions> = {}) {
  return new WebhookWorker({ store: t.store, config: t.config, clock: t.clock, timeoutMs: 2000, random: () => 0, log: (line) => logs.push(line), ...options });
}

async function makeHook(body: object = { url: receiver.url }, token = admin, org = 'test-council') {
  const res = await t.call('POST', `/v1/orgs/${org}/webhooks`, { token, body, headers: { Origin: org === 'test-council' ? ORIGIN : OTHER_ORIGIN } });
  assert.equal(res.status, 201, res.text);
  return res.json as { id: string; url: string; secret: string };
}

async function deliveries(hookId: string, query = '') {
  const res = await t.call('GET', `${hooks}/${hookId}/deliveries${query}`, { token: admin });
  assert.equal(res.status, 200, res.text);
  return res.json as { items: { id: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null; nextAttemptAt: string | null; deliveredAt: string | null; reportId: string; event: string; createdAt: string }[]; nextCursor: string | null };
}

describe('what is sent', () => {
  test('one signed POST: the body is exactly what was signed, and fails with another secret', async () => {
    const hook = await makeHook();
    assert.equal(await queueReportEvent(t, t.org.id, 'report.created', report()), 1);
    assert.equal(await worker().tick(), 1);
    assert.equal(receiver.received.length, 1);
    const [request] = receiver.received;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.path, '/civic-hooks');
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.equal(request!.headers['x-civic-event'], 'report.created');
    const signature = request!.headers['x-civic-signature'] as string;
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.equal(signature, signBody(hook.secret, request!.body));
    assert.ok(verifyBody(hook.secret, request!.body, signature));
    assert.equal(verifyBody('whsec_another', request!.body, signature), false);
    assert.equal(verifyBody(hook.secret, request!.body.replace('pothole', 'p0thole'), signature), false);

    const body = JSON.parse(request!.body);
    assert.equal(body.id, request!.headers['x-civic-delivery']);
    assert.equal(body.event, 'report.created');
    assert.equal(body.createdAt, t.clock().toISOString());
    const { viewer: _viewer, ...expected } = report();
    assert.deepEqual(body.report, expected, 'the report, without what only a viewer sees');
    assert.deepEqual(body.report.reporter, { name: 'Sam Resident', email: 'sam@example.org' });

    // The timestamp and its signature, for receivers that refuse replays.
    const timestamp = request!.headers['x-civic-timestamp'] as string;
    assert.equal(Number(timestamp), Math.floor(t.clock().getTime() / 1000));
    const stamped = { timestamp, signature: request!.headers['x-civic-timestamp-signature'] as string };
    assert.ok(verifyTimestamped(hook.secret, request!.body, stamped, t.clock()));
    assert.equal(verifyTimestamped(hook.secret, request!.body, stamped, new Date(t.clock().getTime() + 301 * SECOND)), false, 'too old: a replay');
    assert.equal(verifyTimestamped(hook.secret, request!.body, { ...stamped, timestamp: String(Number(timestamp) + 1) }, t.clock()), false);
    assert.equal(verifyTimestamped('whsec_another', request!.body, stamped, t.clock()), false);

    const log = await deliveries(hook.id);
    assert.deepEqual(log.items.map(({ id, ...rest }) => rest), [
      { event: 'report.created', reportId: 'report-1', status: 'delivered', attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null, createdAt: t.clock().toISOString(), deliveredAt: t.clock().toISOString() },
    ]);
    assert.equal(log.items[0]!.id, body.id);
    assert.equal(await worker().tick(), 0, 'nothing more is due');
  });

  test('a webhook gets only the events it subscribes to, and only its own organisation’s', async () => {
    const other = await startReceiver();
    try {
      const both = await makeHook();
      const updatesOnly = await makeHook({ url: `${receiver.url}/updates`, events: ['report.updated'] });
      const otherAdmin = (await t.withRole('admin@other.example', 'admin', 'other-org')).accessToken;
      const otherHook = await makeHook({ url: other.url }, otherAdmin, 'other-org');

      assert.equal(await queueReportEvent(t, t.org.id, 'report.created', report('created-here')), 1);
      assert.equal(await queueReportEvent(t, t.org.id, 'report.updated', report('updated-here')), 2);
      assert.equal(await queueReportEvent(t, t.otherOrg.id, 'report.created', report('over-there', 'other-org')), 1);
      assert.equal(await worker().tick(), 4);

      const here = receiver.received.map((r) => [r.path, JSON.parse(r.body).report.id, r.headers['x-civic-event']]).sort();
      assert.deepEqual(here, [
        ['/civic-hooks', 'created-here', 'report.created'],
        ['/civic-hooks', 'updated-here', 'report.updated'],
        ['/civic-hooks/updates', 'updated-here', 'report.updated'],
      ]);
      assert.deepEqual(other.received.map((r) => JSON.parse(r.body).report.id), ['over-there']);
      assert.ok(verifyBody(otherHook.secret, other.received[0]!.body, other.received[0]!.headers['x-civic-signature'] as string));
      assert.equal(verifyBody(both.secret, other.received[0]!.body, other.received[0]!.headers['x-civic-signature'] as string), false);
      assert.deepEqual((await deliveries(updatesOnly.id)).items.map((d) => d.event), ['report.updated']);
    } finally {
      await other.close();
    }
  });
});

describe('retries', () => {
  test('after 500s it waits 30 s, then 2 min, then delivers the same bytes', async () => {
    const hook = await makeHook();
    receiver.answer(500, 502);
    await queueReportEvent(t, t.org.id, 'report.updated', report());
    const w = worker();
    assert.equal(await w.tick(), 1);
    let [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'pending');
    assert.equal(entry!.attempts, 1);
    assert.equal(entry!.lastStatus, 500);
    assert.match(entry!.lastError!, /Answered 500/);
    assert.equal(entry!.nextAttemptAt, new Date(t.clock().getTime() + 30 * SECOND).toISOString());

    assert.equal(await w.tick(), 0, 'not yet due');
    t.clock.advance(29 * SECOND);
    assert.equal(await w.tick(), 0, 'not yet due after 29 s');
    t.clock.advance(1 * SECOND);
    assert.equal(await w.tick(), 1, 'due after 30 s');
    [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.attempts, 2);
    assert.equal(entry!.lastStatus, 502);
    assert.equal(entry!.nextAttemptAt, new Date(t.clock().getTime() + 120 * SECOND).toISOString());

    t.clock.advance(119 * SECOND);
    assert.equal(await w.tick(), 0);
    t.clock.advance(1 * SECOND);
    assert.equal(await w.tick(), 1);
    [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'delivered');
    assert.equal(entry!.attempts, 3);
    assert.equal(entry!.lastStatus, 200);
    assert.equal(entry!.lastError, null);
    assert.equal(entry!.deliveredAt, t.clock().toISOString());

    assert.equal(receiver.received.length, 3);
    const bodies = new Set(receiver.received.map((r) => r.body));
    assert.equal(bodies.size, 1, 'every attempt sends the same body');
    assert.deepEqual(new Set(receiver.received.map((r) => r.headers['x-civic-delivery'])), new Set([entry!.id]));
    assert.ok(receiver.received.every((r) => verifyBody(hook.secret, r.body, r.headers['x-civic-signature'] as string)));
    assert.equal(logs.length, 2);
    assert.match(logs[0]!, /"will retry"|will retry/);
  });

  test('no answer within the time limit is a failure with no status, and is retried', { timeout: 10_000 }, async () => {
    const hook = await makeHook();
    receiver.answer('hang');
    await queueReportEvent(t, t.org.id, 'report.created', report());
    const w = worker({ timeoutMs: 300 });
    const started = Date.now();
    assert.equal(await w.tick(), 1);
    assert.ok(Date.now() - started < 2000, 'the attempt was cut off');
    let [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'pending');
    assert.equal(entry!.lastStatus, null);
    assert.equal(entry!.lastError, 'No answer within 0.3 s.');
    t.clock.advance(30 * SECOND);
    assert.equal(await w.tick(), 1);
    [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'delivered');
    assert.equal(receiver.received.length, 2);
  });

  test('a receiver that is not there: connection refused, retried', async () => {
    const hook = await makeHook({ url: receiver.url });
    await receiver.close();
    await queueReportEvent(t, t.org.id, 'report.created', report());
    assert.equal(await worker().tick(), 1);
    const [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'pending');
    assert.equal(entry!.lastError, 'The connection was refused.');
    receiver = await startReceiver(); // for afterEach
  });

  test('after the last attempt it gives up; an admin can give it one more', async () => {
    const hook = await makeHook();
    receiver.always(503);
    await queueReportEvent(t, t.org.id, 'report.created', report());
    const w = worker({ random: () => 1 }); // the longest jitter: every wait 20% longer
    assert.equal(await w.tick(), 1);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      const wait = RETRY_DELAYS_SECONDS[attempt - 1]! * 1.2 * SECOND;
      t.clock.advance(wait - SECOND);
      assert.equal(await w.tick(), 0, `attempt ${attempt + 1} is not due a second early`);
      t.clock.advance(SECOND);
      assert.equal(await w.tick(), 1, `attempt ${attempt + 1} is due`);
    }
    await travel(0);
    let [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'failed');
    assert.equal(entry!.attempts, MAX_ATTEMPTS);
    assert.equal(entry!.lastStatus, 503);
    assert.equal(entry!.nextAttemptAt, null);
    assert.equal(receiver.received.length, MAX_ATTEMPTS);
    await travel(7 * 24 * 3600 * SECOND);
    assert.equal(await w.tick(), 0, 'a failed delivery is not tried again by itself');
    assert.match(logs.at(-1)!, /failed for good/);

    const retried = await t.call('POST', `${hooks}/${hook.id}/deliveries/${entry!.id}/retry`, { token: admin, headers: { Origin: ORIGIN } });
    assert.equal(retried.status, 202);
    assert.equal(retried.json.status, 'pending');
    assert.equal(retried.json.nextAttemptAt, t.clock().toISOString());
    assert.equal((await t.call('POST', `${hooks}/${hook.id}/deliveries/${entry!.id}/retry`, { token: admin, headers: { Origin: ORIGIN } })).status, 409, 'not while pending');
    assert.equal(await w.tick(), 1);
    [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'failed', 'one more attempt, and it failed too');
    assert.equal(entry!.attempts, MAX_ATTEMPTS + 1);

    receiver.always(204);
    assert.equal((await t.call('POST', `${hooks}/${hook.id}/deliveries/${entry!.id}/retry`, { token: admin, headers: { Origin: ORIGIN } })).status, 202);
    assert.equal(await w.tick(), 1);
    [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.status, 'delivered');
    assert.equal(entry!.lastStatus, 204);
    const again = await t.call('POST', `${hooks}/${hook.id}/deliveries/${entry!.id}/retry`, { token: admin, headers: { Origin: ORIGIN } });
    assert.equal(again.status, 409);
    assert.match(again.json.error.message, /delivered already/);
    assert.equal((await t.call('POST', `${hooks}/${hook.id}/deliveries/nope/retry`, { token: admin, headers: { Origin: ORIGIN } })).status, 404);
  });

  test('back-off: 30 s, 2 min, 10 min, 1 h, 6 h, stretched by at most 20%', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const waits = [1, 2, 3, 4, 5].map((n) => (nextAttemptAt(now, n, MAX_ATTEMPTS, () => 0)!.getTime() - now.getTime()) / 1000);
    assert.deepEqual(waits, [30, 120, 600, 3600, 21600]);
    assert.equal((nextAttemptAt(now, 3, MAX_ATTEMPTS, () => 0.5)!.getTime() - now.getTime()) / 1000, 660);
    assert.equal(nextAttemptAt(now, MAX_ATTEMPTS, MAX_ATTEMPTS), null);
  });

  test('a redirect is not followed', async () => {
    const hook = await makeHook();
    receiver.answer(301);
    await queueReportEvent(t, t.org.id, 'report.created', report());
    await worker().tick();
    const [entry] = (await deliveries(hook.id)).items;
    assert.equal(entry!.lastStatus, 301);
    assert.match(entry!.lastError!, /redirects are not followed/);
    assert.equal(receiver.received.length, 1);
  });
});

describe('the worker', () => {
  test('two workers on two connections to one database never send an attempt twice', async () => {
    await makeHook();
    for (let i = 0; i < 6; i += 1) await queueReportEvent(t, t.org.id, 'report.created', report(`report-${i}`));
    const second = openSqliteStore(t.config.databasePath);
    try {
      const a = worker({ batchSize: 4 });
      const b = worker({ store: second, batchSize: 4 });
      const counts = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      assert.equal(counts.reduce((x, y) => x + y, 0), 6);
      assert.equal(receiver.received.length, 6);
      assert.equal(new Set(receiver.received.map((r) => r.headers['x-civic-delivery'])).size, 6);
    } finally {
      await second.close();
    }
  });

  test('a claim that was lost (its lease ran out and another worker took it) records nothing', async () => {
    const hook = await makeHook();
    await queueReportEvent(t, t.org.id, 'report.created', report());
    const now = t.clock();
    const [first] = await t.store.webhooks.claimDue(now, new Date(now.getTime() + 60 * SECOND), 10);
    assert.ok(first);
    assert.deepEqual(await t.store.webhooks.claimDue(now, new Date(now.getTime() + 60 * SECOND), 10), [], 'held by the first claim');
    const later = new Date(now.getTime() + 61 * SECOND);
    const [second] = await t.store.webhooks.claimDue(later, new Date(later.getTime() + 60 * SECOND), 10);
    assert.equal(second?.id, first.id);
    assert.equal(second?.attempts, 2);
    const outcome = { status: 'delivered' as const, lastStatus: 200, lastError: null, nextAttemptAt: null, deliveredAt: later.toISOString() };
    assert.equal(await t.store.webhooks.finish(first.id, first.claim, outcome), false);
    assert.equal(await t.store.webhooks.finish(second!.id, second!.claim, outcome), true);
    assert.equal((await deliveries(hook.id)).items[0]!.status, 'delivered');
  });

  test('started, it sends a new event at once, without waiting for its next look', async () => {
    const hook = await makeHook();
    const w = worker({ clock: () => new Date(), pollMs: 60_000 });
    w.start();
    try {
      await new Promise((done) => setTimeout(done, 50)); // its first look finds nothing
      await queueReportEvent({ store: t.store, clock: () => new Date() }, t.org.id, 'report.created', report());
      await receiver.waitFor(1, 2000);
      await w.stop();
      const [entry] = (await deliveries(hook.id)).items;
      assert.equal(entry!.status, 'delivered');
    } finally {
      await w.stop();
    }
  });

  test('in production, a delivery to a private address is not sent, even when the webhook was made before', async () => {
    const hook = await makeHook(); // made outside production, to 127.0.0.1
    const named = await makeHook({ url: `http://localhost:${receiver.port}/named` });
    await queueReportEvent(t, t.org.id, 'report.created', report());
    const strict = worker({ config: { ...t.config, production: true, webhookAllowPrivate: false } });
    assert.equal(await strict.tick(), 2);
    assert.match((await deliveries(hook.id)).items[0]!.lastError!, /https:\/\//);
    const lenient = worker({ config: { ...t.config, webhookAllowPrivate: false } }); // http allowed, private addresses not
    t.clock.advance(31 * SECOND);
    assert.equal(await lenient.tick(), 2);
    assert.match((await deliveries(hook.id)).items[0]!.lastError!, /private or local network/);
    assert.match((await deliveries(named.id)).items[0]!.lastError!, /localhost resolves to (127\.0\.0\.1|::1), a private or local address: not sent/);
    assert.equal(receiver.received.length, 0);
  });

  test('a webhook whose secret cannot be read (the key changed) fails with a message that says so', async () => {
    const hook = await makeHook();
    await queueReportEvent(t, t.org.id, 'report.created', report());
    await worker({ config: { ...t.config, webhookSecretKey: 'cd'.repeat(32) } }).tick();
    assert.match((await deliveries(hook.id)).items[0]!.lastError!, /WEBHOOK_SECRET_KEY/);
    assert.equal(receiver.received.length, 0);
  });

  test('finished deliveries older than 30 days are pruned; pending ones stay', async () => {
    const hook = await makeHook();
    await queueReportEvent(t, t.org.id, 'report.created', report('old-delivered'));
    await worker().tick();
    receiver.always(500);
    await queueReportEvent(t, t.org.id, 'report.created', report('old-pending'));
    await worker().tick();
    await travel(31 * 24 * 3600 * SECOND);
    assert.equal(await t.store.webhooks.prune(new Date(t.clock().getTime() - 30 * 24 * 3600 * SECOND)), 1);
    assert.deepEqual((await deliveries(hook.id)).items.map((d) => d.reportId), ['old-pending']);
  });
});

describe('the delivery log and ping', () => {
  test('newest first, a page at a time', async () => {
    const hook = await makeHook();
    for (let i = 0; i < 5; i += 1) {
      await queueReportEvent(t, t.org.id, 'report.updated', report(`report-${i}`));
      t.clock.advance(SECOND);
    }
    const first = await deliveries(hook.id, '?limit=2');
    assert.deepEqual(first.items.map((d) => d.reportId), ['report-4', 'report-3']);
    assert.ok(first.nextCursor);
    const second = await deliveries(hook.id, `?limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual(second.items.map((d) => d.reportId), ['report-2', 'report-1']);
    const third = await deliveries(hook.id, `?limit=2&cursor=${second.nextCursor}`);
    assert.deepEqual(third.items.map((d) => d.reportId), ['report-0']);
    assert.equal(third.nextCursor, null);
    assert.ok(third.items.every((d) => d.status === 'pending' && d.attempts === 0));
    const bad = await t.call('GET', `${hooks}/${hook.id}/deliveries?cursor=nonsense`, { token: admin });
    assert.equal(bad.status, 400);
    assert.ok(bad.json.error.fields.cursor);
    assert.equal((await t.call('GET', `${hooks}/${hook.id}/deliveries?limit=101`, { token: admin })).status, 400);
  });

  test('deliveries made in the same millisecond keep the order they were made in, across pages', async () => {
    const hook = await makeHook();
    for (let i = 0; i < 7; i += 1) await queueReportEvent(t, t.org.id, 'report.updated', report(`same-${i}`));
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await deliveries(hook.id, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((d) => d.reportId));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, ['same-6', 'same-5', 'same-4', 'same-3', 'same-2', 'same-1', 'same-0']);
  });

  test('ping: a signed ping now, and what the receiver answered', async () => {
    const hook = await makeHook();
    const ok = await t.call('POST', `${hooks}/${hook.id}/ping`, { token: admin, headers: { Origin: ORIGIN } });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json, { delivered: true, status: 200, error: null });
    const [ping] = receiver.received;
    assert.equal(ping!.headers['x-civic-event'], 'ping');
    assert.ok(verifyBody(hook.secret, ping!.body, ping!.headers['x-civic-signature'] as string));
    assert.deepEqual(JSON.parse(ping!.body).webhook, { id: hook.id, url: receiver.url, events: ['report.created', 'report.updated'] });

    receiver.answer(404);
    const missing = await t.call('POST', `${hooks}/${hook.id}/ping`, { token: admin, headers: { Origin: ORIGIN } });
    assert.deepEqual(missing.json, { delivered: false, status: 404, error: 'Answered 404 Not Found.' });
    assert.deepEqual((await deliveries(hook.id)).items, [], 'pings are not logged');
    assert.equal((await t.call('POST', `${hooks}/nope/ping`, { token: admin, headers: { Origin: ORIGIN } })).status, 404);
  });
});
