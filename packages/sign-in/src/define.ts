// Defines <civic-sign-in> (and <civic-config>). Safe to run more than once.
import '@civic-elements/core/define.js';
import { CivicSignIn } from './civic-sign-in.js';

if (!customElements.get('civic-sign-in')) customElements.define('civic-sign-in', CivicSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'civic-sign-in': CivicSignIn;
  }
}
