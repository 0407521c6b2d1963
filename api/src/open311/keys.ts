// /v1/orgs/:org/open311-keys: the api_keys an organisation's admins give to Open311 applications, and revoking them.
import { Hono, type Context } from 'hono';
import { Open311KeyCreate, type Open311Key, type Open311KeyList } from '@civic-elements/protocol';
import { may } from '../domain/permissions.js';
import { requireAuth } from '../http/auth.js';
import { assertOriginAllowed } from '../http/cors.js';
import { forbidden, notFound } from '../http/errors.js';
import type { AppEnv, Deps } from '../http/env.js';
import { json } from '../http/reply.js';
import { jsonBody } from '../http/validate.js';
import { findOrg } from '../http/viewer.js';
import { hashToken, newToken } from '../secrets.js';
import type { Open311KeyRecord, OrgRecord } from '../store/types.js';

/** Keys start with this, so that one pasted somewhere it should not be is recognisable (and secret scanners can match it). */
export const KEY_PREFIX = 'o311_';

export function newOpen311Key(): string {
  return `${KEY_PREFIX}${newToken()}`;
}

export function keyOut(key: Open311KeyRecord): Open311Key {
  return { id: key.id, application: key.application, createdAt: key.createdAt, revokedAt: key.revokedAt };
}

export function open311KeyRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  /** The organisation in the path, once the signed-in person is shown to be its admin (and a write's origin is allowed). */
  async function asAdmin(c: Context<AppEnv>): Promise<OrgRecord> {
    const org = await findOrg(deps, c.req.param('org') ?? '');
    if (c.req.method !== 'GET') assertOriginAllowed(c.req.header('origin'), org);
    const membership = await store.memberships.get(org.id, c.get('signedIn').user.id);
    if (!may(membership?.role, 'org.manage')) throw forbidden(`Only an admin of ${org.name} can manage its Open311 keys.`);
    return org;
  }

  return new Hono<AppEnv>()
    .get('/:org/open311-keys', auth, async (c) => {
      const org = await asAdmin(c);
      const body: Open311KeyList = { items: (await store.open311.keys(org.id)).map(keyOut) };
      return json(c, body);
    })
    .post('/:org/open311-keys', auth, jsonBody(Open311KeyCreate), async (c) => {
      const org = await asAdmin(c);
      const key = newOpen311Key();
      const record = await store.open311.createKey(org.id, { application: c.req.valid('json').application, keyHash: hashToken(key), createdBy: c.get('signedIn').user.id }, deps.clock());
      // The only time the key leaves the server: nothing on the way should keep a copy.
      return json(c, { ...keyOut(record), key } satisfies Open311Key, 201, { 'cache-control': 'no-store' });
    })
    .delete('/:org/open311-keys/:id', auth, async (c) => {
      const org = await asAdmin(c);
      const key = await store.open311.revokeKey(org.id, c.req.param('id'), deps.clock());
      if (!key) throw notFound(`${org.name} has no Open311 key with this id.`);
      return c.body(null, 204);
    });
}
