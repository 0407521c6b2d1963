// The map's layers: what each answers for the view (loaded by bounding box, debounced, stale requests
// cancelled), and all of it merged into the one GeoJSON source the map draws.
import type { BBox, ClusterFeature, LayerFeatureCollection, LayerInfo } from '@civic-elements/protocol';
import type { MapFeature } from './events.js';

/** The part of the world the map shows. */
export interface Viewport {
  bbox: BBox;
  zoom: number;
}

/** What the filters ask of the layers. */
export interface LayerFilters {
  /** Category ids to show, by layer id; a layer not listed shows every category. */
  categories: Record<string, string[]>;
  /** Events overlapping this time span (ISO 8601), for event layers. */
  from?: string | undefined;
  to?: string | undefined;
  /** Reports: closed ones too. */
  closed?: boolean | undefined;
}

export type LayerFeature = ClusterFeature | MapFeature;

/** One layer's answer for the view. */
export interface LayerData {
  layer: LayerInfo;
  features: LayerFeature[];
  /** How many features match, whether they came one by one or in clusters. */
  total: number;
}

export interface LayerRequest {
  viewport: Viewport;
  layers: LayerInfo[];
  filters: LayerFilters;
}

export type FetchLayer = (layer: LayerInfo, query: Record<string, string>, signal: AbortSignal) => Promise<LayerFeatureCollection>;

/** How long the view must stay still before its data is asked for. */
export const DEBOUNCE_MS = 250;

/** A layer's name: the API's generic places, events and reports layers in the reader's language, others as their officers named them. */
export const layerTitle = (layer: LayerInfo, t: (key: string) => string): string =>
  layer.kind === 'contributions' || layer.kind === 'geojson' ? layer.title : t(`map.layer.${layer.kind}`);

export const isCluster = (feature: LayerFeature): feature is ClusterFeature => 'cluster' in feature.properties;

/** A key unique across layers (two layers may use the same ids). */
export const featureKey = (layer: LayerInfo, feature: LayerFeature): string => `${layer.id}/${feature.id}`;

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));

/** `[west, south, east, north]` of what the map shows, inside the world's bounds, to 6 decimals. */
export const viewBBox = (west: number, south: number, east: number, north: number): BBox => [
  round(clamp(west, 180)), round(clamp(south, 90)), round(clamp(east, 180)), round(clamp(north, 90)),
];

/** The query a layer is asked with; undefined when the filters leave it nothing to show. */
export function layerQuery(layer: LayerInfo, { viewport, filters }: LayerRequest): Record<string, string> | undefined {
  const query: Record<string, string> = { bbox: viewport.bbox.join(','), zoom: String(Math.round(viewport.zoom * 100) / 100) };
  const categories = filters.categories[layer.id];
  if (categories && categories.length < layer.categories.length) {
    if (categories.length === 0) return undefined;
    query['category'] = categories.join(',');
  }
  if (layer.kind === 'events') {
    if (filters.from) query['from'] = filters.from;
    if (filters.to) query['to'] = filters.to;
  }
  if (layer.kind === 'reports' && filters.closed) query['open'] = 'false';
  return query;
}

/**
 * Loads every layer for the current view. `schedule` waits until the view has been still for
 * DEBOUNCE_MS and cancels whatever request is under way (its answer would be for an old view);
 * `changed` is called whenever `status` or `data` change.
 */
export class LayerLoader {
  /** `loading` from the moment a load is scheduled (and before the first), until its answer. */
  status: 'idle' | 'loading' | 'error' = 'loading';
  error: unknown;
  data: LayerData[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  #last: LayerRequest | undefined;

  constructor(
    private readonly fetchLayer: FetchLayer,
    private readonly changed: () => void,
  ) {}

  schedule(request: LayerRequest, delay = DEBOUNCE_MS): void {
    this.cancel();
    this.#last = request;
    this.#timer = setTimeout(() => void this.#load(request), delay);
    if (this.status !== 'loading') {
      this.status = 'loading';
      this.changed();
    }
  }

  /** Loads the last view again at once ("Try again"). */
  retry(): void {
    if (this.#last) this.schedule(this.#last, 0);
  }

  /** Stops the timer and the request under way. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = undefined;
  }

  async #load(request: LayerRequest): Promise<void> {
    const controller = (this.#controller = new AbortController());
    try {
      const data = await Promise.all(
        request.layers.map(async (layer): Promise<LayerData> => {
          const query = layerQuery(layer, request);
          if (!query) return { layer, features: [], total: 0 };
          const answer = await this.fetchLayer(layer, query, controller.signal);
          return { layer, features: answer.features, total: answer.total };
        }),
      );
      if (controller.signal.aborted) return;
      this.data = data;
      this.status = 'idle';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
      this.status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
    }
    this.changed();
  }
}

/** The colour of a feature: its category's, else its layer's. */
export function colourOf(layer: LayerInfo, feature: LayerFeature): string {
  const category = 'category' in feature.properties ? feature.properties.category : undefined;
  return layer.categories.find((c) => c.id === category)?.colour ?? layer.colour;
}

/** Short text for a cluster's count on the map: 12, 340, 1.2k, 35k. */
export const countLabel = (count: number): string =>
  count < 1000 ? String(count) : count < 10_000 ? `${Math.floor(count / 100) / 10}k` : `${Math.floor(count / 1000)}k`;

/**
 * Everything the layers answered as one FeatureCollection for the map's GeoJSON source. Each
 * feature keeps its geometry and gets the few properties the map's style reads: `k` (its key,
 * promoted to the feature id for hover and selection states), `c` (colour), `h` (hollow: a closed
 * report), and for clusters `cluster`, `count` and `n` (the name of its count's image).
 */
export function sourceData(data: LayerData[]): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const { layer, features: answered } of data) {
    for (const feature of answered) {
      const properties: Record<string, unknown> = { k: featureKey(layer, feature), c: colourOf(layer, feature) };
      if (isCluster(feature)) Object.assign(properties, { cluster: true, count: feature.properties.count, n: `civic-count-${countLabel(feature.properties.count)}` });
      else if (feature.properties.layer === 'reports' && !feature.properties.open) properties['h'] = 1; // a closed report: a ring, not a disc
      features.push({ type: 'Feature', geometry: feature.geometry as GeoJSON.Geometry, properties });
    }
  }
  return { type: 'FeatureCollection', features };
}
