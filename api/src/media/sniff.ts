// Which image format some bytes are, from their first bytes (the Content-Type a client sends proves nothing).
import type { MediaMime } from '../store/types.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/**
 * JPEG (`FF D8 FF`), PNG (its 8-byte signature) or WebP (`RIFF` size `WEBP`), recognised by
 * magic bytes; null for anything else, whatever it claims to be.
 */
export function sniffImage(bytes: Uint8Array): MediaMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}
