// The one error type handlers throw; app.ts turns it into `{ error: { code, message, fields?, details?, requestId } }`.
import type { ErrorCode } from '@civic-elements/protocol';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ApiErrorExtra {
  fields?: Record<string, string>;
  details?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extra: ApiErrorExtra = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what = 'There is nothing at this address.') => new ApiError(404, 'not_found', what);
export const orgNotFound = (slug: string) => new ApiError(404, 'org_not_found', `There is no organisation "${slug}".`);
export const forbidden = (message = 'You do not have permission to do this.') => new ApiError(403, 'forbidden', message);
