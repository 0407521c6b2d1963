// Defines <civic-report-form> (and <civic-config>): the civic-report-form.js bundle. Safe to run more than once.
import '@civic-elements/core/define.js';
import { CivicReportForm } from './civic-report-form.js';

if (!customElements.get('civic-report-form')) customElements.define('civic-report-form', CivicReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'civic-report-form': CivicReportForm;
  }
}
