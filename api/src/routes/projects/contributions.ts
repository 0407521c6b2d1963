// /v1/orgs/:org/projects/:id/contributions: what residents add to a map project, their flags, and moderation.
import { Hono, type Context } from 'hono';
import {
  ContributionCreate,
  ContributionUpdate,
  FlagCreate,
  LayerQuery,
  ModerationAction,
  PageQuery,
  type ContributionStatus,
  type Flag,
} from '@civic-elements/protocol';
import { contributionTitle } from '../../domain/fields.js';
import { requireAuth } from '../../http/auth.js';
import { decodeCursor, pageOf } from '../../http/cursor.js';
import { ApiError, forbidden, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json, jsonText } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { baseUrl, optionalAuth } from '../../http/viewer.js';
import { clusterOut, contributionOut, featureCollection, layerIds, type ContributionView } from '../../present-maps.js';
import { ConflictError, type FeatureRecord, type FlagRecord, type ProjectRecord } from '../../store/types.js';
import { withinBudget } from './viewport.js';
import { activeCategory, canSee, checkContribution, contributeRefusal, projectContext, requireModerator, requireUser, type ProjectContext } from './context.js';

/** Open flags that take an active contribution off the public map until a moderator decides. */
export const FLAG_THRESHOLD = 1;

const ALL_STATUSES: readonly ContributionStatus[] = ['active', 'pending', 'review', 'deleted'];

export const flagOut = (flag: FlagRecord): Flag => ({
  reason: flag.reason,
  ...(flag.note ? { note: flag.note } : {}),
  createdAt: flag.createdAt,
  resolvedAt: flag.resolvedAt,
});

/** The categories a `category=` filter names (all taking contributions when absent); 400 for ids the project lacks. */
export function selectedCategories(project: ProjectRecord, filter: string | undefined, includeArchived: boolean) {
  const usable = project.categories.filter((c) => includeArchived || !c.archived);
  if (filter === undefined || filter.trim() === '') return usable;
  const ids = filter.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !usable.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new ApiError(400, 'validation_failed', `This project has no category ${unknown.map((id) => `"${id}"`).join(', ')}.`, {
      fields: { category: 'Use the ids of categories from the project.' },
    });
  }
  return usable.filter((c) => ids.includes(c.id));
}

/** The statuses asked for: active for everyone; others (or `all`) for moderators only. */
export function statusesAsked(status: string | undefined, context: ProjectContext): readonly ContributionStatus[] {
  if (status === undefined || status === 'active') return ['active'];
  requireModerator(context);
  return status === 'all' ? ALL_STATUSES : [status as ContributionStatus];
}

export function contributionRoutes(deps: Deps) {
  const { store } = deps;
  const maybeAuth = optionalAuth(deps);
  const auth = requireAuth(deps);

  const viewOf = (c: Context<AppEnv>, { viewer }: ProjectContext): ContributionView => ({
    base: baseUrl(c, deps.config),
    viewerId: viewer.user?.id ?? null,
    moderator: viewer.canModerate,
  });

  /** The contribution in the path, if this person may see it (404 otherwise, whether it exists or not). */
  async function findContribution(c: Context<AppEnv>, context: ProjectContext): Promise<FeatureRecord> {
    const feature = await store.maps.feature(context.org.id, 'contribution', c.req.param('cid') ?? '');
    if (!feature || feature.projectId !== context.project.id || !canSee(feature, context.viewer)) {
      throw notFound('This project has no contribution with this id.');
    }
    return feature;
  }

  return new Hono<AppEnv>()
    .get('/:org/projects/:id/contributions', maybeAuth, queryOf(LayerQuery), async (c) => {
      const context = await projectContext(c, deps);
      const { org, viewer, project } = context;
      const query = c.req.valid('query');
      const statuses = statusesAsked(query.status, context);
      const categories = selectedCategories(project, query.category, viewer.canModerate);
      const layers = categories.flatMap((category) => statuses.map((status) => `c:${project.id}:${category.id}:${status}`));
      // An author sees what they sent while it waits for a moderator; nobody else does.
      const ids = new Set(categories.map((category) => category.id));
      const own =
        viewer.user && !viewer.canModerate && query.status === undefined
          ? (await store.maps.ownContributions(org.id, project.id, viewer.user.id, ['pending', 'review'], query.bbox)).filter((f) => ids.has(f.categoryId ?? ''))
          : [];
      const view = viewOf(c, context);
      const layer = layerIds.project(project.id);
      const text = await withinBudget(async (limit) => {
        const result = layers.length === 0 ? { total: 0, clustered: false, features: [], clusters: [] } : await store.maps.viewport(org.id, { layers, bbox: query.bbox, zoom: query.zoom, limit });
        const features = [...result.clusters.map((cluster) => clusterOut(cluster, layer)), ...[...result.features, ...own].map((f) => contributionOut(f, project, view))];
        return JSON.stringify(featureCollection(features, result.total + own.length, result.clustered));
      });
      return jsonText(c, text);
    })
    .post('/:org/projects/:id/contributions', auth, jsonBody(ContributionCreate), async (c) => {
      const context = await projectContext(c, deps);
      const { org, viewer, project } = context;
      const user = requireUser(viewer);
      const refusal = await contributeRefusal(deps, context);
      if (refusal) throw forbidden(refusal);
      const { geometry, properties } = c.req.valid('json');
      const category = activeCategory(project, properties.category);
      const checked = await checkContribution(deps, org, project.area, {
        geometry,
        category,
        categoryId: properties.category,
        fields: properties.fields,
        photos: properties.photos,
      });
      const status: ContributionStatus = project.moderation === 'review' && !viewer.canModerate ? 'pending' : 'active';
      const feature = await store.maps.createFeature(
        {
          kind: 'contribution',
          orgId: org.id,
          projectId: project.id,
          categoryId: category!.id,
          status,
          geometry,
          title: contributionTitle(category!.fields, checked.fields ?? {}, category!.name),
          fields: checked.fields ?? {},
          photos: checked.photos ?? [],
          authorId: user.id,
        },
        deps.clock(),
      );
      return json(c, contributionOut(feature, project, viewOf(c, context)), 201);
    })
    .get('/:org/projects/:id/contributions/:cid', maybeAuth, async (c) => {
      const context = await projectContext(c, deps);
      const feature = await findContribution(c, context);
      return json(c, contributionOut(feature, context.project, viewOf(c, context)));
    })
    .patch('/:org/projects/:id/contributions/:cid', auth, jsonBody(ContributionUpdate), async (c) => {
      const context = await projectContext(c, deps);
      const { org, viewer, project } = context;
      const user = requireUser(viewer);
      const feature = await findContribution(c, context);
      const isAuthor = feature.authorId === user.id;
      if (!isAuthor && !viewer.canModerate) throw forbidden('Only its author or a moderator can change this contribution.');
      const { geometry, properties = {} } = c.req.valid('json');
      const newCategory = properties.category !== undefined && properties.category !== feature.categoryId;
      const category = newCategory ? activeCategory(project, properties.category!) : project.categories.find((cat) => cat.id === feature.categoryId);
      const checked = await checkContribution(deps, org, project.area, {
        ...(geometry ? { geometry } : {}),
        category,
        ...(newCategory ? { categoryId: properties.category } : {}),
        // A new category asks its own questions: the answers are checked against them again.
        ...(properties.fields !== undefined || newCategory ? { fields: properties.fields ?? feature.fields } : {}),
        ...(properties.photos !== undefined ? { photos: properties.photos } : {}),
      });
      const fields = checked.fields ?? feature.fields;
      // Under review moderation, an author's change is looked at again before the public sees it.
      const status = !viewer.canModerate && project.moderation === 'review' && feature.status === 'active' ? 'pending' : feature.status;
      const updated = await store.maps.updateFeature(
        org.id,
        feature.rowid,
        {
          ...(geometry ? { geometry } : {}),
          ...(category ? { categoryId: category.id, title: contributionTitle(category.fields, fields, category.name) } : {}),
          fields,
          ...(checked.photos ? { photos: checked.photos } : {}),
          status,
        },
        deps.clock(),
        isAuthor ? undefined : { userId: user.id, action: 'edited' },
      );
      return json(c, contributionOut(updated, project, viewOf(c, context)));
    })
    .delete('/:org/projects/:id/contributions/:cid', auth, async (c) => {
      const context = await projectContext(c, deps);
      const user = requireUser(context.viewer);
      const feature = await findContribution(c, context);
      if (feature.authorId !== user.id && !context.viewer.canModerate) throw forbidden('Only its author or a moderator can delete this contribution.');
      if (feature.status !== 'deleted') {
        await store.maps.moderate(context.org.id, feature.rowid, 'deleted', { userId: user.id, action: 'delete' }, deps.clock());
      }
      return c.body(null, 204);
    })
    .post('/:org/projects/:id/contributions/:cid/flags', auth, jsonBody(FlagCreate), async (c) => {
      const context = await projectContext(c, deps);
      const user = requireUser(context.viewer);
      // Flagging hides a contribution from the person who flagged it; a second try still hears why it fails.
      const flagged = await store.maps.feature(context.org.id, 'contribution', c.req.param('cid'));
      if (flagged?.projectId === context.project.id && (await store.maps.flags(context.org.id, flagged.rowid)).some((f) => f.userId === user.id)) {
        throw new ApiError(409, 'conflict', 'You have already flagged this. A moderator will look at it.');
      }
      const feature = await findContribution(c, context);
      if (feature.status === 'deleted') throw new ApiError(409, 'conflict', 'This contribution has already been removed.');
      const { reason, note } = c.req.valid('json');
      try {
        await store.maps.flag(context.org.id, feature.rowid, { userId: user.id, reason, note: note || null }, FLAG_THRESHOLD, deps.clock());
      } catch (error) {
        if (error instanceof ConflictError) throw new ApiError(409, 'conflict', error.message);
        throw error;
      }
      const flag = (await store.maps.flags(context.org.id, feature.rowid)).find((f) => f.userId === user.id)!;
      return json(c, flagOut(flag), 201);
    })
    .get('/:org/projects/:id/contributions/:cid/flags', auth, async (c) => {
      const context = await projectContext(c, deps);
      requireModerator(context);
      const feature = await findContribution(c, context);
      return json(c, { items: (await store.maps.flags(context.org.id, feature.rowid)).map(flagOut) });
    })
    .post('/:org/projects/:id/contributions/:cid/moderation', auth, jsonBody(ModerationAction), async (c) => {
      const context = await projectContext(c, deps);
      requireModerator(context);
      const user = requireUser(context.viewer);
      const feature = await findContribution(c, context);
      const { action, note } = c.req.valid('json');
      const next: Record<typeof action, { to: ContributionStatus; from: readonly ContributionStatus[]; refusal: string }> = {
        approve: { to: 'active', from: ['pending', 'review', 'active'], refusal: 'This contribution was removed: restore it instead.' },
        reject: { to: 'deleted', from: ['pending', 'review', 'active'], refusal: 'This contribution has already been removed.' },
        restore: { to: 'active', from: ['deleted'], refusal: 'Only a removed contribution can be restored.' },
      };
      const rule = next[action];
      if (!rule.from.includes(feature.status)) throw new ApiError(409, 'conflict', rule.refusal);
      const updated = await store.maps.moderate(context.org.id, feature.rowid, rule.to, { userId: user.id, action, note: note || null }, deps.clock());
      return json(c, contributionOut(updated, context.project, viewOf(c, context)));
    })
    .get('/:org/projects/:id/review', auth, queryOf(PageQuery), async (c) => {
      const context = await projectContext(c, deps);
      requireModerator(context);
      const { cursor, limit } = c.req.valid('query');
      const rows = await store.maps.contributions(context.org.id, context.project.id, ['pending', 'review'], { after: decodeCursor(cursor), limit: limit + 1 });
      const page = pageOf(rows, limit, (f) => f);
      const view = viewOf(c, context);
      const items = await Promise.all(
        page.items.map(async (f) => ({ feature: contributionOut(f, context.project, view), flags: (await store.maps.flags(context.org.id, f.rowid)).map(flagOut) })),
      );
      return json(c, { items, nextCursor: page.nextCursor });
    });
}
