// Webhook secrets at rest: AES-256-GCM under the server's webhook key, each bound to its webhook's id.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';

/**
 * A signing secret must be readable to sign with, so it cannot be hashed like the other secrets:
 * it is encrypted instead. The key is WEBHOOK_SECRET_KEY, or else one derived from SECRET (which
 * server.ts keeps in DATA_DIR/secret outside production, so restarts can still read the secrets).
 */
export function webhookKey(config: Pick<Config, 'webhookSecretKey' | 'secret'>): Buffer {
  if (config.webhookSecretKey) return Buffer.from(config.webhookSecretKey, 'hex');
  if (!config.secret) throw new Error('Webhook secrets need WEBHOOK_SECRET_KEY or SECRET to be set.');
  return Buffer.from(hkdfSync('sha256', config.secret, 'civic-elements', 'webhook secrets v1', 32));
}

/** What an organisation's system checks signatures with: 32 random bytes, recognisable by its prefix. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

const VERSION = 'v1';

/** `v1.<iv>.<ciphertext>.<tag>`, base64url; the webhook id is the additional data, so a sealed secret moved to another row does not open. */
export function sealSecret(key: Buffer, webhookId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(webhookId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export class SecretUnreadable extends Error {
  constructor() {
    super("The webhook's secret cannot be decrypted: WEBHOOK_SECRET_KEY (or SECRET, which it is derived from when unset) has changed since it was made. Delete the webhook and make it again.");
    this.name = 'SecretUnreadable';
  }
}

export function openSecret(key: Buffer, webhookId: string, sealed: string): string {
  const [version, iv, data, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !data || !tag) throw new SecretUnreadable();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(webhookId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadable();
  }
}
