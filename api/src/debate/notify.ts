// What follows a change to a discussion: the event on the subject's live stream (stored first, so a
// reconnect resumes after it, then pushed to open streams) and the reply email. Nothing here fails the
// request that made the change: problems are logged.
import type { StreamEventName, StreamVotes } from '@civic-elements/protocol';
import type { Deps } from '../http/env.js';
import { replyEmail } from '../mail/reply-email.js';
import { stopEmailsUrl } from './stop-emails.js';
import type { CommentRecord, OrgRecord } from '../store/types.js';
import { StreamHub } from './hub.js';
import { commentOut, PUBLIC_VIEW } from './present.js';
import type { ResolvedSubject } from './subjects.js';

/** How long a request waits for the reply email before answering anyway. */
const MAIL_WAIT_MS = 2000;

function logProblem(what: string, error: unknown): void {
  console.error(JSON.stringify({ level: 'error', message: `discussion notification: ${what}`, error: String(error) }));
}

/** The topic of a subject's stream. */
export const topicOf = (subjectKey: string) => `comments:${subjectKey}`;

/** How long stream events are kept for reconnects (a page asleep longer reloads instead). */
export const STREAM_EVENTS_KEPT_MS = 7 * 24 * 3600_000;
/** Old events are forgotten every this many events. */
const PRUNE_EVERY = 256;

async function publish(deps: Deps, orgId: string, subjectKey: string, event: StreamEventName, payload: unknown): Promise<void> {
  try {
    const topic = topicOf(subjectKey);
    const data = JSON.stringify(payload);
    const now = deps.clock();
    deps.firstPages.drop(orgId, subjectKey);
    const id = await deps.store.debate.appendEvent(orgId, topic, event, data, now);
    deps.streams.publish(StreamHub.key(orgId, topic), { id, event, data });
    if (id % PRUNE_EVERY === 0) await deps.store.debate.pruneEvents(new Date(now.getTime() - STREAM_EVENTS_KEPT_MS));
  } catch (error) {
    logProblem(`${event} not streamed`, error);
  }
}

/**
 * A comment changed in a way the public can see: `comment` when it was published (new or approved),
 * `comment-changed` otherwise. A comment taken back for review (flags) goes out once, as
 * `comment-changed` with status `pending` and no text, so that open pages drop it; a comment that was
 * never public never goes out.
 */
export async function streamComment(deps: Deps, comment: CommentRecord, event: 'comment' | 'comment-changed'): Promise<void> {
  await publish(deps, comment.orgId, comment.subject, event, commentOut(comment, PUBLIC_VIEW));
}

export async function streamVotes(deps: Deps, comment: CommentRecord): Promise<void> {
  const votes: StreamVotes = { id: comment.id, up: comment.up, down: comment.down, score: comment.score };
  await publish(deps, comment.orgId, comment.subject, 'votes', votes);
}

/** Emails the author of the comment a published reply answers, unless they opted out or replied to themselves. */
export async function emailReply(deps: Deps, org: OrgRecord, subject: ResolvedSubject, reply: CommentRecord): Promise<void> {
  try {
    const answeredId = reply.replyTo?.id ?? reply.parentId;
    if (!answeredId || reply.status !== 'published' || !reply.authorId) return;
    const answered = await deps.store.debate.byId(org.id, answeredId);
    if (!answered || !answered.authorId || answered.authorId === reply.authorId || answered.status === 'deleted') return;
    if (!(await deps.store.debate.repliesByEmail(org.id, answered.authorId))) return;
    const to = await deps.store.users.byId(answered.authorId);
    if (!to) return;
    const replierName = reply.official ? (reply.official.department ?? reply.official.organisation) : (reply.authorName ?? 'Someone');
    const message = replyEmail(
      { email: to.email, name: to.name, locale: to.locale },
      {
        orgName: org.name,
        replierName,
        subjectTitle: subject.title,
        link: subject.url ? `${subject.url}#comment-${reply.id}` : null,
        yourText: answered.body,
        replyText: reply.body,
        unsubscribe: stopEmailsUrl(deps, org, answered.authorId),
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => {
      timer = setTimeout(done, MAIL_WAIT_MS);
      timer.unref?.();
    });
    const sending = deps.mailer.send(message).catch((error: unknown) => logProblem(`reply email to ${to.email} failed`, error));
    await Promise.race([sending, timeout]);
    clearTimeout(timer);
  } catch (error) {
    logProblem(`reply email for ${reply.id}`, error);
  }
}
