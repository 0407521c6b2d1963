// CORS per organisation: an Origin some organisation allows gets CORS headers; writes from others are refused.
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../store/types.js';
import type { OrgRecord } from '../store/types.js';
import { ApiError } from './errors.js';
import type { AppEnv } from './env.js';

/** Every origin some organisation allows, cached; call `invalidate()` when an organisation changes. */
export class OriginAllowList {
  #origins: Promise<Set<string>> | undefined;
  #loaded: Set<string> | undefined;
  #loadedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** Answers at once from the cache, and waits only when the list has to be (re)loaded. */
  has(origin: string): boolean | Promise<boolean> {
    if (!this.#origins || Date.now() - this.#loadedAt > this.maxAgeMs) {
      this.#loadedAt = Date.now();
      this.#loaded = undefined;
      const loading: Promise<Set<string>> = this.store.orgs.allAllowedOrigins().then((list) => {
        const set = new Set(list);
        if (this.#origins === loading) this.#loaded = set; // unless invalidated meanwhile
        return set;
      });
      this.#origins = loading;
      loading.catch(() => (this.#origins = undefined));
    }
    return this.#loaded ? this.#loaded.has(origin) : this.#origins.then((set) => set.has(origin));
  }

  invalidate(): void {
    this.#origins = undefined;
    this.#loaded = undefined;
  }
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, X-Request-Id';
const EXPOSE_HEADERS = 'X-Request-Id, Retry-After';

/** Adds the CORS headers for an allowed origin to a response (also used for error responses). */
export function applyCorsHeaders(headers: Headers, origin: string | undefined): void {
  headers.append('Vary', 'Origin');
  // A route that serves everyone (`*`, the element bundles) keeps its own answer.
  if (!origin || headers.has('Access-Control-Allow-Origin')) return;
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
}

export function cors(origins: OriginAllowList, self?: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('origin');
    // The API's own pages (the one-click "stop these emails" page) are not cross-origin: as if no Origin.
    const origin = header !== undefined && header === self ? undefined : header;
    const known = origin === undefined ? false : origins.has(origin);
    const allowed = typeof known === 'boolean' ? known : await known;
    c.set('corsOrigin', allowed ? origin : undefined);

    if (c.req.method === 'OPTIONS' && origin !== undefined && c.req.header('access-control-request-method')) {
      const headers = new Headers();
      applyCorsHeaders(headers, allowed ? origin : undefined);
      if (allowed) {
        headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
        headers.set('Access-Control-Max-Age', '600');
      }
      return c.body(null, 204, Object.fromEntries(headers));
    }
    // A write from a web page no organisation trusts can never be allowed.
    if (origin !== undefined && !allowed && WRITE.has(c.req.method)) throw originNotAllowed(origin);

    // Decided before the handler, so error responses carry them too (see reply.ts);
    // a route that serves everyone, like the element bundles, keeps its own `*`.
    const headers = c.get('responseHeaders');
    headers['vary'] = 'Origin';
    if (allowed && origin) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = EXPOSE_HEADERS;
    }
    await next();
  };
}

function originNotAllowed(origin: string): ApiError {
  return new ApiError(403, 'origin_not_allowed', `This organisation does not accept requests from ${origin}.`);
}

/** Refuses a write whose Origin the organisation acted on does not allow. Requests without Origin are not from browsers. */
export function assertOriginAllowed(origin: string | undefined, org: OrgRecord): void {
  if (origin !== undefined && !org.allowedOrigins.includes(origin)) throw originNotAllowed(origin);
}
