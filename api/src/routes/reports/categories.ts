// /v1/orgs/:org/report-categories: what residents can report (anyone reads; admins add and change).
import { Hono } from 'hono';
import { ReportCategoryCreate, ReportCategoryUpdate, type ReportCategoryList } from '@civic-elements/protocol';
import { requireAuth } from '../../http/auth.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import { requireAdmin } from '../../reports/access.js';
import { reportCategoryOut } from '../../reports/present.js';
import { ConflictError, type OrgRecord } from '../../store/types.js';
import { reportContext } from './context.js';

/** 400 for a department the organisation does not have (before the store would refuse it). */
async function checkDepartment(deps: Deps, org: OrgRecord, department: string | null | undefined): Promise<void> {
  if (department === null || department === undefined) return;
  const departments = await deps.store.orgs.departments(org.id);
  if (!departments.some((d) => d.slug === department)) {
    const known = departments.map((d) => d.slug).join(', ');
    throw new ApiError(400, 'validation_failed', `${org.name} has no department “${department}”.`, {
      fields: { department: known ? `Use one of: ${known}.` : `${org.name} has no departments yet.` },
    });
  }
}

export function reportCategoryRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  return new Hono<AppEnv>()
    .get('/:org/report-categories', optionalAuth(deps), async (c) => {
      const { org } = await reportContext(c, deps);
      const body: ReportCategoryList = { items: (await deps.store.reports.categories(org.id)).map(reportCategoryOut) };
      return json(c, body);
    })
    .post('/:org/report-categories', auth, jsonBody(ReportCategoryCreate), async (c) => {
      const { org, viewer } = await reportContext(c, deps);
      requireAdmin(viewer, org, 'add report categories');
      const input = c.req.valid('json');
      await checkDepartment(deps, org, input.department);
      try {
        const category = await deps.store.reports.createCategory(org.id, input, deps.clock());
        return json(c, reportCategoryOut(category), 201);
      } catch (error) {
        if (error instanceof ConflictError) throw new ApiError(409, 'conflict', error.message, { fields: { code: 'Choose another code.' } });
        throw error;
      }
    })
    .patch('/:org/report-categories/:id', auth, jsonBody(ReportCategoryUpdate), async (c) => {
      const { org, viewer } = await reportContext(c, deps);
      requireAdmin(viewer, org, 'change report categories');
      const changes = c.req.valid('json');
      await checkDepartment(deps, org, changes.department);
      const category = await deps.store.reports.updateCategory(org.id, c.req.param('id'), changes, deps.clock());
      if (!category) throw notFound(`${org.name} has no report category with this id.`);
      return json(c, reportCategoryOut(category));
    });
}
