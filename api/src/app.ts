// createApp: the whole HTTP API as a Hono app, built from its dependencies, with no side effects.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '@civic-elements/protocol';
import type { Config } from './config.js';
import { cors, OriginAllowList } from './http/cors.js';
import { json, responseHeaders } from './http/reply.js';
import { ApiError } from './http/errors.js';
import type { AppEnv, Deps } from './http/env.js';
import { RateLimiter } from './http/rate-limit.js';
import { OutboxMailer } from './mail/outbox.js';
import type { Mailer } from './mail/types.js';
import { authRoutes } from './routes/auth/index.js';
import { devRoutes } from './routes/dev/index.js';
import { elementRoutes } from './routes/elements/index.js';
import { healthRoutes } from './routes/health/index.js';
import { meRoutes } from './routes/me/index.js';
import { openApiRoutes } from './routes/openapi/index.js';
import { orgRoutes } from './routes/orgs/index.js';
import { eventRoutes } from './routes/events/index.js';
import { layerRoutes } from './routes/layers/index.js';
import { placeRoutes } from './routes/places/index.js';
import { projectRoutes } from './routes/projects/index.js';
import { geocodeRoutes } from './routes/geocode/index.js';
import { MEDIA_UPLOAD_PATH, mediaRoutes } from './routes/media/index.js';
import { webhookRoutes } from './routes/webhooks/index.js';
import { open311KeyRoutes } from './open311/keys.js';
import { open311Routes } from './open311/routes.js';
import { reportsRoutes } from './routes/reports/index.js';
import { MAX_UPLOAD_BYTES } from './media/limits.js';
import type { Store } from './store/types.js';
import { StreamHub } from './debate/hub.js';
import { debateRoutes } from './routes/debate/index.js';
import { pollRoutes } from './routes/polls/index.js';
import { consultationRoutes } from './routes/consultations/index.js';
import { streamRoutes } from './routes/stream/index.js';
import { FirstPageCache } from './debate/page-cache.js';

export interface AppOptions {
  store: Store;
  config: Config;
  mailer: Mailer;
  /** The time; tests pass their own to travel forward. */
  clock?: () => Date;
  /** The live streams' hub; server.ts passes one so that it can end every stream on shutdown. */
  streams?: StreamHub;
  /** Where access-log lines go when config.accessLog is on (default: stdout). */
  log?: (line: string) => void;
}

export const BODY_LIMIT_BYTES = 64 * 1024;
const REQUEST_ID = /^[\w.:-]{1,100}$/;
/** What hono/secure-headers sends by default (less Cross-Origin-Opener-Policy), for a cross-origin API. */
const SECURE_HEADERS: Record<string, string> = {
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

export function createApp(options: AppOptions) {
  const { store, config, mailer } = options;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const deps: Deps = {
    store,
    config,
    mailer,
    clock,
    origins: new OriginAllowList(store),
    limiter: new RateLimiter(config.rateLimits, () => clock().getTime()),
    streams: options.streams ?? new StreamHub(),
    firstPages: new FirstPageCache(() => clock().getTime()),
  };

  const app = new Hono<AppEnv>();

  // The request id, then the security headers and the id on every response (see http/reply.ts for
  // why they are collected rather than set one by one).
  app.use(
    responseHeaders((c) => {
      const incoming = c.req.header('x-request-id');
      const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      c.set('requestId', id);
      return { ...SECURE_HEADERS, 'x-request-id': id };
    }),
  );

  if (config.accessLog) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      log(
        JSON.stringify({
          time: new Date().toISOString(),
          requestId: c.get('requestId'),
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        }),
      );
    });
  }

  app.use(cors(deps.origins, deps.config.publicUrl ? new URL(deps.config.publicUrl).origin : undefined));
  const limitBody = bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${BODY_LIMIT_BYTES / 1024} KB.`);
    },
  });
  // Photo uploads alone may be up to 10 MB.
  const limitUpload = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The photo is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
    },
  });
  // Only requests that can carry a body are measured (reading c.req.raw on a GET costs a full Request).
  app.use('/v1/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : c.req.method === 'POST' && MEDIA_UPLOAD_PATH.test(c.req.path) ? limitUpload(c, next) : limitBody(c, next),
  );

  app.route('/health', healthRoutes(deps));
  app.route('/v1/openapi.json', openApiRoutes(config.publicUrl));
  app.route('/v1/orgs', orgRoutes(deps));
  app.route('/v1/orgs', layerRoutes(deps));
  app.route('/v1/orgs', projectRoutes(deps));
  app.route('/v1/orgs', placeRoutes(deps));
  app.route('/v1/orgs', eventRoutes(deps));
  app.route('/v1/orgs', webhookRoutes(deps));
  app.route('/v1/orgs', open311KeyRoutes(deps));
  app.route('/open311/v2', open311Routes(deps));
  app.route('/v1/orgs', reportsRoutes(deps));
  app.route('/v1/orgs', debateRoutes(deps));
  app.route('/v1/orgs', pollRoutes(deps));
  app.route('/v1/orgs', consultationRoutes(deps));
  app.route('/v1/stream', streamRoutes(deps));
  app.route('/v1', mediaRoutes(deps));
  app.route('/v1/geocode', geocodeRoutes(deps));
  app.route('/v1/auth', authRoutes(deps));
  app.route('/v1/me', meRoutes(deps));
  if (config.devRoutes) app.route('/dev', devRoutes(mailer instanceof OutboxMailer ? mailer : undefined));
  if (config.elementsDir) app.route('/elements', elementRoutes(config.elementsDir));

  const respond = (
    c: Parameters<Parameters<typeof app.onError>[0]>[1],
    status: ContentfulStatusCode,
    error: Omit<ApiErrorBody['error'], 'requestId'>,
    headers: Record<string, string> = {},
  ) => {
    const body: ApiErrorBody = { error: { ...error, requestId: c.get('requestId') } };
    return json(c, body, status, headers);
  };

  app.notFound((c) => respond(c, 404, { code: 'not_found', message: `There is nothing at ${c.req.method} ${c.req.path}.` }));

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      const { fields, details, headers } = error.extra;
      return respond(c, error.status, { code: error.code, message: error.message, ...(fields ? { fields } : {}), ...(details ? { details } : {}) }, headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return respond(c, error.status as ContentfulStatusCode, { code: error.status === 400 ? 'invalid_json' : 'not_found', message: error.message || 'Bad request.' });
    }
    console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), message: String(error), stack: error instanceof Error ? error.stack : undefined }));
    return respond(c, 500, { code: 'internal', message: 'Something went wrong on our side. Please try again.' });
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
