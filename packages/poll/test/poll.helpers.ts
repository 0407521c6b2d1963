// Helpers for the browser tests of <civic-poll>: polls seeded straight into the test API's store
// (`civic:seed-poll`), people, ballots cast through the real API, the element's fixture, and ways to
// read and drive its shadow root.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { getSession } from '@civic-elements/core';
import type { Ballot, BallotReceipt, Me, PollEligibility, PollKind, PollStatus, ResultsVisibility, Role, SessionResponse } from '@civic-elements/protocol';
import '../src/define-poll.js';
import type { CivicPoll } from '../src/index.js';
import { api, ORG, registeredSession, uniqueEmail, until } from '../../core/test/support.js';

export { api, ORG, registeredSession, uniqueEmail, until };

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
const axe = (window as unknown as { axe: typeof Axe }).axe;
export type Timed = { timeout(ms: number): void };

export interface SeedOptions {
  kind?: PollKind;
  title?: string;
  description?: string;
  options?: (string | { label: string; description?: string; image?: { url: string; alt?: string }; location?: [number, number] })[];
  minChoices?: number;
  maxChoices?: number;
  eligibility?: PollEligibility;
  results?: ResultsVisibility;
  status?: PollStatus;
  opensAt?: string | null;
  closesAt?: string | null;
  /** A value per option in order: 1/0 chosen, a score, or a rank (0 unranked). */
  ballots?: number[][];
}
export interface Seeded {
  id: string;
  title: string;
  kind: PollKind;
  options: { id: string; label: string }[];
}

/** A poll made straight in the store (open, live results, three options, unless told otherwise). */
export const seedPoll = (options: SeedOptions = {}): Promise<Seeded> => executeServerCommand<Seeded, SeedOptions>('civic:seed-poll', options);

export interface Answer<T> {
  status: number;
  body: T & { error?: { code: string; message: string; fields?: Record<string, string> } };
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

export const pollPath = (id: string) => `/v1/orgs/${ORG}/polls/${id}`;
/** A ballot cast through the API by `token`'s holder. */
export const castBallot = (token: string, id: string, ballot: Ballot) => ok<BallotReceipt>('PUT', `${pollPath(id)}/ballot`, ballot, token);

/** A person with `role` and a session opened by the test API. */
export async function personWithRole(role: Role, email = uniqueEmail(role)): Promise<SessionResponse> {
  const tokens = await executeServerCommand<{ accessToken: string; refreshToken: string }, object>('civic:make-role', { email, org: ORG, role });
  const me = await ok<Me>('GET', '/v1/me', undefined, tokens.accessToken);
  const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  return { ...me, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt: soon(14), refreshExpiresAt: soon(60 * 24) };
}

/** A resident with a confirmed email address (signed in through a code), signed in on this page. */
export async function signedInResident(name = 'Rosa Resident'): Promise<SessionResponse> {
  const person = await registeredSession(name);
  getSession(api()).signIn(person);
  return person;
}

export async function signOutEverywhere(): Promise<void> {
  await getSession(api()).signOut();
  localStorage.clear();
  sessionStorage.clear();
}

/** A `<civic-poll>` for the poll, once it has loaded (and, for a reader who may vote, its ballot form). */
export async function pollElement(id: string, attributes: { lang?: string } = {}): Promise<CivicPoll> {
  const el = await fixture<CivicPoll>(html`<civic-poll api=${api()} org=${ORG} poll=${id} lang=${attributes.lang ?? 'en'}></civic-poll>`);
  await until(() => $(el, '.status-line') || $(el, '.problem'), 'the poll to load', 8000);
  await until(() => !$(el, '.loading'), 'its parts to load', 8000);
  await el.updateComplete;
  return el;
}

/** The ballot form's submit button. */
export const castButton = (el: Element) => $<HTMLButtonElement>(el, 'form.ballot button[type="submit"]')!;
/** Clicks an input (radio or checkbox) of the ballot, as a person does. */
export const tick = (el: Element, selector: string) => $<HTMLInputElement>(el, selector)!.click();
/** The receipt code shown after casting. */
export const receiptCode = (el: Element) => clean($(el, '#receipt-code')?.textContent);
export const RECEIPT = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;

/** Casts through the form and waits for the receipt; returns its code. */
export async function castThroughForm(el: Element): Promise<string> {
  const before = receiptCode(el);
  castButton(el).click();
  await until(() => receiptCode(el) && receiptCode(el) !== before, 'the receipt', 6000);
  return receiptCode(el);
}

/** What the live region says. */
export const announced = (el: Element): string => clean($(el, '[role="status"][aria-live]')?.textContent);

/** The element's focused node inside its shadow root. */
export const focused = (el: Element): Element | null => el.shadowRoot!.activeElement;

export async function accessible(el: Element, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}

/** The reader's ballot as the API holds it. */
export const myBallot = (token: string, id: string) => ok<{ voted: boolean; ballot: Ballot | null }>('GET', `${pollPath(id)}/ballot`, undefined, token);
