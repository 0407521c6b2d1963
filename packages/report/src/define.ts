// Defines <civic-report-form> and <civic-report-list> (and <civic-config>). Safe to run more than once.
import '@civic-elements/core/define.js';
import { CivicReportForm } from './civic-report-form.js';
import { CivicReportList } from './civic-report-list.js';

if (!customElements.get('civic-report-form')) customElements.define('civic-report-form', CivicReportForm);
if (!customElements.get('civic-report-list')) customElements.define('civic-report-list', CivicReportList);

declare global {
  interface HTMLElementTagNameMap {
    'civic-report-form': CivicReportForm;
    'civic-report-list': CivicReportList;
  }
}
