// Open311 in SQLite: organisations' api_keys (hashed), and what each Open311 request carried besides its report.
import type Database from 'better-sqlite3';
import { newId } from '../../secrets.js';
import type { Open311KeyRecord, Open311Store } from '../types.js';

interface KeyRow {
  id: string;
  org_id: string;
  application: string;
  created_at: string;
  revoked_at: string | null;
}

const toKey = (row: KeyRow): Open311KeyRecord => ({
  id: row.id,
  orgId: row.org_id,
  application: row.application,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

const KEY_COLUMNS = 'id, org_id, application, created_at, revoked_at';

export function sqliteOpen311(db: Database.Database): Open311Store {
  const insertKey = db.prepare(`INSERT INTO open311_keys (id, org_id, application, key_hash, created_by, created_at)
    VALUES (@id, @org_id, @application, @key_hash, @created_by, @created_at)`);
  const keysOf = db.prepare(`SELECT ${KEY_COLUMNS} FROM open311_keys WHERE org_id = ? ORDER BY created_at, id`);
  const keyByHash = db.prepare(`SELECT ${KEY_COLUMNS} FROM open311_keys WHERE key_hash = ?`);
  const keyById = db.prepare(`SELECT ${KEY_COLUMNS} FROM open311_keys WHERE org_id = ? AND id = ?`);
  const revoke = db.prepare('UPDATE open311_keys SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL');
  const someSlugs = db.prepare('SELECT slug FROM orgs ORDER BY created_at, id LIMIT ?').pluck();
  // The service list and the service definitions are made of categories only (categories are never deleted, only made inactive).
  const changeset = db.prepare('SELECT max(updated_at) FROM report_categories').pluck();
  const insertRequest = db.prepare(`INSERT INTO open311_requests (report_rowid, org_id, key_id, token, account_id, media_url, created_at)
    VALUES (@report_rowid, @org_id, @key_id, @token, @account_id, @media_url, @created_at)`);
  const referenceOfToken = db.prepare(`SELECT r.reference FROM open311_requests o JOIN reports r ON r.rowid = o.report_rowid
    WHERE o.org_id = ? AND o.token = ? AND r.org_id = o.org_id`).pluck();
  // The latest public note of each report, and whether it was merged after that note (then the note
  // no longer says where the report stands); the timeline's index (report_rowid, rowid) finds both from the end.
  const extras = db.prepare(`SELECT x.rowid, tl.public_note AS note, x.media_url,
      EXISTS (SELECT 1 FROM report_timeline m WHERE m.report_rowid = x.rowid AND m.kind = 'merged' AND m.rowid > coalesce(x.note_rowid, 0)) AS merged_after
    FROM (SELECT r.rowid, o.media_url,
        (SELECT tl.rowid FROM report_timeline tl WHERE tl.report_rowid = r.rowid AND tl.public_note IS NOT NULL ORDER BY tl.rowid DESC LIMIT 1) AS note_rowid
      FROM reports r LEFT JOIN open311_requests o ON o.report_rowid = r.rowid
      WHERE r.org_id = ? AND r.rowid IN (SELECT value FROM json_each(?))) x
    LEFT JOIN report_timeline tl ON tl.rowid = x.note_rowid`);

  return {
    async createKey(orgId, key, now) {
      const row = { id: newId(), org_id: orgId, application: key.application, key_hash: key.keyHash, created_by: key.createdBy, created_at: now.toISOString() };
      insertKey.run(row);
      return toKey({ ...row, revoked_at: null });
    },
    async keys(orgId) {
      return (keysOf.all(orgId) as KeyRow[]).map(toKey);
    },
    async keyByHash(hash) {
      const row = keyByHash.get(hash) as KeyRow | undefined;
      return row ? toKey(row) : null;
    },
    async revokeKey(orgId, id, now) {
      revoke.run(now.toISOString(), orgId, id);
      const row = keyById.get(orgId, id) as KeyRow | undefined;
      return row ? toKey(row) : null;
    },
    async jurisdictions(limit) {
      return someSlugs.all(limit) as string[];
    },
    async changeset() {
      return (changeset.get() as string | null) ?? null;
    },
    async recordRequest(request, now) {
      insertRequest.run({
        report_rowid: request.reportRowid,
        org_id: request.orgId,
        key_id: request.keyId,
        token: request.token,
        account_id: request.accountId,
        media_url: request.mediaUrl,
        created_at: now.toISOString(),
      });
    },
    async referenceOfToken(orgId, token) {
      return (referenceOfToken.get(orgId, token) as string | undefined) ?? null;
    },
    async requestExtras(orgId, reportRowids) {
      const found = new Map<number, { latestPublicNote: string | null; mergedAfterNote: boolean; mediaUrl: string | null }>();
      if (reportRowids.length === 0) return found;
      for (const row of extras.all(orgId, JSON.stringify(reportRowids)) as { rowid: number; note: string | null; merged_after: number; media_url: string | null }[]) {
        found.set(row.rowid, { latestPublicNote: row.note, mergedAfterNote: row.merged_after === 1, mediaUrl: row.media_url });
      }
      return found;
    },
  };
}
