// The running tally of a poll and the results read from it. A ballot is added (or, when its voter
// changes it, taken away and the new one added) in O(options²) for ranked polls and O(options) for the
// others; results then come from the tally alone, whatever the number of ballots. Pure.
import { MAX_SCORE, type PollKind } from '@civic-elements/protocol';
import { choiceValues } from './ballots.js';
import { addBallot, schulze, type Matrix } from './schulze.js';

/** How many counters a poll's tally holds: the pairwise matrix, a score histogram per option, or a count per option. */
export function tallySize(kind: PollKind, options: number): number {
  if (kind === 'ranked') return options * options;
  if (kind === 'score') return options * (MAX_SCORE + 1);
  return options;
}

export const emptyTally = (kind: PollKind, options: number) => new Int32Array(tallySize(kind, options));

/** The tally as stored: little-endian 32-bit integers. */
export function tallyBytes(tally: Int32Array): Buffer {
  const bytes = Buffer.alloc(tally.length * 4);
  for (let i = 0; i < tally.length; i++) bytes.writeInt32LE(tally[i]!, i * 4);
  return bytes;
}

export function tallyFromBytes(bytes: Uint8Array): Int32Array {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tally = new Int32Array(view.length / 4);
  for (let i = 0; i < tally.length; i++) tally[i] = view.readInt32LE(i * 4);
  return tally;
}

/** The pairwise matrix of a ranked poll's tally. */
export function matrixOf(tally: Int32Array, options: number): Matrix {
  return Array.from({ length: options }, (_, i) => Array.from(tally.subarray(i * options, (i + 1) * options)));
}

/** Adds one ballot's choices to the tally (`weight` -1 takes them away again). */
export function addToTally(tally: Int32Array, kind: PollKind, choices: string, weight: 1 | -1): void {
  const values = choiceValues(choices);
  const n = values.length;
  if (kind === 'ranked') {
    const d = matrixOf(tally, n);
    addBallot(d, values.map((v) => (v === 0 ? null : v)), weight);
    d.forEach((row, i) => tally.set(row, i * n));
  } else if (kind === 'score') {
    values.forEach((score, i) => (tally[i * (MAX_SCORE + 1) + score]! += weight));
  } else {
    values.forEach((chosen, i) => (tally[i]! += chosen * weight));
  }
}

export interface OptionCount {
  votes?: number;
  share?: number;
  scoreSum?: number;
  scoreMean?: number;
  scoreCounts?: number[];
  /** 1 for the winners; tied options share a place. */
  place: number;
}

export interface TallyResults {
  /** In the poll's order of options. */
  options: OptionCount[];
  /** Option positions: the most votes, the highest score sum, or the first Schulze tier; none when nobody voted. */
  winners: number[];
  /** Ranked polls: the matrices and the tiers of option positions. */
  schulze?: { d: Matrix; p: Matrix; ranking: number[][] };
}

/** Competition places ("1, 2, 2, 4") by a number where more is better. */
function placesBy(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

/** The results a tally shows. */
export function resultsOf(kind: PollKind, options: number, tally: Int32Array, turnout: number): TallyResults {
  if (kind === 'ranked') {
    const counted = schulze(matrixOf(tally, options));
    const place = new Array<number>(options).fill(1);
    let before = 0;
    for (const tier of counted.ranking) {
      for (const i of tier) place[i] = before + 1;
      before += tier.length;
    }
    return {
      options: place.map((p) => ({ place: p })),
      winners: turnout > 0 ? counted.winners : [],
      schulze: { d: counted.d, p: counted.p, ranking: counted.ranking },
    };
  }
  if (kind === 'score') {
    const width = MAX_SCORE + 1;
    const rows = Array.from({ length: options }, (_, i) => Array.from(tally.subarray(i * width, (i + 1) * width)));
    const sums = rows.map((counts) => counts.reduce((sum, count, score) => sum + count * score, 0));
    const places = placesBy(sums);
    return {
      options: rows.map((counts, i) => ({ scoreSum: sums[i]!, scoreMean: turnout > 0 ? sums[i]! / turnout : 0, scoreCounts: counts, place: places[i]! })),
      winners: turnout > 0 ? places.flatMap((p, i) => (p === 1 ? [i] : [])) : [],
    };
  }
  const votes = Array.from(tally);
  const places = placesBy(votes);
  return {
    options: votes.map((v, i) => ({ votes: v, share: turnout > 0 ? v / turnout : 0, place: places[i]! })),
    winners: turnout > 0 ? places.flatMap((p, i) => (p === 1 ? [i] : [])) : [],
  };
}
