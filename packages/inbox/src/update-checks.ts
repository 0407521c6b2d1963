// Checks the inbox makes before sending an update, and how the API's refusals are placed next to the
// controls they are about.
import { ApiError, errorMessage, type LocalizeController } from '@civic-elements/core';

type T = (key: string, params?: Record<string, string | number>) => string;

export const NOTE_MAX = 2000;

/** Notes longer than the API takes (a paste can get past `maxlength` in some browsers). */
export function noteChecks(draft: { publicNote: string; internalNote: string }, t: T, prefix: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.publicNote.trim().length > NOTE_MAX) errors[`${prefix}public-note`] = t('inbox.error.note-long', { count: NOTE_MAX });
  if (draft.internalNote.trim().length > NOTE_MAX) errors[`${prefix}internal-note`] = t('inbox.error.note-long', { count: NOTE_MAX });
  return errors;
}

/**
 * A validation failure's messages keyed by the id of the control each is about (`controlFor` maps
 * the API's field path to it); what no control owns, and any other failure, is the `problem`.
 */
export function splitApiErrors(error: unknown, controlFor: (path: string) => string | undefined): { errors: Record<string, string>; problem: string } {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return { errors, problem: '' };
  const leftOver: string[] = [];
  for (const [path, message] of Object.entries(error.fields)) {
    const id = controlFor(path);
    if (id) errors[id] ??= message;
    else leftOver.push(message);
  }
  return { errors, problem: leftOver.join(' ') || (Object.keys(errors).length ? '' : error.message) };
}

/** Why one report of a bulk change failed: the localised words for its code, else the API's own. */
export function failureMessage(failure: { code: string; message: string }, localize: Pick<LocalizeController, 't' | 'duration'>): string {
  const known = localize.t(`error.${failure.code}`);
  if (known !== `error.${failure.code}`) return known;
  return failure.message || errorMessage(new ApiError(400, failure.code, failure.message), localize);
}

/** The words for any failure of a single request. */
export const problemOf = (error: unknown, localize: Pick<LocalizeController, 't' | 'duration'>): string =>
  error instanceof ApiError && error.code === 'validation_failed' && error.message ? error.message : errorMessage(error, localize);
