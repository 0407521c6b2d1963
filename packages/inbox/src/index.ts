// @civic-elements/inbox: the <civic-inbox> class, its events and messages (importing defines nothing).
export { CivicInbox } from './civic-inbox.js';
export { CivicReportUpdatedEvent, CivicReportsBulkUpdatedEvent, type ReportChange } from './events.js';
export { inboxMessages } from './messages.js';
