// Following a report (emails on each public change) and supporting it (+1, which also follows).
import { Hono } from 'hono';
import type { ReportRelation } from '@civic-elements/protocol';
import { requireAuth } from '../../http/auth.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { requireUser } from '../../reports/access.js';
import { findReport, reportContext } from './context.js';

export function reportRelationRoutes(deps: Deps) {
  const { store } = deps;
  const router = new Hono<AppEnv>();
  for (const what of ['follow', 'support'] as const) {
    for (const method of ['put', 'delete'] as const) {
      router[method](`/:org/reports/:ref/${what}`, requireAuth(deps), async (c) => {
        const { org, viewer } = await reportContext(c, deps);
        const user = requireUser(viewer);
        const report = await findReport(deps, org, c.req.param('ref'));
        const on = method === 'put';
        if (on && report.mergedInto) {
          throw new ApiError(409, 'conflict', `${report.reference} was merged into ${report.mergedInto.reference}: ${what} that one instead.`, { details: { mergedInto: report.mergedInto.id } });
        }
        // Support counts how many other people have the problem: the reporter already said so.
        if (on && what === 'support' && report.reporterId === user.id) {
          throw new ApiError(409, 'conflict', 'You made this report, so it already counts you. Others can support it.');
        }
        const relation: ReportRelation =
          what === 'follow'
            ? await store.reports.setFollowing(org.id, report.rowid, user.id, on, deps.clock())
            : await store.reports.setSupporting(org.id, report.rowid, user.id, on, deps.clock());
        return json(c, relation);
      });
    }
  }
  return router;
}
