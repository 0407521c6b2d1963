// Defines <civic-debate> (and <civic-config>): the civic-debate.js bundle. Safe to run more than once.
import '@civic-elements/core/define.js';
import { CivicDebate } from './civic-debate.js';

if (!customElements.get('civic-debate')) customElements.define('civic-debate', CivicDebate);

declare global {
  interface HTMLElementTagNameMap {
    'civic-debate': CivicDebate;
  }
}
