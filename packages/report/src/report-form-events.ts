// Typed events of <civic-report-form> (user actions only; they bubble and are composed).
import type { Report, ReportCreate, ReportRelation } from '@civic-elements/protocol';

/**
 * A resident pressed "Send report" and the answers passed the checks: `report` is what is about to be
 * sent. Cancelable: `preventDefault()` stops the sending (the draft is kept).
 */
export class CivicBeforeReportSubmitEvent extends Event {
  constructor(readonly report: ReportCreate) {
    super('civic-before-report-submit', { bubbles: true, composed: true, cancelable: true });
  }
}

/** A report was stored (at once, or later from the offline queue): `detail` names it; `report` is the API's answer. */
export class CivicReportSubmittedEvent extends Event {
  readonly detail: { id: string; reference: string };
  constructor(readonly report: Report) {
    super('civic-report-submitted', { bubbles: true, composed: true });
    this.detail = { id: report.id, reference: report.reference };
  }
}

/** The resident said a report nearby is their problem and now supports (and follows) it instead of filing another. */
export class CivicReportSupportedEvent extends Event {
  readonly detail: { id: string; reference: string };
  constructor(readonly report: Report, readonly relation: ReportRelation) {
    super('civic-report-supported', { bubbles: true, composed: true });
    this.detail = { id: report.id, reference: report.reference };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-before-report-submit': CivicBeforeReportSubmitEvent;
    'civic-report-submitted': CivicReportSubmittedEvent;
    'civic-report-supported': CivicReportSupportedEvent;
  }
}
