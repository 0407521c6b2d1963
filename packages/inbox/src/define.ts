// Registers <civic-inbox> (and <civic-config>): its code loads when a <civic-inbox> first appears on
// the page, so pages without one (every resident's page) never download it. Safe to run more than once.
import '@civic-elements/core/define.js';
import { whenUsed } from './when-used.js';

if (!customElements.get('civic-inbox')) whenUsed('civic-inbox', () => import('./define-inbox.js'));
