// startTestApi: the real API on 127.0.0.1 (a free port) with a fresh SQLite file, an outbox and two test organisations.
// Used by the API tests and, through plain `import()`, by the browser-test runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '@civic-elements/protocol';
import { testConfig, type Config, type RateLimits } from '../../src/config.js';
import { expiresAt } from '../../src/domain/tokens.js';
import { OutboxMailer } from '../../src/mail/outbox.js';
import { hashToken, newToken } from '../../src/secrets.js';
import { ensureMember, seedTestOrg } from '../../src/seed.js';
import { startServer } from '../../src/server.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { seedMapFixtures, type MapFixtureOptions, type MapFixtures } from './map-fixtures.js';
import { seedConsultationFixture, seedPollFixture, type ConsultationFixture, type ConsultationFixtureOptions, type PollFixture, type PollFixtureOptions } from './poll-fixtures.js';
import { seedReportFixtures, type ReportFixtureOptions, type ReportFixtures } from './report-fixtures.js';
import { loadSouthwarkGazetteer } from '../../src/geocode/southwark-gazetteer.js';

export interface TestApiOptions {
  /** Origins `test-council` allows (`other-org` allows none of them). */
  allowedOrigins?: string[];
  rateLimits?: Partial<RateLimits>;
  /** Send email through this SMTP server instead of the outbox (latestCode then cannot read it). */
  smtpUrl?: string;
  /** Seed the demo organisations too. */
  seedDemo?: boolean;
  config?: Partial<Config>;
}

export interface TestApi {
  url: string;
  store: SqliteStore;
  config: Config;
  dataDir: string;
  /** The code in the newest email to `email` (from the outbox). */
  latestCode(email: string): Promise<string>;
  /** Makes every stored code of `email` expired. */
  expireCodes(email: string): Promise<void>;
  /** Gives `email` (created if needed) `role` in `org`, and a signed-in session opened through it. */
  makeRole(email: string, org: string, role: Role, departments?: string[]): Promise<{ userId: string; accessToken: string; refreshToken: string }>;
  /** A map project with contributions, places and events in `org` (see map-fixtures.ts). */
  seedMap(org: string, options?: MapFixtureOptions): Promise<MapFixtures>;
  /** Report categories, settings and reports in `org` (see report-fixtures.ts). */
  seedReports(org: string, options?: ReportFixtureOptions): Promise<ReportFixtures>;
  /** A poll of any kind and state, with imported ballots, in `org` (see poll-fixtures.ts). */
  seedPoll(org: string, options?: PollFixtureOptions): Promise<PollFixture>;
  /** A consultation in any phase, with proposals, supporters and ballots, in `org` (see poll-fixtures.ts). */
  seedConsultation(org: string, options?: ConsultationFixtureOptions): Promise<ConsultationFixture>;
  close(): Promise<void>;
}

export const TEST_ORG = 'test-council';
export const OTHER_ORG = 'other-org';

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-api-test-'));
  const config = testConfig({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databasePath: join(dataDir, 'civic.db'),
    devRoutes: true,
    smtpUrl: options.smtpUrl,
    ...options.config,
  });
  config.rateLimits = { ...config.rateLimits, ...options.rateLimits };
  const running = await startServer(config, { seed: options.seedDemo ?? false, log: () => {} });
  const { store } = running;
  try {
    await seedTestOrg(store, { slug: TEST_ORG, name: 'Test Council', allowedOrigins: options.allowedOrigins ?? [] });
    await seedTestOrg(store, { slug: OTHER_ORG, name: 'Other Organisation', allowedOrigins: ['http://other.example'] });
    // Address search in browser tests: the demo's Southwark streets and places.
    await loadSouthwarkGazetteer(store);
  } catch (error) {
    await running.close();
    throw error;
  }
  const outbox = running.mailer instanceof OutboxMailer ? running.mailer : undefined;
  // A second connection for what the API deliberately cannot do (turn back the clock on a code).
  const db = new Database(config.databasePath);

  const testApi: TestApi = {
    url: running.url,
    store,
    config: running.config,
    dataDir,
    async latestCode(email) {
      if (!outbox) throw new Error('latestCode needs the outbox: this test API sends email by SMTP');
      const [message] = await outbox.list({ to: email });
      const code = message?.text.match(/\b(\d{6})\b/)?.[1];
      if (!code) throw new Error(`No sign-in code in the outbox for ${email}`);
      return code;
    },
    async expireCodes(email) {
      db.prepare('UPDATE sign_in_codes SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)').run(
        new Date(Date.now() - 1000).toISOString(),
        email.trim().toLowerCase(),
      );
    },
    async makeRole(email, orgSlug, role, departments = []) {
      const org = await store.orgs.bySlug(orgSlug);
      if (!org) throw new Error(`No organisation ${orgSlug}`);
      const user = await ensureMember(store, org, { email, name: email.split('@')[0] ?? email }, role, departments);
      const now = new Date();
      const accessToken = newToken();
      const refreshToken = newToken();
      await store.sessions.create(
        { userId: user.id, orgId: org.id },
        {
          accessHash: hashToken(accessToken),
          accessExpiresAt: expiresAt(now, config.accessTokenTtlSeconds),
          refreshHash: hashToken(refreshToken),
          refreshExpiresAt: expiresAt(now, config.refreshTokenTtlSeconds),
        },
        now,
      );
      return { userId: user.id, accessToken, refreshToken };
    },
    seedMap(orgSlug, mapOptions = {}) {
      return seedMapFixtures(store, orgSlug, mapOptions);
    },
    seedReports(orgSlug, reportOptions = {}) {
      return seedReportFixtures(store, orgSlug, reportOptions);
    },
    seedPoll(orgSlug, pollOptions = {}) {
      return seedPollFixture(store, orgSlug, pollOptions);
    },
    seedConsultation(orgSlug, consultationOptions = {}) {
      return seedConsultationFixture(testApi, orgSlug, consultationOptions);
    },
    async close() {
      db.close();
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApi;
}
