// Moderation (moderators, officers, admins): decisions on comments, the queue, the log, suspensions.
import { Hono } from 'hono';
import {
  CommentModeration,
  ModerationQueueState,
  SuspensionCreate,
  type ModerationLogPage,
  type ModerationQueuePage,
  type Suspension,
  type SuspensionList,
} from '@civic-elements/protocol';
import { z } from 'zod';
import { requireModerator } from '../../debate/access.js';
import { emailReply, streamComment } from '../../debate/notify.js';
import { commentOut } from '../../debate/present.js';
import { resolveSubject, subjectTitle } from '../../debate/subjects.js';
import { may } from '../../domain/permissions.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, forbidden, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import type { CommentRecord, SuspensionRecord } from '../../store/types.js';
import { debateContext, decodeCursor, encodeCursor, findComment, viewOf } from './context.js';

const QueueQuery = z.object({
  state: ModerationQueueState.default('waiting'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const LogQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

const suspensionOut = (s: SuspensionRecord): Suspension => ({ id: s.id, user: { id: s.userId, name: s.userName }, until: s.until, reason: s.reason, createdAt: s.createdAt, liftedAt: s.liftedAt });

/** Why the action does not fit the comment's state (409), or nothing. */
function assertFits(action: CommentModeration['action'], comment: CommentRecord): void {
  const refuse = (message: string) => new ApiError(409, 'conflict', message);
  if (comment.status === 'deleted') throw refuse('Its author deleted this comment: there is nothing left to moderate.');
  if (action === 'hide' && comment.status === 'hidden') throw refuse('This comment is already hidden.');
  if (action === 'restore' && comment.status !== 'hidden') throw refuse('Only a hidden comment can be restored.');
  if (action === 'approve' && comment.status === 'hidden') throw refuse('This comment is hidden: restore it instead.');
  if (action === 'dismiss' && comment.openFlags === 0) throw refuse('This comment has no open flags to dismiss.');
}

export function moderationRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  return new Hono<AppEnv>()
    .post('/:org/comments/:id/moderation', auth, jsonBody(CommentModeration), async (c) => {
      const context = await debateContext(c, deps);
      const { org, viewer } = context;
      const moderator = requireModerator(viewer, org);
      const comment = await findComment(deps, context, c.req.param('id'));
      const { action, reason } = c.req.valid('json');
      assertFits(action, comment);
      const decided = await store.debate.moderate(org.id, comment.rowid, action, { moderatorId: moderator.id, reason: reason || null }, deps.clock());
      if (action === 'hide' && comment.status !== 'pending') await streamComment(deps, decided, 'comment-changed');
      if (action === 'hide' && comment.status === 'pending' && comment.openFlags > 0) await streamComment(deps, decided, 'comment-changed');
      if (action === 'restore') await streamComment(deps, decided, 'comment-changed');
      if (action === 'approve' && comment.status === 'pending') {
        await streamComment(deps, decided, 'comment');
        // Waiting since it was posted (no one but moderators could flag it): its reply email goes now.
        if (comment.openFlags === 0) {
          try {
            await emailReply(deps, org, await resolveSubject(deps, org, decided.subject), decided);
          } catch {
            // the subject is gone: no email
          }
        }
      }
      return json(c, commentOut(decided, await viewOf(deps, context, [decided])));
    })
    .get('/:org/moderation/comments', auth, queryOf(QueueQuery), async (c) => {
      const context = await debateContext(c, deps);
      const { org, viewer } = context;
      requireModerator(viewer, org);
      const { state, cursor, limit } = c.req.valid('query');
      const after = decodeCursor(cursor, state, ['number']);
      const [rows, total] = await Promise.all([store.debate.queue(org.id, state, (after?.[0] as number | undefined) ?? null, limit + 1), store.debate.queueCount(org.id, state)]);
      const items = rows.slice(0, limit);
      const flags = await store.debate.openFlags(items.map((i) => i.rowid));
      const view = await viewOf(deps, context, items);
      const titles = new Map<string, string>();
      const suspended = new Map<string, string | null>();
      const now = deps.clock();
      const out: ModerationQueuePage['items'] = [];
      for (const item of items) {
        if (!titles.has(item.subject)) titles.set(item.subject, await subjectTitle(deps, org, item.subject));
        if (item.authorId && !suspended.has(item.authorId)) suspended.set(item.authorId, (await store.debate.suspensionOf(org.id, item.authorId, now))?.until ?? null);
        out.push({
          comment: commentOut(item, view),
          subjectTitle: titles.get(item.subject)!,
          flags: (flags.get(item.rowid) ?? []).map((f) => ({ reason: f.reason, note: f.note, at: f.createdAt })),
          authorSuspendedUntil: item.authorId ? (suspended.get(item.authorId) ?? null) : null,
        });
      }
      const last = items.at(-1);
      const body: ModerationQueuePage = { items: out, nextCursor: rows.length > limit && last ? encodeCursor(state, [last.rowid]) : null, total };
      return json(c, body);
    })
    .get('/:org/moderation/log', auth, queryOf(LogQuery), async (c) => {
      const context = await debateContext(c, deps);
      requireModerator(context.viewer, context.org);
      const { cursor, limit } = c.req.valid('query');
      const before = decodeCursor(cursor, 'log', ['number']);
      const rows = await store.debate.log(context.org.id, (before?.[0] as number | undefined) ?? null, limit + 1);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const body: ModerationLogPage = {
        items: items.map((r) => ({ id: r.id, action: r.action, commentId: r.commentId, userId: r.userId, moderator: r.moderator, reason: r.reason, at: r.createdAt })),
        nextCursor: rows.length > limit && last ? encodeCursor('log', [last.rowid]) : null,
      };
      return json(c, body);
    })
    .post('/:org/suspensions', auth, jsonBody(SuspensionCreate), async (c) => {
      const context = await debateContext(c, deps);
      const { org, viewer } = context;
      const moderator = requireModerator(viewer, org);
      const input = c.req.valid('json');
      const person = await store.users.byId(input.userId);
      if (!person) throw notFound('There is no person with this id.');
      if (person.id === moderator.id) throw forbidden('You cannot suspend yourself.');
      const membership = await store.memberships.get(org.id, person.id);
      if (may(membership?.role, 'comments.moderate')) throw forbidden(`${person.name} is one of ${org.name}’s staff: an admin can change their role instead.`);
      const now = deps.clock();
      const until = new Date(now.getTime() + input.days * 24 * 60 * 60 * 1000).toISOString();
      const suspension = await store.debate.suspend(org.id, { userId: person.id, until, reason: input.reason, by: moderator.id }, now);
      return json(c, suspensionOut(suspension), 201);
    })
    .get('/:org/suspensions', auth, async (c) => {
      const context = await debateContext(c, deps);
      requireModerator(context.viewer, context.org);
      const body: SuspensionList = { items: (await store.debate.suspensions(context.org.id, deps.clock())).map(suspensionOut) };
      return json(c, body);
    })
    .delete('/:org/suspensions/:id', auth, async (c) => {
      const context = await debateContext(c, deps);
      const moderator = requireModerator(context.viewer, context.org);
      const lifted = await store.debate.lift(context.org.id, c.req.param('id'), moderator.id, deps.clock());
      if (!lifted) throw notFound(`${context.org.name} has no suspension in force with this id.`);
      return json(c, suspensionOut(lifted));
    });
}
