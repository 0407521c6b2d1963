// The details of one feature: title, category, the category's fields with their labels, photos, and
// for events the organiser, the time and an "Add to calendar" link.
import { html, nothing, type TemplateResult } from 'lit';
import { button, formatDate, formatNumber } from '@civic-elements/core';
import type { Category, ContributionFeature, FieldDefinition, FieldValue, LayerInfo, MapProject, ReportFeature } from '@civic-elements/protocol';
import type { MapFeature } from './events.js';
import { colourOf, layerTitle } from './layers.js';

export interface DetailView {
  t: (key: string, params?: Record<string, string | number>) => string;
  lang: string;
  feature: MapFeature;
  layer: LayerInfo;
  /** The feature's project (for its categories' field definitions), once loaded. */
  project: MapProject | undefined;
  close: () => void;
  /** How reports read (loaded with the first layer of reports), and the page's link to a report. */
  reports: typeof import('./report-layer.js') | undefined;
  reportUrl: string | undefined;
}

const dateTime = { dateStyle: 'medium', timeStyle: 'short' } as const;

/** A field's answer as words: numbers, dates and choices in the reader's language. */
export function fieldText(field: FieldDefinition, value: FieldValue, view: Pick<DetailView, 't' | 'lang'>): string {
  const option = (v: string) => ('options' in field ? field.options.find((o) => o.value === v)?.label : undefined) ?? v;
  switch (field.type) {
    case 'number':
      return formatNumber(view.lang, Number(value)) + (field.unit ? ` ${field.unit}` : '');
    case 'date': // a calendar day: read at local noon, so no time zone moves it to another day
      return formatDate(view.lang, `${String(value)}T12:00:00`, { dateStyle: 'long' });
    case 'time':
      return formatDate(view.lang, `2000-01-01T${String(value)}`, { timeStyle: 'short' });
    case 'datetime':
      return formatDate(view.lang, String(value), dateTime);
    case 'boolean':
      return view.t(value ? 'map.yes' : 'map.no');
    case 'choice':
      return option(String(value));
    case 'multichoice':
      return new Intl.ListFormat(view.lang).format((Array.isArray(value) ? value : []).map(option));
    default:
      return String(value);
  }
}

function contribution(view: DetailView, feature: ContributionFeature, category: Category | undefined): TemplateResult {
  const { t } = view;
  const p = feature.properties;
  const answered = (category?.fields ?? []).filter((field) => p.fields[field.key] !== undefined && p.fields[field.key] !== null && p.fields[field.key] !== '');
  return html`${p.status === 'pending' ? html`<p class="notice">${t('map.details.pending')}</p>` : nothing}
    ${answered.length
      ? html`<dl class="fields" part="fields">${answered.map((field) => html`<div><dt>${field.label}</dt><dd>${fieldText(field, p.fields[field.key]!, view)}</dd></div>`)}</dl>`
      : nothing}
    ${p.photos.length
      ? html`<ul class="photos" part="photos">${p.photos.map((photo, i) => html`<li><a href=${photo.large} target="_blank" rel="noopener"
          ><img src=${photo.thumb} width=${photo.width} height=${photo.height} loading="lazy" alt=${t('map.details.photo', { n: i + 1, count: p.photos.length })} /></a></li>`)}</ul>`
      : nothing}
    <p class="meta">${p.author ? t('map.details.by', { name: p.author.name }) + ' · ' : ''}${t('map.details.added', { date: formatDate(view.lang, p.createdAt) })}</p>`;
}

/** The panel; focus its title (`#panel-title`) when it opens. Escape, or its button, closes it. */
export function renderDetails(view: DetailView): TemplateResult {
  const { t, feature, layer } = view;
  const p = feature.properties;
  const category = p.layer === 'contributions' ? view.project?.categories.find((c) => c.id === p.category) : undefined;
  const report = p.layer === 'reports' ? (feature as ReportFeature) : undefined;
  const kind = category?.name ?? (p.layer === 'contributions' ? layer.categories.find((c) => c.id === p.category)?.name : report && view.reports?.reportKind(layer, report, t)) ?? layerTitle(layer, t);
  const escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    view.close();
  };
  return html`<section class="panel" part="panel" aria-labelledby="panel-title" @keydown=${escape}>
    <h3 id="panel-title" class="panel__title" tabindex="-1">${p.title}</h3>
    <p class="panel__kind"><span class="dot" .style=${`background:${colourOf(layer, feature)}`}></span>${kind}</p>
    ${p.layer === 'contributions'
      ? contribution(view, feature as ContributionFeature, category)
      : p.layer === 'reports' ? view.reports?.reportDetails({ t, lang: view.lang, feature: report!, reportUrl: view.reportUrl })
      : html`${p.layer === 'events'
            ? html`<p class="when" part="when">${new Intl.DateTimeFormat(view.lang, dateTime).formatRange(new Date(p.start), new Date(p.end))}</p>`
            : nothing}
          ${p.description ? html`<p class="description">${p.description}</p>` : nothing}
          ${p.organiser ? html`<p class="meta">${t('map.details.organiser', { name: p.organiser })}</p>` : nothing}
          <p class="links">
            ${p.url && /^https?:\/\//.test(p.url) ? html`<a href=${p.url} target="_blank" rel="noopener" part="link">${t('map.details.website')}</a>` : nothing}
            ${p.layer === 'events' ? html`<a href=${p.ical} download part="link calendar">${t('map.details.calendar')}</a>` : nothing}
          </p>`}
    ${button({ label: t('map.details.back'), variant: 'secondary', part: 'button close', onClick: view.close })}
  </section>`;
}
