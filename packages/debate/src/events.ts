// Typed events of <civic-debate> (a person's actions only; they bubble and are composed).
import type { Comment, VoteResult } from '@civic-elements/protocol';

/** A person posted a comment or a reply (it may be waiting for a moderator: `comment.status`). */
export class CivicCommentPostedEvent extends Event {
  readonly detail: { id: string; subject: string; parentId: string | null };
  constructor(readonly comment: Comment) {
    super('civic-comment-posted', { bubbles: true, composed: true });
    this.detail = { id: comment.id, subject: comment.subject, parentId: comment.parentId };
  }
}

/** A person voted a comment up (1) or down (-1), or took their vote back (0). */
export class CivicVoteCastEvent extends Event {
  readonly detail: { id: string; value: -1 | 0 | 1 };
  constructor(readonly result: VoteResult) {
    super('civic-vote-cast', { bubbles: true, composed: true });
    this.detail = { id: result.id, value: result.vote };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-comment-posted': CivicCommentPostedEvent;
    'civic-vote-cast': CivicVoteCastEvent;
  }
}
