// Helpers for the tests of <civic-contribution-form> and <civic-map-project-editor>: people with roles
// signed in through the real API, projects made through it, and ways to read and drive a shadow root.
import { executeServerCommand } from '@web/test-runner-commands';
import { getSession } from '@civic-elements/core';
import type { MapProject, MapProjectCreate, Me, Role, SessionResponse } from '@civic-elements/protocol';
import { api, ORG, uniqueEmail, until } from '../../core/test/support.js';

export { api, ORG, uniqueEmail, until };

/** Inside test-council's extent [-0.11, 51.42, -0.03, 51.51]. */
export const AREA_BOX = [-0.09, 51.44, -0.05, 51.48] as const;
export const AREA = {
  type: 'Polygon' as const,
  coordinates: [[[-0.09, 51.44], [-0.05, 51.44], [-0.05, 51.48], [-0.09, 51.48], [-0.09, 51.44]] as [number, number][]],
};
export const INSIDE = { type: 'Point' as const, coordinates: [-0.07, 51.46] as [number, number] };
/** Inside the organisation but outside AREA. */
export const OUTSIDE_AREA = { type: 'Point' as const, coordinates: [-0.04, 51.5] as [number, number] };

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(api() + path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A person with `role` in `org` and a session opened by the test API, as a sign-in would open it;
 * `GET /v1/me` fills in who they are and their memberships, as the session response lists them.
 */
export async function personWithRole(role: Role, org = ORG, email = uniqueEmail(role)): Promise<SessionResponse> {
  const tokens = await executeServerCommand<{ accessToken: string; refreshToken: string }, object>('civic:make-role', { email, org, role });
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

/** Creates a project through the API as `token`'s holder. */
export const createProject = (token: string, body: MapProjectCreate, org = ORG) => call<MapProject>('POST', `/v1/orgs/${org}/projects`, body, token);
export const getProject = (id: string, token?: string, org = ORG) => call<MapProject>('GET', `/v1/orgs/${org}/projects/${id}`, undefined, token);
export const apiCall = call;

// ── Reading and driving a shadow root ──────────────────────────────────────────────────────────

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
export const text = (el: Element): string => clean(el.shadowRoot!.querySelector('.root')?.textContent);
/** The error summary's title and items, one space between each. */
export const summaryText = (el: Element): string => {
  const summary = $(el, '.error-summary');
  if (!summary) return '';
  return [summary.querySelector('.error-summary__title'), ...summary.querySelectorAll('li')].map((node) => clean(node?.textContent)).join(' ');
};
export const fieldError = (el: Element, id: string): string => clean($(el, `#${CSS.escape(id)}-error`)?.textContent);
export const activeId = (el: Element): string | undefined => {
  const active = el.shadowRoot!.activeElement as HTMLElement | null;
  return active?.id || active?.className;
};

/** Types into an input or textarea the way input events report it. */
export async function type(el: Element & { updateComplete: Promise<unknown> }, id: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `#${CSS.escape(id)}`);
  if (!input) throw new Error(`no #${id} in ${text(el)}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Chooses a select's option by value. */
export async function choose(el: Element & { updateComplete: Promise<unknown> }, id: string, value: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, `#${CSS.escape(id)}`);
  if (!select) throw new Error(`no #${id} in ${text(el)}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Clicks a radio or checkbox by id. */
export async function check(el: Element & { updateComplete: Promise<unknown> }, id: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `#${CSS.escape(id)}`);
  if (!input) throw new Error(`no #${id} in ${text(el)}`);
  input.click();
  await el.updateComplete;
}

/** The button whose accessible text (visible and visually hidden) is `name`. */
export function buttonNamed(el: Element, name: string): HTMLButtonElement {
  const button = $$<HTMLButtonElement>(el, 'button').find((b) => clean(b.textContent) === name);
  if (!button) throw new Error(`no button "${name}" in: ${$$(el, 'button').map((b) => clean(b.textContent)).join(' | ')}`);
  return button;
}

export async function click(el: Element & { updateComplete: Promise<unknown> }, name: string): Promise<void> {
  buttonNamed(el, name).click();
  await el.updateComplete;
}

/** Waits until nothing is busy and the element has rendered. */
export async function settled(el: Element & { updateComplete: Promise<unknown> }, timeout = 8000): Promise<void> {
  await el.updateComplete;
  await until(() => !$(el, '[aria-disabled="true"]'), 'the request to finish', timeout);
  await el.updateComplete;
  await el.updateComplete;
}

/** Records the requests the page makes to the API while `body` runs. */
export async function requestsDuring(body: () => Promise<void>): Promise<string[]> {
  const requests: string[] = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${String(input instanceof Request ? input.url : input)}`);
    return realFetch(input, init);
  };
  try {
    await body();
  } finally {
    window.fetch = realFetch;
  }
  return requests;
}
