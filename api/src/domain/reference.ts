// Report references residents quote ("SWK-1042"): the organisation's letters and its own report number.

/** The first number an organisation gives out: references then always have at least 4 digits. */
export const FIRST_REPORT_NUMBER = 1001;

/**
 * Two to four capital letters from an organisation's slug: the initials of a slug of several words
 * (`south-london-health` → SLH), else the first letter, a consonant from the middle and the last
 * letter of its one word (`southwark` → SWK, `camden` → CDN).
 */
export function referencePrefix(slug: string): string {
  const words = slug.toLowerCase().split('-').map((word) => word.replace(/[^a-z]/g, '')).filter(Boolean);
  if (words.length === 0) return 'REP';
  if (words.length > 1) {
    let initials = words.map((word) => word[0]).join('').slice(0, 4);
    // Pad short initials from the first word ("a-1" → "A" → "AX" is no good; the first word's next letters are).
    for (let i = 1; initials.length < 2 && i < words[0]!.length; i++) initials += words[0]![i];
    return (initials.length >= 2 ? initials : `${initials}R`).toUpperCase();
  }
  const word = words[0]!;
  if (word.length <= 3) return (word.length === 1 ? `${word}R` : word).toUpperCase().padEnd(2, 'R');
  const inner = word.slice(1, -1).replace(/[aeiouy]/g, '');
  const middle = inner.length > 0 ? inner[Math.floor(inner.length / 2)]! : word[Math.floor(word.length / 2)]!;
  return `${word[0]}${middle}${word[word.length - 1]}`.toUpperCase();
}

export const formatReference = (prefix: string, number: number): string => `${prefix}-${number}`;

const REFERENCE = /^([A-Za-z]{2,4})-(\d{4,9})$/;

/** Whether `text` is written like a reference (any case); the report is looked up by its stored reference. */
export const looksLikeReference = (text: string): boolean => REFERENCE.test(text.trim());

/** The reference as stored: upper case, trimmed. */
export const normaliseReference = (text: string): string => text.trim().toUpperCase();
