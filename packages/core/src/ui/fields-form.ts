// A category's questions (FieldDefinition[]) as native form controls, their checks, and their answers as FieldValues.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FieldDefinition, FieldValues } from '@civic-elements/protocol';
import { fieldId } from './field-id.js';

/**
 * What the controls hold, by field key: the text of an input (a number, date, time or local
 * date-time as typed), `yes`/`no` for yes/no questions, a list of option values for multiple choice.
 * Kept raw so that a draft gives back exactly what was typed.
 */
export type FieldInputs = Record<string, string | string[]>;

/** Stands for "the browser could not read what was typed" (a number input with letters, a half-filled date). */
export const UNREADABLE = '\u0000unreadable';

/** More options than this show as a select rather than radios. */
export const RADIO_LIMIT = 6;

type Translate = (key: string, params?: Record<string, string | number>) => string;

export { fieldId };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$/;
const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$/;

/** A real day of the calendar written YYYY-MM-DD (the API's rule: no 31 April, 29 February only in leap years). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month: the last of this one
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** `2026-05-31T18:45` in the reader's time zone → `2026-05-31T17:45:00Z` (the API's times are UTC). */
export function localToUtc(local: string): string | undefined {
  const match = LOCAL_DATETIME.exec(local);
  if (!match || !isCalendarDate(match[1]!)) return undefined;
  const time = new Date(local); // a date-time without an offset is read as local time
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-05-31T17:45:00Z` → `2026-05-31T18:45` in the reader's time zone, for a datetime-local input. */
export function utcToLocal(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())}T${two(time.getHours())}:${two(time.getMinutes())}`;
}

const isBlank = (raw: string | string[] | undefined): boolean =>
  raw === undefined || (Array.isArray(raw) ? raw.length === 0 : raw.trim() === '');

/** The text of a text question as the API counts it (trimmed). */
const textOf = (raw: string | string[] | undefined): string => (typeof raw === 'string' ? raw.trim() : '');

/**
 * Checks the answers with the API's rules (api/src/domain/fields.ts), in the reader's words.
 * Returns a message per field key; empty when every answer fits.
 */
export function checkFields(fields: readonly FieldDefinition[], inputs: FieldInputs, t: Translate): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const raw = inputs[field.key];
    const problem = isBlank(raw) && raw !== UNREADABLE ? (field.required ? requiredMessage(field, t) : undefined) : checkOne(field, raw!, t);
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

function requiredMessage(field: FieldDefinition, t: Translate): string {
  const label = field.label;
  switch (field.type) {
    case 'choice':
    case 'boolean':
      return t('fields.required.choose', { label });
    case 'multichoice':
      return t('fields.required.choose-some', { label });
    default:
      return t('fields.required', { label });
  }
}

function checkOne(field: FieldDefinition, raw: string | string[], t: Translate): string | undefined {
  const value = typeof raw === 'string' ? raw : '';
  switch (field.type) {
    case 'text': {
      const length = textOf(raw).length;
      if (length > field.maxLength) return t('fields.text.long', { count: field.maxLength, length });
      if (!field.multiline && /[\r\n]/.test(textOf(raw))) return t('fields.text.one-line');
      return undefined;
    }
    case 'number': {
      const number = value === UNREADABLE ? Number.NaN : Number(value.trim());
      const unit = field.unit ? ` ${field.unit}` : '';
      if (!Number.isFinite(number)) return t('fields.number.nan');
      if (field.integer && !Number.isInteger(number)) return t('fields.number.integer');
      if (field.min !== undefined && number < field.min) return t('fields.number.min', { min: field.min, unit });
      if (field.max !== undefined && number > field.max) return t('fields.number.max', { max: field.max, unit });
      return undefined;
    }
    case 'date':
      return isCalendarDate(value) ? undefined : t('fields.date.invalid');
    case 'time':
      return TIME.test(value) ? undefined : t('fields.time.invalid');
    case 'datetime':
      return localToUtc(value) ? undefined : t('fields.datetime.invalid');
    case 'choice':
      return field.options.some((o) => o.value === value) ? undefined : t('fields.required.choose', { label: field.label });
    case 'multichoice': {
      const chosen = Array.isArray(raw) ? raw.filter((v) => field.options.some((o) => o.value === v)) : [];
      if (field.minChoices !== undefined && chosen.length < field.minChoices) return t('fields.choices.min', { count: field.minChoices });
      if (field.maxChoices !== undefined && chosen.length > field.maxChoices) return t('fields.choices.max', { count: field.maxChoices });
      return undefined;
    }
    case 'boolean':
      return value === 'yes' || value === 'no' ? undefined : t('fields.required.choose', { label: field.label });
  }
}

/** The answers as the API takes them; unanswered questions are left out. Call after checkFields found nothing. */
export function toFieldValues(fields: readonly FieldDefinition[], inputs: FieldInputs): FieldValues {
  const values: FieldValues = {};
  for (const field of fields) {
    const raw = inputs[field.key];
    if (isBlank(raw) || raw === UNREADABLE) continue;
    const value = typeof raw === 'string' ? raw.trim() : '';
    switch (field.type) {
      case 'number':
        values[field.key] = Number(value);
        break;
      case 'datetime':
        values[field.key] = localToUtc(value) ?? value;
        break;
      case 'time':
        values[field.key] = value.slice(0, 5); // HH:MM, as the API keeps it
        break;
      case 'multichoice':
        values[field.key] = (raw as string[]).filter((v) => field.options.some((o) => o.value === v));
        break;
      case 'boolean':
        values[field.key] = value === 'yes';
        break;
      default:
        values[field.key] = value;
    }
  }
  return values;
}

/** Stored answers back into control values (the reverse of toFieldValues), e.g. to edit a contribution. */
export function toFieldInputs(fields: readonly FieldDefinition[], values: FieldValues): FieldInputs {
  const inputs: FieldInputs = {};
  for (const field of fields) {
    const value = values[field.key];
    if (value === undefined || value === null) continue;
    if (field.type === 'multichoice') inputs[field.key] = Array.isArray(value) ? value.map(String) : [];
    else if (field.type === 'boolean') inputs[field.key] = value === true ? 'yes' : value === false ? 'no' : '';
    else if (field.type === 'datetime') inputs[field.key] = typeof value === 'string' ? utcToLocal(value) : '';
    else inputs[field.key] = String(value);
  }
  return inputs;
}

/** Keeps only control values the questions can hold (a draft from an older version of the category). */
export function cleanInputs(fields: readonly FieldDefinition[], inputs: unknown): FieldInputs {
  const clean: FieldInputs = {};
  if (!inputs || typeof inputs !== 'object') return clean;
  for (const field of fields) {
    const raw = (inputs as Record<string, unknown>)[field.key];
    if (field.type === 'multichoice') {
      if (Array.isArray(raw)) clean[field.key] = raw.filter((v): v is string => typeof v === 'string');
    } else if (typeof raw === 'string' && raw !== UNREADABLE) {
      clean[field.key] = raw;
    }
  }
  return clean;
}

export interface FieldsFormOptions {
  fields: readonly FieldDefinition[];
  inputs: FieldInputs;
  /** Messages by field key. */
  errors: Record<string, string>;
  t: Translate;
  /** The reader's language, for numbers in hints. */
  lang: string;
  onChange: (key: string, value: string | string[]) => void;
}

/** Renders every question of a category, in order. */
export function renderFields(o: FieldsFormOptions): TemplateResult {
  return html`${o.fields.map((field) => renderField(field, o))}`;
}

/** A label's text with "(optional)" or "(required)" after it. */
function labelText(field: FieldDefinition, t: Translate): TemplateResult {
  return html`${field.label} <span class="field-marker">${t(field.required ? 'fields.marker.required' : 'fields.marker.optional')}</span>`;
}

function errorLine(id: string, message: string | undefined, t: Translate): TemplateResult | typeof nothing {
  return message
    ? html`<p id="${id}-error" class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${message}</p>`
    : nothing;
}

/** The hints a question shows: the officer's help, then what the control accepts. */
function hintsOf(field: FieldDefinition, t: Translate, lang: string): string[] {
  const hints = field.help ? [field.help] : [];
  const number = (n: number) => new Intl.NumberFormat(lang).format(n);
  switch (field.type) {
    case 'number': {
      const unit = field.unit ? ` ${field.unit}` : '';
      if (field.min !== undefined && field.max !== undefined) hints.push(t('fields.hint.between', { min: number(field.min), max: number(field.max), unit }));
      else if (field.min !== undefined) hints.push(t('fields.hint.min', { min: number(field.min), unit }));
      else if (field.max !== undefined) hints.push(t('fields.hint.max', { max: number(field.max), unit }));
      else if (field.unit) hints.push(t('fields.hint.unit', { unit: field.unit }));
      if (field.integer) hints.push(t('fields.hint.integer'));
      break;
    }
    case 'datetime':
      hints.push(t('fields.hint.local-time'));
      break;
    case 'multichoice':
      if (field.minChoices !== undefined && field.maxChoices !== undefined) hints.push(t('fields.hint.choices-between', { min: field.minChoices, max: field.maxChoices }));
      else if (field.minChoices) hints.push(t('fields.hint.choices-min', { count: field.minChoices }));
      else if (field.maxChoices !== undefined) hints.push(t('fields.hint.choices-max', { count: field.maxChoices }));
      else hints.push(t('fields.hint.choices-any'));
      break;
  }
  return hints;
}

function renderField(field: FieldDefinition, o: FieldsFormOptions): TemplateResult {
  const id = fieldId(field.key);
  const error = o.errors[field.key];
  const hints = hintsOf(field, o.t, o.lang);
  const hintId = hints.length ? `${id}-hint` : '';
  const hint = hints.length ? html`<div id=${hintId} class="hint" part="hint">${hints.join(' ')}</div>` : nothing;
  const raw = o.inputs[field.key];
  const text = typeof raw === 'string' && raw !== UNREADABLE ? raw : '';
  const describedBy = (extra = '') => [hintId, extra, error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const wrapper = (content: unknown) => html`<div class="field ${error ? 'field--error' : ''}" part="field">${content}</div>`;

  if (field.type === 'choice' || field.type === 'multichoice' || field.type === 'boolean') {
    const options = field.type === 'boolean'
      ? [{ value: 'yes', label: o.t('fields.yes') }, { value: 'no', label: o.t('fields.no') }]
      : field.options;
    if (field.type === 'choice' && options.length > RADIO_LIMIT) {
      return wrapper(html`<label class="label" for=${id} part="label">${labelText(field, o.t)}</label>${hint}${errorLine(id, error, o.t)}
        <select id=${id} class="input select" part="input" ?required=${field.required} aria-describedby=${describedBy()} aria-invalid=${error ? 'true' : nothing}
          @change=${(event: Event) => o.onChange(field.key, (event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!text}>${o.t('fields.select.placeholder')}</option>
          ${options.map((option) => html`<option value=${option.value} ?selected=${option.value === text}>${option.label}</option>`)}
        </select>`);
    }
    const multiple = field.type === 'multichoice';
    const chosen = multiple ? (Array.isArray(raw) ? raw : []) : [text];
    const change = (value: string, checked: boolean) => {
      if (!multiple) return o.onChange(field.key, value);
      const next = options.map((option) => option.value).filter((v) => (v === value ? checked : chosen.includes(v)));
      o.onChange(field.key, next);
    };
    return wrapper(html`<fieldset class="fieldset" part="fieldset" aria-describedby=${describedBy()}>
      <legend class="label legend" part="label">${labelText(field, o.t)}</legend>
      ${hint}${errorLine(id, error, o.t)}
      <div class=${multiple ? 'checkboxes' : field.type === 'boolean' ? 'radios radios--inline' : 'radios'}>
        ${options.map((option, i) => {
          const optionId = i === 0 ? id : `${id}-${i}`;
          return html`<div class="choice">
            <input id=${optionId} class="choice__input" type=${multiple ? 'checkbox' : 'radio'} name=${id} .value=${option.value}
              .checked=${live(chosen.includes(option.value))} ?required=${!multiple && field.required}
              aria-invalid=${error && !multiple ? 'true' : nothing}
              @change=${(event: Event) => change(option.value, (event.target as HTMLInputElement).checked)} />
            <label class="choice__label" for=${optionId}>${option.label}</label>
          </div>`;
        })}
      </div>
    </fieldset>`);
  }

  const onInput = (event: Event) => {
    const input = event.target as HTMLInputElement | HTMLTextAreaElement;
    // A number or date the browser cannot read reads as '': remember that something was typed.
    o.onChange(field.key, 'validity' in input && input.validity.badInput ? UNREADABLE : input.value);
  };
  const common = { id, describedBy, invalid: error ? 'true' : nothing };
  const label = html`<label class="label" for=${id} part="label">${labelText(field, o.t)}</label>${hint}${errorLine(id, error, o.t)}`;
  switch (field.type) {
    case 'text': {
      const remaining = field.maxLength - textOf(raw).length;
      const count = html`<div id="${id}-count" class="count ${remaining < 0 ? 'count--over' : ''}" part="count">${
        remaining >= 0 ? o.t('fields.count.left', { count: remaining }) : o.t('fields.count.over', { count: -remaining })}</div>`;
      const control = field.multiline
        ? html`<textarea id=${id} class="input textarea" part="input" rows="4" maxlength=${field.maxLength} ?required=${field.required}
            aria-describedby=${common.describedBy(`${id}-count`)} aria-invalid=${common.invalid} .value=${live(text)} @input=${onInput}></textarea>`
        : html`<input id=${id} class="input" part="input" type="text" maxlength=${field.maxLength} ?required=${field.required}
            aria-describedby=${common.describedBy(`${id}-count`)} aria-invalid=${common.invalid} .value=${live(text)} @input=${onInput} />`;
      return wrapper(html`${label}${control}${count}`);
    }
    case 'number':
      return wrapper(html`${label}<div class="with-unit">
        <input id=${id} class="input width-10" part="input" type="number" inputmode=${field.integer ? 'numeric' : 'decimal'}
          min=${field.min ?? nothing} max=${field.max ?? nothing} step=${field.integer ? '1' : 'any'} ?required=${field.required}
          aria-describedby=${common.describedBy()} aria-invalid=${common.invalid} .value=${live(text)} @input=${onInput} />
        ${field.unit ? html`<span class="unit" aria-hidden="true">${field.unit}</span>` : nothing}
      </div>`);
    default: {
      const type = field.type === 'datetime' ? 'datetime-local' : field.type;
      return wrapper(html`${label}<input id=${id} class="input width-15" part="input" type=${type} ?required=${field.required}
        aria-describedby=${common.describedBy()} aria-invalid=${common.invalid} .value=${live(text)} @input=${onInput} @change=${onInput} />`);
    }
  }
}
