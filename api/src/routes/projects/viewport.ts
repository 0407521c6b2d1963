// What one map viewport may receive: at most so many features or clusters, and at most so many bytes.
import { Buffer } from 'node:buffer';

/** The budget for one viewport's JSON (DESIGN.md section 7). */
export const VIEWPORT_BYTES = 50_000;
/**
 * About what one feature weighs as JSON: a contribution with a few short answers and no photo is
 * 400–500 bytes (coordinates to 6 decimals); a cluster is about half that.
 */
const FEATURE_BYTES = 450;
/**
 * Features or clusters one viewport receives at most: as many typical features as fit the byte
 * budget (111), so that one query answers nearly every viewport; beyond it, clusters.
 */
export const VIEWPORT_LIMIT = Math.floor(VIEWPORT_BYTES / FEATURE_BYTES);
const MIN_LIMIT = 10;

/**
 * Answers a viewport within the byte budget. The limit is chosen so that the first answer fits;
 * only when its features are unusually long (many answers, photos) is the box asked again with a
 * smaller limit, so that more of it comes back as clusters. `answer(limit)` builds the JSON text for a limit.
 */
export async function withinBudget(answer: (limit: number) => Promise<string>): Promise<string> {
  let limit = VIEWPORT_LIMIT;
  let text = await answer(limit);
  for (let tries = 0; tries < 3 && limit > MIN_LIMIT; tries++) {
    const bytes = Buffer.byteLength(text);
    if (bytes <= VIEWPORT_BYTES) break;
    limit = Math.max(MIN_LIMIT, Math.floor((limit * VIEWPORT_BYTES * 0.9) / bytes));
    text = await answer(limit);
  }
  return text;
}
