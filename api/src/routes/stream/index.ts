// GET /v1/stream?org=&topic=comments:<subject> (or poll:<id>, consultation:<id>): Server-Sent Events. What happened after
// Last-Event-ID (or ?lastEventId=) comes first, from stream_events, then each new event as the API stores
// it; a keep-alive comment every 25 seconds. The stream ends when the client goes away or the server closes.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { SubjectKey } from '@civic-elements/protocol';
import { StreamHub, type HubEvent } from '../../debate/hub.js';
import { topicOf } from '../../debate/notify.js';
import { resolveSubject } from '../../debate/subjects.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { queryOf } from '../../http/validate.js';
import { findOrg } from '../../http/viewer.js';
import { pollStreamTopic } from '../../polls/notify.js';
import { consultationStreamTopic } from '../../consultations/notify.js';
import type { OrgRecord } from '../../store/types.js';

export const KEEP_ALIVE_MS = 25_000;
/** Events sent from the store at a time when catching up. */
const BACKLOG_BATCH = 500;

const StreamQuery = z.object({
  org: z.string().min(1, 'Name the organisation (org=its slug).').max(64),
  topic: z
    .string()
    .max(2200)
    .regex(/^(?:comments|poll|consultation):/, 'Use topic=comments:<subject>, for example comments:page:https://example.org/news.html, topic=poll:<poll id> or topic=consultation:<consultation id>.'),
  lastEventId: z.string().regex(/^\d{1,15}$/, 'Use the id of the last event you received.').optional(),
});

/** A discussion's topic: the subject checked against the organisation. */
async function commentTopic(deps: Deps, org: OrgRecord, text: string): Promise<{ topic: string; latest: () => Promise<number> }> {
  const parsed = SubjectKey.safeParse(text.slice('comments:'.length));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Name the subject after comments:.';
    throw new ApiError(400, 'validation_failed', `There is a problem with topic: ${message}`, { fields: { topic: message } });
  }
  const subject = await resolveSubject(deps, org, parsed.data);
  const topic = topicOf(subject.key);
  return { topic, latest: async () => (await deps.store.debate.stats(org.id, subject.key, topic)).lastEventId };
}

export function streamRoutes(deps: Deps) {
  const { store, streams } = deps;

  return new Hono<AppEnv>().get('/', queryOf(StreamQuery), async (c) => {
    const query = c.req.valid('query');
    const org = await findOrg(deps, query.org);
    const { topic, latest } = query.topic.startsWith('poll:')
      ? await pollStreamTopic(deps, org, query.topic.slice('poll:'.length))
      : query.topic.startsWith('consultation:')
        ? await consultationStreamTopic(deps, org, query.topic.slice('consultation:'.length))
        : await commentTopic(deps, org, query.topic);
    const header = c.req.header('last-event-id');
    const resumeText = header !== undefined && /^\d{1,15}$/.test(header.trim()) ? header.trim() : query.lastEventId;
    let lastSent = resumeText !== undefined ? Number(resumeText) : null;
    if (streams.closed) throw new ApiError(503, 'service_unavailable', 'The server is shutting down. Reconnect in a moment.');
    const key = StreamHub.key(org.id, topic);
    // Not cached by proxies, not buffered by nginx.
    c.header('X-Accel-Buffering', 'no');

    return streamSSE(c, async (stream) => {
      let queue: HubEvent[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      const end = () => {
        ended = true;
        wake?.();
      };
      // Listen first, then catch up: nothing that happens in between is lost (ids tell repeats apart).
      const unsubscribe = streams.subscribe(key, (event) => {
        queue.push(event);
        wake?.();
      });
      const untrack = streams.track(end);
      stream.onAbort(end);
      const ping = setInterval(() => {
        void stream.write(': ping\n\n');
      }, KEEP_ALIVE_MS);
      ping.unref();
      try {
        await stream.write(': connected\n\n');
        const forgotten = lastSent === null ? 0 : await store.debate.forgottenUpTo();
        if (lastSent !== null && lastSent < forgotten) {
          // Resumed from before what is kept (a page asleep for days): events may be gone, so the page
          // is told to load afresh, and the stream goes on from now. The reset's id moves the
          // EventSource's Last-Event-ID past what is forgotten, so its next reconnect resumes.
          lastSent = Math.max(forgotten, await latest());
          await stream.writeSSE({ id: String(lastSent), event: 'reset', data: '{}' });
        } else if (lastSent === null) {
          // A fresh stream starts from now: the page it came with is as recent.
          lastSent = await latest();
        } else {
          for (;;) {
            const backlog = await store.debate.eventsAfter(org.id, topic, lastSent, BACKLOG_BATCH);
            for (const event of backlog) {
              if (ended) return;
              await stream.writeSSE({ id: String(event.id), event: event.event, data: event.data });
              lastSent = event.id;
            }
            if (backlog.length < BACKLOG_BATCH) break;
          }
        }
        while (!ended) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
            continue;
          }
          const batch = queue;
          queue = [];
          for (const event of batch) {
            if (ended) break;
            if (event.id <= lastSent!) continue;
            await stream.writeSSE({ id: String(event.id), event: event.event, data: event.data });
            lastSent = event.id;
          }
        }
      } finally {
        clearInterval(ping);
        unsubscribe();
        untrack();
      }
    });
  });
}
