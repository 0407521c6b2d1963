// Officers' work on reports: updates (one or many at once), merging duplicates, removing a photo.
import { Hono, type Context } from 'hono';
import { ReportBulkUpdate, ReportMerge, ReportUpdate, type ReportBulkResult } from '@civic-elements/protocol';
import { requireAuth } from '../../http/auth.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { assertMayAct, officerActor, requireOfficer } from '../../reports/access.js';
import { recipientsOf, reportChanged } from '../../reports/notify.js';
import { reportDetailOut } from '../../reports/present.js';
import { planUpdate } from '../../reports/update.js';
import { stepOf } from '../../domain/workflow.js';
import type { ReportRecord } from '../../store/types.js';
import { findReport, reportContext, viewFor, type ReportContext } from './context.js';

export function reportActionRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  async function detail(c: Context<AppEnv>, context: ReportContext, report: ReportRecord) {
    const timeline = await store.reports.timeline(context.org.id, report.rowid);
    return reportDetailOut(report, timeline, await viewFor(c, deps, context, [report]));
  }

  return new Hono<AppEnv>()
    .post('/:org/reports/bulk', auth, jsonBody(ReportBulkUpdate), async (c) => {
      const context = await reportContext(c, deps);
      const { org, viewer, settings } = context;
      const user = requireOfficer(viewer, org);
      const { ids, update } = c.req.valid('json');
      const departments = await store.orgs.departments(org.id);
      const result: ReportBulkResult = { updated: [], failed: [] };
      // Told together at the end, so that slow mail delays the answer once, not once per report.
      const notifications: Promise<void>[] = [];
      for (const id of [...new Set(ids)]) {
        const report = await store.reports.byId(org.id, id);
        if (!report) {
          result.failed.push({ id, code: 'not_found', message: `${org.name} has no report with this id.` });
          continue;
        }
        try {
          assertMayAct(viewer, org, report);
          const { changes, entries } = await planUpdate(deps, org, settings, viewer, departments, report, update);
          const updated = await store.reports.update(org.id, report.rowid, changes, entries, deps.clock());
          notifications.push(reportChanged(deps, 'report.updated', updated, { entries, actorUserId: user.id }));
          result.updated.push(id);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result.failed.push({ id, code: error.code, message: error.message });
        }
      }
      await Promise.all(notifications);
      return json(c, result);
    })
    .post('/:org/reports/:ref/updates', auth, jsonBody(ReportUpdate), async (c) => {
      const context = await reportContext(c, deps);
      const { org, viewer, settings } = context;
      const user = requireOfficer(viewer, org);
      const report = await findReport(deps, org, c.req.param('ref'));
      assertMayAct(viewer, org, report);
      const departments = await store.orgs.departments(org.id);
      const { changes, entries } = await planUpdate(deps, org, settings, viewer, departments, report, c.req.valid('json'));
      const updated = await store.reports.update(org.id, report.rowid, changes, entries, deps.clock());
      await reportChanged(deps, 'report.updated', updated, { entries, actorUserId: user.id });
      return json(c, await detail(c, context, updated));
    })
    .post('/:org/reports/:ref/merge', auth, jsonBody(ReportMerge), async (c) => {
      const context = await reportContext(c, deps);
      const { org, viewer, settings } = context;
      const user = requireOfficer(viewer, org);
      const duplicate = await findReport(deps, org, c.req.param('ref'));
      assertMayAct(viewer, org, duplicate);
      const { into, publicNote } = c.req.valid('json');
      const kept = await store.reports.byId(org.id, into);
      if (!kept) throw new ApiError(400, 'validation_failed', `${org.name} has no report with the id given in into.`, { fields: { into: 'Use the id of a report of this organisation.' } });
      if (kept.rowid === duplicate.rowid) throw new ApiError(400, 'validation_failed', 'A report cannot be merged into itself.', { fields: { into: 'Choose the other report.' } });
      if (duplicate.mergedInto) throw new ApiError(409, 'conflict', `${duplicate.reference} was already merged into ${duplicate.mergedInto.reference}.`);
      if (kept.mergedInto) {
        throw new ApiError(400, 'validation_failed', `${kept.reference} was itself merged into ${kept.mergedInto.reference}: merge into that one.`, { fields: { into: `Use ${kept.mergedInto.reference}.` } });
      }
      const step = stepOf(settings.workflow, settings.workflow.duplicateStep)!;
      const actor = officerActor(viewer, org, await store.orgs.departments(org.id), duplicate);
      // Told before the merge: the followers move to the kept report with it.
      const recipients = await recipientsOf(deps, org, duplicate);
      const entries = {
        duplicate: { kind: 'merged' as const, actor, to: kept.reference, status: step.key, statusLabel: step.label, ...(publicNote ? { publicNote } : {}) },
        kept: { kind: 'merged' as const, actor, from: duplicate.reference },
      };
      const merged = await store.reports.merge(org.id, duplicate.rowid, kept.rowid, step.key, entries, deps.clock());
      await reportChanged(deps, 'report.updated', merged.duplicate, { entries: [entries.duplicate], actorUserId: user.id, recipients });
      await reportChanged(deps, 'report.updated', merged.kept, { entries: [entries.kept], actorUserId: user.id });
      return json(c, await detail(c, context, merged.duplicate));
    })
    .delete('/:org/reports/:ref/photos/:photoId', auth, async (c) => {
      const context = await reportContext(c, deps);
      const { org, viewer } = context;
      const user = requireOfficer(viewer, org);
      const report = await findReport(deps, org, c.req.param('ref'));
      assertMayAct(viewer, org, report);
      const reason = (c.req.query('reason') ?? '').trim().slice(0, 2000);
      const actor = officerActor(viewer, org, await store.orgs.departments(org.id), report);
      const updated = await store.reports.removePhoto(org.id, report.rowid, c.req.param('photoId'), { kind: 'photo-removed', actor, ...(reason ? { internalNote: reason } : {}) }, deps.clock());
      if (!updated) throw notFound(`${report.reference} shows no photo with this id.`);
      await reportChanged(deps, 'report.updated', updated, { entries: [], actorUserId: user.id });
      return json(c, await detail(c, context, updated));
    });
}
