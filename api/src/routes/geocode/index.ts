// GET /v1/geocode?org=&q=&limit=: address search for an organisation's maps, its own area first.
import { Hono } from 'hono';
import { GeocodeQuery, type GeocodeResults } from '@civic-elements/protocol';
import { rankInArea } from '../../geocode/area.js';
import { geocoderFor } from '../../geocode/provider.js';
import { GeocoderUnavailable, type Geocoder } from '../../geocode/types.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { queryOf } from '../../http/validate.js';
import { findOrg } from '../../http/viewer.js';

/** Results asked of the provider beyond `limit`, so that ones inside the area are not cut off before ranking. */
const OVERFETCH = 2;
const PROVIDER_MAX = 40;

/** `geocoder` defaults to the one the configuration names (see geocode/provider.ts); tests pass their own. */
export function geocodeRoutes(deps: Deps, geocoder: Geocoder = geocoderFor(deps.config, deps.store)) {
  return new Hono<AppEnv>().get('/', queryOf(GeocodeQuery), async (c) => {
    const { org: slug, q, limit } = c.req.valid('query');
    const org = await findOrg(deps, slug);
    const area = org.map.extent;
    let found;
    try {
      found = await geocoder.search(q, { bbox: area, limit: Math.min(limit * OVERFETCH, PROVIDER_MAX), signal: c.req.raw.signal });
    } catch (error) {
      if (error instanceof GeocoderUnavailable) {
        throw new ApiError(503, 'service_unavailable', `Address search is not available just now (${error.message}). Try again in a moment, or place the point on the map.`, {
          headers: { 'Retry-After': '30' },
        });
      }
      throw error;
    }
    const body: GeocodeResults = { results: rankInArea(found, area, limit) };
    // The same words give the same places for a while; the organisation's area changes rarely.
    return json(c, body, 200, { 'cache-control': 'public, max-age=300' });
  });
}
