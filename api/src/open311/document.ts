// One Open311 answer, written once and rendered as JSON or XML by the Spark convention the spec uses.
//
// GeoReport v2 defines its answers as XML and derives the JSON from it: a container element whose
// children are all the same repeated element (`<services><service>…`) becomes a JSON array, even with
// one child; other elements become object keys; an empty element is `null`. Answers are built here
// as plain values with `list()` marking the containers, so both formats come from the same data.

/** A container element holding repeated `item` elements: a JSON array, `<name><item>…</item>…</name>` in XML. */
export class Repeated {
  constructor(
    readonly item: string,
    readonly items: readonly Value[],
  ) {}
}

export type Value = string | number | boolean | null | Repeated | { readonly [element: string]: Value };

export const list = (item: string, items: readonly Value[]): Repeated => new Repeated(item, items);

/** The whole answer: the root element's name (XML only) and its content. */
export interface Document {
  root: string;
  body: Value;
}

// ─── JSON ────────────────────────────────────────────────────────────────────────────────────────

function toJson(value: Value): unknown {
  if (value instanceof Repeated) return value.items.map(toJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toJson(child)]));
}

export function renderJson(document: Document): string {
  return JSON.stringify(toJson(document.body));
}

// ─── XML ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, line feed and
 * carriage return, lone surrogates, and U+FFFE/U+FFFF. Residents' text could hold any of them (pasted
 * from a word processor, say); they are dropped rather than letting one report break a whole feed.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data: `&`, `<` and `>` escaped (`>` for `]]>`), carriage returns kept as `&#13;` (parsers would turn them into line feeds), the impossible characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>\r]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&#13;'));
}

/** Element names are ours (the spec's), never data; this guards against a typo becoming broken XML. */
const NAME = /^[A-Za-z_][\w.-]*$/;

function writeElement(name: string, value: Value, out: string[], depth: number): void {
  if (!NAME.test(name)) throw new Error(`Not an XML element name: ${name}`);
  const indent = '  '.repeat(depth);
  if (value === null || value === '') {
    out.push(`${indent}<${name}/>`);
  } else if (value instanceof Repeated) {
    if (value.items.length === 0) {
      out.push(`${indent}<${name}/>`);
      return;
    }
    out.push(`${indent}<${name}>`);
    for (const item of value.items) writeElement(value.item, item, out, depth + 1);
    out.push(`${indent}</${name}>`);
  } else if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      out.push(`${indent}<${name}/>`);
      return;
    }
    out.push(`${indent}<${name}>`);
    for (const [child, childValue] of entries) writeElement(child, childValue, out, depth + 1);
    out.push(`${indent}</${name}>`);
  } else {
    out.push(`${indent}<${name}>${escapeXml(String(value))}</${name}>`);
  }
}

export function renderXml(document: Document): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  writeElement(document.root, document.body, out, 0);
  return `${out.join('\n')}\n`;
}
