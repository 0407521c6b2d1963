// Test helpers for Open311: a small strict XML reader, the Spark convention back to JSON, and form posts.
import assert from 'node:assert/strict';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Character data directly inside the element, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`Unknown entity &${entity};`);
    return value;
  });
}

/**
 * Reads an XML document the way a strict parser would, failing on anything not well-formed: one
 * root, tags that match, no bare `&` or `<` in text, no characters XML 1.0 forbids. Attributes,
 * comments and CDATA are not expected in Open311 answers and are refused.
 */
export function parseXml(xml: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('A character XML 1.0 forbids');
  let rest = xml;
  const declaration = /^<\?xml version="1\.0" encoding="utf-8"\?>\s*/i.exec(rest);
  if (!declaration) throw new Error('No XML declaration with encoding="utf-8"');
  rest = rest.slice(declaration[0].length);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const token = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)|(<)/y;
  let index = 0;
  while (index < rest.length) {
    token.lastIndex = index;
    const match = token.exec(rest);
    if (!match || match[5]) throw new Error(`Not well-formed at ${index}: ${rest.slice(index, index + 40)}`);
    index = token.lastIndex;
    const [, closing, name, selfClosing, text] = match;
    if (text !== undefined) {
      if (/&(?!(#x[0-9a-fA-F]+|#\d+|\w+);)/.test(text)) throw new Error(`A bare & in ${JSON.stringify(text)}`);
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error('Text outside the root element');
        continue;
      }
      stack[stack.length - 1]!.text += decode(text);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      if (stack.length === 0) root = open;
      continue;
    }
    if (root) throw new Error('A second root element');
    const element: XmlElement = { name: name!, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    if (selfClosing) {
      if (stack.length === 0) root = element;
    } else {
      stack.push(element);
    }
  }
  if (stack.length > 0 || !root) throw new Error('Unclosed elements');
  return root;
}

/** The element names that are containers of repeated elements in GeoReport v2 and service discovery. */
const CONTAINERS = new Set(['services', 'attributes', 'values', 'service_requests', 'errors', 'endpoints', 'formats']);

export type Spark = string | null | Spark[] | { [key: string]: Spark };

/** An element as the Spark convention turns it into JSON, every leaf as text (XML has no numbers). */
export function spark(element: XmlElement): Spark {
  if (CONTAINERS.has(element.name)) {
    const names = new Set(element.children.map((child) => child.name));
    assert.ok(names.size <= 1, `<${element.name}> holds one kind of element, not ${[...names].join(', ')}`);
    return element.children.map(spark);
  }
  if (element.children.length > 0) {
    const object: Record<string, Spark> = {};
    for (const child of element.children) {
      assert.ok(!(child.name in object), `<${element.name}> has <${child.name}> twice`);
      object[child.name] = spark(child);
    }
    return object;
  }
  return element.text === '' ? null : element.text;
}

/** A JSON answer with every leaf as text, to compare with `spark()` of the XML answer. */
export function asText(value: unknown): Spark {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(asText);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, asText(child)]));
  return value === '' ? null : String(value);
}

/** A form body as an Open311 client sends it: repeated names for lists, `attribute[code][]` kept as written. */
export function formBody(fields: Record<string, string | number | readonly (string | number)[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  return params.toString();
}
