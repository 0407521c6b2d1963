// Defines <civic-inbox> (and <civic-config>) at once. Safe to run more than once. define.ts loads this
// file when the page first has a <civic-inbox>; import it yourself to define the element up front.
import '@civic-elements/core/define.js';
// Signed-out officers get a <civic-sign-in> unless the page slots its own.
import '@civic-elements/sign-in/define.js';
import { CivicInbox } from './civic-inbox.js';

if (!customElements.get('civic-inbox')) customElements.define('civic-inbox', CivicInbox);

declare global {
  interface HTMLElementTagNameMap {
    'civic-inbox': CivicInbox;
  }
}
