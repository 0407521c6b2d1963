// Photo files on disk, content-addressed: DATA_DIR/media/ab/<sha256>/<variant>.jpg, written once, never changed.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STORED_VARIANTS, type StoredVariant } from './limits.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The media directory. A sha256 names the upload's bytes, so the same picture uploaded twice is
 * converted and stored once; files are written to a temporary name and renamed into place, so a
 * reader never sees half a file and a crash leaves no half-written photo behind.
 */
export class MediaFiles {
  constructor(readonly dir: string) {}

  /** Where a variant lives; only ever built from a checked sha256, never from request text. */
  path(sha256: string, variant: StoredVariant): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a sha256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256, `${variant}.jpg`);
  }

  /** Whether every file of the upload is already stored. */
  async has(sha256: string): Promise<boolean> {
    try {
      await Promise.all(STORED_VARIANTS.map((variant) => stat(this.path(sha256, variant))));
      return true;
    } catch {
      return false;
    }
  }

  /** Stores the files of one upload (all of them or, on failure, none that were not there before). */
  async write(sha256: string, files: Record<StoredVariant, Uint8Array>): Promise<void> {
    const folder = join(this.dir, sha256.slice(0, 2), sha256);
    await mkdir(folder, { recursive: true });
    const suffix = `.${randomBytes(6).toString('hex')}.tmp`;
    const written: string[] = [];
    try {
      for (const variant of STORED_VARIANTS) {
        const temporary = this.path(sha256, variant) + suffix;
        written.push(temporary);
        await writeFile(temporary, files[variant], { flag: 'wx' });
      }
      // The original goes last: has() then only says yes once everything is in place.
      for (const variant of [...STORED_VARIANTS].reverse()) await rename(this.path(sha256, variant) + suffix, this.path(sha256, variant));
    } catch (error) {
      await Promise.all(written.map((file) => rm(file, { force: true })));
      throw error;
    }
  }

  /** A stored file's bytes, or null when it is not there. */
  async read(sha256: string, variant: StoredVariant): Promise<Buffer | null> {
    try {
      return await readFile(this.path(sha256, variant));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
