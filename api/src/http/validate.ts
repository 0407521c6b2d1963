// Request validation with the protocol's zod schemas: JSON bodies and query strings, one error shape.
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.js';
import type { AppEnv } from './env.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): string {
  if (issue.code === 'invalid_type') {
    if ((issue as { input?: unknown }).input === undefined) return 'This field is required.';
    if (issue.expected === 'int') return 'This should be a whole number.';
    return `This should be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' || issue.expected === 'record' ? 'an object' : `a ${issue.expected}`}.`;
  }
  if (issue.code === 'unrecognized_keys') return 'This field is not allowed here.';
  return issue.message;
}

/** Turns zod issues into a `validation_failed` error with `fields` keyed by dotted path. */
export function validationError(issues: readonly Issue[]): ApiError {
  const fields: Record<string, string> = {};
  const add = (path: string, message: string) => {
    fields[path] ??= message;
  };
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, describe(issue));
    } else {
      add(base || 'body', describe(issue));
    }
  }
  const entries = Object.entries(fields);
  const message =
    entries.length === 1
      ? `There is a problem with ${entries[0]![0]}: ${entries[0]![1]}`
      : `There are ${entries.length} problems: ${entries.map(([field, text]) => `${field}: ${text}`).join(' ')}`;
  return new ApiError(400, 'validation_failed', message, { fields });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

/** Reads a JSON body: 415 for another content type, 400 `invalid_json` for text that is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

/** Validates the JSON body; the handler reads it, typed, with `c.req.valid('json')`. */
export function jsonBody<S extends z.ZodType>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async (c, next) => {
    const data = parseWith(schema, await readJson(c));
    c.req.addValidatedData('json', data as object);
    await next();
  };
}

/** Validates the query string; the handler reads it with `c.req.valid('query')`. */
export function queryOf<S extends z.ZodType>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { query: Record<string, string> }; out: { query: z.output<S> } }> {
  return async (c, next) => {
    const data = parseWith(schema, c.req.query());
    c.req.addValidatedData('query', data as object);
    await next();
  };
}
