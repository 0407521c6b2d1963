// The script-tag bundle (civic-elements.js): importing it defines every Civic Elements element.
// A new element package adds its define file here, and its bundle line in rollup.config.js.
import '@civic-elements/core/define.js';
import '@civic-elements/sign-in/define.js';
import '@civic-elements/map/define.js';
import '@civic-elements/report/define.js';
import '@civic-elements/inbox/define.js';
import '@civic-elements/debate/define.js';
import '@civic-elements/poll/define.js';
