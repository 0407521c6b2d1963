// The in-process side of the live stream: open streams subscribe to a topic here, and every event
// the API stores (stream_events) is pushed to them at once. Closing the hub ends every open stream,
// so that a server shuts down without waiting for EventSource clients that never hang up.

export interface HubEvent {
  id: number;
  event: string;
  data: string;
}

type Listener = (event: HubEvent) => void;

export class StreamHub {
  readonly #topics = new Map<string, Set<Listener>>();
  readonly #open = new Set<() => void>();
  #closed = false;

  static key(orgId: string, topic: string): string {
    return `${orgId}\n${topic}`;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Listens to one topic; returns the function that stops listening. */
  subscribe(key: string, listener: Listener): () => void {
    let listeners = this.#topics.get(key);
    if (!listeners) this.#topics.set(key, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#topics.get(key) === listeners) this.#topics.delete(key);
    };
  }

  publish(key: string, event: HubEvent): void {
    for (const listener of this.#topics.get(key) ?? []) {
      try {
        listener(event);
      } catch {
        // one broken stream never stops the others
      }
    }
  }

  /** Registers an open stream's way to end itself; returns the function that unregisters it. */
  track(end: () => void): () => void {
    if (this.#closed) {
      end();
      return () => {};
    }
    this.#open.add(end);
    return () => this.#open.delete(end);
  }

  /** How many streams are open (for tests and health). */
  get openStreams(): number {
    return this.#open.size;
  }

  /** Ends every open stream and refuses new ones. */
  close(): void {
    this.#closed = true;
    for (const end of [...this.#open]) end();
    this.#open.clear();
  }
}
