// /v1/orgs/:org/places: places an organisation puts on its map (libraries, leisure centres…); staff write, anyone reads.
import { Hono, type Context } from 'hono';
import { LayerQuery, PlaceCreate, PlaceUpdate, type Geometry } from '@civic-elements/protocol';
import { validateGeometry } from '../../domain/geo.js';
import { requireAuth } from '../../http/auth.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { assertNoProblems } from '../../http/problems.js';
import { json, jsonText } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { findOrg, viewerOf } from '../../http/viewer.js';
import { clusterOut, featureCollection, layerIds, placeOut } from '../../present-maps.js';
import type { FeatureKind, FeatureRecord, OrgRecord } from '../../store/types.js';
import { requireManager, requireUser } from '../projects/context.js';
import { withinBudget } from '../projects/viewport.js';

/**
 * Checks what places and events share: the geometry lies in the organisation's area, and a
 * project they name is one of the organisation's. Every problem at once, keyed by path.
 */
export async function checkPlaceInput(deps: Deps, org: OrgRecord, input: { geometry?: Geometry; project?: string | null }, extra: Record<string, string> = {}): Promise<void> {
  const problems: Record<string, string> = { ...extra };
  if (input.geometry) {
    for (const { path, message } of validateGeometry(input.geometry, { area: org.map.extent })) problems[`geometry.${path}`] ??= message;
  }
  if (input.project && !(await deps.store.maps.project(org.id, input.project))) {
    problems['properties.project'] = `${org.name} has no map project with this id.`;
  }
  assertNoProblems(problems);
}

/** The organisation, once the signed-in person is shown to be staff who may manage its map (and a write's origin is allowed). */
export async function asMapManager(c: Context<AppEnv>, deps: Deps) {
  const org = await findOrg(deps, c.req.param('org') ?? '');
  assertOriginAllowed(c.req.header('origin'), org);
  const viewer = await viewerOf(c, deps, org);
  requireManager({ org, viewer });
  return { org, user: requireUser(viewer) };
}

/** A place or event of the organisation in the path, or 404. */
export async function findFeature(c: Context<AppEnv>, deps: Deps, kind: FeatureKind): Promise<{ org: OrgRecord; feature: FeatureRecord }> {
  const org = await findOrg(deps, c.req.param('org') ?? '');
  const feature = await deps.store.maps.feature(org.id, kind, c.req.param('id') ?? '');
  if (!feature) throw notFound(`${org.name} has no ${kind} with this id.`);
  return { org, feature };
}

export function placeRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  return new Hono<AppEnv>()
    .get('/:org/places', queryOf(LayerQuery), async (c) => {
      const org = await findOrg(deps, c.req.param('org'));
      const { bbox, zoom } = c.req.valid('query');
      const text = await withinBudget(async (limit) => {
        const result = await store.maps.viewport(org.id, { layers: [`p:${org.id}`], bbox, zoom, limit });
        return JSON.stringify(featureCollection([...result.clusters.map((cluster) => clusterOut(cluster, layerIds.places)), ...result.features.map(placeOut)], result.total, result.clustered));
      });
      return jsonText(c, text);
    })
    .post('/:org/places', auth, jsonBody(PlaceCreate), async (c) => {
      const { org, user } = await asMapManager(c, deps);
      const { geometry, properties } = c.req.valid('json');
      await checkPlaceInput(deps, org, { geometry, project: properties.project });
      const feature = await store.maps.createFeature(
        { kind: 'place', orgId: org.id, projectId: properties.project, categoryId: null, status: 'active', geometry, ...properties, authorId: user.id },
        deps.clock(),
      );
      return json(c, placeOut(feature), 201);
    })
    .get('/:org/places/:id', async (c) => {
      const { feature } = await findFeature(c, deps, 'place');
      return json(c, placeOut(feature));
    })
    .patch('/:org/places/:id', auth, jsonBody(PlaceUpdate), async (c) => {
      const { org } = await asMapManager(c, deps);
      const { feature } = await findFeature(c, deps, 'place');
      const { geometry, properties = {} } = c.req.valid('json');
      await checkPlaceInput(deps, org, { ...(geometry ? { geometry } : {}), project: properties.project });
      const { project, ...rest } = properties;
      const updated = await store.maps.updateFeature(org.id, feature.rowid, { ...(geometry ? { geometry } : {}), ...rest, ...(project !== undefined ? { projectId: project } : {}) }, deps.clock());
      return json(c, placeOut(updated));
    })
    .delete('/:org/places/:id', auth, async (c) => {
      const { org } = await asMapManager(c, deps);
      const { feature } = await findFeature(c, deps, 'place');
      await store.maps.removeFeature(org.id, feature.rowid);
      return c.body(null, 204);
    });
}
