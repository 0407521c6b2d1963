// openSqliteStore: the Store on one SQLite file (or ':memory:'), WAL mode, foreign keys on, migrated.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../types.js';
import { migrate } from './migrate.js';
import { sqliteOrgs } from './orgs.js';
import { sqliteMemberships, sqliteUsers } from './people.js';
import { sqliteCodes, sqliteSessions } from './sessions.js';
import { sqliteMaps } from './maps.js';
import { sqliteMedia } from './media.js';
import { sqliteGazetteer } from './gazetteer.js';
import { sqliteWebhooks } from './webhooks.js';
import { sqliteOpen311 } from './open311.js';
import { sqliteReports } from './reports.js';
import { sqliteDebate } from './debate.js';
import { sqlitePolls } from './polls.js';
import { sqliteConsultations } from './consultations.js';

export interface SqliteStore extends Store {
  /** The migrations this open applied (empty when the file was already up to date). */
  readonly appliedMigrations: string[];
}

export function openSqliteStore(path: string): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const appliedMigrations = migrate(db);
    const ping = db.prepare('SELECT 1');
    return {
      appliedMigrations,
      orgs: sqliteOrgs(db),
      users: sqliteUsers(db),
      memberships: sqliteMemberships(db),
      codes: sqliteCodes(db),
      sessions: sqliteSessions(db),
      maps: sqliteMaps(db),
      media: sqliteMedia(db),
      gazetteer: sqliteGazetteer(db),
      webhooks: sqliteWebhooks(db),
      open311: sqliteOpen311(db),
      reports: sqliteReports(db),
      debate: sqliteDebate(db),
      polls: sqlitePolls(db),
      consultations: sqliteConsultations(db),
      async ping() {
        ping.get();
      },
      async close() {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
