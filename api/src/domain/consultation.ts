// The consensus process (LiquidFeedback's issue lifecycle), as pure rules: the phases in order, what
// each phase allows, the admission quorum, the admission decision when the frozen phase ends, when
// the scheduler advances a phase, and the outcome of the vote. No I/O: the store applies these in its
// transactions, the routes use them to answer with the right words.
//
// The rules chosen (see also protocol's consultations.ts):
// - draft → proposing → discussion → frozen → voting → closed, one step at a time, never back. An
//   officer opens a draft; after that the scheduler advances a phase when its end date passes (if
//   autoAdvance is on), and an officer may advance it early (or late, when autoAdvance is off).
// - proposing: eligible people submit proposals (the author supports their own at once), support and
//   take back support; authors revise and withdraw.
// - discussion: no new proposals; authors revise and withdraw; support given and taken back; supporters
//   attach suggestions and rate them (must / should / should not / must not).
// - frozen: nothing about the proposals changes and support is neither given nor taken back;
//   supporters confirm (or un-confirm) their support.
// - When frozen ends: only confirmed support counts. A proposal is admitted when its confirmed
//   supporters reach the quorum; for a share quorum the share is of the people who confirmed support
//   for at least one (not withdrawn) proposal. Admitted proposals and "Keep things as they are" go to a
//   ranked Schulze vote; when none is admitted there is no vote and the consultation closes at once.
// - voting: eligible people cast a ranked ballot (through the poll); closed: the result is final.
import type { AdmissionQuorum, ConsultationOutcome, ConsultationPhase, ProposalStatus, TimedPhase } from '@civic-elements/protocol';

export const PHASES: readonly ConsultationPhase[] = ['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed'];

/** The phase after `phase`, or null after closed. */
export function nextPhase(phase: ConsultationPhase): ConsultationPhase | null {
  const i = PHASES.indexOf(phase);
  return i >= 0 && i < PHASES.length - 1 ? PHASES[i + 1]! : null;
}

/** Whether `a` comes before `b`. */
export const phaseBefore = (a: ConsultationPhase, b: ConsultationPhase) => PHASES.indexOf(a) < PHASES.indexOf(b);

/** What residents do in a consultation. */
export type ConsultationAction = 'propose' | 'revise' | 'withdraw' | 'support' | 'unsupport' | 'suggest' | 'rate' | 'confirm' | 'unconfirm' | 'vote';

const ALLOWED: Record<ConsultationAction, readonly ConsultationPhase[]> = {
  propose: ['proposing'],
  revise: ['proposing', 'discussion'],
  withdraw: ['proposing', 'discussion'],
  support: ['proposing', 'discussion'],
  unsupport: ['proposing', 'discussion'],
  suggest: ['discussion'],
  rate: ['discussion'],
  confirm: ['frozen'],
  unconfirm: ['frozen'],
  vote: ['voting'],
};

export function phaseAllows(phase: ConsultationPhase, action: ConsultationAction): boolean {
  return ALLOWED[action].includes(phase);
}

const DOING: Record<ConsultationAction, string> = {
  propose: 'Proposals can be submitted',
  revise: 'Proposals can be revised',
  withdraw: 'Proposals can be withdrawn',
  support: 'Support can be given',
  unsupport: 'Support can be taken back',
  suggest: 'Suggestions can be made',
  rate: 'Suggestions can be rated',
  confirm: 'Support can be confirmed',
  unconfirm: 'Confirmations can be taken back',
  vote: 'Ballots can be cast',
};

const PHASE_WORDS: Record<ConsultationPhase, string> = {
  draft: 'has not opened yet',
  proposing: 'is in its proposing phase',
  discussion: 'is in its discussion phase',
  frozen: 'is frozen (supporters are confirming their support)',
  voting: 'is in its voting phase',
  closed: 'has closed',
};

/** Why `action` is refused in `phase`, in words for a resident: "This consultation has closed. Support can be given only in the proposing and discussion phases." */
export function phaseRefusal(phase: ConsultationPhase, action: ConsultationAction | 'change'): string {
  if (action === 'change') return `This consultation ${PHASE_WORDS[phase]}: it can no longer be changed.`;
  const names = ALLOWED[action];
  const when = names.length === 1 ? `the ${names[0]} phase` : `the ${names.slice(0, -1).join(', ')} and ${names.at(-1)} phases`;
  return `This consultation ${PHASE_WORDS[phase]}. ${DOING[action]} only in ${when}.`;
}

// ─── The quorum ──────────────────────────────────────────────────────────────────────────────────

/** What is counted: supporters before the frozen phase, confirmed supporters from then on. */
export type CountBasis = 'support' | 'confirmed';

export const countBasis = (phase: ConsultationPhase): CountBasis => (phase === 'frozen' || phase === 'voting' || phase === 'closed' ? 'confirmed' : 'support');

/**
 * Supporters (or confirmed supporters) a proposal needs, given how many people take part: a fixed
 * number, or `percent` % of `participants` rounded up and never below `minimum`.
 */
export function quorumNeeded(quorum: AdmissionQuorum, participants: number): number {
  if (quorum.kind === 'supporters') return quorum.count;
  // Whole numbers only: ceil(percent × participants / 100) without floating point.
  const share = Math.floor((quorum.percent * participants + 99) / 100);
  return Math.max(quorum.minimum, share, 1);
}

export interface ProposalCounts {
  /** As stored: proposed or withdrawn until the frozen phase ends, then admitted or not-admitted. */
  status: ProposalStatus;
  supporters: number;
  confirmed: number;
}

/**
 * The status to show: the stored one once final (withdrawn, or decided when the frozen phase ended),
 * otherwise admitted or proposed by whether the proposal reaches the quorum now (provisional).
 */
export function shownStatus(proposal: ProposalCounts, phase: ConsultationPhase, needed: number): ProposalStatus {
  if (proposal.status !== 'proposed') return proposal.status;
  const count = countBasis(phase) === 'confirmed' ? proposal.confirmed : proposal.supporters;
  return count >= needed ? 'admitted' : 'proposed';
}

/** Whether the status shown is final. */
export const statusFinal = (proposal: Pick<ProposalCounts, 'status'>) => proposal.status !== 'proposed';

/**
 * The decision when the frozen phase ends: each proposal that is not withdrawn is admitted when its
 * confirmed supporters reach the quorum computed from `confirmedParticipants`, and not admitted otherwise.
 */
export function decideAdmission<P extends { status: ProposalStatus; confirmed: number }>(
  proposals: readonly P[],
  quorum: AdmissionQuorum,
  confirmedParticipants: number,
): { needed: number; admitted: P[]; notAdmitted: P[] } {
  const needed = quorumNeeded(quorum, confirmedParticipants);
  const open = proposals.filter((p) => p.status !== 'withdrawn');
  return { needed, admitted: open.filter((p) => p.confirmed >= needed), notAdmitted: open.filter((p) => p.confirmed < needed) };
}

// ─── Dates and the scheduler ─────────────────────────────────────────────────────────────────────

export type PhaseEnds = Record<`${TimedPhase}EndsAt`, string>;

/** When the phase is planned to end (null for draft and closed, which do not end on a date). */
export function phaseEndsAt(phase: ConsultationPhase, ends: PhaseEnds): string | null {
  switch (phase) {
    case 'proposing':
      return ends.proposingEndsAt;
    case 'discussion':
      return ends.discussionEndsAt;
    case 'frozen':
      return ends.frozenEndsAt;
    case 'voting':
      return ends.votingEndsAt;
    default:
      return null;
  }
}

/** Whether the scheduler should advance the consultation now: autoAdvance on, a timed phase, its end passed. */
export function dueForAdvance(consultation: { phase: ConsultationPhase; autoAdvance: boolean } & PhaseEnds, now: Date): boolean {
  if (!consultation.autoAdvance) return false;
  const ends = phaseEndsAt(consultation.phase, consultation);
  return ends !== null && Date.parse(ends) <= now.getTime();
}

/** The end-date fields of phases that have not ended yet (those an officer may still move). */
export function movableEnds(phase: ConsultationPhase): (keyof PhaseEnds)[] {
  const timed = ['proposing', 'discussion', 'frozen', 'voting'] as const;
  if (phase === 'closed') return [];
  const from = phase === 'draft' ? 0 : timed.indexOf(phase as TimedPhase);
  return timed.slice(from).map((p) => `${p}EndsAt` as const);
}

/** Which settings an officer may still change in `phase`, and why not otherwise. */
export function settingRefusal(field: 'title' | 'description' | 'autoAdvance' | 'quorum' | 'eligibility' | 'results', phase: ConsultationPhase): string | null {
  if (phase === 'closed') return 'This consultation has closed: nothing about it can change.';
  if (field === 'quorum' && phaseBefore('discussion', phase)) return 'The quorum can change only until the frozen phase starts: support is being confirmed against it.';
  if ((field === 'eligibility' || field === 'results') && phase !== 'draft') return `Who may take part, and when results show, can change only while the consultation is a draft.`;
  return null;
}

// ─── The outcome ─────────────────────────────────────────────────────────────────────────────────

export interface VoteOption {
  proposalId: string | null;
  statusQuo: boolean;
}

/**
 * The outcome of the vote from the Schulze winners (indexes into `options`): one proposal wins; keeping
 * things as they are wins alone; several options tie for first place (reported exactly, the status quo
 * among them or not); or nobody voted.
 */
export function outcomeOf(options: readonly VoteOption[], winners: readonly number[], turnout: number): { outcome: ConsultationOutcome; proposalIds: string[]; statusQuoTied: boolean } {
  if (turnout === 0 || winners.length === 0) return { outcome: 'no-ballots', proposalIds: [], statusQuoTied: false };
  const won = winners.map((i) => options[i]!);
  if (won.length === 1) {
    const only = won[0]!;
    return only.statusQuo ? { outcome: 'status-quo', proposalIds: [], statusQuoTied: false } : { outcome: 'winner', proposalIds: [only.proposalId!], statusQuoTied: false };
  }
  return { outcome: 'tie', proposalIds: won.filter((o) => !o.statusQuo).map((o) => o.proposalId!), statusQuoTied: won.some((o) => o.statusQuo) };
}
