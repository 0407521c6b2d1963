// Distances on the Earth for "reports near a place": great-circle metres and the box around a circle.
import type { BBox } from '@civic-elements/protocol';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Metres between two [lon, lat] points along the Earth's surface (haversine; good to 0.5 %). */
export function distanceMetres([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box that holds every point within `metres` of `[lon, lat]` (a little more near the poles' clamp). */
export function boxAround([lon, lat]: readonly [number, number], metres: number): BBox {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.max(0.01, Math.cos(rad(Math.min(89, Math.abs(lat) + dLat))));
  const dLon = Math.min(180, dLat / cos);
  return [Math.max(-180, lon - dLon), Math.max(-90, lat - dLat), Math.min(180, lon + dLon), Math.min(90, lat + dLat)];
}
