// A reactive controller that re-renders its element whenever the shared session changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { apiKey, getSession, type Session } from './session.js';

export class SessionController implements ReactiveController {
  #session: Session | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly api: () => string | undefined) {
    host.addController(this);
  }

  /** The session for the element's API, or undefined while it has no `api`. */
  get session(): Session | undefined {
    const api = this.api();
    if (!api) return undefined;
    if (this.#session?.api !== apiKey(api)) this.#attach(getSession(api));
    return this.#session;
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#session) this.#attach(this.#session);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #attach(session: Session): void {
    this.#unsubscribe?.();
    this.#session = session;
    this.#unsubscribe = this.#connected ? session.subscribe(() => this.host.requestUpdate()) : undefined;
  }
}
