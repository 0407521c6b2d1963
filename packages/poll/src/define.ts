// Registers <civic-poll> (and <civic-config>) in civic-elements.js: its code loads when a <civic-poll>
// first appears on the page, so pages without a poll never download it. Safe to run more than once.
import '@civic-elements/core/define.js';
import { whenUsed } from './when-used.js';

if (!customElements.get('civic-poll')) whenUsed('civic-poll', () => import('./define-poll.js'));
