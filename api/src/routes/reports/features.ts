// GET /v1/orgs/:org/report-features: the reports map layer (a LayerFeatureCollection of reports and clusters).
import { Hono } from 'hono';
import { LayerQuery } from '@civic-elements/protocol';
import { z } from 'zod';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { jsonText } from '../../http/reply.js';
import { queryOf } from '../../http/validate.js';
import { findOrg } from '../../http/viewer.js';
import { clusterOut, featureCollection } from '../../present-maps.js';
import { reportFeatureOut } from '../../reports/present.js';
import { reportSettingsOf } from '../../reports/settings.js';
import { withinBudget } from '../projects/viewport.js';

/** The layer's id in GET /layers (and in `<civic-map layers="…">`). */
export const REPORTS_LAYER = 'reports';

/** The layer query, plus `open=false` for closed reports too. */
export const ReportFeatureQuery = LayerQuery.omit({ status: true, from: true, to: true }).extend({
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export function reportFeatureRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/:org/report-features', queryOf(ReportFeatureQuery), async (c) => {
    const org = await findOrg(deps, c.req.param('org'));
    const query = c.req.valid('query');
    const [categories, settings] = await Promise.all([deps.store.reports.categories(org.id), reportSettingsOf(deps.store, org.id)]);
    let chosen = categories;
    if (query.category !== undefined && query.category.trim() !== '') {
      const asked = query.category.split(',').map((v) => v.trim()).filter(Boolean);
      const unknown = asked.filter((v) => !categories.some((cat) => cat.code === v || cat.id === v));
      if (unknown.length > 0) {
        throw new ApiError(400, 'validation_failed', `${org.name} has no report category ${unknown.map((u) => `“${u}”`).join(', ')}.`, {
          fields: { category: 'Use the codes (or ids) of report categories.' },
        });
      }
      chosen = categories.filter((cat) => asked.includes(cat.code) || asked.includes(cat.id));
    }
    const text = await withinBudget(async (limit) => {
      const result = await deps.store.reports.viewport(org.id, { bbox: query.bbox, zoom: query.zoom, limit, categoryIds: chosen.map((cat) => cat.id), closed: query.open === false });
      const features = [...result.clusters.map((cluster) => clusterOut(cluster, REPORTS_LAYER)), ...result.reports.map((report) => reportFeatureOut(report, settings.workflow))];
      return JSON.stringify(featureCollection(features as never, result.total, result.clustered));
    });
    return jsonText(c, text);
  });
}
