// Cross-cutting HTTP behaviour: bad bodies, CORS, headers, request ids, rate limits, health, OpenAPI, not found.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const codeBody = { org: 'test-council', email: 'sam@example.org' };

describe('bad bodies never give a 5xx', () => {
  const jsonRoutes: [string, string][] = [
    ['POST', '/v1/auth/register'],
    ['POST', '/v1/auth/code'],
    ['POST', '/v1/auth/sign-in'],
    ['POST', '/v1/auth/refresh'],
  ];
  test('malformed JSON: 400 invalid_json', async () => {
    for (const [method, path] of jsonRoutes) {
      for (const body of ['{"org":', 'undefined', '', "{'a':1}"]) {
        const res = await t.call(method, path, { body });
        assert.equal(res.status, 400, `${path} ${body}`);
        assert.equal(res.json.error.code, 'invalid_json');
        assert.ok(res.json.error.requestId);
      }
    }
  });
  test('another content type: 415 unsupported_media_type', async () => {
    for (const [method, path] of jsonRoutes) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await t.call(method, path, { body: JSON.stringify(codeBody), headers: { 'Content-Type': type } });
        assert.equal(res.status, 415, `${path} ${type}`);
        assert.equal(res.json.error.code, 'unsupported_media_type');
      }
    }
    const none = await t.app.request('/v1/auth/code', { method: 'POST', body: new Uint8Array(Buffer.from(JSON.stringify(codeBody))) });
    assert.equal(none.status, 415);
  });
  test('JSON with a charset is fine', async () => {
    const res = await t.call('POST', '/v1/auth/code', { body: codeBody, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.equal(res.status, 404); // unknown_email: the body was read
    assert.equal(res.json.error.code, 'unknown_email');
  });
  test('a body over 64 KB: 413 payload_too_large', async () => {
    const res = await t.call('POST', '/v1/auth/register', { body: { ...codeBody, name: 'x'.repeat(70 * 1024) } });
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, 'payload_too_large');
    const signedIn = await t.signIn('big@example.org');
    const patch = await t.call('PATCH', '/v1/me', { token: signedIn.accessToken, body: { name: 'y'.repeat(65 * 1024) } });
    assert.equal(patch.status, 413);
  });
  test('deeply nested or odd JSON values are validation failures', async () => {
    for (const body of ['null', '42', '"text"', '[]', JSON.stringify({ org: { $gt: '' }, email: [] })]) {
      const res = await t.call('POST', '/v1/auth/code', { body });
      assert.equal(res.status, 400, body);
      assert.equal(res.json.error.code, 'validation_failed');
    }
  });
});

describe('CORS', () => {
  test('an allowed origin is reflected, with Vary: Origin', async () => {
    const res = await t.call('GET', '/v1/orgs/test-council', { headers: { Origin: ORIGIN } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });
  test('a foreign origin gets no CORS header, and its writes are refused', async () => {
    const read = await t.call('GET', '/v1/orgs/test-council', { headers: { Origin: 'https://evil.example' } });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), null);
    assert.match(read.headers.get('vary') ?? '', /Origin/);
    const write = await t.call('POST', '/v1/auth/register', { headers: { Origin: 'https://evil.example' }, body: { ...codeBody, name: 'Eve' } });
    assert.equal(write.status, 403);
    assert.equal(write.json.error.code, 'origin_not_allowed');
    assert.equal(write.headers.get('access-control-allow-origin'), null);
    assert.equal(await t.store.users.byEmail('sam@example.org'), null);
  });
  test("an origin allowed by another organisation cannot write to this one's auth routes", async () => {
    const res = await t.call('POST', '/v1/auth/register', { headers: { Origin: OTHER_ORIGIN }, body: { ...codeBody, name: 'Sam' } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
    const ok = await t.call('POST', '/v1/auth/register', { headers: { Origin: ORIGIN }, body: { ...codeBody, name: 'Sam' } });
    assert.equal(ok.status, 202);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  });
  test('session writes are checked against the organisation the session was opened through', async () => {
    const session = await t.signIn('sam@example.org');
    const foreign = await t.call('POST', '/v1/auth/sign-out', { token: session.accessToken, headers: { Origin: OTHER_ORIGIN } });
    assert.equal(foreign.status, 403);
    const refresh = await t.call('POST', '/v1/auth/refresh', { headers: { Origin: OTHER_ORIGIN }, body: { refreshToken: session.refreshToken } });
    assert.equal(refresh.status, 403);
    const own = await t.call('POST', '/v1/auth/sign-out', { token: session.accessToken, headers: { Origin: ORIGIN } });
    assert.equal(own.status, 204);
  });
  test('preflight: allowed origin gets methods and headers, a foreign one gets nothing', async () => {
    const headers = { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' };
    const res = await t.call('OPTIONS', '/v1/auth/sign-in', { headers });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
    const foreign = await t.call('OPTIONS', '/v1/auth/sign-in', { headers: { ...headers, Origin: 'https://evil.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    assert.equal(foreign.headers.get('access-control-allow-methods'), null);
  });
  test('CORS headers are kept on 401 and 404 errors', async () => {
    const res = await t.call('GET', '/v1/me', { headers: { Origin: ORIGIN } });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    const missing = await t.call('GET', '/v1/nothing-here', { headers: { Origin: ORIGIN } });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'not_found');
    assert.equal(missing.headers.get('access-control-allow-origin'), ORIGIN);
  });
  test('requests without Origin (servers, curl) pass', async () => {
    const res = await t.call('POST', '/v1/auth/register', { body: { ...codeBody, name: 'Sam' } });
    assert.equal(res.status, 202);
  });
});

describe('headers and ids', () => {
  test('secure headers are present on answers and errors', async () => {
    for (const path of ['/health', '/v1/nothing']) {
      const res = await t.call('GET', path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.ok(res.headers.get('strict-transport-security'));
    }
  });
  test('every answer has an X-Request-Id, also in error bodies; a sane incoming one is kept', async () => {
    const a = await t.call('GET', '/health');
    const b = await t.call('GET', '/health');
    assert.ok(a.headers.get('x-request-id'));
    assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
    const kept = await t.call('GET', '/v1/me', { headers: { 'X-Request-Id': 'trace-123' } });
    assert.equal(kept.headers.get('x-request-id'), 'trace-123');
    assert.equal(kept.json.error.requestId, 'trace-123');
    const unsafe = await t.call('GET', '/health', { headers: { 'X-Request-Id': 'bad id <script>' } });
    assert.notEqual(unsafe.headers.get('x-request-id'), 'bad id <script>');
  });
  test('access log: one JSON line per request when enabled, none when not', async () => {
    await t.call('GET', '/health');
    assert.equal(t.logs.length, 0);
    const logged = await buildTestApp({ accessLog: true });
    try {
      await logged.call('GET', '/health', { headers: { 'X-Request-Id': 'log-me' } });
      const line = JSON.parse(logged.logs.at(-1)!);
      assert.equal(line.requestId, 'log-me');
      assert.equal(line.path, '/health');
      assert.equal(line.status, 200);
    } finally {
      await logged.close();
    }
  });
});

describe('rate limits', () => {
  test('per email: 429 with Retry-After and details.retryAfter, other emails unaffected', async () => {
    const limited = await buildTestApp({ rateLimits: { windowSeconds: 600, perEmail: 3, perAddress: 1000 } });
    try {
      await limited.call('POST', '/v1/auth/register', { body: { ...codeBody, name: 'Sam' } });
      await limited.call('POST', '/v1/auth/code', { body: codeBody });
      await limited.call('POST', '/v1/auth/sign-in', { body: { ...codeBody, code: '000000' } });
      const res = await limited.call('POST', '/v1/auth/code', { body: codeBody });
      assert.equal(res.status, 429);
      assert.equal(res.json.error.code, 'rate_limited');
      assert.equal(res.headers.get('retry-after'), '600');
      assert.equal(res.json.error.details.retryAfter, 600);
      const other = await limited.call('POST', '/v1/auth/register', { body: { ...codeBody, email: 'kim@example.org', name: 'Kim' } });
      assert.equal(other.status, 202);
      limited.clock.advance(600 * 1000);
      assert.equal((await limited.call('POST', '/v1/auth/code', { body: codeBody })).status, 202);
    } finally {
      await limited.close();
    }
  });
  test('per client address', async () => {
    const limited = await buildTestApp({ rateLimits: { windowSeconds: 60, perEmail: 1000, perAddress: 2 } });
    try {
      const attempt = (n: number, address: string) =>
        limited.call('POST', '/v1/auth/register', { address, body: { ...codeBody, email: `p${n}@example.org`, name: 'P' } });
      assert.equal((await attempt(1, '10.0.0.1')).status, 202);
      assert.equal((await attempt(2, '10.0.0.1')).status, 202);
      const refused = await attempt(3, '10.0.0.1');
      assert.equal(refused.status, 429);
      assert.equal(refused.json.error.details.retryAfter, 60);
      assert.equal(await limited.store.users.byEmail('p3@example.org'), null);
      assert.equal((await attempt(4, '10.0.0.2')).status, 202);
    } finally {
      await limited.close();
    }
  });
});

describe('health, OpenAPI, not found', () => {
  test('GET /health', async () => {
    const res = await t.call('GET', '/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'ok', database: 'ok', version: '0.1.0' });
  });
  test('GET /health with the database gone: 503, not a crash', async () => {
    await t.store.close();
    const res = await t.call('GET', '/health');
    assert.equal(res.status, 503);
  });
  test('GET /v1/openapi.json describes every route with schemas', async () => {
    const res = await t.call('GET', '/v1/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.json;
    assert.equal(doc.openapi, '3.1.0');
    const expected: Record<string, string[]> = {
      '/health': ['get'],
      '/v1/openapi.json': ['get'],
      '/v1/orgs/{slug}': ['get', 'patch'],
      '/v1/orgs/{slug}/settings': ['get'],
      '/v1/orgs/{slug}/departments': ['post'],
      '/v1/orgs/{slug}/departments/{dept}': ['delete'],
      '/v1/orgs/{slug}/members': ['get'],
      '/v1/orgs/{slug}/members/{userId}': ['put'],
      '/v1/auth/register': ['post'],
      '/v1/auth/code': ['post'],
      '/v1/auth/sign-in': ['post'],
      '/v1/auth/refresh': ['post'],
      '/v1/auth/sign-out': ['post'],
      '/v1/me': ['get', 'patch'],
      '/v1/me/password': ['put'],
      '/dev/outbox': ['get'],
      '/dev/outbox.json': ['get'],
      '/dev/outbox/{id}': ['get'],
      '/elements/{path}': ['get'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      for (const method of methods) assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    }
    const register = doc.paths['/v1/auth/register'].post.requestBody.content['application/json'].schema;
    assert.deepEqual([...register.required].sort(), ['email', 'name', 'org']);
    assert.equal(register.properties.email.type, 'string');
    const org = doc.paths['/v1/orgs/{slug}'].get.responses['200'].content['application/json'].schema;
    assert.ok(org.properties.departments);
    assert.ok(doc.paths['/v1/auth/sign-in'].post.requestBody.content['application/json'].schema.anyOf);
    assert.deepEqual(doc.paths['/v1/me'].get.security, [{ bearer: [] }]);
  });
  test('GET /v1/openapi.json leaves out no route the app serves', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    // Hono writes `:name`, OpenAPI `{name}`; the elements route is one wildcard.
    const missing = t.app.routes
      .filter((route) => route.method !== 'ALL' && !route.path.endsWith('*'))
      .map((route) => [route.method.toLowerCase(), route.path.replace(/:(\w+)/g, '{$1}')] as const)
      .filter(([method, path]) => !doc.paths[path]?.[method])
      .map(([method, path]) => `${method} ${path}`);
    assert.deepEqual([...new Set(missing)], []);
    const contributions = doc.paths['/v1/orgs/{org}/projects/{id}/contributions'] as Record<string, { requestBody?: { content: Record<string, { schema: { required: string[] } }> } }>;
    assert.deepEqual([...contributions.post!.requestBody!.content['application/json']!.schema.required].sort(), ['geometry', 'properties', 'type']);
  });
  test('unknown paths and methods: 404 in the error shape', async () => {
    for (const [method, path] of [['GET', '/nope'], ['DELETE', '/v1/me'], ['GET', '/v1/auth/sign-in']] as const) {
      const res = await t.call(method, path);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.json.error.code, 'not_found');
    }
  });
});
