// The Schulze method against published worked examples, ties as Schulze defines them, and the
// pairwise matrix kept up to date ballot by ballot (added, taken back) equalling a full recount.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addBallot, checkRanks, emptyMatrix, pairwise, schulze, type Ranks } from '../src/domain/schulze.js';

/** Ballots written as "ACBED" (a strict order of every option), with how many voters cast each. */
function orders(names: string, groups: [number, string][]): { ranks: Ranks; count: number }[] {
  return groups.map(([count, order]) => ({ count, ranks: [...names].map((name) => order.indexOf(name) + 1) }));
}
const named = (names: string, tiers: number[][]) => tiers.map((tier) => tier.map((i) => names[i]).join('=')).join(' > ');

describe('the Schulze method', () => {
  test('Wikipedia’s 45 voters and 5 candidates: the pairwise matrix, the strongest paths, and E > A > C > B > D', () => {
    const names = 'ABCDE';
    const ballots = orders(names, [
      [5, 'ACBED'], [5, 'ADECB'], [8, 'BEDAC'], [3, 'CABED'], [7, 'CAEBD'], [2, 'CBADE'], [7, 'DCEBA'], [8, 'EBADC'],
    ]);
    const result = schulze(pairwise(5, ballots));
    assert.deepEqual(result.d, [
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    assert.deepEqual(result.p, [
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    assert.equal(named(names, result.ranking), 'E > A > C > B > D');
    assert.deepEqual(result.winners, [4]);
  });

  test('a Condorcet winner wins; a cycle is broken at its weakest link; a cycle of equal strength ties every option', () => {
    const names = 'ABC';
    // B beats A (6 to 3) and C (6 to 3) head to head.
    assert.equal(named(names, schulze(pairwise(3, orders(names, [[4, 'BAC'], [3, 'ACB'], [2, 'BCA']]))).ranking), 'B > A > C');
    // B beats A 6–3, A beats C 7–2, C beats B 5–4: the weakest link (C over B) gives way.
    assert.equal(named(names, schulze(pairwise(3, orders(names, [[4, 'BAC'], [3, 'ACB'], [2, 'CBA']]))).ranking), 'B > A > C');
    // A > B > C, B > C > A, C > A > B once each: every path has strength 2 both ways.
    const cycle = schulze(pairwise(3, orders(names, [[1, 'ABC'], [1, 'BCA'], [1, 'CAB']])));
    assert.deepEqual(cycle.winners, [0, 1, 2]);
    assert.equal(named(names, cycle.ranking), 'A=B=C');
  });

  test('tied winners: two options level head to head and against the rest', () => {
    const names = 'ABCD';
    // A and B are preferred to C and D by everyone; half put A first, half B.
    const result = schulze(pairwise(4, orders(names, [[5, 'ABCD'], [5, 'BACD']])));
    assert.deepEqual(result.winners, [0, 1]);
    assert.equal(named(names, result.ranking), 'A=B > C > D');
  });

  test('equal ranks and unranked options: unranked count below every ranked option, tied among themselves', () => {
    // Ranks for A, B, C, D: A and B first equal, C third, D unranked.
    const d = pairwise(4, [{ ranks: [1, 1, 3, null] }]);
    assert.deepEqual(d, [
      [0, 0, 1, 1],
      [0, 0, 1, 1],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ]);
    // Ranking nothing says nothing.
    assert.deepEqual(pairwise(3, [{ ranks: [null, null, null] }]), emptyMatrix(3));
    assert.equal(named('ABCD', schulze(d).ranking), 'A=B > C > D');
  });

  test('the matrix kept up to date ballot by ballot equals a recount, and a changed ballot is taken back exactly', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const options = 6;
    const cast: Ranks[] = [];
    const live = emptyMatrix(options);
    for (let voter = 0; voter < 300; voter++) {
      const ranks = Array.from({ length: options }, () => (rnd() < 0.2 ? null : 1 + Math.floor(rnd() * options)));
      cast.push(ranks);
      addBallot(live, ranks);
    }
    // Voter 10 changes their mind.
    const changed = [1, 2, 3, 4, 5, 6];
    addBallot(live, cast[10]!, -1);
    addBallot(live, changed);
    cast[10] = changed;
    assert.deepEqual(live, pairwise(options, cast.map((ranks) => ({ ranks }))));
    assert.deepEqual(schulze(live).ranking.flat().sort(), [0, 1, 2, 3, 4, 5], 'every option is ranked once');
  });

  test('a ballot of the wrong shape is refused in words', () => {
    assert.match(checkRanks([1, 2], 3) ?? '', /each of the 3 options/);
    assert.match(checkRanks([1, 0, null], 3) ?? '', /whole numbers from 1/);
    assert.match(checkRanks([1.5, 2, 3], 3) ?? '', /whole numbers from 1/);
    assert.equal(checkRanks([2, null, 1], 3), undefined);
  });
});
