// @civic-elements/debate: the <civic-debate> class, its events, messages and Markdown subset (importing defines nothing).
export { CivicDebate } from './civic-debate.js';
export { debateMessages } from './messages.js';
export { CivicCommentPostedEvent, CivicVoteCastEvent } from './events.js';
export { parseMarkdown, parseInline, renderMarkdown, safeHref, LINK_REL, type Block, type Inline } from './markdown.js';
