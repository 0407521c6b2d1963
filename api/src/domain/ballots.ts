// Ballots checked against their poll and kept compactly: one character per option, in the poll's
// order of options. Pure: the store keeps the text, the tally adds it up, the exports spell it out.
import { MAX_SCORE, type Ballot, type PollKind } from '@civic-elements/protocol';
import { checkRanks } from './schulze.js';

/** The characters a ballot's choices are written with: the value 0 … 61 at each option's position. */
export const CHOICE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** What a ballot is checked against. */
export interface BallotRules {
  kind: PollKind;
  /** Option ids, in the poll's order. */
  optionIds: readonly string[];
  minChoices: number | null;
  maxChoices: number | null;
}

export type BallotCheck = { ok: true; choices: string } | { ok: false; fields: Record<string, string> };

const encode = (values: readonly number[]) => values.map((v) => CHOICE_ALPHABET[v]!).join('');

/** The values a choices text holds, one per option. */
export function choiceValues(choices: string): number[] {
  const values: number[] = [];
  for (let i = 0; i < choices.length; i++) values.push(CHOICE_ALPHABET.indexOf(choices[i]!));
  return values;
}

/** The fewest and most options a multiple-choice ballot may choose. */
export function choiceLimits(rules: Pick<BallotRules, 'minChoices' | 'maxChoices' | 'optionIds'>): { min: number; max: number } {
  return { min: rules.minChoices ?? 1, max: rules.maxChoices ?? rules.optionIds.length };
}

/** Ranks renumbered 1, 2, 3… in the same order (equal ranks stay equal); 0 stays unranked. */
export function denseRanks(ranks: readonly number[]): number[] {
  const distinct = [...new Set(ranks.filter((r) => r > 0))].sort((a, b) => a - b);
  const dense = new Map(distinct.map((rank, i) => [rank, i + 1]));
  return ranks.map((r) => (r > 0 ? dense.get(r)! : 0));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Checks a ballot against its poll and writes it as choices text, or says what is wrong with each
 * field (keyed as the request's fields are: `kind`, `choice`, `choices`, `scores.<id>`, `ranks.<id>`).
 */
export function checkBallot(rules: BallotRules, ballot: Ballot): BallotCheck {
  const n = rules.optionIds.length;
  const index = new Map(rules.optionIds.map((id, i) => [id, i]));
  const fields: Record<string, string> = {};
  if (ballot.kind !== rules.kind) {
    return { ok: false, fields: { kind: `This poll takes a ${rules.kind} ballot, not a ${ballot.kind} one.` } };
  }
  const values = new Array<number>(n).fill(0);

  const chosen = (ids: readonly string[], field: string) => {
    ids.forEach((id, i) => {
      const at = index.get(id);
      if (at === undefined) fields[`${field}.${i}`] ??= 'This poll has no such option.';
      else if (values[at] === 1) fields[`${field}.${i}`] ??= 'This option is chosen twice.';
      else values[at] = 1;
    });
  };

  switch (ballot.kind) {
    case 'single': {
      const at = index.get(ballot.choice);
      if (at === undefined) fields.choice = 'This poll has no such option.';
      else values[at] = 1;
      break;
    }
    case 'multiple': {
      chosen(ballot.choices, 'choices');
      const { min, max } = choiceLimits(rules);
      const count = new Set(ballot.choices).size;
      if (count < min || count > max) {
        fields.choices ??= min === max ? `Choose exactly ${plural(min, 'option')}.` : count < min ? `Choose at least ${plural(min, 'option')}.` : `Choose at most ${plural(max, 'option')}.`;
      }
      break;
    }
    case 'approval':
      chosen(ballot.choices, 'choices');
      break;
    case 'score':
      for (const [id, score] of Object.entries(ballot.scores)) {
        const at = index.get(id);
        if (at === undefined) fields[`scores.${id}`] = 'This poll has no such option.';
        else if (!Number.isInteger(score) || score < 0 || score > MAX_SCORE) fields[`scores.${id}`] = `A score is a whole number from 0 to ${MAX_SCORE}.`;
        else values[at] = score;
      }
      break;
    case 'ranked': {
      const ranks: (number | null)[] = new Array<number | null>(n).fill(null);
      for (const [id, rank] of Object.entries(ballot.ranks)) {
        const at = index.get(id);
        if (at === undefined) fields[`ranks.${id}`] = 'This poll has no such option.';
        else if (!Number.isInteger(rank) || rank < 1 || rank > n) fields[`ranks.${id}`] = `A rank is a whole number from 1 (first preference) to ${n}.`;
        else ranks[at] = rank;
      }
      const shape = checkRanks(ranks, n);
      if (shape) fields.ranks ??= shape;
      const dense = denseRanks(ranks.map((r) => r ?? 0));
      dense.forEach((rank, i) => (values[i] = rank));
      break;
    }
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, choices: encode(values) };
}

/** A stored ballot in the wire format, naming options by id (unranked and unchosen options left out; scores of 0 kept). */
export function ballotOf(kind: PollKind, optionIds: readonly string[], choices: string): Ballot {
  const values = choiceValues(choices);
  const picked = optionIds.filter((_, i) => values[i]! > 0);
  switch (kind) {
    case 'single':
      return { kind, choice: picked[0] ?? '' };
    case 'multiple':
    case 'approval':
      return { kind, choices: picked };
    case 'score':
      return { kind, scores: Object.fromEntries(optionIds.map((id, i) => [id, values[i] ?? 0])) };
    case 'ranked':
      return { kind, ranks: Object.fromEntries(optionIds.flatMap((id, i) => (values[i]! > 0 ? [[id, values[i]!]] : []))) };
  }
}
