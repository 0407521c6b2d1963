// Starts the API: reads the environment, opens the store, seeds the demo if asked, listens. The only file that does.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { OutboxMailer } from './mail/outbox.js';
import { SmtpMailer } from './mail/smtp.js';
import type { Mailer } from './mail/types.js';
import { StreamHub } from './debate/hub.js';
import { seedDemo } from './seed.js';
import { openSqliteStore, type SqliteStore } from './store/sqlite/index.js';
import { WebhookWorker } from './webhooks/dispatcher.js';
import { ConsultationScheduler } from './consultations/scheduler.js';

export interface StartOptions {
  /** Seed the demo organisations when the database has none. Default: config.seed. */
  seed?: boolean;
  /** Origins the seeded organisations allow. Default: config.demoOrigins. */
  demoOrigins?: string[];
  clock?: () => Date;
  /** Where start-up and access-log lines go (default: stdout). */
  log?: (line: string) => void;
  /** A mailer to use instead of the one the configuration implies. */
  mailer?: Mailer;
}

export interface RunningServer {
  url: string;
  store: SqliteStore;
  config: Config;
  mailer: Mailer;
  /** Sends webhook deliveries while the server runs. */
  webhooks: WebhookWorker;
  /** Moves consultations to their next phase when a phase's end date passes. */
  consultations: ConsultationScheduler;
  close(): Promise<void>;
}

/** The secret from the configuration, or (outside production) one generated once and kept in DATA_DIR/secret. */
function ensureSecret(config: Config): string {
  if (config.secret) return config.secret;
  if (config.production) throw new ConfigError(['SECRET must be set in production (at least 32 random characters)']);
  const file = join(config.dataDir, 'secret');
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  } catch {
    // first start: make one
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const ready: Config = { ...config, secret: ensureSecret(config) };
  const store = openSqliteStore(ready.databasePath);
  const smtp = ready.smtpUrl ? new SmtpMailer(ready.smtpUrl, ready.mailFrom) : undefined;
  const mailer = options.mailer ?? smtp ?? new OutboxMailer(join(ready.dataDir, 'outbox'), ready.mailFrom);
  try {
    if ((options.seed ?? ready.seed) && (await store.orgs.count()) === 0) {
      const orgs = await seedDemo(store, { demoOrigins: options.demoOrigins ?? ready.demoOrigins });
      log(`Seeded the demo organisations: ${orgs.map((org) => org.slug).join(', ')}`);
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const streams = new StreamHub();
  const app = createApp({ store, config: ready, mailer, log, streams, ...(options.clock ? { clock: options.clock } : {}) });

  const server = await new Promise<ReturnType<typeof serve>>((listening, fail) => {
    const s = serve({ fetch: app.fetch, port: ready.port, hostname: ready.host }, () => listening(s));
    s.once('error', fail);
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log(`Civic Elements API listening on ${url}`);
  const webhooks = new WebhookWorker({ store, config: ready, log, ...(options.clock ? { clock: options.clock } : {}) });
  webhooks.start();
  const consultations = new ConsultationScheduler({ store, streams, clock: options.clock ?? (() => new Date()), log });
  consultations.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    store,
    config: { ...ready, port: address.port },
    mailer,
    webhooks,
    consultations,
    close() {
      closing ??= new Promise<void>((done) => {
        // Live streams never end by themselves: end them first, or close() would wait for them.
        streams.close();
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }).then(async () => {
        await Promise.all([webhooks.stop(), consultations.stop()]);
        smtp?.close();
        await store.close();
      });
      return closing;
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const running = await startServer(config);
  const stop = (signal: string) => {
    console.log(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

// Run when started as a script, not when imported (by tests, or the demo's start script).
if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
