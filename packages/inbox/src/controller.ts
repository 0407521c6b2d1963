// What the inbox's sections (the opened report, "Change several at once", the comments queue) share:
// registering with the element, their words, and focus moved once the element has rendered.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizeController } from '@civic-elements/core';

export abstract class InboxSection<Deps extends { localize: () => LocalizeController }> implements ReactiveController {
  /** What to focus (a selector in the element's shadow root) once the element has rendered. */
  protected focusNext: string | undefined;

  constructor(protected readonly host: ReactiveControllerHost & HTMLElement, protected readonly deps: Deps) {
    host.addController(this);
  }

  hostUpdated(): void {
    const selector = this.focusNext;
    if (!selector) return;
    this.focusNext = undefined;
    this.host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  protected t(key: string, params?: Record<string, string | number>): string {
    return this.deps.localize().t(key, params);
  }
}
