// Geometry checks zod cannot make: self-intersection, holes, degenerate rings, containment in an area.
// They live in protocol (geometry-checks.ts), shared with the elements, which localise each problem
// by its code; the API reports a problem's path and English message.
import type { BBox, Geometry, Polygon } from '@civic-elements/protocol';
import { validateGeometry as checkGeometry, type GeoProblem as CodedGeoProblem } from '@civic-elements/protocol/geometry-checks';

export {
  MAX_PROBLEMS,
  bboxContains,
  bboxOf,
  bboxPolygon,
  onSegment,
  orientation,
  pointInPolygon,
  segmentsIntersect,
  type GeoProblemCode,
  type PointLocation,
} from '@civic-elements/protocol/geometry-checks';

/** A problem as the API reports it (in `fields` of a validation error): where, and what in English. */
export type GeoProblem = Pick<CodedGeoProblem, 'path' | 'message'>;

/**
 * Everything wrong with a geometry that zod could not see, empty when it is fine. With an
 * `area`, every part must also be inside it (its boundary counts as inside). See
 * `validateGeometry` in @civic-elements/protocol/geometry-checks, which also gives each problem a code.
 */
export function validateGeometry(geometry: Geometry, options: { area?: Polygon | BBox } = {}): GeoProblem[] {
  return checkGeometry(geometry, options).map(({ path, message }) => ({ path, message }));
}
