// Bearer authentication: resolves the access token to a person and their session, or answers 401.
import type { MiddlewareHandler } from 'hono';
import { hasExpired } from '../domain/tokens.js';
import { hashToken } from '../secrets.js';
import { ApiError } from './errors.js';
import type { AppEnv, Deps } from './env.js';

const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in to do this.', { headers: { 'WWW-Authenticate': 'Bearer' } });

export function requireAuth(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,200})$/);
    if (!match) throw unauthenticated();
    const token = await deps.store.sessions.accessToken(hashToken(match[1]!));
    if (!token) throw unauthenticated();
    if (hasExpired(token.expiresAt, deps.clock())) {
      throw new ApiError(401, 'token_expired', 'Your sign-in has expired. Refresh it or sign in again.', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    }
    const session = await deps.store.sessions.byId(token.sessionId);
    if (!session || session.revokedAt) throw unauthenticated();
    const [user, org] = await Promise.all([deps.store.users.byId(session.userId), deps.store.orgs.byId(session.orgId)]);
    if (!user || !org) throw unauthenticated();
    c.set('signedIn', { user, session, org });
    await next();
  };
}
