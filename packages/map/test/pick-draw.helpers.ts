// Helpers for the pick and draw tests: a test-only host for the controllers (a form-associated CivicElement
// with a real maplibre map on a blank style), real clicks and keys on a map, positions, areas.
import { css, html, type PropertyValues } from 'lit';
import { CivicElement, LiveAnnouncer, uiStyles } from '@civic-elements/core';
import type { Geometry, Point, Polygon } from '@civic-elements/protocol';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import type { Position } from '@civic-elements/protocol';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { until } from '../../core/test/support.js';
import { DrawController, type DrawChange, type DrawKind } from '../src/draw-controller.js';
import { restoredGeometry, syncFormField } from '../src/form-field.js';
import { pickDrawMessages } from '../src/messages-pick-draw.js';
import { PickController, type PickChange } from '../src/pick-controller.js';
import { pickDrawStyles } from '../src/pick-draw.styles.js';

/** Where the test organisation's map starts (seed: test-council). */
export const CENTRE: [number, number] = [-0.0877, 51.4741];

let maplibreSheet: Promise<CSSStyleSheet> | undefined;
/** maplibre's own CSS, adopted into the host's shadow root as <civic-map> does. */
function maplibreCss(): Promise<CSSStyleSheet> {
  return (maplibreSheet ??= fetch('/node_modules/maplibre-gl/dist/maplibre-gl.css')
    .then((response) => response.text())
    .then((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    }));
}

export class TestMapField extends CivicElement {
  static formAssociated = true;
  static override styles = [...CivicElement.styles, uiStyles, pickDrawStyles, css`.map { position: relative; width: 400px; height: 300px; }`];
  static override messages = [...CivicElement.messages, pickDrawMessages];
  static override properties = {
    ...CivicElement.properties,
    mode: {},
    geometryType: { attribute: 'geometry-type' },
    required: { type: Boolean },
    disabled: { type: Boolean },
    name: {},
  };

  declare mode: 'pick' | 'draw';
  declare geometryType: DrawKind;
  declare required: boolean;
  declare disabled: boolean;
  declare name: string;
  #area: Polygon | undefined;
  map: MaplibreMap | undefined;
  /** Every onChange the controllers made, in order. */
  readonly changes: (PickChange | DrawChange)[] = [];
  readonly internals = this.attachInternals();
  readonly announcer = new LiveAnnouncer(this);
  readonly pick = new PickController(this, {
    localize: this.localize,
    announce: (message) => this.announcer.announce(message),
    area: () => this.#area,
    disabled: () => this.disabled,
    client: () => this.client,
    org: () => this.resolvedOrg,
    onChange: (change) => this.changes.push(change),
  });
  readonly draw = new DrawController(this, {
    localize: this.localize,
    announce: (message) => this.announcer.announce(message),
    area: () => this.#area,
    disabled: () => this.disabled,
    geometryType: () => this.geometryType ?? 'polygon',
    onChange: (change) => this.changes.push(change),
  });
  #loaded: ((map: MaplibreMap) => void) | undefined;
  /** Resolves with the map once it has loaded and the controller is attached. */
  readonly ready = new Promise<MaplibreMap>((resolve) => (this.#loaded = resolve));

  constructor() {
    super();
    this.mode = 'pick';
    this.required = false;
    this.disabled = false;
    this.name = '';
  }

  get controller(): PickController | DrawController {
    return this.mode === 'draw' ? this.draw : this.pick;
  }

  get value(): Geometry | null {
    return this.controller.value;
  }

  set value(value: Geometry | null) {
    if (this.mode === 'draw') this.draw.setValue(value);
    else this.pick.setValue(value as Point | null);
  }

  get area(): Polygon | undefined {
    return this.#area;
  }

  set area(area: Polygon | undefined) {
    this.#area = area;
    this.controller.revalidate();
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  protected override async firstUpdated(): Promise<void> {
    const [{ Map }, sheet] = await Promise.all([import('maplibre-gl'), maplibreCss()]);
    const root = this.shadowRoot!;
    root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
    const map = new Map({
      container: root.querySelector<HTMLElement>('.map')!,
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0eb' } }] },
      center: CENTRE,
      zoom: 15,
      attributionControl: false,
    });
    map.once('load', () => {
      this.map = map;
      this.controller.attach(map);
      this.#loaded?.(map);
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const kind = this.geometryType ?? 'polygon';
    syncFormField(this.internals, {
      value: this.controller.value,
      required: this.required,
      problem: this.controller.validationMessage,
      missingMessage: this.t(this.mode === 'draw' ? `map-draw.required.${kind}` : 'map-pick.required'),
      anchor: this.controller.anchor,
    });
  }

  formResetCallback(): void {
    this.controller.reset(null);
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.value = restoredGeometry(state);
  }

  override disconnectedCallback(): void {
    this.controller.detach();
    this.map?.remove();
    this.map = undefined;
    super.disconnectedCallback();
  }

  protected renderContent(): unknown {
    return html`<div class="map"></div>${this.controller.render()}${this.announcer.render()}`;
  }
}

if (!customElements.get('test-map-field')) customElements.define('test-map-field', TestMapField);

declare global {
  interface HTMLElementTagNameMap {
    'test-map-field': TestMapField;
  }
}

// ── Driving a map ──────────────────────────────────────────────────────────────────────────────

type Host = HTMLElement & { updateComplete: Promise<boolean> };

export const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const words = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export function buttonNamed(el: HTMLElement, name: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => words(b) === name);
  if (!found) throw new Error(`no button "${name}" in: ${words(el.shadowRoot!.querySelector('.root'))}`);
  return found;
}

export async function click(el: Host, name: string): Promise<void> {
  buttonNamed(el, name).click();
  await el.updateComplete;
}

/** Waits until the live region says `text`. */
export async function announced(el: HTMLElement, text: string | RegExp): Promise<void> {
  const matches = () => {
    const said = words($(el, '[role="status"]'));
    return typeof text === 'string' ? said.includes(text) : text.test(said);
  };
  await until(matches, `the announcement ${String(text)} (said: "${words($(el, '[role="status"]'))}")`, 3000);
}

/** Focuses the map's canvas by keyboard (Tab from a button just before the element), as a keyboard user does. */
export async function tabToMap(el: HTMLElement, map: MaplibreMap): Promise<HTMLCanvasElement> {
  const before = document.createElement('button');
  before.textContent = 'Before';
  el.before(before);
  before.focus();
  await sendKeys({ press: 'Tab' });
  // <civic-map> has a "Skip the map" button first.
  if (el.shadowRoot!.activeElement !== map.getCanvas()) await sendKeys({ press: 'Tab' });
  expect(el.shadowRoot!.activeElement).to.equal(map.getCanvas());
  return map.getCanvas();
}

/** The position of the map's pixel (x, y from its top left corner). */
export const lngLatAt = (map: MaplibreMap, x: number, y: number): Position => {
  const { lng, lat } = map.unproject([x, y]);
  return [lng, lat];
};

/** A real mouse click on the map's pixel (x, y), through the browser (not a synthetic event). */
export async function clickMap(map: MaplibreMap, x: number, y: number): Promise<void> {
  const rect = map.getCanvas().getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + x), Math.round(rect.top + y)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

/** Asserts two positions are within `tolerance` degrees of each other. */
export function near(actual: readonly (number | undefined)[] | undefined, expected: readonly (number | undefined)[], tolerance = 1e-6): void {
  expect(actual, 'position').to.have.length.of.at.least(2);
  expect(Math.abs(actual![0]! - expected[0]!), `longitude ${actual![0]} vs ${expected[0]}`).to.be.below(tolerance);
  expect(Math.abs(actual![1]! - expected[1]!), `latitude ${actual![1]} vs ${expected[1]}`).to.be.below(tolerance);
}

/** What a GeoJSON source on the map holds. */
export const sourceData = async (map: MaplibreMap, id: string): Promise<FeatureCollection> => (await (map.getSource(id) as GeoJSONSource).getData()) as FeatureCollection;

/** A square area around `centre` (default the test organisation's centre), `half` degrees each way. */
export const squareArea = (half: number, [lon, lat]: Position = CENTRE): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]]],
});

const axe = (window as unknown as { axe: typeof Axe }).axe;

/** axe's default rules (chai-a11y-axe), then every WCAG 2.2 AA rule, target size included. */
export async function accessible(el: HTMLElement, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}
