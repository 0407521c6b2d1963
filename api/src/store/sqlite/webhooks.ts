// Webhooks and their delivery log in SQLite, with the claim-a-due-row step the delivery worker relies on.
import type Database from 'better-sqlite3';
import { newId } from '../../secrets.js';
import type { ClaimedDelivery, DeliveryRecord, DeliveryStatus, WebhookEventName, WebhookRecord, WebhooksStore } from '../types.js';

interface WebhookRow {
  id: string;
  org_id: string;
  url: string;
  events: string;
  secret_sealed: string;
  active: number;
  created_at: string;
}

interface DeliveryRow {
  rowid: number;
  id: string;
  webhook_id: string;
  org_id: string;
  event: string;
  report_id: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string | null;
  claim: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

function toWebhook(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventName[],
    sealedSecret: row.secret_sealed,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

function toDelivery(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    seq: row.rowid,
    webhookId: row.webhook_id,
    orgId: row.org_id,
    event: row.event as WebhookEventName,
    reportId: row.report_id,
    payload: row.payload,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

export function sqliteWebhooks(db: Database.Database): WebhooksStore {
  const insertHook = db.prepare(`INSERT INTO webhooks (id, org_id, url, events, secret_sealed, active, created_at)
    VALUES (@id, @org_id, @url, @events, @secret_sealed, 1, @created_at)`);
  const listHooks = db.prepare('SELECT * FROM webhooks WHERE org_id = ? ORDER BY created_at, id');
  const countHooks = db.prepare('SELECT count(*) AS n FROM webhooks WHERE org_id = ?');
  const hookById = db.prepare('SELECT * FROM webhooks WHERE org_id = ? AND id = ?');
  const deleteHook = db.prepare('DELETE FROM webhooks WHERE org_id = ? AND id = ?');
  const subscribers = db.prepare(`SELECT id FROM webhooks
    WHERE org_id = ? AND active = 1 AND EXISTS (SELECT 1 FROM json_each(webhooks.events) WHERE value = ?)
    ORDER BY created_at, id`);
  const insertDelivery = db.prepare(`INSERT INTO webhook_deliveries
    (id, webhook_id, org_id, event, report_id, payload, status, attempts, max_attempts, next_attempt_at, created_at)
    VALUES (@id, @webhook_id, @org_id, @event, @report_id, @payload, 'pending', 0, @max_attempts, @created_at, @created_at)`);
  const due = db.prepare(`SELECT d.rowid, d.*, w.url, w.secret_sealed FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND w.active = 1 ORDER BY d.next_attempt_at LIMIT ?`);
  const giveUp = db.prepare(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, claim = NULL,
    last_status = NULL, last_error = 'The server stopped during the last attempt.' WHERE id = ?`);
  const claimRow = db.prepare('UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = ?, claim = ? WHERE id = ?');
  const finishRow = db.prepare(`UPDATE webhook_deliveries SET status = @status, last_status = @last_status, last_error = @last_error,
    next_attempt_at = @next_attempt_at, delivered_at = @delivered_at, claim = NULL
    WHERE id = @id AND claim = @claim AND status = 'pending'`);
  const deliveryPage = db.prepare(`SELECT rowid, * FROM webhook_deliveries WHERE org_id = @org_id AND webhook_id = @webhook_id
    AND (@after_created IS NULL OR created_at < @after_created OR (created_at = @after_created AND rowid < @after_seq))
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`);
  const deliveryById = db.prepare('SELECT rowid, * FROM webhook_deliveries WHERE org_id = ? AND webhook_id = ? AND id = ?');
  const retryRow = db.prepare(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now, max_attempts = attempts + 1, claim = NULL
    WHERE org_id = @org_id AND webhook_id = @webhook_id AND id = @id AND status = 'failed'`);
  const nextDue = db.prepare("SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'");
  const prune = db.prepare("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ?");

  const enqueue = db.transaction((orgId: string, event: WebhookEventName, reportId: string, payload: (id: string, createdAt: string) => string, maxAttempts: number, createdAt: string) => {
    const hooks = subscribers.all(orgId, event) as { id: string }[];
    return hooks.map((hook) => {
      const id = newId();
      const body = payload(id, createdAt);
      const { lastInsertRowid } = insertDelivery.run({ id, webhook_id: hook.id, org_id: orgId, event, report_id: reportId, payload: body, max_attempts: maxAttempts, created_at: createdAt });
      const row: DeliveryRow = {
        rowid: Number(lastInsertRowid),
        id,
        webhook_id: hook.id,
        org_id: orgId,
        event,
        report_id: reportId,
        payload: body,
        status: 'pending',
        attempts: 0,
        max_attempts: maxAttempts,
        next_attempt_at: createdAt,
        claim: null,
        last_status: null,
        last_error: null,
        created_at: createdAt,
        delivered_at: null,
      };
      return toDelivery(row);
    });
  });

  const claim = db.transaction((now: string, leaseUntil: string, limit: number) => {
    const claimed: ClaimedDelivery[] = [];
    for (const row of due.all(now, limit) as (DeliveryRow & { url: string; secret_sealed: string })[]) {
      if (row.attempts >= row.max_attempts) {
        giveUp.run(row.id);
        continue;
      }
      const token = newId();
      claimRow.run(leaseUntil, token, row.id);
      claimed.push({ ...toDelivery({ ...row, attempts: row.attempts + 1, next_attempt_at: leaseUntil }), claim: token, url: row.url, sealedSecret: row.secret_sealed });
    }
    return claimed;
  });

  return {
    async create(orgId, hook, now) {
      const createdAt = now.toISOString();
      insertHook.run({ id: hook.id, org_id: orgId, url: hook.url, events: JSON.stringify(hook.events), secret_sealed: hook.sealedSecret, created_at: createdAt });
      return { id: hook.id, orgId, url: hook.url, events: [...hook.events], sealedSecret: hook.sealedSecret, active: true, createdAt };
    },
    async list(orgId) {
      return (listHooks.all(orgId) as WebhookRow[]).map(toWebhook);
    },
    async count(orgId) {
      return (countHooks.get(orgId) as { n: number }).n;
    },
    async byId(orgId, id) {
      const row = hookById.get(orgId, id) as WebhookRow | undefined;
      return row ? toWebhook(row) : null;
    },
    async remove(orgId, id) {
      return deleteHook.run(orgId, id).changes > 0;
    },
    async enqueue(orgId, event, reportId, payload, maxAttempts, now) {
      return enqueue(orgId, event, reportId, payload, maxAttempts, now.toISOString());
    },
    async claimDue(now, leaseUntil, limit) {
      // IMMEDIATE: another process on the same file waits rather than reading the same due rows.
      return claim.immediate(now.toISOString(), leaseUntil.toISOString(), limit);
    },
    async finish(id, token, outcome) {
      return (
        finishRow.run({
          id,
          claim: token,
          status: outcome.status,
          last_status: outcome.lastStatus,
          last_error: outcome.lastError,
          next_attempt_at: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          delivered_at: outcome.deliveredAt,
        }).changes > 0
      );
    },
    async deliveries(orgId, webhookId, page) {
      const rows = deliveryPage.all({
        org_id: orgId,
        webhook_id: webhookId,
        after_created: page.after?.createdAt ?? null,
        after_seq: page.after?.seq ?? null,
        limit: page.limit,
      }) as DeliveryRow[];
      return rows.map(toDelivery);
    },
    async delivery(orgId, webhookId, id) {
      const row = deliveryById.get(orgId, webhookId, id) as DeliveryRow | undefined;
      return row ? toDelivery(row) : null;
    },
    async retry(orgId, webhookId, id, now) {
      if (retryRow.run({ org_id: orgId, webhook_id: webhookId, id, now: now.toISOString() }).changes === 0) return null;
      return toDelivery(deliveryById.get(orgId, webhookId, id) as DeliveryRow);
    },
    async nextDue() {
      return (nextDue.get() as { at: string | null }).at;
    },
    async prune(before) {
      return prune.run(before.toISOString()).changes;
    },
  };
}
