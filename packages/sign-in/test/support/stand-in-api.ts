// A throwaway in-memory stand-in for api/test/support/server.ts, used only while that file does not exist.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';

interface Account { id: string; email: string; name: string; createdAt: string; password?: string }
interface Code { code: string; expiresAt: number; tries: number }

export async function startTestApi(options: { allowedOrigins: string[] }) {
  const accounts = new Map<string, Account>();
  const codes = new Map<string, Code>();
  const tokens = new Map<string, { email: string; kind: 'access' | 'refresh'; expiresAt: number }>();
  const outbox: { id: string; to: string; subject: string; text: string; sentAt: string }[] = [];
  const now = () => new Date().toISOString();

  const sendCode = (email: string) => {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    codes.set(email, { code, expiresAt: Date.now() + 600_000, tries: 5 });
    outbox.unshift({ id: String(outbox.length + 1), to: email, subject: 'Your code', text: `Your code is ${code}`, sentAt: now() });
    return { email, expiresAt: new Date(Date.now() + 600_000).toISOString(), maxTries: 5 };
  };
  const session = (account: Account) => {
    const accessToken = randomBytes(16).toString('hex');
    const refreshToken = randomBytes(16).toString('hex');
    tokens.set(accessToken, { email: account.email, kind: 'access', expiresAt: Date.now() + 900_000 });
    tokens.set(refreshToken, { email: account.email, kind: 'refresh', expiresAt: Date.now() + 86_400_000 });
    const { password: _password, ...user } = account;
    return {
      accessToken, refreshToken,
      accessExpiresAt: new Date(Date.now() + 900_000).toISOString(),
      refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      user: { ...user, locale: 'en', emailVerified: true, hasPassword: !!account.password },
      memberships: [{ org: 'test-council', role: 'resident', departments: [] }],
    };
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (origin && options.allowedOrigins.includes(origin)) {
      Object.assign(headers, { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET,POST,PATCH,PUT,DELETE', Vary: 'Origin' });
    }
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, headers);
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const fail = (status: number, code: string, message: string, details?: object) => send(status, { error: { code, message, details } });
    if (req.method === 'OPTIONS') return send(204);
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = text ? JSON.parse(text) : {};
    const url = new URL(req.url ?? '/', 'http://x');
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /v1/orgs/test-council') return send(200, { slug: 'test-council', name: 'Test Council', defaultLocale: 'en', theme: {}, departments: [], map: { center: [0, 51], zoom: 12, extent: [-1, 50, 1, 52] }, passwordSignIn: true });
    if (route === 'GET /dev/outbox.json') return send(200, outbox.filter((m) => !url.searchParams.get('to') || m.to === url.searchParams.get('to')));
    if (route === 'POST /v1/auth/code') {
      if (!accounts.has(email)) return fail(404, 'unknown_email', 'No account');
      return send(202, sendCode(email));
    }
    if (route === 'POST /v1/auth/register') {
      if (!accounts.has(email)) accounts.set(email, { id: randomBytes(8).toString('hex'), email, name: body.name, createdAt: now(), password: body.password });
      return send(202, sendCode(email));
    }
    if (route === 'POST /v1/auth/sign-in') {
      const account = accounts.get(email);
      if (!account) return fail(404, 'unknown_email', 'No account');
      if (body.password !== undefined) {
        if (!account.password) return fail(400, 'no_password', 'No password');
        return body.password === account.password ? send(200, session(account)) : fail(401, 'wrong_password', 'Wrong password');
      }
      const code = codes.get(email);
      if (!code) return fail(400, 'no_code', 'No code');
      if (code.expiresAt < Date.now()) return fail(400, 'code_expired', 'Expired');
      if (code.tries <= 0) return fail(400, 'code_exhausted', 'Exhausted');
      if (code.code !== body.code) {
        code.tries -= 1;
        return code.tries <= 0 ? fail(400, 'code_exhausted', 'Exhausted') : fail(401, 'wrong_code', 'Wrong', { triesLeft: code.tries });
      }
      codes.delete(email);
      return send(200, session(account));
    }
    if (route === 'POST /v1/auth/refresh') {
      const token = tokens.get(body.refreshToken);
      if (!token || token.kind !== 'refresh') return fail(401, 'invalid_refresh_token', 'Invalid');
      tokens.delete(body.refreshToken);
      return send(200, session(accounts.get(token.email)!));
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const holder = tokens.get(bearer);
    if (route === 'POST /v1/auth/sign-out') {
      if (!holder) return fail(401, 'unauthenticated', 'No');
      tokens.delete(bearer);
      return send(204);
    }
    if (route === 'GET /v1/me') {
      if (!holder) return fail(401, 'unauthenticated', 'No');
      if (holder.expiresAt < Date.now()) return fail(401, 'token_expired', 'Expired');
      const s = session(accounts.get(holder.email)!);
      return send(200, { user: s.user, memberships: s.memberships });
    }
    return fail(404, 'not_found', 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    latestCode: (email: string) => codes.get(email.toLowerCase())?.code,
    expireCodes: (email: string) => { const c = codes.get(email.toLowerCase()); if (c) c.expiresAt = 0; },
  };
}
