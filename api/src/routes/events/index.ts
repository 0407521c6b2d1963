// /v1/orgs/:org/events: events on the organisation's map, filtered by time; iCalendar per event and per organisation.
import { Hono } from 'hono';
import { EventCreate, EventUpdate, LayerQuery } from '@civic-elements/protocol';
import { requireAuth } from '../../http/auth.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json, jsonText } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { baseUrl, findOrg } from '../../http/viewer.js';
import { clusterOut, eventOut, featureCollection, layerIds } from '../../present-maps.js';
import { withinBudget } from '../projects/viewport.js';
import { asMapManager, checkPlaceInput, findFeature } from '../places/index.js';
import { calendarResponse, FEED_LIMIT, FEED_PAST_DAYS } from './calendar.js';

export function eventRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  return new Hono<AppEnv>()
    .get('/:org/events', queryOf(LayerQuery), async (c) => {
      const org = await findOrg(deps, c.req.param('org'));
      const { bbox, zoom, from, to } = c.req.valid('query');
      // Without a time span the map shows what is still to come (events not yet over).
      const since = from ?? (to === undefined ? deps.clock().toISOString() : null);
      const base = baseUrl(c, deps.config);
      const text = await withinBudget(async (limit) => {
        const result = await store.maps.eventsViewport(org.id, { bbox, zoom, limit, from: since, to: to ?? null });
        return JSON.stringify(featureCollection([...result.clusters.map((cluster) => clusterOut(cluster, layerIds.events)), ...result.features.map((f) => eventOut(f, org, base))], result.total, result.clustered));
      });
      return jsonText(c, text);
    })
    .post('/:org/events', auth, jsonBody(EventCreate), async (c) => {
      const { org, user } = await asMapManager(c, deps);
      const { geometry, properties } = c.req.valid('json');
      await checkPlaceInput(deps, org, { geometry, project: properties.project });
      const feature = await store.maps.createFeature(
        { kind: 'event', orgId: org.id, projectId: properties.project, categoryId: null, status: 'active', geometry, ...properties, authorId: user.id },
        deps.clock(),
      );
      return json(c, eventOut(feature, org, baseUrl(c, deps.config)), 201);
    })
    .get('/:org/calendar.ics', async (c) => {
      const org = await findOrg(deps, c.req.param('org'));
      const since = new Date(deps.clock().getTime() - FEED_PAST_DAYS * 86_400_000).toISOString();
      const events = await store.maps.events(org.id, { endsAfter: since, limit: FEED_LIMIT });
      return calendarResponse(c, deps, { org, name: `${org.name}: events`, events, filename: `${org.slug}-events.ics` });
    })
    .get('/:org/events/:id/event.ics', async (c) => {
      const { org, feature } = await findFeature(c, deps, 'event');
      return calendarResponse(c, deps, { org, name: feature.title, events: [feature], filename: 'event.ics' });
    })
    .get('/:org/events/:id', async (c) => {
      const { org, feature } = await findFeature(c, deps, 'event');
      return json(c, eventOut(feature, org, baseUrl(c, deps.config)));
    })
    .patch('/:org/events/:id', auth, jsonBody(EventUpdate), async (c) => {
      const { org } = await asMapManager(c, deps);
      const { feature } = await findFeature(c, deps, 'event');
      const { geometry, properties = {} } = c.req.valid('json');
      const start = properties.start ?? feature.start!;
      const end = properties.end ?? feature.end!;
      const timing = end > start ? {} : { [properties.end !== undefined ? 'properties.end' : 'properties.start']: 'An event ends after it starts.' };
      await checkPlaceInput(deps, org, { ...(geometry ? { geometry } : {}), project: properties.project }, timing);
      const { project, ...rest } = properties;
      const updated = await store.maps.updateFeature(org.id, feature.rowid, { ...(geometry ? { geometry } : {}), ...rest, ...(project !== undefined ? { projectId: project } : {}) }, deps.clock());
      return json(c, eventOut(updated, org, baseUrl(c, deps.config)));
    })
    .delete('/:org/events/:id', auth, async (c) => {
      const { org } = await asMapManager(c, deps);
      const { feature } = await findFeature(c, deps, 'event');
      await store.maps.removeFeature(org.id, feature.rowid);
      return c.body(null, 204);
    });
}
