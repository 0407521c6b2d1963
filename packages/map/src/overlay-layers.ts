// One GeoJSON source and its layers drawn over the map (the chosen place, a drawing), kept through style changes.
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The theme's colour as the host resolves it (maplibre paints with plain colours, not CSS variables). */
export function themeColour(host: Element, property: string, fallback: string): string {
  return getComputedStyle(host).getPropertyValue(property).trim() || fallback;
}

/**
 * Adds the source and layers when attached (and again after a new style replaced them), sets
 * the data, and removes both when detached. Layers go on top of everything else.
 */
export class OverlayLayers {
  #map: MaplibreMap | undefined;
  #data: FeatureCollection = EMPTY;

  constructor(
    readonly sourceId: string,
    private readonly layers: () => LayerSpecification[],
  ) {}

  attach(map: MaplibreMap): void {
    if (this.#map === map) return;
    this.detach();
    this.#map = map;
    this.#add();
    map.on('style.load', this.#add);
  }

  detach(): void {
    const map = this.#map;
    if (!map) return;
    this.#map = undefined;
    map.off('style.load', this.#add);
    try {
      for (const layer of this.layers()) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      if (map.getSource(this.sourceId)) map.removeSource(this.sourceId);
    } catch {
      // The map was removed first (the host left the page): nothing left to clean.
    }
  }

  setData(data: FeatureCollection): void {
    this.#data = data;
    (this.#map?.getSource(this.sourceId) as GeoJSONSource | undefined)?.setData(data);
  }

  readonly #add = (): void => {
    const map = this.#map;
    if (!map || map.getSource(this.sourceId)) return;
    map.addSource(this.sourceId, { type: 'geojson', data: this.#data });
    for (const layer of this.layers()) map.addLayer(layer);
  };
}
