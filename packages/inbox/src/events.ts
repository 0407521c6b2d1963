// Typed events <civic-inbox> dispatches (an officer's actions only; they bubble and are composed).
import type { Comment, CommentModeration, ReportBulkResult, ReportDetail } from '@civic-elements/protocol';

/** What an officer did to one report. */
export type ReportChange = 'status' | 'reassign' | 'expected' | 'merge' | 'photo-removed';

/** An officer changed a report (status and notes, category or department, expected date, merge, photo removal): `report` as it is now. */
export class CivicReportUpdatedEvent extends Event {
  constructor(readonly report: ReportDetail, readonly change: ReportChange) {
    super('civic-report-updated', { bubbles: true, composed: true });
  }
}

/** An officer changed several reports at once: `result.updated` (ids) and `result.failed` (id, code, message). */
export class CivicReportsBulkUpdatedEvent extends Event {
  constructor(readonly result: ReportBulkResult) {
    super('civic-reports-bulk-updated', { bubbles: true, composed: true });
  }
}

/** A moderator acted on a comment (approve, dismiss its flags, hide, restore): `comment` as it is now. */
export class CivicCommentModeratedEvent extends Event {
  constructor(readonly comment: Comment, readonly action: CommentModeration['action']) {
    super('civic-comment-moderated', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-comment-moderated': CivicCommentModeratedEvent;
    'civic-report-updated': CivicReportUpdatedEvent;
    'civic-reports-bulk-updated': CivicReportsBulkUpdatedEvent;
  }
}
