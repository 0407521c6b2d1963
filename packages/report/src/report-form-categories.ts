// The category chooser of <civic-report-form>: a search box over names, groups and keywords, and the
// categories as one group of radios, under a fieldset per group.
import { html, nothing, type TemplateResult } from 'lit';
import type { ReportCategory } from '@civic-elements/protocol';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Lower case, without accents: "Café" and "cafe" are the same word to a search. */
const fold = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * The categories whose name, group or keywords hold every word of `query` (anywhere in a word, so
 * "pot" finds "Pothole"). The chosen one always stays, so that a search never hides the choice.
 */
export function searchCategories(categories: readonly ReportCategory[], query: string, chosen = ''): ReportCategory[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...categories];
  return categories.filter((category) => {
    if (category.code === chosen) return true;
    const text = fold([category.name, category.group, ...category.keywords].join(' '));
    return words.every((word) => text.includes(word));
  });
}

/** Categories by group, groups in the order they first appear. */
function byGroup(categories: readonly ReportCategory[]): [string, ReportCategory[]][] {
  const groups = new Map<string, ReportCategory[]>();
  for (const category of categories) groups.set(category.group, [...(groups.get(category.group) ?? []), category]);
  return [...groups];
}

export interface CategoryChooserOptions {
  categories: readonly ReportCategory[];
  query: string;
  /** The chosen category's code. */
  chosen: string;
  error: string | undefined;
  t: Translate;
  search: (query: string) => void;
  choose: (code: string) => void;
}

export function renderCategoryChooser(o: CategoryChooserOptions): TemplateResult {
  const { t } = o;
  const shown = searchCategories(o.categories, o.query, o.chosen);
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    // Enter in the search never sends the step; with one match left, it chooses that one.
    event.preventDefault();
    if (shown.length === 1) o.choose(shown[0]!.code);
  };
  let first = true;
  return html`<div class="field" part="field">
      <label class="label" for="category-search" part="label">${t('report-form.category.search')}</label>
      <div id="category-search-hint" class="hint" part="hint">${t('report-form.category.search-hint')}</div>
      <input id="category-search" class="input" part="input search" type="search" autocomplete="off" .value=${o.query}
        aria-describedby="category-search-hint category-count" aria-controls="categories"
        @input=${(event: InputEvent) => o.search((event.target as HTMLInputElement).value)} @keydown=${onKey} />
      <p id="category-count" class="count" part="count">${o.query.trim()
        ? t('report-form.category.matches', { count: shown.length })
        : t('report-form.category.all', { count: shown.length })}</p>
    </div>
    <div id="categories" class="field ${o.error ? 'field--error' : ''}" part="field categories">
      ${o.error ? html`<p id="category-error" class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${o.error}</p>` : nothing}
      ${shown.length === 0 ? html`<p class="notice" part="empty">${t('report-form.category.none', { query: o.query.trim() })}</p>` : nothing}
      ${byGroup(shown).map(([group, categories]) => html`<fieldset class="fieldset group" part="group" aria-describedby=${o.error ? 'category-error' : nothing}>
        <legend class="legend group__name" part="group-name">${group}</legend>
        <div class="radios">
          ${categories.map((category) => {
            // The first radio carries the field's id, for labels and the error summary's link.
            const id = first ? 'category' : `category-${category.code}`;
            first = false;
            return html`<div class="choice">
              <input id=${id} class="choice__input" type="radio" name="category" .value=${category.code} .checked=${category.code === o.chosen}
                aria-describedby=${category.description ? `${id}-hint` : nothing} aria-invalid=${o.error ? 'true' : nothing}
                @change=${() => o.choose(category.code)} />
              <label class="choice__label" for=${id}>${category.name}
                ${category.description ? html`<span id="${id}-hint" class="hint choice__hint">${category.description}</span>` : nothing}
              </label>
            </div>`;
          })}
        </div>
      </fieldset>`)}
    </div>`;
}
