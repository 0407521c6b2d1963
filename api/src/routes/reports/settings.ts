// /v1/orgs/:org/report-settings: the workflow, anonymous reports and the nearby radius (anyone reads; admins change).
import { Hono } from 'hono';
import { ReportSettings } from '@civic-elements/protocol';
import { checkWorkflowChange } from '../../domain/workflow.js';
import { requireAuth } from '../../http/auth.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { assertNoProblems } from '../../http/problems.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import { requireAdmin } from '../../reports/access.js';
import { reportContext } from './context.js';

export function reportSettingsRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/:org/report-settings', optionalAuth(deps), async (c) => {
      const { settings } = await reportContext(c, deps);
      const body: ReportSettings = settings;
      return json(c, body);
    })
    .put('/:org/report-settings', requireAuth(deps), jsonBody(ReportSettings.strict()), async (c) => {
      const { org, viewer } = await reportContext(c, deps);
      requireAdmin(viewer, org, 'change how reports work');
      const settings = c.req.valid('json');
      assertNoProblems(checkWorkflowChange(settings.workflow, await deps.store.reports.statusCounts(org.id)));
      const saved = await deps.store.reports.saveSettings(org.id, settings, deps.clock());
      return json(c, saved satisfies ReportSettings);
    });
}
