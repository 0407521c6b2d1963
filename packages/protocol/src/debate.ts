// Discussions (LiquidFeedback's suggestions, ImproveMyCity's comments): threaded comments with a
// stance on any subject, votes, flags, moderation, suspensions, reply emails and the live stream.
// The wire format `<civic-debate>`, the moderation queue of `<civic-inbox>` and the API share.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';

// ─── Subjects: what is discussed ─────────────────────────────────────────────────────────────────

/**
 * What a discussion is about: `report:<id>`, `contribution:<id>`, `proposal:<id>` (an id the API gave
 * out, in the same organisation), or `page:<URL>`, a discussion of a web page itself. A page's URL is
 * kept as its origin and path (no query, no fragment; the API normalises it), and its origin must be
 * one the organisation allows.
 */
export const SubjectKey = z
  .string()
  .trim()
  .max(2100, 'A subject has at most 2,100 characters.')
  .regex(
    /^(?:(?:report|contribution|proposal):[A-Za-z0-9_-]{1,64}|page:https?:\/\/\S+)$/,
    'Name the subject as report:ID, contribution:ID, proposal:ID or page:https://… (the page’s address).',
  );
export type SubjectKey = z.infer<typeof SubjectKey>;
export type SubjectKind = 'report' | 'contribution' | 'proposal' | 'page';

// ─── Comments ────────────────────────────────────────────────────────────────────────────────────

/** Where a comment stands: for, against, neutral, or a question. */
export const Stance = z.enum(['for', 'against', 'neutral', 'question']);
export type Stance = z.infer<typeof Stance>;

/**
 * `published`: everyone sees it. `pending`: waiting for a moderator (pre-moderation, or hidden after
 * enough flags); only its author and moderators see its text. `hidden`: a moderator hid it; everyone
 * sees the public reason instead of the text. `deleted`: its author deleted it; the thread keeps its
 * place, the text and the author's name are gone.
 */
export const CommentStatus = z.enum(['published', 'pending', 'hidden', 'deleted']);
export type CommentStatus = z.infer<typeof CommentStatus>;

/** How long after posting its author may edit a comment. */
export const EDIT_WINDOW_MINUTES = 15;
/** Replies nest this many levels under a top-level comment (depth 0, 1, 2); deeper replies show at the last level with `replyTo`. */
export const MAX_DEPTH = 2;
/** The longest comment, in characters. */
export const MAX_COMMENT_LENGTH = 5000;

/**
 * A comment as the API hands it out. `body` is the author's text in the Markdown subset (paragraphs,
 * `*emphasis*` / `**strong**`, `-` and `1.` lists, `>` quotes, `[text](https://…)` links and bare
 * https:// addresses; nothing else is markup, and raw HTML is shown as text). The widget renders it
 * without ever parsing it as HTML. `body` is empty when the comment is deleted, hidden, or pending and
 * the reader is neither its author nor a moderator.
 */
export const Comment = z.object({
  id: Id,
  subject: SubjectKey,
  /**
   * Where it shows: null for a top-level comment, else the comment it sits under (a reply to a reply
   * at the deepest level sits under that level's parent, with `replyTo` naming what it answers).
   */
  parentId: Id.nullable(),
  depth: z.number().int().min(0).max(MAX_DEPTH),
  /** When it answers a comment other than `parentId` (deeper than MAX_DEPTH): that comment, and its author's name then. */
  replyTo: z.object({ id: Id, authorName: z.string().nullable() }).nullable(),
  stance: Stance,
  body: z.string(),
  /** Null when deleted. */
  author: z.object({ id: Id, name: z.string() }).nullable(),
  /** An officer answering for their organisation: shown as an official response from the department (or the organisation). */
  official: z.object({ organisation: z.string(), department: z.string().nullable() }).nullable(),
  status: CommentStatus,
  /** Why a moderator hid it, in words everyone may read (only when hidden). */
  hiddenReason: z.string().nullable(),
  createdAt: IsoTime,
  /** The last edit, if any (the history is kept). */
  editedAt: IsoTime.nullable(),
  up: z.number().int().min(0),
  down: z.number().int().min(0),
  /** The lower bound of the Wilson score interval (95%) of up among up + down: "best" sorts by it. */
  score: z.number().min(0).max(1),
  /** Replies under it (all levels), visible ones only. */
  replyCount: z.number().int().min(0),
  /** The signed-in reader's relation to it. */
  viewer: z
    .object({
      /** Their vote: 1 up, -1 down, 0 none. */
      vote: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
      mine: z.boolean(),
      /** Whether they may still edit it (their own, within EDIT_WINDOW_MINUTES, not deleted or hidden). */
      canEdit: z.boolean(),
      flagged: z.boolean(),
    })
    .optional(),
  /** Open flags: moderators only. */
  flags: z.number().int().min(0).optional(),
});
export type Comment = z.infer<typeof Comment>;

/** A top-level comment with its replies, in the order they show (each reply after its parent; siblings oldest first). */
export const CommentThread = Comment.extend({
  replies: z.array(Comment),
  /** Replies left out of `replies` (at most 50 come with a page): `GET …/comments/:id/thread` gives them all. */
  moreReplies: z.number().int().min(0),
});
export type CommentThread = z.infer<typeof CommentThread>;

/** For and against at a glance; the strongest arguments are the best-scored published top-level comments of each side (at most 3). */
export const DebateSummary = z.object({
  counts: z.object({ for: z.number().int(), against: z.number().int(), neutral: z.number().int(), question: z.number().int() }),
  /** Visible comments, replies included. */
  total: z.number().int(),
  strongest: z.object({ for: z.array(Comment), against: z.array(Comment) }),
});
export type DebateSummary = z.infer<typeof DebateSummary>;

export const CommentSort = z.enum(['best', 'newest', 'oldest', 'debated']);
export type CommentSort = z.infer<typeof CommentSort>;

/**
 * `GET /v1/orgs/:org/comments?subject=&sort=&cursor=&limit=` (anyone; limit at most 100, default 20):
 * top-level comments as threads. `debated` sorts by replies, then by up + down. The first page (no
 * cursor) carries the summary and `lastEventId`, the stream position to resume from.
 */
export const CommentQuery = z.object({
  subject: SubjectKey,
  sort: CommentSort.default('best'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type CommentQuery = z.input<typeof CommentQuery>;
export const CommentPage = z.object({
  items: z.array(CommentThread),
  nextCursor: z.string().nullable(),
  /** Visible top-level comments. */
  total: z.number().int(),
  summary: DebateSummary.optional(),
  /** The subject's stream position when the page was read (first page only): `Last-Event-ID` for `/v1/stream`. */
  lastEventId: z.string().optional(),
  /** What the reader may do here. */
  you: z.object({
    canComment: z.boolean(),
    /** Why not, in words for a resident: signed out, suspended until…, the subject is closed. */
    reason: z.string().optional(),
    canModerate: z.boolean(),
    /** An officer may answer as their organisation: the departments they may speak for (empty: the organisation itself). */
    officialAs: z.array(z.object({ slug: z.string().nullable(), name: z.string() })),
    /** New comments here wait for a moderator first. */
    premoderated: z.boolean(),
  }),
});
export type CommentPage = z.infer<typeof CommentPage>;

/** `GET /v1/orgs/:org/comments/:id/thread`: the top-level comment a comment belongs to, with every reply (a permalink's target). */
export const CommentThreadAnswer = z.object({ thread: CommentThread, target: Id });
export type CommentThreadAnswer = z.infer<typeof CommentThreadAnswer>;

const Body = z
  .string()
  .max(MAX_COMMENT_LENGTH, `Keep a comment to ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters or fewer.`)
  .refine((text) => text.trim().length >= 2, 'Write your comment (at least 2 characters).');

/**
 * `POST /v1/orgs/:org/comments` (signed in): a comment, or with `parentId` a reply. `website` is the
 * honeypot: a field people never see and robots fill in; a comment that fills it is refused. `official`
 * (officers and admins) posts as the organisation, or as `department` when given (one of theirs).
 */
export const CommentCreate = z
  .object({
    subject: SubjectKey,
    parentId: Id.optional(),
    stance: Stance.default('neutral'),
    body: Body,
    official: z.boolean().default(false),
    department: z.string().max(64).optional(),
    website: z.string().max(500).optional(),
  })
  .strict();
export type CommentCreate = z.input<typeof CommentCreate>;

/** `PATCH /v1/orgs/:org/comments/:id` (its author, within EDIT_WINDOW_MINUTES): the earlier text goes into its history. */
export const CommentEdit = z.object({ body: Body, stance: Stance.optional() }).strict();
export type CommentEdit = z.infer<typeof CommentEdit>;

/** `GET /v1/orgs/:org/comments/:id/history` (its author and moderators): earlier versions, oldest first. */
export const CommentRevision = z.object({ body: z.string(), stance: Stance, at: IsoTime });
export const CommentHistory = z.object({ items: z.array(CommentRevision) });
export type CommentHistory = z.infer<typeof CommentHistory>;

/** `PUT /v1/orgs/:org/comments/:id/vote` (signed in, not on one's own comment): 1, -1, or 0 to take the vote back. */
export const VoteCast = z.object({ value: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }).strict();
export type VoteCast = z.infer<typeof VoteCast>;
export const VoteResult = z.object({ id: Id, up: z.number().int(), down: z.number().int(), score: z.number(), vote: z.union([z.literal(-1), z.literal(0), z.literal(1)]) });
export type VoteResult = z.infer<typeof VoteResult>;

export const CommentFlagReason = z.enum(['abuse', 'harassment', 'spam', 'off-topic', 'personal-information', 'other']);
export type CommentFlagReason = z.infer<typeof CommentFlagReason>;
/** `POST /v1/orgs/:org/comments/:id/flags` (signed in, once per person per comment; 409 after). */
export const CommentFlagCreate = z.object({ reason: CommentFlagReason, note: z.string().trim().max(500).optional() }).strict();
export type CommentFlagCreate = z.infer<typeof CommentFlagCreate>;

// ─── Moderation ──────────────────────────────────────────────────────────────────────────────────

/**
 * `POST /v1/orgs/:org/comments/:id/moderation` (moderators, officers, admins): `hide` (with a public
 * reason, required), `restore` (a hidden comment back), `approve` (a pending one published; open flags
 * dismissed), `dismiss` (its flags dismissed, nothing else changes). Every action is logged.
 */
export const CommentModeration = z
  .object({
    action: z.enum(['hide', 'restore', 'approve', 'dismiss']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((m) => m.action !== 'hide' || (m.reason?.length ?? 0) >= 3, { message: 'Give the reason people will read in its place.', path: ['reason'] });
export type CommentModeration = z.input<typeof CommentModeration>;

/** `GET /v1/orgs/:org/moderation/comments?state=&cursor=&limit=` (moderators…): the queue, oldest first. */
export const ModerationQueueState = z.enum(['waiting', 'flagged', 'hidden']);
export type ModerationQueueState = z.infer<typeof ModerationQueueState>;
export const ModerationQueueItem = z.object({
  comment: Comment,
  /** The subject, for the moderator's link: its title where the API knows it (a report's reference and category, a page's address). */
  subjectTitle: z.string(),
  flags: z.array(z.object({ reason: CommentFlagReason, note: z.string().nullable(), at: IsoTime })),
  /** The author's standing: a suspension in force, if any. */
  authorSuspendedUntil: IsoTime.nullable(),
});
export type ModerationQueueItem = z.infer<typeof ModerationQueueItem>;
export const ModerationQueuePage = z.object({ items: z.array(ModerationQueueItem), nextCursor: z.string().nullable(), total: z.number().int() });
export type ModerationQueuePage = z.infer<typeof ModerationQueuePage>;

/** `POST /v1/orgs/:org/suspensions` (moderators…): the person may not comment in this organisation until `until`. */
export const SuspensionCreate = z
  .object({ userId: Id, days: z.number().int().min(1).max(3650), reason: z.string().trim().min(3).max(500) })
  .strict();
export type SuspensionCreate = z.infer<typeof SuspensionCreate>;
export const Suspension = z.object({ id: Id, user: z.object({ id: Id, name: z.string() }), until: IsoTime, reason: z.string(), createdAt: IsoTime, liftedAt: IsoTime.nullable() });
export type Suspension = z.infer<typeof Suspension>;
/** `GET /v1/orgs/:org/suspensions` (in force, newest first); `DELETE …/suspensions/:id` lifts one. */
export const SuspensionList = z.object({ items: z.array(Suspension) });
export type SuspensionList = z.infer<typeof SuspensionList>;

/** `GET /v1/orgs/:org/moderation/log?cursor=&limit=` (moderators…): every moderation action, newest first. */
export const ModerationLogEntry = z.object({
  id: Id,
  action: z.enum(['hide', 'restore', 'approve', 'dismiss', 'suspend', 'lift', 'auto-hide']),
  commentId: Id.nullable(),
  userId: Id.nullable(),
  /** Who did it (null for `auto-hide`, the flag threshold's). */
  moderator: z.object({ id: Id, name: z.string() }).nullable(),
  reason: z.string().nullable(),
  at: IsoTime,
});
export type ModerationLogEntry = z.infer<typeof ModerationLogEntry>;
export const ModerationLogPage = z.object({ items: z.array(ModerationLogEntry), nextCursor: z.string().nullable() });
export type ModerationLogPage = z.infer<typeof ModerationLogPage>;

/** `GET` (anyone) / `PUT` (admins) `/v1/orgs/:org/debate-settings`; blocked words only to moderators and admins. */
export const DebateSettings = z
  .object({
    /** Flags from different people that hide a comment pending review. */
    flagThreshold: z.number().int().min(1).max(100).default(3),
    /** Every new comment waits for a moderator. */
    premoderateAll: z.boolean().default(false),
    /** Subjects whose new comments wait for a moderator. */
    premoderatedSubjects: z.array(SubjectKey).max(200).default([]),
    /** Words a comment may not contain (whole words, any case). */
    blockedWords: z.array(z.string().trim().min(2).max(60)).max(500).default([]),
    /** At most `comments` comments per person in `minutes` minutes. */
    rateLimit: z.object({ comments: z.number().int().min(1).max(1000), minutes: z.number().int().min(1).max(1440) }).default({ comments: 5, minutes: 10 }),
  })
  .strict();
export type DebateSettings = z.infer<typeof DebateSettings>;
export type DebateSettingsInput = z.input<typeof DebateSettings>;

/** `GET` / `PUT /v1/orgs/:org/comment-subscription` (signed in): whether replies to my comments are emailed to me (yes unless I opt out). */
export const CommentSubscription = z.object({ replies: z.boolean() }).strict();
export type CommentSubscription = z.infer<typeof CommentSubscription>;

// ─── The live stream ─────────────────────────────────────────────────────────────────────────────

/**
 * `GET /v1/stream?org=<slug>&topic=comments:<subject>` answers `text/event-stream`. Each event has an
 * `id` (resume with the `Last-Event-ID` header or `?lastEventId=`: what happened after it is sent
 * first), an `event` name and JSON `data`:
 * - `comment`: a comment was published (new, or approved) — `Comment` in its public view;
 * - `comment-changed`: edited, deleted, hidden or restored — `Comment` in its public view;
 * - `votes`: `{ id, up, down, score }`.
 * Comments go out in their public view (`viewer` and `flags` never do); comments waiting for a
 * moderator never go out. Keep-alive comments (`: ping`) come every 25 seconds.
 */
export const StreamVotes = z.object({ id: Id, up: z.number().int(), down: z.number().int(), score: z.number() });
export type StreamVotes = z.infer<typeof StreamVotes>;
export const StreamEventName = z.enum(['comment', 'comment-changed', 'votes']);
export type StreamEventName = z.infer<typeof StreamEventName>;
