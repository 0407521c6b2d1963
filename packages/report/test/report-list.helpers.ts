// Helpers for the tests of <civic-report-list>: build one, wait for it, read and drive its shadow root.
import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { getSession } from '@civic-elements/core';
import type { SessionResponse } from '@civic-elements/protocol';
import '../src/define.js';
import type { CivicReportList } from '../src/index.js';
import { api, ORG, uniqueEmail, until } from '../../core/test/support.js';

export { api, ORG, uniqueEmail, until };

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
export const textOf = (node: Element | null | undefined): string => clean(node?.textContent);

/** Attributes of a list under test (undefined ones are left out). */
export type ListAttributes = Partial<Record<'show' | 'near' | 'radius' | 'category' | 'status' | 'open' | 'sort' | 'limit' | 'lang' | 'heading-level', string>>;

/** A list in the test organisation; waits until it has stopped loading (unless `wait` is false). */
export async function reportList(attributes: ListAttributes = {}, { wait = true, apiUrl = api(), children = '' } = {}): Promise<CivicReportList> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('civic-report-list');
  el.setAttribute('api', apiUrl);
  el.setAttribute('org', ORG);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) el.setAttribute(name, value);
  el.innerHTML = children;
  holder.append(el);
  await el.updateComplete;
  if (wait) await loaded(el);
  return el;
}

/** Waits until the list is no longer loading (its reports, its empty state, a prompt or a problem is shown). */
export async function loaded(el: CivicReportList, timeout = 6000): Promise<void> {
  await until(() => !$(el, '.root > .loading') && !$(el, '[aria-disabled="true"], [aria-busy="true"]'), 'the list to load', timeout);
  await el.updateComplete;
}

/** The references of the reports shown, in order. */
export const references = (el: CivicReportList): string[] => $$(el, '.reference').map((node) => textOf(node));

/** The list item of the report with this reference. */
export function item(el: CivicReportList, reference: string): HTMLLIElement {
  const found = $$<HTMLLIElement>(el, '.report').find((li) => textOf(li.querySelector('.reference')) === reference);
  if (!found) throw new Error(`no report ${reference} in: ${references(el).join(', ')}`);
  return found;
}

/** A report's facts as "term: value" lines ("Reference: TC-1001"). */
export const facts = (li: Element): string[] =>
  [...li.querySelectorAll('.facts .fact')].map((fact) => `${textOf(fact.querySelector('dt'))}: ${textOf(fact.querySelector('dd'))}`);

/** A button inside `scope` whose whole text (visible and visually hidden) starts with `name`. */
export function buttonIn(scope: ParentNode, name: string): HTMLButtonElement {
  const buttons = [...scope.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((b) => textOf(b).startsWith(name));
  if (!found) throw new Error(`no button "${name}" in: ${buttons.map((b) => textOf(b)).join(' | ')}`);
  return found;
}

/** Opens a report's details and waits for them (its timeline, or its problem). */
export async function openDetails(el: CivicReportList, reference: string): Promise<HTMLElement> {
  item(el, reference).querySelector<HTMLButtonElement>('.toggle')!.click();
  await el.updateComplete;
  const details = item(el, reference).querySelector<HTMLElement>('.details')!;
  await until(() => details.querySelector('.timeline, .problem'), `the details of ${reference}`);
  await el.updateComplete;
  return details;
}

/** Waits until no button of the list is busy. */
export async function settled(el: CivicReportList, timeout = 6000): Promise<void> {
  await el.updateComplete;
  await until(() => !$(el, '[aria-disabled="true"]'), 'the request to finish', timeout);
  await el.updateComplete;
}

/** What the live region says, once it has said something. */
export async function announced(el: CivicReportList, pattern: RegExp, timeout = 3000): Promise<string> {
  await until(() => pattern.test(textOf($(el, '[role="status"]'))), `an announcement matching ${pattern} (now "${textOf($(el, '[role="status"]'))}")`, timeout);
  return textOf($(el, '[role="status"]'));
}

export function signIn(person: SessionResponse): void {
  getSession(api()).signIn(person);
}

export async function signedOutEverywhere(): Promise<void> {
  await getSession(api()).signOut();
  localStorage.clear();
  sessionStorage.clear();
}

const axe = (window as unknown as { axe: typeof Axe }).axe;

/** axe's default rules (chai-a11y-axe), then every WCAG 2.2 AA rule, target size included. */
export async function accessible(el: Element, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}
