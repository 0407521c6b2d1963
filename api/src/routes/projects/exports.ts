// /v1/orgs/:org/projects/:id/export.geojson and export.csv: a project's contributions to download.
import { Hono, type Context } from 'hono';
import { LayerQuery, type ContributionStatus } from '@civic-elements/protocol';
import type { AppEnv, Deps } from '../../http/env.js';
import { queryOf } from '../../http/validate.js';
import { baseUrl, optionalAuth } from '../../http/viewer.js';
import { contributionOut } from '../../present-maps.js';
import type { FeatureRecord } from '../../store/types.js';
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

export function exportRoutes(deps: Deps) {
  const maybeAuth = optionalAuth(deps);
  return new Hono<AppEnv>().get('/:org/projects/:id/export.geojson', maybeAuth, queryOf(ExportQuery), async (c) => {
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
