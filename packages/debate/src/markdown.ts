// The safe Markdown subset of comments: parsed into a small token tree, built as DOM nodes (text
// nodes and a checked href), never through innerHTML. Every step is linear in the input.

/** Inline content: text, emphasis, strong, or a link (whose href is http(s) or mailto only). */
export type Inline = string | { t: 'em' | 'strong'; c: Inline[] } | { t: 'a'; href: string; c: Inline[] };
/** Blocks: a paragraph, a list (`start` for a numbered one), a quote. */
export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; start: number; items: Inline[][] }
  | { t: 'quote'; c: Block[] };

/** Quotes inside quotes: deeper `>` are text. */
const MAX_QUOTE_DEPTH = 3;
/** Emphasis inside emphasis: deeper `*` are text. */
const MAX_INLINE_DEPTH = 16;
const MAX_URL = 2000;
/** Characters a backslash makes literal. */
const ESCAPABLE = '\\*[]()>-+.#_`!';
const BULLET = /^ {0,3}[-*+][ \t]+(?=\S)/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(?=\S)/;
const QUOTE = /^ {0,3}> ?/;
const BLANK = /^[ \t\r]*$/;

/**
 * A link's address if it may be one: http:, https: or mailto:, with no spaces or control characters,
 * as the URL parser writes it. Anything else (javascript:, data:, vbscript:, relative paths) is null.
 */
export function safeHref(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_URL || /[\s\u0000-\u001f\u007f<>"`\\]/.test(raw)) return null;
  if (!/^(?:https?:\/\/|mailto:)/i.test(raw)) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
    if (url.protocol !== 'mailto:' && !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Parses a comment's body into blocks. */
export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.split('\n'), 0);
}

/**
 * Whether a line can only be text: its first character after up to 3 spaces starts no block and it is
 * not blank. Most lines are, and this spares them the block patterns (a list of 500 comments parses
 * thousands of lines).
 */
function plain(line: string): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const char = line[i];
  return char !== undefined && !' \t\r-*+>0123456789'.includes(char);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  const listItem = (line: string): RegExpExecArray | null => BULLET.exec(line) ?? NUMBERED.exec(line);
  while (i < lines.length) {
    const line = lines[i]!;
    const isText = plain(line);
    if (!isText && BLANK.test(line)) {
      i++;
      continue;
    }
    if (!isText && depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(lines[i++]!.replace(QUOTE, ''));
      blocks.push({ t: 'quote', c: parseBlocks(inner, depth + 1) });
      continue;
    }
    const first = isText ? null : listItem(line);
    if (first) {
      const numbered = first.length > 1 && first[1] !== undefined;
      const items: Inline[][] = [];
      while (i < lines.length) {
        const marker = listItem(lines[i]!);
        if (!marker || (marker[1] !== undefined) !== numbered) break;
        const item = [lines[i]!.slice(marker[0].length)];
        i++;
        // A line that is neither blank, an item, nor a quote goes on with the item above.
        while (i < lines.length && (plain(lines[i]!) || (!BLANK.test(lines[i]!) && !listItem(lines[i]!) && !QUOTE.test(lines[i]!)))) item.push(lines[i++]!);
        items.push(parseInline(item.join('\n')));
      }
      blocks.push(numbered ? { t: 'ol', start: Number(first[1]), items } : { t: 'ul', items });
      continue;
    }
    const paragraph = [line];
    i++;
    // A paragraph goes on until a blank line, a quote, a bullet, or a numbered list starting at 1.
    while (i < lines.length) {
      const next = lines[i]!;
      if (!plain(next) && (BLANK.test(next) || (depth < MAX_QUOTE_DEPTH && QUOTE.test(next)) || BULLET.test(next) || NUMBERED.exec(next)?.[1] === '1')) break;
      paragraph.push(next);
      i++;
    }
    blocks.push({ t: 'p', c: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

/** For each position, the next position at or after it holding `char` (or the length). */
function nextOf(text: string, char: string): Int32Array {
  const next = new Int32Array(text.length + 1);
  next[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i--) next[i] = text[i] === char ? i : next[i + 1]!;
  return next;
}

const isSpace = (char: string | undefined): boolean => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/** Parses inline Markdown: escapes, links, bare http(s) addresses, `*emphasis*` and `**strong**`. */
export function parseInline(text: string): Inline[] {
  // The index serves links only: text without a `[` has none, and needs no index.
  const index = text.includes('[') ? { closeBracket: nextOf(text, ']'), openBracket: nextOf(text, '['), closeParen: nextOf(text, ')') } : NO_INDEX;
  return parseSpan(text, 0, text.length, index, false);
}
const NO_INDEX: Index = { closeBracket: new Int32Array(0), openBracket: new Int32Array(0), closeParen: new Int32Array(0) };

interface Index {
  closeBracket: Int32Array;
  openBracket: Int32Array;
  closeParen: Int32Array;
}

/** Inline content of text[from, to): a flat pass, then emphasis matched with a stack. */
function parseSpan(text: string, from: number, to: number, index: Index, inLink: boolean): Inline[] {
  const out: Inline[] = [];
  /** Openers of emphasis not closed yet: where their `*` text sits in `out`, and which kind. */
  const openers: { at: number; kind: 'em' | 'strong' }[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push(buffer);
    buffer = '';
  };
  let i = from;
  while (i < to) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < to && ESCAPABLE.includes(text[i + 1]!)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '[') {
      const close = index.closeBracket[i + 1]!;
      // No `[` inside the text, a `(` right after the `]`, a `)` with the address before it.
      if (close < to && index.openBracket[i + 1]! > close && text[close + 1] === '(' && close > i + 1) {
        const end = index.closeParen[close + 2]!;
        const href = end < to ? safeHref(text.slice(close + 2, end)) : null;
        if (href) {
          flush();
          out.push({ t: 'a', href, c: parseSpan(text, i + 1, close, index, true) });
          i = end + 1;
          continue;
        }
      }
      buffer += char;
      i++;
      continue;
    }
    if (!inLink && (char === 'h' || char === 'H') && !isWordChar(text[i - 1]) && /^https?:\/\//i.test(text.slice(i, i + 8))) {
      let end = i;
      while (end < to && !/[\s<>"]/.test(text[end]!)) end++;
      // Trailing punctuation ends the sentence, not the address; a `)` stays when it closes a `(` of the address.
      const span = text.slice(i, end);
      const opens = span.split('(').length - 1;
      let closes = span.split(')').length - 1;
      while (end > i && /[.,;:!?'*\])]/.test(text[end - 1]!)) {
        if (text[end - 1] === ')') {
          if (closes <= opens) break;
          closes--;
        }
        end--;
      }
      const raw = text.slice(i, end);
      const href = raw.length > 8 ? safeHref(raw) : null;
      if (href) {
        flush();
        out.push({ t: 'a', href, c: [raw] });
      } else {
        // Not an address after all: its text as it is (scanning it again from each character would be quadratic).
        buffer += raw || char;
      }
      i = Math.max(end, i + 1);
      continue;
    }
    if (char === '*') {
      let end = i;
      while (end < to && text[end] === '*') end++;
      const run = text.slice(i, end);
      if (run.length > 2) {
        buffer += run;
        i = end;
        continue;
      }
      const kind = run.length === 2 ? 'strong' : 'em';
      const canOpen = end < to && !isSpace(text[end]);
      const canClose = i > from && !isSpace(text[i - 1]);
      let closed = false;
      if (canClose) {
        let match = -1;
        for (let k = openers.length - 1; k >= 0; k--) {
          if (openers[k]!.kind === kind) {
            match = k;
            break;
          }
        }
        if (match >= 0) {
          flush();
          const opener = openers[match]!;
          // Openers above the match stay as the text they were.
          openers.length = match;
          const children = out.splice(opener.at + 1);
          out[opener.at] = { t: kind, c: children };
          closed = true;
        }
      }
      if (!closed) {
        flush();
        if (canOpen && openers.length < MAX_INLINE_DEPTH) openers.push({ at: out.length, kind });
        out.push(run);
      }
      i = end;
      continue;
    }
    buffer += char;
    i++;
  }
  flush();
  return mergeText(out);
}

/** Adjacent strings joined (unmatched `*` left as text sit between text). */
function mergeText(nodes: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (typeof node === 'string' && typeof last === 'string') merged[merged.length - 1] = last + node;
    else merged.push(node);
  }
  return merged;
}

/** The `rel` of every link in a comment: residents' links earn no ranking and get no window.opener. */
export const LINK_REL = 'nofollow ugc noopener';

/** Inline content appended as DOM nodes: text nodes (never parsed), em, strong, and links with a checked href. */
function appendInline(parent: Node, nodes: Inline[]): void {
  const doc = parent.ownerDocument ?? document;
  for (const node of nodes) {
    if (typeof node === 'string') {
      parent.appendChild(doc.createTextNode(node));
      continue;
    }
    const element = doc.createElement(node.t);
    if (node.t === 'a') {
      element.setAttribute('href', node.href);
      element.setAttribute('rel', LINK_REL);
    }
    appendInline(element, node.c);
    parent.appendChild(element);
  }
}

/** Blocks appended as DOM nodes: only p, em, strong, ul, ol, li, blockquote and a. */
function appendBlocks(parent: Node, blocks: Block[]): void {
  const doc = parent.ownerDocument ?? document;
  for (const block of blocks) {
    let element: HTMLElement;
    if (block.t === 'p') {
      element = doc.createElement('p');
      appendInline(element, block.c);
    } else if (block.t === 'quote') {
      element = doc.createElement('blockquote');
      appendBlocks(element, block.c);
    } else {
      element = doc.createElement(block.t);
      if (block.t === 'ol' && block.start !== 1) element.setAttribute('start', String(block.start));
      for (const item of block.items) {
        const li = doc.createElement('li');
        appendInline(li, item);
        element.appendChild(li);
      }
    }
    parent.appendChild(element);
  }
}

/**
 * A comment's body, parsed and built as DOM nodes with createElement and createTextNode: nothing is
 * ever parsed as HTML, and a body costs its own nodes only (no template markers), which matters in a
 * list of hundreds of comments. Lit renders the fragment as a child value.
 */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  appendBlocks(fragment, parseMarkdown(source));
  return fragment;
}
