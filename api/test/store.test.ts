// The SQLite store: migrations once per file, WAL and foreign keys, and no secret kept in clear.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { buildTestApp } from './support/app.js';

/** Every migration file, in the order they apply. */
const MIGRATIONS = readdirSync(new URL('../src/store/sqlite/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).sort();

test('migrations are applied once and recorded; reopening the same file applies none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'civic-store-'));
  const path = join(dir, 'civic.db');
  try {
    const first = openSqliteStore(path);
    assert.ok(MIGRATIONS.length >= 4 && MIGRATIONS[0] === '001-init.sql');
    assert.deepEqual(first.appliedMigrations, MIGRATIONS);
    await first.orgs.create({ slug: 'kept', name: 'Kept', map: { center: [0, 0], zoom: 1, extent: [-1, -1, 1, 1] } }, new Date());
    await first.close();
    const second = openSqliteStore(path);
    assert.deepEqual(second.appliedMigrations, []);
    assert.equal((await second.orgs.bySlug('kept'))?.name, 'Kept');
    await second.close();
    const db = new Database(path, { readonly: true });
    assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').pluck().all(), MIGRATIONS);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('foreign keys are enforced', async () => {
  const store = openSqliteStore(':memory:');
  try {
    await assert.rejects(() => store.memberships.ensure('no-org', 'no-user', new Date()), /FOREIGN KEY/);
  } finally {
    await store.close();
  }
});

test('codes, tokens and passwords are not stored in clear', async () => {
  const t = await buildTestApp();
  try {
    const email = 'secret@example.org';
    const password = 'my very secret password';
    await t.call('POST', '/v1/auth/register', { body: { org: 'test-council', email, name: 'Sec', password } });
    const code = await t.latestCode(email);
    // A second code is sent and kept; the first is signed in with first, to have tokens too.
    const session = (await t.call('POST', '/v1/auth/sign-in', { body: { org: 'test-council', email, code } })).json;
    await t.call('POST', '/v1/auth/code', { body: { org: 'test-council', email } });
    const liveCode = await t.latestCode(email);
    const rotated = (await t.call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).json;
    await t.store.close();

    const db = new Database(t.config.databasePath, { readonly: true });
    const rows = JSON.stringify(
      ['users', 'sign_in_codes', 'sessions', 'access_tokens', 'refresh_tokens'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()),
    );
    db.close();
    const files = readdirSync(t.dataDir)
      .filter((f) => f.startsWith('civic.db'))
      .map((f) => readFileSync(join(t.dataDir, f)).toString('latin1'))
      .join('');
    assert.ok(rows.includes(email), 'the check can see plain data');
    for (const secret of [password, liveCode, session.accessToken, session.refreshToken, rotated.accessToken, rotated.refreshToken]) {
      assert.equal(rows.includes(secret), false, `${secret} in a row`);
      assert.equal(files.includes(secret), false, `${secret} in the database files`);
    }
    assert.match(rows, /scrypt\$/);
  } finally {
    await t.close().catch(() => {});
  }
});
