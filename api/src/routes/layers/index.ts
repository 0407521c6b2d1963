// GET /v1/orgs/:org/layers: every layer the organisation's maps can show (places, events, each active project, reports).
import { Hono } from 'hono';
import type { LayerInfo, LayerList } from '@civic-elements/protocol';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { baseUrl, findOrg } from '../../http/viewer.js';
import { layerIds } from '../../present-maps.js';
import { REPORTS_LAYER } from '../reports/features.js';
import type { ProjectRecord } from '../../store/types.js';

const PLACES_COLOUR = '#00703c';
const EVENTS_COLOUR = '#d4351c';
const PROJECT_COLOUR = '#1d70b8';
const REPORTS_COLOUR = '#f47738';
/** Projects listed at most; an organisation runs a handful at a time. */
const MAX_PROJECTS = 100;

export function layerRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/:org/layers', async (c) => {
    const org = await findOrg(deps, c.req.param('org'));
    const base = `${baseUrl(c, deps.config)}/v1/orgs/${org.slug}`;
    const projects: ProjectRecord[] = await deps.store.maps.projects(org.id, ['active'], { after: null, limit: MAX_PROJECTS });
    const layers: LayerInfo[] = [
      ...projects.map((project): LayerInfo => {
        const categories = project.categories.filter((category) => !category.archived);
        return {
          id: layerIds.project(project.id),
          kind: 'contributions',
          title: project.title,
          url: `${base}/projects/${encodeURIComponent(project.id)}/contributions`,
          project: project.id,
          categories: categories.map(({ id, name, colour, symbol }) => ({ id, name, colour, symbol })),
          colour: categories[0]?.colour ?? PROJECT_COLOUR,
        };
      }),
      { id: layerIds.places, kind: 'places', title: 'Places', url: `${base}/places`, categories: [], colour: org.theme.accent ?? PLACES_COLOUR },
      { id: layerIds.events, kind: 'events', title: 'Events', url: `${base}/events`, categories: [], colour: org.theme.primary ?? EVENTS_COLOUR },
    ];
    // Reports, where the organisation takes them (report categories have no colour or symbol of their own).
    if ((await deps.store.reports.categories(org.id, { activeOnly: true })).length > 0) {
      layers.push({ id: REPORTS_LAYER, kind: 'reports', title: 'Reported problems', url: `${base}/report-features`, categories: [], colour: REPORTS_COLOUR });
    }
    const body: LayerList = { layers };
    return json(c, body);
  });
}
