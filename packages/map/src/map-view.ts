// One maplibre map inside <civic-map>: created in a container, kept the container's size, drawing the
// layers' features, telling the element about moves and clicks, and removed when the element leaves.
import type { LngLatBoundsLike, LngLatLike, Map as MaplibreMap, MapGeoJSONFeature, StyleSpecification } from 'maplibre-gl';
import type { ClusterFeature } from '@civic-elements/protocol';
import type { MaplibreModule } from './maplibre-loader.js';
import { viewBBox, type Viewport } from './layers.js';
import { addFeatureLayers, CLUSTER_LAYER, drawCountImage, POINT_LAYER, SHAPE_LAYERS, SOURCE } from './map-style.js';

export interface MapViewOptions {
  container: HTMLElement;
  style: StyleSpecification | string;
  center: LngLatLike;
  zoom: number;
  bounds?: LngLatBoundsLike | undefined;
  /** maplibre's own words (`Map.Title`, `NavigationControl.ZoomIn`…) in the reader's language. */
  locale: Record<string, string>;
  /** The features to draw (again after a new basemap replaced the style). */
  data: () => GeoJSON.FeatureCollection;
  /** The style has loaded, with the features' layers (first time, and after each new basemap). */
  loaded: (map: MaplibreMap) => void;
  /** The view stopped moving; `byPerson` when a person moved it (drag, wheel, keys, a cluster they opened). */
  moved: (byPerson: boolean) => void;
  /** A click on a feature or cluster: its key (the source's `k` property). */
  clicked: (key: string) => void;
}

/** Passed with camera moves a person asked for through the element (opening a cluster). */
const BY_PERSON = { civicByPerson: true };

export const reducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

export class MapView {
  readonly map: MaplibreMap;
  readonly #resize: ResizeObserver;
  #states = new Map<string, Record<string, boolean>>();

  constructor(maplibre: MaplibreModule, options: MapViewOptions) {
    const map = (this.map = new maplibre.Map({
      container: options.container,
      style: options.style,
      center: options.center,
      zoom: options.zoom,
      ...(options.bounds ? { bounds: options.bounds, fitBoundsOptions: { padding: 20 } } : {}),
      locale: options.locale,
      attributionControl: { compact: true },
      // A flat map: rotation and pitch only confuse the keyboard and the list's "top left".
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
      reduceMotion: reducedMotion(),
    }));
    map.keyboard.disableRotation();
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
    map.on('style.load', () => {
      addFeatureLayers(map, options.data());
      for (const [key, state] of this.#states) map.setFeatureState({ source: SOURCE, id: key }, state);
      options.loaded(map);
    });
    map.setMissingStyleImageResolver((id) => drawCountImage(map, id));
    // A basemap tile that fails (offline, a tile server down) leaves a gap, not an error to report.
    map.on('error', (event) => {
      if (!('tile' in event)) console.warn(event.error);
    });
    map.on('moveend', (event) => options.moved(!!event.originalEvent || !!(event as unknown as typeof BY_PERSON).civicByPerson));
    const layers = [CLUSTER_LAYER, POINT_LAYER, ...SHAPE_LAYERS];
    map.on('click', (event) => {
      const hit = this.#hits(event.point)[0];
      if (hit) options.clicked(String(hit.properties['k']));
    });
    map.on('mousemove', (event) => {
      map.getCanvas().style.cursor = this.#hits(event.point, layers).length ? 'pointer' : '';
    });
    // A map first shown in a hidden tab or a closed dialog had no size; follow the container's.
    this.#resize = new ResizeObserver(() => map.resize());
    this.#resize.observe(options.container);
  }

  #hits(point: { x: number; y: number }, layers = [CLUSTER_LAYER, POINT_LAYER, ...SHAPE_LAYERS]): MapGeoJSONFeature[] {
    if (!this.map.getSource(SOURCE)) return [];
    return this.map.queryRenderedFeatures([point.x, point.y], { layers });
  }

  /** What the map shows now. */
  get viewport(): Viewport {
    const bounds = this.map.getBounds();
    return { bbox: viewBBox(bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()), zoom: this.map.getZoom() };
  }

  setData(data: GeoJSON.FeatureCollection): void {
    const source = this.map.getSource(SOURCE);
    if (source?.type === 'geojson') (source as unknown as { setData(d: GeoJSON.FeatureCollection): void }).setData(data);
  }

  /** Sets `hover` or `selected` on the feature with `key` (undefined: on none). */
  mark(name: 'hover' | 'selected', key: string | undefined): void {
    for (const [other, state] of this.#states) {
      if (!state[name] || other === key) continue;
      state[name] = false;
      if (this.map.getSource(SOURCE)) this.map.setFeatureState({ source: SOURCE, id: other }, { [name]: false });
    }
    if (key === undefined) return;
    const state = this.#states.get(key) ?? {};
    state[name] = true;
    this.#states.set(key, state);
    if (this.map.getSource(SOURCE)) this.map.setFeatureState({ source: SOURCE, id: key }, { [name]: true });
  }

  /** Zooms in until the cluster splits: to its expansion zoom, centred on it (no animation for reduced motion). */
  openCluster(cluster: ClusterFeature): void {
    const [lon, lat] = cluster.geometry.coordinates;
    const zoom = Math.min(this.map.getMaxZoom(), Math.max(cluster.properties.expansionZoom, this.map.getZoom() + 1));
    this.map.easeTo({ center: [lon, lat], zoom, animate: !reducedMotion() }, BY_PERSON);
  }

  setStyle(style: StyleSpecification | string): void {
    this.map.setStyle(style, { diff: false });
  }

  remove(): void {
    this.#resize.disconnect();
    this.map.remove();
  }
}
