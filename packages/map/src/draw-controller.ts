// mode="draw": drawing a point, line or area by clicks or keyboard, checked live, as a Lit controller.
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { formatNumber, type LocalizeController } from '@civic-elements/core';
import type { Geometry, Polygon, Position } from '@civic-elements/protocol';
import { validateGeometry, type GeoProblem } from '@civic-elements/protocol/geometry-checks';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { renderDrawControls } from './draw-controls.js';
import { DRAW_SOURCE, drawingFeatures, drawingLayers, type DrawKind } from './draw-layers.js';
import { KeyboardCrosshair } from './keyboard-crosshair.js';
import { OverlayLayers, themeColour } from './overlay-layers.js';
import { problemMessage } from './problem-message.js';

export type { DrawKind } from './draw-layers.js';

export interface DrawControllerOptions {
  /** The host's localisation controller (CivicElement's protected `this.localize`). */
  localize: Pick<LocalizeController, 't' | 'lang'>;
  /** Read to screen readers: the host's LiveAnnouncer. */
  announce(message: string): void;
  /** The drawing must lie inside it: the `area` property, else the project's area, else the org's extent. */
  area(): Polygon | undefined;
  disabled(): boolean;
  /** The `geometry-type` attribute: point, line or polygon. */
  geometryType(): DrawKind;
  /** After every change of the drawing (see DrawChange). */
  onChange(change: DrawChange): void;
}

export interface DrawChange {
  /** The drawing as GeoJSON, or null while there is nothing (or not enough) to make one. */
  value: Geometry | null;
  /** Everything wrong, checked by the shared geometry checks; an unfinished line or area is `too_few_positions`. */
  problems: GeoProblem[];
  /** The first problem in the reader's language, or ''. */
  message: string;
  /** `user`: a person's edit (dispatch `civic-geometry-change`); `api`: setValue, reset or revalidate. */
  source: 'user' | 'api';
}

interface Snapshot {
  vertices: Position[];
  finished: boolean;
}

/** How near the first corner (in pixels) a click closes the area instead of adding a corner. */
const CLOSE_DISTANCE = 10;
const HISTORY = 100;
const GEOJSON_TYPE = { point: 'Point', line: 'LineString', polygon: 'Polygon' } as const;

/**
 * The `mode="draw"` field of `<civic-map>`: a click adds a point (for `point`, moves the one point);
 * with a keyboard, focus the map, move the cross at its centre with the arrow keys (Shift for bigger
 * steps), Enter or Space adds a point there, Backspace or Delete removes the last. The points are
 * listed with a Remove button each; Finish, Undo and Clear buttons follow. The controller closes an
 * area's ring itself, shows the drawing as GeoJSON layers, and checks it live with the shared
 * geometry checks (ranges, no self-intersection, inside the area); problems show as text.
 *
 * Integration (civic-map.ts), beside PickController's (see pick-controller.ts):
 * ```ts
 * #draw = new DrawController(this, {
 *   localize: this.localize,
 *   announce: (message) => this.#announcer.announce(message),
 *   area: () => this.area ?? this.#projectArea ?? this.#orgArea,
 *   disabled: () => this.disabled,
 *   geometryType: () => this.geometryType ?? 'polygon',   // the `geometry-type` attribute
 *   onChange: ({ value, problems, source }) => {
 *     if (source === 'user') this.dispatchEvent(new CivicGeometryChangeEvent(value, problems));
 *   },
 * });
 * // map loaded: this.#draw.attach(map)   before map.remove(): this.#draw.detach()   render: ${this.#draw.render()}
 * // value: get value() { return this.#draw.value }  set value(v) { this.#draw.setValue(v) }
 * // geometry-type or area changed: this.#draw.revalidate()
 * // updated(): syncFormField(this.#internals, { value: this.#draw.value, required: this.required,
 * //   problem: this.#draw.validationMessage, missingMessage: this.t(`map-draw.required.${type}`), anchor: this.#draw.anchor });
 * // formResetCallback() { this.#draw.reset(null) }   formStateRestoreCallback(state) { this.#draw.setValue(restoredGeometry(state)) }
 * ```
 * Also public, for pages and tests: `vertices`, `finished`, `problems`, `addVertex`, `removeVertex`,
 * `undo`, `clear`, `finish`, `reopen`. The controls use ids starting `civic-draw-` in the host's
 * shadow root; the map's canvas is described by `civic-draw-hint`. The controller dispatches no
 * events of its own and disables the map's double-click zoom while attached.
 */
export class DrawController implements ReactiveController {
  #vertices: Position[] = [];
  /** Holes of an area set by the host: kept as they were (drawing makes none). */
  #holes: Position[][] = [];
  #finished = false;
  /** An unfinished shape is only called a problem once the person tried to finish it. */
  #finishTried = false;
  #history: Snapshot[] = [];
  #problems: GeoProblem[] = [];
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: DrawControllerOptions;
  readonly #crosshair: KeyboardCrosshair;
  readonly #layers: OverlayLayers;

  constructor(host: ReactiveControllerHost & HTMLElement, options: DrawControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.#crosshair = new KeyboardCrosshair(
      {
        place: (position, how) => this.#place(position, how),
        removeLast: () => this.#vertices.length > 0 && this.removeVertex(this.#vertices.length - 1),
        disabled: () => options.disabled(),
      },
      'civic-draw-hint',
    );
    this.#layers = new OverlayLayers(DRAW_SOURCE, () => drawingLayers(themeColour(host, '--_primary', '#1d70b8'), themeColour(host, '--_error', '#d4351c')));
  }

  get kind(): DrawKind {
    return this.#options.geometryType();
  }

  /** The drawn points, in order (an area's ring without its closing position). */
  get vertices(): readonly Position[] {
    return this.#vertices;
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** The drawing as GeoJSON, or null when there is not enough of it. */
  get value(): Geometry | null {
    const v = this.#vertices;
    switch (this.kind) {
      case 'point': return v[0] ? { type: 'Point', coordinates: v[0] } : null;
      case 'line': return v.length >= 2 ? { type: 'LineString', coordinates: [...v] } : null;
      case 'polygon': return v.length >= 3 ? { type: 'Polygon', coordinates: [[...v, v[0]!], ...this.#holes] } : null;
    }
  }

  get problems(): GeoProblem[] {
    return this.#problems;
  }

  /** The first problem in the reader's language, or ''. For `setValidity`'s customError. */
  get validationMessage(): string {
    const [problem] = this.#problems;
    return problem ? this.#message(problem) : '';
  }

  /** The element `setValidity` points at: the first drawing button. */
  get anchor(): HTMLElement | undefined {
    return (this.#host.shadowRoot?.querySelector('.civic-draw__actions button') as HTMLElement | null) ?? undefined;
  }

  get map(): MaplibreMap | undefined {
    return this.#crosshair.map;
  }

  /** Starts listening to the map and shows the drawing. Call after the map's `load` event. */
  attach(map: MaplibreMap): void {
    this.#crosshair.attach(map);
    this.#layers.attach(map);
    // Two quick clicks add two points; they should not also zoom in.
    map.doubleClickZoom.disable();
    this.#redraw();
  }

  /** Stops listening, removes the drawing's layers. Call before `map.remove()`. */
  detach(): void {
    this.map?.doubleClickZoom.enable();
    this.#crosshair.detach();
    this.#layers.detach();
  }

  /** The host's `value` property: a geometry to edit (taken as finished), or null. */
  setValue(value: Geometry | null): void {
    this.#history = [];
    this.#holes = [];
    this.#finishTried = false;
    if (!value) this.#vertices = [];
    else if (value.type === 'Point') this.#vertices = [[value.coordinates[0], value.coordinates[1]]];
    else if (value.type === 'LineString') this.#vertices = value.coordinates.map(([lon, lat]) => [lon, lat]);
    else {
      const [outer = [], ...holes] = value.coordinates;
      const ring = outer.map(([lon, lat]): Position => [lon, lat]);
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) ring.pop();
      this.#vertices = ring;
      this.#holes = holes.map((hole) => hole.map(([lon, lat]): Position => [lon, lat]));
    }
    this.#finished = value !== null;
    this.#changed('api');
  }

  /** Back to `value` (the form was reset). */
  reset(value: Geometry | null = null): void {
    this.setValue(value);
  }

  /** Checks the drawing again (the area or geometry type changed). */
  revalidate(): void {
    this.#changed('api');
  }

  /** Adds a point at the end (for `point`, replaces the point). */
  addVertex(position: Position): void {
    this.#remember();
    if (this.kind === 'point') this.#vertices = [position];
    else this.#vertices = [...this.#vertices, position];
    this.#finished = false;
    this.#changed('user', this.#t('map-draw.added', { n: this.#vertices.length }));
  }

  removeVertex(index: number): void {
    if (index < 0 || index >= this.#vertices.length) return;
    this.#remember();
    this.#vertices = this.#vertices.filter((_, i) => i !== index);
    this.#finished = false;
    this.#changed('user', this.#t('map-draw.removed', { n: index + 1 }));
  }

  undo(): void {
    const previous = this.#history.pop();
    if (!previous) return;
    this.#vertices = previous.vertices;
    this.#finished = previous.finished;
    this.#changed('user', this.#t('map-draw.undone', { points: this.#t('map-draw.count', { count: this.#vertices.length }) }));
  }

  clear(): void {
    if (this.#vertices.length === 0) return;
    this.#remember();
    this.#vertices = [];
    this.#finished = false;
    this.#finishTried = false;
    this.#changed('user', this.#t('map-draw.cleared'));
  }

  /** Ends the drawing when it is complete and sound; otherwise says what is wrong. Returns whether it finished. */
  finish(): boolean {
    this.#finishTried = true;
    this.#check();
    if (this.#vertices.length === 0 || this.#problems.length > 0) {
      this.#host.requestUpdate();
      this.#options.announce(this.#problems[0] ? this.#message(this.#problems[0]) : this.#t(`map-draw.required.${this.kind}`));
      return false;
    }
    this.#remember();
    this.#finished = true;
    this.#changed('user', this.#t('map-draw.finished', { points: this.#t('map-draw.count', { count: this.#vertices.length }) }));
    return true;
  }

  /** Opens a finished drawing for more points. */
  reopen(): void {
    this.#finished = false;
    this.#host.requestUpdate();
    this.#options.announce(this.#t('map-draw.reopened'));
  }

  /** Nothing to start: the host attaches the map when it has one. */
  hostConnected(): void {}

  /** Words in the host's language (an arrow function: it is handed around). */
  readonly #t = (key: string, params?: Record<string, string | number>): string => this.#options.localize.t(key, params);

  #message(problem: GeoProblem): string {
    return problemMessage(problem, (key, params) => this.#t(key, params), GEOJSON_TYPE[this.kind], this.#vertices.length);
  }

  #place(position: Position, how: 'keyboard' | 'click'): void {
    const map = this.map;
    const first = this.#vertices[0];
    if (this.kind === 'polygon' && how === 'click' && map && first && this.#vertices.length >= 3) {
      // A click on the first corner closes the area, as in every drawing tool.
      const a = map.project([first[0], first[1]]);
      const b = map.project([position[0], position[1]]);
      if (Math.hypot(a.x - b.x, a.y - b.y) <= CLOSE_DISTANCE) {
        this.finish();
        return;
      }
    }
    if (this.#finished && this.kind !== 'point') {
      this.#options.announce(this.#t('map-draw.is-finished')); // "Add more points" first
      return;
    }
    this.addVertex(position);
  }

  #remember(): void {
    this.#history.push({ vertices: this.#vertices, finished: this.#finished });
    if (this.#history.length > HISTORY) this.#history.shift();
  }

  #check(): void {
    const value = this.value;
    const area = this.#options.area();
    if (value) this.#problems = validateGeometry(value, area ? { area } : {});
    else if (this.#vertices.length === 0) this.#problems = [];
    else {
      const message = this.kind === 'line' ? 'A line needs at least 2 positions.' : 'A polygon needs at least 3 corners.';
      this.#problems = [{ code: 'too_few_positions', path: 'coordinates', message }];
    }
  }

  #changed(source: DrawChange['source'], announcement?: string): void {
    const before = this.validationMessage;
    this.#check();
    this.#redraw();
    this.#host.requestUpdate();
    const message = this.validationMessage;
    if (announcement) {
      // Say what went wrong with it too, when the edit brought a new problem (a crossing, a point outside).
      const visible = message && (this.#finishTried || this.#problems[0]?.code !== 'too_few_positions');
      this.#options.announce(visible && message !== before ? `${announcement} ${message}` : announcement);
    }
    this.#options.onChange({ value: this.value, problems: this.#problems, message, source });
  }

  #redraw(): void {
    this.#layers.setData(drawingFeatures(this.#vertices, this.kind, this.#problems));
  }

  #placeText(position: Position): string {
    const number = (value: number) => formatNumber(this.#options.localize.lang, value, { maximumFractionDigits: 5 });
    return this.#t('map-keys.coordinates', { lat: number(position[1]), lon: number(position[0]) });
  }

  #removeAt(index: number): void {
    this.removeVertex(index);
    // The button pressed is gone: keep focus in the list (the next point's Remove), else on Undo.
    void this.#host.updateComplete.then(() => {
      const root = this.#host.shadowRoot;
      const buttons = [...(root?.querySelectorAll<HTMLButtonElement>('.civic-draw__remove') ?? [])];
      (buttons[Math.min(index, buttons.length - 1)] ?? root?.querySelector<HTMLButtonElement>('#civic-draw-undo'))?.focus();
    });
  }

  #clearAll(): void {
    this.clear();
    void this.#host.updateComplete.then(() => this.#host.shadowRoot?.querySelector<HTMLButtonElement>('#civic-draw-undo')?.focus());
  }

  /** The controls shown next to the map: instructions, problems, the list of points and the drawing buttons. */
  render(): TemplateResult {
    return renderDrawControls({
      t: this.#t,
      kind: this.kind,
      disabled: this.#options.disabled(),
      // An unfinished shape is not called an error until the person tries to finish it.
      problems: this.#problems.filter((problem) => this.#finishTried || problem.code !== 'too_few_positions').map((problem) => this.#message(problem)),
      points: this.#vertices.map((position) => this.#placeText(position)),
      finished: this.#finished,
      canUndo: this.#history.length > 0,
      remove: (index) => this.#removeAt(index),
      finish: () => this.finish(),
      reopen: () => this.reopen(),
      undo: () => this.undo(),
      clear: () => this.#clearAll(),
    });
  }
}
