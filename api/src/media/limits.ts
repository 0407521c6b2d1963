// The limits on photos, in one place: the upload route, the body-size middleware and the tests read them.

/** The largest upload accepted: 10 MB. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The most pixels an image may declare: 40 megapixels (a 7700×5200 camera photo fits). A few
 * kilobytes of PNG or JPEG can declare far more, and decoding them would take gigabytes of memory.
 */
export const MAX_PIXELS = 40_000_000;

/** The longest side of each resized variant, in pixels. */
export const VARIANT_SIZES = { thumb: 320, large: 1600 } as const;

/** The variants served at `GET /v1/media/:id/:variant.jpg`. */
export type ServedVariant = keyof typeof VARIANT_SIZES;

/** Every file stored for a photo: the original (re-encoded, upright, without metadata) and the variants. */
export type StoredVariant = 'original' | ServedVariant;
export const STORED_VARIANTS: readonly StoredVariant[] = ['original', 'thumb', 'large'];

/** Uploads one person may make per rate-limit window, unless configured otherwise. */
export const DEFAULT_UPLOADS_PER_WINDOW = 60;
