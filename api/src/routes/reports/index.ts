// Every report route under /v1/orgs: categories, settings, reports, officers' actions, follow/support, the map layer.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../../http/env.js';
import { reportActionRoutes } from './actions.js';
import { reportCategoryRoutes } from './categories.js';
import { reportFeatureRoutes } from './features.js';
import { reportRelationRoutes } from './relations.js';
import { reportRoutes } from './reports.js';
import { reportSettingsRoutes } from './settings.js';

export function reportsRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .route('/', reportCategoryRoutes(deps))
    .route('/', reportSettingsRoutes(deps))
    .route('/', reportActionRoutes(deps))
    .route('/', reportRelationRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', reportFeatureRoutes(deps));
}
