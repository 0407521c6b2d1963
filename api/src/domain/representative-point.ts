// One point standing for a geometry on the map: where its marker, cluster and list entry go.
import type { Geometry, Position } from '@civic-elements/protocol';
import { pointInPolygon } from './geo.js';

/** The point half way along a line, measured in degrees (close enough at street scale). */
function alongMiddle(line: readonly Position[]): [number, number] {
  const lengths = line.slice(1).map((p, i) => Math.hypot(p[0] - line[i]![0], p[1] - line[i]![1]));
  let remaining = lengths.reduce((sum, l) => sum + l, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (remaining <= l && l > 0) {
      const t = remaining / l;
      const a = line[i]!;
      const b = line[i + 1]!;
      return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    }
    remaining -= l;
  }
  const first = line[0]!;
  return [first[0], first[1]];
}

/** The area-weighted centroid of a ring, or the average of its corners when it has no area. */
function ringCentroid(ring: readonly Position[]): [number, number] {
  let area = 0;
  let x = 0;
  let y = 0;
  // Relative to the first corner, so that large coordinates do not swamp small shapes in rounding.
  const [ox, oy] = ring[0]!;
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = ring[i]![0] - ox;
    const ay = ring[i]![1] - oy;
    const bx = ring[i + 1]![0] - ox;
    const by = ring[i + 1]![1] - oy;
    const cross = ax * by - bx * ay;
    area += cross;
    x += (ax + bx) * cross;
    y += (ay + by) * cross;
  }
  if (area === 0) {
    const corners = ring.slice(0, -1);
    return [corners.reduce((s, p) => s + p[0], 0) / corners.length, corners.reduce((s, p) => s + p[1], 0) / corners.length];
  }
  return [ox + x / (3 * area), oy + y / (3 * area)];
}

/**
 * A point inside a polygon: its centroid when that is inside, otherwise the middle of the widest
 * stretch of the polygon along the centroid's latitude (a crescent's centroid lies outside it).
 */
function pointOnPolygon(rings: readonly (readonly Position[])[]): [number, number] {
  const centroid = ringCentroid(rings[0]!);
  if (pointInPolygon(centroid, rings) === 'inside') return centroid;
  const lat = centroid[1];
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[i + 1]!;
      if ((ay <= lat && by > lat) || (by <= lat && ay > lat)) xs.push(ax + ((lat - ay) / (by - ay)) * (bx - ax));
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | undefined;
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!;
    if (width > widest) {
      widest = width;
      best = [(xs[i]! + xs[i + 1]!) / 2, lat];
    }
  }
  const first = rings[0]![0]!;
  return best ?? [first[0], first[1]];
}

/** The point a geometry is shown at when it is shown as one point. */
export function representativePoint(geometry: Geometry): [number, number] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0], geometry.coordinates[1]];
    case 'LineString':
      return alongMiddle(geometry.coordinates);
    case 'Polygon':
      return pointOnPolygon(geometry.coordinates);
  }
}
