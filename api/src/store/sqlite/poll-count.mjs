// Counting a poll's stored ballots from scratch, fast: the full recount that checks the running tally
// (DESIGN.md: 20 options × 1 million ballots in under 1 s). Plain JavaScript with no imports, so that
// worker threads (poll-count-worker.mjs) load it without a TypeScript loader; typed by poll-count.d.mts.
//
// Reading a million rows one by one costs about a microsecond each in better-sqlite3, more than the
// budget, so SQLite concatenates each range of ballots into one string (`group_concat`) and JavaScript
// walks the characters. Ranked ballots are counted with bit-sliced counters: for each option, the set
// of options a ballot ranks below it is a bit mask, and the masks are added into per-option binary
// counters held as bit planes (one 32-bit word per plane, one bit per option), flushed into the
// pairwise matrix every 65,535 ballots. That is a few word operations per option and ballot instead of
// one increment per pair of options. Polls of more than 32 options count pair by pair.

/** The characters of a ballot's choices (0 … 61): see CHOICE_ALPHABET in api/src/domain/ballots.ts. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const VALUE = new Uint8Array(256).fill(255);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
const MAX_SCORE = 5;
/** Ballots per query: one string of at most this many ballots at a time. */
const ROWS_PER_CHUNK = 16_384;
/** Ballot ids are drawn from [1, ID_END). */
export const ID_END = 2 ** 53;

class BadBallot extends Error {
  constructor(text) {
    super(`a stored ballot is not ${text}`);
  }
}

/** Bit-sliced counters for ranked ballots of at most 32 options. */
function rankedBitSliced(n) {
  const PLANES = 16;
  const FLUSH = (1 << PLANES) - 1;
  const planes = new Int32Array(n * PLANES);
  // tier[r]: the options of rank r as a bit mask; tier[0] the unranked ones (indexed by any byte value).
  const tier = new Int32Array(256);
  const d = new Int32Array(n * n);
  let pending = 0;
  const flush = () => {
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let l = 0; l < PLANES; l++) {
        let word = planes[i * PLANES + l];
        if (word === 0) continue;
        planes[i * PLANES + l] = 0;
        const weight = 1 << l;
        while (word !== 0) {
          d[row + 31 - Math.clz32(word & -word)] += weight;
          word &= word - 1;
        }
      }
    }
    pending = 0;
  };
  return {
    d,
    flush,
    add(text) {
      const bytes = Buffer.from(text, 'latin1');
      const length = bytes.length;
      for (let off = 0; off < length; off += n) {
        // Without branches (ranks are as unpredictable as voters): each option into its rank's mask.
        let worst = 0;
        for (let i = 0; i < n; i++) {
          const v = VALUE[bytes[off + i]];
          tier[v] |= 1 << i;
          worst = Math.max(worst, v);
        }
        if (worst > n) throw new BadBallot(`a ranked ballot of ${n} options`);
        // From the worst rank up: every option of rank r is preferred to `below` (worse ranks and the
        // unranked), which is added into each one's counter, the carries rippling up the planes.
        let below = tier[0];
        tier[0] = 0;
        for (let r = worst; r >= 1; r--) {
          let members = tier[r];
          tier[r] = 0;
          const mask = below;
          below |= members;
          if (mask === 0) continue;
          while (members !== 0) {
            let p = (31 - Math.clz32(members & -members)) * PLANES;
            members &= members - 1;
            let carry = mask;
            while (carry !== 0) {
              const next = planes[p] & carry;
              planes[p] ^= carry;
              carry = next;
              p++;
            }
          }
        }
        if (++pending === FLUSH) flush();
      }
    },
  };
}

/** Pair by pair, for ranked polls of more than 32 options. */
function rankedPairwise(n) {
  const d = new Int32Array(n * n);
  const r = new Int32Array(n);
  return {
    d,
    flush() {},
    add(text) {
      for (let off = 0; off < text.length; off += n) {
        for (let i = 0; i < n; i++) {
          const code = text.charCodeAt(off + i);
          const v = code < 256 ? VALUE[code] : 255;
          if (v > n) throw new BadBallot(`a ranked ballot of ${n} options`);
          r[i] = v === 0 ? 255 : v;
        }
        for (let i = 0; i < n; i++) {
          const ri = r[i];
          if (ri === 255) continue;
          const row = i * n;
          for (let j = 0; j < n; j++) d[row + j] += (ri - r[j]) >>> 31;
        }
      }
    },
  };
}

/** Per-option counts (single, multiple, approval) or score histograms (score). */
function perOption(kind, n) {
  const width = kind === 'score' ? MAX_SCORE + 1 : 1;
  const max = kind === 'score' ? MAX_SCORE : 1;
  const d = new Int32Array(n * width);
  return {
    d,
    flush() {},
    add(text) {
      for (let off = 0; off < text.length; off += n) {
        for (let i = 0; i < n; i++) {
          const code = text.charCodeAt(off + i);
          const v = code < 256 ? VALUE[code] : 255;
          if (v > max) throw new BadBallot(`a ${kind} ballot`);
          if (width === 1) d[i] += v;
          else d[i * width + v] += 1;
        }
      }
    },
  };
}

/** A counter for one poll's ballots: `add` concatenated ballots, then `finish` for the tally. */
export function createCounter(kind, options) {
  const counter = kind === 'ranked' ? (options <= 32 ? rankedBitSliced(options) : rankedPairwise(options)) : perOption(kind, options);
  let ballots = 0;
  return {
    add(text) {
      if (text.length % options !== 0) throw new BadBallot(`${options} characters long`);
      counter.add(text);
      ballots += text.length / options;
    },
    finish() {
      counter.flush();
      return { tally: counter.d, ballots };
    },
  };
}

/**
 * Counts the ballots of a poll whose ids fall in [from, to), on an open better-sqlite3 connection, in
 * one read transaction together with the poll's stored tally, turnout and tally version (so they
 * describe the same moment). `expected` (about how many ballots the range holds) sets how many pieces
 * the range is read in.
 */
export function countRange(db, { pollRowid, kind, options, from, to, expected }) {
  const chunk = db.prepare(`SELECT group_concat(choices, '') FROM poll_ballots WHERE poll_rowid = ? AND id >= ? AND id < ?`).pluck();
  const stored = db.prepare('SELECT tally, tally_version AS version, turnout FROM polls WHERE rowid = ?');
  const read = db.transaction(() => {
    const poll = stored.get(pollRowid);
    if (!poll) throw new Error(`poll ${pollRowid} is gone`);
    const counter = createCounter(kind, options);
    const pieces = Math.max(1, Math.ceil(expected / ROWS_PER_CHUNK));
    const step = (to - from) / pieces;
    for (let k = 0; k < pieces; k++) {
      const start = k === 0 ? from : Math.floor(from + k * step);
      const end = k === pieces - 1 ? to : Math.floor(from + (k + 1) * step);
      const text = chunk.get(pollRowid, start, end);
      if (text) counter.add(text);
    }
    const { tally, ballots } = counter.finish();
    return { tally, ballots, storedTally: poll.tally, version: poll.version, turnout: poll.turnout };
  });
  return read();
}
