// Typed events the elements dispatch, for user actions only (bubbling and composed).
import type { User } from '@civic-elements/protocol';

/** The base of the events below: they bubble and cross shadow roots. */
class CivicEvent extends Event {
  constructor(type: string) {
    super(type, { bubbles: true, composed: true });
  }
}

/** A resident has signed in. */
export class CivicSignedInEvent extends CivicEvent {
  constructor(readonly user: User) {
    super('civic-signed-in');
  }
}

/** A resident has signed out. */
export class CivicSignedOutEvent extends CivicEvent {
  constructor() {
    super('civic-signed-out');
  }
}

/** A one-time sign-in code has been emailed to `email`. */
export class CivicCodeSentEvent extends CivicEvent {
  constructor(readonly email: string) {
    super('civic-code-sent');
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-signed-in': CivicSignedInEvent;
    'civic-signed-out': CivicSignedOutEvent;
    'civic-code-sent': CivicCodeSentEvent;
  }
}
