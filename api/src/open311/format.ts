// Which format an Open311 request asked for (the `.json` / `.xml` suffix), and answering in it.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/env.js';
import { renderJson, renderXml, type Document } from './document.js';

export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** `pothole.json` → `{ name: 'pothole', format: 'json' }`; null when the suffix is missing or unknown. */
export function splitSuffix(segment: string): { name: string; format: Format } | null {
  const match = /^(.+)\.(json|xml)$/i.exec(segment);
  if (!match) return null;
  return { name: match[1]!, format: match[2]!.toLowerCase() as Format };
}

/**
 * The format of an error answer when the path itself says none (a mistyped URL): the suffix when
 * there is one, else JSON if the client says it accepts JSON and not XML, else XML, the one format
 * every GeoReport v2 client must read.
 */
export function formatOfPath(c: Context<AppEnv>): Format {
  const last = c.req.path.split('/').pop() ?? '';
  const suffix = /\.(json|xml)$/i.exec(last);
  if (suffix) return suffix[1]!.toLowerCase() as Format;
  const accept = c.req.header('accept') ?? '';
  return /json/i.test(accept) && !/xml/i.test(accept) ? 'json' : 'xml';
}

/** The answer, with the headers every response carries (see http/reply.ts) and `extra` on top. */
export function reply(c: Context<AppEnv>, format: Format, document: Document, status: ContentfulStatusCode = 200, extra: Record<string, string> = {}): Response {
  c.set('headersApplied', true);
  const text = format === 'json' ? renderJson(document) : renderXml(document);
  return new Response(text, { status, headers: { ...c.get('responseHeaders'), 'content-type': CONTENT_TYPES[format], ...extra } });
}
