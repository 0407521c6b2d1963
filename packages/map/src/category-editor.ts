// The categories part of <civic-map-project-editor>: each category's name, colour and symbol, and its
// questions (add, remove, move up and down; type; each type's settings; options for choices).
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FieldType, MapSymbol } from '@civic-elements/protocol';
import { checkbox, errorLine, input, select } from './editor-controls.js';
import { FIELD_TYPES, SYMBOLS, ids, newCategory, newField, newOption, type CategoryDraft, type FieldDraft } from './project-draft.js';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface CategoryEditorOptions {
  categories: CategoryDraft[];
  errors: Record<string, string>;
  t: Translate;
  /** Replaces the list; `focus` is the id of the control to focus once rendered (after a move or a removal). */
  change: (categories: CategoryDraft[], focus?: string) => void;
}

/** A copy of `list` with `item` moved `by` places. */
function moved<T>(list: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

/** A link-style or secondary button whose visible label is short and whose accessible name says what it acts on. */
function action(o: { id: string; label: string; context: string; onClick: () => void; variant?: 'secondary' | 'link'; disabled?: boolean }): TemplateResult {
  return html`<button id=${o.id} class="button button--${o.variant ?? 'link'}" part="button" type="button" ?disabled=${!!o.disabled}
    @click=${o.onClick}>${o.label}<span class="visually-hidden"> ${o.context}</span></button>`;
}

export function renderCategories(o: CategoryEditorOptions): TemplateResult {
  const { t, categories } = o;
  return html`<section class="categories" aria-labelledby="categories-heading">
    <h3 id="categories-heading" class="subheading">${t('map-editor.categories.heading')}</h3>
    <p class="hint">${t('map-editor.categories.hint')}</p>
    ${repeat(categories, (c) => c.uid, (category, c) => renderCategory(o, category, c))}
    ${errorLine('add-category', o.errors['add-category'], t('core.error.prefix'))}
    <button id="add-category" class="button button--secondary" part="button" type="button"
      @click=${() => o.change([...categories, newCategory(categories.length)], ids.category(categories.length, 'name'))}>${t('map-editor.category.add')}</button>
  </section>`;
}

function renderCategory(o: CategoryEditorOptions, category: CategoryDraft, c: number): TemplateResult {
  const { t, errors, categories } = o;
  const prefix = t('core.error.prefix');
  const name = category.name.trim() || t('map-editor.category.n', { n: c + 1 });
  const update = (changes: Partial<CategoryDraft>, focus?: string) =>
    o.change(categories.map((x, i) => (i === c ? { ...x, ...changes } : x)), focus);
  const symbols = SYMBOLS.map((s) => ({ value: s, label: t(`map-editor.symbol.${s}`) }));
  return html`<fieldset class="category" part="category">
    <legend class="category__legend">${t('map-editor.category.legend', { n: c + 1 })}</legend>
    ${input({ id: ids.category(c, 'name'), label: t('map-editor.category.name'), hint: t('map-editor.category.name.hint'), errorPrefix: prefix,
      error: errors[ids.category(c, 'name')], value: category.name, maxlength: 120, onInput: (name) => update({ name }) })}
    <div class="row">
      ${input({ id: ids.category(c, 'colour'), label: t('map-editor.category.colour'), errorPrefix: prefix, type: 'color',
        error: errors[ids.category(c, 'colour')], value: category.colour, onInput: (colour) => update({ colour }) })}
      ${select({ id: ids.category(c, 'symbol'), label: t('map-editor.category.symbol'), errorPrefix: prefix, options: symbols, width: 'width-15',
        error: errors[ids.category(c, 'symbol')], value: category.symbol, onInput: (symbol) => update({ symbol: symbol as MapSymbol }) })}
    </div>
    <h4 class="questions__heading">${category.name.trim() ? t('map-editor.fields.heading', { category: name }) : t('map-editor.fields.heading.unnamed')}</h4>
    ${category.fields.length === 0 ? html`<p class="hint">${t('map-editor.fields.none')}</p>` : nothing}
    <ol class="questions">
      ${repeat(category.fields, (f) => f.uid, (field, f) => renderField(o, category, c, field, f, name))}
    </ol>
    ${errorLine(ids.category(c, 'add-field'), errors[ids.category(c, 'add-field')], prefix)}
    <div class="actions">
      ${action({ id: ids.category(c, 'add-field'), label: t('map-editor.field.add'), context: t('map-editor.context.category', { category: name }), variant: 'secondary',
        onClick: () => update({ fields: [...category.fields, newField()] }, ids.field(c, category.fields.length, 'label')) })}
      ${categories.length > 1
        ? action({ id: ids.category(c, 'remove'), label: t('map-editor.category.remove'), context: name,
            onClick: () => o.change(categories.filter((_, i) => i !== c), categories.length > 1 ? ids.category(Math.max(0, c - 1), 'name') : 'add-category') })
        : nothing}
    </div>
  </fieldset>`;
}

function renderField(o: CategoryEditorOptions, category: CategoryDraft, c: number, field: FieldDraft, f: number, categoryName: string): TemplateResult {
  const { t, errors } = o;
  const prefix = t('core.error.prefix');
  const id = (part: string) => ids.field(c, f, part);
  const fields = category.fields;
  const setFields = (next: FieldDraft[], focus?: string) => o.change(o.categories.map((x, i) => (i === c ? { ...x, fields: next } : x)), focus);
  const update = (changes: Partial<FieldDraft>, focus?: string) => setFields(fields.map((x, i) => (i === f ? { ...x, ...changes } : x)), focus);
  const context = t('map-editor.context.field', { q: f + 1, category: categoryName });
  const types = FIELD_TYPES.map((type) => ({ value: type, label: t(`map-editor.type.${type}`) }));
  const common = (part: string) => ({ id: id(part), errorPrefix: prefix, error: errors[id(part)] });
  return html`<li class="question" part="question">
    <fieldset class="fieldset">
      <legend class="question__legend">${t('map-editor.field.legend', { q: f + 1 })}</legend>
      ${input({ ...common('label'), label: t('map-editor.field.label'), hint: t('map-editor.field.label.hint'), maxlength: 120, value: field.label, onInput: (label) => update({ label }) })}
      ${input({ ...common('help'), label: t('map-editor.field.help'), maxlength: 300, value: field.help, onInput: (help) => update({ help }) })}
      ${select({ ...common('type'), label: t('map-editor.field.type'), options: types, width: 'width-15', value: field.type, onInput: (type) => update({ type: type as FieldType }) })}
      ${checkbox({ id: id('required'), label: t('map-editor.field.required'), checked: field.required, onChange: (required) => update({ required }) })}
      ${renderSettings(o, c, f, field, update)}
      <div class="actions question__actions">
        ${action({ id: id('up'), label: t('map-editor.field.up'), context, disabled: f === 0,
          onClick: () => setFields(moved(fields, f, -1), ids.field(c, f - 1, f - 1 === 0 ? 'down' : 'up')) })}
        ${action({ id: id('down'), label: t('map-editor.field.down'), context, disabled: f === fields.length - 1,
          onClick: () => setFields(moved(fields, f, 1), ids.field(c, f + 1, f + 1 === fields.length - 1 ? 'up' : 'down')) })}
        ${action({ id: id('remove'), label: t('map-editor.field.remove'), context,
          onClick: () => setFields(fields.filter((_, i) => i !== f), fields.length > 1 ? ids.field(c, Math.max(0, f - 1), 'label') : ids.category(c, 'add-field')) })}
      </div>
    </fieldset>
  </li>`;
}

/** The settings of the question's type: length for text, range for numbers, options for choices. */
function renderSettings(o: CategoryEditorOptions, c: number, f: number, field: FieldDraft, update: (changes: Partial<FieldDraft>, focus?: string) => void): unknown {
  const { t, errors } = o;
  const prefix = t('core.error.prefix');
  const id = (part: string) => ids.field(c, f, part);
  const number = (part: string, label: string, value: string, onInput: (value: string) => void, hint?: string) =>
    input({ id: id(part), label, ...(hint ? { hint } : {}), errorPrefix: prefix, error: errors[id(part)], type: 'number', step: 'any', width: 'width-10', value, onInput });
  switch (field.type) {
    case 'text':
      return html`<div class="settings">
        ${number('max-length', t('map-editor.field.max-length'), field.maxLength, (maxLength) => update({ maxLength }), t('map-editor.field.max-length.hint'))}
        ${checkbox({ id: id('multiline'), label: t('map-editor.field.multiline'), checked: field.multiline, onChange: (multiline) => update({ multiline }) })}
      </div>`;
    case 'number':
      return html`<div class="settings">
        <div class="row">
          ${number('min', t('map-editor.field.min'), field.min, (min) => update({ min }))}
          ${number('max', t('map-editor.field.max'), field.max, (max) => update({ max }))}
        </div>
        ${input({ id: id('unit'), label: t('map-editor.field.unit'), hint: t('map-editor.field.unit.hint'), errorPrefix: prefix, error: errors[id('unit')], width: 'width-10', maxlength: 20, value: field.unit, onInput: (unit) => update({ unit }) })}
        ${checkbox({ id: id('integer'), label: t('map-editor.field.integer'), checked: field.integer, onChange: (integer) => update({ integer }) })}
      </div>`;
    case 'choice':
    case 'multichoice':
      return html`<div class="settings">${renderOptions(o, c, f, field, update)}
        ${field.type === 'multichoice'
          ? html`<div class="row">
              ${number('min-choices', t('map-editor.field.min-choices'), field.minChoices, (minChoices) => update({ minChoices }))}
              ${number('max-choices', t('map-editor.field.max-choices'), field.maxChoices, (maxChoices) => update({ maxChoices }))}
            </div>`
          : nothing}
      </div>`;
    default:
      return nothing;
  }
}

function renderOptions(o: CategoryEditorOptions, c: number, f: number, field: FieldDraft, update: (changes: Partial<FieldDraft>, focus?: string) => void): TemplateResult {
  const { t, errors } = o;
  const prefix = t('core.error.prefix');
  const addId = ids.field(c, f, 'add-option');
  const setOptions = (options: FieldDraft['options'], focus?: string) => update({ options }, focus);
  return html`<fieldset class="fieldset options">
    <legend class="label legend">${t('map-editor.options.legend')}</legend>
    <div class="hint">${t('map-editor.options.hint')}</div>
    <ol class="options__list">
      ${repeat(field.options, (option) => option.uid, (option, i) => html`<li class="option">
        ${input({ id: ids.option(c, f, i), label: t('map-editor.option.label', { n: i + 1 }), errorPrefix: prefix, error: errors[ids.option(c, f, i)], maxlength: 120, value: option.label,
          onInput: (label) => setOptions(field.options.map((x, j) => (j === i ? { ...x, label } : x))) })}
        ${field.options.length > 2
          ? action({ id: `${ids.option(c, f, i)}-remove`, label: t('map-editor.option.remove'), context: t('map-editor.context.option', { n: i + 1, q: f + 1 }),
              onClick: () => setOptions(field.options.filter((_, j) => j !== i), ids.option(c, f, Math.max(0, i - 1))) })
          : nothing}
      </li>`)}
    </ol>
    ${errorLine(addId, errors[addId], prefix)}
    ${action({ id: addId, label: t('map-editor.option.add'), context: t('map-editor.context.field-short', { q: f + 1 }), variant: 'secondary',
      onClick: () => setOptions([...field.options, newOption()], ids.option(c, f, field.options.length)) })}
  </fieldset>`;
}
