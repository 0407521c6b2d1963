// /v1/orgs/:org/projects/:id/export.geojson, export.csv and calendar.ics: a project's contributions and events to download.
import { Hono, type Context } from 'hono';
import { LayerQuery, type ContributionStatus, type FieldDefinition, type FieldValue } from '@civic-elements/protocol';
import { CSV_CONTENT_TYPE, toCsv, type CsvCell } from '../../domain/csv.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { queryOf } from '../../http/validate.js';
import { baseUrl, optionalAuth } from '../../http/viewer.js';
import { contributionOut, photoOut } from '../../present-maps.js';
import type { FeatureRecord, ProjectRecord } from '../../store/types.js';
import { calendarResponse, FEED_LIMIT, FEED_PAST_DAYS } from '../events/calendar.js';
import { statusesAsked } from './contributions.js';
import { projectContext, type ProjectContext } from './context.js';

/** Contributions an export holds at most; far beyond any community project. */
export const EXPORT_LIMIT = 100_000;
const CHUNK = 1000;

const ExportQuery = LayerQuery.pick({ status: true });

/** A file name made of the project's title: letters, digits and hyphens. */
export function fileName(title: string, extension: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 60);
  return `${stem || 'export'}.${extension}`;
}

/** Every contribution with the statuses, oldest first, read in chunks. */
export async function allContributions(deps: Deps, { org, project }: ProjectContext, statuses: readonly ContributionStatus[]): Promise<FeatureRecord[]> {
  const out: FeatureRecord[] = [];
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const rows: FeatureRecord[] = await deps.store.maps.contributions(org.id, project.id, statuses, { after, limit: Math.min(CHUNK, EXPORT_LIMIT - out.length) });
    out.push(...rows);
    const last = rows[rows.length - 1];
    if (rows.length < CHUNK || !last || out.length >= EXPORT_LIMIT) return out;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export function download(c: Context<AppEnv>, body: string, type: string, name: string): Response {
  return c.body(body, 200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
}

/** An answer as a spreadsheet shows it: option labels for choices, yes/no for booleans. */
function cellOf(field: FieldDefinition, value: FieldValue | undefined): CsvCell {
  if (value === undefined || value === null) return null;
  const label = (v: string) => ('options' in field ? (field.options.find((o) => o.value === v)?.label ?? v) : v);
  if (Array.isArray(value)) return value.map(label).join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return label(value);
  return value;
}

/**
 * The rows of a CSV export: fixed columns, then one column per question (questions of different
 * categories that share a key share a column), then photos and who added it and when.
 */
export function csvRows(project: ProjectRecord, features: readonly FeatureRecord[], base: string): CsvCell[][] {
  const columns = new Map<string, FieldDefinition>();
  for (const category of project.categories) for (const field of category.fields) if (!columns.has(field.key)) columns.set(field.key, field);
  const header: CsvCell[] = ['id', 'category', 'status', 'longitude', 'latitude', 'geometry_type', 'geometry', 'title'];
  for (const field of columns.values()) header.push(field.label);
  header.push('photos', 'author', 'created_at', 'updated_at');
  const rows: CsvCell[][] = [header];
  for (const feature of features) {
    const category = project.categories.find((c) => c.id === feature.categoryId);
    const own = new Map(category?.fields.map((f) => [f.key, f]));
    const row: CsvCell[] = [feature.id, category?.name ?? '', feature.status, feature.lon, feature.lat, feature.geometry.type, JSON.stringify(feature.geometry), feature.title];
    for (const [key, field] of columns) row.push(cellOf(own.get(key) ?? field, feature.fields[key]));
    row.push(feature.photos.map((photo) => photoOut(photo, base).large).join(' '), feature.authorName, feature.createdAt, feature.updatedAt);
    rows.push(row);
  }
  return rows;
}

export function exportRoutes(deps: Deps) {
  const maybeAuth = optionalAuth(deps);
  return new Hono<AppEnv>()
    .get('/:org/projects/:id/export.csv', maybeAuth, queryOf(ExportQuery), async (c) => {
      const context = await projectContext(c, deps);
      const statuses = statusesAsked(c.req.valid('query').status, context);
      const features = await allContributions(deps, context, statuses);
      const text = toCsv(csvRows(context.project, features, baseUrl(c, deps.config)), { bom: true });
      return download(c, text, CSV_CONTENT_TYPE, fileName(context.project.title, 'csv'));
    })
    .get('/:org/projects/:id/calendar.ics', async (c) => {
      const context = await projectContext(c, deps);
      const since = new Date(deps.clock().getTime() - FEED_PAST_DAYS * 86_400_000).toISOString();
      const events = await deps.store.maps.events(context.org.id, { projectId: context.project.id, endsAfter: since, limit: FEED_LIMIT });
      return calendarResponse(c, deps, { org: context.org, name: context.project.title, events, filename: fileName(context.project.title, 'ics') });
    })
    .get('/:org/projects/:id/export.geojson', maybeAuth, queryOf(ExportQuery), async (c) => {
    const context = await projectContext(c, deps);
    const statuses = statusesAsked(c.req.valid('query').status, context);
    const features = await allContributions(deps, context, statuses);
    const view = { base: baseUrl(c, deps.config), viewerId: null, moderator: context.viewer.canModerate };
    const names = new Map(context.project.categories.map((category) => [category.id, category.name]));
    const collection = {
      type: 'FeatureCollection',
      features: features.map((feature) => {
        const out = contributionOut(feature, context.project, view);
        return { ...out, properties: { ...out.properties, categoryName: names.get(feature.categoryId ?? '') ?? '' } };
      }),
    };
    return download(c, JSON.stringify(collection), 'application/geo+json; charset=utf-8', fileName(context.project.title, 'geojson'));
  });
}
