// The list of what is in view: the non-map way to browse. Clusters are "12 items near …, show" buttons.
import { html, type TemplateResult } from 'lit';
import { formatDate } from '@civic-elements/core';
import type { BBox, ClusterFeature, ReportFeature } from '@civic-elements/protocol';
import type { MapFeature } from './events.js';
import { colourOf, featureKey, isCluster, layerTitle, type LayerData } from './layers.js';

export interface ListView {
  t: (key: string, params?: Record<string, string | number>) => string;
  lang: string;
  data: LayerData[];
  /** What the map shows, to say where a cluster is. */
  bbox: BBox | undefined;
  select: (key: string, feature: MapFeature) => void;
  openCluster: (cluster: ClusterFeature) => void;
  /** A list item is under the pointer or has focus (undefined: none). */
  highlight: (key: string | undefined) => void;
  /** How reports read (loaded with the first layer of reports). */
  reports: typeof import('./report-layer.js') | undefined;
}

/** Which ninth of the view a point is in: `c`, `n`, `ne`… (the map is never mirrored, so neither are these). */
export function whereIn(bbox: BBox | undefined, [lon, lat]: readonly (number | undefined)[]): string {
  if (!bbox) return 'c';
  const [west, south, east, north] = bbox;
  const x = (lon! - west) / (east - west || 1);
  const y = (lat! - south) / (north - south || 1);
  const where = (y > 2 / 3 ? 'n' : y < 1 / 3 ? 's' : '') + (x > 2 / 3 ? 'e' : x < 1 / 3 ? 'w' : '');
  return where || 'c';
}

/** The category's name (contributions), for events when they start, for reports their status and reference. */
function detail(view: ListView, { layer }: LayerData, feature: MapFeature): string {
  const p = feature.properties;
  if (p.layer === 'events') return formatDate(view.lang, p.start, { dateStyle: 'medium', timeStyle: 'short' });
  if (p.layer === 'reports') return view.reports?.reportMeta(feature as ReportFeature, view.t) ?? '';
  if (p.layer === 'contributions') return layer.categories.find((c) => c.id === p.category)?.name ?? layerTitle(layer, view.t);
  return layerTitle(layer, view.t);
}

export function renderList(view: ListView): TemplateResult {
  const { t } = view;
  const hover = (key: string | undefined) => () => view.highlight(key);
  const items: TemplateResult[] = [];
  for (const entry of view.data) {
    for (const feature of entry.features) {
      const key = featureKey(entry.layer, feature);
      const events = { enter: hover(key), leave: hover(undefined) };
      if (isCluster(feature)) {
        const label = t('map.cluster', { count: feature.properties.count, layer: layerTitle(entry.layer, t), where: t(`map.where.${whereIn(view.bbox, feature.geometry.coordinates)}`) });
        items.unshift(html`<li><button type="button" class="item item--cluster" part="list-item cluster" data-key=${key}
          @click=${() => view.openCluster(feature)} @mouseenter=${events.enter} @mouseleave=${events.leave} @focus=${events.enter} @blur=${events.leave}
        ><span class="dot" .style=${`background:${entry.layer.colour}`}></span><span class="item__title">${label}</span></button></li>`);
      } else {
        items.push(html`<li><button type="button" class="item" part="list-item" data-key=${key}
          @click=${() => view.select(key, feature)} @mouseenter=${events.enter} @mouseleave=${events.leave} @focus=${events.enter} @blur=${events.leave}
        ><span class="dot" .style=${`background:${colourOf(entry.layer, feature)}`}></span><span class="item__text"><span class="item__title">${feature.properties.title}</span>
          <span class="item__meta">${detail(view, entry, feature)}</span></span></button></li>`);
      }
    }
  }
  return items.length
    ? html`<ul class="list" part="list">${items}</ul>`
    : html`<p class="empty" part="empty">${t('map.list.empty')}</p>`;
}
