// Types of poll-count.mjs (plain JavaScript so that worker threads load it without a TypeScript loader).
import type Database from 'better-sqlite3';

export type CountKind = 'single' | 'multiple' | 'approval' | 'score' | 'ranked';

/** Ballot ids are drawn from [1, ID_END). */
export declare const ID_END: number;

export interface Counter {
  /** Adds ballots: each `options` characters long, concatenated. Throws for a malformed ballot. */
  add(text: string): void;
  /** The tally (laid out as api/src/domain/tally.ts lays it out) and how many ballots went into it. */
  finish(): { tally: Int32Array; ballots: number };
}

export declare function createCounter(kind: CountKind, options: number): Counter;

export interface RangeCount {
  tally: Int32Array;
  ballots: number;
  /** The poll's running tally as stored, its version and turnout, read in the same transaction. */
  storedTally: Uint8Array;
  version: number;
  turnout: number;
}

export declare function countRange(
  db: Database.Database,
  range: { pollRowid: number; kind: CountKind; options: number; from: number; to: number; expected: number },
): RangeCount;
