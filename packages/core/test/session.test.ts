import { expect } from '@open-wc/testing';
import { getSession, Session } from '../src/index.js';
import { api, closedPort, registeredSession } from './support.js';

const fakeResponse = (name = 'Test Person') => ({
  accessToken: 'a', refreshToken: 'r',
  accessExpiresAt: new Date(Date.now() + 600_000).toISOString(), refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  user: { id: 'u1', email: 'p@example.org', name, locale: 'en' as const, emailVerified: true, hasPassword: false, createdAt: new Date().toISOString() },
  memberships: [],
});

describe('Session', () => {
  afterEach(() => localStorage.clear());

  it('is one object per API base URL, shared through a Symbol.for registry on globalThis', () => {
    const session = getSession('http://shared.test/');
    expect(getSession('http://shared.test')).to.equal(session);
    const registry = (globalThis as unknown as Record<symbol, Map<string, Session>>)[Symbol.for('civic-elements.sessions')];
    expect(registry!.get('http://shared.test')).to.equal(session);
    expect(session.storageKey).to.equal('civic-elements.session:http://shared.test');
  });

  it('persists signIn to localStorage and notifies subscribers', () => {
    const session = new Session('http://persist.test');
    const seen: (string | undefined)[] = [];
    const unsubscribe = session.subscribe((s) => seen.push(s.user?.name));
    session.signIn(fakeResponse('Olaudah Equiano'));
    expect(JSON.parse(localStorage.getItem('civic-elements.session:http://persist.test')!).user.name).to.equal('Olaudah Equiano');
    expect(new Session('http://persist.test').user?.name).to.equal('Olaudah Equiano');
    unsubscribe();
    session.signIn(fakeResponse('Not Seen'));
    expect(seen).to.deep.equal(['Olaudah Equiano']);
  });

  it('ignores a corrupt stored value instead of crashing', () => {
    for (const value of ['{not json', 'null', '42', '{"accessToken":1}', '{"accessToken":"a","refreshToken":"r","accessExpiresAt":"x"}']) {
      localStorage.setItem('civic-elements.session:http://corrupt.test', value);
      const session = new Session('http://corrupt.test');
      expect(session.signedIn, value).to.equal(false);
      expect(session.user).to.equal(null);
    }
  });

  it('follows other tabs through the storage event', () => {
    const session = new Session('http://tabs.test');
    let notified = 0;
    session.subscribe(() => (notified += 1));
    const key = 'civic-elements.session:http://tabs.test';
    const value = JSON.stringify(fakeResponse('Other Tab'));
    localStorage.setItem(key, value); // what the other tab wrote
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: value, storageArea: localStorage }));
    expect(session.user?.name).to.equal('Other Tab');
    localStorage.removeItem(key);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: null, storageArea: localStorage }));
    expect(session.signedIn).to.equal(false);
    expect(notified).to.equal(2);
  });

  it('refreshes against the API: new tokens, stored, the old refresh token spent', async () => {
    const session = new Session(api());
    const first = await registeredSession('Noor Inayat Khan');
    session.signIn(first);
    const token = await session.refresh();
    expect(token).to.be.a('string').and.not.equal(first.accessToken);
    expect(JSON.parse(localStorage.getItem(session.storageKey)!).accessToken).to.equal(token);
    // A spent refresh token ends the session.
    const other = new Session(api() + '/');
    localStorage.setItem(session.storageKey, JSON.stringify(first));
    const stale = new Session(api());
    expect(await stale.refresh()).to.equal(null);
    expect(stale.signedIn).to.equal(false);
    expect(other.api).to.equal(session.api);
  });

  it('makes one refresh request for concurrent callers in a tab', async () => {
    const session = new Session(api());
    session.signIn(await registeredSession());
    const [a, b, c] = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(a).to.be.a('string');
    expect(b).to.equal(a);
    expect(c).to.equal(a);
    expect(session.signedIn).to.equal(true); // had the three been sent, reuse would have revoked the session
  });

  it('adopts tokens another tab already refreshed instead of spending the same refresh token', async () => {
    const session = new Session(api());
    const mine = await registeredSession();
    session.signIn(mine);
    // Another tab refreshed meanwhile (and its storage event has not arrived yet).
    const theirs = { ...mine, accessToken: 'from-other-tab', refreshToken: 'rotated-by-other-tab' };
    localStorage.setItem(session.storageKey, JSON.stringify(theirs));
    expect(await session.refresh()).to.equal('from-other-tab');
    expect(session.data!.refreshToken).to.equal('rotated-by-other-tab');
  });

  it('signs out on the API and locally', async () => {
    const session = new Session(api());
    const signedIn = await registeredSession();
    session.signIn(signedIn);
    await session.signOut();
    expect(session.signedIn).to.equal(false);
    expect(localStorage.getItem(session.storageKey)).to.equal(null);
    const me = await fetch(api() + '/v1/me', { headers: { Authorization: 'Bearer ' + signedIn.accessToken } });
    expect(me.status).to.equal(401); // the token was revoked
  });

  it('clears the session even when the API cannot be reached', async () => {
    const session = new Session(await closedPort());
    session.signIn(fakeResponse());
    await session.signOut();
    expect(session.signedIn).to.equal(false);
    expect(localStorage.getItem(session.storageKey)).to.equal(null);
  });
});
