// Reports in SQLite: categories, settings, reports with photos, timeline, followers and supporters,
// filed in the spatial index (004-spatial.sql) under negative ids. Tables: migrations/005-reports.sql.
import type Database from 'better-sqlite3';
import type { FieldDefinition, FieldValues, Locale, Workflow } from '@civic-elements/protocol';
import { distanceMetres } from '../../domain/distance.js';
import { FIRST_REPORT_NUMBER, formatReference } from '../../domain/reference.js';
import { newId } from '../../secrets.js';
import {
  ConflictError,
  type NewReport,
  type NewReportCategory,
  type NewTimelineEntry,
  type PhotoRef,
  type ReportCategoryRecord,
  type ReportChanges,
  type ReportListRow,
  type ReportRecord,
  type ReportRelationRecord,
  type ReportsStore,
  type ReportSettingsRecord,
  type TimelineRecord,
} from '../types.js';
import { isUniqueViolation } from './orgs.js';
import { listSql, REPORT_COLUMNS, REPORT_JOINS } from './report-list.js';
import { SpatialIndex } from './spatial.js';

interface CategoryRow {
  id: string;
  org_id: string;
  code: string;
  name: string;
  group_name: string;
  description: string;
  keywords: string;
  department_slug: string | null;
  department_name: string | null;
  fields: string;
  active: number;
  position: number;
  created_at: string;
  updated_at: string;
}

interface ReportRow {
  rowid: number;
  id: string;
  org_id: string;
  number: number;
  reference: string;
  category_id: string;
  category_code: string;
  category_name: string;
  description: string;
  lon: number;
  lat: number;
  address: string | null;
  fields: string;
  status: string;
  open: number;
  department_slug: string | null;
  department_name: string | null;
  expected_on: string | null;
  merged_into: number | null;
  merged_id: string | null;
  merged_reference: string | null;
  reporter_id: string | null;
  reporter_name: string | null;
  reporter_email: string | null;
  user_name: string | null;
  user_email: string | null;
  user_locale: string | null;
  client_request_id: string | null;
  follower_count: number;
  support_count: number;
  created_at: string;
  updated_at: string;
  distance?: number;
}

interface PhotoRow {
  report_rowid: number;
  media_id: string;
  width: number;
  height: number;
  removed_at: string | null;
}

interface TimelineRow {
  id: string;
  at: string;
  kind: string;
  actor_kind: string;
  actor_name: string;
  actor_user_id: string | null;
  status: string | null;
  status_label: string | null;
  to_text: string | null;
  from_text: string | null;
  expected_on: string | null;
  public_note: string | null;
  internal_note: string | null;
}

const SELECT_CATEGORY = `SELECT c.*, d.slug AS department_slug, d.name AS department_name
  FROM report_categories c LEFT JOIN departments d ON d.id = c.department_id`;

const toCategory = (row: CategoryRow): ReportCategoryRecord => ({
  id: row.id,
  orgId: row.org_id,
  code: row.code,
  name: row.name,
  group: row.group_name,
  description: row.description,
  keywords: JSON.parse(row.keywords) as string[],
  department: row.department_slug !== null && row.department_name !== null ? { slug: row.department_slug, name: row.department_name } : null,
  fields: JSON.parse(row.fields) as FieldDefinition[],
  active: row.active === 1,
  position: row.position,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The spatial layer a report is filed under: by organisation, category and whether it is open, closed or merged. */
export function reportLayer(orgId: string, categoryId: string, state: 'open' | 'closed' | 'merged'): string {
  return `r:${orgId}:${categoryId}:${state}`;
}
const stateOf = (row: { open: number | boolean; merged_into?: number | null }, mergedInto: number | null = row.merged_into ?? null) =>
  mergedInto !== null ? 'merged' : row.open === 1 || row.open === true ? 'open' : 'closed';

export function sqliteReports(db: Database.Database): ReportsStore {
  const spatial = new SpatialIndex(db);
  db.function('report_distance', { deterministic: true }, (lon1, lat1, lon2, lat2) =>
    distanceMetres([lon1 as number, lat1 as number], [lon2 as number, lat2 as number]),
  );

  // ── categories ──
  const categoriesOf = db.prepare(`${SELECT_CATEGORY} WHERE c.org_id = ? AND (? = 0 OR c.active = 1) ORDER BY c.position, c.id`);
  const categoryById = db.prepare(`${SELECT_CATEGORY} WHERE c.org_id = ? AND c.id = ?`);
  const categoryByCode = db.prepare(`${SELECT_CATEGORY} WHERE c.org_id = ? AND c.code = ?`);
  const departmentId = db.prepare('SELECT id FROM departments WHERE org_id = ? AND slug = ?').pluck();
  const nextPosition = db.prepare('SELECT coalesce(max(position), -1) + 1 FROM report_categories WHERE org_id = ?').pluck();
  const insertCategory = db.prepare(`INSERT INTO report_categories
    (id, org_id, code, name, group_name, description, keywords, department_id, fields, active, position, created_at, updated_at)
    VALUES (@id, @org_id, @code, @name, @group_name, @description, @keywords, @department_id, @fields, @active, @position, @at, @at)`);
  const updateCategoryRow = db.prepare(`UPDATE report_categories SET name = @name, group_name = @group_name, description = @description,
    keywords = @keywords, department_id = @department_id, fields = @fields, active = @active, updated_at = @at WHERE org_id = @org_id AND id = @id`);

  const resolveDepartment = (orgId: string, slug: string | null): string | null => {
    if (slug === null) return null;
    const id = departmentId.get(orgId, slug) as string | undefined;
    if (id === undefined) throw new ConflictError(`There is no department "${slug}" in this organisation.`);
    return id;
  };

  const createCategory = db.transaction((orgId: string, input: NewReportCategory, at: string): string => {
    const id = newId();
    try {
      insertCategory.run({
        id,
        org_id: orgId,
        code: input.code,
        name: input.name,
        group_name: input.group,
        description: input.description,
        keywords: JSON.stringify(input.keywords),
        department_id: resolveDepartment(orgId, input.department),
        fields: JSON.stringify(input.fields),
        active: input.active ? 1 : 0,
        position: nextPosition.get(orgId) as number,
        at,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`There is already a category with the code "${input.code}".`);
      throw error;
    }
    return id;
  });

  // ── settings ──
  const settingsRow = db.prepare('SELECT workflow, anonymous_reports, nearby_radius FROM report_settings WHERE org_id = ?');
  const upsertSettings = db.prepare(`INSERT INTO report_settings (org_id, workflow, anonymous_reports, nearby_radius, updated_at)
    VALUES (@org_id, @workflow, @anonymous, @radius, @at)
    ON CONFLICT (org_id) DO UPDATE SET workflow = excluded.workflow, anonymous_reports = excluded.anonymous_reports,
      nearby_radius = excluded.nearby_radius, updated_at = excluded.updated_at`);
  const statusCounts = db.prepare('SELECT status, count(*) AS n FROM reports WHERE org_id = ? GROUP BY status');
  const wrongSide = db.prepare('SELECT rowid, category_id, lon, lat, merged_into FROM reports WHERE org_id = ? AND status = ? AND open <> ?');
  const setOpen = db.prepare('UPDATE reports SET open = ? WHERE rowid = ?');

  const saveSettings = db.transaction((orgId: string, settings: ReportSettingsRecord, at: string) => {
    upsertSettings.run({
      org_id: orgId,
      workflow: JSON.stringify(settings.workflow),
      anonymous: settings.anonymousReports ? 1 : 0,
      radius: settings.nearbyRadius,
      at,
    });
    for (const step of settings.workflow.steps) {
      const open = step.open311 === 'open' ? 1 : 0;
      for (const row of wrongSide.all(orgId, step.key, open) as { rowid: number; category_id: string; lon: number; lat: number; merged_into: number | null }[]) {
        setOpen.run(open, row.rowid);
        file(orgId, row.rowid, row.category_id, stateOf({ open, merged_into: row.merged_into }), row.lon, row.lat, true);
      }
    }
  });

  // ── reports ──
  const SELECT_REPORT = `SELECT ${REPORT_COLUMNS} FROM reports t ${REPORT_JOINS}`;
  const reportByRowid = db.prepare(`${SELECT_REPORT} WHERE t.org_id = ? AND t.rowid = ?`);
  const reportById = db.prepare(`${SELECT_REPORT} WHERE t.org_id = ? AND t.id = ?`);
  const reportByReference = db.prepare(`${SELECT_REPORT} WHERE t.org_id = ? AND t.reference = ?`);
  const reportByClientId = db.prepare(`${SELECT_REPORT} WHERE t.org_id = ? AND t.client_request_id = ?`);
  const reportsByRowids = db.prepare(`${SELECT_REPORT} WHERE t.org_id = ? AND t.rowid IN (SELECT value FROM json_each(?))`);
  const photosOf = db.prepare(`SELECT report_rowid, media_id, width, height, removed_at FROM report_photos
    WHERE report_rowid IN (SELECT value FROM json_each(?)) ORDER BY report_rowid, position`);
  const nextNumber = db.prepare(`SELECT coalesce(max(number), ${FIRST_REPORT_NUMBER - 1}) + 1 FROM reports WHERE org_id = ?`).pluck();
  const insertReport = db.prepare(`INSERT INTO reports (id, org_id, number, reference, category_id, description, lon, lat, address, fields,
    status, open, department_id, reporter_id, reporter_name, reporter_email, client_request_id, created_at, updated_at)
    VALUES (@id, @org_id, @number, @reference, @category_id, @description, @lon, @lat, @address, @fields,
    @status, @open, @department_id, @reporter_id, @reporter_name, @reporter_email, @client_request_id, @at, @at)`);
  const insertPhoto = db.prepare('INSERT INTO report_photos (report_rowid, media_id, position, width, height) VALUES (?, ?, ?, ?, ?)');
  const insertEntry = db.prepare(`INSERT INTO report_timeline (id, report_rowid, at, kind, actor_kind, actor_name, actor_user_id,
    status, status_label, to_text, from_text, expected_on, public_note, internal_note)
    VALUES (@id, @report_rowid, @at, @kind, @actor_kind, @actor_name, @actor_user_id, @status, @status_label, @to_text, @from_text, @expected_on, @public_note, @internal_note)`);
  const timelineRows = db.prepare(`SELECT tl.* FROM report_timeline tl JOIN reports t ON t.rowid = tl.report_rowid
    WHERE t.org_id = ? AND tl.report_rowid = ? ORDER BY tl.rowid`);
  const insertFollower = db.prepare('INSERT OR IGNORE INTO report_followers (report_rowid, user_id, created_at) VALUES (?, ?, ?)');
  const deleteFollower = db.prepare('DELETE FROM report_followers WHERE report_rowid = ? AND user_id = ?');
  const insertSupport = db.prepare('INSERT OR IGNORE INTO report_supports (report_rowid, user_id, created_at) VALUES (?, ?, ?)');
  const deleteSupport = db.prepare('DELETE FROM report_supports WHERE report_rowid = ? AND user_id = ?');
  const relationOf = db.prepare(`SELECT
    EXISTS (SELECT 1 FROM report_followers WHERE report_rowid = @rowid AND user_id = @user) AS following,
    EXISTS (SELECT 1 FROM report_supports WHERE report_rowid = @rowid AND user_id = @user) AS supported,
    follower_count, support_count FROM reports WHERE rowid = @rowid`);
  const relationsOf = db.prepare(`SELECT value AS rowid,
    EXISTS (SELECT 1 FROM report_followers WHERE report_rowid = value AND user_id = @user) AS following,
    EXISTS (SELECT 1 FROM report_supports WHERE report_rowid = value AND user_id = @user) AS supported
    FROM json_each(@rowids)`);
  const followerRows = db.prepare(`SELECT u.id AS user_id, u.email, u.name, u.locale FROM report_followers f JOIN users u ON u.id = f.user_id
    WHERE f.report_rowid = ? ORDER BY f.created_at, u.id`);
  const moveFollowers = db.prepare(`INSERT OR IGNORE INTO report_followers (report_rowid, user_id, created_at)
    SELECT ?, user_id, created_at FROM report_followers WHERE report_rowid = ?`);
  const moveSupports = db.prepare(`INSERT OR IGNORE INTO report_supports (report_rowid, user_id, created_at)
    SELECT ?, user_id, created_at FROM report_supports WHERE report_rowid = ?`);
  const dropFollowers = db.prepare('DELETE FROM report_followers WHERE report_rowid = ?');
  const dropSupports = db.prepare('DELETE FROM report_supports WHERE report_rowid = ?');
  const touch = db.prepare('UPDATE reports SET updated_at = ? WHERE rowid = ?');
  const removePhotoRow = db.prepare('UPDATE report_photos SET removed_at = ? WHERE report_rowid = ? AND media_id = ? AND removed_at IS NULL');
  const attachable = db.prepare(`SELECT m.id, m.width, m.height FROM media m
    WHERE m.org_id = @org AND m.id IN (SELECT value FROM json_each(@ids))
      AND NOT EXISTS (SELECT 1 FROM report_photos p WHERE p.media_id = m.id)
      AND ((@user IS NOT NULL AND m.uploader_id = @user)
        OR (@user IS NULL AND m.uploader_id IS NULL AND EXISTS (SELECT 1 FROM report_anonymous_uploads a
          WHERE a.media_id = m.id AND a.org_id = @org AND a.address_hash = @address AND a.created_at >= @since)))`);
  const photoRemoved = db.prepare('SELECT 1 FROM report_photos WHERE media_id = ? AND removed_at IS NOT NULL').pluck();
  const insertAnonymousUpload = db.prepare('INSERT OR REPLACE INTO report_anonymous_uploads (media_id, org_id, address_hash, created_at) VALUES (?, ?, ?, ?)');

  /** Files (or re-files) a report in the spatial index. */
  function file(orgId: string, rowid: number, categoryId: string, state: 'open' | 'closed' | 'merged', lon: number, lat: number, moving: boolean) {
    const entry = { rowid: -rowid, layer: reportLayer(orgId, categoryId, state), lon, lat, bbox: [lon, lat, lon, lat] as [number, number, number, number] };
    if (moving) spatial.move(entry);
    else spatial.add(entry);
  }

  function addEntry(rowid: number, entry: NewTimelineEntry, at: string) {
    insertEntry.run({
      id: newId(),
      report_rowid: rowid,
      at,
      kind: entry.kind,
      actor_kind: entry.actor.kind,
      actor_name: entry.actor.name,
      actor_user_id: entry.actor.userId,
      status: entry.status ?? null,
      status_label: entry.statusLabel ?? null,
      to_text: entry.to ?? null,
      from_text: entry.from ?? null,
      expected_on: entry.expectedOn ?? null,
      public_note: entry.publicNote ?? null,
      internal_note: entry.internalNote ?? null,
    });
  }

  function toReports(rows: ReportRow[]): ReportListRow[] {
    if (rows.length === 0) return [];
    const photos = new Map<number, ReportRecord['photos']>();
    for (const p of photosOf.all(JSON.stringify(rows.map((r) => r.rowid))) as PhotoRow[]) {
      let list = photos.get(p.report_rowid);
      if (!list) photos.set(p.report_rowid, (list = []));
      list.push({ id: p.media_id, width: p.width, height: p.height, removedAt: p.removed_at });
    }
    return rows.map((row) => ({
      rowid: row.rowid,
      id: row.id,
      orgId: row.org_id,
      number: row.number,
      reference: row.reference,
      category: { id: row.category_id, code: row.category_code, name: row.category_name },
      description: row.description,
      lon: row.lon,
      lat: row.lat,
      address: row.address,
      fields: JSON.parse(row.fields) as FieldValues,
      photos: photos.get(row.rowid) ?? [],
      status: row.status,
      open: row.open === 1,
      department: row.department_slug !== null && row.department_name !== null ? { slug: row.department_slug, name: row.department_name } : null,
      expectedOn: row.expected_on,
      mergedInto: row.merged_id !== null && row.merged_reference !== null ? { id: row.merged_id, reference: row.merged_reference } : null,
      reporterId: row.reporter_id,
      reporterName: row.reporter_id !== null ? row.user_name : row.reporter_name,
      reporterEmail: row.reporter_id !== null ? row.user_email : row.reporter_email,
      reporterLocale: row.reporter_id !== null ? ((row.user_locale as Locale | null) ?? null) : null,
      clientRequestId: row.client_request_id,
      followerCount: row.follower_count,
      supportCount: row.support_count,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(row.distance !== undefined ? { distance: row.distance } : {}),
    }));
  }

  const one = (row: unknown): ReportRecord | null => (row ? toReports([row as ReportRow])[0]! : null);
  const load = (orgId: string, rowid: number): ReportRecord => {
    const report = one(reportByRowid.get(orgId, rowid));
    if (!report) throw new Error(`report ${rowid} vanished`);
    return report;
  };
  const loadMany = (orgId: string, rowids: readonly number[]): ReportRecord[] => {
    if (rowids.length === 0) return [];
    const byRowid = new Map(toReports(reportsByRowids.all(orgId, JSON.stringify(rowids)) as ReportRow[]).map((r) => [r.rowid, r]));
    return rowids.flatMap((rowid) => byRowid.get(rowid) ?? []);
  };

  const create = db.transaction((input: NewReport, entry: NewTimelineEntry, at: string): { rowid: number; created: boolean } => {
    if (input.clientRequestId !== null) {
      const existing = reportByClientId.get(input.orgId, input.clientRequestId) as ReportRow | undefined;
      if (existing) return { rowid: existing.rowid, created: false };
    }
    const number = nextNumber.get(input.orgId) as number;
    const result = insertReport.run({
      id: newId(),
      org_id: input.orgId,
      number,
      reference: formatReference(input.referencePrefix, number),
      category_id: input.categoryId,
      description: input.description,
      lon: input.lon,
      lat: input.lat,
      address: input.address,
      fields: JSON.stringify(input.fields),
      status: input.status,
      open: input.open ? 1 : 0,
      department_id: input.department === null ? null : (departmentId.get(input.orgId, input.department) ?? null),
      reporter_id: input.reporterId,
      reporter_name: input.reporterId === null ? input.reporterName : null,
      reporter_email: input.reporterId === null ? input.reporterEmail : null,
      client_request_id: input.clientRequestId,
      at,
    });
    const rowid = Number(result.lastInsertRowid);
    input.photos.forEach((photo, position) => {
      try {
        insertPhoto.run(rowid, photo.id, position, photo.width, photo.height);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('This photo is already attached to another report. Upload it again.');
        throw error;
      }
    });
    addEntry(rowid, entry, at);
    if (input.reporterId !== null) insertFollower.run(rowid, input.reporterId, at);
    file(input.orgId, rowid, input.categoryId, input.open ? 'open' : 'closed', input.lon, input.lat, false);
    return { rowid, created: true };
  });

  const update = db.transaction((orgId: string, rowid: number, changes: ReportChanges, entries: readonly NewTimelineEntry[], at: string) => {
    const current = reportByRowid.get(orgId, rowid) as ReportRow | undefined;
    if (!current) throw new Error(`report ${rowid} is not in this organisation`);
    const sets: string[] = ['updated_at = @at'];
    const params: Record<string, unknown> = { at, rowid };
    if (changes.status) {
      sets.push('status = @status', 'open = @open');
      params.status = changes.status.key;
      params.open = changes.status.open ? 1 : 0;
    }
    if (changes.categoryId !== undefined) {
      sets.push('category_id = @category');
      params.category = changes.categoryId;
    }
    if (changes.department !== undefined) {
      sets.push('department_id = @department');
      params.department = resolveDepartment(orgId, changes.department);
    }
    if (changes.expectedOn !== undefined) {
      sets.push('expected_on = @expected');
      params.expected = changes.expectedOn;
    }
    db.prepare(`UPDATE reports SET ${sets.join(', ')} WHERE rowid = @rowid`).run(params);
    for (const entry of entries) addEntry(rowid, entry, at);
    const open = changes.status ? changes.status.open : current.open === 1;
    const categoryId = changes.categoryId ?? current.category_id;
    if (open !== (current.open === 1) || categoryId !== current.category_id) {
      file(orgId, rowid, categoryId, stateOf({ open: open ? 1 : 0, merged_into: current.merged_into }), current.lon, current.lat, true);
    }
  });

  const merge = db.transaction((orgId: string, rowid: number, intoRowid: number, status: string, entries: { duplicate: NewTimelineEntry; kept: NewTimelineEntry }, at: string) => {
    const duplicate = reportByRowid.get(orgId, rowid) as ReportRow | undefined;
    const kept = reportByRowid.get(orgId, intoRowid) as ReportRow | undefined;
    if (!duplicate || !kept) throw new Error('both reports must belong to the organisation');
    db.prepare('UPDATE reports SET status = ?, open = 0, merged_into = ?, updated_at = ? WHERE rowid = ?').run(status, intoRowid, at, rowid);
    moveFollowers.run(intoRowid, rowid);
    moveSupports.run(intoRowid, rowid);
    dropFollowers.run(rowid);
    dropSupports.run(rowid);
    touch.run(at, intoRowid);
    addEntry(rowid, entries.duplicate, at);
    addEntry(intoRowid, entries.kept, at);
    file(orgId, rowid, duplicate.category_id, 'merged', duplicate.lon, duplicate.lat, true);
  });

  const removePhoto = db.transaction((orgId: string, rowid: number, mediaId: string, entry: NewTimelineEntry, at: string): boolean => {
    if (!reportByRowid.get(orgId, rowid)) return false;
    if (removePhotoRow.run(at, rowid, mediaId).changes === 0) return false;
    addEntry(rowid, entry, at);
    touch.run(at, rowid);
    return true;
  });

  const setRelation = db.transaction((orgId: string, rowid: number, userId: string, what: 'follow' | 'support', on: boolean, at: string): ReportRelationRecord => {
    if (!reportByRowid.get(orgId, rowid)) throw new Error(`report ${rowid} is not in this organisation`);
    if (what === 'follow') {
      if (on) insertFollower.run(rowid, userId, at);
      else deleteFollower.run(rowid, userId);
    } else if (on) {
      insertSupport.run(rowid, userId, at);
      insertFollower.run(rowid, userId, at); // supporting also follows
    } else {
      deleteSupport.run(rowid, userId);
    }
    const row = relationOf.get({ rowid, user: userId }) as { following: number; supported: number; follower_count: number; support_count: number };
    return { following: row.following === 1, supported: row.supported === 1, followerCount: row.follower_count, supportCount: row.support_count };
  });

  // One prepared statement per shape of list query (report-list.ts builds them).
  const listStatements = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let prepared = listStatements.get(sql);
    if (!prepared) {
      if (listStatements.size > 500) listStatements.clear();
      prepared = db.prepare(sql);
      listStatements.set(sql, prepared);
    }
    return prepared;
  };

  return {
    async categories(orgId, options = {}) {
      return (categoriesOf.all(orgId, options.activeOnly ? 1 : 0) as CategoryRow[]).map(toCategory);
    },
    async category(orgId, id) {
      const row = categoryById.get(orgId, id) as CategoryRow | undefined;
      return row ? toCategory(row) : null;
    },
    async categoryByCode(orgId, code) {
      const row = categoryByCode.get(orgId, code) as CategoryRow | undefined;
      return row ? toCategory(row) : null;
    },
    async createCategory(orgId, category, now) {
      const id = createCategory.immediate(orgId, category, now.toISOString());
      return toCategory(categoryById.get(orgId, id) as CategoryRow);
    },
    async updateCategory(orgId, id, changes, now) {
      const row = categoryById.get(orgId, id) as CategoryRow | undefined;
      if (!row) return null;
      const current = toCategory(row);
      updateCategoryRow.run({
        org_id: orgId,
        id,
        name: changes.name ?? current.name,
        group_name: changes.group ?? current.group,
        description: changes.description ?? current.description,
        keywords: JSON.stringify(changes.keywords ?? current.keywords),
        department_id: changes.department !== undefined ? resolveDepartment(orgId, changes.department) : current.department ? resolveDepartment(orgId, current.department.slug) : null,
        fields: JSON.stringify(changes.fields ?? current.fields),
        active: (changes.active ?? current.active) ? 1 : 0,
        at: now.toISOString(),
      });
      return toCategory(categoryById.get(orgId, id) as CategoryRow);
    },

    async settings(orgId) {
      const row = settingsRow.get(orgId) as { workflow: string; anonymous_reports: number; nearby_radius: number } | undefined;
      return row ? { workflow: JSON.parse(row.workflow) as Workflow, anonymousReports: row.anonymous_reports === 1, nearbyRadius: row.nearby_radius } : null;
    },
    async saveSettings(orgId, settings, now) {
      saveSettings.immediate(orgId, settings, now.toISOString());
      return settings;
    },
    async statusCounts(orgId) {
      return new Map((statusCounts.all(orgId) as { status: string; n: number }[]).map((row) => [row.status, row.n]));
    },

    async create(report, entry, now) {
      let outcome: { rowid: number; created: boolean };
      try {
        outcome = create.immediate(report, entry, now.toISOString());
      } catch (error) {
        // Two resends at once (from two processes): the second finds the first.
        if (report.clientRequestId !== null && isUniqueViolation(error)) {
          const existing = one(reportByClientId.get(report.orgId, report.clientRequestId));
          if (existing) return { report: existing, created: false };
        }
        throw error;
      }
      return { report: load(report.orgId, outcome.rowid), created: outcome.created };
    },
    async byId(orgId, id) {
      return one(reportById.get(orgId, id));
    },
    async byReference(orgId, reference) {
      return one(reportByReference.get(orgId, reference));
    },
    async byClientRequestId(orgId, clientRequestId) {
      return one(reportByClientId.get(orgId, clientRequestId));
    },
    async list(orgId, query) {
      const { sql, params } = listSql(orgId, query, false);
      return toReports(statement(sql).all(params) as ReportRow[]).map((row) => {
        if (!query.near) delete (row as { distance?: number }).distance;
        return row;
      });
    },
    async count(orgId, query) {
      const { sql, params } = listSql(orgId, query, true);
      return statement(sql).pluck().get(params) as number;
    },
    async timeline(orgId, rowid) {
      return (timelineRows.all(orgId, rowid) as TimelineRow[]).map(
        (row): TimelineRecord => ({
          id: row.id,
          at: row.at,
          kind: row.kind as TimelineRecord['kind'],
          actor: { kind: row.actor_kind as TimelineRecord['actor']['kind'], name: row.actor_name, userId: row.actor_user_id },
          ...(row.status !== null ? { status: row.status } : {}),
          ...(row.status_label !== null ? { statusLabel: row.status_label } : {}),
          ...(row.to_text !== null ? { to: row.to_text } : {}),
          ...(row.from_text !== null ? { from: row.from_text } : {}),
          ...(row.kind === 'expected' ? { expectedOn: row.expected_on } : {}),
          ...(row.public_note !== null ? { publicNote: row.public_note } : {}),
          ...(row.internal_note !== null ? { internalNote: row.internal_note } : {}),
        }),
      );
    },
    async update(orgId, rowid, changes, entries, now) {
      update.immediate(orgId, rowid, changes, entries, now.toISOString());
      return load(orgId, rowid);
    },
    async merge(orgId, rowid, intoRowid, status, entries, now) {
      merge.immediate(orgId, rowid, intoRowid, status, entries, now.toISOString());
      return { duplicate: load(orgId, rowid), kept: load(orgId, intoRowid) };
    },
    async removePhoto(orgId, rowid, mediaId, entry, now) {
      return removePhoto.immediate(orgId, rowid, mediaId, entry, now.toISOString()) ? load(orgId, rowid) : null;
    },
    async setFollowing(orgId, rowid, userId, on, now) {
      return setRelation.immediate(orgId, rowid, userId, 'follow', on, now.toISOString());
    },
    async setSupporting(orgId, rowid, userId, on, now) {
      return setRelation.immediate(orgId, rowid, userId, 'support', on, now.toISOString());
    },
    async relations(userId, rowids) {
      const map = new Map<number, { following: boolean; supported: boolean }>();
      if (rowids.length === 0) return map;
      for (const row of relationsOf.all({ user: userId, rowids: JSON.stringify(rowids) }) as { rowid: number; following: number; supported: number }[]) {
        map.set(row.rowid, { following: row.following === 1, supported: row.supported === 1 });
      }
      return map;
    },
    async followers(rowid) {
      return (followerRows.all(rowid) as { user_id: string; email: string; name: string; locale: string }[]).map((row) => ({
        userId: row.user_id,
        email: row.email,
        name: row.name,
        locale: row.locale as Locale,
      }));
    },
    async attachablePhotos(orgId, ids, uploader) {
      if (ids.length === 0) return [];
      const rows = attachable.all({
        org: orgId,
        ids: JSON.stringify(ids),
        user: 'userId' in uploader ? uploader.userId : null,
        address: 'addressHash' in uploader ? uploader.addressHash : null,
        since: 'since' in uploader ? uploader.since : null,
      }) as PhotoRef[];
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => {
        const photo = found.get(id);
        return photo ? [{ id: photo.id, width: photo.width, height: photo.height }] : [];
      });
    },
    async photoRemoved(mediaId) {
      return photoRemoved.get(mediaId) !== undefined;
    },
    async recordAnonymousUpload(orgId, mediaId, addressHash, now) {
      insertAnonymousUpload.run(mediaId, orgId, addressHash, now.toISOString());
    },
    async viewport(orgId, q) {
      const states: ('open' | 'closed')[] = q.closed ? ['open', 'closed'] : ['open'];
      const layers = q.categoryIds.flatMap((id) => states.map((state) => reportLayer(orgId, id, state)));
      const result = spatial.query({ layers, bbox: q.bbox, zoom: q.zoom, limit: q.limit });
      return {
        total: result.total,
        clustered: result.clustered,
        reports: loadMany(orgId, result.rowids.map((id) => -id)),
        clusters: result.clusters.map((c) => ({ key: c.key, lon: c.lon, lat: c.lat, count: c.count, bbox: c.bbox, expansionZoom: c.expansionZoom })),
      };
    },
  };
}
