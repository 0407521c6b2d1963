// Sign-in codes and sessions: issuing, checking and rotating them (used by the auth routes).
import type { CodeSent, Locale, SessionResponse } from '@civic-elements/protocol';
import { checkCode, type CodeCheck } from './domain/codes.js';
import { expiresAt } from './domain/tokens.js';
import type { Deps } from './http/env.js';
import { codeEmail } from './mail/code-email.js';
import { meOut } from './present.js';
import { hashToken, hmacCode, newCode, newToken, sameHex } from './secrets.js';
import type { NewTokens, OrgRecord, SessionRecord, UserRecord } from './store/types.js';

function secretOf(deps: Deps): string {
  const secret = deps.config.secret;
  if (!secret) throw new Error('config.secret is not set: server.ts fills it before the app starts');
  return secret;
}

/** Makes a new code (replacing any older one), emails it and says when it expires. */
export async function sendCode(deps: Deps, user: UserRecord, org: OrgRecord, locale: Locale | undefined): Promise<CodeSent> {
  const now = deps.clock();
  const code = newCode();
  const stored = await deps.store.codes.replace({
    userId: user.id,
    orgId: org.id,
    codeHash: hmacCode(secretOf(deps), user.id, code),
    triesLeft: deps.config.codeMaxTries,
    expiresAt: expiresAt(now, deps.config.codeTtlSeconds),
    createdAt: now.toISOString(),
  });
  await deps.mailer.send(
    codeEmail({
      to: user.email,
      name: user.name,
      orgName: org.name,
      code,
      locale: locale ?? user.locale ?? org.defaultLocale,
      ttlSeconds: deps.config.codeTtlSeconds,
    }),
  );
  return { email: user.email, expiresAt: stored.expiresAt, maxTries: deps.config.codeMaxTries };
}

/** Checks a typed code; a wrong one uses a try, a right one is used up. */
export async function useCode(deps: Deps, user: UserRecord, code: string): Promise<CodeCheck> {
  const stored = await deps.store.codes.forUser(user.id);
  const typed = hmacCode(secretOf(deps), user.id, code);
  const check = checkCode(stored, (hash) => sameHex(hash, typed), deps.clock());
  if (stored && check.result === 'wrong') return { result: 'wrong', triesLeft: await deps.store.codes.useTry(stored.id) };
  if (stored && check.result === 'ok') await deps.store.codes.remove(stored.id);
  return check;
}

function newTokens(deps: Deps, now: Date) {
  const access = newToken();
  const refresh = newToken();
  const stored: NewTokens = {
    accessHash: hashToken(access),
    accessExpiresAt: expiresAt(now, deps.config.accessTokenTtlSeconds),
    refreshHash: hashToken(refresh),
    refreshExpiresAt: expiresAt(now, deps.config.refreshTokenTtlSeconds),
  };
  return { access, refresh, stored };
}

async function sessionResponse(deps: Deps, user: UserRecord, tokens: ReturnType<typeof newTokens>): Promise<SessionResponse> {
  return {
    accessToken: tokens.access,
    accessExpiresAt: tokens.stored.accessExpiresAt,
    refreshToken: tokens.refresh,
    refreshExpiresAt: tokens.stored.refreshExpiresAt,
    ...meOut(user, await deps.store.memberships.forUser(user.id)),
  };
}

/** Opens a session through an organisation, making the person a resident there if they were not a member. */
export async function openSession(deps: Deps, user: UserRecord, org: OrgRecord): Promise<SessionResponse> {
  const now = deps.clock();
  await deps.store.memberships.ensure(org.id, user.id, now);
  const tokens = newTokens(deps, now);
  await deps.store.sessions.create({ userId: user.id, orgId: org.id }, tokens.stored, now);
  return sessionResponse(deps, user, tokens);
}

/** Exchanges a refresh token for a new pair; null when it is unknown, spent, expired or its session is revoked. */
export async function refreshSession(
  deps: Deps,
  refreshToken: string,
  /** Runs before anything changes, e.g. to refuse a foreign origin; may throw. */
  check: (session: SessionRecord) => Promise<void> = async () => {},
): Promise<{ session: SessionRecord; response: SessionResponse } | { session: SessionRecord | null; response: null }> {
  const now = deps.clock();
  const hash = hashToken(refreshToken);
  const token = await deps.store.sessions.refreshToken(hash);
  if (!token) return { session: null, response: null };
  const session = await deps.store.sessions.byId(token.sessionId);
  if (!session || session.revokedAt) return { session, response: null };
  await check(session);
  if (token.spentAt) {
    // A spent token coming back means someone else holds a copy: end the session for both.
    await deps.store.sessions.revoke(session.id, now);
    return { session, response: null };
  }
  if (Date.parse(token.expiresAt) <= now.getTime()) return { session, response: null };
  const user = await deps.store.users.byId(session.userId);
  if (!user) return { session, response: null };
  const tokens = newTokens(deps, now);
  if (!(await deps.store.sessions.rotate(session.id, hash, tokens.stored, now))) {
    await deps.store.sessions.revoke(session.id, now);
    return { session, response: null };
  }
  return { session, response: await sessionResponse(deps, user, tokens) };
}
