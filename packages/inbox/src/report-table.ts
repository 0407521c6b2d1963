// The list of reports as a table: a checkbox per row and "select all", the reference that opens the
// report (a real button, so every row is reachable with Tab), what, status, department and age.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatDate } from '@civic-elements/core';
import type { Report } from '@civic-elements/protocol';
import type { Sort } from './report-filters.js';

type T = (key: string, params?: Record<string, string | number>) => string;

const DAY = 86_400_000;

/** "today", "3 days ago", "2 months ago" in the reader's language. */
export function age(lang: string, iso: string, now = Date.now()): string {
  const days = Math.max(0, Math.floor((now - Date.parse(iso)) / DAY));
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (days < 31) return format.format(-days, 'day');
  if (days < 365) return format.format(-Math.floor(days / 30.4), 'month');
  return format.format(-Math.floor(days / 365), 'year');
}

/** A calendar date (YYYY-MM-DD) in the reader's language, read as that day wherever the reader is. */
export const calendarDate = (lang: string, date: string) => formatDate(lang, `${date}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

/** The first words of a description, for a list. */
export const excerpt = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export interface TableOptions {
  t: T;
  lang: string;
  reports: readonly Report[];
  selected: ReadonlySet<string>;
  sort: Sort;
  caption: string;
  toggle: (report: Report, checked: boolean) => void;
  toggleAll: (checked: boolean) => void;
  open: (report: Report) => void;
}

export function renderTable(o: TableOptions): TemplateResult {
  const { t, lang } = o;
  const chosen = o.reports.filter((r) => o.selected.has(r.id)).length;
  const all = chosen > 0 && chosen === o.reports.length;
  const ariaSort = o.sort === 'newest' ? 'descending' : o.sort === 'oldest' ? 'ascending' : nothing;
  return html`<div class="table-wrap" part="table-wrap">
    <table class="reports" part="table">
      <caption class="reports__caption">${o.caption}</caption>
      <thead>
        <tr>
          <td class="reports__select">
            <input id="select-all" class="choice__input" type="checkbox" .checked=${live(all)} .indeterminate=${chosen > 0 && !all}
              aria-label=${t('inbox.select.all')} @change=${(event: Event) => o.toggleAll((event.target as HTMLInputElement).checked)} />
          </td>
          <th scope="col">${t('inbox.column.reference')}</th>
          <th scope="col">${t('inbox.column.problem')}</th>
          <th scope="col">${t('inbox.column.status')}</th>
          <th scope="col">${t('inbox.column.department')}</th>
          <th scope="col" aria-sort=${ariaSort}>${t('inbox.column.reported')}</th>
        </tr>
      </thead>
      <tbody>
        ${repeat(o.reports, (report) => report.id, (report) => html`<tr class="report-row ${o.selected.has(report.id) ? 'report-row--selected' : ''}" part="row">
          <td class="reports__select">
            <input id="select-${report.id}" class="choice__input" type="checkbox" .checked=${live(o.selected.has(report.id))}
              aria-label=${t('inbox.select.one', { reference: report.reference })}
              @change=${(event: Event) => o.toggle(report, (event.target as HTMLInputElement).checked)} />
          </td>
          <th scope="row">
            <button id="open-${report.id}" class="button button--link reports__open" part="button open" type="button" @click=${() => o.open(report)}>
              <span class="visually-hidden">${t('inbox.open')} </span>${report.reference}</button>
          </th>
          <td>
            <span class="reports__category">${report.category.name}</span>
            <span class="reports__description">${excerpt(report.description)}</span>
            ${report.address ? html`<span class="reports__address">${report.address}</span>` : nothing}
          </td>
          <td>
            <span class="status-tag ${report.open ? '' : 'status-tag--closed'}" part="status-tag">${report.statusLabel}</span>
            ${report.expectedOn ? html`<span class="reports__expected">${t('inbox.expected.short', { date: calendarDate(lang, report.expectedOn) })}</span>` : nothing}
            ${report.mergedInto ? html`<span class="reports__expected">${t('inbox.merged.short', { reference: report.mergedInto.reference })}</span>` : nothing}
          </td>
          <td>${report.department?.name ?? t('inbox.department.none')}</td>
          <td>
            <time datetime=${report.createdAt}>${formatDate(lang, report.createdAt)}</time>
            <span class="reports__age">${age(lang, report.createdAt)}</span>
          </td>
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}
