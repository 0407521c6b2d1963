// What one map viewport may receive: at most so many features or clusters, and at most so many bytes.
import { Buffer } from 'node:buffer';

/**
 * Features or clusters one viewport receives at most. A contribution is 300–500 bytes of JSON,
 * so 150 of them stay near the 50 KB budget (DESIGN.md section 7); beyond it, clusters.
 */
export const VIEWPORT_LIMIT = 150;
/** The budget for one viewport's JSON. */
export const VIEWPORT_BYTES = 50_000;
const MIN_LIMIT = 10;

/**
 * Answers a viewport within the byte budget: when features with long answers make the JSON too
 * big, the box is asked again with a smaller limit, so that more of it comes back as clusters.
 * `answer(limit)` builds the JSON text for a limit.
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
