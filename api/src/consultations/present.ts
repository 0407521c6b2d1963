// Consultations, proposals, suggestions and results as the API hands them out (protocol's Consultation,
// Proposal, Suggestion and ConsultationResult).
import {
  TIMED_PHASES,
  type Consultation,
  type ConsultationCountsEvent,
  type ConsultationResult,
  type ConsultationSummary,
  type ConsultationYou,
  type PhaseDatesOut,
  type Proposal,
  type ProposalDetail,
  type ProposalYou,
  type Suggestion,
  type SuggestionDegree,
} from '@civic-elements/protocol';
import { outcomeOf, phaseEndsAt, quorumNeeded, shownStatus, statusFinal } from '../domain/consultation.js';
import { resultsOf } from '../domain/tally.js';
import type { ConsultationRecord, PollRecord, PollTally, ProposalRecord, SuggestionRecord } from '../store/types.js';

/** The stream topic of a consultation. */
export const consultationTopic = (consultationId: string) => `consultation:${consultationId}`;

const LATER = ['proposing', 'discussion', 'frozen', 'voting', 'closed'] as const;

/** Each timed phase with when it began, is planned to end, and did end (when the next phase began). */
export function phasesOf(c: ConsultationRecord): PhaseDatesOut[] {
  return TIMED_PHASES.map((phase) => {
    const startedAt = c.startedAt[phase];
    const next = LATER.slice(LATER.indexOf(phase) + 1).find((later) => c.startedAt[later] !== null);
    return { phase, startedAt, endsAt: c[`${phase}EndsAt`], endedAt: startedAt !== null && next ? c.startedAt[next] : null };
  });
}

export function summaryOut(c: ConsultationRecord, participants: number): ConsultationSummary {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    phase: c.phase,
    phaseEndsAt: phaseEndsAt(c.phase, c),
    phases: phasesOf(c),
    autoAdvance: c.autoAdvance,
    quorum: c.quorum,
    eligibility: c.eligibility,
    results: c.results,
    participants,
    quorumNeeded: quorumNeeded(c.quorum, participants),
    proposalCount: c.proposalCount,
    pollId: c.pollId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function proposalOut(p: ProposalRecord, c: Pick<ConsultationRecord, 'phase'>, needed: number, you?: ProposalYou): Proposal {
  const frozenOrLater = c.phase === 'frozen' || c.phase === 'voting' || c.phase === 'closed';
  return {
    id: p.id,
    consultationId: p.consultationId,
    title: p.title,
    summary: p.summary,
    status: shownStatus(p, c.phase, needed),
    statusFinal: statusFinal(p),
    author: p.authorId && p.authorName !== null ? { id: p.authorId, name: p.authorName } : null,
    supporters: p.supporters,
    confirmed: frozenOrLater ? p.confirmed : null,
    revision: p.revision,
    suggestions: p.suggestions,
    subject: `proposal:${p.id}`,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    withdrawnAt: p.withdrawnAt,
    ...(you ? { you } : {}),
  };
}

export const proposalDetailOut = (p: ProposalRecord, c: Pick<ConsultationRecord, 'phase'>, needed: number, you?: ProposalYou): ProposalDetail => ({ ...proposalOut(p, c, needed, you), body: p.body });

export function consultationOut(
  c: ConsultationRecord,
  view: { participants: number; proposals: readonly ProposalRecord[]; result: ConsultationResult | null; lastEventId: number; you?: ConsultationYou; proposalYou?: (p: ProposalRecord) => ProposalYou },
): Consultation {
  const summary = summaryOut(c, view.participants);
  return {
    ...summary,
    proposals: view.proposals.map((p) => proposalOut(p, c, summary.quorumNeeded, view.proposalYou?.(p))),
    result: view.result,
    lastEventId: String(view.lastEventId),
    ...(view.you ? { you: view.you } : {}),
  };
}

/** What `counts` stream events carry. */
export function countsOut(c: ConsultationRecord, proposals: readonly ProposalRecord[], participants: number): ConsultationCountsEvent {
  const needed = quorumNeeded(c.quorum, participants);
  return {
    id: c.id,
    participants,
    quorumNeeded: needed,
    proposals: proposals.map((p) => {
      const shown = proposalOut(p, c, needed);
      return { id: p.id, status: shown.status, supporters: shown.supporters, confirmed: shown.confirmed };
    }),
  };
}

export function suggestionOut(s: SuggestionRecord, yourRating: SuggestionDegree | null): Suggestion {
  return {
    id: s.id,
    proposalId: s.proposalId,
    body: s.body,
    author: s.authorId && s.authorName !== null ? { id: s.authorId, name: s.authorName } : null,
    ratings: s.ratings,
    yourRating,
    createdAt: s.createdAt,
  };
}

/** The result of a closed consultation: from its vote's tally, or no vote when nothing was admitted. */
export function resultOut(poll: PollRecord | null, tally: PollTally | null): ConsultationResult {
  if (!poll || !tally) return { outcome: 'no-admitted-proposals', proposalIds: [], statusQuoTied: false, turnout: 0, ranking: [] };
  const counted = resultsOf('ranked', poll.options.length, tally.tally, tally.turnout);
  const outcome = outcomeOf(poll.options, counted.winners, tally.turnout);
  const ranking = (counted.schulze?.ranking ?? []).map((tier) =>
    tier.map((i) => {
      const option = poll.options[i]!;
      return { optionId: option.id, proposalId: option.proposalId, statusQuo: option.statusQuo, label: option.label };
    }),
  );
  return { ...outcome, turnout: tally.turnout, ranking };
}
