// report.created and report.updated fire from the real report routes, to the report's own organisation's webhooks only.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { ReportDetail } from '@civic-elements/protocol';
import { WebhookWorker } from '../src/webhooks/dispatcher.js';
import { verifyBody } from '../src/webhooks/sign.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';

let t: TestApp;
let here: Receiver;
let there: Receiver;
beforeEach(async () => {
  t = await buildTestApp();
  here = await startReceiver();
  there = await startReceiver();
});
afterEach(async () => {
  await here.close();
  await there.close();
  await t.close();
});

async function setUp(org: string, origin: string, receiver: Receiver, events?: string[]) {
  const admin = (await t.withRole(`admin@${org}.example`, 'admin', org)).accessToken;
  const category = await t.call('POST', `/v1/orgs/${org}/report-categories`, { token: admin, headers: { Origin: origin }, body: { code: 'pothole', name: 'Pothole', group: 'Roads and pavements' } });
  assert.equal(category.status, 201, category.text);
  const hook = await t.call('POST', `/v1/orgs/${org}/webhooks`, { token: admin, headers: { Origin: origin }, body: { url: receiver.url, ...(events ? { events } : {}) } });
  assert.equal(hook.status, 201, hook.text);
  return { admin, hook: hook.json as { id: string; secret: string } };
}

test('a resident reports, an officer acknowledges: both reach the organisation’s system, signed, and nothing reaches another organisation', async () => {
  const { hook } = await setUp('test-council', ORIGIN, here);
  await setUp('other-org', OTHER_ORIGIN, there);
  const worker = new WebhookWorker({ store: t.store, config: t.config, clock: t.clock, log: () => {} });

  const resident = (await t.signIn('resident@example.org')).accessToken;
  const made = await t.call('POST', '/v1/orgs/test-council/reports', {
    token: resident,
    headers: { Origin: ORIGIN },
    body: { category: 'pothole', description: 'A deep pothole in front of the bus stop.', location: { type: 'Point', coordinates: [-0.09, 51.47] } },
  });
  assert.equal(made.status, 201, made.text);
  assert.equal(await worker.tick(), 1);
  assert.equal(here.received.length, 1);
  const created = here.received[0]!;
  assert.equal(created.headers['x-civic-event'], 'report.created');
  assert.ok(verifyBody(hook.secret, created.body, created.headers['x-civic-signature'] as string));
  const createdBody = JSON.parse(created.body);
  assert.equal(createdBody.event, 'report.created');
  assert.equal(createdBody.report.id, made.json.id);
  assert.equal(createdBody.report.reference, made.json.reference);
  assert.equal(createdBody.report.status, 'submitted');
  assert.equal(createdBody.report.reporter.email, 'resident@example.org', 'the organisation’s own system sees who reported it');
  assert.equal(createdBody.report.viewer, undefined);
  ReportDetail.parse(createdBody.report);

  const officer = (await t.withRole('officer@test-council.example', 'officer')).accessToken;
  const acknowledged = await t.call('POST', `/v1/orgs/test-council/reports/${made.json.reference}/updates`, {
    token: officer,
    headers: { Origin: ORIGIN },
    body: { status: 'acknowledged', publicNote: 'Passed to Highways.', internalNote: 'Crew B, Thursday.' },
  });
  assert.equal(acknowledged.status, 200, acknowledged.text);
  assert.equal(await worker.tick(), 1);
  assert.equal(here.received.length, 2);
  const updated = here.received[1]!;
  assert.equal(updated.headers['x-civic-event'], 'report.updated');
  assert.ok(verifyBody(hook.secret, updated.body, updated.headers['x-civic-signature'] as string));
  const updatedBody = JSON.parse(updated.body);
  assert.equal(updatedBody.report.status, 'acknowledged');
  const last = updatedBody.report.timeline.at(-1);
  assert.equal(last.publicNote, 'Passed to Highways.');
  assert.equal(last.internalNote, 'Crew B, Thursday.', 'the internal note goes to the organisation’s own system');
  assert.notEqual(updatedBody.id, createdBody.id);

  // An internal note alone: residents are not emailed, the organisation's system still hears of it.
  const noted = await t.call('POST', `/v1/orgs/test-council/reports/${made.json.reference}/updates`, { token: officer, headers: { Origin: ORIGIN }, body: { internalNote: 'Crew B confirmed.' } });
  assert.equal(noted.status, 200, noted.text);
  assert.equal(await worker.tick(), 1);
  assert.equal(JSON.parse(here.received[2]!.body).report.timeline.at(-1).internalNote, 'Crew B confirmed.');

  assert.equal(there.received.length, 0, 'another organisation’s webhook heard nothing');
  const admin = (await t.signIn('admin@test-council.example')).accessToken;
  const log = await t.call('GET', `/v1/orgs/test-council/webhooks/${hook.id}/deliveries`, { token: admin });
  assert.deepEqual(log.json.items.map((d: { event: string; status: string; reportId: string }) => [d.event, d.status, d.reportId]), [
    ['report.updated', 'delivered', made.json.id],
    ['report.updated', 'delivered', made.json.id],
    ['report.created', 'delivered', made.json.id],
  ]);
});

test('a webhook for report.updated only hears nothing when a report is made', async () => {
  await setUp('test-council', ORIGIN, here, ['report.updated']);
  const resident = (await t.signIn('resident@example.org')).accessToken;
  const made = await t.call('POST', '/v1/orgs/test-council/reports', {
    token: resident,
    headers: { Origin: ORIGIN },
    body: { category: 'pothole', description: 'Another pothole, by the school gate.', location: { type: 'Point', coordinates: [-0.08, 51.48] } },
  });
  assert.equal(made.status, 201, made.text);
  assert.equal(await new WebhookWorker({ store: t.store, config: t.config, clock: t.clock, log: () => {} }).tick(), 0);
  assert.equal(here.received.length, 0);
});
