// The map underneath the features: OpenStreetMap's raster tiles, a plain background, or a MapLibre style URL.
import type { StyleSpecification } from 'maplibre-gl';

/** A style with only a background (and `sources` to add to): `basemap="none"`, no network at all. */
const plain = (sources: StyleSpecification['sources'] = {}): StyleSpecification => ({
  version: 8,
  sources,
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0eb' } }],
});

/**
 * The style for the `basemap` attribute: `osm` (default) draws OpenStreetMap's standard tiles with
 * their required attribution (`attribution` is the localised "© OpenStreetMap contributors"),
 * `none` a plain background, and anything else is taken as the URL of a MapLibre style.
 */
export function basemapStyle(basemap: string | undefined, attribution: string): StyleSpecification | string {
  const value = (basemap ?? '').trim();
  if (value === 'none') return plain();
  if (value && value !== 'osm') return new URL(value, document.baseURI).href;
  const escaped = attribution.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const style = plain({
    osm: {
      type: 'raster',
      tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: `<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">${escaped}</a>`,
    },
  });
  style.layers.push({ id: 'osm', type: 'raster', source: 'osm' });
  return style;
}
