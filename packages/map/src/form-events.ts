// Typed events of <civic-contribution-form> and <civic-map-project-editor> (user actions only; they bubble and are composed).
import type { ContributionCreate, ContributionFeature, MapProject } from '@civic-elements/protocol';

/**
 * A resident pressed "Add to the map" and the answers passed the checks: `feature` is what is about
 * to be sent. Cancelable: `preventDefault()` stops the submission (the draft is kept).
 */
export class CivicBeforeContributionSubmitEvent extends Event {
  constructor(readonly feature: ContributionCreate) {
    super('civic-before-contribution-submit', { bubbles: true, composed: true, cancelable: true });
  }
}

/** A contribution was stored: `feature` is the API's answer (its status is `pending` when it waits for review). */
export class CivicContributionSubmittedEvent extends Event {
  constructor(readonly feature: ContributionFeature) {
    super('civic-contribution-submitted', { bubbles: true, composed: true });
  }
}

/** An officer saved a map project (created, changed, archived or restored): `project` as the API answered it. */
export class CivicProjectSavedEvent extends Event {
  constructor(readonly project: MapProject) {
    super('civic-project-saved', { bubbles: true, composed: true });
  }
}

/** A moderator approved, rejected or restored a contribution: `feature` with its new status. */
export class CivicContributionModeratedEvent extends Event {
  constructor(readonly feature: ContributionFeature, readonly action: 'approve' | 'reject' | 'restore') {
    super('civic-contribution-moderated', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-before-contribution-submit': CivicBeforeContributionSubmitEvent;
    'civic-contribution-submitted': CivicContributionSubmittedEvent;
    'civic-project-saved': CivicProjectSavedEvent;
    'civic-contribution-moderated': CivicContributionModeratedEvent;
  }
}
