// A consultation's live stream (`/v1/stream?topic=consultation:<id>`): `phase` when it moves on, `counts`
// when support or confirmations change, `proposal` when one is submitted, revised or withdrawn. Events
// are stored first (a reconnect resumes after its Last-Event-ID), then pushed to open streams. Moving
// into or out of the voting phase also sends the vote's own `status` event (and its final results) on
// `poll:<id>`. Nothing here fails the request (or the scheduler tick) that made the change: problems are logged.
import type { ConsultationPhaseEvent, ConsultationStreamEventName } from '@civic-elements/protocol';
import { StreamHub } from '../debate/hub.js';
import { countBasis, phaseEndsAt, quorumNeeded } from '../domain/consultation.js';
import type { Deps } from '../http/env.js';
import { notFound } from '../http/errors.js';
import { PollEvents } from '../polls/notify.js';
import type { ConsultationRecord, OrgRecord, ProposalRecord } from '../store/types.js';
import { consultationTopic, countsOut, proposalOut } from './present.js';

export type NotifyDeps = Pick<Deps, 'store' | 'streams' | 'clock'>;

function logProblem(what: string, error: unknown): void {
  // A test (or a shutdown) closing the database under a pending event is not a problem worth a line.
  if (/not open/i.test(String(error))) return;
  console.error(JSON.stringify({ level: 'error', message: `consultation notification: ${what}`, error: String(error) }));
}

/** People counted towards a share quorum now: supporters, or from the frozen phase on those who confirmed. */
export const participantsOf = (deps: Pick<Deps, 'store'>, c: ConsultationRecord) => deps.store.consultations.participants(c.orgId, c.rowid, countBasis(c.phase));

/** For /v1/stream: a consultation's topic (404 for one the organisation does not have, or a draft), and its latest event id. */
export async function consultationStreamTopic(deps: Deps, org: OrgRecord, id: string): Promise<{ topic: string; latest: () => Promise<number> }> {
  const consultation = id.length <= 64 ? await deps.store.consultations.byId(org.id, id) : null;
  if (!consultation || consultation.phase === 'draft') throw notFound(`${org.name} has no consultation with this id.`);
  const topic = consultationTopic(consultation.id);
  return { topic, latest: () => deps.store.consultations.lastEventId(org.id, topic) };
}

export class ConsultationEvents {
  readonly #polls: PollEvents;

  constructor(private readonly deps: NotifyDeps) {
    this.#polls = new PollEvents(deps);
  }

  async #append(orgId: string, consultationId: string, event: ConsultationStreamEventName, payload: unknown): Promise<void> {
    if (this.deps.streams.closed) return;
    const topic = consultationTopic(consultationId);
    const data = JSON.stringify(payload);
    const id = await this.deps.store.debate.appendEvent(orgId, topic, event, data, this.deps.clock());
    this.deps.streams.publish(StreamHub.key(orgId, topic), { id, event, data });
  }

  /** It moved to another phase: `phase`, fresh `counts` (admission may have been decided), and the vote's `status` when it opened or closed. */
  async phaseChanged(orgId: string, consultationId: string, pollChanged: boolean): Promise<void> {
    try {
      const c = await this.deps.store.consultations.byId(orgId, consultationId);
      if (!c) return;
      const event: ConsultationPhaseEvent = { id: c.id, phase: c.phase, phaseEndsAt: phaseEndsAt(c.phase, c), pollId: c.pollId };
      await this.#append(orgId, c.id, 'phase', event);
      await this.#counts(c);
      if (pollChanged && c.pollId) {
        const poll = await this.deps.store.polls.byId(orgId, c.pollId);
        if (poll) await this.#polls.statusChanged(poll);
      }
    } catch (error) {
      logProblem(`phase of ${consultationId} not streamed`, error);
    }
  }

  async #counts(c: ConsultationRecord): Promise<void> {
    const [proposals, participants] = await Promise.all([this.deps.store.consultations.proposals(c.orgId, c.rowid), participantsOf(this.deps, c)]);
    await this.#append(c.orgId, c.id, 'counts', countsOut(c, proposals, participants));
  }

  /** Support or confirmations changed (or a proposal was withdrawn): every proposal's counts, and the quorum. */
  async countsChanged(c: ConsultationRecord): Promise<void> {
    try {
      await this.#counts(c);
    } catch (error) {
      logProblem(`counts of ${c.id} not streamed`, error);
    }
  }

  /** A proposal was submitted, revised or withdrawn. */
  async proposalChanged(c: ConsultationRecord, proposal: ProposalRecord): Promise<void> {
    try {
      const needed = quorumNeeded(c.quorum, await participantsOf(this.deps, c));
      await this.#append(c.orgId, c.id, 'proposal', proposalOut(proposal, c, needed));
    } catch (error) {
      logProblem(`proposal ${proposal.id} not streamed`, error);
    }
  }
}
