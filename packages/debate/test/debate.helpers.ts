// Helpers for the browser tests of <civic-debate>: people with roles, comments made straight through the
// real API, the element's fixture, and ways to read and drive its shadow root.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { getSession } from '@civic-elements/core';
import type { Comment, DebateSettingsInput, Me, Role, SessionResponse, Stance } from '@civic-elements/protocol';
import '../src/define.js';
import type { CivicDebate } from '../src/index.js';
import { api, ORG, registeredSession, uniqueEmail, until } from '../../core/test/support.js';

export { api, ORG, registeredSession, uniqueEmail, until };

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
const axe = (window as unknown as { axe: typeof Axe }).axe;

let counter = 0;
/** A page: subject of its own on the test server's origin (one test-council allows). */
export const subject = (label = 'debate'): string => `page:${location.origin}/${label}/${Date.now().toString(36)}-${counter++}-${Math.random().toString(36).slice(2, 6)}`;

export interface Answer<T> {
  status: number;
  body: T & { error?: { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> } };
}

/** A request to the API that never throws: the status and the parsed body. */
export async function call<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>> {
  const response = await fetch(api() + path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The same, failing the test unless the API answered 2xx. */
export async function ok<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const answer = await call<T>(method, path, body, token);
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export const commentsPath = `/v1/orgs/${ORG}/comments`;

export interface NewComment {
  body: string;
  stance?: Stance;
  parentId?: string;
  official?: boolean;
  department?: string;
}

/** A comment posted by `token`'s holder through the API. */
export const postComment = (token: string, subjectKey: string, comment: NewComment): Promise<Comment> =>
  ok<Comment>('POST', commentsPath, { subject: subjectKey, stance: 'neutral', ...comment }, token);

export const vote = (token: string, id: string, value: -1 | 0 | 1) => ok('PUT', `${commentsPath}/${id}/vote`, { value }, token);
export const moderate = (token: string, id: string, action: 'hide' | 'restore' | 'approve' | 'dismiss', reason?: string) =>
  ok<Comment>('POST', `${commentsPath}/${id}/moderation`, { action, reason }, token);

/** A person with `role` and a session opened by the test API. */
export async function personWithRole(role: Role, departments: string[] = [], email = uniqueEmail(role)): Promise<SessionResponse> {
  const tokens = await executeServerCommand<{ accessToken: string; refreshToken: string }, object>('civic:make-role', { email, org: ORG, role, departments });
  const me = (await ok<Me>('GET', '/v1/me', undefined, tokens.accessToken));
  const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  return { ...me, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt: soon(14), refreshExpiresAt: soon(60 * 24) };
}

export const signIn = (person: SessionResponse): void => getSession(api()).signIn(person);

export async function signOutEverywhere(): Promise<void> {
  await getSession(api()).signOut();
  localStorage.clear();
  sessionStorage.clear();
}

/** Changes test-council's discussion settings as `admin`; returns a function that puts the old ones back. */
export async function withSettings(admin: string, change: Partial<DebateSettingsInput>): Promise<() => Promise<void>> {
  const before = await ok<DebateSettingsInput>('GET', `/v1/orgs/${ORG}/debate-settings`, undefined, admin);
  await ok('PUT', `/v1/orgs/${ORG}/debate-settings`, { ...before, ...change }, admin);
  return async () => void (await ok('PUT', `/v1/orgs/${ORG}/debate-settings`, before, admin));
}

/** A `<civic-debate>` on `subjectKey`, once its first page has loaded. */
export async function debate(subjectKey: string, attributes: { limit?: number; sort?: string; lang?: string } = {}): Promise<CivicDebate> {
  const el = await fixture<CivicDebate>(html`<civic-debate api=${api()} org=${ORG} subject=${subjectKey} limit=${attributes.limit ?? 20}
    sort=${attributes.sort ?? 'best'} lang=${attributes.lang ?? 'en'}></civic-debate>`);
  await until(() => !$(el, '.loading') && $(el, '.heading'), 'the discussion to load', 8000);
  await el.updateComplete;
  return el;
}

/** The element's forms are there (the chunk arrived) for a signed-in reader. */
export const composeReady = (el: Element) => until(() => $(el, '#new-body'), 'the compose form', 6000);

/** A comment's article by the comment's id. */
export const commentEl = (el: Element, id: string): HTMLElement | null => $(el, `#comment-${id}`);
/** The ids of the comments shown, in document order. */
export const shownIds = (el: Element): string[] => $$(el, 'article.comment').map((article) => article.dataset['id']!);
/** The ids of the top-level comments shown, in order. */
export const topIds = (el: Element): string[] => $$(el, 'ul.threads > li > article.comment').map((article) => article.dataset['id']!);

/** Types into a textarea or input the way a person does (the element listens for `input`). */
export function type(field: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

/** What the live region says. */
export const announced = (el: Element): string => clean($(el, '[role="status"][aria-live]')?.textContent);

export async function accessible(el: Element, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}
export type Timed = { timeout(ms: number): void };
