// Map projects, categories, contributions, places and events in SQLite, kept in step with the spatial index.
import type Database from 'better-sqlite3';
import type { BBox, ContributionStatus, FieldValues, Geometry } from '@civic-elements/protocol';
import { bboxOf } from '../../domain/geo.js';
import { representativePoint } from '../../domain/representative-point.js';
import { newId } from '../../secrets.js';
import {
  ConflictError,
  type CategoryRecord,
  type FeatureChanges,
  type FeatureKind,
  type FeatureRecord,
  type FlagRecord,
  type MapStore,
  type ModerationEntry,
  type NewFeature,
  type PhotoRef,
  type ProjectRecord,
  type ViewportResult,
} from '../types.js';
import { isUniqueViolation } from './orgs.js';
import { clusterPoints, SpatialIndex, type SpatialEntry } from './spatial.js';

/** How many events in one box are read before the time filter (events are few; this bounds a bad day). */
const EVENT_SCAN_LIMIT = 20_000;

interface ProjectRow {
  id: string;
  org_id: string;
  title: string;
  description: string;
  area: string;
  bbox: string;
  contribute: string;
  moderation: string;
  status: string;
  created_at: string;
  updated_at: string;
}

interface CategoryRow {
  id: string;
  project_id: string;
  position: number;
  name: string;
  colour: string;
  symbol: string;
  fields: string;
  archived: number;
}

interface FeatureRow {
  rowid: number;
  id: string;
  kind: string;
  org_id: string;
  project_id: string | null;
  category_id: string | null;
  status: string;
  geometry: string;
  lon: number;
  lat: number;
  title: string;
  description: string;
  organiser: string;
  url: string | null;
  start_at: string | null;
  end_at: string | null;
  fields: string;
  photos: string;
  author_id: string | null;
  author_name: string | null;
  open_flags: number;
  created_at: string;
  updated_at: string;
}

const toCategory = (row: CategoryRow): CategoryRecord => ({
  id: row.id,
  projectId: row.project_id,
  position: row.position,
  name: row.name,
  colour: row.colour,
  symbol: row.symbol as CategoryRecord['symbol'],
  fields: JSON.parse(row.fields) as CategoryRecord['fields'],
  archived: row.archived === 1,
});

const toFeature = (row: FeatureRow): FeatureRecord => ({
  rowid: row.rowid,
  id: row.id,
  kind: row.kind as FeatureKind,
  orgId: row.org_id,
  projectId: row.project_id,
  categoryId: row.category_id,
  status: row.status as ContributionStatus,
  geometry: JSON.parse(row.geometry) as Geometry,
  lon: row.lon,
  lat: row.lat,
  title: row.title,
  description: row.description,
  organiser: row.organiser,
  url: row.url,
  start: row.start_at,
  end: row.end_at,
  fields: JSON.parse(row.fields) as FieldValues,
  photos: JSON.parse(row.photos) as PhotoRef[],
  authorId: row.author_id,
  authorName: row.author_name,
  openFlags: row.open_flags,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The spatial layer a feature belongs to: contributions by project, category and status; places and events by organisation. */
export function layerKey(feature: Pick<FeatureRecord, 'kind' | 'orgId' | 'projectId' | 'categoryId' | 'status'>): string {
  if (feature.kind === 'place') return `p:${feature.orgId}`;
  if (feature.kind === 'event') return `e:${feature.orgId}`;
  return `c:${feature.projectId}:${feature.categoryId}:${feature.status}`;
}

const SELECT_FEATURE = `SELECT f.rowid, f.id, f.kind, f.org_id, f.project_id, f.category_id, f.status, f.geometry, f.lon, f.lat,
  f.title, f.description, f.organiser, f.url, f.start_at, f.end_at, f.fields, f.photos, f.author_id, u.name AS author_name,
  (SELECT count(*) FROM flags fl WHERE fl.feature_rowid = f.rowid AND fl.resolved_at IS NULL) AS open_flags,
  f.created_at, f.updated_at
  FROM features f LEFT JOIN users u ON u.id = f.author_id`;

/**
 * The features with the given rowids (a JSON array), as one JSON array of arrays built by SQLite: one
 * string and one JSON.parse for a viewport's hundred features, rather than a row object and three
 * JSON.parse calls each. SQLite writes REALs with 17 digits, so lon and lat come back exactly.
 * Columns in the order of toFeatureOfArray.
 */
const FEATURES_AS_JSON = `SELECT json_group_array(json_array(f.rowid, f.id, f.kind, f.org_id, f.project_id, f.category_id, f.status,
    json(f.geometry), f.lon, f.lat, f.title, f.description, f.organiser, f.url, f.start_at, f.end_at, json(f.fields), json(f.photos),
    f.author_id, u.name, (SELECT count(*) FROM flags fl WHERE fl.feature_rowid = f.rowid AND fl.resolved_at IS NULL), f.created_at, f.updated_at))
  FROM features f LEFT JOIN users u ON u.id = f.author_id
  WHERE f.rowid IN (SELECT value FROM json_each(?)) AND f.org_id = ?`;

type FeatureArray = [
  rowid: number, id: string, kind: string, orgId: string, projectId: string | null, categoryId: string | null, status: string,
  geometry: Geometry, lon: number, lat: number, title: string, description: string, organiser: string, url: string | null,
  start: string | null, end: string | null, fields: FieldValues, photos: PhotoRef[], authorId: string | null, authorName: string | null,
  openFlags: number, createdAt: string, updatedAt: string,
];

const toFeatureOfArray = (a: FeatureArray): FeatureRecord => ({
  rowid: a[0],
  id: a[1],
  kind: a[2] as FeatureKind,
  orgId: a[3],
  projectId: a[4],
  categoryId: a[5],
  status: a[6] as ContributionStatus,
  geometry: a[7],
  lon: a[8],
  lat: a[9],
  title: a[10],
  description: a[11],
  organiser: a[12],
  url: a[13],
  start: a[14],
  end: a[15],
  fields: a[16],
  photos: a[17],
  authorId: a[18],
  authorName: a[19],
  openFlags: a[20],
  createdAt: a[21],
  updatedAt: a[22],
});

export function sqliteMaps(db: Database.Database): MapStore {
  const spatial = new SpatialIndex(db);

  // ── projects ──
  const insertProject = db.prepare(`INSERT INTO projects (id, org_id, title, description, area, bbox, contribute, moderation, status, created_at, updated_at)
    VALUES (@id, @org_id, @title, @description, @area, @bbox, @contribute, @moderation, @status, @created_at, @updated_at)`);
  const projectRow = db.prepare('SELECT * FROM projects WHERE org_id = ? AND id = ?');
  const projectRows = db.prepare(`SELECT * FROM projects WHERE org_id = @org AND status IN (SELECT value FROM json_each(@statuses))
    AND (@created IS NULL OR (created_at, id) > (@created, @id)) ORDER BY created_at, id LIMIT @limit`);
  const updateProjectRow = db.prepare(`UPDATE projects SET title = @title, description = @description, area = @area, bbox = @bbox,
    contribute = @contribute, moderation = @moderation, status = @status, updated_at = @updated_at WHERE org_id = @org_id AND id = @id`);
  const deleteProjectRow = db.prepare('DELETE FROM projects WHERE org_id = ? AND id = ?');
  const detachEvents = db.prepare("UPDATE features SET project_id = NULL WHERE org_id = ? AND project_id = ? AND kind <> 'contribution'");
  const anyContribution = db.prepare("SELECT 1 FROM features WHERE org_id = ? AND project_id = ? AND kind = 'contribution' LIMIT 1");
  const countActive = db.prepare(`SELECT project_id, count(*) AS n FROM features WHERE org_id = ? AND kind = 'contribution' AND status = 'active'
    AND project_id IN (SELECT value FROM json_each(?)) GROUP BY project_id`);

  // ── categories ──
  const categoryRows = db.prepare('SELECT * FROM categories WHERE org_id = ? AND project_id = ? ORDER BY archived, position, id');
  const insertCategory = db.prepare(`INSERT INTO categories (id, org_id, project_id, position, name, colour, symbol, fields, archived)
    VALUES (@id, @org_id, @project_id, @position, @name, @colour, @symbol, @fields, 0)`);
  const updateCategory = db.prepare(`UPDATE categories SET position = @position, name = @name, colour = @colour, symbol = @symbol,
    fields = @fields, archived = 0 WHERE org_id = @org_id AND project_id = @project_id AND id = @id`);
  const archiveCategory = db.prepare('UPDATE categories SET archived = 1, position = ? WHERE org_id = ? AND id = ?');
  const deleteCategory = db.prepare('DELETE FROM categories WHERE org_id = ? AND id = ?');
  const categoryUsed = db.prepare('SELECT 1 FROM features WHERE org_id = ? AND category_id = ? LIMIT 1');

  // ── members ──
  const members = db.prepare('SELECT email FROM project_members WHERE org_id = ? AND project_id = ? ORDER BY email');
  const clearMembers = db.prepare('DELETE FROM project_members WHERE org_id = ? AND project_id = ?');
  const addMember = db.prepare('INSERT OR IGNORE INTO project_members (org_id, project_id, email) VALUES (?, ?, ?)');
  const isMember = db.prepare('SELECT 1 FROM project_members WHERE org_id = ? AND project_id = ? AND email = ?');

  // ── features ──
  const insertFeature = db.prepare(`INSERT INTO features (id, kind, org_id, project_id, category_id, status, geometry, lon, lat,
    min_lon, min_lat, max_lon, max_lat, title, description, organiser, url, start_at, end_at, fields, photos, author_id, created_at, updated_at)
    VALUES (@id, @kind, @org_id, @project_id, @category_id, @status, @geometry, @lon, @lat, @min_lon, @min_lat, @max_lon, @max_lat,
    @title, @description, @organiser, @url, @start_at, @end_at, @fields, @photos, @author_id, @created_at, @updated_at)`);
  const featureById = db.prepare(`${SELECT_FEATURE} WHERE f.org_id = ? AND f.kind = ? AND f.id = ?`);
  const featureByRowid = db.prepare(`${SELECT_FEATURE} WHERE f.org_id = ? AND f.rowid = ?`);
  const featuresByRowids = db.prepare(FEATURES_AS_JSON).pluck();
  const updateFeatureRow = db.prepare(`UPDATE features SET project_id = @project_id, category_id = @category_id, status = @status,
    geometry = @geometry, lon = @lon, lat = @lat, min_lon = @min_lon, min_lat = @min_lat, max_lon = @max_lon, max_lat = @max_lat,
    title = @title, description = @description, organiser = @organiser, url = @url, start_at = @start_at, end_at = @end_at,
    fields = @fields, photos = @photos, updated_at = @updated_at WHERE org_id = @org_id AND rowid = @rowid`);
  const deleteFeatureRow = db.prepare('DELETE FROM features WHERE org_id = ? AND rowid = ?');
  const ownInBox = db.prepare(`${SELECT_FEATURE} WHERE f.author_id = @user AND f.project_id = @project AND f.org_id = @org
    AND f.kind = 'contribution' AND f.status IN (SELECT value FROM json_each(@statuses))
    AND f.max_lon >= @minLon AND f.min_lon <= @maxLon AND f.max_lat >= @minLat AND f.min_lat <= @maxLat LIMIT 500`);
  const contributionPage = db.prepare(`${SELECT_FEATURE} WHERE f.org_id = @org AND f.project_id = @project AND f.kind = 'contribution'
    AND f.status IN (SELECT value FROM json_each(@statuses)) AND (@created IS NULL OR (f.created_at, f.id) > (@created, @id))
    ORDER BY f.created_at, f.id LIMIT @limit`);
  const eventsInTime = db.prepare(`SELECT rowid, lon, lat FROM features WHERE rowid IN (SELECT value FROM json_each(@rowids))
    AND org_id = @org AND kind = 'event' AND (@from IS NULL OR end_at > @from) AND (@to IS NULL OR start_at < @to)`);
  const eventList = db.prepare(`${SELECT_FEATURE} WHERE f.org_id = @org AND f.kind = 'event' AND (@project IS NULL OR f.project_id = @project)
    AND (@after IS NULL OR f.end_at > @after) ORDER BY f.start_at, f.id LIMIT @limit`);

  // ── flags and moderation ──
  const insertFlag = db.prepare('INSERT INTO flags (org_id, feature_rowid, user_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const openFlagCount = db.prepare('SELECT count(*) AS n FROM flags WHERE org_id = ? AND feature_rowid = ? AND resolved_at IS NULL');
  const flagRows = db.prepare('SELECT user_id, reason, note, created_at, resolved_at FROM flags WHERE org_id = ? AND feature_rowid = ? ORDER BY created_at, user_id');
  const resolveFlags = db.prepare('UPDATE flags SET resolved_at = ? WHERE org_id = ? AND feature_rowid = ? AND resolved_at IS NULL');
  const insertLog = db.prepare(`INSERT INTO moderation_log (org_id, feature_rowid, user_id, action, from_status, to_status, note, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const logRows = db.prepare('SELECT user_id, action, from_status, to_status, note, created_at FROM moderation_log WHERE org_id = ? AND feature_rowid = ? ORDER BY id');
  const setStatus = db.prepare('UPDATE features SET status = ?, updated_at = ? WHERE org_id = ? AND rowid = ?');

  // ── media (migration 003) ──
  const mediaLookup = db.prepare('SELECT id, width, height FROM media WHERE org_id = ? AND id IN (SELECT value FROM json_each(?))');

  const loadProject = (orgId: string, id: string): ProjectRecord | null => {
    const row = projectRow.get(orgId, id) as ProjectRow | undefined;
    return row ? toProject(row) : null;
  };
  const toProject = (row: ProjectRow): ProjectRecord => ({
    id: row.id,
    orgId: row.org_id,
    title: row.title,
    description: row.description,
    area: JSON.parse(row.area) as ProjectRecord['area'],
    bbox: JSON.parse(row.bbox) as BBox,
    contribute: row.contribute as ProjectRecord['contribute'],
    moderation: row.moderation as ProjectRecord['moderation'],
    status: row.status as ProjectRecord['status'],
    categories: (categoryRows.all(row.org_id, row.id) as CategoryRow[]).map(toCategory),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const loadFeature = (orgId: string, rowid: number): FeatureRecord => {
    const row = featureByRowid.get(orgId, rowid) as FeatureRow | undefined;
    if (!row) throw new Error(`No feature ${rowid} in this organisation`);
    return toFeature(row);
  };
  /** Features by rowid (any of another organisation are left out). */
  const loadMany = (orgId: string, rowids: readonly number[]): FeatureRecord[] =>
    rowids.length === 0 ? [] : (JSON.parse(featuresByRowids.get(JSON.stringify(rowids), orgId) as string) as FeatureArray[]).map(toFeatureOfArray);

  const place = (geometry: Geometry) => {
    const [lon, lat] = representativePoint(geometry);
    const box = bboxOf(geometry);
    return { lon, lat, box };
  };
  const entryOf = (rowid: number, feature: Pick<FeatureRecord, 'kind' | 'orgId' | 'projectId' | 'categoryId' | 'status'>, geometry: Geometry): SpatialEntry => {
    const { lon, lat, box } = place(geometry);
    return { rowid, layer: layerKey(feature), lon, lat, bbox: box };
  };
  const log = (orgId: string, rowid: number, entry: ModerationEntry, from: string, to: string, at: string) =>
    insertLog.run(orgId, rowid, entry.userId, entry.action, from, to, entry.note ?? null, at);

  const createProject = db.transaction((orgId: string, input: Parameters<MapStore['createProject']>[1], at: string): string => {
    const id = newId();
    insertProject.run({
      id,
      org_id: orgId,
      title: input.title,
      description: input.description,
      area: JSON.stringify(input.area),
      bbox: JSON.stringify(bboxOf(input.area)),
      contribute: input.contribute,
      moderation: input.moderation,
      status: 'active',
      created_at: at,
      updated_at: at,
    });
    input.categories.forEach((category, position) =>
      insertCategory.run({ id: newId(), org_id: orgId, project_id: id, position, name: category.name, colour: category.colour, symbol: category.symbol, fields: JSON.stringify(category.fields) }),
    );
    return id;
  });

  const updateProject = db.transaction((orgId: string, id: string, changes: Parameters<MapStore['updateProject']>[2], at: string) => {
    const current = loadProject(orgId, id);
    if (!current) throw new Error(`No project ${id}`);
    const next = { ...current, ...changes };
    updateProjectRow.run({
      id,
      org_id: orgId,
      title: next.title,
      description: next.description,
      area: JSON.stringify(next.area),
      bbox: JSON.stringify(bboxOf(next.area)),
      contribute: next.contribute,
      moderation: next.moderation,
      status: next.status,
      updated_at: at,
    });
    if (changes.categories) {
      const existing = new Map(current.categories.map((c) => [c.id, c]));
      const kept = new Set<string>();
      changes.categories.forEach((category, position) => {
        const row = { org_id: orgId, project_id: id, position, name: category.name, colour: category.colour, symbol: category.symbol, fields: JSON.stringify(category.fields) };
        if (category.id !== undefined) {
          if (!existing.has(category.id) || kept.has(category.id)) throw new ConflictError(`This project has no category "${category.id}" (or it is listed twice).`);
          kept.add(category.id);
          updateCategory.run({ ...row, id: category.id });
        } else {
          insertCategory.run({ ...row, id: newId() });
        }
      });
      let position = changes.categories.length;
      for (const category of current.categories) {
        if (kept.has(category.id)) continue;
        // A category in use is kept (archived) so that no contribution loses its category.
        if (categoryUsed.get(orgId, category.id)) archiveCategory.run(position++, orgId, category.id);
        else deleteCategory.run(orgId, category.id);
      }
    }
  });

  const deleteProject = db.transaction((orgId: string, id: string): boolean => {
    if (!projectRow.get(orgId, id)) return false;
    if (anyContribution.get(orgId, id)) throw new ConflictError('This project has contributions: archive it instead, so they are kept.');
    detachEvents.run(orgId, id);
    return deleteProjectRow.run(orgId, id).changes > 0;
  });

  const setMembers = db.transaction((orgId: string, projectId: string, emails: readonly string[]) => {
    clearMembers.run(orgId, projectId);
    for (const email of emails) addMember.run(orgId, projectId, email);
  });

  const createFeature = db.transaction((input: NewFeature, at: string, entry: ModerationEntry | undefined): number => {
    const { lon, lat, box } = place(input.geometry);
    let rowid: number;
    for (;;) {
      try {
        rowid = Number(
          insertFeature.run({
            id: newId(),
            kind: input.kind,
            org_id: input.orgId,
            project_id: input.projectId,
            category_id: input.categoryId,
            status: input.status,
            geometry: JSON.stringify(input.geometry),
            lon,
            lat,
            min_lon: box[0],
            min_lat: box[1],
            max_lon: box[2],
            max_lat: box[3],
            title: input.title ?? '',
            description: input.description ?? '',
            organiser: input.organiser ?? '',
            url: input.url ?? null,
            start_at: input.start ?? null,
            end_at: input.end ?? null,
            fields: JSON.stringify(input.fields ?? {}),
            photos: JSON.stringify(input.photos ?? []),
            author_id: input.authorId,
            created_at: at,
            updated_at: at,
          }).lastInsertRowid,
        );
        break;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // an id collision (2^-128): draw another
      }
    }
    spatial.add(entryOf(rowid, input, input.geometry));
    if (entry) log(input.orgId, rowid, entry, 'new', input.status, at);
    return rowid;
  });

  const updateFeature = db.transaction((orgId: string, rowid: number, changes: FeatureChanges, at: string, entry: ModerationEntry | undefined) => {
    const current = loadFeature(orgId, rowid);
    const next = { ...current, ...changes } as FeatureRecord;
    const { lon, lat, box } = place(next.geometry);
    updateFeatureRow.run({
      org_id: orgId,
      rowid,
      project_id: next.projectId,
      category_id: next.categoryId,
      status: next.status,
      geometry: JSON.stringify(next.geometry),
      lon,
      lat,
      min_lon: box[0],
      min_lat: box[1],
      max_lon: box[2],
      max_lat: box[3],
      title: next.title,
      description: next.description,
      organiser: next.organiser,
      url: next.url,
      start_at: next.start,
      end_at: next.end,
      fields: JSON.stringify(next.fields),
      photos: JSON.stringify(next.photos),
      updated_at: at,
    });
    if (changes.geometry || layerKey(current) !== layerKey(next)) spatial.move(entryOf(rowid, next, next.geometry));
    if (entry) log(orgId, rowid, entry, current.status, next.status, at);
  });

  const removeFeature = db.transaction((orgId: string, rowid: number) => {
    if (deleteFeatureRow.run(orgId, rowid).changes > 0) spatial.remove(rowid);
  });

  const flag = db.transaction(
    (orgId: string, rowid: number, input: { userId: string; reason: string; note: string | null }, threshold: number, at: string) => {
      const current = loadFeature(orgId, rowid);
      try {
        insertFlag.run(orgId, rowid, input.userId, input.reason, input.note, at);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('You have already flagged this. A moderator will look at it.');
        throw error;
      }
      const open = (openFlagCount.get(orgId, rowid) as { n: number }).n;
      if (current.status === 'active' && open >= threshold) {
        setStatus.run('review', at, orgId, rowid);
        spatial.move(entryOf(rowid, { ...current, status: 'review' }, current.geometry));
        log(orgId, rowid, { userId: input.userId, action: 'flagged', note: input.note }, current.status, 'review', at);
      }
    },
  );

  const moderate = db.transaction((orgId: string, rowid: number, status: ContributionStatus, entry: ModerationEntry, at: string) => {
    const current = loadFeature(orgId, rowid);
    if (current.status !== status) {
      setStatus.run(status, at, orgId, rowid);
      spatial.move(entryOf(rowid, { ...current, status }, current.geometry));
    }
    resolveFlags.run(at, orgId, rowid);
    log(orgId, rowid, entry, current.status, status, at);
  });

  const clustersOf = (result: { clusters: ViewportResult['clusters'] }) =>
    result.clusters.map((c) => ({ key: c.key, lon: c.lon, lat: c.lat, count: c.count, bbox: c.bbox, expansionZoom: c.expansionZoom }));

  return {
    async createProject(orgId, project, now) {
      const id = createProject.immediate(orgId, project, now.toISOString());
      return loadProject(orgId, id)!;
    },
    async project(orgId, id) {
      return loadProject(orgId, id);
    },
    async projects(orgId, statuses, page) {
      const rows = projectRows.all({
        org: orgId,
        statuses: JSON.stringify(statuses),
        created: page.after?.createdAt ?? null,
        id: page.after?.id ?? null,
        limit: page.limit,
      }) as ProjectRow[];
      return rows.map(toProject);
    },
    async updateProject(orgId, id, changes, now) {
      updateProject.immediate(orgId, id, changes, now.toISOString());
      return loadProject(orgId, id)!;
    },
    async deleteProject(orgId, id) {
      return deleteProject.immediate(orgId, id);
    },
    async contributionCounts(orgId, projectIds) {
      const counts = new Map<string, number>(projectIds.map((id) => [id, 0]));
      for (const row of countActive.all(orgId, JSON.stringify(projectIds)) as { project_id: string; n: number }[]) counts.set(row.project_id, row.n);
      return counts;
    },
    async projectMembers(orgId, projectId) {
      return (members.all(orgId, projectId) as { email: string }[]).map((row) => row.email);
    },
    async setProjectMembers(orgId, projectId, emails) {
      setMembers.immediate(orgId, projectId, [...new Set(emails)]);
      return (members.all(orgId, projectId) as { email: string }[]).map((row) => row.email);
    },
    async isProjectMember(orgId, projectId, email) {
      return isMember.get(orgId, projectId, email) !== undefined;
    },

    async createFeature(feature, now, entry) {
      const rowid = createFeature.immediate(feature, now.toISOString(), entry);
      return loadFeature(feature.orgId, rowid);
    },
    async feature(orgId, kind, id) {
      const row = featureById.get(orgId, kind, id) as FeatureRow | undefined;
      return row ? toFeature(row) : null;
    },
    async updateFeature(orgId, rowid, changes, now, entry) {
      updateFeature.immediate(orgId, rowid, changes, now.toISOString(), entry);
      return loadFeature(orgId, rowid);
    },
    async removeFeature(orgId, rowid) {
      removeFeature.immediate(orgId, rowid);
    },
    async viewport(orgId, q) {
      const result = spatial.query({ layers: q.layers, bbox: q.bbox, zoom: q.zoom, limit: q.limit });
      return { total: result.total, clustered: result.clustered, features: loadMany(orgId, result.rowids), clusters: clustersOf(result) };
    },
    async eventsViewport(orgId, q) {
      const rowids = spatial.queryRaw({ layers: [`e:${orgId}`], bbox: q.bbox, limit: EVENT_SCAN_LIMIT });
      const points = rowids.length === 0 ? [] : (eventsInTime.all({ rowids: JSON.stringify(rowids), org: orgId, from: q.from, to: q.to }) as { rowid: number; lon: number; lat: number }[]);
      const result = clusterPoints(points, q.bbox, q.zoom, q.limit);
      return { total: result.total, clustered: result.clustered, features: loadMany(orgId, result.rowids), clusters: clustersOf(result) };
    },
    async ownContributions(orgId, projectId, userId, statuses, bbox) {
      const rows = ownInBox.all({
        user: userId,
        project: projectId,
        org: orgId,
        statuses: JSON.stringify(statuses),
        minLon: bbox[0],
        minLat: bbox[1],
        maxLon: bbox[2],
        maxLat: bbox[3],
      }) as FeatureRow[];
      return rows.map(toFeature);
    },
    async contributions(orgId, projectId, statuses, page) {
      const rows = contributionPage.all({
        org: orgId,
        project: projectId,
        statuses: JSON.stringify(statuses),
        created: page.after?.createdAt ?? null,
        id: page.after?.id ?? null,
        limit: page.limit,
      }) as FeatureRow[];
      return rows.map(toFeature);
    },
    async events(orgId, options) {
      const rows = eventList.all({ org: orgId, project: options.projectId ?? null, after: options.endsAfter ?? null, limit: options.limit }) as FeatureRow[];
      return rows.map(toFeature);
    },
    async flag(orgId, rowid, input, threshold, now) {
      flag.immediate(orgId, rowid, input, threshold, now.toISOString());
      return loadFeature(orgId, rowid);
    },
    async flags(orgId, rowid) {
      return (flagRows.all(orgId, rowid) as { user_id: string; reason: string; note: string | null; created_at: string; resolved_at: string | null }[]).map(
        (row): FlagRecord => ({ userId: row.user_id, reason: row.reason as FlagRecord['reason'], note: row.note, createdAt: row.created_at, resolvedAt: row.resolved_at }),
      );
    },
    async moderate(orgId, rowid, status, entry, now) {
      moderate.immediate(orgId, rowid, status, entry, now.toISOString());
      return loadFeature(orgId, rowid);
    },
    async moderationLog(orgId, rowid) {
      return (logRows.all(orgId, rowid) as { user_id: string | null; action: string; from_status: string; to_status: string; note: string | null; created_at: string }[]).map((row) => ({
        userId: row.user_id,
        action: row.action as ModerationEntry['action'],
        note: row.note,
        fromStatus: row.from_status,
        toStatus: row.to_status,
        createdAt: row.created_at,
      }));
    },
    async photosOf(orgId, ids) {
      if (ids.length === 0) return [];
      const found = new Map((mediaLookup.all(orgId, JSON.stringify(ids)) as PhotoRef[]).map((row) => [row.id, row]));
      return ids.flatMap((id) => {
        const photo = found.get(id);
        return photo ? [{ id: photo.id, width: photo.width, height: photo.height }] : [];
      });
    },
  };
}
