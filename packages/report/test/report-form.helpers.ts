// Helpers for the tests of <civic-report-form>: categories, settings and reports made through the real
// API as an admin or a resident, the form on a page, the keyboard, the map inside it, and axe.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FieldDefinition, Report, ReportCategory, ReportCategoryCreate, ReportCreate, ReportPage, ReportSettings, SessionResponse } from '@civic-elements/protocol';
import type { Map as MaplibreMap } from 'maplibre-gl';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import '../src/define.js';
import type { CivicReportForm } from '../src/civic-report-form.js';
import { $, $$, apiCall, clean, personWithRole, until } from '../../map/test/forms.helpers.js';
import { api, closedPort, ORG } from '../../core/test/support.js';

export * from '../../map/test/forms.helpers.js';
export { closedPort, outbox } from '../../core/test/support.js';

declare const axe: typeof Axe;

/** Where the test organisation's map starts (the middle of its extent). */
export const CENTRE: [number, number] = [-0.0877, 51.4741];
/** Outside the test organisation's extent [-0.11, 51.42, -0.03, 51.51]. */
export const OUTSIDE: [number, number] = [-0.2, 51.6];

let admin: SessionResponse | undefined;
/** An admin of the test organisation (one per test file). */
export const adminOf = async (): Promise<SessionResponse> => (admin ??= await personWithRole('admin'));

let counter = 0;
/** A category code nobody else uses: `prefix-<random>`. */
export const uniqueCode = (prefix: string): string => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** Makes a report category through the API as the admin. */
export async function makeCategory(body: Partial<ReportCategoryCreate> & { name: string }): Promise<ReportCategory> {
  const { accessToken } = await adminOf();
  return apiCall<ReportCategory>('POST', `/v1/orgs/${ORG}/report-categories`, { code: uniqueCode('rf'), group: 'Roads and pavements', ...body }, accessToken);
}

/** Changes the organisation's report settings (the rest as they are), as the admin; returns what they were. */
export async function setSettings(change: Partial<ReportSettings>): Promise<ReportSettings> {
  const { accessToken } = await adminOf();
  const before = await apiCall<ReportSettings>('GET', `/v1/orgs/${ORG}/report-settings`);
  await apiCall('PUT', `/v1/orgs/${ORG}/report-settings`, { ...before, ...change }, accessToken);
  return before;
}

/** Files a report through the API as `token`'s holder (or anonymously with `email`). */
export const fileReport = (body: ReportCreate, token?: string) => apiCall<Report>('POST', `/v1/orgs/${ORG}/reports`, body, token);

/** The reports of a category, as an officer sees them (every one, open or not). */
export async function reportsIn(category: string): Promise<Report[]> {
  const officer = await personWithRole('officer');
  const page = await apiCall<ReportPage>('GET', `/v1/orgs/${ORG}/reports?category=${category}&limit=100`, undefined, officer.accessToken);
  return page.items;
}

export const GROUP_WASTE = 'Rubbish and recycling';

/** Questions of a pothole-like category: one required choice, one optional number. */
export const HOLE_FIELDS: FieldDefinition[] = [
  { key: 'depth', label: 'How deep is it?', type: 'choice', required: true, options: [{ value: 'shallow', label: 'Shallower than a fist' }, { value: 'deep', label: 'Deeper than a fist' }] },
  { key: 'width', label: 'How wide is it?', type: 'number', required: false, min: 0, max: 500, integer: true, unit: 'cm' },
];

/** The form on a page, with a plain map background and a small map. */
export async function reportForm(extra: { trackUrl?: string; lang?: string } = {}): Promise<CivicReportForm> {
  const el = await fixture<CivicReportForm>(html`<civic-report-form api=${api()} org=${ORG} basemap="none" track-url=${extra.trackUrl ?? ''}
    lang=${extra.lang ?? 'en'} style="--civic-map-height: 300px; width: 640px; display: block"></civic-report-form>`);
  await until(() => $(el, '#category-search') || $(el, 'civic-sign-in') || $(el, '[part~="success"]') || $(el, '#step-title'), 'the form', 8000);
  await el.updateComplete;
  return el;
}

/** The form with an API nobody answers (a closed port): the "cannot be loaded" state. */
export async function closedPortForm(): Promise<CivicReportForm> {
  const el = await fixture<CivicReportForm>(html`<civic-report-form api=${await closedPort()} org=${ORG} basemap="none"></civic-report-form>`);
  await el.updateComplete;
  return el;
}

/** The step shown: its title. */
export const stepTitle = (el: Element): string => clean($(el, '#step-title')?.textContent);

/** Presses the form's main button (Continue, Send report, Support this report) and waits for what it does. */
export async function next(el: CivicReportForm): Promise<void> {
  const submit = $<HTMLButtonElement>(el, 'form button[type="submit"]');
  if (!submit) throw new Error('no submit button');
  submit.click();
  await el.updateComplete;
  await until(() => !$(el, '[aria-disabled="true"]'), 'the form to settle', 8000);
  await el.updateComplete;
}

/** The <civic-map> of the location step, once its map has loaded. */
export async function pickMap(el: CivicReportForm): Promise<HTMLElement & { map: MaplibreMap; value: unknown }> {
  // The map, and the pick mode's controls (a chunk of their own), are in.
  const ready = () => {
    const field = $(el, 'civic-map') as (HTMLElement & { map?: MaplibreMap }) | null;
    return field?.map?.loaded() && field.shadowRoot?.querySelector('.civic-pick');
  };
  await until(ready, 'the map', 15_000);
  const map = $(el, 'civic-map') as HTMLElement & { map: MaplibreMap; value: unknown; updateComplete: Promise<unknown> };
  await map.updateComplete;
  return map;
}

/** The element focused, through every shadow root. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until `reached` says yes (at most `max` times). */
export async function tabUntil(reached: (active: Element | null) => boolean, what: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (reached(deepActive())) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}; focus is on ${deepActive()?.outerHTML.slice(0, 120)}`);
}

/** Picks the place at the map's centre with the keyboard: Tab to the map, Enter. */
export async function pickCentreByKeyboard(el: CivicReportForm): Promise<void> {
  const field = await pickMap(el);
  const canvas = field.map.getCanvas();
  $<HTMLElement>(el, '#step-title')!.focus();
  await tabUntil((active) => active === canvas, 'the map');
  await sendKeys({ press: 'Enter' });
  await until(() => field.value, 'the place to be chosen');
}

/** Chooses a category by searching for its name and pressing Enter on the one match. */
export async function chooseCategory(el: CivicReportForm, name: string): Promise<void> {
  const search = $<HTMLInputElement>(el, '#category-search')!;
  search.focus();
  search.select();
  await sendKeys({ type: name });
  await el.updateComplete;
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

/** axe's default rules, then WCAG 2.2 AA (target size included) for the element in `state`. */
export async function accessible(el: HTMLElement, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}

/** A photo drawn on a canvas, as a phone's would be: `width` × `height` pixels of PNG bytes. */
export async function canvasPhoto(width = 3000, height = 2000, name = 'pothole.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#4e4e4e');
  gradient.addColorStop(1, '#c9b28f');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  for (let i = 0; i < 30; i++) {
    context.fillStyle = `hsl(${i * 12} 30% ${20 + (i % 5) * 10}%)`;
    context.beginPath();
    context.arc((i * 577) % width, (i * 331) % height, 50 + (i % 4) * 25, 0, Math.PI * 2);
    context.fill();
  }
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

export async function addPhotos(el: CivicReportForm, files: File[]): Promise<void> {
  const input = $<HTMLInputElement>(el, '#photos')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** The photos' states (resizing, uploading, done, failed), in order. */
export const photoStates = (el: Element): string[] => $$(el, '.photo').map((p) => p.dataset['state'] ?? '');

/** Goes from the first step to the details step: category by search, place at the map's centre by keyboard. */
export async function toDetails(el: CivicReportForm, categoryName: string): Promise<void> {
  await chooseCategory(el, categoryName);
  await next(el);
  expect(stepTitle(el)).to.equal('Where is it?');
  await pickCentreByKeyboard(el);
  await next(el);
  await until(() => stepTitle(el) === 'Tell us about it', 'the details step', 8000);
}
