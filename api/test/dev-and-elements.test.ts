// /dev/outbox (only with DEV_ROUTES) and /elements/* (only with ELEMENTS_DIR, never outside it).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildTestApp } from './support/app.js';

describe('/dev/outbox', () => {
  test('JSON newest first, ?to= filter, raw .eml, HTML escaped', async () => {
    const t = await buildTestApp();
    try {
      await t.call('POST', '/v1/auth/register', { body: { org: 'test-council', email: 'a@example.org', name: '<b>Ann</b>' } });
      await t.call('POST', '/v1/auth/register', { body: { org: 'test-council', email: 'b@example.org', name: 'Ben' } });
      const all = await t.call('GET', '/dev/outbox.json');
      assert.equal(all.status, 200);
      assert.deepEqual(all.json.map((m: { to: string }) => m.to), ['b@example.org', 'a@example.org']);
      assert.deepEqual(Object.keys(all.json[0]).sort(), ['id', 'sentAt', 'subject', 'text', 'to']);
      const filtered = await t.call('GET', '/dev/outbox.json?to=A@example.org');
      assert.deepEqual(filtered.json.map((m: { to: string }) => m.to), ['a@example.org']);

      const raw = await t.call('GET', `/dev/outbox/${filtered.json[0].id}`);
      assert.equal(raw.status, 200);
      assert.equal(raw.headers.get('content-type'), 'message/rfc822');
      assert.match(raw.text, /^To: a@example\.org$/m);
      assert.match(raw.text, /^Subject: Your sign-in code for Test Council: \d{6}$/m);
      assert.match(raw.text, /^From: Civic Elements <no-reply@civic\.localhost>$/m);
      assert.equal((await t.call('GET', '/dev/outbox/0000000000000-deadbeef')).status, 404);
      assert.equal((await t.call('GET', '/dev/outbox/..%2F..%2Fcivic.db')).status, 404);

      const html = await t.call('GET', '/dev/outbox');
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      assert.match(html.text, /&#60;b&#62;Ann&#60;\/b&#62;/);
      assert.doesNotMatch(html.text, /<b>Ann<\/b>/);
    } finally {
      await t.close();
    }
  });

  test('absent without DEV_ROUTES', async () => {
    const t = await buildTestApp({ devRoutes: false });
    try {
      for (const path of ['/dev/outbox', '/dev/outbox.json', '/dev/outbox/0000000000000-deadbeef']) {
        assert.equal((await t.call('GET', path)).status, 404, path);
      }
    } finally {
      await t.close();
    }
  });
});

describe('/elements/*', () => {
  async function withElements() {
    const t = await buildTestApp();
    const dir = join(t.dataDir, 'dist');
    mkdirSync(join(dir, 'chunks'), { recursive: true });
    writeFileSync(join(dir, 'civic-elements.js'), 'export const civic = 1;');
    writeFileSync(join(dir, 'civic-elements.js.map'), '{"version":3}');
    writeFileSync(join(dir, 'chunks', 'map.mjs'), 'export {};');
    writeFileSync(join(dir, 'theme.css'), ':root{}');
    writeFileSync(join(t.dataDir, 'secret.js'), 'secret');
    const { createApp } = await import('../src/app.js');
    const app = createApp({ store: t.store, config: { ...t.config, elementsDir: dir }, mailer: t.outbox });
    return { t, app };
  }

  test('serves bundles with their types, CORS * and caching', async () => {
    const { t, app } = await withElements();
    try {
      const js = await app.request('/elements/civic-elements.js', { headers: { Origin: 'https://any.example' } });
      assert.equal(js.status, 200);
      assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(js.headers.get('access-control-allow-origin'), '*');
      assert.match(js.headers.get('cache-control') ?? '', /max-age/);
      assert.equal(await js.text(), 'export const civic = 1;');
      assert.match((await app.request('/elements/civic-elements.js.map')).headers.get('content-type') ?? '', /json/);
      assert.match((await app.request('/elements/chunks/map.mjs')).headers.get('content-type') ?? '', /javascript/);
      assert.match((await app.request('/elements/theme.css')).headers.get('content-type') ?? '', /text\/css/);
    } finally {
      await t.close();
    }
  });

  test('refuses traversal, missing files and folders', async () => {
    const { t, app } = await withElements();
    try {
      for (const path of [
        '/elements/../secret.js',
        '/elements/%2e%2e/secret.js',
        '/elements/%2e%2e%2fsecret.js',
        '/elements/chunks/..%2F..%2Fsecret.js',
        '/elements/..%5Csecret.js',
        '/elements/missing.js',
        '/elements/chunks',
        '/elements/',
        '/elements/%00.js',
      ]) {
        const res = await app.request(path);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(await res.text(), /secret$/);
      }
    } finally {
      await t.close();
    }
  });

  test('absent without ELEMENTS_DIR', async () => {
    const t = await buildTestApp();
    try {
      assert.equal((await t.call('GET', '/elements/civic-elements.js')).status, 404);
    } finally {
      await t.close();
    }
  });
});
