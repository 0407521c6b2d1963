// The one error every Civic Elements API call throws, whatever went wrong.
import type { ApiErrorBody } from '@civic-elements/protocol';

type Details = NonNullable<ApiErrorBody['error']['details']>;

/**
 * An API answer that was not a success, or a request that never got one.
 * `code` is the API's error code, or `network` (no answer) or `aborted` (cancelled).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly details: Details = {},
  ) {
    super(message);
  }

  /** Seconds to wait before trying again, when the API said so. */
  get retryAfter(): number | undefined {
    const value = Number(this.details['retryAfter']);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }
}

/** Turns a failed fetch Response into an ApiError, whatever its body is. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  const details: Details = { ...(error?.details ?? {}) };
  const retryAfter = response.headers.get('Retry-After');
  if (details['retryAfter'] === undefined && retryAfter && /^\d+$/.test(retryAfter)) details['retryAfter'] = Number(retryAfter);
  const code = typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'internal' : 'http_' + response.status;
  return new ApiError(response.status, code, error?.message ?? response.statusText, error?.fields ?? {}, details);
}

/**
 * Wraps whatever fetch threw: an abort becomes `aborted`, anything else `network`. The message is
 * for developers' consoles only (residents see the localised words for the code), so it stays short.
 */
export function errorFromFailure(failure: unknown, signal?: AbortSignal): ApiError {
  if (failure instanceof ApiError) return failure;
  const aborted = signal?.aborted || (failure instanceof DOMException && failure.name === 'AbortError');
  return aborted
    ? new ApiError(0, 'aborted', 'aborted')
    : new ApiError(0, 'network', String(failure));
}
