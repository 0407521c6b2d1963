// A small typed fetch wrapper for the Civic Elements API: JSON, bearer tokens, one retry, ApiError.
import { ApiError, errorFromFailure, errorFromResponse } from './api-error.js';
import { apiKey, getSession, type Session } from './session.js';

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Send the session's bearer token (default true when signed in). */
  auth?: boolean;
}

export interface ApiClientOptions {
  session?: Session | null;
  /** A signal that cancels every request of this client (an element's lifetime). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a || !b) return a ?? b;
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  const abort = () => controller.abort();
  a.addEventListener('abort', abort);
  b.addEventListener('abort', abort);
  if (a.aborted || b.aborted) abort();
  return controller.signal;
}

export class ApiClient {
  readonly base: string;
  readonly session: Session | null;
  readonly #signal: AbortSignal | undefined;
  readonly #fetch: typeof fetch;

  constructor(api: string, options: ApiClientOptions = {}) {
    this.base = apiKey(api);
    this.session = options.session === undefined ? getSession(this.base) : options.session;
    this.#signal = options.signal;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> { return this.request<T>('GET', path, options); }
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> { return this.request<T>('POST', path, { ...options, body }); }

  /** Any other method: `request('PATCH', path, { body })`. (No shorthands: each would weigh on every bundle.) */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const signal = combine(this.#signal, options.signal);
    const url = new URL(this.base + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const session = options.auth === false ? null : this.session;
    const body = options.body === undefined ? null : JSON.stringify(options.body);
    // A request that is safe to repeat is tried once more after a lost connection or a 502, 503 or 504.
    let retries = method === 'GET' || method === 'HEAD' ? 1 : 0;
    let refreshed = false;

    if (session?.signedIn && session.accessExpired) {
      refreshed = true;
      await session.refresh().catch(() => null); // offline: try with the old token, the API will say
    }

    for (;;) {
      if (signal?.aborted) throw errorFromFailure(undefined, signal);
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== null) headers['Content-Type'] = 'application/json';
      const token = session?.accessToken;
      if (token) headers['Authorization'] = 'Bearer ' + token;

      let response: Response;
      try {
        response = await this.#fetch(url.href, {
          method,
          headers,
          body,
          signal: signal ?? null,
        });
      } catch (failure) {
        const error = errorFromFailure(failure, signal);
        if (error.code === 'network' && retries-- > 0) continue;
        throw error;
      }

      if (response.ok) {
        const text = await response.text(); // empty for a 204
        return (text ? JSON.parse(text) : undefined) as T;
      }
      if (response.status > 501 && response.status < 505 && retries-- > 0) continue;
      const error = await errorFromResponse(response);
      if (error.status === 401 && error.code === 'token_expired' && session && token && !refreshed) {
        refreshed = true;
        const fresh = await session.refresh().catch(() => null);
        if (fresh) continue;
      }
      throw error;
    }
  }
}

export { ApiError };
