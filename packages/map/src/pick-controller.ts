// mode="pick": the location field's behaviour (click, keyboard cross, address search, "use my location") as a Lit controller.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { button, formatNumber, type ApiClient, type LocalizeController } from '@civic-elements/core';
import type { GeocodeResult, Point, Polygon, Position } from '@civic-elements/protocol';
import { validateGeometry, type GeoProblem } from '@civic-elements/protocol/geometry-checks';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { AddressSearch } from './address-search.js';
import { locate, LocateError } from './geolocation.js';
import { KeyboardCrosshair } from './keyboard-crosshair.js';
import { EMPTY, OverlayLayers, themeColour } from './overlay-layers.js';
import { problemMessage } from './problem-message.js';

/**
 * What a host gives the controller. Every function is read when needed, so the values may change
 * (the area arrives with the organisation's settings, `disabled` follows the attribute).
 */
export interface PickControllerOptions {
  /** The host's localisation controller (CivicElement's protected `this.localize`). */
  localize: Pick<LocalizeController, 't' | 'duration' | 'lang'>;
  /** Read to screen readers: the host's LiveAnnouncer (`this.#announcer.announce(message)`). */
  announce(message: string): void;
  /** Places outside it are refused; undefined accepts anywhere. The `area` property, else the org's extent as a polygon. */
  area(): Polygon | undefined;
  disabled(): boolean;
  /** For address search: the host's `this.client` and `this.resolvedOrg`. */
  client(): ApiClient;
  org(): string;
  /** After every change of the value (see PickChange). */
  onChange(change: PickChange): void;
}

export interface PickChange {
  value: Point | null;
  /** What is wrong with the value (only a value set by the host can be outside the area: the person's choices are refused instead). */
  problems: GeoProblem[];
  /** The first problem in the reader's language, or '' when the value is fine. */
  message: string;
  /** `user`: the person chose or removed a place (dispatch `civic-location-picked`); `api`: setValue, reset or revalidate. */
  source: 'user' | 'api';
}

const POINT_SOURCE = 'civic-pick';

/**
 * The `mode="pick"` location field of `<civic-map>`: a person chooses one place by clicking the map,
 * by keyboard (focus the map, arrow keys move a cross at its centre, Shift for bigger steps, Enter
 * or Space sets it), by address search (GET /v1/geocode, results outside the area marked), or with
 * "Use my location". A place outside the area is refused with a message next to the field; the chosen
 * place shows as a marker.
 *
 * Integration (civic-map.ts):
 * ```ts
 * static messages = [...CivicElement.messages, mapMessages, pickDrawMessages];
 * static styles = [...CivicElement.styles, uiStyles, styles, pickDrawStyles];
 * static formAssociated = true;
 * #internals = this.attachInternals();
 * #announcer = new LiveAnnouncer(this);
 * #pick = new PickController(this, {
 *   localize: this.localize,
 *   announce: (message) => this.#announcer.announce(message),
 *   area: () => this.area ?? this.#orgArea,          // Polygon | undefined
 *   disabled: () => this.disabled,
 *   client: () => this.client,
 *   org: () => this.resolvedOrg,
 *   onChange: ({ value, source }) => {
 *     if (source === 'user' && value) this.dispatchEvent(new CivicLocationPickedEvent(value));
 *   },
 * });
 * // when the map has loaded (its 'load' event), and after each rebuild:  this.#pick.attach(map);
 * // before map.remove():                                                  this.#pick.detach();
 * // render (mode="pick"), next to the map:                                ${this.#pick.render()}
 * // value property:  get value() { return this.#pick.value }  set value(v) { this.#pick.setValue(v) }
 * // area changed:    this.#pick.revalidate();
 * // updated():       syncFormField(this.#internals, { value: this.#pick.value, required: this.required,
 * //                    problem: this.#pick.validationMessage, missingMessage: this.t('map-pick.required'), anchor: this.#pick.anchor });
 * // formResetCallback() { this.#pick.reset(this.#defaultValue) }   formStateRestoreCallback(state) { this.#pick.setValue(restoredPoint(state)) }
 * ```
 * The controller only calls `host.requestUpdate()`; it dispatches no events of its own. Its controls
 * use ids starting `civic-pick-` in the host's shadow root; the map's canvas is described by
 * `civic-pick-hint`. The marker is a GeoJSON source `civic-pick` with two circle layers.
 */
export class PickController implements ReactiveController {
  #value: Point | null = null;
  /** A label for the value when it came from address search. */
  #label = '';
  #problems: GeoProblem[] = [];
  /** Why the person's last choice was refused, in their language; shown next to the field. */
  #refusal = '';
  #locating = false;
  #locateMessage = '';
  /** Bumped whenever a newer action makes a pending geolocation answer stale. */
  #locateToken = 0;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: PickControllerOptions;
  readonly #crosshair: KeyboardCrosshair;
  readonly #marker: OverlayLayers;
  readonly #search: AddressSearch;

  constructor(host: ReactiveControllerHost & HTMLElement, options: PickControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.#crosshair = new KeyboardCrosshair(
      { place: (position) => this.#choose(position), disabled: () => options.disabled() },
      'civic-pick-hint',
    );
    this.#marker = new OverlayLayers(POINT_SOURCE, () => {
      const colour = themeColour(host, '--_primary', '#1d70b8');
      return [
        { id: `${POINT_SOURCE}-halo`, type: 'circle', source: POINT_SOURCE, paint: { 'circle-radius': 12, 'circle-color': '#ffffff', 'circle-opacity': 0.9 } },
        { id: `${POINT_SOURCE}-point`, type: 'circle', source: POINT_SOURCE, paint: { 'circle-radius': 8, 'circle-color': colour, 'circle-stroke-color': '#0b0c0c', 'circle-stroke-width': 2 } },
      ];
    });
    this.#search = new AddressSearch(host, {
      localize: options.localize,
      announce: (message) => options.announce(message),
      client: () => options.client(),
      org: () => options.org(),
      disabled: () => options.disabled(),
      inArea: (result) => (options.area() ? this.#outside(result.point.coordinates).length === 0 : result.inArea),
      choose: (result) => this.#chooseResult(result),
    });
  }

  /** Words in the host's language (an arrow function: it is handed around). */
  readonly #t = (key: string, params?: Record<string, string | number>): string => this.#options.localize.t(key, params);

  /** The chosen place, or null. */
  get value(): Point | null {
    return this.#value;
  }

  /** What is wrong with the value (empty when it is fine or empty). */
  get problems(): GeoProblem[] {
    return this.#problems;
  }

  /** The first problem in the reader's language, or ''. For `setValidity`'s customError. */
  get validationMessage(): string {
    const [problem] = this.#problems;
    return problem ? problemMessage(problem, this.#t, 'Point') : '';
  }

  /** The element `setValidity` points at: the search input. */
  get anchor(): HTMLElement | undefined {
    return this.#search.input ?? undefined;
  }

  /** The map this controller is attached to. */
  get map(): MaplibreMap | undefined {
    return this.#crosshair.map;
  }

  /** Starts listening to the map (clicks, keys) and draws the marker. Call after the map's `load` event. */
  attach(map: MaplibreMap): void {
    this.#crosshair.attach(map);
    this.#marker.attach(map);
    this.#drawMarker();
  }

  /** Stops listening and removes the marker and cross. Call before `map.remove()`. */
  detach(): void {
    this.#crosshair.detach();
    this.#marker.detach();
  }

  /** The host's `value` property: any Point (outside the area it is kept, with a problem), or null. */
  setValue(value: Point | null): void {
    this.#set(value, '', 'api');
  }

  /** Back to `value` with no messages (the form was reset). */
  reset(value: Point | null = null): void {
    this.#search.clear();
    this.#refusal = '';
    this.#locateMessage = '';
    this.#locateToken++;
    this.#locating = false;
    this.#set(value, '', 'api');
  }

  /** Checks the value again (the area changed). */
  revalidate(): void {
    this.#set(this.#value, this.#label, 'api');
  }

  hostDisconnected(): void {
    this.#search.cancel();
    this.#locateToken++;
    this.#locating = false;
  }

  #outside(position: Position): GeoProblem[] {
    const area = this.#options.area();
    return validateGeometry({ type: 'Point', coordinates: position }, area ? { area } : {});
  }

  #set(value: Point | null, label: string, source: PickChange['source']): void {
    this.#value = value ? { type: 'Point', coordinates: [value.coordinates[0], value.coordinates[1]] } : null;
    this.#label = value ? label : '';
    this.#problems = this.#value ? this.#outside(this.#value.coordinates) : [];
    this.#drawMarker();
    this.#host.requestUpdate();
    this.#options.onChange({ value: this.#value, problems: this.#problems, message: this.validationMessage, source });
  }

  #drawMarker(): void {
    const [lon, lat] = this.#value?.coordinates ?? [];
    this.#marker.setData(lon === undefined || lat === undefined ? EMPTY : { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: {} }] });
  }

  #place(position: Position): string {
    const t = this.#t;
    const { lang } = this.#options.localize;
    const number = (value: number) => formatNumber(lang, value, { maximumFractionDigits: 5 });
    return t('map-keys.coordinates', { lat: number(position[1]), lon: number(position[0]) });
  }

  /**
   * A place the person chose (click, keys, search, location). Outside the area it is refused: the
   * value stays as it was and the reason shows next to the field.
   */
  #choose(position: Position, label = '', refusal?: string): boolean {
    this.#locateToken++;
    this.#locating = false;
    this.#locateMessage = '';
    const problems = this.#outside(position);
    if (problems.length > 0) {
      this.#refusal = refusal ?? problemMessage(problems[0]!, this.#t, 'Point');
      this.#options.announce(this.#refusal);
      this.#host.requestUpdate();
      return false;
    }
    this.#refusal = '';
    this.#set({ type: 'Point', coordinates: position }, label, 'user');
    this.#options.announce(this.#t('map-pick.set', { place: label || this.#place(position) }));
    return true;
  }

  #chooseResult(result: GeocodeResult): void {
    const t = this.#t;
    const position = result.point.coordinates;
    if (!this.#choose([position[0], position[1]], result.label, t('map-pick.search.outside-refused', { label: result.label }))) return;
    this.#search.results = [];
    const map = this.map;
    if (map) map.jumpTo({ center: [position[0], position[1]], zoom: Math.max(map.getZoom(), 16) });
    this.#search.input?.focus();
  }

  #clear(): void {
    this.#refusal = '';
    this.#set(null, '', 'user');
    this.#options.announce(this.#t('map-pick.cleared'));
  }

  async #locate(): Promise<void> {
    const t = this.#t;
    const token = ++this.#locateToken;
    this.#locating = true;
    this.#locateMessage = '';
    this.#host.requestUpdate();
    try {
      const position = await locate();
      if (token !== this.#locateToken) return;
      const rounded: Position = [Math.round(position[0] * 1e7) / 1e7, Math.round(position[1] * 1e7) / 1e7];
      if (this.#choose(rounded, '', t('map-pick.locate.outside'))) {
        this.#options.announce(t('map-pick.locate.found', { place: this.#place(rounded) }));
        const map = this.map;
        if (map) map.jumpTo({ center: [rounded[0], rounded[1]], zoom: Math.max(map.getZoom(), 16) });
      }
    } catch (error) {
      if (token !== this.#locateToken) return;
      const reason = error instanceof LocateError ? error.reason : 'unavailable';
      this.#locateMessage = t(`map-pick.locate.${reason}`);
      this.#options.announce(this.#locateMessage);
    } finally {
      if (token === this.#locateToken) {
        this.#locating = false;
        this.#host.requestUpdate();
      }
    }
  }

  /** The controls shown next to the map: instructions, the chosen place, errors, search and "Use my location". */
  render(): TemplateResult {
    const t = this.#t;
    const disabled = this.#options.disabled();
    const error = this.#refusal || this.validationMessage;
    const value = this.#value;
    return html`<div class="civic-pick" part="pick">
      <p id="civic-pick-hint" class="hint" part="hint">${t('map-pick.hint')}</p>
      ${error
        ? html`<p id="civic-pick-error" class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${error}</p>`
        : nothing}
      <div class="civic-pick__value" part="value">
        <p class="civic-pick__chosen">
          ${value
            ? this.#label
              ? t('map-pick.chosen.named', { label: this.#label, place: this.#place(value.coordinates) })
              : t('map-pick.chosen', { place: this.#place(value.coordinates) })
            : t('map-pick.none')}
        </p>
        ${value && !disabled ? button({ label: t('map-pick.clear'), variant: 'link', onClick: () => this.#clear() }) : nothing}
      </div>
      ${this.#search.render()}
      ${disabled || !('geolocation' in navigator)
        ? nothing
        : html`<div class="civic-pick__locate">
            ${button({ label: t('map-pick.locate.button'), variant: 'secondary', busy: this.#locating, busyLabel: t('map-pick.locate.busy'), onClick: () => void this.#locate() })}
            ${this.#locateMessage ? html`<p class="error-message" part="error">${this.#locateMessage}</p>` : nothing}
          </div>`}
    </div>`;
  }
}
