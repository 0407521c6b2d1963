// Defines <civic-report-list> (and <civic-config>): the civic-report-list.js bundle. Safe to run more than once.
import '@civic-elements/core/define.js';
import { CivicReportList } from './civic-report-list.js';

if (!customElements.get('civic-report-list')) customElements.define('civic-report-list', CivicReportList);

declare global {
  interface HTMLElementTagNameMap {
    'civic-report-list': CivicReportList;
  }
}
