// Open311's error answer: `[{ code, description }]` / `<errors><error>…`, with 400, 403 or 404 as the spec asks.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { list, type Document } from './document.js';

export interface Open311Problem {
  /** The spec's examples use the HTTP status; so do we, so that every client can read it. */
  code: number;
  /** Meant for a person: says which parameter is wrong and what to send instead. */
  description: string;
}

/**
 * Thrown by the Open311 routes; their error handler answers it in the request's format. The spec
 * allows several errors at once (the body is a list), which is how every bad `attribute[…]` of a
 * request is reported together.
 */
export class Open311Error extends Error {
  readonly problems: Open311Problem[];

  constructor(
    readonly status: ContentfulStatusCode,
    descriptions: string | readonly string[],
    readonly headers: Record<string, string> = {},
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : [...descriptions];
    super(list.join(' '));
    this.name = 'Open311Error';
    this.problems = list.map((description) => ({ code: status, description }));
  }
}

/** 400: the request cannot be done as asked (bad or missing parameter). */
export const badRequest = (descriptions: string | readonly string[]) => new Open311Error(400, descriptions);
/** 403: missing, wrong or revoked `api_key`. */
export const keyRefused = (description: string) => new Open311Error(403, description);
/** 404: no such jurisdiction, service, request or token. */
export const notFound311 = (description: string) => new Open311Error(404, description);

export function errorDocument(problems: readonly Open311Problem[]): Document {
  return { root: 'errors', body: list('error', problems.map((p) => ({ code: p.code, description: p.description }))) };
}
