// How a delivery is signed, and how a receiver checks it (the tests check with the same functions).
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Headers of every delivery:
 * - `X-Civic-Event`: `report.created` or `report.updated`;
 * - `X-Civic-Delivery`: the delivery's id, the same on every retry (and the body's `id`): a receiver
 *   that remembers the ids it has processed handles a retry of something it already took in once;
 * - `X-Civic-Signature: sha256=<hex>`: HMAC-SHA256 of the raw body bytes with the webhook's secret;
 * - `X-Civic-Timestamp`: when this attempt was sent, in Unix seconds;
 * - `X-Civic-Timestamp-Signature: sha256=<hex>`: HMAC-SHA256 of `<timestamp>.<raw body>`. The first
 *   signature alone would let whoever captured one delivery replay it forever; a receiver that also
 *   checks this one and refuses timestamps more than five minutes old closes that door.
 */
export const SIGNATURE_HEADER = 'x-civic-signature';
export const TIMESTAMP_HEADER = 'x-civic-timestamp';
export const TIMESTAMP_SIGNATURE_HEADER = 'x-civic-timestamp-signature';
export const EVENT_HEADER = 'x-civic-event';
export const DELIVERY_HEADER = 'x-civic-delivery';

const hmac = (secret: string, ...parts: (string | Buffer)[]) => {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return `sha256=${mac.digest('hex')}`;
};

/** `sha256=<hex HMAC-SHA256 of the body>`. */
export function signBody(secret: string, body: string | Buffer): string {
  return hmac(secret, body);
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export function signTimestamped(secret: string, timestamp: number, body: string | Buffer): string {
  return hmac(secret, `${timestamp}.`, body);
}

export function deliveryHeaders(options: { secret: string; event: string; deliveryId: string; body: string; now: Date }): Record<string, string> {
  const timestamp = Math.floor(options.now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'CivicElements-Webhooks/1',
    [EVENT_HEADER]: options.event,
    [DELIVERY_HEADER]: options.deliveryId,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signBody(options.secret, options.body),
    [TIMESTAMP_SIGNATURE_HEADER]: signTimestamped(options.secret, timestamp, options.body),
  };
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a receiver does with `X-Civic-Signature`: true when it is the body's signature with `secret`. */
export function verifyBody(secret: string, body: string | Buffer, header: string | undefined): boolean {
  return header !== undefined && same(header, signBody(secret, body));
}

/**
 * What a receiver that refuses replays does: the timestamped signature must match and the
 * timestamp be no further than `toleranceSeconds` from `now`.
 */
export function verifyTimestamped(
  secret: string,
  body: string | Buffer,
  headers: { timestamp: string | undefined; signature: string | undefined },
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp) || headers.signature === undefined) return false;
  const timestamp = Number(headers.timestamp);
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  return same(headers.signature, signTimestamped(secret, timestamp, body));
}
