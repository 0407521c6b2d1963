// "Check your report": what the resident has answered, each with a "Change" button back to its step.
import { html, nothing, type TemplateResult } from 'lit';
import { fieldId, formatNumber, type FieldInputs, type SavedPhoto } from '@civic-elements/core';
import type { FieldDefinition, Point, ReportCategory } from '@civic-elements/protocol';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A question's answer as the resident reads it (option labels, not their values), or '' when unanswered. */
export function answerText(field: FieldDefinition, raw: string | string[] | undefined, t: Translate): string {
  if (raw === undefined || (Array.isArray(raw) ? raw.length === 0 : raw.trim() === '')) return '';
  if (field.type === 'boolean') return t(raw === 'yes' ? 'fields.yes' : 'fields.no');
  if (field.type === 'choice' || field.type === 'multichoice') {
    const values = Array.isArray(raw) ? raw : [raw];
    return values.map((value) => field.options.find((o) => o.value === value)?.label ?? value).join(', ');
  }
  const text = Array.isArray(raw) ? raw.join(', ') : raw.trim();
  return field.type === 'number' && field.unit ? `${text} ${field.unit}` : text;
}

/** "latitude 51.46, longitude -0.07" in the reader's digits. */
export const placeText = (point: Point, t: Translate, lang: string): string => {
  const number = (n: number) => formatNumber(lang, n, { maximumFractionDigits: 5 });
  return t('report-form.place', { lat: number(point.coordinates[1]), lon: number(point.coordinates[0]) });
};

export interface AnswersOptions {
  category: ReportCategory;
  inputs: FieldInputs;
  location: Point | null;
  description: string;
  photos: readonly SavedPhoto[];
  t: Translate;
  lang: string;
  /** Goes back to the step of the control with this id. */
  change: (id: string) => void;
}

export function renderAnswers(o: AnswersOptions): TemplateResult {
  const { t } = o;
  const row = (label: string, value: unknown, id: string) => html`<div class="answer" part="answer">
    <dt class="answer__key">${label}</dt>
    <dd class="answer__value">${value}</dd>
    <dd class="answer__change">
      <button class="button button--link" part="button" type="button" @click=${() => o.change(id)}>
        ${t('report-form.change')}<span class="visually-hidden"> ${label}</span>
      </button>
    </dd>
  </div>`;
  return html`<dl class="answers" part="answers">
    ${row(t('report-form.answers.category'), o.category.name, 'category')}
    ${row(t('report-form.answers.location'), o.location ? placeText(o.location, t, o.lang) : '', 'location')}
    ${o.category.fields.map((field) => {
      const text = answerText(field, o.inputs[field.key], t);
      return text ? row(field.label, text, fieldId(field.key)) : nothing;
    })}
    ${row(t('report-form.answers.description'), html`<span class="answer__text">${o.description.trim()}</span>`, 'description')}
    ${row(t('report-form.answers.photos'), o.photos.length
      ? html`<ul class="answer__photos">${o.photos.map(({ photo, name }, i) => html`<li><img src=${photo.thumb} alt=${t('photo.name', { n: i + 1, name })} width="64" height="64" /></li>`)}</ul>`
      : t('report-form.answers.no-photos'), 'photos')}
  </dl>`;
}
