// Votes and flags on comments (signed in; never on one's own comment).
import { Hono } from 'hono';
import { CommentFlagCreate, VoteCast, type VoteResult } from '@civic-elements/protocol';
import { requireSignedIn } from '../../debate/access.js';
import { streamComment, streamVotes } from '../../debate/notify.js';
import { commentOut } from '../../debate/present.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, forbidden } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { ConflictError, type CommentRecord } from '../../store/types.js';
import { debateContext, findComment, viewOf } from './context.js';

const notShown = (comment: CommentRecord, what: string) =>
  new ApiError(409, 'conflict', `You can ${what} only comments that are shown: this one ${{ deleted: 'was deleted by its author', hidden: 'was hidden by a moderator', pending: 'is waiting for a moderator', published: '' }[comment.status]}.`);

export function reactionRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  return new Hono<AppEnv>()
    .put('/:org/comments/:id/vote', auth, jsonBody(VoteCast), async (c) => {
      const context = await debateContext(c, deps);
      const user = requireSignedIn(context.viewer, 'vote');
      const comment = await findComment(deps, context, c.req.param('id'));
      if (comment.authorId === user.id) throw forbidden('You cannot vote on your own comment.');
      if (comment.status !== 'published') throw notShown(comment, 'vote on');
      const { value } = c.req.valid('json');
      const before = (await store.debate.votesOf(user.id, [comment.rowid])).get(comment.rowid) ?? 0;
      const voted = await store.debate.vote(context.org.id, comment.rowid, user.id, value, deps.clock());
      if (before !== value) await streamVotes(deps, voted);
      const body: VoteResult = { id: voted.id, up: voted.up, down: voted.down, score: voted.score, vote: value };
      return json(c, body);
    })
    .post('/:org/comments/:id/flags', auth, jsonBody(CommentFlagCreate), async (c) => {
      const context = await debateContext(c, deps);
      const { org, settings } = context;
      const user = requireSignedIn(context.viewer, 'flag a comment');
      const comment = await findComment(deps, context, c.req.param('id'));
      if (comment.authorId === user.id) throw forbidden('You cannot flag your own comment: edit or delete it instead.');
      if (comment.status !== 'published') throw notShown(comment, 'flag');
      const input = c.req.valid('json');
      let result;
      try {
        result = await store.debate.flag(org.id, comment.rowid, { userId: user.id, reason: input.reason, note: input.note || null }, settings.flagThreshold, deps.clock());
      } catch (error) {
        if (error instanceof ConflictError) throw new ApiError(409, 'conflict', error.message);
        throw error;
      }
      // Enough people flagged it: taken back for review, and off open pages.
      if (result.autoHidden) await streamComment(deps, result.comment, 'comment-changed');
      return json(c, commentOut(result.comment, await viewOf(deps, context, [result.comment])), 201);
    });
}
