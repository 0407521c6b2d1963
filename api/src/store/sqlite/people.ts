// People and their memberships of organisations in SQLite.
import type Database from 'better-sqlite3';
import type { Role } from '@civic-elements/protocol';
import { newId } from '../../secrets.js';
import { ConflictError, type MemberRow, type MembershipRecord, type MembershipStore, type UserRecord, type UserStore } from '../types.js';
import { isUniqueViolation } from './orgs.js';

interface UserRow {
  id: string;
  email: string;
  name: string;
  locale: string;
  email_verified: number;
  password_hash: string | null;
  created_at: string;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale as UserRecord['locale'],
    emailVerified: row.email_verified === 1,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

export function sqliteUsers(db: Database.Database): UserStore {
  const insert = db.prepare(
    'INSERT INTO users (id, email, name, locale, email_verified, password_hash, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
  );
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const update = db.prepare(
    'UPDATE users SET name = @name, locale = @locale, email_verified = @email_verified, password_hash = @password_hash WHERE id = @id',
  );
  return {
    async create(user, now) {
      const id = newId();
      try {
        insert.run(id, user.email, user.name, user.locale, user.passwordHash ?? null, now.toISOString());
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('There is already an account with this email address.');
        throw error;
      }
      return toUser(byId.get(id) as UserRow);
    },
    async byEmail(email) {
      const row = byEmail.get(email) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    async byId(id) {
      const row = byId.get(id) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    async update(id, changes) {
      const row = byId.get(id) as UserRow | undefined;
      if (!row) throw new Error(`No user ${id}`);
      const next = { ...toUser(row), ...changes };
      update.run({
        id,
        name: next.name,
        locale: next.locale,
        email_verified: next.emailVerified ? 1 : 0,
        password_hash: next.passwordHash,
      });
      return next;
    },
  };
}

interface MembershipRow {
  org_id: string;
  org_slug: string;
  user_id: string;
  role: string;
  joined_at: string;
  departments: string;
  email?: string;
  name?: string;
}

const SELECT_MEMBERSHIP = `SELECT m.org_id, o.slug AS org_slug, m.user_id, m.role, m.joined_at,
  coalesce((SELECT json_group_array(d.slug) FROM member_departments md JOIN departments d ON d.id = md.department_id
            WHERE md.org_id = m.org_id AND md.user_id = m.user_id), '[]') AS departments
  FROM memberships m JOIN orgs o ON o.id = m.org_id`;

function toMembership(row: MembershipRow): MembershipRecord {
  return {
    orgId: row.org_id,
    orgSlug: row.org_slug,
    userId: row.user_id,
    role: row.role as Role,
    departments: (JSON.parse(row.departments) as string[]).sort(),
    joinedAt: row.joined_at,
  };
}

export function sqliteMemberships(db: Database.Database): MembershipStore {
  const get = db.prepare(`${SELECT_MEMBERSHIP} WHERE m.org_id = ? AND m.user_id = ?`);
  const forUser = db.prepare(`${SELECT_MEMBERSHIP} WHERE m.user_id = ? ORDER BY m.joined_at, o.slug`);
  const ensure = db.prepare(
    `INSERT INTO memberships (org_id, user_id, role, joined_at) VALUES (?, ?, 'resident', ?) ON CONFLICT (org_id, user_id) DO NOTHING`,
  );
  const upsert = db.prepare(
    `INSERT INTO memberships (org_id, user_id, role, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role`,
  );
  const clearDepartments = db.prepare('DELETE FROM member_departments WHERE org_id = ? AND user_id = ?');
  const addDepartment = db.prepare(
    'INSERT INTO member_departments (org_id, user_id, department_id) SELECT ?, ?, id FROM departments WHERE org_id = ? AND slug = ?',
  );
  const countWithRole = db.prepare('SELECT count(*) AS n FROM memberships WHERE org_id = ? AND role = ?');
  const list = db.prepare(`SELECT x.*, u.email, u.name FROM (${SELECT_MEMBERSHIP} WHERE m.org_id = @org
      AND (@joined IS NULL OR (m.joined_at, m.user_id) > (@joined, @user))) x
    JOIN users u ON u.id = x.user_id ORDER BY x.joined_at, x.user_id LIMIT @limit`);

  const set = db.transaction((orgId: string, userId: string, role: Role, departments: string[], at: string) => {
    upsert.run(orgId, userId, role, at);
    clearDepartments.run(orgId, userId);
    for (const slug of departments) {
      if (addDepartment.run(orgId, userId, orgId, slug).changes === 0) throw new ConflictError(`No department "${slug}".`);
    }
  });

  return {
    async get(orgId, userId) {
      const row = get.get(orgId, userId) as MembershipRow | undefined;
      return row ? toMembership(row) : null;
    },
    async forUser(userId) {
      return (forUser.all(userId) as MembershipRow[]).map(toMembership);
    },
    async ensure(orgId, userId, now) {
      ensure.run(orgId, userId, now.toISOString());
      return toMembership(get.get(orgId, userId) as MembershipRow);
    },
    async set(orgId, userId, role, departments, now) {
      set.immediate(orgId, userId, role, [...new Set(departments)], now.toISOString());
      return toMembership(get.get(orgId, userId) as MembershipRow);
    },
    async countWithRole(orgId, role) {
      return (countWithRole.get(orgId, role) as { n: number }).n;
    },
    async list(orgId, page) {
      const rows = list.all({
        org: orgId,
        joined: page.after?.joinedAt ?? null,
        user: page.after?.userId ?? null,
        limit: page.limit,
      }) as MembershipRow[];
      return rows.map((row): MemberRow => ({ ...toMembership(row), email: row.email ?? '', name: row.name ?? '' }));
    },
  };
}
