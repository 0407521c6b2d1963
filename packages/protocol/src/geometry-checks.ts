// Geometry checks zod cannot make (self-intersection, holes, degenerate rings, containment in an
// area), shared by the API and the elements. It imports types only, so a browser bundle that uses it
// carries no zod: import it as `@civic-elements/protocol/geometry-checks`.
import type { BBox } from './common.js';
import type { Geometry, Polygon, Position } from './geo.js';

/**
 * Size limits, so that one request cannot make the server walk millions of vertices
 * (the checks here are quadratic in the worst case). A drawn contribution or a
 * borough outline stays far below them. The zod schemas in geo.ts use the same numbers.
 */
export const MAX_POSITIONS = 10_000;
export const MAX_RINGS = 100;

/** Same place, altitude ignored: how a ring's closure is judged. */
export const samePlace = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

/**
 * What is wrong, as a stable code an element maps to words in its reader's language
 * (the `message` is English, for the API and for logs).
 * - `out_of_range`: a longitude outside -180..180 or a latitude outside -90..90.
 * - `too_many_positions`, `too_many_rings`: above MAX_POSITIONS or MAX_RINGS.
 * - `too_few_positions`: a line without 2 different positions, a ring without 3 different corners.
 * - `no_outer_ring`: a polygon with no ring at all.
 * - `ring_not_closed`: a ring that does not end where it starts.
 * - `no_area`: a ring whose corners are all on one line.
 * - `self_intersection`: a ring that crosses or touches itself (`refs`: the two edges, as
 *   `[from, to, from, to]` position indices).
 * - `hole_outside`: a hole not inside the outer ring, or touching it.
 * - `holes_overlap`: two holes overlap, touch or nest (`refs`: `[the other hole's ring index]`).
 * - `outside_area`: a position outside the area; `outside_area_swapped`: the same, but it would be
 *   inside with longitude and latitude swapped.
 * - `leaves_area`: an edge between two positions inside the area leaves it (`refs`: `[from, to]`).
 * - `covers_area_hole`: a polygon surrounds a hole of the area.
 */
export type GeoProblemCode =
  | 'out_of_range'
  | 'too_many_positions'
  | 'too_many_rings'
  | 'too_few_positions'
  | 'no_outer_ring'
  | 'ring_not_closed'
  | 'no_area'
  | 'self_intersection'
  | 'hole_outside'
  | 'holes_overlap'
  | 'outside_area'
  | 'outside_area_swapped'
  | 'leaves_area'
  | 'covers_area_hole';

export interface GeoProblem {
  code: GeoProblemCode;
  /** Dotted path into the geometry, as validation errors key their fields: `coordinates.0.3`. */
  path: string;
  /** In English. */
  message: string;
  /** Indices the message names, where the path alone does not say it (see GeoProblemCode). */
  refs?: number[];
}

export type PointLocation = 'inside' | 'boundary' | 'outside';

/** Enough to tell what is wrong without sending back thousands of lines for one bad drawing. */
export const MAX_PROBLEMS = 20;

/**
 * About 0.1 mm on the ground. A point this close to the area's edge counts as on it, so that
 * rounding in the arithmetic never turns "on the boundary" into "outside".
 */
const BOUNDARY_TOLERANCE = 1e-9;

/** Shewchuk's error bound for the 2D orientation determinant computed with doubles. */
const ORIENT_ERROR_BOUND = (3 + 16 * Number.EPSILON) * Number.EPSILON;

type XY = readonly [number, number, ...unknown[]];

/**
 * Which side of the line a→b the point c is on: 1 to the left, -1 to the right, 0 on it.
 * A determinant smaller than its own rounding error is called 0: treating nearly collinear
 * as collinear errs towards "these touch", which is the safe side for every check here.
 */
export function orientation(a: XY, b: XY, c: XY): -1 | 0 | 1 {
  const left = (b[0] - a[0]) * (c[1] - a[1]);
  const right = (b[1] - a[1]) * (c[0] - a[0]);
  const det = left - right;
  if (Math.abs(det) <= ORIENT_ERROR_BOUND * (Math.abs(left) + Math.abs(right))) return 0;
  return det > 0 ? 1 : -1;
}

/** p lies on the closed segment a–b. */
export function onSegment(p: XY, a: XY, b: XY): boolean {
  return (
    orientation(a, b, p) === 0 &&
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** The closed segments a–b and c–d share at least one point: crossing, touching or overlapping. */
export function segmentsIntersect(a: XY, b: XY, c: XY, d: XY): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  return onSegment(c, a, b) || onSegment(d, a, b) || onSegment(a, c, d) || onSegment(b, c, d);
}

/** Where p is with respect to one closed ring (winding number; boundary checked first). */
function locateInRing(p: XY, ring: readonly XY[]): PointLocation {
  let winding = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    if (onSegment(p, a, b)) return 'boundary';
    if (a[1] <= p[1]) {
      if (b[1] > p[1] && orientation(a, b, p) > 0) winding++;
    } else if (b[1] <= p[1] && orientation(a, b, p) < 0) {
      winding--;
    }
  }
  return winding === 0 ? 'outside' : 'inside';
}

/** Where a point is with respect to a polygon with holes; a hole's edge is the polygon's boundary too. */
export function pointInPolygon(point: XY, polygon: Polygon | readonly (readonly XY[])[]): PointLocation {
  const rings = 'coordinates' in polygon ? polygon.coordinates : polygon;
  const [outer, ...holes] = rings;
  if (!outer) return 'outside';
  const inOuter = locateInRing(point, outer);
  if (inOuter !== 'inside') return inOuter;
  for (const hole of holes) {
    const inHole = locateInRing(point, hole);
    if (inHole === 'boundary') return 'boundary';
    if (inHole === 'inside') return 'outside';
  }
  return 'inside';
}

/** `[minLon, minLat, maxLon, maxLat]` of every position in the geometry. */
export function bboxOf(geometry: Geometry): BBox {
  const positions: readonly Position[] =
    geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates.flat();
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of positions) {
    if (lon < minLon) minLon = lon;
    if (lat < minLat) minLat = lat;
    if (lon > maxLon) maxLon = lon;
    if (lat > maxLat) maxLat = lat;
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** The box holds the other box or position entirely; its edges count as inside. */
export function bboxContains(box: BBox, inner: BBox | XY): boolean {
  const [minLon, minLat, maxLon, maxLat] = box;
  const [x0, y0, x1, y1] = inner.length === 4 ? (inner as BBox) : [inner[0], inner[1], inner[0], inner[1]];
  return minLon <= x0 && minLat <= y0 && x1 <= maxLon && y1 <= maxLat;
}

/** A bounding box as a polygon, so that one containment check serves both kinds of area. */
export function bboxPolygon([minLon, minLat, maxLon, maxLat]: BBox): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    ],
  };
}

// ── Rings ────────────────────────────────────────────────────────────────────────────────

interface Edge {
  a: XY;
  b: XY;
  /** Index in the original ring of the position the edge starts from, for messages. */
  from: number;
  to: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function edge(a: XY, b: XY, from: number, to: number): Edge {
  return {
    a,
    b,
    from,
    to,
    minX: Math.min(a[0], b[0]),
    maxX: Math.max(a[0], b[0]),
    minY: Math.min(a[1], b[1]),
    maxY: Math.max(a[1], b[1]),
  };
}

const boxesMeet = (e: Edge, f: Edge) => e.minX <= f.maxX && f.minX <= e.maxX && e.minY <= f.maxY && f.minY <= e.maxY;

/**
 * The ring's distinct corners in order, with their indices. A repeated position (a double click
 * while drawing) adds nothing to the shape, so it is not held against the ring.
 */
function corners(ring: readonly XY[]): { at: XY; index: number }[] {
  const out: { at: XY; index: number }[] = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const last = out[out.length - 1];
    if (!last || last.at[0] !== p[0] || last.at[1] !== p[1]) out.push({ at: p, index: i });
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first.at[0] === last.at[0] && first.at[1] === last.at[1]) out.pop();
  return out;
}

function ringEdges(ring: readonly XY[]): Edge[] {
  const c = corners(ring);
  return c.map((corner, k) => {
    const next = c[(k + 1) % c.length]!;
    return edge(corner.at, next.at, corner.index, k + 1 === c.length ? ring.length - 1 : next.index);
  });
}

/** All corners on one line: the ring encloses nothing. */
function collinear(points: readonly XY[]): boolean {
  const first = points[0];
  if (!first) return true;
  let far = first;
  let farthest = 0;
  for (const p of points) {
    const d = (p[0] - first[0]) ** 2 + (p[1] - first[1]) ** 2;
    if (d > farthest) {
      farthest = d;
      far = p;
    }
  }
  return farthest === 0 || points.every((p) => orientation(first, far, p) === 0);
}

/**
 * The first place a ring crosses or touches itself, or undefined. Neighbouring edges share a
 * corner by design, so they only count when they fold back over each other (a spike); any other
 * pair may not meet at all, which also refuses a ring that touches itself at one corner.
 * Edges are swept in order of their west end so that only edges whose boxes overlap are compared.
 */
function selfIntersection(edges: readonly Edge[]): [Edge, Edge] | undefined {
  const n = edges.length;
  const order = edges.map((_, i) => i).sort((i, j) => edges[i]!.minX - edges[j]!.minX);
  for (let s = 0; s < n; s++) {
    const i = order[s]!;
    const e = edges[i]!;
    for (let t = s + 1; t < n; t++) {
      const j = order[t]!;
      const f = edges[j]!;
      if (f.minX > e.maxX) break;
      if (!boxesMeet(e, f)) continue;
      const [first, second] = i < j ? [i, j] : [j, i];
      const adjacent = second - first === 1 || (first === 0 && second === n - 1);
      if (adjacent) {
        // e = p→q and the next edge q→r: a spike when r lies back along q→p.
        const [before, after] = second - first === 1 ? [edges[first]!, edges[second]!] : [edges[second]!, edges[first]!];
        const p = before.a;
        const q = before.b;
        const r = after.b;
        const foldsBack = orientation(p, q, r) === 0 && (p[0] - q[0]) * (r[0] - q[0]) + (p[1] - q[1]) * (r[1] - q[1]) > 0;
        if (foldsBack) return [before, after];
      } else if (segmentsIntersect(e.a, e.b, f.a, f.b)) {
        return i < j ? [e, f] : [f, e];
      }
    }
  }
  return undefined;
}

/** Two rings' edges meet anywhere (crossing, touching or overlapping). */
function ringsMeet(first: readonly Edge[], second: readonly Edge[]): boolean {
  for (const e of first) {
    for (const f of second) {
      if (boxesMeet(e, f) && segmentsIntersect(e.a, e.b, f.a, f.b)) return true;
    }
  }
  return false;
}

const edgeName = (e: Edge) => `position ${e.from} to ${e.to}`;

// ── Containment ─────────────────────────────────────────────────────────────────────────

interface Area {
  rings: readonly (readonly XY[])[];
  edges: readonly Edge[];
}

function toArea(area: Polygon | BBox): Area {
  const polygon = Array.isArray(area) ? bboxPolygon(area as BBox) : (area as Polygon);
  const rings = polygon.coordinates;
  return {
    rings,
    edges: rings.flatMap((ring) => ring.slice(0, -1).map((p, i) => edge(p, ring[i + 1]!, i, i + 1))),
  };
}

function distanceToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Inside or on the boundary, with rounding a hair outside still counted as on it. */
function inArea(p: XY, area: Area): boolean {
  if (pointInPolygon(p, area.rings) !== 'outside') return true;
  return area.edges.some((e) => distanceToSegment(p, e.a, e.b) <= BOUNDARY_TOLERANCE);
}

/**
 * Whether the segment a–b leaves the area, given that both ends are in it. Checking the ends is
 * not enough for a concave area (the edge can cut across a bay), and "crosses an edge" is not
 * either (it can slip out through a corner). So the segment is cut wherever it meets the area's
 * boundary, and the middle of every piece must be in the area.
 */
function segmentLeaves(a: XY, b: XY, area: Area): boolean {
  const s = edge(a, b, 0, 1);
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return false;
  const along = (p: XY) => Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  const cuts = [0, 1];
  for (const e of area.edges) {
    if (!boxesMeet(s, e) || !segmentsIntersect(a, b, e.a, e.b)) continue;
    const ex = e.b[0] - e.a[0];
    const ey = e.b[1] - e.a[1];
    const denominator = dx * ey - dy * ex;
    if (orientation(a, b, e.a) === 0 && orientation(a, b, e.b) === 0) {
      cuts.push(along(e.a), along(e.b)); // running along the boundary: cut where the overlap ends
    } else if (denominator !== 0) {
      const t = ((e.a[0] - a[0]) * ey - (e.a[1] - a[1]) * ex) / denominator;
      cuts.push(Math.max(0, Math.min(1, t)));
    }
  }
  cuts.sort((x, y) => x - y);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const t0 = cuts[k]!;
    const t1 = cuts[k + 1]!;
    if (t1 - t0 < 1e-12) continue;
    const t = (t0 + t1) / 2;
    if (!inArea([a[0] + t * dx, a[1] + t * dy], area)) return true;
  }
  return false;
}

function outside(path: string, p: XY, area: Area, what: string): GeoProblem {
  const swapped: XY = [p[1], p[0]];
  return inArea(swapped, area)
    ? { code: 'outside_area_swapped', path, message: `${what} is outside the area, but would be inside with longitude and latitude swapped. GeoJSON puts longitude first: [longitude, latitude].` }
    : { code: 'outside_area', path, message: `${what} is outside the area.` };
}

function containmentProblems(geometry: Geometry, area: Area): GeoProblem[] {
  const problems: GeoProblem[] = [];
  if (geometry.type === 'Point') {
    if (!inArea(geometry.coordinates, area)) problems.push(outside('coordinates', geometry.coordinates, area, 'This point'));
    return problems;
  }
  const lines: { path: string; positions: readonly Position[]; noun: string }[] =
    geometry.type === 'LineString'
      ? [{ path: 'coordinates', positions: geometry.coordinates, noun: 'line' }]
      : geometry.coordinates.map((ring, r) => ({ path: `coordinates.${r}`, positions: ring, noun: 'edge' }));
  for (const { path, positions, noun } of lines) {
    const inside = positions.map((p) => inArea(p, area));
    positions.forEach((p, i) => {
      if (!inside[i]) problems.push(outside(`${path}.${i}`, p, area, 'This position'));
    });
    for (let i = 0; i + 1 < positions.length; i++) {
      if (inside[i] && inside[i + 1] && segmentLeaves(positions[i]!, positions[i + 1]!, area)) {
        problems.push({ code: 'leaves_area', path: `${path}.${i}`, message: `The ${noun} from position ${i} to ${i + 1} leaves the area.`, refs: [i, i + 1] });
      }
    }
  }
  // A polygon can stay inside the area's outline and still surround one of the area's holes.
  if (geometry.type === 'Polygon' && problems.length === 0) {
    for (const hole of area.rings.slice(1)) {
      if (hole.some((p) => pointInPolygon(p, geometry) === 'inside')) {
        problems.push({ code: 'covers_area_hole', path: 'coordinates.0', message: 'The polygon covers a part that is outside the area.' });
        break;
      }
    }
  }
  return problems;
}

// ── The check ───────────────────────────────────────────────────────────────────────────

function shapeProblems(geometry: Geometry): GeoProblem[] {
  const problems: GeoProblem[] = [];
  const positions: readonly [string, readonly Position[]][] =
    geometry.type === 'Point'
      ? [['coordinates', [geometry.coordinates]]]
      : geometry.type === 'LineString'
        ? [['coordinates', geometry.coordinates]]
        : geometry.coordinates.map((ring, r) => [`coordinates.${r}`, ring]);
  // Zod has checked these on the way in; repeated so the function is safe on data from elsewhere
  // too (a drawing in the browser), and before anything quadratic runs.
  if (geometry.type === 'Polygon' && geometry.coordinates.length > MAX_RINGS) {
    return [{ code: 'too_many_rings', path: 'coordinates', message: `A polygon has at most ${MAX_RINGS} rings: its outline and up to ${MAX_RINGS - 1} holes.` }];
  }
  if (positions.reduce((sum, [, list]) => sum + list.length, 0) > MAX_POSITIONS) {
    const noun = geometry.type === 'LineString' ? 'A line' : 'A polygon';
    return [{ code: 'too_many_positions', path: 'coordinates', message: `${noun} has at most ${MAX_POSITIONS} positions.` }];
  }
  for (const [path, list] of positions) {
    list.forEach(([lon, lat], i) => {
      const at = geometry.type === 'Point' ? path : `${path}.${i}`;
      if (!(Number.isFinite(lon) && lon >= -180 && lon <= 180)) problems.push({ code: 'out_of_range', path: at, message: 'A longitude is between -180 and 180. GeoJSON puts longitude first: [longitude, latitude].' });
      else if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90)) problems.push({ code: 'out_of_range', path: at, message: 'A latitude is between -90 and 90. GeoJSON puts longitude first: [longitude, latitude].' });
    });
  }
  if (problems.length > 0) return problems;

  if (geometry.type === 'LineString') {
    // A path may cross itself (a walk round a park and back), so only "goes nowhere" is refused.
    if (corners(geometry.coordinates).length < 2) problems.push({ code: 'too_few_positions', path: 'coordinates', message: 'A line needs at least 2 different positions.' });
    return problems;
  }
  if (geometry.type === 'Point') return problems;

  const rings = geometry.coordinates;
  if (rings.length === 0) return [{ code: 'no_outer_ring', path: 'coordinates', message: 'A polygon needs an outer ring.' }];
  const edgesOf: (Edge[] | undefined)[] = [];
  rings.forEach((ring, r) => {
    const path = `coordinates.${r}`;
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length < 4) {
      problems.push({ code: 'too_few_positions', path, message: "A polygon's ring needs at least 4 positions: 3 corners and the first one again to close it." });
    } else if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
      problems.push({ code: 'ring_not_closed', path, message: "A polygon's ring must end where it starts." });
    } else if (corners(ring).length < 3) {
      problems.push({ code: 'too_few_positions', path, message: "A polygon's ring needs at least 3 different corners." });
    } else if (collinear(ring)) {
      // Winding order is not checked: both directions are accepted, as RFC 7946 asks of readers.
      problems.push({ code: 'no_area', path, message: 'This ring has no area: its corners are all on one line.' });
    } else {
      const edges = ringEdges(ring);
      const meeting = selfIntersection(edges);
      if (meeting) {
        const [e, f] = meeting;
        problems.push({
          code: 'self_intersection',
          path,
          message: `A polygon's ring must not cross or touch itself: the edge from ${edgeName(e)} meets the edge from ${edgeName(f)}.`,
          refs: [e.from, e.to, f.from, f.to],
        });
      } else {
        edgesOf[r] = edges;
      }
    }
  });
  if (problems.length > 0) return problems;

  const outerEdges = edgesOf[0]!;
  const outer = rings[0]!;
  for (let h = 1; h < rings.length; h++) {
    const hole = rings[h]!;
    if (ringsMeet(edgesOf[h]!, outerEdges)) {
      problems.push({ code: 'hole_outside', path: `coordinates.${h}`, message: "A hole must lie inside the polygon's outer ring without touching it." });
    } else if (locateInRing(hole[0]!, outer) !== 'inside') {
      problems.push({ code: 'hole_outside', path: `coordinates.${h}`, message: "A hole must lie inside the polygon's outer ring." });
    }
  }
  for (let h = 1; h < rings.length; h++) {
    for (let k = h + 1; k < rings.length; k++) {
      const overlap =
        ringsMeet(edgesOf[h]!, edgesOf[k]!) ||
        locateInRing(rings[h]![0]!, rings[k]!) === 'inside' ||
        locateInRing(rings[k]![0]!, rings[h]!) === 'inside';
      if (overlap) problems.push({ code: 'holes_overlap', path: `coordinates.${k}`, message: `Holes must not overlap or touch each other: this one meets hole ${h}.`, refs: [h] });
    }
  }
  return problems;
}

/**
 * Everything wrong with a geometry that zod could not see, empty when it is fine. With an
 * `area`, every part must also be inside it (its boundary counts as inside). Containment is only
 * judged for a well-formed shape: where a broken shape lies means little, and the first thing
 * to fix is the shape.
 */
export function validateGeometry(geometry: Geometry, options: { area?: Polygon | BBox } = {}): GeoProblem[] {
  let problems = shapeProblems(geometry);
  if (problems.length === 0 && options.area) problems = containmentProblems(geometry, toArea(options.area));
  return problems.slice(0, MAX_PROBLEMS);
}
