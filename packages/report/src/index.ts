// @civic-elements/report: the <civic-report-form> and <civic-report-list> classes, their events and messages (importing defines nothing).
export { CivicReportForm } from './civic-report-form.js';
export { reportFormMessages } from './messages-form.js';
export { CivicBeforeReportSubmitEvent, CivicReportSubmittedEvent, CivicReportSupportedEvent } from './report-form-events.js';
export { CivicReportList } from './civic-report-list.js';
export { reportListMessages } from './messages-list.js';
export { CivicReportOpenEvent, CivicReportFollowChangeEvent, CivicReportSupportChangeEvent } from './report-list-events.js';
