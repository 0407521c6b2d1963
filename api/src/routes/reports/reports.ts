// /v1/orgs/:org/reports: residents report (signed in, or anonymously where allowed) and everyone reads.
import { Hono, type Context } from 'hono';
import { BBox, ReportCreate, ReportQuery, type ReportPage } from '@civic-elements/protocol';
import { requireAuth } from '../../http/auth.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { clientAddress } from '../../http/rate-limit.js';
import { json } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import { requireUser } from '../../reports/access.js';
import { addressKey, createReport, type Reporter } from '../../reports/create.js';
import { reportChanged } from '../../reports/notify.js';
import { reportDetailOut, reportOut } from '../../reports/present.js';
import type { ReportListQuery, ReportSort } from '../../store/types.js';
import { findReport, reportContext, viewFor, type ReportContext } from './context.js';

/** Anonymous reports one client address may make per rate-limit window. */
export const ANONYMOUS_REPORTS_PER_WINDOW = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

type ListCursor = { sort: ReportSort; value: string | number; id: string };

const encodeCursor = (cursor: ListCursor) => Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');

function decodeCursor(text: string | undefined, sort: ReportSort): { value: string | number; id: string } | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === sort && (typeof value[1] === 'string' || typeof value[1] === 'number') && typeof value[2] === 'string') {
      return { value: value[1], id: value[2] };
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'validation_failed', 'The cursor is not one this list handed out (with this sort).', { fields: { cursor: 'Use the nextCursor of the previous page.' } });
}

const bad = (field: string, message: string) => new ApiError(400, 'validation_failed', `There is a problem with ${field}: ${message}`, { fields: { [field]: message } });

/** The store's query for `GET …/reports`, with every name in it checked against the organisation. */
async function listQuery(deps: Deps, { org, viewer, settings }: ReportContext, query: ReturnType<typeof ReportQuery.parse>): Promise<Omit<ReportListQuery, 'after' | 'limit' | 'sort'>> {
  const out: Omit<ReportListQuery, 'after' | 'limit' | 'sort'> = {};
  if (query.mine || query.following) {
    const user = requireUser(viewer);
    if (query.mine) out.reporterId = user.id;
    if (query.following) out.followerId = user.id;
  }
  if (query.category?.length) {
    const categories = await deps.store.reports.categories(org.id);
    const unknown = query.category.filter((code) => !categories.some((c) => c.code === code));
    if (unknown.length > 0) throw bad('category', `${org.name} has no category ${unknown.map((u) => `“${u}”`).join(', ')}.`);
    out.categoryIds = categories.filter((c) => query.category!.includes(c.code)).map((c) => c.id);
  }
  if (query.status?.length) {
    const unknown = query.status.filter((key) => !settings.workflow.steps.some((s) => s.key === key));
    if (unknown.length > 0) throw bad('status', `Use the steps of the workflow: ${settings.workflow.steps.map((s) => s.key).join(', ')}.`);
    out.statuses = query.status;
  }
  if (query.open !== undefined) out.open = query.open;
  if (query.department?.length) {
    const departments = await deps.store.orgs.departments(org.id);
    const unknown = query.department.filter((slug) => slug !== 'none' && !departments.some((d) => d.slug === slug));
    if (unknown.length > 0) throw bad('department', `Use department slugs of ${org.name} (or none): ${departments.map((d) => d.slug).join(', ')}.`);
    out.departments = query.department.map((slug) => (slug === 'none' ? null : slug));
  } else if (viewer.officer && !viewer.admin && viewer.departments.length > 0) {
    // An officer's inbox starts with their own departments' reports.
    out.departments = viewer.departments;
  }
  if (query.bbox !== undefined) {
    const parts = query.bbox.split(',').map(Number);
    const parsed = BBox.safeParse(parts);
    if (parts.length !== 4 || !parsed.success) throw bad('bbox', 'Give bbox as minLon,minLat,maxLon,maxLat in degrees.');
    out.bbox = parsed.data;
  }
  if (query.near) {
    const [lon, lat] = query.near;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) throw bad('near', 'near is longitude,latitude in degrees.');
    out.near = { point: [lon, lat], radius: query.radius };
  }
  const now = deps.clock().getTime();
  if (query.olderThan !== undefined) out.createdBefore = new Date(now - query.olderThan * DAY_MS).toISOString();
  if (query.newerThan !== undefined) out.createdAfter = new Date(now - query.newerThan * DAY_MS).toISOString();
  if (query.q) out.q = query.q;
  // Merged duplicates show when asked for by status; otherwise the report they joined stands for them.
  if (query.status?.includes(settings.workflow.duplicateStep)) out.includeMerged = true;
  return out;
}

export function reportRoutes(deps: Deps) {
  const { store } = deps;
  const maybeAuth = optionalAuth(deps);

  async function reporterOf(c: Context<AppEnv>, context: ReportContext, body: { email?: string | undefined; name?: string | undefined }): Promise<Reporter> {
    const { org, viewer, settings } = context;
    if (viewer.user) return { user: viewer.user };
    if (!settings.anonymousReports) throw new ApiError(401, 'unauthenticated', `Sign in to report a problem to ${org.name}.`, { headers: { 'WWW-Authenticate': 'Bearer' } });
    if (!body.email) throw bad('email', `Give your email address so that ${org.name} can tell you what happens, or sign in.`);
    const address = clientAddress(c);
    deps.limiter.hit([{ key: `anonymous-report:${address}`, limit: ANONYMOUS_REPORTS_PER_WINDOW }]);
    return { email: body.email, name: body.name?.trim() || null, addressHash: addressKey(deps, address) };
  }

  return new Hono<AppEnv>()
    .post('/:org/reports', maybeAuth, jsonBody(ReportCreate), async (c) => {
      const context = await reportContext(c, deps);
      const body = c.req.valid('json');
      const reporter = await reporterOf(c, context, body);
      // A resend (same clientRequestId) answers 200 with the report its first sending made.
      const { report, created } = await createReport(deps, context.org, context.settings, body, reporter);
      if (created) await reportChanged(deps, 'report.created', report);
      const timeline = await store.reports.timeline(context.org.id, report.rowid);
      return json(c, reportDetailOut(report, timeline, await viewFor(c, deps, context, [report])), created ? 201 : 200, {
        location: `/v1/orgs/${context.org.slug}/reports/${report.reference}`,
      });
    })
    .get('/:org/reports', maybeAuth, queryOf(ReportQuery), async (c) => {
      const context = await reportContext(c, deps);
      const query = c.req.valid('query');
      if (query.sort === 'nearest' && !query.near) throw bad('sort', 'sort=nearest needs near=longitude,latitude.');
      const filters = await listQuery(deps, context, query);
      const after = decodeCursor(query.cursor, query.sort);
      const [rows, total] = await Promise.all([
        store.reports.list(context.org.id, { ...filters, sort: query.sort, after, limit: query.limit + 1 }),
        store.reports.count(context.org.id, filters),
      ]);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      const value = (row: NonNullable<typeof last>): string | number =>
        ({ newest: row.createdAt, oldest: row.createdAt, updated: row.updatedAt, supported: row.supportCount, nearest: row.distance ?? 0 })[query.sort];
      const view = await viewFor(c, deps, context, items);
      const body: ReportPage = {
        items: items.map((row) => reportOut(row, view)),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ sort: query.sort, value: value(last), id: last.id }) : null,
        total,
      };
      return json(c, body);
    })
    .get('/:org/reports/:ref', maybeAuth, async (c) => {
      const context = await reportContext(c, deps);
      const report = await findReport(deps, context.org, c.req.param('ref'));
      const timeline = await store.reports.timeline(context.org.id, report.rowid);
      return json(c, reportDetailOut(report, timeline, await viewFor(c, deps, context, [report])));
    });
}
