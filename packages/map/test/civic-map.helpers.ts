// Helpers for driving <civic-map> in tests: seed the test API, build a map, wait for it, find things in it.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import type { Polygon, Position } from '@civic-elements/protocol';
import '../src/define.js';
import type { CivicMap } from '../src/index.js';
import { api, ORG, until } from '../../core/test/support.js';

export interface MapFixtures {
  org: string;
  projectId: string;
  layerId: string;
  categories: { id: string; name: string; colour: string }[];
  contributionIds: string[];
  placeIds: string[];
  eventIds: string[];
  area: Polygon;
}

export interface SeedOptions {
  org?: string;
  title?: string;
  area?: Polygon;
  points?: Position[];
  count?: number;
  status?: 'active' | 'pending' | 'review' | 'deleted';
  contribute?: 'residents' | 'members' | 'nobody';
  places?: number;
  events?: number;
}

/** A new project (and places and events, none unless asked) in the test organisation. */
export const seedMap = (options: SeedOptions = {}) =>
  executeServerCommand<MapFixtures, SeedOptions>('civic:seed-map', { places: 0, events: 0, ...options });

/** The test organisation's map settings (api/src/seed.ts): centre, zoom 13, extent. */
export const EXTENT = [-0.11, 51.42, -0.03, 51.51] as const;

/** A map of one project on a plain background, 1000 × 400 pixels, waited for until its data is in. */
export async function projectMap(projectId: string): Promise<CivicMap> {
  const el = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} basemap="none" project=${projectId} style="--civic-map-height: 400px; width: 1000px"></civic-map>`);
  await loaded(el);
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: CivicMap, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: CivicMap, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The list's items as text. */
export const listItems = (el: CivicMap): string[] => $$(el, '.item').map((item) => text(item));

/** Waits until the map exists, has rendered, and the list shows what the API answered. */
export async function loaded(el: CivicMap, timeout = 8000): Promise<void> {
  await until(() => el.map?.loaded() && el.map.getSource('civic') && !/Loading/.test(text($(el, '.count'))), 'the map and its data', timeout);
  await el.updateComplete;
}

/** Waits for the next data load to finish after something moved the map. */
export async function reloaded(el: CivicMap, before: string, timeout = 6000): Promise<void> {
  await until(() => text($(el, '.count')) !== before || listItems(el).join('|') !== before, 'the list to change', timeout);
  await loaded(el, timeout);
}

/** Records every request to the API (URL and signal) while letting it through. */
export function recordRequests(): { urls: string[]; signals: AbortSignal[]; restore: () => void } {
  const real = window.fetch;
  const log = { urls: [] as string[], signals: [] as AbortSignal[], restore: () => (window.fetch = real) };
  window.fetch = (input, init) => {
    log.urls.push(String(input));
    if (init?.signal) log.signals.push(init.signal);
    return real(input, init);
  };
  return log;
}

const axe = (window as unknown as { axe: typeof Axe }).axe;

/** axe's default rules (chai-a11y-axe), then every WCAG 2.2 AA rule, target size included. */
export async function accessible(el: CivicMap, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}

/** The resources the page has fetched whose URL matches. */
export const fetched = (pattern: RegExp): string[] => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => pattern.test(name));

/** The next `type` event of `el`, typed as GlobalEventHandlersEventMap declares it. */
export const once = <K extends keyof GlobalEventHandlersEventMap>(el: EventTarget, type: K) =>
  oneEvent(el, type) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { api, ORG, until };
