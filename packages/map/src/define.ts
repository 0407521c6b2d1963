// Defines <civic-map> (and <civic-config>). Safe to run more than once.
import '@civic-elements/core/define.js';
import { CivicMap } from './civic-map.js';

if (!customElements.get('civic-map')) customElements.define('civic-map', CivicMap);

declare global {
  interface HTMLElementTagNameMap {
    'civic-map': CivicMap;
  }
}
