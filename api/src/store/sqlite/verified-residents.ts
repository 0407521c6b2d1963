// Residents an officer has verified for the organisation's `officer-verified` polls (table
// verified_residents, migrations/009-polls.sql): the PollStore's part that keeps them.
import type Database from 'better-sqlite3';
import type { PollStore, VerifiedResidentRecord } from '../types.js';

interface VerifiedRow {
  user_id: string;
  name: string;
  email: string;
  note: string | null;
  verified_by: string | null;
  verified_by_name: string | null;
  verified_at: string;
}

const toVerified = (row: VerifiedRow): VerifiedResidentRecord => ({
  userId: row.user_id,
  name: row.name,
  email: row.email,
  note: row.note,
  verifiedBy: row.verified_by !== null ? { id: row.verified_by, name: row.verified_by_name ?? '' } : null,
  verifiedAt: row.verified_at,
});

export function sqliteVerifiedResidents(db: Database.Database): Pick<PollStore, 'markVerified' | 'unmarkVerified' | 'isVerified' | 'verifiedResidents'> {
  const VERIFIED = `SELECT v.user_id, u.name, u.email, v.note, v.verified_by, b.name AS verified_by_name, v.verified_at
    FROM verified_residents v JOIN users u ON u.id = v.user_id LEFT JOIN users b ON b.id = v.verified_by`;
  const upsert = db.prepare(`INSERT INTO verified_residents (org_id, user_id, note, verified_by, verified_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (org_id, user_id) DO UPDATE SET note = excluded.note, verified_by = excluded.verified_by, verified_at = excluded.verified_at`);
  const one = db.prepare(`${VERIFIED} WHERE v.org_id = ? AND v.user_id = ?`);
  const page = db.prepare(`${VERIFIED} WHERE v.org_id = @org AND (@after_at IS NULL OR (v.verified_at, v.user_id) < (@after_at, @after_user))
    ORDER BY v.verified_at DESC, v.user_id DESC LIMIT @limit`);
  const exists = db.prepare('SELECT 1 FROM verified_residents WHERE org_id = ? AND user_id = ?').pluck();
  const unmark = db.prepare('DELETE FROM verified_residents WHERE org_id = ? AND user_id = ?');

  return {
    async markVerified(orgId, userId, by, now) {
      upsert.run(orgId, userId, by.note, by.userId, now.toISOString());
      return toVerified(one.get(orgId, userId) as VerifiedRow);
    },
    async unmarkVerified(orgId, userId) {
      return unmark.run(orgId, userId).changes > 0;
    },
    async isVerified(orgId, userId) {
      return exists.get(orgId, userId) !== undefined;
    },
    async verifiedResidents(orgId, after, limit) {
      return (page.all({ org: orgId, after_at: after?.verifiedAt ?? null, after_user: after?.userId ?? null, limit }) as VerifiedRow[]).map(toVerified);
    },
  };
}
