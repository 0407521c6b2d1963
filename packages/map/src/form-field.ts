// Form association for the map's pick and draw modes: the geometry as the form value, validity, restore.
import type { Geometry, Point } from '@civic-elements/protocol';

export interface FormFieldState {
  /** The field's geometry, or null when empty. */
  value: Geometry | null;
  required: boolean;
  /** The localised message of what is wrong ('' when nothing is): a customError. */
  problem: string;
  /** The localised message for a required field left empty ("Choose a place on the map."): valueMissing. */
  missingMessage: string;
  /** A focusable element in the host's shadow root the browser points at when it reports the error. */
  anchor?: HTMLElement | undefined;
}

/**
 * Sets the form value (the geometry as a JSON string, or nothing when empty, so that FormData
 * leaves the name out) and the validity: customError with the problem's words when something is
 * wrong (a value outside the area, a crossing outline, an area with only 2 corners so far), else
 * valueMissing when required and empty, else valid.
 * Call it from the host's `updated()`, so that a change of `required`, of the value or of the
 * language (the messages) is reflected.
 */
export function syncFormField(internals: ElementInternals, state: FormFieldState): void {
  const json = state.value ? JSON.stringify(state.value) : null;
  internals.setFormValue(json, json);
  const anchor = state.anchor?.isConnected ? state.anchor : undefined;
  // A problem comes first: an area with 2 corners is empty as a value, but "needs 3 corners" says more.
  if (state.problem) internals.setValidity({ customError: true, valueMissing: state.required && !state.value }, state.problem, anchor);
  else if (state.required && !state.value) internals.setValidity({ valueMissing: true }, state.missingMessage, anchor);
  else internals.setValidity({});
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isPosition = (value: unknown): boolean => Array.isArray(value) && value.length >= 2 && value.length <= 3 && value.every(isNumber);
const isPositions = (value: unknown, min: number): boolean => Array.isArray(value) && value.length >= min && value.every(isPosition);

/**
 * Whether `value` has the shape of a GeoJSON Point, LineString or Polygon (numbers where numbers
 * go). Ranges, rings and area are validateGeometry's job; this only makes sure it can run.
 */
export function isGeometry(value: unknown): value is Geometry {
  if (!value || typeof value !== 'object') return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Point') return isPosition(coordinates);
  if (type === 'LineString') return isPositions(coordinates, 0);
  if (type === 'Polygon') return Array.isArray(coordinates) && coordinates.every((ring) => isPositions(ring, 0));
  return false;
}

/**
 * The geometry a `formStateRestoreCallback(state)` hands back (what syncFormField stored: a JSON
 * string), or null when it is missing or not a geometry.
 */
export function restoredGeometry(state: string | File | FormData | null): Geometry | null {
  if (typeof state !== 'string') return null;
  try {
    const value: unknown = JSON.parse(state);
    return isGeometry(value) ? value : null;
  } catch {
    return null;
  }
}

/** restoredGeometry for the pick mode: only a Point. */
export function restoredPoint(state: string | File | FormData | null): Point | null {
  const geometry = restoredGeometry(state);
  return geometry?.type === 'Point' ? geometry : null;
}
