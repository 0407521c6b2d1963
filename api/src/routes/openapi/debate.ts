// The discussion routes' part of the OpenAPI document: comments, threads, votes, flags, moderation,
// suspensions, settings, reply-email subscriptions and the live stream, from the protocol's schemas.
import {
  Comment,
  CommentCreate,
  CommentEdit,
  CommentFlagCreate,
  CommentHistory,
  CommentModeration,
  CommentPage,
  CommentSubscription,
  CommentThreadAnswer,
  DebateSettings,
  ModerationLogPage,
  ModerationQueuePage,
  Suspension,
  SuspensionCreate,
  SuspensionList,
  VoteCast,
  VoteResult,
} from '@civic-elements/protocol';
import { error, type Operation } from './operation.js';

const string = { type: 'string' };
const page = {
  cursor: { schema: string, description: 'nextCursor of the previous page' },
  limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' },
};
const org = ['org'];
const one = ['org', 'id'];
const writeErrors = { 400: error('validation_failed'), 401: error('unauthenticated'), 403: error('forbidden or origin_not_allowed'), 404: error('not_found or org_not_found') };

export const DEBATE_ROUTES: Record<string, Record<string, Operation>> = {
  '/v1/orgs/{org}/comments': {
    get: {
      summary: 'A discussion: top-level comments as threads (at most 50 replies each); the first page has the summary, lastEventId and what the reader may do',
      params: org,
      query: {
        subject: { schema: string, description: 'report:ID, contribution:ID, proposal:ID or page:URL (an address of one of the organisation’s origins)' },
        sort: { schema: { enum: ['best', 'newest', 'oldest', 'debated'], default: 'best' }, description: 'best: Wilson lower bound; debated: replies, then votes' },
        ...page,
      },
      responses: { 200: { description: 'A page of threads', schema: CommentPage }, 400: error('validation_failed (subject, cursor)'), 404: error('not_found (no such subject) or org_not_found') },
    },
    post: {
      summary: 'Comment or reply (signed in). Pre-moderated subjects answer status pending',
      auth: true,
      params: org,
      body: CommentCreate,
      responses: {
        201: { description: 'The comment', schema: Comment },
        ...writeErrors,
        400: error('validation_failed, automated (honeypot), blocked_word (details.words)'),
        403: error('suspended (details.until), forbidden (official responses), origin_not_allowed'),
        409: error('duplicate_text (details.commentId), conflict (replying to a deleted or hidden comment)'),
        429: error('rate_limited (details.retryAfter)'),
      },
    },
  },
  '/v1/orgs/{org}/comments/{id}': {
    patch: {
      summary: 'Edit one’s comment within 15 minutes (the earlier text goes into its history)',
      auth: true,
      params: one,
      body: CommentEdit,
      responses: { 200: { description: 'The comment', schema: Comment }, ...writeErrors, 403: error('forbidden, edit_window_closed, suspended'), 409: error('conflict (deleted or hidden)') },
    },
    delete: {
      summary: 'Delete one’s comment: its text and author go, its place in the thread stays',
      auth: true,
      params: one,
      responses: { 200: { description: 'The deleted comment', schema: Comment }, ...writeErrors, 409: error('conflict (already deleted)') },
    },
  },
  '/v1/orgs/{org}/comments/{id}/thread': {
    get: { summary: 'The whole thread a comment belongs to (a permalink’s target)', params: one, responses: { 200: { description: 'The thread', schema: CommentThreadAnswer }, 404: error('not_found') } },
  },
  '/v1/orgs/{org}/comments/{id}/history': {
    get: { summary: 'Earlier versions of a comment (its author and moderators)', auth: true, params: one, responses: { 200: { description: 'Oldest first', schema: CommentHistory }, ...writeErrors } },
  },
  '/v1/orgs/{org}/comments/{id}/vote': {
    put: {
      summary: 'Vote up (1), down (-1) or take back (0); not on one’s own comment',
      auth: true,
      params: one,
      body: VoteCast,
      responses: { 200: { description: 'The counts and one’s vote', schema: VoteResult }, ...writeErrors, 409: error('conflict (comment not shown)') },
    },
  },
  '/v1/orgs/{org}/comments/{id}/flags': {
    post: {
      summary: 'Flag a comment for moderators (once per person); past the organisation’s threshold it waits for review',
      auth: true,
      params: one,
      body: CommentFlagCreate,
      responses: { 201: { description: 'The comment', schema: Comment }, ...writeErrors, 409: error('conflict (already flagged, or not shown)') },
    },
  },
  '/v1/orgs/{org}/comments/{id}/moderation': {
    post: {
      summary: 'Hide (public reason), restore, approve or dismiss flags (moderators, officers, admins); logged',
      auth: true,
      params: one,
      body: CommentModeration,
      responses: { 200: { description: 'The comment', schema: Comment }, ...writeErrors, 409: error('conflict (the action does not fit its state)') },
    },
  },
  '/v1/orgs/{org}/moderation/comments': {
    get: {
      summary: 'The moderation queue, oldest first (moderators, officers, admins)',
      auth: true,
      params: org,
      query: { state: { schema: { enum: ['waiting', 'flagged', 'hidden'], default: 'waiting' }, description: 'waiting: pending; flagged: open flags under the threshold; hidden' }, ...page },
      responses: { 200: { description: 'A page of the queue', schema: ModerationQueuePage }, ...writeErrors },
    },
  },
  '/v1/orgs/{org}/moderation/log': {
    get: { summary: 'Every moderation action, newest first', auth: true, params: org, query: page, responses: { 200: { description: 'A page of the log', schema: ModerationLogPage }, ...writeErrors } },
  },
  '/v1/orgs/{org}/suspensions': {
    get: { summary: 'Suspensions in force, newest first', auth: true, params: org, responses: { 200: { description: 'Suspensions', schema: SuspensionList }, ...writeErrors } },
    post: { summary: 'Suspend a person from commenting in the organisation for some days', auth: true, params: org, body: SuspensionCreate, responses: { 201: { description: 'The suspension', schema: Suspension }, ...writeErrors } },
  },
  '/v1/orgs/{org}/suspensions/{id}': {
    delete: { summary: 'Lift a suspension', auth: true, params: one, responses: { 200: { description: 'The lifted suspension', schema: Suspension }, ...writeErrors } },
  },
  '/v1/orgs/{org}/debate-settings': {
    get: { summary: 'How the organisation’s discussions work (blocked words only for moderators and admins)', params: org, responses: { 200: { description: 'Settings', schema: DebateSettings }, 404: error('org_not_found') } },
    put: { summary: 'Change them (admins)', auth: true, params: org, body: DebateSettings, responses: { 200: { description: 'Settings', schema: DebateSettings }, ...writeErrors } },
  },
  '/v1/orgs/{org}/comment-subscription': {
    get: { summary: 'Whether replies to my comments are emailed to me', auth: true, params: org, responses: { 200: { description: 'Subscription', schema: CommentSubscription }, 401: error('unauthenticated') } },
    put: { summary: 'Turn reply emails on or off', auth: true, params: org, body: CommentSubscription, responses: { 200: { description: 'Subscription', schema: CommentSubscription }, ...writeErrors } },
  },
  '/v1/orgs/{org}/comment-emails/stop': {
    get: {
      summary: 'The one-click link in reply emails (RFC 8058): an HTML page asking whether to stop them (following it stops nothing)',
      params: org,
      query: { user: { schema: string, description: 'The person the email went to' }, token: { schema: string, description: 'The link’s HMAC of organisation and person' } },
      responses: { 200: { description: 'text/html: the question and its button', contentType: 'text/html' }, 400: { description: 'text/html: the link is not right', contentType: 'text/html' }, 404: error('org_not_found') },
    },
    post: {
      summary: 'Stop reply emails (the page’s button, or the mail client’s List-Unsubscribe=One-Click POST); no sign-in, the token is the proof',
      params: org,
      query: { user: { schema: string, description: 'The person the email went to' }, token: { schema: string, description: 'The link’s HMAC of organisation and person' } },
      responses: { 200: { description: 'text/html: stopped', contentType: 'text/html' }, 400: { description: 'text/html: the link is not right', contentType: 'text/html' }, 404: error('org_not_found') },
    },
  },
  '/v1/stream': {
    get: {
      summary: 'Live updates as Server-Sent Events: comment, comment-changed, votes; resume with Last-Event-ID; keep-alive every 25 s',
      query: {
        org: { schema: string, description: 'The organisation’s slug' },
        topic: { schema: string, description: 'comments:<subject>' },
        lastEventId: { schema: string, description: 'Resume after this event (or send the Last-Event-ID header)' },
      },
      responses: { 200: { description: 'text/event-stream', contentType: 'text/event-stream' }, 400: error('validation_failed'), 404: error('not_found or org_not_found') },
    },
  },
};
