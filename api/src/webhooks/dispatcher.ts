// Webhook deliveries: queued when a report is created or changed, sent by a worker loop, retried with back-off, logged.
import type { ReportDetail, WebhookEvent } from '@civic-elements/protocol';
import type { Config } from '../config.js';
import { newId } from '../secrets.js';
import type { ClaimedDelivery, DeliveryOutcome, Store, WebhookRecord } from '../store/types.js';
import { postDelivery, type AttemptResult } from './deliver.js';
import { openSecret, webhookKey } from './secret-box.js';
import { deliveryHeaders } from './sign.js';
import { urlPolicy } from './url-policy.js';

/** Seconds to wait after the 1st, 2nd… failed attempt; after the last of these the delivery is given up. */
export const RETRY_DELAYS_SECONDS = [30, 2 * 60, 10 * 60, 60 * 60, 6 * 60 * 60] as const;
/** The first attempt and one after each delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** Each wait is stretched by up to this fraction at random, so that retries after an outage do not all land at once. */
export const JITTER = 0.2;
/** A receiver gets this long to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Finished deliveries stay in the log this long. */
export const LOG_DAYS = 30;

/** When to try again after `attempts` attempts, or null when that was the last. */
export function nextAttemptAt(now: Date, attempts: number, maxAttempts: number, random: () => number = Math.random): Date | null {
  if (attempts >= maxAttempts) return null;
  const base = RETRY_DELAYS_SECONDS[Math.min(attempts, RETRY_DELAYS_SECONDS.length) - 1] ?? RETRY_DELAYS_SECONDS[0];
  return new Date(now.getTime() + Math.round(base * 1000 * (1 + JITTER * random())));
}

/** The body of a delivery: `{ id, event, createdAt, report }`, made once and sent as is on every attempt. */
export function deliveryBody(id: string, event: WebhookEvent, createdAt: string, report: ReportDetail): string {
  // What only a signed-in viewer or a nearby search carries is not the report's.
  const { viewer: _viewer, distance: _distance, ...rest } = report;
  return JSON.stringify({ id, event, createdAt, report: rest });
}

/** Workers running on a store, so that a new event wakes the one that will send it. */
const workers = new WeakMap<Store, WebhookWorker>();

/**
 * Queues `event` for every active webhook of the report's organisation that subscribes to it, and
 * wakes the delivery worker. Returns how many deliveries were queued. Called by
 * api/src/reports/notify.ts on every report created and every public change.
 */
export async function queueReportEvent(deps: { store: Store; clock: () => Date }, orgId: string, event: WebhookEvent, report: ReportDetail): Promise<number> {
  const queued = await deps.store.webhooks.enqueue(orgId, event, report.id, (id, createdAt) => deliveryBody(id, event, createdAt, report), MAX_ATTEMPTS, deps.clock());
  if (queued.length > 0) wakeWebhookWorker(deps.store);
  return queued.length;
}

/** Asks the worker running on this store (if any) to look for due deliveries now. */
export function wakeWebhookWorker(store: Store): void {
  workers.get(store)?.wake();
}

/** The `ping` an admin can send to check a receiver: signed like a delivery, not queued, not retried. */
export async function sendPing(config: Config, hook: WebhookRecord, now: Date, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<AttemptResult> {
  const id = newId();
  const body = JSON.stringify({ id, event: 'ping', createdAt: now.toISOString(), webhook: { id: hook.id, url: hook.url, events: hook.events } });
  let secret: string;
  try {
    secret = openSecret(webhookKey(config), hook.id, hook.sealedSecret);
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
  return postDelivery(hook.url, body, deliveryHeaders({ secret, event: 'ping', deliveryId: id, body, now }), { timeoutMs, policy: urlPolicy(config) });
}

export interface WorkerOptions {
  store: Store;
  config: Config;
  clock?: () => Date;
  /** How long a receiver gets to answer (default 10 s). */
  timeoutMs?: number;
  /** How often to look for due retries when nothing wakes the worker (default 5 s). */
  pollMs?: number;
  /** Deliveries claimed and sent at once (default 10). */
  batchSize?: number;
  /** For the back-off's jitter (default Math.random). */
  random?: () => number;
  log?: (line: string) => void;
}

/**
 * Sends due deliveries. server.ts starts one and stops it on close; tests call `tick()` themselves
 * and move their clock to make retries due. Ticks may overlap (two processes, or a wake during a
 * tick): each delivery is claimed in a transaction first, and only the claim's holder records the
 * outcome, so no attempt is sent twice.
 */
export class WebhookWorker {
  private readonly store: Store;
  private readonly config: Config;
  private readonly clock: () => Date;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;
  private lastPrune = 0;

  constructor(options: WorkerOptions) {
    this.store = options.store;
    this.config = options.config;
    this.clock = options.clock ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.pollMs = options.pollMs ?? 5000;
    this.batchSize = options.batchSize ?? 10;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  }

  /** Starts the loop: a first look now, then every pollMs, and whenever an event is queued. */
  start(): void {
    if (this.started) return;
    this.started = true;
    workers.set(this.store, this);
    this.schedule(0);
  }

  /** Stops the loop and waits for the deliveries in flight. */
  async stop(): Promise<void> {
    this.started = false;
    if (workers.get(this.store) === this) workers.delete(this.store);
    clearTimeout(this.timer);
    await this.running;
  }

  wake(): void {
    if (!this.started) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** One pass: claims the due deliveries (up to batchSize), sends them, records each outcome. Returns how many were sent. */
  async tick(): Promise<number> {
    const now = this.clock();
    const lease = new Date(now.getTime() + this.timeoutMs + 60_000);
    const claimed = await this.store.webhooks.claimDue(now, lease, this.batchSize);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    let result: AttemptResult;
    try {
      const secret = openSecret(webhookKey(this.config), delivery.webhookId, delivery.sealedSecret);
      const headers = deliveryHeaders({ secret, event: delivery.event, deliveryId: delivery.id, body: delivery.payload, now: this.clock() });
      result = await postDelivery(delivery.url, delivery.payload, headers, { timeoutMs: this.timeoutMs, policy: urlPolicy(this.config) });
    } catch (error) {
      result = { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    }
    const now = this.clock();
    const retryAt = result.ok ? null : nextAttemptAt(now, delivery.attempts, delivery.maxAttempts, this.random);
    const outcome: DeliveryOutcome = {
      status: result.ok ? 'delivered' : retryAt ? 'pending' : 'failed',
      lastStatus: result.status,
      lastError: result.error,
      nextAttemptAt: retryAt?.toISOString() ?? null,
      deliveredAt: result.ok ? now.toISOString() : null,
    };
    await this.store.webhooks.finish(delivery.id, delivery.claim, outcome);
    if (!result.ok) {
      this.log(
        JSON.stringify({
          time: now.toISOString(),
          level: 'warn',
          message: `webhook delivery ${outcome.status === 'failed' ? 'failed for good' : 'failed, will retry'}`,
          delivery: delivery.id,
          webhook: delivery.webhookId,
          attempt: delivery.attempts,
          status: result.status,
          error: result.error,
        }),
      );
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), ms);
    this.timer.unref();
  }

  private run(): void {
    if (!this.started || this.running) return;
    this.running = this.drain()
      .catch((error: unknown) => this.log(JSON.stringify({ time: new Date().toISOString(), level: 'error', message: 'webhook worker', error: String(error) })))
      .finally(() => {
        this.running = undefined;
        if (!this.started) return;
        this.schedule(this.again ? 0 : this.pollMs);
        this.again = false;
      });
  }

  private async drain(): Promise<void> {
    while (this.started && (await this.tick()) === this.batchSize) {
      // a full batch: there may be more due
    }
    const now = this.clock().getTime();
    if (this.started && now - this.lastPrune > 3600_000) {
      this.lastPrune = now;
      await this.store.webhooks.prune(new Date(now - LOG_DAYS * 86_400_000));
    }
  }
}
