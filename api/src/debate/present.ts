// Comments as the wire format hands them out: what each reader may see of each one.
import { EDIT_WINDOW_MINUTES, type Comment, type CommentThread } from '@civic-elements/protocol';
import type { CommentRecord } from '../store/types.js';

export interface CommentView {
  viewerId: string | null;
  moderator: boolean;
  /** The reader's votes and flags, by rowid. */
  votes: Map<number, -1 | 1>;
  flagged: Set<number>;
  now: Date;
}

/** The public view: what the stream sends and what anyone signed out reads. */
export const PUBLIC_VIEW: CommentView = { viewerId: null, moderator: false, votes: new Map(), flagged: new Set(), now: new Date(0) };

/** Whether its author may still edit it. */
export function editable(comment: CommentRecord, now: Date): boolean {
  return (comment.status === 'published' || comment.status === 'pending') && now.getTime() - Date.parse(comment.createdAt) < EDIT_WINDOW_MINUTES * 60_000;
}

export function commentOut(comment: CommentRecord, view: CommentView): Comment {
  const mine = view.viewerId !== null && comment.authorId === view.viewerId;
  const deleted = comment.status === 'deleted';
  // Hidden text stays readable for moderators (to restore it); pending for its author and moderators.
  const showText =
    comment.status === 'published' || (comment.status === 'pending' && (mine || view.moderator)) || (comment.status === 'hidden' && view.moderator);
  const out: Comment = {
    id: comment.id,
    subject: comment.subject,
    parentId: comment.parentId,
    depth: comment.depth,
    replyTo: comment.replyTo,
    stance: comment.stance,
    body: showText ? comment.body : '',
    author: deleted || comment.authorId === null ? null : { id: comment.authorId, name: comment.authorName ?? '' },
    official: deleted ? null : comment.official,
    status: comment.status,
    hiddenReason: comment.status === 'hidden' ? comment.hiddenReason : null,
    createdAt: comment.createdAt,
    editedAt: deleted ? null : comment.editedAt,
    up: comment.up,
    down: comment.down,
    score: comment.score,
    replyCount: comment.replyCount,
  };
  if (view.viewerId !== null) {
    out.viewer = {
      vote: view.votes.get(comment.rowid) ?? 0,
      mine,
      canEdit: mine && editable(comment, view.now),
      flagged: view.flagged.has(comment.rowid),
    };
  }
  if (view.moderator) out.flags = comment.openFlags;
  return out;
}

export function threadOut(top: CommentRecord, replies: readonly CommentRecord[], total: number, view: CommentView): CommentThread {
  return { ...commentOut(top, view), replies: replies.map((r) => commentOut(r, view)), moreReplies: Math.max(0, total - replies.length) };
}
