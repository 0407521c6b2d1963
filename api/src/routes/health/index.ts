// GET /health: the process answers and the database does too.
import { Hono } from 'hono';
import type { Health } from '@civic-elements/protocol';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';

export const VERSION = '0.1.0';

export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    try {
      await deps.store.ping();
    } catch {
      throw new ApiError(503, 'internal', 'The database does not answer.');
    }
    const body: Health = { status: 'ok', database: 'ok', version: VERSION };
    return json(c, body);
  });
}
