// In-memory sliding-window rate limits for sign-in attempts, per email address and per client address.
import type { Context } from 'hono';
import { slidingWindow } from '../domain/rate-limit.js';
import type { RateLimits } from '../config.js';
import { ApiError } from './errors.js';
import type { AppEnv } from './env.js';

export class RateLimiter {
  readonly #attempts = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /** Counts one attempt for each key, refusing with 429 when any is over its limit. */
  hit(keys: { key: string; limit: number }[]): void {
    const now = this.now();
    const windowMs = this.limits.windowSeconds * 1000;
    if (this.#attempts.size > 50_000) this.#prune(now, windowMs);
    for (const { key, limit } of keys) {
      const decision = slidingWindow(this.#attempts.get(key) ?? [], now, windowMs, limit);
      this.#attempts.set(key, decision.kept);
      if (!decision.allowed) {
        const retryAfter = decision.retryAfterSeconds;
        throw new ApiError(429, 'rate_limited', `Too many attempts. Try again in ${retryAfter} seconds.`, {
          details: { retryAfter },
          headers: { 'Retry-After': String(retryAfter) },
        });
      }
    }
  }

  /** A sign-in attempt for `email` from the request's client address. */
  signInAttempt(c: Context<AppEnv>, email: string): void {
    this.hit([
      { key: `address:${clientAddress(c)}`, limit: this.limits.perAddress },
      { key: `email:${email}`, limit: this.limits.perEmail },
    ]);
  }

  #prune(now: number, windowMs: number): void {
    for (const [key, times] of this.#attempts) {
      if (!times.some((time) => time > now - windowMs)) this.#attempts.delete(key);
    }
  }
}

export function clientAddress(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
