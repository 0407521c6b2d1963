// One report in <civic-report-list>: what it is, where, its status (open or closed, said in words and
// by a shape), its reference, date and support; a button opens its details and public timeline.
import { html, nothing, svg, type TemplateResult } from 'lit';
import { renderDetails } from './report-list-details.js';
import { distance, when } from './report-list-format.js';
import { heading, idOf, type ItemView, type Translate } from './report-list-view.js';

/** Open or closed, in words and with a shape (a ring, or a tick in a disc), so that colour is never all that tells. */
export function stateBadge(open: boolean, t: Translate): TemplateResult {
  return html`<span class="state state--${open ? 'open' : 'closed'}" part="state state-${open ? 'open' : 'closed'}">
    <svg class="state__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${open
      ? svg`<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2.5"></circle>`
      : svg`<circle cx="8" cy="8" r="7.5" fill="currentColor"></circle><path class="state__tick" d="M4.5 8.2l2.3 2.3 4.7-4.8" fill="none" stroke-width="2"></path>`}</svg>
    ${t(open ? 'report-list.state.open' : 'report-list.state.closed')}</span>`;
}

const fact = (term: string, value: unknown, part = 'fact'): TemplateResult =>
  html`<div class="fact" part=${part}><dt>${term}</dt><dd>${value}</dd></div>`;

export function renderItem(view: ItemView): TemplateResult {
  const { t, lang, report, opened } = view;
  const titleId = idOf(report, 'title');
  const detailsId = idOf(report, 'details');
  const expanded = !!opened;
  const supporters = report.supportCount > 0 ? t('report-list.supporters', { count: report.supportCount }) : t('report-list.supporters.none');
  return html`<li class="report ${report.open ? 'report--open' : 'report--closed'}" part="report" data-id=${report.id}>
    <article aria-labelledby=${titleId}>
      ${heading(view.level, titleId, 'report__title', report.category.name, 'report-title')}
      <p class="report__status">${stateBadge(report.open, t)}
        <span class="status-label" part="status-label"><span class="visually-hidden">${t('report-list.status')}: </span>${report.statusLabel}</span></p>
      <dl class="facts" part="facts">
        ${fact(t('report-list.reference'), html`<span class="reference" part="reference">${report.reference}</span>`)}
        ${fact(t('report-list.reported'), when(lang, report.createdAt, t))}
        ${report.address || report.distance !== undefined
          ? fact(t('report-list.where'), [report.address ?? '', report.address && report.distance !== undefined ? ', ' : '',
            report.distance !== undefined ? t('report-list.distance', { distance: distance(lang, report.distance) }) : ''].join(''))
          : nothing}
        ${fact(t('report-list.support'), html`<span class="support-count" data-count=${report.supportCount}>${supporters}</span>`)}
      </dl>
      <button type="button" class="button button--secondary toggle" part="button toggle" aria-expanded=${String(expanded)}
        aria-controls=${detailsId} @click=${view.toggle}
      >${t(expanded ? 'report-list.details.hide' : 'report-list.details.show')}<span class="visually-hidden"> ${t('report-list.details.of', { reference: report.reference })}</span></button>
      <div id=${detailsId} class="details" part="details" ?hidden=${!expanded}>${opened ? renderDetails(view, opened) : nothing}</div>
    </article>
  </li>`;
}

/** The count above the list: "Showing 10 of 23 reports", or "3 reports" when all are shown or the total is unknown. */
export function countText(t: Translate, shown: number, total: number | undefined): string {
  return total !== undefined && total > shown ? t('report-list.count-of', { shown, count: total }) : t('report-list.count', { count: total ?? shown });
}
