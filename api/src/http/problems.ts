// A `validation_failed` error from checks made after the schema (geometry, answers, photos), in the shape zod's errors take.
import { ApiError } from './errors.js';

/** Throws 400 `validation_failed` with `fields` keyed by dotted path when there is any problem. */
export function assertNoProblems(fields: Record<string, string>): void {
  if (Object.keys(fields).length > 0) throw problemsError(fields);
}

/** The 400 `validation_failed` error for these problems (at least one). */
export function problemsError(fields: Record<string, string>): ApiError {
  const entries = Object.entries(fields);
  const message =
    entries.length === 1
      ? `There is a problem with ${entries[0]![0]}: ${entries[0]![1]}`
      : `There are ${entries.length} problems: ${entries.map(([field, text]) => `${field}: ${text}`).join(' ')}`;
  return new ApiError(400, 'validation_failed', message, { fields });
}

/** Prefixes each key: `{ 'coordinates.0': … }` → `{ 'geometry.coordinates.0': … }`. */
export function under(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, message]) => [`${prefix}.${key}`, message]));
}
