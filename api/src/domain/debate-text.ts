// Pure checks on comment text and subjects: the key repeated text is recognised by, blocked words,
// and the canonical form of a page's address.

/** What "the same text" means: trimmed, case-folded, every run of white space one space, canonical Unicode. */
export function textKey(body: string): string {
  return body.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The blocked words (as the organisation listed them) that `body` contains as whole words, in any
 * case: a letter, digit or underscore on either side makes it part of another word ("Scunthorpe").
 * Works for any script (Unicode letters), and a listed phrase matches across any white space.
 */
export function blockedWordsIn(body: string, blocked: readonly string[]): string[] {
  const text = body.normalize('NFKC');
  const found: string[] = [];
  for (const word of blocked) {
    const wanted = word.normalize('NFKC').trim();
    if (!wanted) continue;
    const pattern = wanted.split(/\s+/u).map(escapeRegExp).join('\\s+');
    const re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])${pattern}(?![\\p{L}\\p{M}\\p{N}_])`, 'iu');
    if (re.test(text) || re.test(text.toLowerCase())) found.push(word);
  }
  return found;
}

/**
 * A page's address as a subject knows it: origin and path, no query, no fragment, no trailing
 * `index.html`-style differences beyond what URL parsing settles. Null when it is not an http(s) URL.
 */
export function normalisePageUrl(text: string): { origin: string; url: string } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return { origin: url.origin, url: `${url.origin}${url.pathname}` };
}
