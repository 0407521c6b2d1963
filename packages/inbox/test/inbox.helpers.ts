// Helpers for the tests of <civic-inbox>: people with roles signed in through the real API, categories
// and reports made through it, and ways to read and drive the inbox's shadow root.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { getSession } from '@civic-elements/core';
import type {
  Me, Photo, ReportCategory, ReportCategoryCreate, ReportCreate, ReportDetail, ReportSettings, Role, SessionResponse,
} from '@civic-elements/protocol';
import { api, ORG, outbox, uniqueEmail, until } from '../../core/test/support.js';

export { api, ORG, outbox, uniqueEmail, until };

/** Inside test-council's extent [-0.11, 51.42, -0.03, 51.51]. */
export const PLACE = { type: 'Point' as const, coordinates: [-0.07, 51.46] as [number, number] };

export async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(api() + path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A person with `role` (and, for officers, `departments`) and a session opened by the test API. */
export async function personWithRole(role: Role, departments: string[] = [], org = ORG, email = uniqueEmail(role)): Promise<SessionResponse> {
  const tokens = await executeServerCommand<{ accessToken: string; refreshToken: string }, object>('civic:make-role', { email, org, role, departments });
  const me = await call<Me>('GET', '/v1/me', undefined, tokens.accessToken);
  const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  return { ...me, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt: soon(14), refreshExpiresAt: soon(60 * 24) };
}

/** Signs `person` in for every widget on the page (the shared session). */
export function signIn(person: SessionResponse): void {
  getSession(api()).signIn(person);
}

export async function signedOutEverywhere(): Promise<void> {
  await getSession(api()).signOut();
  localStorage.clear();
  sessionStorage.clear();
}

/** A small PNG drawn on a canvas and uploaded as `token`'s holder. */
export async function uploadPhoto(token: string, colour = '#3366cc'): Promise<Photo> {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, 64, 48);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  const response = await fetch(`${api()}/v1/orgs/${ORG}/media`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${token}` },
    body: blob,
  });
  if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return (await response.json()) as Photo;
}

export const createCategory = (token: string, body: ReportCategoryCreate) => call<ReportCategory>('POST', `/v1/orgs/${ORG}/report-categories`, body, token);
export const createReport = (token: string, body: ReportCreate) => call<ReportDetail>('POST', `/v1/orgs/${ORG}/reports`, body, token);
export const getReport = (idOrReference: string, token: string) => call<ReportDetail>('GET', `/v1/orgs/${ORG}/reports/${idOrReference}`, undefined, token);
export const reportSettings = () => call<ReportSettings>('GET', `/v1/orgs/${ORG}/report-settings`);

// ── Reading and driving a shadow root ──────────────────────────────────────────────────────────

type Host = Element & { updateComplete: Promise<unknown> };

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
export const text = (el: Element): string => clean(el.shadowRoot!.querySelector('.root')?.textContent);
/** What the live region says. */
export const announced = (el: Element): string => clean($(el, '[role="status"][aria-live]')?.textContent);
/** An error summary's title and items, one space between each. */
export const summaryText = (el: Element, id: string): string => {
  const summary = $(el, `#${id}`);
  if (!summary) return '';
  return [summary.querySelector('.error-summary__title'), ...summary.querySelectorAll('li')].map((node) => clean(node?.textContent)).join(' ');
};
export const fieldError = (el: Element, id: string): string => clean($(el, `#${CSS.escape(id)}-error`)?.textContent);
export const activeId = (el: Element): string | undefined => {
  const active = el.shadowRoot!.activeElement as HTMLElement | null;
  return active?.id || active?.className;
};

export async function type(el: Host, id: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `#${CSS.escape(id)}`);
  if (!input) throw new Error(`no #${id} in ${text(el)}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function choose(el: Host, id: string, value: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, `#${CSS.escape(id)}`);
  if (!select) throw new Error(`no #${id} in ${text(el)}`);
  if (![...select.options].some((o) => o.value === value)) throw new Error(`#${id} has no option ${value}: ${[...select.options].map((o) => o.value).join(', ')}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export const optionLabels = (el: Element, id: string): string[] => [...($<HTMLSelectElement>(el, `#${CSS.escape(id)}`)?.options ?? [])].map((o) => clean(o.textContent));

/** The button whose accessible text (visible and visually hidden) is `name`. */
export function buttonNamed(el: Element, name: string): HTMLButtonElement {
  const button = $$<HTMLButtonElement>(el, 'button').find((b) => clean(b.textContent) === name);
  if (!button) throw new Error(`no button "${name}" in: ${$$(el, 'button').map((b) => clean(b.textContent)).join(' | ')}`);
  return button;
}

export async function click(el: Host, name: string): Promise<void> {
  buttonNamed(el, name).click();
  await el.updateComplete;
}

/** Waits until nothing is busy and the element has rendered. */
export async function settled(el: Host, timeout = 8000): Promise<void> {
  await el.updateComplete;
  await until(() => !$(el, '[aria-disabled="true"]') && !$(el, '.lead[role="status"]'), 'the requests to finish', timeout);
  await el.updateComplete;
}

/** The references in the table, in order. */
export const references = (el: Element): string[] => $$(el, '.reports__open').map((b) => clean(b.textContent).replace(/^Open /, ''));

const axe = (window as unknown as { axe: typeof Axe }).axe;

/** axe's default rules (chai-a11y-axe), then every WCAG 2.2 AA rule, target size included. */
export async function accessible(el: Element, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}
