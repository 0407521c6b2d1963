// Photo intake: bytes in, a stored photo out (files on disk, a row in the store).
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { MediaMime, MediaRecord, MediaStore } from '../store/types.js';
import type { MediaFiles } from './files.js';
import { processImage } from './process.js';
import { sniffImage } from './sniff.js';
import { MAX_UPLOAD_BYTES } from './limits.js';

export interface IntakeInput {
  orgId: string;
  uploaderId: string | null;
  bytes: Uint8Array;
  now: Date;
}

/**
 * Stores an upload for an organisation: converts it (see processImage) unless the same bytes were
 * converted before, writes the files under their sha256, and records a photo of the organisation.
 * Throws ImageRejected for bytes it will not store.
 */
export async function intakePhoto(store: MediaStore, files: MediaFiles, input: IntakeInput): Promise<MediaRecord> {
  const { bytes } = input;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sniffed = sniffImage(bytes);
  let photo: { mime: MediaMime; width: number; height: number };
  if (sniffed && bytes.length <= MAX_UPLOAD_BYTES && (await files.has(sha256))) {
    // The same bytes passed every check before; the stored original has the upright size.
    const stored = await sharp(files.path(sha256, 'original')).metadata();
    photo = { mime: sniffed, width: stored.width, height: stored.height };
  } else {
    const image = await processImage(bytes); // throws ImageRejected for what it will not store
    await files.write(sha256, image.files);
    photo = image;
  }
  return store.create({ orgId: input.orgId, uploaderId: input.uploaderId, sha256, bytes: bytes.length, mime: photo.mime, width: photo.width, height: photo.height }, input.now);
}
