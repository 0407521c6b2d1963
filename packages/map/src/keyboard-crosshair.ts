// The keyboard way onto a map: a cross at the centre of the focused map, arrow keys move it, Enter places.
import type { Position } from '@civic-elements/protocol';
import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';

/** Pixels an arrow key moves the cross over the map; with Shift. */
export const STEP = 40;
export const LARGE_STEP = 200;

export interface CrosshairActions {
  /** Enter or Space on the map, or a click: the position under the cross, or clicked. */
  place(position: Position, how: 'keyboard' | 'click'): void;
  /** Backspace or Delete on the map (drawing: remove the last point). */
  removeLast?(): void;
  /** A disabled field ignores keys and clicks. */
  disabled(): boolean;
}

/** 7 decimals is about a centimetre: precise enough, and a value a person can read. */
export const roundPosition = ([lon, lat]: readonly number[]): Position => [Math.round(lon! * 1e7) / 1e7, Math.round(lat! * 1e7) / 1e7];

/**
 * Puts a cross at the centre of the map while its canvas has keyboard focus. Arrow keys pan the
 * map under the cross (so the cross moves over the map), Shift for bigger steps; Enter or Space
 * places the position under it. The keys are taken before maplibre's own keyboard handler sees
 * them (which would rotate and pitch with Shift); + and - still zoom. Clicks place too.
 * The map's canvas is described by the element with `hintId` (the instructions).
 */
export class KeyboardCrosshair {
  #map: MaplibreMap | undefined;
  #cross: HTMLElement | undefined;
  readonly #actions: CrosshairActions;
  readonly #hintId: string;

  constructor(actions: CrosshairActions, hintId: string) {
    this.#actions = actions;
    this.#hintId = hintId;
  }

  get map(): MaplibreMap | undefined {
    return this.#map;
  }

  attach(map: MaplibreMap): void {
    if (this.#map === map) return;
    this.detach();
    this.#map = map;
    const canvas = map.getCanvas();
    canvas.addEventListener('keydown', this.#onKeyDown);
    canvas.addEventListener('focus', this.#onFocus);
    canvas.addEventListener('blur', this.#onBlur);
    const describedBy = new Set((canvas.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
    describedBy.add(this.#hintId);
    canvas.setAttribute('aria-describedby', [...describedBy].join(' '));
    map.on('click', this.#onClick);
    const cross = (this.#cross = document.createElement('div'));
    cross.className = 'civic-crosshair';
    cross.setAttribute('aria-hidden', 'true');
    cross.setAttribute('part', 'crosshair');
    map.getContainer().append(cross);
    if (canvas.matches(':focus-visible')) this.#onFocus();
  }

  detach(): void {
    const map = this.#map;
    if (!map) return;
    this.#map = undefined;
    const canvas = map.getCanvas();
    canvas.removeEventListener('keydown', this.#onKeyDown);
    canvas.removeEventListener('focus', this.#onFocus);
    canvas.removeEventListener('blur', this.#onBlur);
    const describedBy = (canvas.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== this.#hintId);
    if (describedBy.length > 0) canvas.setAttribute('aria-describedby', describedBy.join(' '));
    else canvas.removeAttribute('aria-describedby');
    map.off('click', this.#onClick);
    this.#cross?.remove();
    this.#cross = undefined;
  }

  /** The position under the cross (the map's centre). */
  centre(): Position | undefined {
    const centre = this.#map?.getCenter();
    return centre ? roundPosition([centre.lng, centre.lat]) : undefined;
  }

  // A mouse click also focuses the canvas: the cross is for keyboard focus only (:focus-visible).
  readonly #onFocus = (): void => {
    if (this.#map?.getCanvas().matches(':focus-visible')) this.#cross?.classList.add('civic-crosshair--visible');
  };

  readonly #onBlur = (): void => {
    this.#cross?.classList.remove('civic-crosshair--visible');
  };

  readonly #onClick = (event: MapMouseEvent): void => {
    if (this.#actions.disabled()) return;
    this.#actions.place(roundPosition([event.lngLat.lng, event.lngLat.lat]), 'click');
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const map = this.#map;
    if (!map || event.altKey || event.ctrlKey || event.metaKey) return;
    const step = event.shiftKey ? LARGE_STEP : STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    let handled = true;
    if (move) {
      // Instant: the cross should be where the key put it when Enter follows at once.
      map.panBy(move, { duration: 0 });
      this.#cross?.classList.add('civic-crosshair--visible');
    } else if (event.key === 'Enter' || event.key === ' ') {
      if (!this.#actions.disabled()) this.#actions.place(this.centre()!, 'keyboard');
    } else if ((event.key === 'Backspace' || event.key === 'Delete') && this.#actions.removeLast) {
      if (!this.#actions.disabled()) this.#actions.removeLast();
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation(); // maplibre's keyboard handler listens further up
    }
  };
}
