// What every report route needs first: the organisation, who is asking, the organisation's settings.
import type { Context } from 'hono';
import { looksLikeReference, normaliseReference } from '../../domain/reference.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { baseUrl, findOrg } from '../../http/viewer.js';
import { mayAct, reportViewerOf, type ReportViewer } from '../../reports/access.js';
import type { ReportView } from '../../reports/present.js';
import { reportSettingsOf } from '../../reports/settings.js';
import type { OrgRecord, ReportRecord, ReportSettingsRecord } from '../../store/types.js';

export interface ReportContext {
  org: OrgRecord;
  viewer: ReportViewer;
  settings: ReportSettingsRecord;
}

export async function reportContext(c: Context<AppEnv>, deps: Deps): Promise<ReportContext> {
  const org = await findOrg(deps, c.req.param('org') ?? '');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') assertOriginAllowed(c.req.header('origin'), org);
  const [viewer, settings] = await Promise.all([reportViewerOf(c, deps, org), reportSettingsOf(deps.store, org.id)]);
  return { org, viewer, settings };
}

/** The report by id or reference (`SWK-1042`, any case); 404 when the organisation has none. */
export async function findReport(deps: Deps, org: OrgRecord, idOrReference: string): Promise<ReportRecord> {
  const report = looksLikeReference(idOrReference)
    ? await deps.store.reports.byReference(org.id, normaliseReference(idOrReference))
    : await deps.store.reports.byId(org.id, idOrReference);
  if (!report) throw notFound(`${org.name} has no report ${looksLikeReference(idOrReference) ? normaliseReference(idOrReference) : 'with this id'}.`);
  return report;
}

/** How reports are shown to this viewer; pass the reports to know the viewer's relation to each. */
export async function viewFor(c: Context<AppEnv>, deps: Deps, context: ReportContext, reports: readonly ReportRecord[] = []): Promise<ReportView> {
  const { org, viewer, settings } = context;
  const relations = viewer.user && reports.length > 0 ? await deps.store.reports.relations(viewer.user.id, reports.map((r) => r.rowid)) : undefined;
  return {
    org,
    workflow: settings.workflow,
    base: baseUrl(c, deps.config),
    officer: (report) => mayAct(viewer, report),
    viewerId: viewer.user?.id ?? null,
    ...(relations ? { relations } : {}),
  };
}
