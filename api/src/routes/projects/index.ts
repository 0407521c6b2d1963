// /v1/orgs/:org/projects: participatory map projects, their categories and members (officers set them up; anyone reads).
import { Hono } from 'hono';
import { MapProjectCreate, MapProjectUpdate, PageQuery, ProjectMembers, type MapProject } from '@civic-elements/protocol';
import { validateGeometry } from '../../domain/geo.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { decodeCursor, pageOf } from '../../http/cursor.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { assertNoProblems } from '../../http/problems.js';
import { json } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { requireAuth } from '../../http/auth.js';
import { findOrg, optionalAuth, viewerOf, type Viewer } from '../../http/viewer.js';
import { projectOut } from '../../present-maps.js';
import { ConflictError, type OrgRecord, type ProjectRecord } from '../../store/types.js';
import { contributionRoutes } from './contributions.js';
import { contributeRefusal, projectContext, requireManager } from './context.js';
import { exportRoutes } from './exports.js';

/** A project's area must lie inside the organisation's map extent. */
function checkArea(org: OrgRecord, area: ProjectRecord['area']): void {
  const problems: Record<string, string> = {};
  for (const { path, message } of validateGeometry(area, { area: org.map.extent })) problems[`area.${path}`] ??= message;
  assertNoProblems(problems);
}

export function projectRoutes(deps: Deps) {
  const { store } = deps;
  const maybeAuth = optionalAuth(deps);
  const auth = requireAuth(deps);

  async function present(org: OrgRecord, viewer: Viewer, projects: ProjectRecord[]): Promise<MapProject[]> {
    const counts = await store.maps.contributionCounts(org.id, projects.map((p) => p.id));
    return Promise.all(
      projects.map(async (project) => {
        let you: MapProject['you'];
        if (viewer.user) {
          const reason = await contributeRefusal(deps, { org, viewer, project });
          you = { canContribute: reason === null, canModerate: viewer.canModerate, canManage: viewer.canManage, ...(reason ? { reason } : {}) };
        }
        return projectOut(project, org, counts.get(project.id) ?? 0, you);
      }),
    );
  }

  return new Hono<AppEnv>()
    .get('/:org/projects', maybeAuth, queryOf(PageQuery), async (c) => {
      const org = await findOrg(deps, c.req.param('org'));
      const viewer = await viewerOf(c, deps, org);
      const { cursor, limit } = c.req.valid('query');
      const statuses = viewer.canManage || viewer.canModerate ? (['active', 'archived'] as const) : (['active'] as const);
      const rows = await store.maps.projects(org.id, statuses, { after: decodeCursor(cursor), limit: limit + 1 });
      const page = pageOf(rows, limit, (p) => p);
      return json(c, { items: await present(org, viewer, page.items), nextCursor: page.nextCursor });
    })
    .post('/:org/projects', auth, jsonBody(MapProjectCreate), async (c) => {
      const org = await findOrg(deps, c.req.param('org'));
      assertOriginAllowed(c.req.header('origin'), org);
      const viewer = await viewerOf(c, deps, org);
      requireManager({ org, viewer });
      const input = c.req.valid('json');
      checkArea(org, input.area);
      const project = await store.maps.createProject(
        org.id,
        { ...input, categories: input.categories.map(({ id: _id, ...category }) => category) },
        deps.clock(),
      );
      return json(c, (await present(org, viewer, [project]))[0], 201);
    })
    .get('/:org/projects/:id', maybeAuth, async (c) => {
      const { org, viewer, project } = await projectContext(c, deps);
      return json(c, (await present(org, viewer, [project]))[0]);
    })
    .patch('/:org/projects/:id', auth, jsonBody(MapProjectUpdate), async (c) => {
      const context = await projectContext(c, deps);
      requireManager(context);
      const { org, viewer, project } = context;
      const changes = c.req.valid('json');
      if (changes.area) checkArea(org, changes.area);
      try {
        const updated = await store.maps.updateProject(org.id, project.id, changes, deps.clock());
        return json(c, (await present(org, viewer, [updated]))[0]);
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new ApiError(400, 'validation_failed', error.message, { fields: { categories: 'Keep the id of an existing category, or leave it out to add a new one.' } });
        }
        throw error;
      }
    })
    .delete('/:org/projects/:id', auth, async (c) => {
      const context = await projectContext(c, deps);
      requireManager(context);
      try {
        await store.maps.deleteProject(context.org.id, context.project.id);
      } catch (error) {
        if (error instanceof ConflictError) throw new ApiError(409, 'conflict', error.message);
        throw error;
      }
      return c.body(null, 204);
    })
    .get('/:org/projects/:id/members', auth, async (c) => {
      const context = await projectContext(c, deps);
      requireManager(context);
      return json(c, { emails: await store.maps.projectMembers(context.org.id, context.project.id) });
    })
    .put('/:org/projects/:id/members', auth, jsonBody(ProjectMembers), async (c) => {
      const context = await projectContext(c, deps);
      requireManager(context);
      const emails = await store.maps.setProjectMembers(context.org.id, context.project.id, c.req.valid('json').emails);
      return json(c, { emails });
    })
    .route('/', contributionRoutes(deps))
    .route('/', exportRoutes(deps));
}
