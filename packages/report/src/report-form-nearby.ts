// "Is it one of these?": the open reports of the same kind near the chosen place, as radios, with
// "No, it is something else" last.
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate } from '@civic-elements/core';
import type { Report } from '@civic-elements/protocol';
import { NONE } from './report-form-steps.js';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A description cut to about `max` characters at a word boundary. */
const excerpt = (text: string, max = 140): string => (text.length <= max ? text : text.slice(0, text.lastIndexOf(' ', max) > 0 ? text.lastIndexOf(' ', max) : max) + '…');

export interface NearbyOptions {
  reports: readonly Report[];
  /** The chosen report's id, or NONE, or ''. */
  chosen: string;
  error: string | undefined;
  t: Translate;
  lang: string;
  choose: (id: string) => void;
}

export function renderNearby(o: NearbyOptions): TemplateResult {
  const { t, lang } = o;
  const radio = (id: string, value: string, label: unknown, hint?: unknown) => html`<div class="choice">
    <input id=${id} class="choice__input" type="radio" name="nearby" .value=${value} .checked=${o.chosen === value}
      aria-describedby=${hint ? `${id}-hint` : nothing} aria-invalid=${o.error ? 'true' : nothing} @change=${() => o.choose(value)} />
    <label class="choice__label" for=${id}>${label}${hint ? html`<span id="${id}-hint" class="hint choice__hint">${hint}</span>` : nothing}</label>
  </div>`;
  return html`<div class="field ${o.error ? 'field--error' : ''}" part="field nearby">
    <fieldset class="fieldset" aria-describedby=${o.error ? 'nearby-error' : 'nearby-hint'}>
      <legend class="visually-hidden">${t('report-form.nearby.legend')}</legend>
      <p id="nearby-hint" class="hint" part="hint">${t('report-form.nearby.hint')}</p>
      ${o.error ? html`<p id="nearby-error" class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${o.error}</p>` : nothing}
      <div class="radios nearby">
        ${o.reports.map((report, i) => radio(i === 0 ? 'nearby' : `nearby-${i}`, report.id,
          html`<strong>${report.category.name}</strong>, ${t('report-form.nearby.distance', { count: Math.round(report.distance ?? 0) })}`,
          html`${excerpt(report.description)}
            <span class="nearby__meta">${t('report-form.nearby.meta', {
              reference: report.reference, status: report.statusLabel, date: formatDate(lang, report.createdAt),
            })} ${report.supportCount ? t('report-form.nearby.supporters', { count: report.supportCount }) : ''}</span>`))}
        ${radio(o.reports.length ? 'nearby-none' : 'nearby', NONE, t('report-form.nearby.none'))}
      </div>
    </fieldset>
  </div>`;
}
