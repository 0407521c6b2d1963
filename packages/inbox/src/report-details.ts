// The read-only parts of an opened report in <civic-inbox>: its summary, description, answers,
// photos (each with "Remove"), who reported it, and its full timeline with officers' internal notes.
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatNumber } from '@civic-elements/core';
import type { FieldDefinition, FieldValue, ReportCategory, ReportDetail, TimelineEntry } from '@civic-elements/protocol';
import { calendarDate } from './report-table.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** An answer as a reader sees it: "Yes", an option's label, a date in their language. */
export function formatAnswer(field: FieldDefinition, value: FieldValue | undefined, t: T, lang: string): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'boolean':
      return t(value === true ? 'fields.yes' : 'fields.no');
    case 'choice':
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case 'multichoice':
      return (Array.isArray(value) ? value : []).map((v) => field.options.find((o) => o.value === v)?.label ?? v).join(', ');
    case 'number':
      return typeof value === 'number' ? `${formatNumber(lang, value)}${field.unit ? ` ${field.unit}` : ''}` : String(value);
    case 'date':
      return typeof value === 'string' ? calendarDate(lang, value) : String(value);
    case 'datetime':
      return typeof value === 'string' ? formatDate(lang, value, { dateStyle: 'medium', timeStyle: 'short' }) : String(value);
    default:
      return String(value);
  }
}

const when = (lang: string, iso: string) => formatDate(lang, iso, { dateStyle: 'medium', timeStyle: 'short' });

export interface DetailsOptions {
  t: T;
  lang: string;
  report: ReportDetail;
  category: ReportCategory | undefined;
  removePhoto: (photoId: string, index: number) => void;
}

export function renderSummary(o: DetailsOptions): TemplateResult {
  const { t, lang, report } = o;
  const [lon, lat] = report.location.coordinates;
  const row = (label: string, value: unknown) => html`<div class="summary__row"><dt>${label}</dt><dd>${value}</dd></div>`;
  const reporter = report.reporter;
  return html`<dl class="summary" part="summary">
    ${row(t('inbox.report.status'), html`<span class="status-tag ${report.open ? '' : 'status-tag--closed'}" part="status-tag">${report.statusLabel}</span>`)}
    ${row(t('inbox.report.category'), report.category.name)}
    ${row(t('inbox.report.department'), report.department?.name ?? t('inbox.department.none'))}
    ${row(t('inbox.report.expected'), report.expectedOn ? calendarDate(lang, report.expectedOn) : t('inbox.report.expected.none'))}
    ${report.mergedInto ? row(t('inbox.report.merged-into'), report.mergedInto.reference) : nothing}
    ${row(t('inbox.report.where'), html`${report.address ? html`${report.address}<br />` : nothing}<span class="muted">${t('inbox.report.coordinates', {
      lat: formatNumber(lang, lat!, { maximumFractionDigits: 5 }), lon: formatNumber(lang, lon!, { maximumFractionDigits: 5 }) })}</span>`)}
    ${row(t('inbox.report.reported'), when(lang, report.createdAt))}
    ${row(t('inbox.report.updated'), when(lang, report.updatedAt))}
    ${reporter === undefined // another department's report: the API leaves out who reported it
      ? nothing
      : row(t('inbox.report.reporter'), reporter && (reporter.name || reporter.email)
        ? html`${reporter.name ?? ''}${reporter.name && reporter.email ? html`<br />` : nothing}${reporter.email ? html`<a href="mailto:${reporter.email}">${reporter.email}</a>` : nothing}`
        : t('inbox.report.reporter.unknown'))}
    ${row(t('inbox.report.support'), t('inbox.report.support.counts', { supporters: report.supportCount, followers: report.followerCount }))}
  </dl>`;
}

export function renderBody(o: DetailsOptions): TemplateResult {
  const { t, lang, report } = o;
  const answers = (o.category?.fields ?? [])
    .map((field) => [field.label, formatAnswer(field, report.fields[field.key], t, lang)] as const)
    .filter(([, value]) => value);
  return html`<h4 class="subheading">${t('inbox.report.description')}</h4>
    <p class="report__description">${report.description}</p>
    ${answers.length
      ? html`<h4 class="subheading">${t('inbox.report.answers')}</h4>
        <dl class="answers" part="answers">${answers.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`
      : nothing}
    <h4 id="photos-heading" class="subheading" tabindex="-1">${t('inbox.report.photos')}</h4>
    ${report.photos.length
      ? html`<ul class="photos" part="photos">${report.photos.map((photo, i) => html`<li class="photo">
          <a href=${photo.large} target="_blank" rel="noopener"><img src=${photo.thumb} width="120" height="120"
            alt=${t('inbox.report.photo', { n: i + 1, reference: report.reference })} /></a>
          <button id="remove-photo-${i}" class="button button--link" part="button" type="button" aria-haspopup="dialog"
            @click=${() => o.removePhoto(photo.id, i)}>${t('inbox.photo.remove', { n: i + 1 })}</button>
        </li>`)}</ul>`
      : html`<p class="muted">${t('inbox.report.photos.none')}</p>`}`;
}

/** What a timeline entry says happened. */
function what(entry: TimelineEntry, report: ReportDetail, t: T, lang: string): string {
  switch (entry.kind) {
    case 'created':
      return t('inbox.timeline.created');
    case 'status':
      return t('inbox.timeline.status', { status: entry.statusLabel ?? entry.status ?? '' });
    case 'category':
      return t('inbox.timeline.category', { category: entry.to ?? '' });
    case 'department':
      return entry.to ? t('inbox.timeline.department', { department: entry.to }) : t('inbox.timeline.department.none');
    case 'expected':
      return entry.expectedOn ? t('inbox.timeline.expected', { date: calendarDate(lang, entry.expectedOn) }) : t('inbox.timeline.expected.none');
    case 'merged':
      // `to` on the duplicate, `from` on the report kept.
      return entry.from ? t('inbox.timeline.merged-from', { reference: entry.from }) : t('inbox.timeline.merged-into', { reference: entry.to ?? report.mergedInto?.reference ?? '' });
    case 'photo-removed':
      return t('inbox.timeline.photo-removed');
    default:
      return t('inbox.timeline.note');
  }
}

export function renderTimeline(o: DetailsOptions): TemplateResult {
  const { t, lang, report } = o;
  return html`<h4 class="subheading">${t('inbox.timeline.heading')}</h4>
    <ol class="timeline" part="timeline">
      ${report.timeline.map((entry) => html`<li class="timeline__entry" part="timeline-entry">
        <p class="timeline__what"><strong>${what(entry, report, t, lang)}</strong></p>
        <p class="timeline__meta">${entry.by.name} · <time datetime=${entry.at}>${when(lang, entry.at)}</time></p>
        ${entry.publicNote
          ? html`<div class="timeline__note"><span class="timeline__label">${t('inbox.timeline.public-note')}</span> <span>${entry.publicNote}</span></div>`
          : nothing}
        ${entry.internalNote
          ? html`<div class="timeline__note timeline__note--internal" part="internal-note"><span class="timeline__label">${t('inbox.timeline.internal-note')}</span>
              <span>${entry.internalNote}</span></div>`
          : nothing}
      </li>`)}
    </ol>`;
}
