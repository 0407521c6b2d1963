// A poll's live stream (`/v1/stream?topic=poll:<id>`): `results` when its tally changes, at most about
// once a second per poll (the first change at once, the changes after it gathered into one event at the
// end of the second), and `status` when an officer opens or closes it. Events are stored first (a
// reconnect resumes after its Last-Event-ID), then pushed to open streams. Results go out only while
// they are public. Nothing here fails the request that made the change: problems are logged.
import type { PollStatusEvent, PollStreamEventName } from '@civic-elements/protocol';
import { StreamHub } from '../debate/hub.js';
import { pollPhase } from '../domain/poll-phase.js';
import { notFound } from '../http/errors.js';
import type { Deps } from '../http/env.js';
import type { OrgRecord, PollRecord } from '../store/types.js';
import { resultsOut } from './present.js';

/** The shortest time between two `results` events of one poll. */
export const RESULTS_EVENT_INTERVAL_MS = 1000;

/** The stream topic of a poll. */
export const pollTopic = (pollId: string) => `poll:${pollId}`;

/** For /v1/stream: a poll's topic (404 for a poll the organisation does not have, or a draft), and its latest event id. */
export async function pollStreamTopic(deps: Deps, org: OrgRecord, pollId: string): Promise<{ topic: string; latest: () => Promise<number> }> {
  const poll = pollId.length <= 64 ? await deps.store.polls.byId(org.id, pollId) : null;
  if (!poll || poll.status === 'draft') throw notFound(`${org.name} has no poll with this id.`);
  const topic = pollTopic(poll.id);
  return { topic, latest: () => deps.store.polls.lastEventId(org.id, topic) };
}

function logProblem(what: string, error: unknown): void {
  // A test (or a shutdown) closing the database under a pending event is not a problem worth a line.
  if (/not open/i.test(String(error))) return;
  console.error(JSON.stringify({ level: 'error', message: `poll notification: ${what}`, error: String(error) }));
}

/** Whether everyone may see the poll's results at `now`. */
export function resultsArePublic(poll: PollRecord, now: Date): boolean {
  const { status } = pollPhase(poll, now);
  return status === 'closed' || (status === 'open' && poll.results === 'live');
}

interface Throttle {
  lastAt: number;
  timer: NodeJS.Timeout | undefined;
}

export class PollEvents {
  readonly #throttles = new Map<string, Throttle>();

  constructor(private readonly deps: Pick<Deps, 'store' | 'streams' | 'clock'>) {}

  async #append(orgId: string, pollId: string, event: PollStreamEventName, payload: unknown): Promise<void> {
    if (this.deps.streams.closed) return;
    const topic = pollTopic(pollId);
    const data = JSON.stringify(payload);
    const id = await this.deps.store.debate.appendEvent(orgId, topic, event, data, this.deps.clock());
    this.deps.streams.publish(StreamHub.key(orgId, topic), { id, event, data });
  }

  async #publishResults(orgId: string, pollId: string): Promise<void> {
    try {
      const poll = await this.deps.store.polls.byId(orgId, pollId);
      if (!poll) return;
      const now = this.deps.clock();
      if (!resultsArePublic(poll, now)) return;
      const tally = await this.deps.store.polls.tally(orgId, poll.rowid);
      if (!tally) return;
      await this.#append(orgId, poll.id, 'results', resultsOut(poll, tally, now));
    } catch (error) {
      logProblem(`results of ${pollId} not streamed`, error);
    }
  }

  /** The tally changed: results go out now, or at the end of the current interval (once, however many changes came). */
  tallyChanged(poll: PollRecord): Promise<void> {
    if (!resultsArePublic(poll, this.deps.clock())) return Promise.resolve();
    const key = `${poll.orgId}\n${poll.id}`;
    let throttle = this.#throttles.get(key);
    if (!throttle) this.#throttles.set(key, (throttle = { lastAt: 0, timer: undefined }));
    if (throttle.timer) return Promise.resolve();
    const wait = throttle.lastAt + RESULTS_EVENT_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      throttle.lastAt = Date.now();
      return this.#publishResults(poll.orgId, poll.id);
    }
    const pending = throttle;
    pending.timer = setTimeout(() => {
      pending.timer = undefined;
      pending.lastAt = Date.now();
      void this.#publishResults(poll.orgId, poll.id);
    }, wait);
    pending.timer.unref?.();
    return Promise.resolve();
  }

  /** Opened or closed: a `status` event, and on closing the final results at once. */
  async statusChanged(poll: PollRecord): Promise<void> {
    try {
      const phase = pollPhase(poll, this.deps.clock());
      const status: PollStatusEvent = { id: poll.id, status: phase.status, acceptingBallots: phase.accepting };
      await this.#append(poll.orgId, poll.id, 'status', status);
    } catch (error) {
      logProblem(`status of ${poll.id} not streamed`, error);
    }
    if (pollPhase(poll, this.deps.clock()).status === 'closed') {
      const throttle = this.#throttles.get(`${poll.orgId}\n${poll.id}`);
      if (throttle?.timer) {
        clearTimeout(throttle.timer);
        throttle.timer = undefined;
      }
      await this.#publishResults(poll.orgId, poll.id);
    }
  }

  /** A deleted poll: nothing more goes out for it. */
  forget(poll: PollRecord): void {
    const key = `${poll.orgId}\n${poll.id}`;
    const throttle = this.#throttles.get(key);
    if (throttle?.timer) clearTimeout(throttle.timer);
    this.#throttles.delete(key);
  }
}
