// A category's questions as Open311 attributes (the service definition), and `attribute[CODE]` answers back into them.
//
// How each question type is spoken in GeoReport v2, which has six datatypes:
//   text (one line)   → string            text (multiline) → text
//   number            → number
//   date, time, datetime → datetime (the spec's only date-like type; see `readValue` for what is kept)
//   choice            → singlevaluelist   multichoice      → multivaluelist
//   boolean           → singlevaluelist with the keys `true` and `false`
import type { FieldDefinition, FieldValue, FieldValues } from '@civic-elements/protocol';
import { isCalendarDate, validateFields } from '../domain/fields.js';
import { list, type Value } from './document.js';

export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export function datatypeOf(field: FieldDefinition): Datatype {
  switch (field.type) {
    case 'text':
      return field.multiline ? 'text' : 'string';
    case 'number':
      return 'number';
    case 'date':
    case 'time':
    case 'datetime':
      return 'datetime';
    case 'choice':
    case 'boolean':
      return 'singlevaluelist';
    case 'multichoice':
      return 'multivaluelist';
  }
}

const BOOLEAN_VALUES = [
  { key: 'true', name: 'Yes' },
  { key: 'false', name: 'No' },
];

/** What a client should send, in words, for `datatype_description`. */
function formatHint(field: FieldDefinition): string {
  switch (field.type) {
    case 'text':
      return field.multiline ? `Text of at most ${field.maxLength} characters; line breaks allowed.` : `Text on one line, at most ${field.maxLength} characters.`;
    case 'number': {
      const kind = field.integer ? 'A whole number' : 'A number';
      const range = field.min !== undefined && field.max !== undefined ? ` from ${field.min} to ${field.max}` : field.min !== undefined ? ` of at least ${field.min}` : field.max !== undefined ? ` of at most ${field.max}` : '';
      return `${kind}${range}${field.unit ? ` (${field.unit})` : ''}.`;
    }
    case 'date':
      return 'A date, like 2026-05-31 (of a full date and time, the date as written is kept).';
    case 'time':
      return 'A time of day on the 24-hour clock, like 17:45 (of a full date and time, the time as written is kept).';
    case 'datetime':
      return 'A date and time with Z or an offset from UTC, like 2026-05-31T17:45:00Z or 2026-05-31T18:45:00+01:00.';
    case 'choice':
      return 'One of the keys in values.';
    case 'multichoice': {
      const bounds = [field.minChoices !== undefined ? `at least ${field.minChoices}` : '', field.maxChoices !== undefined ? `at most ${field.maxChoices}` : ''].filter(Boolean).join(' and ');
      return `Any of the keys in values${bounds ? ` (${bounds})` : ''}, each sent as attribute[${field.key}][]=key.`;
    }
    case 'boolean':
      return 'true for yes, false for no.';
  }
}

/** One `<attribute>` of a service definition; `order` counts from 1. */
export function attributeOf(field: FieldDefinition, order: number): Value {
  const attribute: Record<string, Value> = {
    variable: true,
    code: field.key,
    datatype: datatypeOf(field),
    required: field.required,
    datatype_description: field.help ? `${field.help} ${formatHint(field)}` : formatHint(field),
    order,
    description: field.label,
  };
  if (field.type === 'choice' || field.type === 'multichoice') {
    attribute.values = list('value', field.options.map((option) => ({ key: option.value, name: option.label })));
  } else if (field.type === 'boolean') {
    attribute.values = list('value', BOOLEAN_VALUES);
  }
  return attribute;
}

// ─── Answers: attribute[CODE]=value and attribute[CODE][]=value ──────────────────────────────────

const ATTRIBUTE = /^attribute\[([^\][]*)\](\[\])?$/;

/**
 * Collects `attribute[code]` and `attribute[code][]` parameters by code, in the order sent. Values
 * left empty are dropped (the spec treats an empty parameter as one not sent). Other parameters
 * with the word attribute in them (`attribute=…`, `attribute[a][b]`) are reported, not ignored.
 */
export function collectAttributes(params: readonly (readonly [string, string])[]): { answers: Map<string, string[]>; problems: string[] } {
  const answers = new Map<string, string[]>();
  const problems: string[] = [];
  for (const [name, value] of params) {
    if (!name.startsWith('attribute')) continue;
    const match = ATTRIBUTE.exec(name);
    if (!match || match[1] === '') {
      problems.push(`${name}: send each answer as attribute[CODE]=value (or attribute[CODE][]=value for a multivaluelist), with CODE from the service definition.`);
      continue;
    }
    const values = answers.get(match[1]!) ?? [];
    if (value.trim() !== '') values.push(value);
    answers.set(match[1]!, values);
  }
  return { answers, problems };
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** ISO 8601 as the w3 note has it: a date, `T`, a time with optional seconds and fraction, and Z or an offset. */
const W3_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?$/;

/** An ISO 8601 date-time with Z or an offset as the UTC instant (`…Z`, milliseconds only when there are any); null when it is not one. */
export function parseW3DateTime(text: string): string | null {
  const match = W3_DATETIME.exec(text.trim());
  if (!match || !isCalendarDate(match[1]!)) return null;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = match[6]!;
  if (offset !== 'Z') {
    const [oh, om] = [Number(offset.slice(1, 3)), Number(offset.slice(-2))];
    if (oh > 23 || om > 59) return null;
  }
  const time = Date.parse(text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(time)) return null;
  const iso = new Date(time).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/**
 * One answer as the category keeps it, or a problem. For the date-like questions, which Open311
 * calls `datetime`: a date question takes `YYYY-MM-DD` or the date part of a full date-time as
 * written (the reporter's own calendar day, not UTC's); a time question takes `HH:MM` (seconds
 * dropped) or the time part of a full date-time as written; a datetime question takes a full
 * date-time with Z or an offset and keeps the instant in UTC.
 */
function readValue(field: FieldDefinition, values: readonly string[]): { value?: FieldValue; problem?: string } {
  if (field.type === 'multichoice') return { value: values.map((v) => v.trim()) };
  if (values.length > 1) return { problem: `Send one value (${values.length} were sent).` };
  const text = values[0]!;
  const trimmed = text.trim();
  switch (field.type) {
    case 'text':
      return { value: text };
    case 'number':
      return NUMBER.test(trimmed) && Number.isFinite(Number(trimmed)) ? { value: Number(trimmed) } : { problem: `Send a number, like 12 or 3.5 ("${trimmed}" is not one).` };
    case 'date': {
      const full = W3_DATETIME.exec(trimmed);
      if (full) return parseW3DateTime(trimmed) ? { value: full[1]! } : { problem: 'Send a real date, like 2026-05-31.' };
      return { value: trimmed };
    }
    case 'time': {
      const full = W3_DATETIME.exec(trimmed);
      if (full) return parseW3DateTime(trimmed) ? { value: `${full[2]}:${full[3]}` } : { problem: 'Send a time of day, like 17:45.' };
      const time = TIME.exec(trimmed);
      return { value: time ? `${time[1]}:${time[2]}` : trimmed };
    }
    case 'datetime': {
      const instant = parseW3DateTime(trimmed);
      return instant ? { value: instant } : { problem: 'Send a date and time with Z or an offset from UTC, like 2026-05-31T17:45:00Z.' };
    }
    case 'choice':
      return { value: trimmed };
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      return lower === 'true' || lower === 'false' ? { value: lower === 'true' } : { problem: 'Send true or false.' };
    }
  }
}

/**
 * Checks the answers against the category's questions: unknown codes, required questions left out,
 * values of the wrong kind or out of range, options that do not exist. Problems name the parameter
 * (`attribute[depth]: …`) so that a back-office developer sees at once what to fix.
 */
export function answersFor(fields: readonly FieldDefinition[], answers: ReadonlyMap<string, readonly string[]>, serviceName: string): { values: FieldValues; problems: string[] } {
  const problems: string[] = [];
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const values: FieldValues = {};
  for (const [code, sent] of answers) {
    const field = byKey.get(code);
    if (!field) {
      problems.push(`attribute[${code}]: ${serviceName} has no attribute with this code. Its service definition lists the codes it has.`);
      continue;
    }
    if (sent.length === 0) continue;
    const { value, problem } = readValue(field, sent);
    if (problem) problems.push(`attribute[${code}]: ${problem}`);
    else if (value !== undefined) values[code] = value;
  }
  const checked = validateFields(fields, values);
  for (const field of fields) {
    const problem = checked.problems[field.key];
    if (problem && !problems.some((p) => p.startsWith(`attribute[${field.key}]:`))) problems.push(`attribute[${field.key}]: ${problem}`);
  }
  return { values: checked.values, problems };
}
