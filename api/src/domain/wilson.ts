// The lower bound of the Wilson score interval: how sure we can be that people find a comment useful.
// With few votes the bound stays low, so one early up-vote does not outrank forty up and two down.

/** z for a 95% two-sided interval. */
const Z = 1.959963984540054;

/** The lower bound (0 to 1) of the 95% Wilson interval of `up` out of `up + down`; 0 with no votes. */
export function wilsonLowerBound(up: number, down: number): number {
  const n = up + down;
  if (n <= 0 || up <= 0) return 0;
  const p = up / n;
  const z2 = Z * Z;
  const bound = (p + z2 / (2 * n) - Z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
  // Rounding can take it a hair below 0 (no up-votes) or above 1.
  return Math.min(1, Math.max(0, bound));
}
