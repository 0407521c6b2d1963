// Checking a one-time sign-in code against the stored record: pure, the caller supplies the hashes and the time.

export interface StoredCode {
  codeHash: string;
  expiresAt: string;
  triesLeft: number;
}

export type CodeCheck =
  | { result: 'ok' }
  | { result: 'wrong'; triesLeft: number }
  | { result: 'expired' }
  | { result: 'exhausted' }
  | { result: 'none' };

/**
 * `matches` compares the hash of the input with the stored one (in constant time, done by the caller).
 * A wrong try uses one of the tries: `triesLeft` is what remains after it.
 */
export function checkCode(
  stored: StoredCode | null | undefined,
  matches: (codeHash: string) => boolean,
  now: Date,
): CodeCheck {
  if (!stored) return { result: 'none' };
  if (Date.parse(stored.expiresAt) <= now.getTime()) return { result: 'expired' };
  if (stored.triesLeft <= 0) return { result: 'exhausted' };
  if (matches(stored.codeHash)) return { result: 'ok' };
  return { result: 'wrong', triesLeft: stored.triesLeft - 1 };
}
