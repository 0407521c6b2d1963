// <civic-map>: an interactive map of map-project contributions, places and events, with a list of
// what is in view, filters and a detail panel; loaded only when it comes into view.
import { html, nothing, type PropertyValues } from 'lit';
import { ApiError, CivicElement, LiveAnnouncer, button, errorMessage, uiStyles } from '@civic-elements/core';
import type { BBox, ClusterFeature, Geometry, LayerInfo, MapProject, Point, Polygon } from '@civic-elements/protocol';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { renderAdd } from './add-panel.js';
import { basemapStyle } from './basemap.js';
import { styles } from './civic-map.styles.js';
import { renderDetails } from './detail-panel.js';
import {
  CivicContributionAddedEvent, CivicFeatureSelectEvent, CivicGeometryChangeEvent, CivicLocationPickedEvent, CivicViewChangeEvent, type MapFeature,
} from './events.js';
import { renderList } from './feature-list.js';
import { initialFilters, layerFilters, renderFilters, type FilterState } from './filters.js';
import { featureKey, isCluster, LayerLoader, sourceData, type LayerData, type Viewport } from './layers.js';
import { adoptSheet, loadMaplibre, type MaplibreModule } from './maplibre-loader.js';
import { MapView } from './map-view.js';
import { OrgData } from './org-data.js';
import { mapMessages } from './messages.js';
import { MapModes, type Mode } from './map-modes.js';
import type { CivicContributionSubmittedEvent } from './form-events.js';
import type { DrawKind } from './modes.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };

/** "lon,lat" → [lon, lat]; "a,b,c,d" → four numbers; anything else → undefined. */
function numbers<N extends 2 | 4>(value: string | undefined, count: N): (N extends 2 ? [number, number] : BBox) | undefined {
  const parts = (value ?? '').split(',').map((part) => Number(part.trim()));
  return parts.length === count && parts.every(Number.isFinite) ? (parts as never) : undefined;
}

/** A bounding box as a Polygon (the organisation's extent as an area). */
const bboxPolygon = ([w, s, e, n]: BBox): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });

type Setup = 'waiting' | 'loading' | 'ready' | 'error';

/** What <civic-report-form> tells the page when a report is stored or supported (composed events). */
const REPORT_CHANGES = ['civic-report-submitted', 'civic-report-supported'] as const;

/**
 * An interactive map of what an organisation shares: map-project contributions, places, events,
 * reported problems (open ones drawn as discs, closed ones, when asked for, as rings) and any other
 * layer its API offers. maplibre-gl is downloaded only when the map comes into view. Data
 * loads for the part of the map in view as it moves; many features come as clusters, which open on
 * a click or, from the list, with Enter. Beside the map, a list of what is in view (synced with the
 * map) and filters by layer, category and, for events, time; choosing a feature opens its details.
 *
 * @summary An interactive map of contributions, places and events, with a list and filters.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr basemap - `osm` (default: OpenStreetMap tiles), `none` (a plain background, no network) or a MapLibre style URL.
 * @attr center - `lon,lat` to centre on (default: the organisation's map settings).
 * @attr {number} zoom - The starting zoom (default: the organisation's).
 * @attr bounds - `minLon,minLat,maxLon,maxLat` to show (overrides center and zoom).
 * @attr layers - Comma-separated layer ids from `GET /v1/orgs/:org/layers` (default: all; with `project`, only the project's).
 * @attr project - A map project's id: its contributions are shown (added to `layers`).
 * @attr mode - `browse` (default), `pick` (a location field: `value` is a GeoJSON Point) or `draw` (`value` is the drawn geometry).
 * @attr geometry-type - What `draw` draws: `point`, `line` or `polygon` (default polygon; "Add to this map" draws a point by default).
 * @attr name - The form field's name in `pick` and `draw` modes (the value is submitted as GeoJSON text).
 * @attr {boolean} required - `pick`/`draw`: the form cannot be sent without a value.
 * @attr {boolean} disabled - `pick`/`draw`: clicks and keys on the map do nothing.
 * @attr report-url - Where a report is read, for the "Open report" link of a report's details: `{reference}` and `{id}` are
 *   filled in (`/reports.html?ref={reference}`). Without it, the page listens for `civic-feature-select`.
 * @attr worker-url - Where maplibre's worker script is (default: next to maplibre's module). Under a strict CSP, copy
 *   `maplibre/maplibre-gl-worker.mjs` to the page's own origin and point this at it.
 *
 * @prop {Point | Geometry | null} value - `pick`: the chosen Point; `draw`: the drawn geometry; null when empty.
 * @prop {Polygon} area - Places outside it are refused (default: the project's area, else the organisation's extent).
 *
 * @event {CivicFeatureSelectEvent} civic-feature-select - A person opened a feature's details; `event.feature` (for a report,
 *   `feature.id` is the report's id and `feature.properties.reference` its reference: enough to open it elsewhere).
 * @event {CivicViewChangeEvent} civic-view-change - A person moved or zoomed the map; `event.bbox`, `event.zoom`.
 * @event {CivicLocationPickedEvent} civic-location-picked - `pick`: a person chose a place; `event.point`.
 * @event {CivicGeometryChangeEvent} civic-geometry-change - `draw`: a person changed the drawing; `event.geometry`, `event.problems`.
 * @event {CivicContributionAddedEvent} civic-contribution-added - A person added to the project through "Add to this map"; `event.feature`.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart skip - The "Skip the map" button (shown when focused).
 * @csspart stage - The map's frame, with its messages.
 * @csspart map - The map itself.
 * @csspart side - The list, filters and details beside (or under) the map.
 * @csspart filters - The filters' disclosure; `filters-toggle` is its summary.
 * @csspart heading - The list's heading.
 * @csspart count - How many items are in view.
 * @csspart list - The list of what is in view; `list-item` each entry (also `cluster` for clusters).
 * @csspart empty - The "Nothing here" message.
 * @csspart panel - A feature's details; `fields`, `photos`, `when`, `link` inside it.
 * @csspart add - "Add to this map": the drawing controls and the contribution form.
 * @csspart pick - `pick`: the field's controls (`hint`, `value`, `search`…, see the pick controller).
 * @csspart crosshair - `pick`/`draw`: the cross shown at the map's centre while the map has keyboard focus.
 * @csspart error - A problem, with its "Try again" button.
 * @csspart button - Every button.
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-map-height - The map's height (default 28rem).
 * @cssproperty --civic-color-primary - Buttons and links (default #1d70b8).
 * @cssproperty --civic-color-text - Text (default #0b0c0c).
 * @cssproperty --civic-color-background - Backgrounds (default #ffffff).
 * @cssproperty --civic-color-muted - Secondary text (default #505a5f).
 * @cssproperty --civic-color-error - Errors (default #d4351c).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-color-border - Borders (default #505a5f).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 */
export class CivicMap extends CivicElement {
  static override styles = [...CivicElement.styles, uiStyles, styles];
  static override messages = [...CivicElement.messages, mapMessages];
  static formAssociated = true;
  static override properties = {
    basemap: {},
    center: {},
    zoom: { type: Number },
    bounds: {},
    layers: {},
    project: {},
    mode: {},
    geometryType: { attribute: 'geometry-type' },
    name: {},
    required: { type: Boolean },
    disabled: { type: Boolean },
    workerUrl: { attribute: 'worker-url' },
    reportUrl: { attribute: 'report-url' },
    area: { attribute: false },
    setup: state,
    problem: state,
    filters: state,
    selected: state,
    adding: state,
  };

  basemap = 'osm';
  center: string | undefined;
  zoom: number | undefined;
  bounds: string | undefined;
  layers: string | undefined;
  project: string | undefined;
  mode: Mode = 'browse';
  geometryType: DrawKind | undefined;
  name = '';
  required = false;
  disabled = false;
  workerUrl: string | undefined;
  reportUrl: string | undefined;
  /** Places outside it are refused in `pick` and `draw` modes. */
  area: Polygon | undefined;

  private setup: Setup = 'waiting';
  private problem: unknown;
  private filters: FilterState = initialFilters();
  private selected: { key: string; feature: MapFeature; layer: LayerInfo } | undefined;
  /** "Add to this map": drawing, with the contribution form; then sent (the form says thank you). */
  private adding: '' | 'drawing' | 'sent' = '';

  readonly #data = new OrgData(() => this.client, () => this.resolvedOrg, () => this.requestUpdate());
  #maplibre: MaplibreModule | undefined;
  #view: MapView | undefined;
  /** The map, once its style (and so the features' layers) has loaded: controllers can draw on it. */
  #ready: MaplibreMap | undefined;
  /** Where the list and the data are when there is no map (WebGL unavailable): the org's extent. */
  #fallback: Viewport | undefined;
  #bbox: BBox | undefined;
  #visibility: IntersectionObserver | undefined;
  #startedFor = '';
  #signedInAs: string | undefined;
  /** Bumped by every start and teardown, so that an old start's answers are dropped. */
  #generation = 0;
  /** Where focus goes back when the details close: a list item's key, or the map. */
  #returnTo: string | undefined;
  #focus: string | (() => HTMLElement | null | undefined) | undefined;
  #formDisabled = false;
  readonly #internals = this.attachInternals();
  readonly #announcer = new LiveAnnouncer(this);
  readonly #loader = new LayerLoader(this.#data.fetchLayer, () => this.#dataChanged());
  readonly #modes = new MapModes({
    host: this,
    internals: this.#internals,
    localize: this.localize,
    t: (key) => this.t(key),
    announce: (message) => this.#announcer.announce(message),
    mode: () => this.#mode,
    required: () => this.required,
    area: () => this.area ?? this.resolvedArea,
    disabled: () => this.disabled || this.#formDisabled,
    geometryType: () => this.geometryType ?? (this.adding ? 'point' : 'polygon'),
    client: () => this.client,
    org: () => this.resolvedOrg,
    picked: ({ value, source }) => {
      if (source === 'user' && value) this.dispatchEvent(new CivicLocationPickedEvent(value));
    },
    drawn: ({ value, problems, source }) => {
      if (source === 'user') this.dispatchEvent(new CivicGeometryChangeEvent(value, problems));
    },
  });

  /** `pick`: the chosen Point; `draw`: the drawn geometry; null when empty (and in `browse` mode). */
  get value(): Point | Geometry | null {
    return this.#modes.value;
  }

  set value(value: Point | Geometry | null) {
    this.#modes.value = value;
    this.requestUpdate();
  }

  /** The maplibre map, once it has been created (for controllers that draw on it). */
  get map(): MaplibreMap | undefined {
    return this.#view?.map;
  }

  /** The maplibre module, once loaded. */
  get maplibre(): MaplibreModule | undefined {
    return this.#maplibre;
  }

  /** The area this map covers: the project's, else the organisation's extent (undefined until loaded). */
  get resolvedArea(): Polygon | undefined {
    const project = this.#project;
    const settings = this.#data.settings;
    return project?.area ?? (settings ? bboxPolygon(settings.map.extent) : undefined);
  }

  get #project(): MapProject | undefined {
    return this.project ? this.#data.projects.get(this.project) : undefined;
  }

  /** The mode in use: `draw` while adding to the project, else the attribute's. */
  get #mode(): Mode {
    return this.adding === 'drawing' ? 'draw' : this.mode === 'pick' || this.mode === 'draw' ? this.mode : 'browse';
  }

  /**
   * The layers shown: those the `layers` attribute lists (all without it) and the project's; only
   * the project's with `project` alone; none in pick and draw modes unless asked. Less those filtered out.
   */
  get #layers(): LayerInfo[] {
    const wanted = (this.layers ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    const projectLayer = this.project ? `project:${this.project}` : undefined;
    const all = !projectLayer && this.#mode === 'browse';
    return this.#data.layers.filter((layer) => layer.id === projectLayer || (wanted.length ? wanted.includes(layer.id) : all));
  }

  get #shownLayers(): LayerInfo[] {
    return this.#layers.filter((layer) => !this.filters.hiddenLayers.includes(layer.id));
  }

  /** Whether to offer "Add to this map": an open project this person may add to (signed out, they are asked to sign in). */
  get #canAdd(): boolean {
    const project = this.#project;
    if (!project || project.status !== 'active' || project.contribute === 'nobody' || this.mode === 'pick' || this.mode === 'draw') return false;
    return !this.session?.signedIn || !!project.you?.canContribute;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // maplibre (about 300 KB) is fetched only once the map is about to come into view.
    this.#visibility = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && this.setup === 'waiting') void this.#start();
    }, { rootMargin: '200px' });
    this.#visibility.observe(this);
    for (const type of REPORT_CHANGES) document.addEventListener(type, this.#reportsChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#visibility?.disconnect();
    for (const type of REPORT_CHANGES) document.removeEventListener(type, this.#reportsChanged);
    this.#teardown();
    this.setup = 'waiting';
  }

  formResetCallback(): void {
    this.#modes.reset();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.#modes.restore(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A form field's controls load with the element, not with the map: the form needs its validity.
    if (this.#mode !== 'browse') void this.#modes.load();
    const signedInAs = this.session?.user?.id;
    if (signedInAs !== this.#signedInAs) {
      this.#signedInAs = signedInAs;
      // What this person may do, and see (their own contributions waiting for review), has changed.
      if (this.#project) void this.#data.fetchProject(this.#project.id);
      if (this.setup === 'ready') this.#load(0);
    }
    if (changed.has('area') || changed.has('geometryType')) this.#modes.revalidate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.setup !== 'waiting' && this.#startedFor !== this.#source) {
      this.#teardown();
      void this.#start();
    } else if (this.setup === 'ready') {
      if (changed.has('basemap')) this.#view?.setStyle(this.#style());
      if (changed.has('layers') || changed.has('mode')) this.#load(0);
    }
    this.#modes.sync(this.#ready);
    this.#dressMap();
    if (this.#focus) {
      const target = typeof this.#focus === 'string' ? this.renderRoot.querySelector<HTMLElement>(this.#focus) : this.#focus();
      this.#focus = undefined;
      target?.focus();
    }
  }

  /**
   * The map's own words follow the element's language (maplibre reads them once, when it builds the
   * map), and in browse mode the canvas is described by the keys that move it (pick and draw
   * describe their own).
   */
  #dressMap(): void {
    const map = this.#view?.map;
    if (!map) return;
    const set = (element: Element | null, name: string, value: string) => {
      if (element && element.getAttribute(name) !== value) element.setAttribute(name, value);
    };
    const canvas = map.getCanvas();
    set(canvas, 'aria-label', this.t('map.label'));
    for (const [selector, key] of [['.maplibregl-ctrl-zoom-in', 'map.zoom-in'], ['.maplibregl-ctrl-zoom-out', 'map.zoom-out']]) {
      const control = map.getContainer().querySelector(selector!);
      set(control, 'aria-label', this.t(key!));
      set(control, 'title', this.t(key!));
    }
    const ids = new Set((canvas.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    if (this.#mode === 'browse') ids.add('map-keys');
    else ids.delete('map-keys');
    if (ids.size) set(canvas, 'aria-describedby', [...ids].join(' '));
    else canvas.removeAttribute('aria-describedby');
  }

  /** What the element's data comes from: a change means starting again. */
  get #source(): string {
    return `${this.resolvedApi} ${this.resolvedOrg} ${this.project ?? ''}`;
  }

  /** Fetches the organisation, its layers, the project and maplibre together, then builds the map. */
  async #start(): Promise<void> {
    const generation = ++this.#generation;
    this.#startedFor = this.#source;
    this.setup = 'loading';
    this.problem = undefined;
    if (this.#mode === 'browse') this.#announcer.announce(this.t('map.loading'));
    try {
      if (!this.resolvedApi || !this.resolvedOrg) throw new ApiError(404, 'org_not_found', 'No api or org');
      const [loaded] = await Promise.all([loadMaplibre(this.workerUrl), this.#data.load(this.project)]);
      if (generation !== this.#generation) return;
      this.#maplibre = loaded.maplibre;
      adoptSheet(this.shadowRoot!, loaded.sheet);
      this.setup = 'ready';
      await this.updateComplete;
      if (generation === this.#generation) this.#createMap();
    } catch (error) {
      if (generation !== this.#generation || (error instanceof ApiError && error.code === 'aborted')) return;
      this.setup = 'error';
      this.problem = error;
      this.#announcer.announce(errorMessage(error, this.localize));
    }
  }

  #style() {
    return basemapStyle(this.basemap, this.t('map.osm'));
  }

  #createMap(): void {
    const settings = this.#data.settings!.map;
    try {
      this.#view = new MapView(this.#maplibre!, {
        container: this.renderRoot.querySelector<HTMLElement>('.map')!,
        style: this.#style(),
        center: numbers(this.center, 2) ?? settings.center,
        zoom: this.zoom ?? settings.zoom,
        bounds: numbers(this.bounds, 4),
        locale: {
          'Map.Title': this.t('map.label'),
          'NavigationControl.ZoomIn': this.t('map.zoom-in'),
          'NavigationControl.ZoomOut': this.t('map.zoom-out'),
          'AttributionControl.ToggleAttribution': this.t('map.attribution'),
        },
        data: () => sourceData(this.#loader.data),
        loaded: (map) => {
          this.#ready = map;
          this.#dressMap();
          this.#load(0);
          this.#modes.sync(map);
        },
        moved: (byPerson) => this.#moved(byPerson),
        clicked: (key) => this.#clicked(key),
      });
    } catch (error) {
      // No WebGL: no map, but the list still shows what is in the organisation's area.
      this.problem = new ApiError(0, 'no_map', String(error));
      this.#announcer.announce(this.t('map.error.map'));
      this.#fallback = { bbox: settings.extent, zoom: settings.zoom };
      this.#load(0);
    }
  }

  #teardown(): void {
    this.#generation++;
    this.#loader.cancel();
    this.#modes.detach();
    this.#view?.remove();
    this.#view = this.#ready = undefined;
  }

  /** A report sent or supported on the page (by <civic-report-form>): a layer of reports shows the change at once. */
  readonly #reportsChanged = (): void => {
    if (this.setup === 'ready' && this.#shownLayers.some((layer) => layer.kind === 'reports')) this.#load(0);
  };

  /** The layers' data for the view, after the view has been still a moment (`delay` ms). */
  #load(delay?: number): void {
    const viewport = this.#view?.viewport ?? this.#fallback;
    if (!viewport) return;
    this.#bbox = viewport.bbox;
    this.#loader.schedule({ viewport, layers: this.#shownLayers, filters: layerFilters(this.filters) }, delay);
  }

  #moved(byPerson: boolean): void {
    this.#load();
    const viewport = this.#view!.viewport;
    if (byPerson) this.dispatchEvent(new CivicViewChangeEvent(viewport.bbox, viewport.zoom));
  }

  #dataChanged(): void {
    const loader = this.#loader;
    this.requestUpdate();
    if (loader.status === 'idle') this.#view?.setData(sourceData(loader.data));
    if (this.#mode !== 'browse') return; // a form field's map does not chatter
    this.#announcer.announce(
      loader.status === 'loading' ? this.t('map.loading')
        : loader.status === 'error' ? errorMessage(loader.error, this.localize)
          : this.t('map.in-view', { count: this.#total }),
    );
  }

  get #total(): number {
    return this.#loader.data.reduce((sum, entry) => sum + entry.total, 0);
  }

  #find(key: string): { entry: LayerData; feature: LayerData['features'][number] } | undefined {
    for (const entry of this.#loader.data) {
      const feature = entry.features.find((candidate) => featureKey(entry.layer, candidate) === key);
      if (feature) return { entry, feature };
    }
    return undefined;
  }

  #clicked(key: string): void {
    const found = this.#mode === 'browse' ? this.#find(key) : undefined; // other modes use clicks for places
    if (!found) return;
    if (isCluster(found.feature)) this.#view?.openCluster(found.feature);
    else this.#select(key, found.feature, undefined);
  }

  /** Opens a feature's details and moves focus into them; `returnTo` is the list item it came from. */
  #select(key: string, feature: MapFeature, returnTo: string | undefined): void {
    const layer = this.#find(key)?.entry.layer;
    if (!layer) return;
    this.selected = { key, feature, layer };
    this.#returnTo = returnTo;
    this.#view?.mark('selected', key);
    this.#focus = '#panel-title';
    this.dispatchEvent(new CivicFeatureSelectEvent(feature));
    const project = feature.properties.layer === 'contributions' ? feature.properties.project : undefined;
    if (project && !this.#data.projects.has(project)) void this.#data.fetchProject(project);
  }

  #closeDetails(): void {
    const returnTo = this.#returnTo;
    this.selected = undefined;
    this.#view?.mark('selected', undefined);
    this.#focus = () =>
      (returnTo && this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(returnTo)}"]`)) ||
      (returnTo === undefined && this.#view ? this.#view.map.getCanvas() : this.renderRoot.querySelector<HTMLElement>('#list-heading'));
  }

  #openCluster(cluster: ClusterFeature): void {
    this.#view?.openCluster(cluster);
    this.#focus = '#list-heading';
    this.requestUpdate();
  }

  #changeFilters(filters: FilterState): void {
    this.filters = filters;
    this.#load(0);
  }

  #retry(): void {
    if (this.setup === 'error') void this.#start();
    else this.#loader.retry();
  }

  async #startAdding(): Promise<void> {
    await Promise.all([this.#modes.load(), import('./define-forms.js')]);
    this.selected = undefined;
    this.adding = 'drawing';
    this.#focus = '#add-heading';
  }

  #stopAdding(): void {
    this.#modes.reset();
    this.adding = '';
    this.#focus = '#add';
  }

  /** The contribution is stored: the drawing ends, the form says thank you, the map shows it. */
  #added(event: CivicContributionSubmittedEvent): void {
    this.#modes.reset();
    this.adding = 'sent';
    this.#load(0);
    this.dispatchEvent(new CivicContributionAddedEvent(event.feature));
  }

  protected renderContent(): unknown {
    const loader = this.#loader;
    const problem = this.setup === 'error' ? this.problem : loader.status === 'error' ? loader.error : undefined;
    const noMap = this.problem instanceof ApiError && this.problem.code === 'no_map';
    return html`${this.#announcer.render()}
      ${this.#mode === 'browse'
        ? html`<button type="button" class="skip" part="skip" @click=${() => this.renderRoot.querySelector<HTMLElement>('.side h3[tabindex]')?.focus()}>${this.t('map.skip')}</button>`
        : nothing}
      ${this.#mode === 'browse' ? html`<p id="map-keys" class="visually-hidden">${this.t('map.keys')}</p>` : nothing}
      <div class="body">
        <div class="stage" part="stage">
          <div class="map" part="map"></div>
          ${noMap ? html`<p class="stage__message" part="error">${this.t('map.error.map')}</p>` : nothing}
          ${problem
            ? html`<div class="stage__message" part="error">
                <p>${errorMessage(problem, this.localize)}</p>
                ${button({ label: this.t('map.retry'), variant: 'secondary', onClick: () => this.#retry() })}
              </div>`
            : nothing}
        </div>
        <div class="side" part="side">${this.#renderSide()}</div>
      </div>`;
  }

  #renderSide(): unknown {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const project = this.#project;
    if (this.adding && project) {
      return renderAdd({
        t, api: this.resolvedApi, org: this.resolvedOrg, project, drawing: this.#modes.render(), geometry: this.#modes.draw?.value ?? null,
        sent: this.adding === 'sent', submitted: (event) => this.#added(event), close: () => this.#stopAdding(),
      });
    }
    if (this.#mode !== 'browse') return this.#modes.render();
    if (this.selected) {
      const { feature, layer } = this.selected;
      return renderDetails({
        t, lang: this.localize.lang, feature, layer, close: () => this.#closeDetails(), reports: this.#data.reports, reportUrl: this.reportUrl,
        project: this.#data.projects.get(feature.properties.layer === 'contributions' ? feature.properties.project : ''),
      });
    }
    const loader = this.#loader;
    return html`${this.#canAdd ? button({ id: 'add', label: this.t('map.add'), part: 'button add', onClick: () => void this.#startAdding() }) : nothing}
      ${this.#layers.length ? renderFilters({ t, layers: this.#layers, state: this.filters, change: (filters) => this.#changeFilters(filters), reports: this.#data.reports }) : nothing}
      <h3 id="list-heading" class="heading" part="heading" tabindex="-1">${this.t('map.list.heading')}</h3>
      <p class="count" part="count">${this.setup !== 'ready' || loader.status === 'loading' ? this.t('map.loading') : loader.status === 'error' ? '' : this.t('map.in-view', { count: this.#total })}</p>
      ${renderList({
        t, lang: this.localize.lang, data: loader.data, bbox: this.#bbox,
        select: (key, feature) => this.#select(key, feature, key),
        openCluster: (cluster) => this.#openCluster(cluster),
        highlight: (key) => this.#view?.mark('hover', key),
        reports: this.#data.reports,
      })}`;
  }
}
