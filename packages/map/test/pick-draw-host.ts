// A test-only host for the pick and draw controllers: a form-associated CivicElement with a real maplibre map (blank style).
import { css, html, type PropertyValues } from 'lit';
import { CivicElement, LiveAnnouncer, uiStyles } from '@civic-elements/core';
import type { Geometry, Point, Polygon } from '@civic-elements/protocol';
import type { Map as MaplibreMap } from 'maplibre-gl';
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
