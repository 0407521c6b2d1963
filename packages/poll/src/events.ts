// Typed events of <civic-poll> (a person's actions only; they bubble and are composed).

/**
 * A person cast their ballot in a poll, or changed it (`changed`). Neither the ballot nor its receipt
 * is in the event: the ballot is secret, and the receipt is for the voter alone.
 */
export class CivicBallotCastEvent extends Event {
  readonly detail: { pollId: string; changed: boolean };
  constructor(readonly pollId: string, readonly changed: boolean) {
    super('civic-ballot-cast', { bubbles: true, composed: true });
    this.detail = { pollId, changed };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-ballot-cast': CivicBallotCastEvent;
  }
}
