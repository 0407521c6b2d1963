// /v1/auth: register, ask for a code, sign in (code or password), refresh, sign out.
import { Hono } from 'hono';
import { CodeRequest, RefreshRequest, RegisterRequest, SignInRequest } from '@civic-elements/protocol';
import { assertOriginAllowed } from '../../http/cors.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, orgNotFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { jsonBody, parseWith, readJson } from '../../http/validate.js';
import { openSession, refreshSession, sendCode, useCode } from '../../identity.js';
import { hashPassword, verifyPassword } from '../../secrets.js';
import { ConflictError } from '../../store/types.js';
import { json } from '../../http/reply.js';

const [CodeSignIn, PasswordSignIn] = SignInRequest.options;

const unknownEmail = () =>
  new ApiError(404, 'unknown_email', 'There is no account with this email address. Register first.', {
    fields: { email: 'There is no account with this email address.' },
  });

export function authRoutes(deps: Deps) {
  const { store } = deps;

  async function findOrg(slug: string) {
    const org = await store.orgs.bySlug(slug);
    if (!org) throw orgNotFound(slug);
    return org;
  }

  return new Hono<AppEnv>()
    .post('/register', jsonBody(RegisterRequest), async (c) => {
      const body = c.req.valid('json');
      deps.limiter.signInAttempt(c, body.email);
      const org = await findOrg(body.org);
      assertOriginAllowed(c.req.header('origin'), org);
      let user = await store.users.byEmail(body.email);
      if (!user) {
        const passwordHash = body.password ? await hashPassword(body.password) : null;
        try {
          user = await store.users.create({ email: body.email, name: body.name, locale: body.locale ?? org.defaultLocale, passwordHash }, deps.clock());
        } catch (error) {
          // Registered by a concurrent request: carry on as for an existing account.
          if (!(error instanceof ConflictError)) throw error;
          user = await store.users.byEmail(body.email);
          if (!user) throw error;
        }
      }
      // An existing account only gets a code: its name and password stay as its owner set them.
      return json(c, await sendCode(deps, user, org, body.locale), 202);
    })
    .post('/code', jsonBody(CodeRequest), async (c) => {
      const body = c.req.valid('json');
      deps.limiter.signInAttempt(c, body.email);
      const org = await findOrg(body.org);
      assertOriginAllowed(c.req.header('origin'), org);
      const user = await store.users.byEmail(body.email);
      if (!user) throw unknownEmail();
      return json(c, await sendCode(deps, user, org, body.locale), 202);
    })
    .post('/sign-in', async (c) => {
      const raw = await readJson(c);
      // Choose the variant by the field present, so errors name the field rather than "no union member matched".
      const body =
        raw !== null && typeof raw === 'object' && 'password' in raw && !('code' in raw)
          ? parseWith(PasswordSignIn, raw)
          : parseWith(CodeSignIn, raw);
      deps.limiter.signInAttempt(c, body.email);
      const org = await findOrg(body.org);
      assertOriginAllowed(c.req.header('origin'), org);
      const user = await store.users.byEmail(body.email);
      if (!user) throw unknownEmail();

      if ('password' in body) {
        if (!org.passwordSignIn) {
          throw new ApiError(400, 'no_password', `${org.name} does not use passwords. Ask for a sign-in code instead.`);
        }
        if (!user.passwordHash) {
          throw new ApiError(400, 'no_password', 'This account has no password. Ask for a sign-in code instead.');
        }
        if (!(await verifyPassword(body.password, user.passwordHash))) {
          throw new ApiError(401, 'wrong_password', 'The password is not right.', { fields: { password: 'The password is not right.' } });
        }
        return json(c, await openSession(deps, user, org));
      }

      const check = await useCode(deps, user, body.code);
      switch (check.result) {
        case 'none':
          throw new ApiError(400, 'no_code', 'There is no sign-in code for this account. Ask for a new code.');
        case 'expired':
          throw new ApiError(400, 'code_expired', 'This code has expired. Ask for a new code.', { fields: { code: 'This code has expired.' } });
        case 'exhausted':
          throw new ApiError(400, 'code_exhausted', 'This code was entered wrongly too many times. Ask for a new code.', {
            fields: { code: 'Too many wrong tries.' },
          });
        case 'wrong':
          throw new ApiError(401, 'wrong_code', `The code is not right. You can try ${check.triesLeft} more ${check.triesLeft === 1 ? 'time' : 'times'}.`, {
            fields: { code: 'The code is not right.' },
            details: { triesLeft: check.triesLeft },
          });
        case 'ok': {
          const verified = user.emailVerified ? user : await store.users.update(user.id, { emailVerified: true });
          return json(c, await openSession(deps, verified, org));
        }
      }
    })
    .post('/refresh', jsonBody(RefreshRequest), async (c) => {
      const { refreshToken } = c.req.valid('json');
      const { response } = await refreshSession(deps, refreshToken, async (session) => {
        const org = await store.orgs.byId(session.orgId);
        if (org) assertOriginAllowed(c.req.header('origin'), org);
      });
      if (!response) throw new ApiError(401, 'invalid_refresh_token', 'This sign-in has ended. Please sign in again.');
      return json(c, response);
    })
    .post('/sign-out', requireAuth(deps), async (c) => {
      const { session, org } = c.get('signedIn');
      assertOriginAllowed(c.req.header('origin'), org);
      await store.sessions.revoke(session.id, deps.clock());
      return c.body(null, 204);
    });
}
