// /v1/me: the signed-in person, their memberships, name, language and password.
import { Hono } from 'hono';
import { MeUpdate, PasswordSet } from '@civic-elements/protocol';
import { assertOriginAllowed } from '../../http/cors.js';
import { requireAuth } from '../../http/auth.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { jsonBody } from '../../http/validate.js';
import { meOut } from '../../present.js';
import { hashPassword } from '../../secrets.js';
import { json } from '../../http/reply.js';

export function meRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);
  return new Hono<AppEnv>()
    .get('/', auth, async (c) => {
      const { user } = c.get('signedIn');
      return json(c, meOut(user, await store.memberships.forUser(user.id)));
    })
    .patch('/', auth, jsonBody(MeUpdate), async (c) => {
      const { user, org } = c.get('signedIn');
      assertOriginAllowed(c.req.header('origin'), org);
      const updated = await store.users.update(user.id, c.req.valid('json'));
      return json(c, meOut(updated, await store.memberships.forUser(user.id)));
    })
    .put('/password', auth, jsonBody(PasswordSet), async (c) => {
      const { user, org } = c.get('signedIn');
      assertOriginAllowed(c.req.header('origin'), org);
      await store.users.update(user.id, { passwordHash: await hashPassword(c.req.valid('json').password) });
      return c.body(null, 204);
    });
}
