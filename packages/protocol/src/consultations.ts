// Consultations (LiquidFeedback's issues): residents propose solutions, gather support, discuss, confirm
// their support, then rank the admitted proposals against "keep things as they are" by the Schulze
// method. The wire format `<civic-poll>` (in its consultation mode) and the API share.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';
import { PollEligibility, ResultsVisibility } from './polls.js';

// ─── Phases ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Where a consultation stands. `draft`: only officers see it and may change everything.
 * `proposing`: residents submit proposals and support them. `discussion`: no new proposals; authors
 * revise theirs, supporters attach suggestions, support can still be given or taken back. `frozen`:
 * nothing changes; supporters confirm their support, and only confirmed support counts when the phase
 * ends. `voting`: a ranked (Schulze) ballot among the admitted proposals and "Keep things as they
 * are". `closed`: the result is final.
 */
export const ConsultationPhase = z.enum(['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed']);
export type ConsultationPhase = z.infer<typeof ConsultationPhase>;

/** The phases that end on a date, in order. */
export const TIMED_PHASES = ['proposing', 'discussion', 'frozen', 'voting'] as const;
export type TimedPhase = (typeof TIMED_PHASES)[number];

/** The label of the status-quo option on a consultation's ballot (widgets show their own translation). */
export const STATUS_QUO_LABEL = 'Keep things as they are';

/**
 * What a proposal needs to be admitted to the vote, as the officer chooses it:
 * - `supporters`: at least `count` supporters;
 * - `share`: at least `percent` % of the consultation's active participants (the people who support at
 *   least one of its proposals that is not withdrawn), rounded up, and never fewer than `minimum`.
 *
 * Before the frozen phase the count is of supporters, and admission shown then is provisional. In the
 * frozen phase, and for the final decision when it ends, only confirmed support counts: a proposal's
 * confirmed supporters, against the quorum computed from the people who confirmed support for at
 * least one proposal.
 */
export const AdmissionQuorum = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('supporters'),
        count: z.number().int('A number of supporters is a whole number.').min(1, 'At least 1 supporter.').max(1_000_000),
      })
      .strict(),
    z
      .object({
        kind: z.literal('share'),
        percent: z.number().int('Give a whole percentage.').min(1, 'At least 1%.').max(100, 'At most 100%.'),
        minimum: z.number().int('A number of supporters is a whole number.').min(1, 'At least 1 supporter.').max(1_000_000).default(1),
      })
      .strict(),
  ],
  { error: 'A quorum is { "kind": "supporters", "count": 10 } or { "kind": "share", "percent": 10 }.' },
);
export type AdmissionQuorum = z.infer<typeof AdmissionQuorum>;

const Title = z.string().trim().min(3, 'Give the consultation a title of at least 3 characters.').max(200, 'A consultation title has at most 200 characters.');
const Description = z.string().trim().max(5000, 'A consultation description has at most 5,000 characters.');

/** The date each timed phase ends (the scheduler advances on it when `autoAdvance` is on). */
const PhaseDates = {
  proposingEndsAt: IsoTime,
  discussionEndsAt: IsoTime,
  frozenEndsAt: IsoTime,
  votingEndsAt: IsoTime,
};
type Dates = Partial<Record<'proposingEndsAt' | 'discussionEndsAt' | 'frozenEndsAt' | 'votingEndsAt', string | null | undefined>>;

/** Each phase ends after the one before it. */
export function checkPhaseOrder(dates: Dates, ctx: z.RefinementCtx): void {
  const order = ['proposingEndsAt', 'discussionEndsAt', 'frozenEndsAt', 'votingEndsAt'] as const;
  const words = { proposingEndsAt: 'proposing', discussionEndsAt: 'discussion', frozenEndsAt: 'frozen', votingEndsAt: 'voting' };
  for (let i = 1; i < order.length; i++) {
    const before = dates[order[i - 1]!];
    const after = dates[order[i]!];
    if (before && after && Date.parse(after) <= Date.parse(before)) {
      ctx.addIssue({ code: 'custom', path: [order[i]!], message: `The ${words[order[i]!]} phase must end after the ${words[order[i - 1]!]} phase.` });
    }
  }
}

/** `POST /v1/orgs/:org/consultations` (officers and admins): a new consultation, as a draft. */
export const ConsultationCreate = z
  .object({
    title: Title,
    description: Description.default(''),
    quorum: AdmissionQuorum,
    /** Who may propose, support, suggest, confirm and vote (as for polls). */
    eligibility: PollEligibility.default('verified'),
    /** Whether the vote's results show while it is open, or only once it closes. */
    results: ResultsVisibility.default('after-close'),
    /** The scheduler moves to the next phase when a phase's end date passes (default); off, only an officer does. */
    autoAdvance: z.boolean().default(true),
    ...PhaseDates,
  })
  .strict()
  .superRefine(checkPhaseOrder);
export type ConsultationCreate = z.input<typeof ConsultationCreate>;

/**
 * `PATCH /v1/orgs/:org/consultations/:id` (officers and admins). What may change depends on the phase:
 * title, description and `autoAdvance` until it closes; the end dates of phases that have not ended;
 * `quorum` until the frozen phase starts; `eligibility` and `results` while it is a draft.
 */
export const ConsultationUpdate = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    quorum: AdmissionQuorum.optional(),
    eligibility: PollEligibility.optional(),
    results: ResultsVisibility.optional(),
    autoAdvance: z.boolean().optional(),
    proposingEndsAt: IsoTime.optional(),
    discussionEndsAt: IsoTime.optional(),
    frozenEndsAt: IsoTime.optional(),
    votingEndsAt: IsoTime.optional(),
  })
  .strict()
  .superRefine(checkPhaseOrder)
  .refine((changes) => Object.keys(changes).length > 0, 'Send at least one field to change.');
export type ConsultationUpdate = z.input<typeof ConsultationUpdate>;

/**
 * `POST /v1/orgs/:org/consultations/:id/advance` (officers and admins): moves to the next phase now.
 * `from` names the phase the officer saw, so that a second click (or the scheduler getting there
 * first) answers 409 instead of skipping a phase.
 */
export const ConsultationAdvance = z.object({ from: ConsultationPhase.optional() }).strict();
export type ConsultationAdvance = z.infer<typeof ConsultationAdvance>;

// ─── Proposals ───────────────────────────────────────────────────────────────────────────────────

/**
 * `proposed`: not admitted (yet). `admitted`: it has the support the quorum asks (provisionally until
 * the frozen phase ends, then for good: it is on the ballot). `not-admitted`: the frozen phase ended
 * without enough confirmed support. `withdrawn`: its author took it back.
 */
export const ProposalStatus = z.enum(['proposed', 'admitted', 'not-admitted', 'withdrawn']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

/** Proposals one person may submit to one consultation (withdrawn ones included). */
export const MAX_PROPOSALS_PER_AUTHOR = 3;
/** Proposals (not withdrawn) one consultation may have: each may be an option of the vote, beside "Keep things as they are". */
export const MAX_PROPOSALS = 49;

const ProposalTitle = z.string().trim().min(3, 'Give the proposal a title of at least 3 characters.').max(200, 'A proposal title has at most 200 characters.');
const ProposalSummary = z.string().trim().min(10, 'Summarise the proposal in at least 10 characters.').max(500, 'A summary has at most 500 characters.');
const ProposalBody = z.string().trim().max(20_000, 'A proposal has at most 20,000 characters.');

/** `POST /v1/orgs/:org/consultations/:id/proposals` (eligible residents, in the proposing phase). The author supports it at once. */
export const ProposalCreate = z
  .object({
    title: ProposalTitle,
    /** One or two sentences: the ballot shows it under the title. */
    summary: ProposalSummary,
    /** The whole proposal, in the discussions' Markdown subset. */
    body: ProposalBody.default(''),
  })
  .strict();
export type ProposalCreate = z.input<typeof ProposalCreate>;

/** `PATCH …/proposals/:pid` (its author, in the proposing and discussion phases): a new revision; the old one is kept. */
export const ProposalUpdate = z
  .object({
    title: ProposalTitle.optional(),
    summary: ProposalSummary.optional(),
    body: ProposalBody.optional(),
    /** What changed and why, for the supporters (for example which suggestion it takes up). */
    note: z.string().trim().max(300, 'A note has at most 300 characters.').optional(),
  })
  .strict()
  .refine((changes) => changes.title !== undefined || changes.summary !== undefined || changes.body !== undefined, 'Change the title, the summary or the text.');
export type ProposalUpdate = z.input<typeof ProposalUpdate>;

/** What the reader may do with a proposal now. */
export const ProposalYou = z.object({
  /** Wrote it. */
  author: z.boolean(),
  /** Supports it. */
  supporting: z.boolean(),
  /** Confirmed that support in the frozen phase. */
  confirmed: z.boolean(),
  canSupport: z.boolean(),
  canUnsupport: z.boolean(),
  canConfirm: z.boolean(),
  canRevise: z.boolean(),
  canWithdraw: z.boolean(),
  canSuggest: z.boolean(),
});
export type ProposalYou = z.infer<typeof ProposalYou>;

export const Proposal = z.object({
  id: Id,
  consultationId: Id,
  title: z.string(),
  summary: z.string(),
  status: ProposalStatus,
  /** `status` is final (the frozen phase has ended, or the proposal was withdrawn). */
  statusFinal: z.boolean(),
  author: z.object({ id: Id, name: z.string() }).nullable(),
  /** People supporting it now. */
  supporters: z.number().int().min(0),
  /** Supporters who confirmed in the frozen phase (null before it starts). */
  confirmed: z.number().int().min(0).nullable(),
  /** 1 for the first version; grows with each revision. */
  revision: z.number().int().min(1),
  suggestions: z.number().int().min(0),
  /** Where its discussion is: `<civic-debate subject="proposal:ID">`. */
  subject: z.string(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  withdrawnAt: IsoTime.nullable(),
  you: ProposalYou.optional(),
});
export type Proposal = z.infer<typeof Proposal>;

/** `GET …/proposals/:pid`: a proposal with its whole text. */
export const ProposalDetail = Proposal.extend({ body: z.string() });
export type ProposalDetail = z.infer<typeof ProposalDetail>;

/** `GET …/proposals/:pid/revisions` (anyone): every version, newest first. */
export const ProposalRevision = z.object({
  revision: z.number().int().min(1),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  note: z.string().nullable(),
  createdAt: IsoTime,
});
export type ProposalRevision = z.infer<typeof ProposalRevision>;
export const ProposalRevisionList = z.object({ items: z.array(ProposalRevision) });
export type ProposalRevisionList = z.infer<typeof ProposalRevisionList>;

// ─── Suggestions ─────────────────────────────────────────────────────────────────────────────────

/** How much a supporter wants a suggestion taken up (LiquidFeedback's degrees). */
export const SuggestionDegree = z.enum(['must', 'should', 'should-not', 'must-not']);
export type SuggestionDegree = z.infer<typeof SuggestionDegree>;

/** Suggestions one person may attach to one proposal. */
export const MAX_SUGGESTIONS_PER_PERSON = 5;

/** `POST …/proposals/:pid/suggestions` (supporters of the proposal, in the discussion phase). */
export const SuggestionCreate = z
  .object({ body: z.string().trim().min(10, 'Write at least 10 characters.').max(2000, 'A suggestion has at most 2,000 characters.') })
  .strict();
export type SuggestionCreate = z.infer<typeof SuggestionCreate>;

/** `PUT …/suggestions/:sid/rating` (supporters of the proposal, in the discussion phase). */
export const SuggestionRating = z.object({ degree: SuggestionDegree }).strict();
export type SuggestionRating = z.infer<typeof SuggestionRating>;

export const Suggestion = z.object({
  id: Id,
  proposalId: Id,
  body: z.string(),
  author: z.object({ id: Id, name: z.string() }).nullable(),
  /** How many supporters rated it each way. */
  ratings: z.object({ must: z.number().int().min(0), should: z.number().int().min(0), shouldNot: z.number().int().min(0), mustNot: z.number().int().min(0) }),
  /** The reader's own rating, when signed in. */
  yourRating: SuggestionDegree.nullable(),
  createdAt: IsoTime,
});
export type Suggestion = z.infer<typeof Suggestion>;
/** `GET …/proposals/:pid/suggestions` (anyone): the most wanted first (2 × must + should − should not − 2 × must not), then oldest. */
export const SuggestionList = z.object({ items: z.array(Suggestion) });
export type SuggestionList = z.infer<typeof SuggestionList>;

// ─── Consultations ───────────────────────────────────────────────────────────────────────────────

export const PhaseDatesOut = z.object({
  phase: z.enum(TIMED_PHASES),
  /** When it began (null when it has not). */
  startedAt: IsoTime.nullable(),
  /** When it is planned to end. */
  endsAt: IsoTime,
  /** When it did end (null while it lasts or before it). */
  endedAt: IsoTime.nullable(),
});
export type PhaseDatesOut = z.infer<typeof PhaseDatesOut>;

/**
 * The result once the consultation has closed. `winner`: one proposal won (`proposalIds` has it).
 * `status-quo`: "Keep things as they are" won alone: no proposal is taken up. `tie`: several options
 * share first place as Schulze defines it (`proposalIds`, and `statusQuoTied` when keeping things as
 * they are is among them). `no-ballots`: nobody voted. `no-admitted-proposals`: no proposal had
 * enough confirmed support when the frozen phase ended, so there was no vote.
 */
export const ConsultationOutcome = z.enum(['winner', 'status-quo', 'tie', 'no-ballots', 'no-admitted-proposals']);
export type ConsultationOutcome = z.infer<typeof ConsultationOutcome>;

export const RankedOption = z.object({
  /** The option's id in the vote (a poll option). */
  optionId: Id,
  /** The proposal it stands for; null for "Keep things as they are". */
  proposalId: Id.nullable(),
  statusQuo: z.boolean(),
  label: z.string(),
});
export type RankedOption = z.infer<typeof RankedOption>;

export const ConsultationResult = z.object({
  outcome: ConsultationOutcome,
  /** The winning proposal, or the tied ones. */
  proposalIds: z.array(Id),
  statusQuoTied: z.boolean(),
  turnout: z.number().int().min(0),
  /** The whole Schulze ranking, in tiers, best first; options in one tier are tied (empty without a vote). */
  ranking: z.array(z.array(RankedOption)),
});
export type ConsultationResult = z.infer<typeof ConsultationResult>;

/** What the reader may do with a consultation now. */
export const ConsultationYou = z.object({
  /** May change, advance and delete it (officers and admins). */
  canManage: z.boolean(),
  /** May submit a proposal now. */
  canPropose: z.boolean(),
  /** May take part (support, suggest, confirm, vote) as the phase allows. */
  eligible: z.boolean(),
  /** Why not, in words for a resident, when they may not take part or propose. */
  reason: z.string().optional(),
});
export type ConsultationYou = z.infer<typeof ConsultationYou>;

const ConsultationFields = {
  id: Id,
  title: z.string(),
  description: z.string(),
  phase: ConsultationPhase,
  /** When the current phase is planned to end (null for draft and closed). */
  phaseEndsAt: IsoTime.nullable(),
  phases: z.array(PhaseDatesOut),
  autoAdvance: z.boolean(),
  quorum: AdmissionQuorum,
  eligibility: PollEligibility,
  results: ResultsVisibility,
  /** People supporting at least one proposal (in the frozen phase and after: who confirmed at least one). */
  participants: z.number().int().min(0),
  /** Supporters (from the frozen phase on: confirmed supporters) a proposal needs now to be admitted. */
  quorumNeeded: z.number().int().min(1),
  proposalCount: z.number().int().min(0),
  /** The vote (a ranked poll: `/v1/orgs/:org/polls/:pollId`), from the voting phase on. */
  pollId: Id.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
};

export const ConsultationSummary = z.object(ConsultationFields);
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

/** `GET /v1/orgs/:org/consultations/:id` (anyone; drafts only for officers and admins). */
export const Consultation = z.object({
  ...ConsultationFields,
  /** Every proposal, withdrawn ones last, otherwise in the order they were submitted. */
  proposals: z.array(Proposal),
  /** Once closed. */
  result: ConsultationResult.nullable(),
  /** The stream position when read: `Last-Event-ID` for `/v1/stream?topic=consultation:<id>`. */
  lastEventId: z.string(),
  you: ConsultationYou.optional(),
});
export type Consultation = z.infer<typeof Consultation>;

/** `GET /v1/orgs/:org/consultations?phase=&cursor=&limit=` (anyone; drafts only for officers): newest first. */
export const ConsultationQuery = z.object({
  phase: z
    .string()
    .regex(
      /^(?:draft|proposing|discussion|frozen|voting|closed)(?:,(?:draft|proposing|discussion|frozen|voting|closed))*$/,
      'Use phase=proposing, discussion, frozen, voting, closed or draft, or several separated by commas.',
    )
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ConsultationQuery = z.input<typeof ConsultationQuery>;
export const ConsultationPage = z.object({ items: z.array(ConsultationSummary), nextCursor: z.string().nullable() });
export type ConsultationPage = z.infer<typeof ConsultationPage>;

// ─── The live stream ─────────────────────────────────────────────────────────────────────────────

/**
 * `GET /v1/stream?org=<slug>&topic=consultation:<id>` (a consultation that is not a draft) sends:
 * - `phase`: `ConsultationPhaseEvent` when the consultation moves to its next phase (by the scheduler or an officer);
 * - `counts`: `ConsultationCountsEvent` when support or confirmations change;
 * - `proposal`: `Proposal` (without `you`) when one is submitted, revised or withdrawn.
 */
export const ConsultationStreamEventName = z.enum(['phase', 'counts', 'proposal']);
export type ConsultationStreamEventName = z.infer<typeof ConsultationStreamEventName>;

export const ConsultationPhaseEvent = z.object({ id: Id, phase: ConsultationPhase, phaseEndsAt: IsoTime.nullable(), pollId: Id.nullable() });
export type ConsultationPhaseEvent = z.infer<typeof ConsultationPhaseEvent>;

export const ConsultationCountsEvent = z.object({
  id: Id,
  participants: z.number().int().min(0),
  quorumNeeded: z.number().int().min(1),
  proposals: z.array(z.object({ id: Id, status: ProposalStatus, supporters: z.number().int().min(0), confirmed: z.number().int().min(0).nullable() })),
});
export type ConsultationCountsEvent = z.infer<typeof ConsultationCountsEvent>;
