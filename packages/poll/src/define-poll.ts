// Defines <civic-poll> (and <civic-config>) at once: the civic-poll.js bundle. Safe to run more than once.
// civic-elements.js loads this file when the page first has a <civic-poll> (define.ts).
import '@civic-elements/core/define.js';
import { CivicPoll } from './civic-poll.js';

if (!customElements.get('civic-poll')) customElements.define('civic-poll', CivicPoll);

declare global {
  interface HTMLElementTagNameMap {
    'civic-poll': CivicPoll;
  }
}
