// What <civic-report-list> asks the API for: its attributes as a `GET /v1/orgs/:org/reports` query.

/** Whose reports: everyone's, the signed-in person's, those they follow, or those near a place. */
export type Show = 'all' | 'mine' | 'following' | 'near';

export interface ListAttributes {
  show: string | undefined;
  near: string | undefined;
  radius: number | undefined;
  category: string | undefined;
  status: string | undefined;
  open: string | null | undefined;
  sort: string | undefined;
  limit: number | undefined;
}

export const DEFAULT_LIMIT = 10;
export const DEFAULT_RADIUS = 500;
const SORTS = ['newest', 'oldest', 'updated', 'nearest', 'supported'];

/** `show` as one of its values; anything else is `all`. */
export const showOf = (value: string | undefined): Show => {
  const show = (value ?? '').trim();
  return show === 'mine' || show === 'following' || show === 'near' ? show : 'all';
};

/** "lon,lat" → [lon, lat] when both are numbers in range, else undefined. */
export function parsePoint(value: string | undefined): [number, number] | undefined {
  const parts = (value ?? '').split(',').map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => !/^-?\d+(\.\d+)?$/.test(part))) return undefined;
  const [lon, lat] = parts.map(Number) as [number, number];
  return Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? [lon, lat] : undefined;
}

/** A comma-separated list with blanks and spaces dropped, or undefined when empty. */
const list = (value: string | undefined): string | undefined => {
  const items = (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  return items.length ? items.join(',') : undefined;
};

/** The radius in metres, within what the API accepts (10 to 5000). */
export const radiusOf = (radius: number | undefined): number =>
  Number.isFinite(radius) ? Math.min(5000, Math.max(10, Math.round(radius!))) : DEFAULT_RADIUS;

/**
 * The query for the first page. `place` is where "near" is (the `near` attribute, or the reader's
 * location for `show="near"`). `open` follows HTML's habit: present (or "true") means open reports
 * only, "false" closed ones only, absent both.
 */
export function reportQuery(attributes: ListAttributes, place: [number, number] | undefined): Record<string, string | number> {
  const show = showOf(attributes.show);
  const query: Record<string, string | number | undefined> = {};
  if (show === 'mine') query.mine = 'true';
  if (show === 'following') query.following = 'true';
  if (place) {
    query.near = place.join(',');
    query.radius = radiusOf(attributes.radius);
  }
  query.category = list(attributes.category);
  query.status = list(attributes.status);
  const open = attributes.open;
  if (open !== null && open !== undefined) query.open = open.trim() === 'false' ? 'false' : 'true';
  const sort = attributes.sort?.trim();
  query.sort = sort && SORTS.includes(sort) && (sort !== 'nearest' || place) ? sort : place ? 'nearest' : 'newest';
  const limit = attributes.limit;
  query.limit = Number.isFinite(limit) ? Math.min(100, Math.max(1, Math.round(limit!))) : DEFAULT_LIMIT;
  const clean: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(query)) if (value !== undefined) clean[name] = value;
  return clean;
}
