// The shared geometry checks (protocol/geometry-checks): a stable code for each kind of problem, and no zod.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Geometry, Position } from '@civic-elements/protocol';
import { MAX_POSITIONS, MAX_RINGS, samePlace, validateGeometry, type GeoProblemCode } from '@civic-elements/protocol/geometry-checks';
import * as protocol from '@civic-elements/protocol';
import * as api from '../src/domain/geo.js';

type Ring = Position[];
const polygon = (...rings: Ring[]): Geometry => ({ type: 'Polygon', coordinates: rings });
const square = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const codes = (geometry: Geometry, area?: Geometry) => validateGeometry(geometry, area?.type === 'Polygon' ? { area } : {}).map((p) => p.code);
const U = polygon([[0, 0], [6, 0], [6, 6], [4, 6], [4, 2], [2, 2], [2, 6], [0, 6], [0, 0]]);

describe('geometry-checks: codes', () => {
  const cases: [string, Geometry, GeoProblemCode[], Geometry?][] = [
    ['longitude out of range', { type: 'Point', coordinates: [181, 0] }, ['out_of_range']],
    ['latitude out of range', { type: 'LineString', coordinates: [[0, 0], [0, -91]] }, ['out_of_range']],
    ['a line going nowhere', { type: 'LineString', coordinates: [[1, 1], [1, 1]] }, ['too_few_positions']],
    ['a ring of 3 positions', polygon([[0, 0], [1, 0], [0, 0]]), ['too_few_positions']],
    ['a ring with 2 distinct corners', polygon([[0, 0], [1, 0], [1, 0], [0, 0]]), ['too_few_positions']],
    ['no ring', polygon(), ['no_outer_ring']],
    ['an open ring', polygon([[0, 0], [1, 0], [1, 1], [0, 1]]), ['ring_not_closed']],
    ['a flat ring', polygon([[0, 0], [1, 1], [2, 2], [0, 0]]), ['no_area']],
    ['a bowtie', polygon([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]), ['self_intersection']],
    ['a hole outside', polygon(square(0, 0, 4, 4), square(5, 5, 6, 6)), ['hole_outside']],
    ['overlapping holes', polygon(square(0, 0, 10, 10), square(1, 1, 3, 3), square(2, 2, 4, 4)), ['holes_overlap']],
    ['a point outside', { type: 'Point', coordinates: [8, 8] }, ['outside_area'], U],
    ['a point outside, inside if swapped', { type: 'Point', coordinates: [5, 1] }, ['outside_area_swapped'], polygon(square(0, 4, 2, 6))],
    ['a line across the bay', { type: 'LineString', coordinates: [[1, 5], [5, 5]] }, ['leaves_area'], U],
    ['a polygon round a hole of the area', polygon(square(1, 1, 9, 9)), ['covers_area_hole'], polygon(square(0, 0, 10, 10), square(4, 4, 6, 6))],
  ];
  for (const [name, geometry, expected, area] of cases) {
    test(name, () => assert.deepEqual(codes(geometry, area), expected));
  }

  test('the edges of a self-intersection and of an edge leaving the area are given as refs', () => {
    const [crossing] = validateGeometry(polygon([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]));
    assert.deepEqual(crossing?.refs, [0, 1, 2, 3]);
    const [leaving] = validateGeometry({ type: 'LineString', coordinates: [[1, 5], [5, 5]] }, { area: U as protocol.Polygon });
    assert.deepEqual(leaving?.refs, [0, 1]);
  });

  test('sizes above the limits are refused before any quadratic check', () => {
    const many: Position[] = Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => [i / MAX_POSITIONS, 0]);
    assert.deepEqual(codes({ type: 'LineString', coordinates: many }), ['too_many_positions']);
    const rings = Array.from({ length: MAX_RINGS + 1 }, () => square(0, 0, 1, 1));
    assert.deepEqual(codes(polygon(...rings)), ['too_many_rings']);
  });

  test('the API reports the same problems without the code, and protocol re-exports the shared constants', () => {
    const bowtie = polygon([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]);
    assert.deepEqual(api.validateGeometry(bowtie), validateGeometry(bowtie).map(({ path, message }) => ({ path, message })));
    assert.equal(protocol.MAX_POSITIONS, MAX_POSITIONS);
    assert.equal(protocol.MAX_RINGS, MAX_RINGS);
    assert.equal(protocol.samePlace, samePlace);
  });

  test('the module imports nothing at run time (so no zod reaches a browser bundle)', () => {
    const source = readFileSync(new URL('../../packages/protocol/src/geometry-checks.ts', import.meta.url), 'utf8');
    const imports = source.match(/^import .*$/gm) ?? [];
    assert.ok(imports.length > 0);
    for (const line of imports) assert.match(line, /^import type /, line);
  });
});
