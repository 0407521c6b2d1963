// Field answers against a category's questions (domain/fields.ts), and where a geometry is shown as one point.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FieldDefinition, type FieldValues } from '@civic-elements/protocol';
import { contributionTitle, isCalendarDate, isUtcDateTime, validateFields } from '../src/domain/fields.js';
import { pointInPolygon } from '../src/domain/geo.js';
import { representativePoint } from '../src/domain/representative-point.js';

/** Definitions as an officer would send them, with the schema's defaults filled in. */
const defs = (...fields: unknown[]) => fields.map((f) => FieldDefinition.parse(f));

const name = { key: 'name', label: 'Name', type: 'text', required: true, maxLength: 20 };
const notes = { key: 'notes', label: 'Notes', type: 'text', multiline: true, maxLength: 100 };
const beds = { key: 'beds', label: 'Raised beds', type: 'number', min: 0, max: 50, integer: true, unit: 'beds' };
const ph = { key: 'ph', label: 'Soil pH', type: 'number', min: 3.5, max: 9 };
const opened = { key: 'opened', label: 'Opened on', type: 'date' };
const opens = { key: 'opens', label: 'Opens at', type: 'time' };
const seen = { key: 'seen', label: 'Seen at', type: 'datetime' };
const access = {
  key: 'access',
  label: 'Access',
  type: 'choice',
  options: [
    { value: 'open', label: 'Open to all' },
    { value: 'members', label: 'Members only' },
  ],
};
const grows = {
  key: 'grows',
  label: 'What grows',
  type: 'multichoice',
  minChoices: 1,
  maxChoices: 2,
  options: [
    { value: 'veg', label: 'Vegetables' },
    { value: 'herbs', label: 'Herbs' },
    { value: 'fruit', label: 'Fruit' },
  ],
};
const step = { key: 'step_free', label: 'Step-free', type: 'boolean' };
const all = defs(name, notes, beds, ph, opened, opens, seen, access, grows, step);

const check = (values: FieldValues) => validateFields(all, { name: 'Bells Garden', ...values });

describe('validateFields', () => {
  test('good answers of every type pass, text trimmed, unanswered optional ones dropped', () => {
    const result = check({
      name: '  Bells Garden  ',
      notes: 'Line one\nLine two',
      beds: 12,
      ph: 6.5,
      opened: '2024-02-29',
      opens: '09:30',
      seen: '2026-03-02T09:00:00Z',
      access: 'open',
      grows: ['veg', 'herbs'],
      step_free: false,
    });
    assert.deepEqual(result.problems, {});
    assert.deepEqual(result.values, {
      name: 'Bells Garden',
      notes: 'Line one\nLine two',
      beds: 12,
      ph: 6.5,
      opened: '2024-02-29',
      opens: '09:30',
      seen: '2026-03-02T09:00:00Z',
      access: 'open',
      grows: ['veg', 'herbs'],
      step_free: false,
    });
  });

  test('optional questions may be absent, null or empty', () => {
    const result = check({ notes: '', beds: null, grows: [] });
    assert.deepEqual(result.problems, {});
    assert.deepEqual(result.values, { name: 'Bells Garden' });
  });

  test('a required question left out, null, blank or empty is reported with its label', () => {
    for (const value of [undefined, null, '', '   ']) {
      const result = validateFields(all, value === undefined ? {} : { name: value });
      assert.match(result.problems.name ?? '', /Answer “Name”: it is required\./, String(value));
    }
    const required = defs({ ...grows, required: true });
    assert.match(validateFields(required, { grows: [] }).problems.grows ?? '', /required/);
  });

  test('keys the category does not ask are refused', () => {
    const result = check({ colour: 'green' });
    assert.deepEqual(result.problems, { colour: 'This category does not ask this question.' });
  });

  test('text: type, maximum length, one line unless multiline', () => {
    assert.equal(check({ name: 42 }).problems.name, 'Write this as text.');
    assert.equal(check({ name: 'x'.repeat(21) }).problems.name, 'Keep this to 20 characters (it has 21).');
    assert.deepEqual(check({ name: 'x'.repeat(20) }).problems, {});
    assert.equal(check({ name: 'two\nlines' }).problems.name, 'Keep this to one line.');
    assert.equal(check({ notes: 'y'.repeat(101) }).problems.notes, 'Keep this to 100 characters (it has 101).');
  });

  test('number: a finite number within min and max, whole when integer', () => {
    assert.equal(check({ beds: '12' }).problems.beds, 'Enter a number.');
    assert.equal(check({ beds: 2.5 }).problems.beds, 'Enter a whole number.');
    assert.equal(check({ beds: -1 }).problems.beds, 'Enter 0 beds or more.');
    assert.equal(check({ beds: 51 }).problems.beds, 'Enter 50 beds or less.');
    assert.deepEqual(check({ beds: 0 }).problems, {});
    assert.deepEqual(check({ beds: 50 }).problems, {});
    assert.equal(check({ ph: 3.4 }).problems.ph, 'Enter 3.5 or more.');
    assert.equal(check({ ph: 9.01 }).problems.ph, 'Enter 9 or less.');
    assert.deepEqual(check({ ph: 7.25 }).problems, {});
  });

  test('date: YYYY-MM-DD on a real calendar day', () => {
    for (const bad of ['2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '05/03/2026', '2026-03-02T00:00:00Z', true]) {
      assert.match(check({ opened: bad as never }).problems.opened ?? '', /real date as YYYY-MM-DD/, String(bad));
    }
    for (const good of ['2024-02-29', '2000-02-29', '2026-12-31']) assert.deepEqual(check({ opened: good }).problems, {}, good);
    assert.equal(isCalendarDate('1900-02-29'), false);
  });

  test('time: HH:MM on the 24-hour clock', () => {
    for (const bad of ['24:00', '9:30', '09:60', '09:30:00', 'noon', 930]) {
      assert.match(check({ opens: bad as never }).problems.opens ?? '', /HH:MM/, String(bad));
    }
    for (const good of ['00:00', '23:59', '09:05']) assert.deepEqual(check({ opens: good }).problems, {}, good);
  });

  test('datetime: ISO 8601 in UTC with Z, on a real day', () => {
    for (const bad of ['2026-03-02T09:00:00', '2026-03-02T09:00:00+01:00', '2026-02-30T09:00:00Z', '2026-03-02 09:00:00Z', '2026-03-02T25:00:00Z', 0]) {
      assert.match(check({ seen: bad as never }).problems.seen ?? '', /UTC/, String(bad));
    }
    for (const good of ['2026-03-02T09:00Z', '2026-03-02T09:00:00.123Z']) assert.deepEqual(check({ seen: good }).problems, {}, good);
    assert.equal(isUtcDateTime('2024-02-29T23:59:59Z'), true);
  });

  test('choice: one of the option values', () => {
    assert.equal(check({ access: 'closed' }).problems.access, 'Choose one of: Open to all, Members only.');
    assert.equal(check({ access: ['open'] }).problems.access, 'Choose one of the options.');
    assert.deepEqual(check({ access: 'members' }).problems, {});
  });

  test('multichoice: a list of option values, each once, within min and max choices', () => {
    assert.equal(check({ grows: 'veg' }).problems.grows, 'Choose from the options as a list.');
    assert.match(check({ grows: ['veg', 'roses'] }).problems.grows ?? '', /"roses" is not an option\. Choose from: Vegetables, Herbs, Fruit\./);
    assert.equal(check({ grows: ['veg', 'veg'] }).problems.grows, 'Choose each option at most once.');
    assert.equal(check({ grows: ['veg', 'herbs', 'fruit'] }).problems.grows, 'Choose at most 2 options.');
    const atLeastTwo = defs({ ...grows, minChoices: 2, maxChoices: 3 });
    assert.equal(validateFields(atLeastTwo, { grows: ['veg'] }).problems.grows, 'Choose at least 2 options.');
  });

  test('boolean: true or false only', () => {
    for (const bad of ['yes', 1, 0, 'true']) assert.equal(check({ step_free: bad as never }).problems.step_free, 'Answer yes (true) or no (false).', String(bad));
    assert.deepEqual(check({ step_free: true }).values.step_free, true);
  });

  test('every problem is reported at once, keyed by field', () => {
    const result = validateFields(all, { beds: 2.5, access: 'x', extra: 1 });
    assert.deepEqual(Object.keys(result.problems).sort(), ['access', 'beds', 'extra', 'name']);
  });
});

describe('contributionTitle', () => {
  test('the first answered text question, else the category name', () => {
    assert.equal(contributionTitle(all, { name: ' Bells Garden ' }, 'Garden'), 'Bells Garden');
    assert.equal(contributionTitle(all, { notes: 'Only notes' }, 'Garden'), 'Only notes');
    assert.equal(contributionTitle(all, { beds: 3 }, 'Garden'), 'Garden');
  });
});

describe('representativePoint', () => {
  test('a point is itself; a line its middle; a convex polygon its centroid', () => {
    assert.deepEqual(representativePoint({ type: 'Point', coordinates: [-0.07, 51.47, 12] }), [-0.07, 51.47]);
    assert.deepEqual(representativePoint({ type: 'LineString', coordinates: [[0, 0], [2, 0], [2, 2]] }), [2, 0]);
    const [x, y] = representativePoint({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] });
    assert.ok(Math.abs(x - 2) < 1e-12 && Math.abs(y - 1) < 1e-12);
  });
  test('a U-shaped polygon whose centroid falls outside gets a point inside it', () => {
    const u = { type: 'Polygon' as const, coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]] as [number, number][]] };
    const p = representativePoint(u);
    assert.equal(pointInPolygon(p, u), 'inside');
  });
});
