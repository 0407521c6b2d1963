// Defines <civic-map> (and <civic-config>); <civic-contribution-form> and <civic-map-project-editor>
// are defined when one first appears on the page. Safe to run more than once.
import '@civic-elements/core/define.js';
import { CivicMap } from './civic-map.js';
import { defineWhenUsed } from './define-when-used.js';

if (!customElements.get('civic-map')) customElements.define('civic-map', CivicMap);
// The forms weigh about as much as every other element together and are used on few pages (an
// officer's set-up page; a map's "Add to this map" loads them itself).
defineWhenUsed(['civic-contribution-form', 'civic-map-project-editor'], () => import('./define-forms.js'));

declare global {
  interface HTMLElementTagNameMap {
    'civic-map': CivicMap;
  }
}
