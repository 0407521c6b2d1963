// The SQL of report lists: one statement per shape of query, built from fixed fragments, every value bound.
import { boxAround } from '../../domain/distance.js';
import type { ReportListQuery } from '../types.js';

export const REPORT_COLUMNS = `t.rowid, t.id, t.org_id, t.number, t.reference, t.category_id, c.code AS category_code, c.name AS category_name,
  t.description, t.lon, t.lat, t.address, t.fields, t.status, t.open, d.slug AS department_slug, d.name AS department_name,
  t.expected_on, t.merged_into, m.id AS merged_id, m.reference AS merged_reference, t.reporter_id, t.reporter_name, t.reporter_email,
  u.name AS user_name, u.email AS user_email, u.locale AS user_locale, t.client_request_id, t.follower_count, t.support_count,
  t.created_at, t.updated_at`;
export const REPORT_JOINS = `JOIN report_categories c ON c.id = t.category_id
  LEFT JOIN departments d ON d.id = t.department_id
  LEFT JOIN reports m ON m.rowid = t.merged_into
  LEFT JOIN users u ON u.id = t.reporter_id`;

/** LIKE with the pattern's own % and _ taken literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

const ORDER: Record<ReportListQuery['sort'], { value: string; direction: 'ASC' | 'DESC' }> = {
  newest: { value: 't.created_at', direction: 'DESC' },
  oldest: { value: 't.created_at', direction: 'ASC' },
  updated: { value: 't.updated_at', direction: 'DESC' },
  supported: { value: 't.support_count', direction: 'DESC' },
  nearest: { value: 'distance', direction: 'ASC' },
};


/**
 * The statement (and its values) for a list, or with `counting` for its total. Near a place or in a
 * box, the R*Tree drives; `report_distance` is the haversine function sqliteReports registers.
 */
export function listSql(
  orgId: string,
  query: Omit<ReportListQuery, 'sort' | 'after' | 'limit'> & Partial<Pick<ReportListQuery, 'sort' | 'after' | 'limit'>>,
  counting: boolean,
): { sql: string; params: Record<string, unknown> } {
  const where: string[] = ['t.org_id = @org'];
  const params: Record<string, unknown> = { org: orgId };
  const spatialBox = query.near ? boxAround(query.near.point, query.near.radius) : query.bbox;
  let from = `reports t ${REPORT_JOINS}`;
  if (spatialBox) {
    // The R*Tree drives (CROSS JOIN keeps that order); reports are filed under -rowid.
    from = `spatial_rtree r CROSS JOIN reports t ON t.rowid = -r.id ${REPORT_JOINS}`;
    where.push('r.id < 0', 'r.min_lon <= @maxLon', 'r.max_lon >= @minLon', 'r.min_lat <= @maxLat', 'r.max_lat >= @minLat');
    where.push('t.lon BETWEEN @minLon AND @maxLon', 't.lat BETWEEN @minLat AND @maxLat');
    [params.minLon, params.minLat, params.maxLon, params.maxLat] = spatialBox;
    if (query.near && query.bbox) {
      where.push('t.lon BETWEEN @bMinLon AND @bMaxLon', 't.lat BETWEEN @bMinLat AND @bMaxLat');
      [params.bMinLon, params.bMinLat, params.bMaxLon, params.bMaxLat] = query.bbox;
    }
  }
  if (query.near) {
    where.push('report_distance(t.lon, t.lat, @nearLon, @nearLat) <= @radius');
    [params.nearLon, params.nearLat] = query.near.point;
    params.radius = query.near.radius;
  }
  if (query.reporterId !== undefined) {
    where.push('t.reporter_id = @reporter');
    params.reporter = query.reporterId;
  }
  if (query.followerId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM report_followers f WHERE f.report_rowid = t.rowid AND f.user_id = @follower)');
    params.follower = query.followerId;
  }
  if (query.categoryIds) {
    where.push('t.category_id IN (SELECT value FROM json_each(@categories))');
    params.categories = JSON.stringify(query.categoryIds);
  }
  if (query.statuses) {
    where.push('t.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(query.statuses);
  }
  if (query.open !== undefined) {
    where.push('t.open = @open');
    params.open = query.open ? 1 : 0;
  }
  if (query.departments) {
    const slugs = query.departments.filter((d): d is string => d !== null);
    const none = query.departments.includes(null);
    where.push(`(d.slug IN (SELECT value FROM json_each(@departments))${none ? ' OR t.department_id IS NULL' : ''})`);
    params.departments = JSON.stringify(slugs);
  }
  if (query.createdBefore !== undefined) {
    where.push('t.created_at < @before');
    params.before = query.createdBefore;
  }
  if (query.createdAfter !== undefined) {
    where.push('t.created_at >= @after');
    params.after = query.createdAfter;
  }
  if (query.q) {
    where.push("(t.reference LIKE @q ESCAPE '\\' OR t.description LIKE @q ESCAPE '\\' OR coalesce(t.address, '') LIKE @q ESCAPE '\\')");
    params.q = likePattern(query.q);
  }
  if (query.references) {
    where.push('t.reference IN (SELECT value FROM json_each(@references))');
    params.references = JSON.stringify(query.references);
  }
  if (!query.includeMerged) where.push('t.merged_into IS NULL');

  const distance = query.near ? 'report_distance(t.lon, t.lat, @nearLon, @nearLat)' : 'NULL';
  if (counting) return { sql: `SELECT count(*) FROM ${from} WHERE ${where.join(' AND ')}`, params };

  const sort = query.sort ?? 'newest';
  const order = ORDER[sort === 'nearest' && !query.near ? 'newest' : sort];
  const op = order.direction === 'DESC' ? '<' : '>';
  const value = order.value === 'distance' ? distance : order.value;
  if (query.after) {
    where.push(`(${value}, t.id) ${op} (@afterValue, @afterId)`);
    params.afterValue = query.after.value;
    params.afterId = query.after.id;
  }
  params.limit = query.limit ?? 20;
  return {
    sql: `SELECT ${REPORT_COLUMNS}, ${distance} AS distance FROM ${from} WHERE ${where.join(' AND ')}
      ORDER BY ${value} ${order.direction}, t.id ${order.direction} LIMIT @limit`,
    params,
  };
}

