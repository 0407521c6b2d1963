import { expect } from '@open-wc/testing';
import { ApiClient, ApiError, errorMessage, LocalizeController, coreMessages, loadMessages, registerMessages, Session } from '../src/index.js';
import { api, closedPort, ORG, registeredSession, uniqueEmail } from './support.js';

for (const [lang, messages] of Object.entries(coreMessages)) registerMessages(lang, messages);
// Italian and Arabic are chunks of their own; these tests read them directly.
await Promise.all([loadMessages('it'), loadMessages('ar')]);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** A fetch that answers from a list, and records what it was asked. */
function scripted(...answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const localize = (lang: string) => new LocalizeController({ addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) }, () => lang);

describe('ApiClient against the real API', () => {
  it('returns the parsed JSON of a success', async () => {
    const org = await new ApiClient(api(), { session: null }).get<{ slug: string }>(`/v1/orgs/${ORG}`);
    expect(org.slug).to.equal(ORG);
  });

  it('throws an ApiError with the code, status and message of a 4xx', async () => {
    const client = new ApiClient(api(), { session: null });
    const error = await client.post('/v1/auth/code', { org: ORG, email: uniqueEmail() }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(404);
    expect((error as ApiError).code).to.equal('unknown_email');
    expect((error as ApiError).message).to.be.a('string').and.not.equal('');
  });

  it('carries validation fields', async () => {
    const error = (await new ApiClient(api(), { session: null }).post('/v1/auth/code', { org: ORG, email: 'not an email' }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).to.equal(400);
    expect(error.code).to.equal('validation_failed');
    expect(error.fields).to.have.property('email');
  });

  it("uses code 'network' when nothing answers, after retrying a GET once", async () => {
    const error = (await new ApiClient(await closedPort(), { session: null }).get('/v1/orgs/x').catch((e: unknown) => e)) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.code).to.equal('network');
    expect(error.status).to.equal(0);
  });

  it('sends the bearer token of the session', async () => {
    const session = new Session(api());
    session.signIn(await registeredSession('Mary Seacole'));
    const me = await new ApiClient(api(), { session }).get<{ user: { name: string } }>('/v1/me');
    expect(me.user.name).to.equal('Mary Seacole');
    await session.signOut();
  });

  it('refreshes an expired access token before the request', async () => {
    const session = new Session(api());
    const signedIn = await registeredSession('Florence Nightingale');
    session.signIn({ ...signedIn, accessExpiresAt: new Date(Date.now() - 1000).toISOString() });
    const me = await new ApiClient(api(), { session }).get<{ user: { name: string } }>('/v1/me');
    expect(me.user.name).to.equal('Florence Nightingale');
    expect(session.accessToken).to.not.equal(signedIn.accessToken);
    expect(session.data!.refreshToken).to.not.equal(signedIn.refreshToken);
    await session.signOut();
  });
});

describe('ApiClient retries, refreshes and aborts', () => {
  it('retries an idempotent GET once on a network error', async () => {
    const { fetch, calls } = scripted(new TypeError('Failed to fetch'), json(200, { ok: 1 }));
    expect(await new ApiClient('http://api.test/', { session: null, fetch }).get('/v1/x')).to.deep.equal({ ok: 1 });
    expect(calls).to.have.length(2);
    expect(calls[0]!.url).to.equal('http://api.test/v1/x');
  });

  it('retries a GET once on 502, 503 and 504, but not twice', async () => {
    for (const status of [502, 503, 504]) {
      const { fetch, calls } = scripted(json(status, {}), json(200, { ok: status }));
      expect(await new ApiClient('http://api.test', { session: null, fetch }).get('/v1/x')).to.deep.equal({ ok: status });
      expect(calls).to.have.length(2);
    }
    const { fetch, calls } = scripted(json(503, {}), json(503, { error: { code: 'internal', message: 'down' } }));
    const error = (await new ApiClient('http://api.test', { session: null, fetch }).get('/v1/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).to.equal(503);
    expect(calls).to.have.length(2);
  });

  it('never retries a POST', async () => {
    const { fetch, calls } = scripted(new TypeError('Failed to fetch'), json(200, {}));
    const error = (await new ApiClient('http://api.test', { session: null, fetch }).post('/v1/x', { a: 1 }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('network');
    expect(calls).to.have.length(1);
    expect(calls[0]!.init.body).to.equal('{"a":1}');
    expect((calls[0]!.init.headers as Record<string, string>)['Content-Type']).to.equal('application/json');
  });

  it("throws code 'aborted' when the signal aborts", async () => {
    const controller = new AbortController();
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))))) as unknown as typeof globalThis.fetch;
    const pending = new ApiClient('http://api.test', { session: null, fetch }).get('/v1/x', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(((await pending) as ApiError).code).to.equal('aborted');
  });

  it("aborts every request when the client's own signal aborts", async () => {
    const lifetime = new AbortController();
    lifetime.abort();
    const { fetch, calls } = scripted(json(200, {}));
    const error = (await new ApiClient('http://api.test', { session: null, fetch, signal: lifetime.signal }).get('/v1/x').catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('aborted');
    expect(calls).to.have.length(0);
  });

  it('refreshes once on 401 token_expired and retries with the new token', async () => {
    const session = new Session('http://refresh.test');
    session.signIn({ ...(await registeredSession()), accessToken: 'old' });
    let refreshes = 0;
    session.refresh = async () => {
      refreshes += 1;
      session.signIn({ ...session.data!, accessToken: 'new' });
      return 'new';
    };
    const { fetch, calls } = scripted(json(401, { error: { code: 'token_expired', message: 'expired' } }), json(200, { ok: true }));
    expect(await new ApiClient('http://refresh.test', { session, fetch }).get('/v1/me')).to.deep.equal({ ok: true });
    expect(refreshes).to.equal(1);
    expect((calls[0]!.init.headers as Record<string, string>)['Authorization']).to.equal('Bearer old');
    expect((calls[1]!.init.headers as Record<string, string>)['Authorization']).to.equal('Bearer new');
    localStorage.removeItem(session.storageKey);
  });

  it('reads Retry-After into details.retryAfter', async () => {
    const { fetch } = scripted(json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '120' }));
    const error = (await new ApiClient('http://api.test', { session: null, fetch }).post('/v1/x').catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(120);
  });
});

describe('errorMessage', () => {
  it('maps codes to resident-friendly words in the language', () => {
    expect(errorMessage(new ApiError(0, 'network', 'x'), localize('en'))).to.contain('internet connection');
    expect(errorMessage(new ApiError(0, 'network', 'x'), localize('it'))).to.contain('connessione');
    expect(errorMessage(new ApiError(403, 'forbidden', 'x'), localize('ar'))).to.contain('ليس لديك إذن');
  });

  it('says how long to wait when rate limited', () => {
    expect(errorMessage(new ApiError(429, 'rate_limited', 'x', {}, { retryAfter: 120 }), localize('en'))).to.equal('You have tried too many times. Wait 2 minutes and try again.');
    expect(errorMessage(new ApiError(429, 'rate_limited', 'x', {}, { retryAfter: 30 }), localize('it'))).to.contain('30 secondi');
    expect(errorMessage(new ApiError(429, 'rate_limited', 'x'), localize('en'))).to.contain('a few minutes');
  });

  it('falls back to a generic message for unknown codes and other failures', () => {
    expect(errorMessage(new ApiError(500, 'weird', 'stack trace'), localize('en'))).to.contain('on our side');
    expect(errorMessage(new ApiError(418, 'weird', 'teapot'), localize('en'))).to.equal('Something went wrong. Try again.');
    expect(errorMessage(new Error('boom'), localize('en'))).to.equal('Something went wrong. Try again.');
  });
});
