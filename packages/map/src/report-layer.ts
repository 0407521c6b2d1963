// Reports of local problems as a map layer: how one reads in the list and in the detail panel, and
// its words. A chunk of its own, loaded only when the organisation's layers include reports.
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, registerMessages } from '@civic-elements/core';
import type { LayerInfo, ReportFeature } from '@civic-elements/protocol';
import { layerTitle } from './layers.js';

type Translate = (key: string, params?: Record<string, string | number>) => string;

const en = {
  'map.layer.reports': 'Reported problems',
  'map.report.open': 'open',
  'map.report.closed': 'closed',
  'map.report.meta': '{status} ({state}) · {reference}',
  'map.report.status': 'Status',
  'map.report.reference': 'Reference',
  'map.report.reported': 'Reported',
  'map.report.link': 'Open report {reference}',
  'map.report.closed-too': 'Show closed reports too',
};
const it: typeof en = {
  'map.layer.reports': 'Problemi segnalati',
  'map.report.open': 'aperta',
  'map.report.closed': 'chiusa',
  'map.report.meta': '{status} ({state}) · {reference}',
  'map.report.status': 'Stato',
  'map.report.reference': 'Codice',
  'map.report.reported': 'Segnalata il',
  'map.report.link': 'Apri la segnalazione {reference}',
  'map.report.closed-too': 'Mostra anche le segnalazioni chiuse',
};
const ar: typeof en = {
  'map.layer.reports': 'المشكلات المُبلَّغ عنها',
  'map.report.open': 'مفتوح',
  'map.report.closed': 'مغلق',
  'map.report.meta': '{status} ({state}) · {reference}',
  'map.report.status': 'الحالة',
  'map.report.reference': 'الرقم المرجعي',
  'map.report.reported': 'تاريخ البلاغ',
  'map.report.link': 'افتح البلاغ {reference}',
  'map.report.closed-too': 'اعرض البلاغات المغلقة أيضًا',
};

/** Adds the reports layer's words (all three languages: they are few). */
export function registerReportWords(): void {
  for (const [lang, words] of Object.entries({ en, it, ar })) registerMessages(lang, words);
}

/** The category's name, when the layer lists its categories by code; else the layer's name. */
export const reportKind = (layer: LayerInfo, feature: ReportFeature, t: Translate): string =>
  layer.categories.find((category) => category.id === feature.properties.category)?.name ?? layerTitle(layer, t);

/** "In progress (open) · SWK-1042": the list's second line. */
export function reportMeta(feature: ReportFeature, t: Translate): string {
  const p = feature.properties;
  return t('map.report.meta', { status: p.statusLabel, state: t(p.open ? 'map.report.open' : 'map.report.closed'), reference: p.reference });
}

export interface ReportDetailView {
  t: Translate;
  lang: string;
  feature: ReportFeature;
  /** `report-url` with `{reference}` and `{id}` filled in, if the page gave one. */
  reportUrl: string | undefined;
}

/** The panel's body: status in words, reference, date, and a link to the report where the page has one. */
export function reportDetails({ t, lang, feature, reportUrl }: ReportDetailView): TemplateResult {
  const p = feature.properties;
  const href = reportUrl?.replaceAll('{reference}', encodeURIComponent(p.reference)).replaceAll('{id}', encodeURIComponent(String(feature.id)));
  return html`<dl class="fields" part="fields">
      <div><dt>${t('map.report.status')}</dt><dd>${p.statusLabel} (${t(p.open ? 'map.report.open' : 'map.report.closed')})</dd></div>
      <div><dt>${t('map.report.reference')}</dt><dd>${p.reference}</dd></div>
      <div><dt>${t('map.report.reported')}</dt><dd><time datetime=${p.createdAt}>${formatDate(lang, p.createdAt, { dateStyle: 'long' })}</time></dd></div>
    </dl>
    ${href && /^(https?:\/\/|\/|\.|\?|#)/.test(href)
      ? html`<p class="links"><a href=${href} part="link report-link">${t('map.report.link', { reference: p.reference })}</a></p>`
      : nothing}`;
}

/** The filters' choice for reports: open ones only (the layer's default), or closed ones too (drawn as rings). */
export function closedFilter(t: Translate, closed: boolean, change: (closed: boolean) => void): TemplateResult {
  return html`<fieldset><legend>${t('map.layer.reports')}</legend>
    <label class="choice"><input type="checkbox" name="closed" .checked=${closed}
      @change=${(event: Event) => change((event.target as HTMLInputElement).checked)} /><span>${t('map.report.closed-too')}</span></label>
  </fieldset>`;
}
