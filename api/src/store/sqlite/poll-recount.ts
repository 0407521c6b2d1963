// The full recount of a poll: every stored ballot counted again from scratch (poll-count.mjs), on this
// thread for small polls, by worker threads over ranges of ballot id for large ranked ones, and compared
// with the running tally read at the same moment.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { PollKind } from '@civic-elements/protocol';
import { tallyFromBytes } from '../../domain/tally.js';
import type { RecountRecord } from '../types.js';
import { countRange, ID_END, type RangeCount } from './poll-count.mjs';

/** Below this many ballots a recount runs on the calling thread: starting workers would take longer. */
export const WORKER_MIN_BALLOTS = 250_000;

interface Range {
  pollRowid: number;
  kind: PollKind;
  options: number;
  expected: number;
}

const sameCounts = (a: Int32Array, b: Int32Array) => a.length === b.length && a.every((value, i) => value === b[i]);

/** Counts [1, ID_END) split into `workers` ranges, one worker thread each; null when they did not all read at the same tally version. */
async function countInWorkers(path: string, range: Range, workers: number): Promise<RangeCount | null> {
  const step = (ID_END - 1) / workers;
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, k) => {
      const from = k === 0 ? 1 : Math.floor(1 + k * step);
      const to = k === workers - 1 ? ID_END : Math.floor(1 + (k + 1) * step);
      return new Promise<RangeCount>((resolve, reject) => {
        const worker = new Worker(new URL('./poll-count-worker.mjs', import.meta.url), {
          workerData: { path, ...range, from, to, expected: Math.ceil(range.expected / workers) },
          // No TypeScript loader: the worker is plain JavaScript, and starts faster without one.
          execArgv: [],
        });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`a recount worker stopped (exit code ${code})`)));
      });
    }),
  );
  // A ballot cast between the workers' snapshots: their counts do not add up to one moment.
  if (parts.some((part) => part.version !== parts[0]!.version)) return null;
  const tally = parts[0]!.tally;
  for (const part of parts.slice(1)) part.tally.forEach((value, i) => (tally[i]! += value));
  return { ...parts[0]!, tally, ballots: parts.reduce((sum, part) => sum + part.ballots, 0) };
}

export async function recountPoll(
  db: Database.Database,
  poll: { rowid: number; kind: PollKind; option_count: number; turnout: number },
  options: { workers?: number; workerThreshold?: number },
): Promise<RecountRecord> {
  const started = performance.now();
  const range: Range = { pollRowid: poll.rowid, kind: poll.kind, options: poll.option_count, expected: poll.turnout };
  const workers = Math.max(0, Math.min(8, options.workers ?? 2));
  let counted: RangeCount | null = null;
  let used = 0;
  if (workers > 0 && !db.memory && poll.kind === 'ranked' && poll.turnout >= (options.workerThreshold ?? WORKER_MIN_BALLOTS)) {
    try {
      for (let attempt = 0; attempt < 3 && counted === null; attempt++) counted = await countInWorkers(db.name, range, workers);
      if (counted) used = workers;
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'poll recount: the worker threads failed; counting on the main thread', error: String(error) }));
    }
  }
  // Small polls, and a poll so busy the workers never saw one moment: one transaction on this thread.
  counted ??= countRange(db, { ...range, from: 1, to: ID_END });
  const storedTally = tallyFromBytes(counted.storedTally);
  return {
    tally: counted.tally,
    storedTally,
    turnout: counted.turnout,
    version: counted.version,
    ballots: counted.ballots,
    matches: counted.ballots === counted.turnout && sameCounts(counted.tally, storedTally),
    milliseconds: performance.now() - started,
    workers: used,
  };
}
