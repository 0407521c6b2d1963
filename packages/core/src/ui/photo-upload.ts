// Photos for a contribution or a report: made smaller in the browser (a JPEG of at most MAX_SIDE px), then uploaded with progress.
import { ApiError } from '../api-error.js';
import type { Session } from '../session.js';
import type { ApiErrorBody, Photo } from '@civic-elements/protocol';

/** The longest side of an uploaded photo, in pixels: enough for a map's detail panel, light on a phone's data. */
export const MAX_SIDE = 1600;
export const JPEG_QUALITY = 0.85;

export interface Downscaled {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * Decodes an image file (rotated as its EXIF says) and re-encodes it as a JPEG whose longest side is
 * at most `maxSide`. Re-encoding also drops the EXIF block, GPS position included, before anything
 * leaves the device. Rejects with `ApiError('not_an_image')` for a file the browser cannot decode.
 */
export async function downscaleToJpeg(file: Blob, maxSide = MAX_SIDE, quality = JPEG_QUALITY): Promise<Downscaled> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new ApiError(0, 'not_an_image', 'The browser could not read this file as an image.');
  }
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new ApiError(0, 'not_an_image', 'No 2D canvas to resize the photo.');
    // JPEG has no transparency: a transparent PNG turns white rather than black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (!blob) throw new ApiError(0, 'not_an_image', 'The photo could not be encoded as JPEG.');
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}

export interface UploadOptions {
  /** The API's base URL. */
  api: string;
  org: string;
  session: Session | undefined;
  blob: Blob;
  /** Called with the share of the bytes sent, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** One POST of the bytes with XMLHttpRequest, whose upload events give the progress fetch cannot. */
function send(url: string, token: string | null, o: UploadOptions): Promise<Photo> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    o.signal?.addEventListener('abort', abort, { once: true });
    const done = () => o.signal?.removeEventListener('abort', abort);
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'image/jpeg');
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) o.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      done();
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        o.onProgress?.(1);
        return resolve(body as Photo);
      }
      const error = (body as Partial<ApiErrorBody> | undefined)?.error;
      const code = error?.code ?? (xhr.status >= 500 ? 'internal' : `http_${xhr.status}`);
      reject(new ApiError(xhr.status, code, error?.message ?? xhr.statusText, error?.fields ?? {}, error?.details ?? {}));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'network', 'The photo upload failed.'));
    };
    xhr.onabort = () => {
      done();
      reject(new ApiError(0, 'aborted', 'aborted'));
    };
    if (o.signal?.aborted) return xhr.abort();
    xhr.send(o.blob);
  });
}

/**
 * Uploads JPEG bytes as `POST /v1/orgs/:org/media` and resolves with the stored Photo. Refreshes an
 * expired access token first, and once more if the API says it expired on the way.
 */
export async function uploadPhoto(o: UploadOptions): Promise<Photo> {
  const url = `${o.api.replace(/\/+$/, '')}/v1/orgs/${encodeURIComponent(o.org)}/media`;
  const session = o.session;
  if (session?.signedIn && session.accessExpired) await session.refresh().catch(() => null);
  try {
    return await send(url, session?.accessToken ?? null, o);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'token_expired' && session && (await session.refresh().catch(() => null))) {
      return send(url, session.accessToken, o);
    }
    throw error;
  }
}
