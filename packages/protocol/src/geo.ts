// GeoJSON geometry on the wire (RFC 7946): Point, LineString and Polygon, longitude first, WGS84.
import { z } from 'zod';
// The limits and the closure test live with the zod-free checks, which the browser bundles use.
import { MAX_POSITIONS, MAX_RINGS, samePlace } from './geometry-checks.js';

export { MAX_POSITIONS, MAX_RINGS, samePlace };

const LON_FIRST = 'GeoJSON puts longitude first: [longitude, latitude].';

// Same bounds as `LonLat` in common.ts (a test holds them together); repeated here only to
// give each number a message a resident can act on.
const Longitude = z
  .number({ error: 'A longitude is a number.' })
  .min(-180, `A longitude is between -180 and 180. ${LON_FIRST}`)
  .max(180, `A longitude is between -180 and 180. ${LON_FIRST}`);
const Latitude = z
  .number({ error: 'A latitude is a number.' })
  .min(-90, `A latitude is between -90 and 90. ${LON_FIRST}`)
  .max(90, `A latitude is between -90 and 90. ${LON_FIRST}`);

/** `[longitude, latitude]` or `[longitude, latitude, altitude]`; the altitude is accepted and ignored. */
export const Position = z.tuple([Longitude, Latitude, z.number({ error: 'An altitude is a number of metres.' }).optional()], {
  error: 'A position is a list of two numbers, [longitude, latitude].',
});
export type Position = z.infer<typeof Position>;

export const Point = z.object({
  type: z.literal('Point'),
  coordinates: Position,
});
export type Point = z.infer<typeof Point>;

export const LineString = z.object({
  type: z.literal('LineString'),
  coordinates: z
    .array(Position)
    .min(2, 'A line needs at least 2 positions.')
    .max(MAX_POSITIONS, `A line has at most ${MAX_POSITIONS} positions.`),
});
export type LineString = z.infer<typeof LineString>;

/** A closed ring: at least 3 corners and the first one again at the end. */
export const LinearRing = z
  .array(Position)
  .min(4, "A polygon's ring needs at least 4 positions: 3 corners and the first one again to close it.")
  .max(MAX_POSITIONS, `A polygon has at most ${MAX_POSITIONS} positions.`)
  .refine((ring) => ring.length < 2 || samePlace(ring[0]!, ring[ring.length - 1]!), {
    message: "A polygon's ring must end where it starts.",
  });
export type LinearRing = z.infer<typeof LinearRing>;

/** The first ring is the outline; any further rings are holes in it. */
export const Polygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z
    .array(LinearRing)
    .min(1, 'A polygon needs an outer ring.')
    .max(MAX_RINGS, `A polygon has at most ${MAX_RINGS} rings: its outline and up to ${MAX_RINGS - 1} holes.`)
    .refine((rings) => rings.reduce((sum, ring) => sum + ring.length, 0) <= MAX_POSITIONS, {
      message: `A polygon has at most ${MAX_POSITIONS} positions.`,
    }),
});
export type Polygon = z.infer<typeof Polygon>;

/**
 * Any geometry a contribution, place or event may carry. Zod checks the shape, ranges, sizes and
 * ring closure; what it cannot (self-intersection, holes, containment in an area) is checked by
 * `validateGeometry` in geometry-checks.ts (API and elements alike).
 */
export const Geometry = z.discriminatedUnion('type', [Point, LineString, Polygon], {
  error: 'A geometry is a GeoJSON Point, LineString or Polygon.',
});
export type Geometry = z.infer<typeof Geometry>;
