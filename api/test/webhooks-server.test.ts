// The worker server.ts starts: a report made over HTTP reaches a real receiver on 127.0.0.1, and the worker stops with the server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ReportDetail } from '@civic-elements/protocol';
import { testConfig } from '../src/config.js';
import { seedTestOrg } from '../src/seed.js';
import { startServer } from '../src/server.js';
import { queueReportEvent } from '../src/webhooks/dispatcher.js';
import { newWebhookSecret, sealSecret, webhookKey } from '../src/webhooks/secret-box.js';
import { verifyBody } from '../src/webhooks/sign.js';
import { startTestApi } from './support/server.js';
import { sampleReportDetail } from './support/report-fixtures.js';
import { startReceiver } from './support/webhook-receiver.js';

test('the running server sends report.created when a report is made over HTTP, and stops its worker on close', async () => {
  const receiver = await startReceiver();
  const api = await startTestApi();
  try {
    const admin = await api.makeRole('admin@test.example', 'test-council', 'admin');
    const registered = await fetch(`${api.url}/v1/orgs/test-council/webhooks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ url: receiver.url, events: ['report.created'] }),
    });
    assert.equal(registered.status, 201);
    const hook = (await registered.json()) as { id: string; secret: string };
    const category = await fetch(`${api.url}/v1/orgs/test-council/report-categories`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ code: 'streetlight', name: 'Street light', group: 'Lighting' }),
    });
    assert.equal(category.status, 201);

    const resident = await api.makeRole('resident@test.example', 'test-council', 'resident');
    const made = await fetch(`${api.url}/v1/orgs/test-council/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${resident.accessToken}` },
      body: JSON.stringify({ category: 'streetlight', description: 'The street light outside number 12 is out.', location: { type: 'Point', coordinates: [-0.09, 51.47] } }),
    });
    assert.equal(made.status, 201);
    const { reference } = (await made.json()) as { reference: string };
    await receiver.waitFor(1, 8000); // woken at once; at worst the next look, 5 s later
    const [request] = receiver.received;
    assert.ok(verifyBody(hook.secret, request!.body, request!.headers['x-civic-signature'] as string));
    assert.equal(JSON.parse(request!.body).report.reference, reference);

    // The worker records the outcome once the receiver has answered: look until it has.
    let entry: { status: string; attempts: number } | undefined;
    for (let tries = 0; tries < 50 && entry?.status !== 'delivered'; tries += 1) {
      if (tries > 0) await new Promise((done) => setTimeout(done, 20));
      const log = await fetch(`${api.url}/v1/orgs/test-council/webhooks/${hook.id}/deliveries`, { headers: { Authorization: `Bearer ${admin.accessToken}` } });
      entry = ((await log.json()) as { items: { status: string; attempts: number }[] }).items[0];
    }
    assert.equal(entry?.status, 'delivered');
    assert.equal(entry?.attempts, 1);
  } finally {
    await api.close(); // waits for the worker; a worker still running would write to a closed database
    await receiver.close();
  }
});

test('outside production, a webhook made before a restart still signs after it (the key comes from the secret kept in DATA_DIR)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-webhook-restart-'));
  const config = testConfig({ dataDir, databasePath: join(dataDir, 'civic.db'), secret: undefined, webhookSecretKey: undefined });
  const receiver = await startReceiver();
  try {
    const first = await startServer(config, { log: () => {} });
    const org = await seedTestOrg(first.store, { slug: 'test-council', name: 'Test Council', allowedOrigins: [] });
    const secret = newWebhookSecret();
    await first.store.webhooks.create(org.id, { id: 'hook-1', url: receiver.url, events: ['report.created'], sealedSecret: sealSecret(webhookKey(first.config), 'hook-1', secret) }, new Date());
    await first.close();

    const second = await startServer(config, { log: () => {} });
    try {
      assert.equal(await queueReportEvent({ store: second.store, clock: () => new Date() }, org.id, 'report.created', report()), 1);
      await receiver.waitFor(1, 8000);
      assert.ok(verifyBody(secret, receiver.received[0]!.body, receiver.received[0]!.headers['x-civic-signature'] as string));
    } finally {
      await second.close();
    }
  } finally {
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function report(): ReportDetail {
  const at = new Date().toISOString();
  return sampleReportDetail({
    reference: 'TST-3001',
    category: { id: 'category-1', code: 'streetlight', name: 'Street light' },
    description: 'The street light outside number 12 is out.',
    location: { type: 'Point', coordinates: [-0.09, 51.47] },
    address: null,
    createdAt: at,
    updatedAt: at,
    timeline: [],
  });
}
