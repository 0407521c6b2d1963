// /v1/orgs/:org/comments: everyone reads a discussion; signed-in people comment, reply, edit and delete
// their own comments within the limits the organisation sets.
import { Hono } from 'hono';
import {
  CommentCreate,
  CommentEdit,
  CommentQuery,
  EDIT_WINDOW_MINUTES,
  MAX_DEPTH,
  type CommentHistory,
  type CommentPage,
  type CommentThreadAnswer,
  type DebateSummary,
  type Stance,
} from '@civic-elements/protocol';
import { officialVoices, requireSignedIn, type DebateViewer } from '../../debate/access.js';
import { emailReply, streamComment, topicOf } from '../../debate/notify.js';
import { commentOut, threadOut } from '../../debate/present.js';
import { resolveSubject } from '../../debate/subjects.js';
import { blockedWordsIn, textKey } from '../../domain/debate-text.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, forbidden } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json, jsonText } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import { cursorValues } from '../../store/sqlite/debate.js';
import type { CommentRecord, OrgRecord } from '../../store/types.js';
import { debateContext, decodeCursor, durationText, encodeCursor, findComment, viewOf, whenText, type DebateContext } from './context.js';
import { FirstPageCache } from '../../debate/page-cache.js';

/** Replies that come with each thread of a page; the thread route gives them all. */
export const REPLIES_PER_THREAD = 50;
const ALL_REPLIES = 1_000_000;
const STRONGEST = 3;
const CURSOR_SHAPES = {
  best: ['number', 'string', 'number'],
  newest: ['string', 'number'],
  oldest: ['string', 'number'],
  debated: ['number', 'number', 'number'],
} as const;

const bad = (field: string, message: string) => new ApiError(400, 'validation_failed', `There is a problem with ${field}: ${message}`, { fields: { [field]: message } });

/** 403 `suspended` while a suspension is in force. */
async function assertNotSuspended(deps: Deps, org: OrgRecord, userId: string): Promise<void> {
  const suspension = await deps.store.debate.suspensionOf(org.id, userId, deps.clock());
  if (suspension) {
    throw new ApiError(403, 'suspended', `You cannot comment in ${org.name} until ${whenText(suspension.until)}. The reason given: ${suspension.reason}`, {
      details: { until: suspension.until, reason: suspension.reason },
    });
  }
}

/** 400 `blocked_word` naming the words the organisation does not allow. */
function assertNoBlockedWords(org: OrgRecord, blocked: readonly string[], body: string): void {
  const words = blockedWordsIn(body, blocked);
  if (words.length === 0) return;
  const list = words.map((w) => `“${w}”`).join(', ');
  throw new ApiError(400, 'blocked_word', `Your comment contains ${words.length === 1 ? 'a word' : 'words'} ${org.name} does not allow: ${list}. Change ${words.length === 1 ? 'it' : 'them'} and post again; your text is still there.`, {
    fields: { body: `Remove ${list}.` },
    details: { words: words.join(', ') },
  });
}

/** 429 `rate_limited` when the person has posted as many comments as the organisation allows in its window. */
async function assertUnderLimit(deps: Deps, { org, settings }: DebateContext, userId: string): Promise<void> {
  const { comments, minutes } = settings.rateLimit;
  const now = deps.clock().getTime();
  const windowMs = minutes * 60_000;
  const recent = await deps.store.debate.recentBy(org.id, userId, new Date(now - windowMs).toISOString());
  if (recent.count < comments) return;
  const oldest = recent.oldest ? Date.parse(recent.oldest) : now;
  const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
  throw new ApiError(
    429,
    'rate_limited',
    `You have posted ${recent.count} comments in the last ${minutes} minutes, as many as ${org.name} allows. You can post again in ${durationText(retryAfter)}; keep your text until then.`,
    { details: { retryAfter }, headers: { 'Retry-After': String(retryAfter) } },
  );
}

/** Whether new comments by this person on this subject wait for a moderator. */
export function premoderated(context: DebateContext, subjectKey: string): boolean {
  if (context.viewer.moderator) return false;
  return context.settings.premoderateAll || context.settings.premoderatedSubjects.includes(subjectKey);
}

async function youOf(deps: Deps, context: DebateContext, subjectKey: string): Promise<CommentPage['you']> {
  const { org, viewer } = context;
  const officialAs = officialVoices(viewer, org, viewer.official ? await deps.store.orgs.departments(org.id) : []);
  const base = { canModerate: viewer.moderator, officialAs, premoderated: premoderated(context, subjectKey) };
  if (!viewer.user) return { canComment: false, reason: 'Sign in to comment.', ...base };
  const suspension = await deps.store.debate.suspensionOf(org.id, viewer.user.id, deps.clock());
  if (suspension) return { canComment: false, reason: `You cannot comment in ${org.name} until ${whenText(suspension.until)}: ${suspension.reason}`, ...base };
  return { canComment: true, ...base };
}

/** The comment a new reply goes under (and what it answers, when deeper than the last level). */
async function placeReply(deps: Deps, context: DebateContext, subjectKey: string, parentId: string): Promise<{ parent: CommentRecord; replyTo: CommentRecord['replyTo'] }> {
  const { org, viewer } = context;
  const target = await deps.store.debate.byId(org.id, parentId);
  const visible = target && (target.status !== 'pending' || viewer.moderator || target.authorId === viewer.user?.id);
  if (!target || !visible || target.subject !== subjectKey) throw bad('parentId', 'There is no such comment in this discussion.');
  if (target.status !== 'published') {
    const why = { deleted: 'its author deleted it', hidden: 'a moderator hid it', pending: 'it is waiting for a moderator' }[target.status as 'deleted' | 'hidden' | 'pending'];
    throw new ApiError(409, 'conflict', `You cannot reply to this comment: ${why}.`);
  }
  if (target.depth < MAX_DEPTH) return { parent: target, replyTo: null };
  const parent = target.parentId ? await deps.store.debate.byId(org.id, target.parentId) : null;
  if (!parent) throw new ApiError(409, 'conflict', 'You cannot reply to this comment: its thread is gone.');
  return { parent, replyTo: { id: target.id, authorName: target.authorName } };
}

async function officialOf(deps: Deps, org: OrgRecord, viewer: DebateViewer, body: { official: boolean; department?: string | undefined }) {
  if (!body.official) {
    if (body.department !== undefined) throw bad('department', 'Give a department only with an official response (official: true).');
    return null;
  }
  if (!viewer.official) throw forbidden(`Only officers and admins of ${org.name} can post an official response.`);
  if (body.department === undefined) return { organisation: org.name, department: null };
  const voices = officialVoices(viewer, org, await deps.store.orgs.departments(org.id));
  const voice = voices.find((v) => v.slug === body.department);
  if (!voice) throw forbidden(`You cannot answer for “${body.department}”: you can answer as ${voices.map((v) => v.name).join(', ')}.`);
  return { organisation: org.name, department: voice.name };
}

export function commentRoutes(deps: Deps) {
  const { store } = deps;
  const maybeAuth = optionalAuth(deps);
  const auth = requireAuth(deps);

  return new Hono<AppEnv>()
    .get('/:org/comments', maybeAuth, queryOf(CommentQuery), async (c) => {
      const context = await debateContext(c, deps);
      const { org, viewer } = context;
      const query = c.req.valid('query');
      const subject = await resolveSubject(deps, org, query.subject);
      const after = decodeCursor(query.cursor, query.sort, CURSOR_SHAPES[query.sort]);
      const visibility = { viewerId: viewer.user?.id ?? null, moderator: viewer.moderator };
      const first = after === null;
      // Signed-out readers all get the same first page: kept as text until the discussion changes.
      const cacheKey = first && !viewer.user ? FirstPageCache.key(org.id, subject.key, `${query.sort} ${query.limit}`) : undefined;
      const cached = cacheKey ? deps.firstPages.get(cacheKey) : undefined;
      if (cached !== undefined) return jsonText(c, cached);
      const [rows, stats, strongFor, strongAgainst, you] = await Promise.all([
        store.debate.list(org.id, { subject: subject.key, sort: query.sort, after, limit: query.limit + 1, ...visibility }),
        store.debate.stats(org.id, subject.key, topicOf(subject.key)),
        first ? store.debate.strongest(org.id, subject.key, 'for', STRONGEST) : [],
        first ? store.debate.strongest(org.id, subject.key, 'against', STRONGEST) : [],
        youOf(deps, context, subject.key),
      ]);
      const tops = rows.slice(0, query.limit);
      const { replies, counts } = await store.debate.replies(org.id, tops.map((t) => t.rowid), visibility, REPLIES_PER_THREAD);
      const view = await viewOf(deps, context, [...tops, ...replies, ...strongFor, ...strongAgainst]);
      const byThread = new Map<number, CommentRecord[]>();
      for (const reply of replies) {
        let list = byThread.get(reply.threadRowid);
        if (!list) byThread.set(reply.threadRowid, (list = []));
        list.push(reply);
      }
      const last = tops.at(-1);
      const body: CommentPage = {
        items: tops.map((top) => threadOut(top, byThread.get(top.rowid) ?? [], counts.get(top.rowid) ?? 0, view)),
        nextCursor: rows.length > query.limit && last ? encodeCursor(query.sort, cursorValues(query.sort, last)) : null,
        total: stats.topLevel,
        you,
      };
      if (first) {
        const summary: DebateSummary = {
          counts: stats.counts,
          total: stats.total,
          strongest: { for: strongFor.map((x) => commentOut(x, view)), against: strongAgainst.map((x) => commentOut(x, view)) },
        };
        body.summary = summary;
        body.lastEventId = String(stats.lastEventId);
      }
      const text = JSON.stringify(body);
      if (cacheKey) deps.firstPages.set(cacheKey, org.id, subject.key, text);
      return jsonText(c, text);
    })
    .get('/:org/comments/:id/thread', maybeAuth, async (c) => {
      const context = await debateContext(c, deps);
      const target = await findComment(deps, context, c.req.param('id'));
      const root = target.depth === 0 ? target : await threadRoot(deps, context, target);
      const visibility = { viewerId: context.viewer.user?.id ?? null, moderator: context.viewer.moderator };
      const { replies, counts } = await store.debate.replies(context.org.id, [root.rowid], visibility, ALL_REPLIES);
      const view = await viewOf(deps, context, [root, ...replies]);
      const body: CommentThreadAnswer = { thread: threadOut(root, replies, counts.get(root.rowid) ?? 0, view), target: target.id };
      return json(c, body);
    })
    .post('/:org/comments', auth, jsonBody(CommentCreate), async (c) => {
      const context = await debateContext(c, deps);
      const { org, viewer, settings } = context;
      const user = requireSignedIn(viewer, 'comment');
      const input = c.req.valid('json');
      // Robots fill in every field; people never see this one.
      if (input.website !== undefined && input.website !== '') {
        throw new ApiError(400, 'automated', 'Your comment was not posted because a hidden field meant to catch robots was filled in. If your browser fills in forms for you, turn that off for this page and post again.');
      }
      const subject = await resolveSubject(deps, org, input.subject);
      await assertNotSuspended(deps, org, user.id);
      const place = input.parentId !== undefined ? await placeReply(deps, context, subject.key, input.parentId) : { parent: null, replyTo: null };
      const official = await officialOf(deps, org, viewer, input);
      if (!viewer.moderator) await assertUnderLimit(deps, context, user.id);
      assertNoBlockedWords(org, settings.blockedWords, input.body);
      const key = textKey(input.body);
      const earlier = await store.debate.sameText(org.id, user.id, key);
      if (earlier) {
        throw new ApiError(409, 'duplicate_text', 'You have already posted this comment. Write something new, or edit the comment you posted.', { details: { commentId: earlier } });
      }
      const comment = await store.debate.create(
        {
          orgId: org.id,
          subject: subject.key,
          parent: place.parent,
          replyTo: place.replyTo,
          stance: input.stance,
          body: input.body,
          textKey: key,
          authorId: user.id,
          official,
          status: premoderated(context, subject.key) ? 'pending' : 'published',
        },
        deps.clock(),
      );
      if (comment.status === 'published') {
        await streamComment(deps, comment, 'comment');
        await emailReply(deps, org, subject, comment);
      }
      return json(c, commentOut(comment, await viewOf(deps, context, [comment])), 201, { location: `/v1/orgs/${org.slug}/comments/${comment.id}/thread` });
    })
    .patch('/:org/comments/:id', auth, jsonBody(CommentEdit), async (c) => {
      const context = await debateContext(c, deps);
      const { org, viewer, settings } = context;
      const user = requireSignedIn(viewer, 'edit a comment');
      const comment = await findComment(deps, context, c.req.param('id'));
      if (comment.authorId !== user.id) throw forbidden('Only its author can edit a comment.');
      if (comment.status === 'deleted' || comment.status === 'hidden') {
        throw new ApiError(409, 'conflict', comment.status === 'deleted' ? 'You deleted this comment, so it can no longer be edited.' : 'A moderator hid this comment, so it can no longer be edited.');
      }
      if (deps.clock().getTime() - Date.parse(comment.createdAt) >= EDIT_WINDOW_MINUTES * 60_000) {
        throw new ApiError(403, 'edit_window_closed', `A comment can be edited for ${EDIT_WINDOW_MINUTES} minutes after it is posted; this one was posted on ${whenText(comment.createdAt)}. You can post a new comment or reply instead.`);
      }
      await assertNotSuspended(deps, org, user.id);
      const input = c.req.valid('json');
      assertNoBlockedWords(org, settings.blockedWords, input.body);
      const stance: Stance = input.stance ?? comment.stance;
      if (input.body === comment.body && stance === comment.stance) return json(c, commentOut(comment, await viewOf(deps, context, [comment])));
      const edited = await store.debate.edit(org.id, comment.rowid, { body: input.body, textKey: textKey(input.body), stance }, deps.clock());
      if (edited.status === 'published') await streamComment(deps, edited, 'comment-changed');
      return json(c, commentOut(edited, await viewOf(deps, context, [edited])));
    })
    .delete('/:org/comments/:id', auth, async (c) => {
      const context = await debateContext(c, deps);
      const user = requireSignedIn(context.viewer, 'delete a comment');
      const comment = await findComment(deps, context, c.req.param('id'));
      if (comment.authorId !== user.id) {
        throw forbidden(context.viewer.moderator ? 'Only its author can delete a comment; moderators hide it instead, with a reason.' : 'Only its author can delete a comment.');
      }
      if (comment.status === 'deleted') throw new ApiError(409, 'conflict', 'You have already deleted this comment.');
      const removed = await store.debate.remove(context.org.id, comment.rowid, deps.clock());
      if (comment.status !== 'pending') await streamComment(deps, removed, 'comment-changed');
      return json(c, commentOut(removed, await viewOf(deps, context, [removed])));
    })
    .get('/:org/comments/:id/history', auth, async (c) => {
      const context = await debateContext(c, deps);
      const user = requireSignedIn(context.viewer);
      const comment = await findComment(deps, context, c.req.param('id'));
      if (comment.authorId !== user.id && !context.viewer.moderator) throw forbidden('Only its author and moderators can read the earlier versions of a comment.');
      const body: CommentHistory = { items: await store.debate.revisions(context.org.id, comment.rowid) };
      return json(c, body);
    });
}

/** The top-level comment of a reply's thread (the reader may see a reply under a comment waiting for review). */
async function threadRoot(deps: Deps, context: DebateContext, reply: CommentRecord): Promise<CommentRecord> {
  let current = reply;
  while (current.parentId) {
    const parent = await deps.store.debate.byId(context.org.id, current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current;
}
