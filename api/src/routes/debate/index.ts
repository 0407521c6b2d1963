// Every discussion route under /v1/orgs: comments, votes and flags, moderation, settings and subscriptions.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../../http/env.js';
import { commentRoutes } from './comments.js';
import { moderationRoutes } from './moderation.js';
import { reactionRoutes } from './reactions.js';
import { debateSettingsRoutes } from './settings.js';

export function debateRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .route('/', commentRoutes(deps))
    .route('/', reactionRoutes(deps))
    .route('/', moderationRoutes(deps))
    .route('/', debateSettingsRoutes(deps));
}
