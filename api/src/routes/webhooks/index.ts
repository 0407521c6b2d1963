// /v1/orgs/:org/webhooks: an organisation's webhooks and their delivery log (its admins only).
import { Hono, type Context } from 'hono';
import { PageQuery, WebhookCreate, type Webhook, type WebhookDelivery, type WebhookPingResult } from '@civic-elements/protocol';
import { may } from '../../domain/permissions.js';
import { requireAuth } from '../../http/auth.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { ApiError, forbidden, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { findOrg } from '../../http/viewer.js';
import { newId } from '../../secrets.js';
import type { DeliveryRecord, OrgRecord, WebhookRecord } from '../../store/types.js';
import { sendPing, wakeWebhookWorker } from '../../webhooks/dispatcher.js';
import { newWebhookSecret, sealSecret, webhookKey } from '../../webhooks/secret-box.js';
import { urlPolicy, urlRefusal } from '../../webhooks/url-policy.js';

/** Enough for a case-management system, a test receiver and a few more; a runaway script stops here. */
export const MAX_WEBHOOKS = 20;

export function webhookOut(hook: WebhookRecord): Webhook {
  return { id: hook.id, url: hook.url, events: hook.events, active: hook.active, createdAt: hook.createdAt };
}

export function deliveryOut(delivery: DeliveryRecord): WebhookDelivery {
  return {
    id: delivery.id,
    event: delivery.event,
    reportId: delivery.reportId,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.nextAttemptAt,
    createdAt: delivery.createdAt,
    deliveredAt: delivery.deliveredAt,
  };
}

/** Where a page of the delivery log starts: after the delivery the cursor names. */
function afterOf(cursor: string | undefined): { createdAt: string; seq: number } | null {
  const position = decodeCursor(cursor);
  if (!position) return null;
  if (!/^\d{1,15}$/.test(position.id)) throw new ApiError(400, 'validation_failed', 'The cursor is not one this list handed out.', { fields: { cursor: 'Use the nextCursor of the previous page.' } });
  return { createdAt: position.createdAt, seq: Number(position.id) };
}

export function webhookRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  /** The organisation in the path, once the signed-in person is shown to be its admin (and a write's origin is allowed). */
  async function asAdmin(c: Context<AppEnv>): Promise<OrgRecord> {
    const org = await findOrg(deps, c.req.param('org') ?? '');
    if (c.req.method !== 'GET') assertOriginAllowed(c.req.header('origin'), org);
    const membership = await store.memberships.get(org.id, c.get('signedIn').user.id);
    if (!may(membership?.role, 'org.manage')) throw forbidden(`Only an admin of ${org.name} can manage its webhooks.`);
    return org;
  }

  async function webhookOf(org: OrgRecord, id: string): Promise<WebhookRecord> {
    const hook = await store.webhooks.byId(org.id, id);
    if (!hook) throw notFound(`${org.name} has no webhook with this id.`);
    return hook;
  }

  return new Hono<AppEnv>()
    .get('/:org/webhooks', auth, async (c) => {
      const org = await asAdmin(c);
      return json(c, { items: (await store.webhooks.list(org.id)).map(webhookOut) });
    })
    .post('/:org/webhooks', auth, jsonBody(WebhookCreate), async (c) => {
      const org = await asAdmin(c);
      const input = c.req.valid('json');
      const refusal = await urlRefusal(input.url, urlPolicy(deps.config));
      if (refusal) throw new ApiError(400, 'validation_failed', `There is a problem with url: ${refusal}`, { fields: { url: refusal } });
      if ((await store.webhooks.count(org.id)) >= MAX_WEBHOOKS) {
        throw new ApiError(409, 'conflict', `${org.name} already has ${MAX_WEBHOOKS} webhooks, the most it may have. Delete one first.`);
      }
      const id = newId();
      const secret = newWebhookSecret();
      const hook = await store.webhooks.create(
        org.id,
        { id, url: new URL(input.url).href, events: [...new Set(input.events)], sealedSecret: sealSecret(webhookKey(deps.config), id, secret) },
        deps.clock(),
      );
      // The only time the secret leaves the server: nothing on the way should keep a copy.
      return json(c, { ...webhookOut(hook), secret } satisfies Webhook, 201, { 'cache-control': 'no-store' });
    })
    .delete('/:org/webhooks/:id', auth, async (c) => {
      const org = await asAdmin(c);
      if (!(await store.webhooks.remove(org.id, c.req.param('id')))) throw notFound(`${org.name} has no webhook with this id.`);
      return c.body(null, 204);
    })
    .post('/:org/webhooks/:id/ping', auth, async (c) => {
      const org = await asAdmin(c);
      const hook = await webhookOf(org, c.req.param('id'));
      const result = await sendPing(deps.config, hook, deps.clock());
      return json(c, { delivered: result.ok, status: result.status, error: result.error } satisfies WebhookPingResult);
    })
    .get('/:org/webhooks/:id/deliveries', auth, queryOf(PageQuery), async (c) => {
      const org = await asAdmin(c);
      const hook = await webhookOf(org, c.req.param('id'));
      const { cursor, limit } = c.req.valid('query');
      const rows = await store.webhooks.deliveries(org.id, hook.id, { after: afterOf(cursor), limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      // The cursor carries the delivery's place in the order they were made, not its (random) id.
      const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: String(last.seq) }) : null;
      return json(c, { items: items.map(deliveryOut), nextCursor });
    })
    .post('/:org/webhooks/:id/deliveries/:deliveryId/retry', auth, async (c) => {
      const org = await asAdmin(c);
      const hook = await webhookOf(org, c.req.param('id'));
      const deliveryId = c.req.param('deliveryId');
      const retried = await store.webhooks.retry(org.id, hook.id, deliveryId, deps.clock());
      if (!retried) {
        const delivery = await store.webhooks.delivery(org.id, hook.id, deliveryId);
        if (!delivery) throw notFound('This webhook has no delivery with this id.');
        throw new ApiError(409, 'conflict', delivery.status === 'delivered' ? 'This delivery was delivered already.' : 'This delivery is still being tried; it can be retried once it has failed.');
      }
      wakeWebhookWorker(store);
      return json(c, deliveryOut(retried), 202);
    });
}
