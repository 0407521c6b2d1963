// The types every router shares: the app's dependencies and the Hono environment.
import type { IncomingMessage } from 'node:http';
import type { Config } from '../config.js';
import type { Mailer } from '../mail/types.js';
import type { OrgRecord, SessionRecord, Store, UserRecord } from '../store/types.js';
import type { StreamHub } from '../debate/hub.js';
import type { OriginAllowList } from './cors.js';
import type { RateLimiter } from './rate-limit.js';
import type { FirstPageCache } from '../debate/page-cache.js';

export interface Deps {
  store: Store;
  config: Config;
  mailer: Mailer;
  clock: () => Date;
  origins: OriginAllowList;
  limiter: RateLimiter;
  /** Open live streams (/v1/stream) and what is pushed to them. */
  streams: StreamHub;
  /** Discussions' first pages as signed-out readers get them (debate/page-cache.ts). */
  firstPages: FirstPageCache;
}

export interface Signedin {
  user: UserRecord;
  session: SessionRecord;
  /** The organisation the session was opened through. */
  org: OrgRecord;
}

export interface AppEnv {
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    requestId: string;
    /** The request's Origin when some organisation allows it (and so CORS headers are sent). */
    corsOrigin: string | undefined;
    signedIn: Signedin;
    /** Headers every response carries (lower-case names), decided before the handler; see reply.ts. */
    responseHeaders: Record<string, string>;
    /** Set when the response was made by json(), which included responseHeaders itself. */
    headersApplied: boolean;
  };
}
