// Finding and changing comments in the threads <civic-debate> shows (pure functions on arrays).
import type { Comment, CommentThread } from '@civic-elements/protocol';

/** The thread a comment belongs to, and its place among the replies (-1: it is the thread). */
export function find(threads: CommentThread[], id: string): { thread: CommentThread; index: number } | undefined {
  for (const thread of threads) {
    if (thread.id === id) return { thread, index: -1 };
    const index = thread.replies.findIndex((reply) => reply.id === id);
    if (index >= 0) return { thread, index };
  }
  return undefined;
}

/** The threads with a comment's fields replaced (a thread keeps its replies; the reader's relation stays unless given); undefined when it is not there. */
export function patch(threads: CommentThread[], id: string, fields: Partial<Comment>): CommentThread[] | undefined {
  const found = find(threads, id);
  if (!found) return undefined;
  const { thread, index } = found;
  const old = index < 0 ? thread : thread.replies[index]!;
  const merged = { ...old, ...fields, viewer: fields.viewer ?? old.viewer };
  if (merged.viewer && merged.status !== 'published' && merged.status !== 'pending') merged.viewer = { ...merged.viewer, canEdit: false };
  return threads.map((known) =>
    known !== thread ? known : index < 0 ? { ...thread, ...merged } : { ...thread, replies: thread.replies.map((reply, at) => (at === index ? merged : reply)) },
  );
}

/** The threads with a comment in its place: a new thread at the top, or a reply after its parent's other replies; undefined when it cannot go in (known already, or its parent is not shown). */
export function insert(threads: CommentThread[], comment: Comment): CommentThread[] | undefined {
  if (find(threads, comment.id)) return undefined;
  if (!comment.parentId) return [{ ...comment, replies: [], moreReplies: 0 }, ...threads];
  const found = find(threads, comment.parentId);
  if (!found) return undefined;
  const { thread, index } = found;
  const replies = [...thread.replies];
  const depth = index < 0 ? 0 : replies[index]!.depth;
  let at = index + 1;
  while (at < replies.length && replies[at]!.depth > depth) at++;
  replies.splice(at, 0, comment);
  return threads.map((known) => (known === thread ? { ...thread, replies, replyCount: thread.replyCount + 1 } : known));
}

/** The threads without a comment that has no replies under it; undefined when it is not there or replies hang on it (the thread keeps its shape). */
export function remove(threads: CommentThread[], id: string): CommentThread[] | undefined {
  const found = find(threads, id);
  if (!found) return undefined;
  const { thread, index } = found;
  if (index < 0) return thread.replies.length || thread.moreReplies ? undefined : threads.filter((known) => known !== thread);
  if (thread.replies.some((reply) => reply.parentId === id || reply.replyTo?.id === id)) return undefined;
  return threads.map((known) => (known === thread ? { ...thread, replies: thread.replies.filter((reply) => reply.id !== id), replyCount: Math.max(0, thread.replyCount - 1) } : known));
}
