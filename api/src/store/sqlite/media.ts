// Photos in SQLite: one row per upload (the files themselves are on disk, see api/src/media/files.ts).
import type Database from 'better-sqlite3';
import { newId } from '../../secrets.js';
import type { MediaMime, MediaRecord, MediaStore, NewMedia } from '../types.js';

interface MediaRow {
  id: string;
  org_id: string;
  uploader_id: string | null;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  created_at: string;
}

function toMedia(row: MediaRow): MediaRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    uploaderId: row.uploader_id,
    sha256: row.sha256,
    mime: row.mime as MediaMime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    createdAt: row.created_at,
  };
}

export function sqliteMedia(db: Database.Database): MediaStore {
  const insert = db.prepare(`INSERT INTO media (id, org_id, uploader_id, sha256, mime, width, height, bytes, created_at)
    VALUES (@id, @org_id, @uploader_id, @sha256, @mime, @width, @height, @bytes, @created_at)`);
  const byId = db.prepare('SELECT * FROM media WHERE org_id = ? AND id = ?');
  const find = db.prepare('SELECT * FROM media WHERE id = ?');

  return {
    async create(input: NewMedia, now: Date) {
      const record: MediaRecord = { id: newId(), ...input, createdAt: now.toISOString() };
      insert.run({
        id: record.id,
        org_id: record.orgId,
        uploader_id: record.uploaderId,
        sha256: record.sha256,
        mime: record.mime,
        width: record.width,
        height: record.height,
        bytes: record.bytes,
        created_at: record.createdAt,
      });
      return record;
    },
    async byId(orgId, id) {
      const row = byId.get(orgId, id) as MediaRow | undefined;
      return row ? toMedia(row) : null;
    },
    async find(id) {
      const row = find.get(id) as MediaRow | undefined;
      return row ? toMedia(row) : null;
    },
  };
}
