// The inbox's filters (department, status, category, age, words, order): what the officer chose, the
// query GET /v1/orgs/:org/reports takes for it, and the form that sets it.
import { html, type TemplateResult } from 'lit';
import type { Department, ReportCategory, ReportQuery, StatusStep } from '@civic-elements/protocol';
import { input, select, type ChoiceList } from './controls.js';

export type Sort = NonNullable<ReportQuery['sort']>;

export interface Filters {
  /** A department's slug, `none` for reports without one, or '' for every department the officer may see. */
  department: string;
  /** '~open', '~closed', a step's key, or '' for any status. ('~' cannot start a step key.) */
  status: string;
  /** A category's code, or '' for every category. */
  category: string;
  /** `older-N` or `newer-N` days, or '' for any age. */
  age: string;
  q: string;
  sort: Sort;
}

/** What the inbox shows first: the open reports, newest first. */
export const defaultFilters = (): Filters => ({ department: '', status: '~open', category: '', age: '', q: '', sort: 'newest' });

export const AGES = ['newer-1', 'newer-7', 'older-2', 'older-7', 'older-30'] as const;
export const SORTS: readonly Sort[] = ['newest', 'oldest', 'updated', 'supported'];

type Query = Record<string, string | number | undefined>;

/** The query string of GET /v1/orgs/:org/reports for these filters. */
export function reportQuery(filters: Filters, limit: number, cursor?: string | null): Query {
  const query: Query = { sort: filters.sort, limit };
  if (filters.department) query['department'] = filters.department;
  if (filters.status === '~open' || filters.status === '~closed') query['open'] = String(filters.status === '~open');
  else if (filters.status) query['status'] = filters.status;
  if (filters.category) query['category'] = filters.category;
  const age = /^(older|newer)-(\d+)$/.exec(filters.age);
  if (age) query[age[1] === 'older' ? 'olderThan' : 'newerThan'] = Number(age[2]);
  if (filters.q.trim()) query['q'] = filters.q.trim();
  if (cursor) query['cursor'] = cursor;
  return query;
}

/** The categories as grouped options, each group in the order the organisation lists them. */
export function categoryChoices(categories: readonly ReportCategory[]): ChoiceList {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const category of categories) {
    const list = groups.get(category.group) ?? [];
    list.push({ value: category.code, label: category.name });
    groups.set(category.group, list);
  }
  return [...groups].map(([group, options]) => ({ group, options }));
}

export interface FiltersFormOptions {
  t: (key: string, params?: Record<string, string | number>) => string;
  errorPrefix: string;
  draft: Filters;
  /** The departments the officer may filter by (theirs, or all of the organisation's). */
  departments: readonly Department[];
  /** Whether the officer works in departments (then "all" means "all of mine"). */
  ownDepartments: boolean;
  steps: readonly StatusStep[];
  categories: readonly ReportCategory[];
  busy: boolean;
  change: (changes: Partial<Filters>) => void;
  apply: () => void;
  clear: () => void;
}

export function renderFilters(o: FiltersFormOptions): TemplateResult {
  const { t, draft } = o;
  const submit = (event: Event) => {
    event.preventDefault();
    o.apply();
  };
  const common = { errorPrefix: o.errorPrefix };
  return html`<form class="filters" part="filters" aria-labelledby="filters-heading" novalidate @submit=${submit}>
    <h3 id="filters-heading" class="subheading">${t('inbox.filters.heading')}</h3>
    <div class="filters__grid">
      ${select({ ...common, id: 'filter-department', label: t('inbox.filters.department'), value: draft.department, onInput: (department) => o.change({ department }),
        options: [{ value: '', label: t(o.ownDepartments ? 'inbox.filters.department.mine' : 'inbox.filters.department.all') },
          ...o.departments.map((d) => ({ value: d.slug, label: d.name })),
          // Reports no department has taken yet (officers of every department, and admins, triage them).
          ...(o.ownDepartments ? [] : [{ value: 'none', label: t('inbox.department.none') }])] })}
      ${select({ ...common, id: 'filter-status', label: t('inbox.filters.status'), value: draft.status, onInput: (status) => o.change({ status }),
        options: [{ value: '~open', label: t('inbox.filters.status.open') }, { value: '~closed', label: t('inbox.filters.status.closed') },
          { value: '', label: t('inbox.filters.status.any') }, { group: t('inbox.filters.status.steps'), options: o.steps.map((s) => ({ value: s.key, label: s.label })) }] })}
      ${select({ ...common, id: 'filter-category', label: t('inbox.filters.category'), value: draft.category, onInput: (category) => o.change({ category }),
        options: [{ value: '', label: t('inbox.filters.category.all') }, ...categoryChoices(o.categories)] })}
      ${select({ ...common, id: 'filter-age', label: t('inbox.filters.age'), value: draft.age, onInput: (age) => o.change({ age }),
        options: [{ value: '', label: t('inbox.filters.age.any') }, ...AGES.map((age) => ({ value: age, label: t(`inbox.filters.age.${age}`) }))] })}
      ${select({ ...common, id: 'filter-sort', label: t('inbox.filters.sort'), value: draft.sort, onInput: (sort) => o.change({ sort: sort as Sort }),
        options: SORTS.map((sort) => ({ value: sort, label: t(`inbox.filters.sort.${sort}`) })) })}
      ${input({ ...common, id: 'filter-q', type: 'search', label: t('inbox.filters.q'), hint: t('inbox.filters.q.hint'), maxlength: 100, value: draft.q,
        onInput: (q) => o.change({ q }) })}
    </div>
    <div class="actions">
      <button class="button button--secondary" part="button" type="submit" aria-disabled=${o.busy ? 'true' : 'false'}>${t('inbox.filters.apply')}</button>
      <button class="button button--link" part="button" type="button" @click=${o.clear}>${t('inbox.filters.clear')}</button>
    </div>
  </form>`;
}
