// A small `@lit/task`-style controller: runs one async job at a time and re-renders on each state.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type TaskStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface TaskRenderers<R> {
  initial?: () => unknown;
  pending?: () => unknown;
  complete?: (value: R) => unknown;
  error?: (error: unknown) => unknown;
}

export class Task<A extends unknown[], R> implements ReactiveController {
  status: TaskStatus = 'initial';
  value: R | undefined;
  error: unknown;
  #controller: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly job: (args: A, signal: AbortSignal) => Promise<R>,
  ) {
    host.addController(this);
  }

  get pending(): boolean { return this.status === 'pending'; }

  /** Runs the job, cancelling a previous run still in flight. Resolves with its value; rejects with its error. */
  async run(...args: A): Promise<R> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.status = 'pending';
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const value = await this.job(args, controller.signal);
      if (this.#controller === controller) {
        this.status = 'complete';
        this.value = value;
      }
      return value;
    } catch (error) {
      if (this.#controller === controller) {
        this.status = 'error';
        this.error = error;
      }
      throw error;
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
      this.host.requestUpdate();
    }
  }

  abort(): void {
    this.#controller?.abort();
  }

  render(renderers: TaskRenderers<R>): unknown {
    switch (this.status) {
      case 'initial': return renderers.initial?.();
      case 'pending': return renderers.pending?.();
      case 'complete': return renderers.complete?.(this.value as R);
      case 'error': return renderers.error?.(this.error);
    }
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.abort();
  }
}
