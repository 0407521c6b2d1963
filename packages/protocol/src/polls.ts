// Polls (LiquidFeedback's votes): single choice, multiple choice, approval, score and ranked (Schulze)
// ballots, who may vote, secret ballots with receipts, live or after-close results and the anonymised
// ballot set. The wire format `<civic-poll>` and the API share.
import { z } from 'zod';
import { Email, Id, IsoTime } from './common.js';
import { Point } from './geo.js';

// ─── Polls ───────────────────────────────────────────────────────────────────────────────────────

/**
 * `single`: one option. `multiple`: between `minChoices` and `maxChoices` options. `approval`: any
 * number of options, each approved or not. `score`: every option gets 0 to 5 (left out: 0). `ranked`:
 * options in order of preference, equal ranks allowed, unranked ones below every ranked one; counted
 * by the Schulze method.
 */
export const PollKind = z.enum(['single', 'multiple', 'approval', 'score', 'ranked']);
export type PollKind = z.infer<typeof PollKind>;

/**
 * Who may vote; every mode needs a signed-in person with a verified email address. `verified`: anyone
 * such (the default). `members`: people who belong to the organisation (everyone who signed in through
 * one of its sites does, as a resident). `officer-verified`: residents an officer of the organisation
 * has marked as verified (`/v1/orgs/:org/verified-residents`), for example after checking they live in
 * the area.
 */
export const PollEligibility = z.enum(['verified', 'members', 'officer-verified']);
export type PollEligibility = z.infer<typeof PollEligibility>;

/** `live`: results show while the poll is open. `after-close`: only once it has closed (officers always see them). */
export const ResultsVisibility = z.enum(['live', 'after-close']);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;

/**
 * `draft`: only officers see it and it can still be changed. `open`: people can vote (from `opensAt`,
 * when set). `closed`: an officer closed it, or `closesAt` has passed; ballots are final.
 */
export const PollStatus = z.enum(['draft', 'open', 'closed']);
export type PollStatus = z.infer<typeof PollStatus>;

/** A poll has at most this many options (a ballot keeps one character per option). */
export const MAX_POLL_OPTIONS = 50;
/** The highest score a score ballot gives. */
export const MAX_SCORE = 5;

/** A picture of an option: a photo uploaded to the organisation (`POST /v1/orgs/:org/media`) or an https address. */
export const PollImageInput = z.union(
  [
    z.object({ mediaId: Id, alt: z.string().trim().max(300).optional() }).strict(),
    z
      .object({
        url: z
          .string()
          .trim()
          .max(2000, 'An image address has at most 2,000 characters.')
          .regex(/^https:\/\/\S+$/, 'An image address starts with https://.'),
        alt: z.string().trim().max(300).optional(),
      })
      .strict(),
  ],
  { error: 'An image is { "mediaId": "…" } (an uploaded photo) or { "url": "https://…" }.' },
);
export type PollImageInput = z.infer<typeof PollImageInput>;

export const PollOptionInput = z
  .object({
    label: z.string().trim().min(1, 'Give the option a label.').max(200, 'An option label has at most 200 characters.'),
    description: z.string().trim().max(2000, 'An option description has at most 2,000 characters.').optional(),
    image: PollImageInput.optional(),
    /** Where the option is, for a map (GeoJSON Point, longitude first). */
    location: Point.optional(),
  })
  .strict();
export type PollOptionInput = z.infer<typeof PollOptionInput>;

export const PollOption = z.object({
  /** Stable within the poll: ballots name options by it. */
  id: Id,
  label: z.string(),
  description: z.string().nullable(),
  image: z.object({ mediaId: Id.nullable(), url: z.string(), thumb: z.string(), alt: z.string() }).nullable(),
  location: Point.nullable(),
  /** In a consultation's vote: the proposal the option stands for (absent in other polls). */
  proposalId: Id.nullable().optional(),
  /** In a consultation's vote: true for "Keep things as they are" (absent in other polls). */
  statusQuo: z.boolean().optional(),
});
export type PollOption = z.infer<typeof PollOption>;

const Title = z.string().trim().min(3, 'Give the poll a title of at least 3 characters.').max(200, 'A poll title has at most 200 characters.');
const Description = z.string().trim().max(5000, 'A poll description has at most 5,000 characters.');
const Options = z
  .array(PollOptionInput)
  .min(2, 'A poll needs at least 2 options.')
  .max(MAX_POLL_OPTIONS, `A poll has at most ${MAX_POLL_OPTIONS} options.`)
  .refine((options) => new Set(options.map((o) => o.label.toLowerCase())).size === options.length, 'Give each option a different label.');
const Choices = z.number().int('A number of choices is a whole number.').min(1, 'At least 1.').max(MAX_POLL_OPTIONS);

/** Checks what one field cannot: the choice limits against the kind and the options, the times against each other. */
function pollRules(poll: { kind?: PollKind | undefined; minChoices?: number | undefined; maxChoices?: number | undefined; options?: unknown[] | undefined; opensAt?: string | null | undefined; closesAt?: string | null | undefined }, ctx: z.RefinementCtx) {
  const multiple = poll.kind === 'multiple';
  if (poll.kind !== undefined && !multiple) {
    for (const field of ['minChoices', 'maxChoices'] as const) {
      if (poll[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'Only a multiple-choice poll has a minimum and maximum number of choices.' });
    }
  }
  if (multiple && poll.minChoices !== undefined && poll.maxChoices !== undefined && poll.minChoices > poll.maxChoices) {
    ctx.addIssue({ code: 'custom', path: ['minChoices'], message: 'The minimum number of choices cannot be more than the maximum.' });
  }
  if (multiple && poll.options && poll.maxChoices !== undefined && poll.maxChoices > poll.options.length) {
    ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: `The maximum number of choices cannot be more than the ${poll.options.length} options.` });
  }
  if (poll.opensAt && poll.closesAt && Date.parse(poll.closesAt) <= Date.parse(poll.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'The poll must close after it opens.' });
  }
}

const PollFields = z.object({
  title: Title,
  description: Description.default(''),
  kind: PollKind,
  /** Multiple choice only: the fewest options a ballot may choose (default 1). */
  minChoices: Choices.optional(),
  /** Multiple choice only: the most options a ballot may choose (default: every option). */
  maxChoices: Choices.optional(),
  options: Options,
  eligibility: PollEligibility.default('verified'),
  results: ResultsVisibility.default('after-close'),
  /** When voting starts once the poll is open (default: as soon as an officer opens it). */
  opensAt: IsoTime.nullable().optional(),
  /** When voting ends by itself (default: when an officer closes it). */
  closesAt: IsoTime.nullable().optional(),
});

/** `POST /v1/orgs/:org/polls` (officers and admins): a new poll, as a draft. */
export const PollCreate = PollFields.strict().superRefine(pollRules);
export type PollCreate = z.input<typeof PollCreate>;

/**
 * `PATCH /v1/orgs/:org/polls/:id` (officers and admins, drafts only): the fields to change; `options`
 * replaces the list (an option sent with its `id` keeps that id). Null clears `opensAt` or `closesAt`.
 */
export const PollUpdate = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    kind: PollKind.optional(),
    minChoices: Choices.nullable().optional(),
    maxChoices: Choices.nullable().optional(),
    options: z
      .array(PollOptionInput.extend({ id: Id.optional() }).strict())
      .min(2, 'A poll needs at least 2 options.')
      .max(MAX_POLL_OPTIONS, `A poll has at most ${MAX_POLL_OPTIONS} options.`)
      .refine((options) => new Set(options.map((o) => o.label.toLowerCase())).size === options.length, 'Give each option a different label.')
      .optional(),
    eligibility: PollEligibility.optional(),
    results: ResultsVisibility.optional(),
    opensAt: IsoTime.nullable().optional(),
    closesAt: IsoTime.nullable().optional(),
  })
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'Send at least one field to change.');
export type PollUpdate = z.input<typeof PollUpdate>;

/** What the reader may do with a poll. */
export const PollYou = z.object({
  /** May cast (or change) a ballot now. */
  canVote: z.boolean(),
  /** Why not, in words for a resident: signed out, not eligible, not open yet, closed. */
  reason: z.string().optional(),
  /** Has a ballot in this poll (it can be read at `GET …/ballot`). */
  voted: z.boolean(),
  /** May edit, open, close, delete and recount (officers and admins of the organisation). */
  canManage: z.boolean(),
  /** May see the results now. */
  canSeeResults: z.boolean(),
});
export type PollYou = z.infer<typeof PollYou>;

export const Poll = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  kind: PollKind,
  /** Multiple choice only (null otherwise). */
  minChoices: z.number().int().nullable(),
  maxChoices: z.number().int().nullable(),
  options: z.array(PollOption),
  eligibility: PollEligibility,
  results: ResultsVisibility,
  /** `closed` once `closesAt` has passed, even before an officer closes it. */
  status: PollStatus,
  /** Ballots are taken now: open, and `opensAt` (if any) has come. */
  acceptingBallots: z.boolean(),
  opensAt: IsoTime.nullable(),
  closesAt: IsoTime.nullable(),
  openedAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Ballots cast, when the reader may see the results (null otherwise). */
  turnout: z.number().int().min(0).nullable(),
  /** The consultation whose vote this is (absent for other polls). */
  consultationId: Id.optional(),
  /** The reader's relation to the poll (single poll answers only). */
  you: PollYou.optional(),
});
export type Poll = z.infer<typeof Poll>;

/** `GET /v1/orgs/:org/polls?status=&cursor=&limit=` (anyone; drafts only for officers): newest first. */
export const PollQuery = z.object({
  status: z
    .string()
    .regex(/^(?:draft|open|closed)(?:,(?:draft|open|closed))*$/, 'Use status=open, closed or draft, or several separated by commas.')
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PollQuery = z.input<typeof PollQuery>;
export const PollPage = z.object({ items: z.array(Poll), nextCursor: z.string().nullable() });
export type PollPage = z.infer<typeof PollPage>;

// ─── Ballots ─────────────────────────────────────────────────────────────────────────────────────

const OptionIds = z.array(Id).max(MAX_POLL_OPTIONS, `A ballot names at most ${MAX_POLL_OPTIONS} options.`);

/** One option, by id. */
export const SingleBallot = z.object({ kind: z.literal('single'), choice: Id }).strict();
/** Between the poll's minChoices and maxChoices options, by id. */
export const MultipleBallot = z.object({ kind: z.literal('multiple'), choices: OptionIds }).strict();
/** The options approved, by id (none is a valid ballot). */
export const ApprovalBallot = z.object({ kind: z.literal('approval'), choices: OptionIds }).strict();
/** A score from 0 to 5 per option id; options left out score 0. */
export const ScoreBallot = z
  .object({
    kind: z.literal('score'),
    scores: z.record(Id, z.number().int('A score is a whole number.').min(0, `A score is from 0 to ${MAX_SCORE}.`).max(MAX_SCORE, `A score is from 0 to ${MAX_SCORE}.`)),
  })
  .strict();
/**
 * A rank per option id: 1 is the first preference; equal ranks are allowed; options left out are
 * unranked and count below every ranked option. Ranks are kept in their order only ([1, 3, 3] is
 * stored as [1, 2, 2]), so that a ballot cannot be marked by unusual numbers.
 */
export const RankedBallot = z
  .object({
    kind: z.literal('ranked'),
    ranks: z.record(Id, z.number().int('A rank is a whole number.').min(1, 'Ranks start at 1 (your first preference).').max(MAX_POLL_OPTIONS, `A rank is at most ${MAX_POLL_OPTIONS}.`)),
  })
  .strict();

/** `PUT /v1/orgs/:org/polls/:id/ballot` (eligible residents, while the poll takes ballots): cast or change one's ballot. */
export const Ballot = z.discriminatedUnion('kind', [SingleBallot, MultipleBallot, ApprovalBallot, ScoreBallot, RankedBallot], {
  error: 'A ballot has a kind (single, multiple, approval, score or ranked) matching the poll.',
});
export type Ballot = z.infer<typeof Ballot>;

/**
 * The answer to a cast ballot. `receipt` is shown once and never again (the API keeps only its hash):
 * with it anyone can check the ballot is in the published ballot set (`POST …/verify-receipt`, or the
 * SHA-256 of the code in the export's `receipt` column). Changing the ballot issues a new receipt, and
 * the old one then no longer matches anything.
 */
export const BallotReceipt = z.object({
  pollId: Id,
  receipt: z.string(),
  /** True when this replaced an earlier ballot. */
  changed: z.boolean(),
  /** The ballot as counted (ranks renumbered 1, 2, 3…). */
  ballot: Ballot,
});
export type BallotReceipt = z.infer<typeof BallotReceipt>;

/** `GET /v1/orgs/:org/polls/:id/ballot` (signed in): whether I voted, and my current ballot. */
export const MyBallot = z.object({
  voted: z.boolean(),
  votedAt: IsoTime.nullable(),
  changedAt: IsoTime.nullable(),
  ballot: Ballot.nullable(),
});
export type MyBallot = z.infer<typeof MyBallot>;

/** A receipt code as handed out: 20 letters and digits in groups of four (case, spaces and hyphens do not matter). */
export const ReceiptCode = z
  .string()
  .trim()
  .max(60)
  .regex(/^[0-9A-Za-z\s-]+$/, 'A receipt is 20 letters and digits, like 7K3Q-M9XF-2HBD-Q8RW-PZ4T.');

/** `POST /v1/orgs/:org/polls/:id/verify-receipt` (anyone): is the ballot with this receipt in the ballot set? */
export const ReceiptCheck = z.object({ receipt: ReceiptCode }).strict();
export type ReceiptCheck = z.infer<typeof ReceiptCheck>;
export const ReceiptStatus = z.object({
  /** The ballot is in the ballot set and counted. */
  counted: z.boolean(),
  /** The SHA-256 (hex) of the receipt, as the export's `receipt` column shows it. */
  receiptHash: z.string(),
  /** The counted ballot, when there is one. */
  ballot: Ballot.nullable(),
});
export type ReceiptStatus = z.infer<typeof ReceiptStatus>;

// ─── Results ─────────────────────────────────────────────────────────────────────────────────────

export const OptionResult = z.object({
  id: Id,
  label: z.string(),
  /** single, multiple, approval: ballots choosing it. */
  votes: z.number().int().min(0).optional(),
  /** single, multiple, approval: `votes` / turnout (0 when nobody voted). */
  share: z.number().min(0).max(1).optional(),
  /** score: the sum of its scores. */
  scoreSum: z.number().int().min(0).optional(),
  /** score: the mean score over every ballot (0 when nobody voted). */
  scoreMean: z.number().min(0).max(MAX_SCORE).optional(),
  /** score: how many ballots gave it 0, 1, … 5. */
  scoreCounts: z.array(z.number().int().min(0)).length(MAX_SCORE + 1).optional(),
  /** Its place: 1 for the winner(s); tied options share a place. */
  place: z.number().int().min(1),
});
export type OptionResult = z.infer<typeof OptionResult>;

/**
 * A ranked poll's count by the Schulze method. Matrices are indexed in the order of `options`:
 * `d[i][j]` is how many ballots prefer option i to option j; `p[i][j]` the strength of the strongest
 * path from i to j. `ranking` lists option ids in tiers, best first; options in one tier are tied, and
 * the first tier holds the winners (several when they tie, exactly as Schulze defines it).
 */
export const SchulzeResults = z.object({
  d: z.array(z.array(z.number().int().min(0))),
  p: z.array(z.array(z.number().int().min(0))),
  ranking: z.array(z.array(Id)),
});
export type SchulzeResults = z.infer<typeof SchulzeResults>;

/** `GET /v1/orgs/:org/polls/:id/results` (anyone when the poll shows results; officers always). */
export const PollResults = z.object({
  pollId: Id,
  kind: PollKind,
  status: PollStatus,
  /** The poll has closed: these results are final. */
  final: z.boolean(),
  /** Ballots counted (one per person). */
  turnout: z.number().int().min(0),
  /** In the poll's order of options. */
  options: z.array(OptionResult),
  /** Option ids with the most votes / the highest score / first in the Schulze ranking; several when tied; none before anyone voted. */
  winners: z.array(Id),
  /** Ranked polls only. */
  schulze: SchulzeResults.optional(),
  /** The poll's stream position when read: `Last-Event-ID` for `/v1/stream?topic=poll:<id>` (not in stream events, which carry their own id). */
  lastEventId: z.string().optional(),
});
export type PollResults = z.infer<typeof PollResults>;

/**
 * `POST /v1/orgs/:org/polls/:id/recount` (officers and admins): every stored ballot counted again
 * from scratch, compared with the tally kept as ballots arrived.
 */
export const RecountReport = z.object({
  pollId: Id,
  /** The recount equals the running tally. */
  matches: z.boolean(),
  turnout: z.number().int().min(0),
  /** Ballots the recount read. */
  ballotsRead: z.number().int().min(0),
  milliseconds: z.number().min(0),
  /** Results from the recount. */
  results: PollResults,
});
export type RecountReport = z.infer<typeof RecountReport>;

/**
 * `GET /v1/orgs/:org/polls/:id/ballots.json` (and `ballots.csv`), when the results are visible: the
 * anonymised ballot set, in no meaningful order, so that anyone can recount. `choices[i]` is for
 * `options[i]`: ranked — the rank (0 unranked); score — the score; the other kinds — 1 chosen, 0 not.
 * `receipt` is the SHA-256 (hex) of the ballot's receipt code (null for ballots imported without one).
 * No user, time or order of casting is in it.
 */
export const BallotExport = z.object({
  format: z.literal('civic-poll-ballots/1'),
  poll: z.object({ id: Id, title: z.string(), kind: PollKind, minChoices: z.number().int().nullable(), maxChoices: z.number().int().nullable(), status: PollStatus }),
  options: z.array(z.object({ id: Id, label: z.string() })),
  turnout: z.number().int().min(0),
  ballots: z.array(z.object({ receipt: z.string().nullable(), choices: z.array(z.number().int().min(0)) })),
});
export type BallotExport = z.infer<typeof BallotExport>;

// ─── Verified residents ──────────────────────────────────────────────────────────────────────────

/** `POST /v1/orgs/:org/verified-residents` (officers and admins): mark a person verified for `officer-verified` polls, by id or email. */
export const VerifiedResidentCreate = z
  .object({
    userId: Id.optional(),
    email: Email.optional(),
    /** Why, for the other officers (how it was checked). */
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((v) => (v.userId === undefined) !== (v.email === undefined), { message: 'Name the person by userId or by email (one of them).', path: ['userId'] });
export type VerifiedResidentCreate = z.input<typeof VerifiedResidentCreate>;
export const VerifiedResident = z.object({
  user: z.object({ id: Id, name: z.string(), email: z.string() }),
  note: z.string().nullable(),
  verifiedBy: z.object({ id: Id, name: z.string() }).nullable(),
  verifiedAt: IsoTime,
});
export type VerifiedResident = z.infer<typeof VerifiedResident>;
/** `GET /v1/orgs/:org/verified-residents?cursor=&limit=` (officers and admins): newest first. */
export const VerifiedResidentPage = z.object({ items: z.array(VerifiedResident), nextCursor: z.string().nullable() });
export type VerifiedResidentPage = z.infer<typeof VerifiedResidentPage>;

// ─── The live stream ─────────────────────────────────────────────────────────────────────────────

/**
 * `GET /v1/stream?org=<slug>&topic=poll:<id>` (a poll that is not a draft) sends:
 * - `results`: `PollResults` when the tally changed (at most about once a second per poll), only
 *   while the results are public (`live` polls, and every poll once it closes);
 * - `status`: `{ id, status, acceptingBallots }` when an officer opens or closes the poll.
 */
export const PollStreamEventName = z.enum(['results', 'status']);
export type PollStreamEventName = z.infer<typeof PollStreamEventName>;
export const PollStatusEvent = z.object({ id: Id, status: PollStatus, acceptingBallots: z.boolean() });
export type PollStatusEvent = z.infer<typeof PollStatusEvent>;
