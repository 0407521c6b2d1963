// A worker thread of the full recount: counts one range of a poll's ballot ids on its own read-only
// connection and posts the partial tally back (see poll-count.mjs and recount() in polls.ts).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { countRange } from './poll-count.mjs';

const { path, ...range } = workerData;
const db = new Database(path, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  const result = countRange(db, range);
  parentPort.postMessage(result, [result.tally.buffer]);
} finally {
  db.close();
}
