// The Schulze method (Markus Schulze, "A new monotonic, clone-independent, reversal symmetric, and
// Condorcet-consistent single-winner election method", 2011), as ranked polls and consultations count.
//
// A ballot ranks options: a lower rank is preferred, equal ranks are allowed, and options a ballot does
// not rank count as ranked below every option it does rank (equal among themselves). The tally keeps
// only the pairwise matrix d[i][j] (how many voters prefer i to j), which a ballot adds to or takes
// from in O(n²); results read the matrix, never the ballots. The strength of a link i→j is d[i][j]
// when d[i][j] > d[j][i] ("winning votes"), else 0; the strongest paths are the widest paths of that
// graph (Floyd–Warshall, O(n³)). i beats j when p[i][j] > p[j][i]. That relation is transitive, so it
// orders the options into tiers: options in one tier are tied (neither beats the other), and the first
// tier holds the winners; several winners tie exactly as Schulze defines it.

/** A ballot: for each option (by index), its rank (1 = first choice), or null when the ballot does not rank it. */
export type Ranks = readonly (number | null)[];

/** d[i][j]: voters who prefer option i to option j. */
export type Matrix = number[][];

export const emptyMatrix = (options: number): Matrix => Array.from({ length: options }, () => new Array<number>(options).fill(0));

/** Checks a ballot's shape: one entry per option, ranks whole numbers of 1 or more. */
export function checkRanks(ranks: Ranks, options: number): string | undefined {
  if (ranks.length !== options) return `A ballot ranks each of the ${options} options or leaves it unranked.`;
  if (ranks.some((rank) => rank !== null && (!Number.isInteger(rank) || rank < 1))) return 'Ranks are whole numbers from 1.';
  return undefined;
}

/**
 * Adds a ballot to the matrix `weight` times (-1 takes it away again, when a voter changes their
 * ballot). Unranked options sit below every ranked one and tie with each other.
 */
export function addBallot(d: Matrix, ranks: Ranks, weight = 1): void {
  const n = ranks.length;
  for (let i = 0; i < n; i++) {
    const ri = ranks[i] ?? Infinity;
    const row = d[i]!;
    for (let j = 0; j < n; j++) {
      if (i !== j && ri < (ranks[j] ?? Infinity)) row[j]! += weight;
    }
  }
}

/** The pairwise matrix of a set of ballots (each with how many voters cast it). */
export function pairwise(options: number, ballots: Iterable<{ ranks: Ranks; count?: number }>): Matrix {
  const d = emptyMatrix(options);
  for (const ballot of ballots) addBallot(d, ballot.ranks, ballot.count ?? 1);
  return d;
}

/** p[i][j]: the strength of the strongest path from i to j (0 when there is none). */
export function strongestPaths(d: Matrix): Matrix {
  const n = d.length;
  const p = emptyMatrix(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j && d[i]![j]! > d[j]![i]!) p[i]![j] = d[i]![j]!;
  }
  for (let k = 0; k < n; k++) {
    const pk = p[k]!;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const pi = p[i]!;
      const ik = pi[k]!;
      if (ik === 0) continue;
      for (let j = 0; j < n; j++) {
        if (j === i || j === k) continue;
        const through = Math.min(ik, pk[j]!);
        if (through > pi[j]!) pi[j] = through;
      }
    }
  }
  return p;
}

export interface SchulzeResult {
  /** The pairwise matrix counted. */
  d: Matrix;
  /** The strongest paths. */
  p: Matrix;
  /** Options in tiers, best first; options in one tier are tied. */
  ranking: number[][];
  /** The first tier: one winner, or several tied. */
  winners: number[];
}

/** Counts a pairwise matrix by the Schulze method. */
export function schulze(d: Matrix): SchulzeResult {
  const n = d.length;
  const p = strongestPaths(d);
  const beats = (i: number, j: number) => p[i]![j]! > p[j]![i]!;
  const ranking: number[][] = [];
  let left = Array.from({ length: n }, (_, i) => i);
  while (left.length > 0) {
    // The options no remaining option beats; never empty, since "beats" is a strict partial order.
    const tier = left.filter((i) => !left.some((j) => j !== i && beats(j, i)));
    ranking.push(tier);
    left = left.filter((i) => !tier.includes(i));
  }
  return { d, p, ranking, winners: ranking[0] ?? [] };
}
