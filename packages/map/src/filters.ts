// The map's filters: which layers, which categories, and for events when; and the query they make.
import { html, nothing, type TemplateResult } from 'lit';
import type { LayerInfo } from '@civic-elements/protocol';
import { layerTitle, type LayerFilters } from './layers.js';

export type When = 'upcoming' | 'week' | 'dates';

export interface FilterState {
  /** Ids of the layers a person has switched off. */
  hiddenLayers: string[];
  /** Category ids shown, by layer id (a layer not listed shows all). */
  categories: Record<string, string[]>;
  when: When;
  /** `YYYY-MM-DD` from the date inputs. */
  fromDate: string;
  toDate: string;
  /** Reported problems: closed ones too (the layer shows open ones by default). */
  closed?: boolean;
}

export const initialFilters = (): FilterState => ({ hiddenLayers: [], categories: {}, when: 'upcoming', fromDate: '', toDate: '' });

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Midnight at the start of a `YYYY-MM-DD` day in the reader's time zone, `days` later. */
const localDay = (day: string, days = 0): Date | undefined => {
  const [y, m, d] = day.split('-').map(Number);
  return y && m && d ? new Date(y, m - 1, d + days) : undefined;
};

/** The query of the filters: categories, and the time span events must overlap. */
export function layerFilters(state: FilterState, now = new Date()): LayerFilters {
  const filters: LayerFilters = { categories: state.categories, closed: state.closed };
  if (state.when === 'dates') {
    let from = localDay(state.fromDate);
    let to = localDay(state.toDate, 1); // the whole of the last day
    if (from && to && to <= from) [from, to] = [localDay(state.toDate), localDay(state.fromDate, 1)];
    filters.from = from && iso(from);
    filters.to = to && iso(to);
  } else {
    filters.from = iso(now);
    if (state.when === 'week') filters.to = iso(new Date(now.getTime() + 7 * 86_400_000));
  }
  return filters;
}

export interface FilterView {
  t: (key: string, params?: Record<string, string | number>) => string;
  /** Every layer the map can show (before the person's choices). */
  layers: LayerInfo[];
  state: FilterState;
  change: (state: FilterState) => void;
  /** How reports read (loaded with the first layer of reports): their "closed ones too" choice. */
  reports: typeof import('./report-layer.js') | undefined;
}

const checked = (event: Event) => (event.target as HTMLInputElement).checked;
const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

/** A checkbox or radio button with its label after it. */
function choice(type: 'checkbox' | 'radio', name: string, label: unknown, on: boolean, change: (event: Event) => void, value = ''): TemplateResult {
  return html`<label class="choice"><input type=${type} name=${name} value=${value} .checked=${on} @change=${change} /><span>${label}</span></label>`;
}

/** The filters in a disclosure; each change applies at once. */
export function renderFilters({ t, layers, state, change, reports }: FilterView): TemplateResult {
  const shown = layers.filter((layer) => !state.hiddenLayers.includes(layer.id));
  const toggleLayer = (id: string) => (event: Event) =>
    change({ ...state, hiddenLayers: checked(event) ? state.hiddenLayers.filter((hidden) => hidden !== id) : [...state.hiddenLayers, id] });
  const toggleCategory = (layer: LayerInfo, id: string) => (event: Event) => {
    const current = state.categories[layer.id] ?? layer.categories.map((c) => c.id);
    const next = checked(event) ? [...current, id] : current.filter((c) => c !== id);
    change({ ...state, categories: { ...state.categories, [layer.id]: next } });
  };
  const when = (event: Event) => change({ ...state, when: valueOf(event) as When });
  const date = (key: 'fromDate' | 'toDate') => (event: Event) => change({ ...state, [key]: valueOf(event) });
  return html`<details class="filters" part="filters">
    <summary part="filters-toggle">${t('map.filters')}</summary>
    <div class="filters__body">
      ${layers.length > 1
        ? html`<fieldset><legend>${t('map.filters.layers')}</legend>
            ${layers.map((layer) => choice('checkbox', 'layer', layerTitle(layer, t), !state.hiddenLayers.includes(layer.id), toggleLayer(layer.id), layer.id))}</fieldset>`
        : nothing}
      ${shown.filter((layer) => layer.categories.length > 1).map((layer) => html`<fieldset>
          <legend>${t('map.filters.categories', { layer: layerTitle(layer, t) })}</legend>
          ${layer.categories.map((category) => choice(
            'checkbox', `category-${layer.id}`,
            html`<span class="swatch" .style=${`background:${category.colour}`}></span>${category.name}`,
            (state.categories[layer.id] ?? [category.id]).includes(category.id), toggleCategory(layer, category.id), category.id,
          ))}
        </fieldset>`)}
      ${reports && shown.some((layer) => layer.kind === 'reports') ? reports.closedFilter(t, !!state.closed, (closed) => change({ ...state, closed })) : nothing}
      ${shown.some((layer) => layer.kind === 'events')
        ? html`<fieldset><legend>${t('map.filters.when')}</legend>
            ${(['upcoming', 'week', 'dates'] as const).map((value) => choice('radio', 'when', t(`map.when.${value}`), state.when === value, when, value))}
            ${state.when === 'dates'
              ? html`<div class="dates">
                  <label class="date"><span>${t('map.when.from')}</span><input class="input" type="date" name="from" .value=${state.fromDate} @change=${date('fromDate')} /></label>
                  <label class="date"><span>${t('map.when.to')}</span><input class="input" type="date" name="to" .value=${state.toDate} @change=${date('toDate')} /></label>
                </div>`
              : nothing}
          </fieldset>`
        : nothing}
    </div>
  </details>`;
}
