// The webhook routes' part of the OpenAPI document: an organisation's webhooks and their delivery log (admins).
import { page, Webhook, WebhookCreate, WebhookDelivery, WebhookList, WebhookPingResult } from '@civic-elements/protocol';
import { error, type Operation } from './operation.js';

const pageQuery = {
  cursor: { schema: { type: 'string' }, description: 'nextCursor of the previous page' },
  limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' },
};
const adminErrors = { 401: error('unauthenticated'), 403: error('forbidden (admins only) or origin_not_allowed'), 404: error('org_not_found or not_found') };

export const WEBHOOK_ROUTES: Record<string, Record<string, Operation>> = {
  '/v1/orgs/{org}/webhooks': {
    get: { summary: "The organisation's webhooks, without their secrets (admins)", auth: true, params: ['org'], responses: { 200: { description: 'Webhooks, oldest first', schema: WebhookList }, ...adminErrors } },
    post: {
      summary: 'Register a webhook (admins). Deliveries are POSTs signed with X-Civic-Signature: sha256=<hex HMAC-SHA256 of the body>; see docs/webhooks.md',
      auth: true,
      params: ['org'],
      body: WebhookCreate,
      responses: {
        201: { description: 'Created; `secret` is in this answer only', schema: Webhook },
        400: error('validation_failed (url: not https in production, or a private or local address)'),
        ...adminErrors,
        409: error('conflict (too many webhooks)'),
      },
    },
  },
  '/v1/orgs/{org}/webhooks/{id}': {
    delete: { summary: 'Delete a webhook and its delivery log (admins)', auth: true, params: ['org', 'id'], responses: { 204: { description: 'Deleted' }, ...adminErrors } },
  },
  '/v1/orgs/{org}/webhooks/{id}/ping': {
    post: {
      summary: 'Send a signed `ping` now, to check the receiver (admins); not queued, not retried',
      auth: true,
      params: ['org', 'id'],
      responses: { 200: { description: 'What the receiver answered', schema: WebhookPingResult }, ...adminErrors },
    },
  },
  '/v1/orgs/{org}/webhooks/{id}/deliveries': {
    get: {
      summary: "A webhook's delivery log, newest first (admins)",
      auth: true,
      params: ['org', 'id'],
      query: pageQuery,
      responses: { 200: { description: 'A page of deliveries', schema: page(WebhookDelivery) }, 400: error('validation_failed (cursor)'), ...adminErrors },
    },
  },
  '/v1/orgs/{org}/webhooks/{id}/deliveries/{deliveryId}/retry': {
    post: {
      summary: 'Give a failed delivery one more attempt, now (admins)',
      auth: true,
      params: ['org', 'id', 'deliveryId'],
      responses: { 202: { description: 'Queued again', schema: WebhookDelivery }, ...adminErrors, 409: error('conflict (delivered, or still being tried)') },
    },
  },
};
