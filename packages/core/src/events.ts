// Typed events the elements dispatch, for user actions only (bubbling and composed).
import type { User } from '@civic-elements/protocol';

/** A resident has signed in. */
export class CivicSignedInEvent extends Event {
  constructor(readonly user: User) {
    super('civic-signed-in', { bubbles: true, composed: true });
  }
}

/** A resident has signed out. */
export class CivicSignedOutEvent extends Event {
  constructor() {
    super('civic-signed-out', { bubbles: true, composed: true });
  }
}

/** A one-time sign-in code has been emailed to `email`. */
export class CivicCodeSentEvent extends Event {
  constructor(readonly email: string) {
    super('civic-code-sent', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-signed-in': CivicSignedInEvent;
    'civic-signed-out': CivicSignedOutEvent;
    'civic-code-sent': CivicCodeSentEvent;
  }
}
