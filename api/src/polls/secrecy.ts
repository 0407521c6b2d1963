// The secret ballot: the key that finds a voter's ballot without storing who cast it, and receipt codes.
//
// Threat model
// ────────────
// What is stored: `poll_voters` says who voted in a poll and when they first (and last) did;
// `poll_ballots` says what was voted, with no user id and no time. A ballot row's `id` is random, so
// neither ids nor the order rows are stored in follow the order of casting; ranks are renumbered
// 1, 2, 3… so that unusual rank numbers cannot mark a ballot. The link a voter needs to change their
// ballot is `voter_key` = HMAC-SHA256(K, poll id + user id), where K is derived from the server's
// SECRET (HKDF, its own label) and never stored. Each cast gets a fresh receipt code (100 random bits)
// that is shown once; only its SHA-256 is kept, in the ballot row.
//
// Protected against:
// - officers, admins and moderators using the API: no route answers who voted for what; a voter's own
//   ballot is answered only to that voter's session;
// - anyone reading the exports or the live results: the ballot set has no user, time or order;
// - someone with a copy of the database but not SECRET: `voter_key` cannot be recomputed for a user
//   without K, and receipt hashes cannot be reversed (the codes have 100 random bits);
// - double voting, however many requests race: the primary key of `poll_voters` and the unique
//   `voter_key` are checked by SQLite inside the transaction that writes the ballot and the tally.
//
// Not protected against (accepted for local consultations, which are not statutory elections):
// - whoever holds both the database and SECRET (the operator): they can compute every voter's key and
//   so read each person's ballot. Hiding votes from the operator needs cryptographic voting (mixnets,
//   homomorphic tallies), which is beyond this API;
// - someone who sees the database at two moments (backups, the WAL) and the voters added in between:
//   when few people voted in between, the new or changed ballot rows point to them;
// - timing on live results: with `live` results, each change of the tally is public (the stream sends
//   at most about one event a second per poll), so a ballot cast when nobody else votes can be read
//   from the change by someone who knows who voted then. Polls that need more secrecy publish results
//   `after-close`;
// - a voter showing their receipt: the receipt proves to anyone how that ballot was cast (the price
//   of being able to check it is counted), so it could be used to sell or coerce a vote. A voter can
//   still change their ballot until the poll closes, which makes an earlier receipt worthless;
// - rotating SECRET while a poll is open: voters who voted before can no longer change their ballot
//   (the API refuses rather than count a second one); their ballot stays counted.
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** The key voter keys are made with: derived from SECRET, never stored. */
export function ballotKeyring(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'civic-elements', 'poll voter keys v1', 32));
}

/** Where a voter's ballot is filed: only the server, holding SECRET, can compute it for a user. */
export function voterKey(keyring: Buffer, pollId: string, userId: string): Buffer {
  // JSON, so that no pair of ids can be confused with another pair.
  return createHmac('sha256', keyring).update(JSON.stringify([pollId, userId])).digest();
}

/** Crockford's base 32: no I, L, O or U, so that a code read aloud or copied by hand survives. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECEIPT_LENGTH = 20;

/** A new receipt code: 20 characters (100 random bits) in groups of four, like 7K3Q-M9XF-2HBD-Q8RW-PZ4T. */
export function newReceipt(): string {
  const bytes = randomBytes(RECEIPT_LENGTH);
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) code += BASE32[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** The code as typed, made canonical (case, spaces and hyphens ignored; O read as 0, I and L as 1); null when it cannot be a receipt. */
export function normaliseReceipt(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== RECEIPT_LENGTH || [...code].some((ch) => !BASE32.includes(ch))) return null;
  return code;
}

/** What is stored of a receipt, and what the export's `receipt` column shows (hex). */
export function receiptHash(code: string): Buffer {
  const canonical = normaliseReceipt(code);
  if (!canonical) throw new Error('not a receipt code');
  return createHash('sha256').update(canonical).digest();
}
