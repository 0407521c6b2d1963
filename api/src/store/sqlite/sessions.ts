// Sign-in codes, sessions and their tokens in SQLite (hashes only).
import type Database from 'better-sqlite3';
import { newId } from '../../secrets.js';
import type { CodeRecord, CodeStore, SessionRecord, SessionStore, TokenRecord } from '../types.js';

interface CodeRow {
  id: string;
  user_id: string;
  org_id: string;
  code_hash: string;
  tries_left: number;
  expires_at: string;
  created_at: string;
}

export function sqliteCodes(db: Database.Database): CodeStore {
  const removeForUser = db.prepare('DELETE FROM sign_in_codes WHERE user_id = ?');
  const insert = db.prepare(
    'INSERT INTO sign_in_codes (id, user_id, org_id, code_hash, tries_left, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const forUser = db.prepare('SELECT * FROM sign_in_codes WHERE user_id = ?');
  const useTry = db.prepare('UPDATE sign_in_codes SET tries_left = max(tries_left - 1, 0) WHERE id = ? RETURNING tries_left');
  const remove = db.prepare('DELETE FROM sign_in_codes WHERE id = ?');
  const replace = db.transaction((code: CodeRecord) => {
    removeForUser.run(code.userId);
    insert.run(code.id, code.userId, code.orgId, code.codeHash, code.triesLeft, code.expiresAt, code.createdAt);
  });
  return {
    async replace(input) {
      const code: CodeRecord = { id: newId(), ...input };
      replace.immediate(code);
      return code;
    },
    async forUser(userId) {
      const row = forUser.get(userId) as CodeRow | undefined;
      return row
        ? {
            id: row.id,
            userId: row.user_id,
            orgId: row.org_id,
            codeHash: row.code_hash,
            triesLeft: row.tries_left,
            expiresAt: row.expires_at,
            createdAt: row.created_at,
          }
        : null;
    },
    async useTry(id) {
      const row = useTry.get(id) as { tries_left: number } | undefined;
      return row?.tries_left ?? 0;
    },
    async remove(id) {
      remove.run(id);
    },
  };
}

interface SessionRow {
  id: string;
  user_id: string;
  org_id: string;
  created_at: string;
  revoked_at: string | null;
}

interface TokenRow {
  hash: string;
  session_id: string;
  expires_at: string;
  spent_at?: string | null;
}

const toToken = (row: TokenRow): TokenRecord => ({
  hash: row.hash,
  sessionId: row.session_id,
  expiresAt: row.expires_at,
  spentAt: row.spent_at ?? null,
});

export function sqliteSessions(db: Database.Database): SessionStore {
  const insertSession = db.prepare('INSERT INTO sessions (id, user_id, org_id, created_at) VALUES (?, ?, ?, ?)');
  const insertAccess = db.prepare('INSERT INTO access_tokens (hash, session_id, expires_at) VALUES (?, ?, ?)');
  const insertRefresh = db.prepare('INSERT INTO refresh_tokens (hash, session_id, expires_at) VALUES (?, ?, ?)');
  const byId = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const access = db.prepare('SELECT * FROM access_tokens WHERE hash = ?');
  const refresh = db.prepare('SELECT * FROM refresh_tokens WHERE hash = ?');
  const spend = db.prepare('UPDATE refresh_tokens SET spent_at = ? WHERE hash = ? AND session_id = ? AND spent_at IS NULL');
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const dropAccess = db.prepare('DELETE FROM access_tokens WHERE session_id = ?');

  const create = db.transaction((session: SessionRow, tokens: Parameters<SessionStore['create']>[1]) => {
    insertSession.run(session.id, session.user_id, session.org_id, session.created_at);
    insertAccess.run(tokens.accessHash, session.id, tokens.accessExpiresAt);
    insertRefresh.run(tokens.refreshHash, session.id, tokens.refreshExpiresAt);
  });
  const rotate = db.transaction(
    (sessionId: string, spent: string, tokens: Parameters<SessionStore['rotate']>[2], at: string): boolean => {
      if (spend.run(at, spent, sessionId).changes === 0) return false;
      insertAccess.run(tokens.accessHash, sessionId, tokens.accessExpiresAt);
      insertRefresh.run(tokens.refreshHash, sessionId, tokens.refreshExpiresAt);
      return true;
    },
  );
  const revokeAll = db.transaction((sessionId: string, at: string) => {
    revoke.run(at, sessionId);
    dropAccess.run(sessionId);
  });

  return {
    async create(session, tokens, now) {
      const row: SessionRow = { id: newId(), user_id: session.userId, org_id: session.orgId, created_at: now.toISOString(), revoked_at: null };
      create.immediate(row, tokens);
      return { id: row.id, userId: row.user_id, orgId: row.org_id, createdAt: row.created_at, revokedAt: null };
    },
    async byId(id) {
      const row = byId.get(id) as SessionRow | undefined;
      return row ? { id: row.id, userId: row.user_id, orgId: row.org_id, createdAt: row.created_at, revokedAt: row.revoked_at } : null;
    },
    async accessToken(hash) {
      const row = access.get(hash) as TokenRow | undefined;
      return row ? toToken(row) : null;
    },
    async refreshToken(hash) {
      const row = refresh.get(hash) as TokenRow | undefined;
      return row ? toToken(row) : null;
    },
    async rotate(sessionId, spentRefreshHash, tokens, now) {
      return rotate.immediate(sessionId, spentRefreshHash, tokens, now.toISOString());
    },
    async revoke(sessionId, now) {
      revokeAll.immediate(sessionId, now.toISOString());
    },
  };
}
