// The resident's session: one per API, shared by every widget on the page and every tab of the site.
import type { Membership, SessionResponse, User } from '@civic-elements/protocol';
import { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';

export type SessionListener = (session: Session) => void;

const REGISTRY = Symbol.for('civic-elements.sessions');
const KEY_PREFIX = 'civic-elements.session:';
/** Refresh a little before the access token expires, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

/** The API base URL as sessions key it: no trailing slash. */
export const apiKey = (api: string): string => api.trim().replace(/\/+$/, '');

/**
 * Runs `use` on localStorage. Storage that is missing, blocked (e.g. some privacy modes) or full
 * gives undefined: the session then lives in memory only.
 */
function withStorage<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(globalThis.localStorage);
  } catch {
    return undefined;
  }
}

/** A stored value is trusted only if it has the shape a session needs; anything else is ignored. */
function parse(text: string | null | undefined): SessionResponse | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<SessionResponse> | null;
    const user = value?.user as Partial<User> | undefined;
    if (
      value && typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' &&
      typeof value.accessExpiresAt === 'string' && user && typeof user.id === 'string' &&
      typeof user.name === 'string' && typeof user.email === 'string'
    ) {
      return { ...value, memberships: Array.isArray(value.memberships) ? value.memberships : [] } as SessionResponse;
    }
  } catch {
    // fall through: a corrupt value means "signed out", never a crash
  }
  return null;
}

export class Session {
  /** The API base URL, without a trailing slash. */
  readonly api: string;
  readonly storageKey: string;
  #data: SessionResponse | null = null;
  #listeners = new Set<SessionListener>();
  #refreshing: Promise<string | null> | undefined;

  constructor(api: string) {
    this.api = apiKey(api);
    this.storageKey = KEY_PREFIX + this.api;
    this.#data = parse(this.#read());
    globalThis.addEventListener?.('storage', (event: StorageEvent) => {
      if (event.key !== this.storageKey && event.key !== null) return;
      this.#data = parse(this.#read());
      this.#notify();
    });
  }

  get data(): SessionResponse | null { return this.#data; }
  get signedIn(): boolean { return this.#data !== null; }
  get user(): User | null { return this.#data?.user ?? null; }
  get memberships(): Membership[] { return this.#data?.memberships ?? []; }
  get accessToken(): string | null { return this.#data?.accessToken ?? null; }

  /** Whether the access token has expired (or is about to). */
  get accessExpired(): boolean {
    const expires = Date.parse(this.#data?.accessExpiresAt ?? '');
    return Number.isFinite(expires) && expires - EXPIRY_MARGIN_MS <= Date.now();
  }

  /** Calls `listener` on every change, from this tab or another; returns the unsubscribe function. */
  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  signIn(response: SessionResponse): void {
    this.#set(response);
  }

  /** Revokes the tokens on the API when it can; the session is cleared here even when offline. */
  async signOut(): Promise<void> {
    const token = this.accessToken;
    this.#set(null);
    if (!token) return;
    try {
      await fetch(this.api + '/v1/auth/sign-out', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + token },
        keepalive: true,
      });
    } catch {
      // offline: the tokens expire on their own
    }
  }

  /**
   * Swaps the refresh token for new tokens and returns the new access token (null when the session
   * has ended). One refresh at a time in this tab, and across tabs with the Web Locks API.
   */
  refresh(): Promise<string | null> {
    this.#refreshing ??= this.#refreshOnce().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<string | null> {
    const spent = this.#data?.refreshToken;
    if (!spent) return null;
    const run = async (): Promise<string | null> => {
      // Another tab may have refreshed while this one waited for the lock: use its tokens.
      const stored = parse(this.#read());
      if (stored && stored.refreshToken !== spent) {
        this.#data = stored;
        this.#notify();
        return stored.accessToken;
      }
      if (!stored && withStorage((storage) => storage)) {
        if (this.#data) this.#set(null);
        return null;
      }
      // Without a session, so without a bearer token and with no refresh of its own on a 401.
      const client = new ApiClient(this.api, { session: null });
      try {
        const fresh = await client.post<SessionResponse>('/v1/auth/refresh', { refreshToken: spent });
        this.#set(fresh);
        return fresh.accessToken;
      } catch (error) {
        if (!(error instanceof ApiError && (error.status === 401 || error.status === 400))) throw error;
        this.#set(null); // the refresh token is spent or revoked: the session is over
        return null;
      }
    };
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? (locks.request('civic-elements.refresh:' + this.api, run) as Promise<string | null>) : run();
  }

  #read(): string | null | undefined {
    return withStorage((storage) => storage.getItem(this.storageKey));
  }

  #set(data: SessionResponse | null): void {
    this.#data = data;
    withStorage((storage) => (data ? storage.setItem(this.storageKey, JSON.stringify(data)) : storage.removeItem(this.storageKey)));
    this.#notify();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener(this);
  }
}

/**
 * The session for an API base URL. Kept in a registry on globalThis under a `Symbol.for` key,
 * so that every widget, even from a second bundled copy of core, shares one object.
 */
export function getSession(api: string): Session {
  const scope = globalThis as { [REGISTRY]?: Map<string, Session> };
  const sessions = (scope[REGISTRY] ??= new Map());
  const key = apiKey(api);
  let session = sessions.get(key);
  if (!session) sessions.set(key, (session = new Session(key)));
  return session;
}

export { ApiError };
