// Defines <civic-config>. Safe to run more than once (e.g. two bundles on one page).
import { CivicConfig } from './civic-config.js';

if (!customElements.get('civic-config')) customElements.define('civic-config', CivicConfig);

declare global {
  interface HTMLElementTagNameMap {
    'civic-config': CivicConfig;
  }
}
