// Every poll route under /v1/orgs: polls and their lifecycle, ballots and receipts, results, exports and
// recounts, and verified residents. One PollEvents per app throttles the polls' live results.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../../http/env.js';
import { PollEvents } from '../../polls/notify.js';
import { ballotRoutes } from './ballots.js';
import { manageRoutes } from './manage.js';
import { resultRoutes } from './results.js';
import { verifiedRoutes } from './verified.js';

export function pollRoutes(deps: Deps) {
  const events = new PollEvents(deps);
  return new Hono<AppEnv>()
    .route('/', manageRoutes(deps, events))
    .route('/', ballotRoutes(deps, events))
    .route('/', resultRoutes(deps))
    .route('/', verifiedRoutes(deps));
}
