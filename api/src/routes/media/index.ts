// Photos: POST /v1/orgs/:org/media (the image bytes as the body) → Photo; GET /v1/media/:id/:variant.jpg serves them.
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Photo } from '@civic-elements/protocol';
import { assertOriginAllowed } from '../../http/cors.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { baseUrl, findOrg, optionalAuth, signedIn } from '../../http/viewer.js';
import { clientAddress } from '../../http/rate-limit.js';
import { addressKey } from '../../reports/create.js';
import { reportSettingsOf } from '../../reports/settings.js';
import { MediaFiles } from '../../media/files.js';
import { intakePhoto } from '../../media/intake.js';
import { MAX_UPLOAD_BYTES, VARIANT_SIZES, type ServedVariant } from '../../media/limits.js';
import { ImageRejected } from '../../media/process.js';
import { photoOut } from '../../present-maps.js';

/** The path the upload route answers on, for the body-size middleware in app.ts (10 MB here, 64 KB elsewhere). */
export const MEDIA_UPLOAD_PATH = /^\/v1\/orgs\/[^/]+\/media\/?$/;

/** Photos one client address may upload per rate-limit window without signing in (5 photos for each of 4 reports). */
export const ANONYMOUS_UPLOADS_PER_WINDOW = 20;

const FILE_NAME = /^(thumb|large)\.jpg$/;
/** A year, and never revalidated: a photo's files never change (a new photo gets a new id). */
const CACHE_FOREVER = 'public, max-age=31536000, immutable';

/** The ApiError a refused upload answers with. */
function refusal(error: ImageRejected): ApiError {
  switch (error.reason) {
    case 'too_large':
    case 'too_many_pixels':
      return new ApiError(413, 'payload_too_large', error.message);
    case 'not_an_image':
    case 'unreadable':
      return new ApiError(415, 'unsupported_media_type', error.message);
  }
}

export function mediaRoutes(deps: Deps) {
  const files = new MediaFiles(join(deps.config.dataDir, 'media'));
  const maybeAuth = optionalAuth(deps);

  return new Hono<AppEnv>()
    .post('/orgs/:org/media', maybeAuth, async (c) => {
      const org = await findOrg(deps, c.req.param('org'));
      assertOriginAllowed(c.req.header('origin'), org);
      const user = signedIn(c)?.user ?? null;
      // Without signing in, only for a report where the organisation takes anonymous ones (api/src/reports/create.ts
      // then lets only the same client address attach it, within the hour).
      let anonymousKey: string | null = null;
      if (!user) {
        if (!(await reportSettingsOf(deps.store, org.id)).anonymousReports) {
          throw new ApiError(401, 'unauthenticated', 'Sign in to upload photos.', { headers: { 'WWW-Authenticate': 'Bearer' } });
        }
        const address = clientAddress(c);
        deps.limiter.hit([{ key: `media-anonymous:${address}`, limit: Math.min(ANONYMOUS_UPLOADS_PER_WINDOW, deps.config.mediaUploadsPerWindow) }]);
        anonymousKey = addressKey(deps, address);
      } else {
        // Converting a photo takes real CPU: each person gets a number of uploads per window.
        deps.limiter.hit([{ key: `media:${user.id}`, limit: deps.config.mediaUploadsPerWindow }]);
      }

      const declared = Number(c.req.header('content-length') ?? 0);
      if (declared > MAX_UPLOAD_BYTES) throw new ApiError(413, 'payload_too_large', `The photo is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new ApiError(400, 'validation_failed', 'Send the photo as the request body.', { fields: { body: 'The body is empty.' } });

      try {
        const media = await intakePhoto(deps.store.media, files, { orgId: org.id, uploaderId: user?.id ?? null, bytes, now: deps.clock() });
        if (anonymousKey !== null) await deps.store.reports.recordAnonymousUpload(org.id, media.id, anonymousKey, deps.clock());
        const photo: Photo = photoOut(media, baseUrl(c, deps.config));
        return json(c, photo, 201, { location: photo.large });
      } catch (error) {
        if (error instanceof ImageRejected) throw refusal(error);
        throw error;
      }
    })
    .get('/media/:id/:file', async (c) => {
      const variant = FILE_NAME.exec(c.req.param('file'))?.[1] as ServedVariant | undefined;
      if (!variant) throw notFound(`A photo is served as ${Object.keys(VARIANT_SIZES).map((v) => `${v}.jpg`).join(' or ')}.`);
      const media = await deps.store.media.find(c.req.param('id'));
      if (!media) throw notFound('There is no photo with this id.');
      if (await deps.store.reports.photoRemoved(media.id)) throw notFound('This photo was removed.');
      const etag = `"${media.sha256.slice(0, 32)}-${variant}"`;
      const headers: Record<string, string> = {
        'cache-control': CACHE_FOREVER,
        etag,
        'x-content-type-options': 'nosniff',
      };
      if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        return c.body(null, 304, headers);
      }
      const bytes = await files.read(media.sha256, variant);
      if (!bytes) throw notFound('The files of this photo are missing.');
      return c.body(new Uint8Array(bytes), 200, { ...headers, 'content-type': 'image/jpeg', 'content-length': String(bytes.length) });
    });
}
