// The real server on loopback: startTestApi, SMTP delivery, the demo seed, restarts on the same file.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { testConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { startTestApi } from './support/server.js';

const json = { 'Content-Type': 'application/json' };

describe('startTestApi', () => {
  test('a real server: register, code from the outbox, sign in, roles, CORS over HTTP', async () => {
    const api = await startTestApi({ allowedOrigins: ['http://localhost:9999'] });
    try {
      assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const register = await fetch(`${api.url}/v1/auth/register`, {
        method: 'POST',
        headers: { ...json, Origin: 'http://localhost:9999' },
        body: JSON.stringify({ org: 'test-council', email: 'web@example.org', name: 'Web Person' }),
      });
      assert.equal(register.status, 202);
      assert.equal(register.headers.get('access-control-allow-origin'), 'http://localhost:9999');
      const code = await api.latestCode('web@example.org');
      const signIn = await fetch(`${api.url}/v1/auth/sign-in`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ org: 'test-council', email: 'web@example.org', code }),
      });
      assert.equal(signIn.status, 200);

      const outbox = await fetch(`${api.url}/dev/outbox.json?to=web@example.org`);
      assert.equal(((await outbox.json()) as unknown[]).length, 1);

      const officer = await api.makeRole('officer@test.example', 'test-council', 'officer', ['highways']);
      const me = await fetch(`${api.url}/v1/me`, { headers: { Authorization: `Bearer ${officer.accessToken}` } });
      assert.deepEqual(((await me.json()) as { memberships: unknown }).memberships, [{ org: 'test-council', role: 'officer', departments: ['highways'] }]);
      const settings = await fetch(`${api.url}/v1/orgs/test-council/settings`, { headers: { Authorization: `Bearer ${officer.accessToken}` } });
      assert.equal(settings.status, 403);
      assert.equal((await fetch(`${api.url}/v1/orgs/other-org`)).status, 200);
    } finally {
      await api.close();
    }
  });

  test('expireCodes makes the code expired', async () => {
    const api = await startTestApi();
    try {
      await fetch(`${api.url}/v1/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ org: 'test-council', email: 'old@example.org', name: 'Old' }) });
      const code = await api.latestCode('old@example.org');
      await api.expireCodes('old@example.org');
      const res = await fetch(`${api.url}/v1/auth/sign-in`, { method: 'POST', headers: json, body: JSON.stringify({ org: 'test-council', email: 'old@example.org', code }) });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'code_expired');
    } finally {
      await api.close();
    }
  });

  test('rate limit per client address over real HTTP', async () => {
    const api = await startTestApi({ rateLimits: { perAddress: 2, perEmail: 100, windowSeconds: 60 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${api.url}/v1/auth/register`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ org: 'test-council', email: `n${i}@example.org`, name: 'N' }),
        });
        statuses.push(res.status);
        if (res.status === 429) assert.equal(res.headers.get('retry-after'), '60');
      }
      assert.deepEqual(statuses, [202, 202, 429]);
    } finally {
      await api.close();
    }
  });
});

test('SMTP: the code email reaches a real SMTP server, to the right person, with the code', async () => {
  const received: { to: string[]; data: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (data += chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((listening) => smtp.listen(0, '127.0.0.1', () => listening()));
  const port = (smtp.server.address() as AddressInfo).port;
  const api = await startTestApi({ smtpUrl: `smtp://127.0.0.1:${port}` });
  try {
    const res = await fetch(`${api.url}/v1/auth/register`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ org: 'test-council', email: 'mail@example.org', name: 'Mail Person' }),
    });
    assert.equal(res.status, 202);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, ['mail@example.org']);
    const subject = received[0]!.data.match(/^Subject: Your sign-in code for Test Council: (\d{6})$/m);
    assert.ok(subject, 'subject with the code');
    assert.match(received[0]!.data, new RegExp(`^${subject[1]}$`, 'm'));
    // The code from the email signs in.
    const signIn = await fetch(`${api.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ org: 'test-council', email: 'mail@example.org', code: subject[1] }),
    });
    assert.equal(signIn.status, 200);
    // Nothing went to the outbox.
    assert.deepEqual(await (await fetch(`${api.url}/dev/outbox.json`)).json(), []);
  } finally {
    await api.close();
    await new Promise<void>((closed) => smtp.close(() => closed()));
  }
});

test('startServer: seeds the demo once, keeps data and applies no migration again across restarts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-restart-'));
  const config = testConfig({ dataDir, databasePath: join(dataDir, 'civic.db'), secret: undefined });
  const lines: string[] = [];
  try {
    const first = await startServer(config, { seed: true, demoOrigins: ['http://localhost:8080'], log: (l) => lines.push(l) });
    assert.deepEqual(first.store.appliedMigrations, readdirSync(new URL('../src/store/sqlite/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).sort());
    assert.ok(lines.some((l) => l.includes(first.url)));
    const org = (await (await fetch(`${first.url}/v1/orgs/southwark`)).json()) as { name: string; departments: { name: string }[]; map: { center: number[] } };
    assert.equal(org.name, 'Southwark Council');
    assert.deepEqual(org.map.center, [-0.0877, 51.4741]);
    assert.ok(org.departments.some((d) => d.name.includes('fly-tipping')));
    for (const slug of ['south-london-health', 'peckham-gardens']) assert.equal((await fetch(`${first.url}/v1/orgs/${slug}`)).status, 200);
    const cors = await fetch(`${first.url}/v1/orgs/southwark`, { headers: { Origin: 'http://localhost:8080' } });
    assert.equal(cors.headers.get('access-control-allow-origin'), 'http://localhost:8080');
    // The seeded officer signs in with a code like everyone.
    await fetch(`${first.url}/v1/auth/code`, { method: 'POST', headers: json, body: JSON.stringify({ org: 'southwark', email: 'officer@southwark.example' }) });
    const [message] = (await (await fetch(`${first.url}/dev/outbox.json?to=officer@southwark.example`)).json()) as { text: string }[];
    const code = message?.text.match(/\b(\d{6})\b/)?.[1];
    const signIn = await fetch(`${first.url}/v1/auth/sign-in`, { method: 'POST', headers: json, body: JSON.stringify({ org: 'southwark', email: 'officer@southwark.example', code }) });
    const session = (await signIn.json()) as { memberships: { org: string; role: string }[] };
    assert.deepEqual(session.memberships.map((m) => `${m.org}:${m.role}`), ['southwark:officer']);
    await first.close();

    const second = await startServer(config, { seed: true, log: () => {} });
    try {
      assert.deepEqual(second.store.appliedMigrations, []);
      assert.equal(await second.store.orgs.count(), 3);
      // The generated secret was kept, so codes issued before a restart still check.
      assert.equal(second.config.secret, first.config.secret);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('server.ts as a script refuses a bad environment with the messages, exit code 2', async () => {
  const { spawnSync } = await import('node:child_process');
  const script = new URL('../src/server.ts', import.meta.url).pathname;
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, PORT: 'abc', DEV_ROUTES: 'maybe' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /PORT must be a whole number from 1 to 65535 \(got "abc"\)/);
  assert.match(result.stderr, /DEV_ROUTES must be true or false \(got "maybe"\)/);
});
