// Checks a contribution's answers against its category's questions: types, limits, choices, required.
import type { FieldDefinition, FieldValue, FieldValues } from '@civic-elements/protocol';

export interface FieldCheck {
  /** The answers to keep: optional questions left unanswered are dropped, text is trimmed. */
  values: FieldValues;
  /** Messages a resident can act on, keyed by field key; empty when everything is fine. */
  problems: Record<string, string>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?Z$/;

/** A real day of the Gregorian calendar written YYYY-MM-DD (no 31 April, 29 February only in leap years). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** An ISO 8601 date-time in UTC with `Z` on a real calendar day. */
export function isUtcDateTime(value: string): boolean {
  const match = DATETIME.exec(value);
  return match !== null && isCalendarDate(match[1]!);
}

const unanswered = (value: FieldValue | undefined) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The problem with one answered value, or undefined; `keep` is the value to store. */
function checkValue(field: FieldDefinition, value: Exclude<FieldValue, null>): { problem?: string; keep?: FieldValue } {
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return { problem: 'Write this as text.' };
      const text = value.trim();
      if (text.length > field.maxLength) return { problem: `Keep this to ${plural(field.maxLength, 'character')} (it has ${text.length}).` };
      if (!field.multiline && /[\r\n]/.test(text)) return { problem: 'Keep this to one line.' };
      return { keep: text };
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: 'Enter a number.' };
      if (field.integer && !Number.isInteger(value)) return { problem: 'Enter a whole number.' };
      const unit = field.unit ? ` ${field.unit}` : '';
      if (field.min !== undefined && value < field.min) return { problem: `Enter ${field.min}${unit} or more.` };
      if (field.max !== undefined && value > field.max) return { problem: `Enter ${field.max}${unit} or less.` };
      return { keep: value };
    }
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) return { problem: 'Enter a real date as YYYY-MM-DD, like 2026-05-31.' };
      return { keep: value };
    case 'time':
      if (typeof value !== 'string' || !TIME.test(value)) return { problem: 'Enter a time as HH:MM on the 24-hour clock, like 09:30 or 17:45.' };
      return { keep: value };
    case 'datetime':
      if (typeof value !== 'string' || !isUtcDateTime(value)) return { problem: 'Enter a date and time in UTC, like 2026-05-31T17:45:00Z.' };
      return { keep: value };
    case 'choice': {
      if (typeof value !== 'string') return { problem: 'Choose one of the options.' };
      if (!field.options.some((o) => o.value === value)) {
        return { problem: `Choose one of: ${field.options.map((o) => o.label).join(', ')}.` };
      }
      return { keep: value };
    }
    case 'multichoice': {
      if (!Array.isArray(value)) return { problem: 'Choose from the options as a list.' };
      const unknown = value.filter((v) => !field.options.some((o) => o.value === v));
      if (unknown.length > 0) {
        return { problem: `${unknown.map((v) => `"${v}"`).join(', ')} ${unknown.length === 1 ? 'is not an option' : 'are not options'}. Choose from: ${field.options.map((o) => o.label).join(', ')}.` };
      }
      if (new Set(value).size !== value.length) return { problem: 'Choose each option at most once.' };
      if (field.minChoices !== undefined && value.length < field.minChoices) return { problem: `Choose at least ${plural(field.minChoices, 'option')}.` };
      if (field.maxChoices !== undefined && value.length > field.maxChoices) return { problem: `Choose at most ${plural(field.maxChoices, 'option')}.` };
      return { keep: value };
    }
    case 'boolean':
      if (typeof value !== 'boolean') return { problem: 'Answer yes (true) or no (false).' };
      return { keep: value };
  }
}

/**
 * Checks `values` against the category's `fields`. Every required question must be answered,
 * every answer must fit its question, and keys the category does not ask are refused (so that a
 * typo in a key is reported instead of silently dropped).
 */
export function validateFields(fields: readonly FieldDefinition[], values: FieldValues): FieldCheck {
  const problems: Record<string, string> = {};
  const kept: FieldValues = {};
  const known = new Map(fields.map((field) => [field.key, field]));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems[key] = 'This category does not ask this question.';
  }
  for (const field of fields) {
    const value = values[field.key];
    if (unanswered(value)) {
      if (field.required) problems[field.key] = `Answer “${field.label}”: it is required.`;
      continue;
    }
    const { problem, keep } = checkValue(field, value as Exclude<FieldValue, null>);
    if (problem) problems[field.key] = problem;
    else if (keep !== undefined) kept[field.key] = keep;
  }
  return { values: kept, problems };
}

/** A short label for a contribution: its first answered text question, else the category's name. */
export function contributionTitle(fields: readonly FieldDefinition[], values: FieldValues, categoryName: string): string {
  for (const field of fields) {
    const value = values[field.key];
    if (field.type === 'text' && typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 140);
  }
  return categoryName;
}
