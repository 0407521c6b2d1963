// Organisations and their departments in SQLite.
import type Database from 'better-sqlite3';
import { newId } from '../../secrets.js';
import { ConflictError, type DepartmentRecord, type NewOrg, type OrgChanges, type OrgRecord, type OrgStore } from '../types.js';

interface OrgRow {
  id: string;
  slug: string;
  name: string;
  default_locale: string;
  theme: string;
  map: string;
  allowed_origins: string;
  password_sign_in: number;
  created_at: string;
  updated_at: string;
}

function toOrg(row: OrgRow): OrgRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.default_locale as OrgRecord['defaultLocale'],
    theme: JSON.parse(row.theme) as OrgRecord['theme'],
    map: JSON.parse(row.map) as OrgRecord['map'],
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    passwordSignIn: row.password_sign_in === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : '';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Freezes a cached record all the way down, so a caller that changed it would fail loudly, not corrupt the cache. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Organisations and departments are read on nearly every request and change rarely, so reads are
 * cached in memory and every write here clears the cache. This holds because one API process owns
 * the database file; a second process writing to it would need a shared cache or none.
 */
export function sqliteOrgs(db: Database.Database): OrgStore {
  const orgBySlug = new Map<string, OrgRecord | null>();
  const departmentsByOrg = new Map<string, DepartmentRecord[]>();
  const forget = () => {
    orgBySlug.clear();
    departmentsByOrg.clear();
  };
  const insert = db.prepare(`INSERT INTO orgs (id, slug, name, default_locale, theme, map, allowed_origins, password_sign_in, created_at, updated_at)
    VALUES (@id, @slug, @name, @default_locale, @theme, @map, @allowed_origins, @password_sign_in, @created_at, @updated_at)`);
  const bySlug = db.prepare('SELECT * FROM orgs WHERE slug = ?');
  const byId = db.prepare('SELECT * FROM orgs WHERE id = ?');
  const update = db.prepare(`UPDATE orgs SET name = @name, default_locale = @default_locale, theme = @theme, map = @map,
    allowed_origins = @allowed_origins, password_sign_in = @password_sign_in, updated_at = @updated_at WHERE id = @id`);
  const count = db.prepare('SELECT count(*) AS n FROM orgs');
  const origins = db.prepare('SELECT DISTINCT value FROM orgs, json_each(orgs.allowed_origins)');
  const departments = db.prepare('SELECT id, org_id, slug, name FROM departments WHERE org_id = ? ORDER BY name, slug');
  const addDepartment = db.prepare('INSERT INTO departments (id, org_id, slug, name) VALUES (?, ?, ?, ?)');
  const removeDepartment = db.prepare('DELETE FROM departments WHERE org_id = ? AND slug = ?');

  const toRow = (org: OrgRecord): OrgRow => ({
    id: org.id,
    slug: org.slug,
    name: org.name,
    default_locale: org.defaultLocale,
    theme: JSON.stringify(org.theme),
    map: JSON.stringify(org.map),
    allowed_origins: JSON.stringify(org.allowedOrigins),
    password_sign_in: org.passwordSignIn ? 1 : 0,
    created_at: org.createdAt,
    updated_at: org.updatedAt,
  });

  return {
    async create(input: NewOrg, now: Date) {
      const at = now.toISOString();
      const org: OrgRecord = {
        id: newId(),
        slug: input.slug,
        name: input.name,
        defaultLocale: input.defaultLocale ?? 'en',
        theme: input.theme ?? {},
        map: input.map,
        allowedOrigins: input.allowedOrigins ?? [],
        passwordSignIn: input.passwordSignIn ?? false,
        createdAt: at,
        updatedAt: at,
      };
      forget();
      try {
        insert.run(toRow(org));
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`An organisation with the slug "${input.slug}" already exists.`);
        throw error;
      }
      return org;
    },
    async bySlug(slug) {
      let org = orgBySlug.get(slug);
      if (org === undefined) {
        const row = bySlug.get(slug) as OrgRow | undefined;
        org = row ? deepFreeze(toOrg(row)) : null;
        // Unknown slugs are not remembered: anyone could fill the cache with them.
        if (org) orgBySlug.set(slug, org);
      }
      return org;
    },
    async byId(id) {
      const row = byId.get(id) as OrgRow | undefined;
      return row ? toOrg(row) : null;
    },
    async update(id, changes: OrgChanges, now) {
      const row = byId.get(id) as OrgRow | undefined;
      if (!row) throw new Error(`No organisation ${id}`);
      const next: OrgRecord = { ...toOrg(row), ...changes, updatedAt: now.toISOString() };
      forget();
      update.run(toRow(next));
      return next;
    },
    async count() {
      return (count.get() as { n: number }).n;
    },
    async allAllowedOrigins() {
      return (origins.all() as { value: string }[]).map((row) => row.value);
    },
    async departments(orgId) {
      let list = departmentsByOrg.get(orgId);
      if (!list) {
        list = deepFreeze(
          (departments.all(orgId) as { id: string; org_id: string; slug: string; name: string }[]).map(
            (row): DepartmentRecord => ({ id: row.id, orgId: row.org_id, slug: row.slug, name: row.name }),
          ),
        );
        if (departmentsByOrg.size > 10_000) departmentsByOrg.clear();
        departmentsByOrg.set(orgId, list);
      }
      return list;
    },
    async addDepartment(orgId, department) {
      const id = newId();
      forget();
      try {
        addDepartment.run(id, orgId, department.slug, department.name);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`There is already a department "${department.slug}".`);
        throw error;
      }
      return { id, orgId, slug: department.slug, name: department.name };
    },
    async removeDepartment(orgId, slug) {
      forget();
      return removeDepartment.run(orgId, slug).changes > 0;
    },
  };
}
