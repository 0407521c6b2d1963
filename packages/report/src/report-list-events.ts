// Typed events of <civic-report-list> (a person's actions only; they bubble and are composed).
import type { Report, ReportDetail, ReportRelation } from '@civic-elements/protocol';

/** A person opened a report's details; `report` is the report with its public timeline. */
export class CivicReportOpenEvent extends Event {
  readonly detail: { id: string; reference: string };
  constructor(readonly report: ReportDetail) {
    super('civic-report-open', { bubbles: true, composed: true });
    this.detail = { id: report.id, reference: report.reference };
  }
}

/** A person followed a report, or stopped following it: `relation.following` says which. */
export class CivicReportFollowChangeEvent extends Event {
  readonly detail: { id: string; reference: string };
  constructor(readonly report: Report, readonly relation: ReportRelation) {
    super('civic-report-follow-change', { bubbles: true, composed: true });
    this.detail = { id: report.id, reference: report.reference };
  }
}

/** A person supported a report (+1, which also follows it), or took their support back: `relation.supported` says which. */
export class CivicReportSupportChangeEvent extends Event {
  readonly detail: { id: string; reference: string };
  constructor(readonly report: Report, readonly relation: ReportRelation) {
    super('civic-report-support-change', { bubbles: true, composed: true });
    this.detail = { id: report.id, reference: report.reference };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-report-open': CivicReportOpenEvent;
    'civic-report-follow-change': CivicReportFollowChangeEvent;
    'civic-report-support-change': CivicReportSupportChangeEvent;
  }
}
