// Building blocks shared by every payload: ids, slugs, times, locales, geometry helpers.
import { z } from 'zod';

/** Organisation slug as it appears in URLs and in the `org` attribute: `southwark`, `guys-st-thomas`. */
export const OrgSlug = z
  .string()
  .min(2, 'An organisation slug has at least 2 characters.')
  .max(64, 'An organisation slug has at most 64 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens.');

/** Opaque identifier (a ULID-like string) used for every row the API hands out. */
export const Id = z.string().min(1).max(64);

/** ISO 8601 date-time in UTC with `Z`, as every time on the wire is. */
export const IsoTime = z.iso.datetime({ offset: false });

/** Languages the widgets are translated into. `ar` is written right to left. */
export const Locale = z.enum(['en', 'it', 'ar']);
export type Locale = z.infer<typeof Locale>;

export const Email = z
  .string()
  .trim()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email('Enter an email address in the right format, like name@example.com.'))
  .transform((value) => value.toLowerCase());

/** `[longitude, latitude]`, WGS84, as GeoJSON orders them. */
export const LonLat = z.tuple([
  z.number().min(-180).max(180),
  z.number().min(-90).max(90),
]);
export type LonLat = z.infer<typeof LonLat>;

/** `[minLon, minLat, maxLon, maxLat]`. */
export const BBox = z
  .tuple([
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
  ])
  .refine(([minLon, minLat, maxLon, maxLat]) => minLon <= maxLon && minLat <= maxLat, {
    message: 'A bounding box is minLon,minLat,maxLon,maxLat with the minimum first.',
  });
export type BBox = z.infer<typeof BBox>;

/** A CSS colour value a webmaster might set: hex only, so it can go into a style safely. */
export const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d70b8.');

/** A web origin such as `https://www.southwark.gov.uk` (scheme, host and optional port; no path). */
export const Origin = z
  .string()
  .url()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'An origin is a scheme, a host and an optional port, like https://www.example.gov.uk, with no path or trailing slash.');

/** Query parameters of every list: `?cursor=&limit=` (limit at most 100). */
export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
