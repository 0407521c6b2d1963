// Turns uploaded bytes into the JPEG files that are stored: checked, upright, without metadata, resized.
import sharp from 'sharp';
import type { MediaMime } from '../store/types.js';
import { MAX_PIXELS, MAX_UPLOAD_BYTES, VARIANT_SIZES, type StoredVariant } from './limits.js';
import { sniffImage } from './sniff.js';

/** Why an upload was refused; the route turns each into a 4xx with words a person understands. */
export type RejectReason = 'not_an_image' | 'too_large' | 'too_many_pixels' | 'unreadable';

export class ImageRejected extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
    this.name = 'ImageRejected';
  }
}

export interface ProcessedImage {
  /** What the upload was, from its bytes. */
  mime: MediaMime;
  /** Of the stored original, after turning it upright. */
  width: number;
  height: number;
  /** JPEG bytes of each stored file. */
  files: Record<StoredVariant, Buffer>;
}

const FORMAT_OF: Record<MediaMime, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };
/** A photo that takes longer than this to process is refused rather than holding a core. */
const TIMEOUT_SECONDS = 30;
const JPEG = { quality: 82, mozjpeg: true } as const;

/**
 * Checks and converts an upload: the bytes must be JPEG, PNG or WebP (by their magic numbers, and
 * readable as that format), at most MAX_UPLOAD_BYTES, and declare at most MAX_PIXELS before anything
 * is decoded. The image is turned upright by its EXIF orientation, flattened onto white (JPEG has no
 * transparency) and written as JPEG with no metadata at all: EXIF, GPS, XMP, IPTC and ICC are gone.
 * Throws ImageRejected for anything it will not store.
 */
export async function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new ImageRejected('too_large', `The photo is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the most is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  }
  const mime = sniffImage(bytes);
  if (!mime) throw new ImageRejected('not_an_image', 'This file is not a photo: send a JPEG, PNG or WebP image.');

  // The header only: sharp reads the declared size without decoding any pixels.
  let declared: sharp.Metadata;
  try {
    declared = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejected('unreadable', 'The photo could not be read: it may be damaged or incomplete.');
  }
  if (declared.format !== FORMAT_OF[mime]) {
    throw new ImageRejected('not_an_image', 'This file is not a photo: send a JPEG, PNG or WebP image.');
  }
  const width = declared.width ?? 0;
  const height = declared.pageHeight ?? declared.height ?? 0;
  if (width <= 0 || height <= 0) throw new ImageRejected('unreadable', 'The photo could not be read: it has no size.');
  if (width * height > MAX_PIXELS) {
    throw new ImageRejected(
      'too_many_pixels',
      `The photo is ${width}×${height} pixels (${Math.round((width * height) / 1e6)} megapixels); the most is ${MAX_PIXELS / 1e6} megapixels.`,
    );
  }

  try {
    // limitInputPixels again, in case the header and the data disagree; failOn 'error' refuses
    // truncated and corrupt data instead of storing a half-grey picture.
    const upright = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error', pages: 1 })
      .timeout({ seconds: TIMEOUT_SECONDS })
      .autoOrient()
      .flatten({ background: '#ffffff' });
    const resized = (side: number) => upright.clone().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }).jpeg(JPEG).toBuffer();
    // No withMetadata()/keepExif(): sharp writes none of the input's metadata by default.
    const [original, thumb, large] = await Promise.all([
      upright.clone().jpeg(JPEG).toBuffer({ resolveWithObject: true }),
      resized(VARIANT_SIZES.thumb),
      resized(VARIANT_SIZES.large),
    ]);
    return { mime, width: original.info.width, height: original.info.height, files: { original: original.data, thumb, large } };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new ImageRejected('too_many_pixels', `The photo has more than ${MAX_PIXELS / 1e6} megapixels.`);
    }
    throw new ImageRejected('unreadable', 'The photo could not be read: it may be damaged or incomplete.');
  }
}
