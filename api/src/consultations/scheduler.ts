// Moves consultations on when a phase's end date passes. server.ts starts one scheduler and stops it on
// close; tests call `tick()` themselves and move their clock. Each step is the store's conditional
// advance (UPDATE … WHERE phase = <the phase it leaves>, with what the step does in the same
// transaction), so two API processes, or the scheduler and an officer, never advance one phase twice.
import type { ConsultationPhase } from '@civic-elements/protocol';
import type { AdvanceRecord } from '../store/types.js';
import { ConsultationEvents, type NotifyDeps } from './notify.js';

/** Advances the consultation from `from`, then streams what happened; null when it was no longer in `from`. */
export async function advanceConsultation(deps: NotifyDeps, events: ConsultationEvents, c: { orgId: string; rowid: number; id: string }, from: ConsultationPhase): Promise<AdvanceRecord | null> {
  const record = await deps.store.consultations.advance(c.orgId, c.rowid, from, deps.clock());
  if (record) await events.phaseChanged(c.orgId, c.id, record.pollRowid !== null);
  return record;
}

export interface SchedulerOptions extends NotifyDeps {
  /** How often to look for phases whose end has passed (default 15 s). */
  intervalMs?: number;
  /** Consultations advanced per look at most (default 50; the rest on the next). */
  batchSize?: number;
  log?: (line: string) => void;
}

export class ConsultationScheduler {
  private readonly deps: NotifyDeps;
  private readonly events: ConsultationEvents;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private started = false;

  constructor(options: SchedulerOptions) {
    this.deps = { store: options.store, streams: options.streams, clock: options.clock };
    this.events = new ConsultationEvents(this.deps);
    this.intervalMs = options.intervalMs ?? 15_000;
    this.batchSize = options.batchSize ?? 50;
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  }

  /** Starts the loop: a first look now, then every intervalMs. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /** Stops the loop and waits for a look in progress. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One look: advances each consultation whose current phase has ended (one phase per consultation per
   * look, so a consultation whose later dates have passed too moves one step each time). Returns the
   * steps this scheduler made (a step another process made first is not counted).
   */
  async tick(): Promise<AdvanceRecord[]> {
    const now = this.deps.clock();
    const due = await this.deps.store.consultations.due(now, this.batchSize);
    const done: AdvanceRecord[] = [];
    for (const c of due) {
      try {
        const record = await advanceConsultation(this.deps, this.events, c, c.phase);
        if (!record) continue;
        done.push(record);
        this.log(JSON.stringify({ time: now.toISOString(), level: 'info', message: 'consultation advanced', consultation: c.id, from: record.from, to: record.to }));
      } catch (error) {
        this.log(JSON.stringify({ time: now.toISOString(), level: 'error', message: 'consultation not advanced', consultation: c.id, from: c.phase, error: String(error) }));
      }
    }
    return done;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), ms);
    this.timer.unref();
  }

  private run(): void {
    if (!this.started || this.running) return;
    this.running = this.tick()
      .catch((error: unknown) => this.log(JSON.stringify({ time: new Date().toISOString(), level: 'error', message: 'consultation scheduler', error: String(error) })))
      .finally(() => {
        this.running = undefined;
        if (this.started) this.schedule(this.intervalMs);
      });
  }
}
