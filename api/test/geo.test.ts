// Geometry: the GeoJSON schemas in protocol and the server's checks of shape and area.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BBox,
  Geometry,
  LineString,
  LonLat,
  MAX_POSITIONS,
  MAX_RINGS,
  Point,
  Polygon,
  Position,
} from '@civic-elements/protocol';
import {
  MAX_PROBLEMS,
  bboxContains,
  bboxOf,
  bboxPolygon,
  orientation,
  pointInPolygon,
  segmentsIntersect,
  validateGeometry,
} from '../src/domain/geo.js';

type Ring = Position[];
const polygon = (...rings: Ring[]): Polygon => ({ type: 'Polygon', coordinates: rings });
const line = (...coordinates: Position[]): LineString => ({ type: 'LineString', coordinates });
const point = (lon: number, lat: number): Point => ({ type: 'Point', coordinates: [lon, lat] });
const square = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const paths = (problems: { path: string }[]) => problems.map((problem) => problem.path);
const messages = (problems: { message: string }[]) => problems.map((problem) => problem.message).join('\n');

/** Greater London, roughly. */
const LONDON: BBox = [-0.51, 51.28, 0.33, 51.69];
/** A U: two arms (x 0–2 and 4–6) joined along the bottom (y 0–2); the bay between them is outside. */
const U = polygon([
  [0, 0],
  [6, 0],
  [6, 6],
  [4, 6],
  [4, 2],
  [2, 2],
  [2, 6],
  [0, 6],
  [0, 0],
]);

describe('Position schema', () => {
  test('takes [longitude, latitude] and an optional altitude', () => {
    assert.equal(Position.safeParse([-0.08, 51.47]).success, true);
    assert.equal(Position.safeParse([-0.08, 51.47, 12.5]).success, true);
    assert.equal(Position.safeParse([180, -90]).success, true);
  });
  test('refuses out-of-range longitude and latitude, saying longitude comes first', () => {
    const lon = Position.safeParse([180.5, 10]);
    assert.equal(lon.success, false);
    assert.deepEqual(lon.error?.issues.map((issue) => issue.path), [[0]]);
    assert.match(lon.error!.issues[0]!.message, /longitude is between -180 and 180.*longitude first/);
    const lat = Position.safeParse([10, -90.5]);
    assert.equal(lat.success, false);
    assert.deepEqual(lat.error?.issues.map((issue) => issue.path), [[1]]);
    assert.match(lat.error!.issues[0]!.message, /latitude is between -90 and 90/);
  });
  test('a latitude given first is refused when it cannot be a latitude', () => {
    // Sydney as [lat, lon] puts 151 where the latitude goes. (London swapped stays in range: see the area tests.)
    assert.equal(Position.safeParse([-33.87, 151.21]).success, false);
  });
  test('refuses too few, too many and non-numbers', () => {
    for (const bad of [[0], [0, 0, 0, 0], ['0', 0], [0, Number.NaN], [0, Infinity], {}, null]) {
      assert.equal(Position.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
  test('has the same bounds as LonLat', () => {
    for (const lon of [-180.0001, -180, 0, 180, 180.0001]) {
      for (const lat of [-90.0001, -90, 0, 90, 90.0001]) {
        assert.equal(Position.safeParse([lon, lat]).success, LonLat.safeParse([lon, lat]).success, `${lon},${lat}`);
      }
    }
  });
});

describe('Geometry schema', () => {
  test('takes a Point, a LineString and a Polygon', () => {
    for (const geometry of [point(1, 2), line([0, 0], [1, 1]), polygon(square(0, 0, 1, 1))]) {
      assert.deepEqual(Geometry.parse(geometry), geometry);
    }
  });
  test('refuses other types', () => {
    const result = Geometry.safeParse({ type: 'MultiPoint', coordinates: [[0, 0]] });
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /Point, LineString or Polygon/);
  });
  test('a line needs 2 positions', () => {
    assert.equal(Geometry.safeParse(line([0, 0])).success, false);
    assert.equal(Geometry.safeParse(line([0, 0], [0, 1])).success, true);
  });
  test('refuses an open ring', () => {
    const result = Geometry.safeParse(polygon([[0, 0], [1, 0], [1, 1], [0, 1]]));
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((issue) => issue.message), ["A polygon's ring must end where it starts."]);
    assert.deepEqual(result.error?.issues[0]?.path, ['coordinates', 0]);
  });
  test('refuses a ring of fewer than 4 positions', () => {
    const result = Geometry.safeParse(polygon([[0, 0], [1, 0], [0, 0]]));
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /at least 4 positions/);
  });
  test('closure ignores altitude', () => {
    assert.equal(Geometry.safeParse(polygon([[0, 0, 5], [1, 0], [1, 1], [0, 0, 7]])).success, true);
  });
  test('refuses out-of-range positions deep inside a polygon', () => {
    const result = Geometry.safeParse(polygon(square(0, 0, 1, 1), [[0.2, 0.2], [0.4, 0.2], [0.4, 95], [0.2, 0.2]]));
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, ['coordinates', 1, 2, 1]);
  });
  test(`refuses more than ${MAX_POSITIONS} positions`, () => {
    const positions = (n: number): Position[] => Array.from({ length: n }, (_, i) => [(i % 360) - 180, (i % 2) * 0.001]);
    assert.equal(Geometry.safeParse(line(...positions(MAX_POSITIONS))).success, true);
    const tooLong = Geometry.safeParse(line(...positions(MAX_POSITIONS + 1)));
    assert.equal(tooLong.success, false);
    assert.match(tooLong.error!.issues[0]!.message, /at most 10000 positions/);
    // Rings that are each small enough but too many together.
    const ring = (): Ring => {
      const open = positions(2_000);
      return [...open, open[0]!];
    };
    const tooBig = Geometry.safeParse(polygon(ring(), ring(), ring(), ring(), ring()));
    assert.equal(tooBig.success, false);
    assert.match(tooBig.error!.issues[0]!.message, /at most 10000 positions/);
  });
  test(`refuses more than ${MAX_RINGS} rings`, () => {
    const rings = (n: number) => Array.from({ length: n }, () => square(0, 0, 1, 1));
    assert.equal(Geometry.safeParse(polygon(...rings(MAX_RINGS))).success, true);
    assert.equal(Geometry.safeParse(polygon(...rings(MAX_RINGS + 1))).success, false);
  });
});

describe('orientation and segmentsIntersect', () => {
  test('orientation tells left, right and on the line, calling rounding noise collinear', () => {
    assert.equal(orientation([0, 0], [1, 0], [0, 1]), 1);
    assert.equal(orientation([0, 0], [1, 0], [0, -1]), -1);
    assert.equal(orientation([0, 0], [1, 0], [5, 0]), 0);
    assert.equal(orientation([0.1, 0.1], [0.2, 0.2], [0.3, 0.3]), 0);
    assert.equal(orientation([0, 0], [1, 1], [0.5, 0.5 + 1e-9]), 1);
  });
  test('crossing, touching and overlapping all count', () => {
    assert.equal(segmentsIntersect([0, 0], [2, 2], [0, 2], [2, 0]), true, 'crossing');
    assert.equal(segmentsIntersect([0, 0], [2, 0], [2, 0], [3, 5]), true, 'sharing an end');
    assert.equal(segmentsIntersect([0, 0], [2, 0], [1, 0], [1, 5]), true, 'T');
    assert.equal(segmentsIntersect([0, 0], [2, 0], [1, 0], [3, 0]), true, 'collinear overlap');
    assert.equal(segmentsIntersect([0, 0], [4, 0], [1, 0], [2, 0]), true, 'collinear, one inside the other');
  });
  test('apart is apart', () => {
    assert.equal(segmentsIntersect([0, 0], [1, 0], [2, 0], [3, 0]), false, 'collinear with a gap');
    assert.equal(segmentsIntersect([0, 0], [2, 0], [0, 1], [2, 1]), false, 'parallel');
    assert.equal(segmentsIntersect([0, 0], [2, 2], [3, 0], [2, 1.5]), false, 'would cross if longer');
    assert.equal(segmentsIntersect([0, 0], [1, 0], [1, 1e-12], [2, 5]), false, 'a hair apart');
  });
});

describe('pointInPolygon', () => {
  const withHole = polygon(square(0, 0, 10, 10), square(4, 4, 6, 6));
  test('inside, outside and on the boundary', () => {
    assert.equal(pointInPolygon([2, 2], withHole), 'inside');
    assert.equal(pointInPolygon([11, 2], withHole), 'outside');
    assert.equal(pointInPolygon([0, 5], withHole), 'boundary');
    assert.equal(pointInPolygon([10, 10], withHole), 'boundary');
  });
  test('a hole is outside and its edge is boundary', () => {
    assert.equal(pointInPolygon([5, 5], withHole), 'outside');
    assert.equal(pointInPolygon([4, 5], withHole), 'boundary');
  });
  test('concave: the bay of the U is outside, its arms inside', () => {
    assert.equal(pointInPolygon([3, 4], U), 'outside');
    assert.equal(pointInPolygon([1, 4], U), 'inside');
    assert.equal(pointInPolygon([5, 4], U), 'inside');
    assert.equal(pointInPolygon([3, 2], U), 'boundary');
  });
  test('either winding gives the same answer', () => {
    const clockwise = polygon([...square(0, 0, 10, 10)].reverse());
    assert.equal(pointInPolygon([2, 2], clockwise), 'inside');
    assert.equal(pointInPolygon([12, 2], clockwise), 'outside');
  });
});

describe('bboxOf and bboxContains', () => {
  test('bboxOf covers every position', () => {
    assert.deepEqual(bboxOf(point(1, 2)), [1, 2, 1, 2]);
    assert.deepEqual(bboxOf(line([3, -1], [-2, 4], [0, 0])), [-2, -1, 3, 4]);
    assert.deepEqual(bboxOf(polygon(square(0, 0, 5, 3), square(1, 1, 2, 2))), [0, 0, 5, 3]);
  });
  test('bboxContains takes a box or a position, edges inclusive', () => {
    assert.equal(bboxContains(LONDON, [-0.08, 51.47]), true);
    assert.equal(bboxContains(LONDON, [51.47, -0.08]), false);
    assert.equal(bboxContains(LONDON, [-0.51, 51.69]), true);
    assert.equal(bboxContains(LONDON, [-0.2, 51.4, 0.1, 51.6]), true);
    assert.equal(bboxContains(LONDON, [-0.2, 51.4, 0.4, 51.6]), false);
    assert.equal(bboxContains(LONDON, LONDON), true);
  });
  test('bboxPolygon is the box as a closed ring', () => {
    assert.deepEqual(bboxPolygon([0, 1, 2, 3]).coordinates, [square(0, 1, 2, 3)]);
  });
});

describe('validateGeometry: shape', () => {
  test('a square is fine wound either way, and so is a polygon with a hole', () => {
    assert.deepEqual(validateGeometry(polygon(square(0, 0, 4, 4))), []);
    assert.deepEqual(validateGeometry(polygon([...square(0, 0, 4, 4)].reverse())), []);
    assert.deepEqual(validateGeometry(polygon(square(0, 0, 4, 4), square(1, 1, 2, 2), square(2.5, 2.5, 3, 3))), []);
    assert.deepEqual(validateGeometry(U), []);
  });
  test('out-of-range positions are refused here too', () => {
    const problems = validateGeometry(line([0, 0], [200, 0]));
    assert.deepEqual(paths(problems), ['coordinates.1']);
    assert.match(messages(problems), /longitude is between -180 and 180/);
    assert.deepEqual(paths(validateGeometry(point(0, -91))), ['coordinates']);
  });
  test('an open ring is refused', () => {
    const problems = validateGeometry(polygon([[0, 0], [1, 0], [1, 1], [0, 1]]));
    assert.deepEqual(problems, [{ path: 'coordinates.0', message: "A polygon's ring must end where it starts." }]);
  });
  test('a bowtie is refused', () => {
    const problems = validateGeometry(polygon([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]));
    assert.deepEqual(paths(problems), ['coordinates.0']);
    assert.match(messages(problems), /must not cross or touch itself: the edge from position 0 to 1 meets the edge from position 2 to 3/);
  });
  test('a ring touching itself at a corner is refused', () => {
    // A figure of eight whose two loops share the corner (2,2), visited twice.
    const problems = validateGeometry(polygon([[0, 0], [4, 0], [2, 2], [4, 4], [0, 4], [2, 2], [0, 0]]));
    assert.deepEqual(paths(problems), ['coordinates.0']);
    assert.match(messages(problems), /must not cross or touch itself/);
  });
  test('a corner resting on another edge is refused', () => {
    const problems = validateGeometry(polygon([[0, 0], [6, 0], [6, 4], [3, 0], [0, 4], [0, 0]]));
    assert.match(messages(problems), /must not cross or touch itself/);
  });
  test('a spike that doubles back along itself is refused', () => {
    const problems = validateGeometry(polygon([[0, 0], [4, 0], [4, 4], [4, 2], [0, 4], [0, 0]]));
    assert.deepEqual(paths(problems), ['coordinates.0']);
    assert.match(messages(problems), /must not cross or touch itself/);
  });
  test('a zero-area ring is refused', () => {
    const problems = validateGeometry(polygon([[0, 0], [1, 1], [2, 2], [0, 0]]));
    assert.deepEqual(problems, [{ path: 'coordinates.0', message: 'This ring has no area: its corners are all on one line.' }]);
    assert.match(messages(validateGeometry(polygon([[0, 0], [1, 0], [1, 0], [0, 0]]))), /at least 3 different corners/);
  });
  test('a repeated position (a double click) is not held against a ring or a line', () => {
    assert.deepEqual(validateGeometry(polygon([[0, 0], [0, 0], [4, 0], [4, 4], [4, 4], [0, 4], [0, 0]])), []);
    assert.deepEqual(validateGeometry(line([0, 0], [0, 0], [1, 1])), []);
  });
  test('a line may cross itself but must go somewhere', () => {
    assert.deepEqual(validateGeometry(line([0, 0], [2, 2], [2, 0], [0, 2])), []);
    assert.deepEqual(validateGeometry(line([1, 1], [1, 1])), [{ path: 'coordinates', message: 'A line needs at least 2 different positions.' }]);
  });
  test('a hole outside the outer ring is refused', () => {
    const problems = validateGeometry(polygon(square(0, 0, 4, 4), square(5, 5, 6, 6)));
    assert.deepEqual(problems, [{ path: 'coordinates.1', message: "A hole must lie inside the polygon's outer ring." }]);
  });
  test('a hole crossing or touching the outer ring is refused', () => {
    assert.deepEqual(paths(validateGeometry(polygon(square(0, 0, 4, 4), square(3, 1, 5, 2)))), ['coordinates.1']);
    const touching = validateGeometry(polygon(square(0, 0, 4, 4), [[0, 0], [2, 1], [1, 2], [0, 0]]));
    assert.match(messages(touching), /without touching it/);
  });
  test('holes that overlap, touch or nest are refused', () => {
    assert.deepEqual(paths(validateGeometry(polygon(square(0, 0, 10, 10), square(1, 1, 3, 3), square(2, 2, 4, 4)))), ['coordinates.2']);
    assert.deepEqual(paths(validateGeometry(polygon(square(0, 0, 10, 10), square(1, 1, 3, 3), square(3, 1, 5, 3)))), ['coordinates.2']);
    const nested = validateGeometry(polygon(square(0, 0, 10, 10), square(1, 1, 8, 8), square(2, 2, 3, 3)));
    assert.deepEqual(nested, [{ path: 'coordinates.2', message: 'Holes must not overlap or touch each other: this one meets hole 1.' }]);
  });
  test('a hole with its own fault is reported at the hole', () => {
    assert.deepEqual(paths(validateGeometry(polygon(square(0, 0, 10, 10), [[1, 1], [3, 3], [3, 1], [1, 3], [1, 1]]))), ['coordinates.1']);
  });
  // Its speed belongs in a benchmark, not a timed test; this checks that the largest allowed ring is handled.
  test(`a polygon of ${MAX_POSITIONS} positions, the most allowed, is accepted`, () => {
    const n = MAX_POSITIONS - 1;
    const circle: Ring = Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n) * 0.1, 51.5 + Math.sin((2 * Math.PI * i) / n) * 0.1]);
    circle.push(circle[0]!);
    assert.deepEqual(validateGeometry(polygon(circle), { area: LONDON }), []);
  });
});

describe('validateGeometry: inside the area', () => {
  test('a point in London is fine; the same point with lat/lon swapped is refused with a hint', () => {
    assert.deepEqual(validateGeometry(point(-0.08, 51.47), { area: LONDON }), []);
    // [51.47, -0.08] is a valid position (in Somalia's sea), so only the area check can catch it.
    assert.equal(Geometry.safeParse(point(51.47, -0.08)).success, true);
    const problems = validateGeometry(point(51.47, -0.08), { area: LONDON });
    assert.deepEqual(paths(problems), ['coordinates']);
    assert.match(messages(problems), /outside the area, but would be inside with longitude and latitude swapped/);
  });
  test('a point elsewhere is refused without the swap hint', () => {
    const problems = validateGeometry(point(2.35, 48.86), { area: LONDON });
    assert.deepEqual(problems, [{ path: 'coordinates', message: 'This point is outside the area.' }]);
  });
  test('a point on the area boundary counts as inside', () => {
    assert.deepEqual(validateGeometry(point(-0.51, 51.5), { area: LONDON }), []);
    assert.deepEqual(validateGeometry(point(0.33, 51.69), { area: LONDON }), []);
    assert.deepEqual(validateGeometry(point(3, 2), { area: U }), []);
    assert.deepEqual(validateGeometry(point(2, 4), { area: U }), []);
    assert.deepEqual(paths(validateGeometry(point(0.3300001, 51.5), { area: LONDON })), ['coordinates']);
  });
  test('a point on a diagonal boundary counts as inside despite rounding', () => {
    const triangle = polygon([[0.1, 0.1], [0.7, 0.3], [0.2, 0.9], [0.1, 0.1]]);
    assert.deepEqual(validateGeometry(point(0.1 + 0.6 / 3, 0.1 + 0.2 / 3), { area: triangle }), []);
  });
  test('a position computed onto a slanted area edge counts as on it, though rounding puts it a hair outside', () => {
    const a: Position = [-0.70129, 51.090702];
    const b: Position = [-0.956809, 51.056556];
    const area = polygon([a, b, [2.386493, 53.470688], a]);
    const onEdge: Position = [a[0] + (b[0] - a[0]) * 0.412, a[1] + (b[1] - a[1]) * 0.412];
    assert.equal(pointInPolygon(onEdge, area), 'outside'); // what the plain arithmetic says
    assert.deepEqual(validateGeometry({ type: 'Point', coordinates: onEdge }, { area }), []);
    assert.deepEqual(validateGeometry(line(a, onEdge), { area }), []);
  });
  test('a point in the bay of a concave area is refused', () => {
    assert.deepEqual(paths(validateGeometry(point(3, 4), { area: U })), ['coordinates']);
  });
  test('a line crossing the area edge is refused at the position outside', () => {
    const problems = validateGeometry(line([-0.1, 51.5], [0.5, 51.5]), { area: LONDON });
    assert.deepEqual(problems, [{ path: 'coordinates.1', message: 'This position is outside the area.' }]);
  });
  test('a line whose ends are in both arms of a concave area leaves it', () => {
    const problems = validateGeometry(line([1, 5], [5, 5]), { area: U });
    assert.deepEqual(problems, [{ path: 'coordinates.0', message: 'The line from position 0 to 1 leaves the area.' }]);
  });
  test('a line that slips out through a corner, crossing no edge, leaves the area', () => {
    assert.deepEqual(paths(validateGeometry(line([2, 2], [4, 6]), { area: U })), ['coordinates.0']);
  });
  test('a line that passes through a corner and stays in, or runs along the boundary, is fine', () => {
    assert.deepEqual(validateGeometry(line([1, 3], [3, 1], [5, 3]), { area: U }), []);
    assert.deepEqual(validateGeometry(line([0, 0], [6, 0], [6, 6]), { area: U }), []);
    assert.deepEqual(validateGeometry(line([0, 6], [2, 6], [2, 2], [4, 2]), { area: U }), []);
  });
  test('a polygon whose corners are in a concave area but whose edge crosses the bay is refused', () => {
    const problems = validateGeometry(polygon([[1, 5], [5, 5], [5, 4], [1, 4], [1, 5]]), { area: U });
    assert.deepEqual(paths(problems), ['coordinates.0.0', 'coordinates.0.2']);
    assert.match(messages(problems), /The edge from position 0 to 1 leaves the area/);
  });
  test('a polygon inside the area, even sharing its edge, is fine', () => {
    assert.deepEqual(validateGeometry(polygon(square(0, 0, 6, 1)), { area: U }), []);
    assert.deepEqual(validateGeometry(polygon(square(-0.2, 51.4, 0.1, 51.6)), { area: LONDON }), []);
    assert.deepEqual(validateGeometry(polygon(square(-0.2, 51.4, 0.1, 51.6)), { area: bboxPolygon(LONDON) }), []);
  });
  test('a polygon sticking out of the area is refused at the positions outside', () => {
    const problems = validateGeometry(polygon(square(-0.2, 51.4, 0.4, 51.6)), { area: LONDON });
    assert.deepEqual(paths(problems), ['coordinates.0.1', 'coordinates.0.2']);
  });
  test("a polygon that surrounds a hole in the area is refused", () => {
    const area = polygon(square(0, 0, 10, 10), square(4, 4, 6, 6));
    assert.deepEqual(validateGeometry(polygon(square(1, 1, 3, 3)), { area }), []);
    assert.deepEqual(validateGeometry(polygon(square(1, 1, 9, 9)), { area }), [
      { path: 'coordinates.0', message: 'The polygon covers a part that is outside the area.' },
    ]);
    // With the area's hole cut out of it too, it is fine.
    assert.deepEqual(validateGeometry(polygon(square(1, 1, 9, 9), square(3, 3, 7, 7)), { area }), []);
  });
  test('a broken shape is reported as broken, not as outside', () => {
    const problems = validateGeometry(polygon([[10, 10], [12, 12], [12, 10], [10, 12], [10, 10]]), { area: U });
    assert.deepEqual(paths(problems), ['coordinates.0']);
    assert.match(messages(problems), /cross or touch itself/);
  });
  test(`at most ${MAX_PROBLEMS} problems come back`, () => {
    const far = Array.from({ length: 50 }, (_, i): Position => [10 + i * 0.01, 10]);
    const problems = validateGeometry(line(...far), { area: LONDON });
    assert.equal(problems.length, MAX_PROBLEMS);
    assert.deepEqual(paths(problems).slice(0, 2), ['coordinates.0', 'coordinates.1']);
  });
});
