-- Webhooks: each organisation's subscriptions to report events, and the log of every delivery.

-- The secret signs each delivery (HMAC-SHA256), so it must be readable: it is kept encrypted with
-- AES-256-GCM under the server's webhook key, bound to the webhook's id (api/src/webhooks/secret-box.ts).
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  events TEXT NOT NULL CHECK (json_valid(events) AND json_type(events) = 'array'), -- ["report.created", …]
  secret_sealed TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX webhooks_by_org ON webhooks (org_id, created_at, id);

-- One row per event per webhook. `payload` is the exact body, made once when the event happened, so
-- every attempt sends (and signs) the same bytes. A worker claims a due row by pushing its
-- next_attempt_at forward (a lease) and writing a fresh `claim`; only the holder of that claim may
-- record the outcome, so two workers (or two ticks) never send the same attempt twice.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  event TEXT NOT NULL CHECK (event IN ('report.created', 'report.updated')),
  report_id TEXT NOT NULL, -- no foreign key: the log records what was sent, whatever becomes of the report
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
  next_attempt_at TEXT, -- pending rows only
  claim TEXT,
  last_status INTEGER,  -- HTTP status of the last attempt; NULL when there was no answer
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
) STRICT;
-- The worker's question: which pending deliveries are due?
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- The delivery log, newest first.
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at); -- then rowid: the order they were made in
-- Pruning finished deliveries once they are old.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'pending';
