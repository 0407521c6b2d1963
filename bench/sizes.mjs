// Bundle sizes: minified and gzip (level 9) for every bundle in packages/elements/dist,
// against DESIGN.md section 7's budgets.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const KB = 1024;

/** Budgets in KB, minified + gzip. Bundles not listed are measured and shown without a budget. */
export const sizeBudgets = {
  'civic-sign-in.js': 15,
  'civic-map.js': 22, // browsing; maplibre, the pick and draw modes and the forms are chunks loaded when used
  'civic-debate.js': 15,
  'civic-poll.js': 15,
  'civic-report-form.js': 20, // without the map chunk
  'civic-elements.js': 45, // every element, without maplibre
};

/** One row per `.js` file in `dist`: `{ file, minified, gzip, budget, pass }` (sizes in bytes). */
export function measureSizes(dist) {
  // Entry bundles first, then the chunks they load on demand (Italian and Arabic words).
  const chunks = existsSync(join(dist, 'chunks')) ? readdirSync(join(dist, 'chunks')).map((file) => `chunks/${file}`) : [];
  return [...readdirSync(dist).sort(), ...chunks.sort()]
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const code = readFileSync(join(dist, file));
      const gzip = gzipSync(code, { level: 9 }).length;
      const budget = sizeBudgets[file];
      return { file, minified: code.length, gzip, budget, pass: budget === undefined ? undefined : gzip <= budget * KB };
    });
}
