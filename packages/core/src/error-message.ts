// Maps an API error to words a resident understands, in their language.
import { ApiError } from './api-error.js';
import { hasMessage, type LocalizeController } from './localize.js';

/** The localised message for any failure: an ApiError's code, else a generic "try again". */
export function errorMessage(error: unknown, localize: Pick<LocalizeController, 't' | 'duration'>): string {
  if (!(error instanceof ApiError)) return localize.t('error.unknown');
  if (error.code === 'rate_limited') {
    const wait = error.retryAfter;
    return wait ? localize.t('error.rate_limited', { wait: localize.duration(wait) }) : localize.t('error.rate_limited.soon');
  }
  const key = 'error.' + error.code;
  if (hasMessage(key)) return localize.t(key);
  return localize.t(error.status >= 500 ? 'error.internal' : 'error.unknown');
}
