// A fresh app on a fresh SQLite file for one test: the app, its store, its outbox, a clock to move, and request helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@civic-elements/protocol';
import { createApp } from '../../src/app.js';
import { testConfig, type Config } from '../../src/config.js';
import { OutboxMailer } from '../../src/mail/outbox.js';
import { ensureMember, seedTestOrg } from '../../src/seed.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

export const ORIGIN = 'http://council.example';
export const OTHER_ORIGIN = 'http://other.example';

export interface TestClock {
  (): Date;
  advance(ms: number): void;
}

export function testClock(start = Date.parse('2026-03-02T09:00:00Z')): TestClock {
  let now = start;
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export async function buildTestApp(overrides: Partial<Config> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-app-test-'));
  const config = testConfig({ dataDir, databasePath: join(dataDir, 'civic.db'), ...overrides });
  const store = openSqliteStore(config.databasePath);
  const outbox = new OutboxMailer(join(dataDir, 'outbox'), config.mailFrom);
  const clock = testClock();
  const logs: string[] = [];
  const app = createApp({ store, config, mailer: outbox, clock, log: (line) => logs.push(line) });
  const org = await seedTestOrg(store, { slug: 'test-council', name: 'Test Council', allowedOrigins: [ORIGIN] });
  const otherOrg = await seedTestOrg(store, { slug: 'other-org', name: 'Other Organisation', allowedOrigins: [OTHER_ORIGIN], passwordSignIn: false });

  /** A JSON request; `body` is sent as is when it is a string. */
  async function call(method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string>; address?: string } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const env = options.address ? { incoming: { socket: { remoteAddress: options.address } } } : undefined;
    const response = await app.request(path, init, env as never);
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  }

  async function latestCode(email: string): Promise<string> {
    const [message] = await outbox.list({ to: email });
    const code = message?.text.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`No code for ${email}`);
    return code;
  }

  /** Registers, reads the code and signs in through `orgSlug`. */
  async function signIn(email: string, orgSlug = 'test-council') {
    const registered = await call('POST', '/v1/auth/register', { body: { org: orgSlug, email, name: 'Sam Resident' } });
    if (registered.status !== 202) throw new Error(`register: ${registered.status} ${registered.text}`);
    const code = await latestCode(email);
    const signedIn = await call('POST', '/v1/auth/sign-in', { body: { org: orgSlug, email, code } });
    if (signedIn.status !== 200) throw new Error(`sign-in: ${signedIn.status} ${signedIn.text}`);
    return signedIn.json as { accessToken: string; refreshToken: string; user: { id: string } };
  }

  /** A person with `role` in `orgSlug`, signed in through it. */
  async function withRole(email: string, role: Role, orgSlug = 'test-council', departments: string[] = []) {
    const target = (await store.orgs.bySlug(orgSlug))!;
    await ensureMember(store, target, { email, name: 'Staff Member' }, role, departments);
    return signIn(email, orgSlug);
  }

  return {
    app,
    store,
    config,
    outbox,
    clock,
    logs,
    org,
    otherOrg,
    dataDir,
    call,
    latestCode,
    signIn,
    withRole,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;
