// Where results stand against the organisation's area: inside first, each marked.
import type { BBox, GeocodeResult } from '@civic-elements/protocol';

/** Whether a point (lon, lat) lies in a box, edges included. */
export function inBox(box: BBox | null, lon: number, lat: number): boolean {
  if (!box) return false;
  const [minLon, minLat, maxLon, maxLat] = box;
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

/**
 * Sets `inArea` from the box and puts the results inside it first, keeping the provider's order
 * otherwise (a stable sort), then cuts to `limit`.
 */
export function rankInArea(results: readonly GeocodeResult[], box: BBox | null, limit: number): GeocodeResult[] {
  const marked = results.map((result) => ({ ...result, inArea: inBox(box, result.point.coordinates[0], result.point.coordinates[1]) }));
  return [...marked.filter((r) => r.inArea), ...marked.filter((r) => !r.inArea)].slice(0, limit);
}
