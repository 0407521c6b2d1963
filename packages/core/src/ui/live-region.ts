// A polite live region: announce() makes screen readers read a message, even the same one twice.
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export class LiveAnnouncer implements ReactiveController {
  message = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Clears the region, then fills it a moment later, so that a repeated message is read again. */
  announce(message: string): void {
    clearTimeout(this.#timer);
    this.message = '';
    this.host.requestUpdate();
    this.#timer = setTimeout(() => {
      this.message = message;
      this.host.requestUpdate();
    }, 100);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Always render the region (a region added together with its text is often not read). */
  render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" part="status">${this.message}</div>`;
  }
}
