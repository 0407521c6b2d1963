// Defines <civic-contribution-form> and <civic-map-project-editor> (and <civic-config>). Safe to run more than once.
// packages/map/src/define.ts imports this file, so defining <civic-map> defines these too.
import '@civic-elements/core/define.js';
import { CivicContributionForm } from './contribution-form.js';
import { CivicMapProjectEditor } from './project-editor.js';

if (!customElements.get('civic-contribution-form')) customElements.define('civic-contribution-form', CivicContributionForm);
if (!customElements.get('civic-map-project-editor')) customElements.define('civic-map-project-editor', CivicMapProjectEditor);

declare global {
  interface HTMLElementTagNameMap {
    'civic-contribution-form': CivicContributionForm;
    'civic-map-project-editor': CivicMapProjectEditor;
  }
}
