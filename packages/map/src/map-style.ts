// How the map draws the layers' features: areas, lines and points in their category's colour, and
// clusters as circles with their count. Counts are images drawn on a canvas, so no glyph server is needed.
import type { ExpressionSpecification, Map as MaplibreMap } from 'maplibre-gl';

export const SOURCE = 'civic';
/** The map layers a click or a hover can land on. */
export const POINT_LAYER = 'civic-point';
export const CLUSTER_LAYER = 'civic-cluster';
export const SHAPE_LAYERS = ['civic-area', 'civic-line'];

const highlighted: ExpressionSpecification = ['any', ['boolean', ['feature-state', 'hover'], false], ['boolean', ['feature-state', 'selected'], false]];
const colour: ExpressionSpecification = ['get', 'c'];
const isCluster: ExpressionSpecification = ['has', 'cluster'];
const hollow: ExpressionSpecification = ['has', 'h'];

/** Adds the source and the layers (again after a new basemap style replaced them). */
export function addFeatureLayers(map: MaplibreMap, data: GeoJSON.FeatureCollection): void {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data, promoteId: 'k' });
  const geometry = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type];
  map.addLayer({ id: 'civic-area', type: 'fill', source: SOURCE, filter: geometry('Polygon'), paint: { 'fill-color': colour, 'fill-opacity': ['case', highlighted, 0.5, 0.25] } });
  map.addLayer({
    id: 'civic-line', type: 'line', source: SOURCE, filter: ['any', geometry('LineString'), geometry('Polygon')],
    paint: { 'line-color': colour, 'line-width': ['case', highlighted, 6, 3] },
  });
  map.addLayer({
    id: CLUSTER_LAYER, type: 'circle', source: SOURCE, filter: isCluster,
    paint: {
      'circle-color': colour,
      'circle-radius': ['step', ['get', 'count'], 15, 10, 18, 100, 22, 1000, 26],
      'circle-stroke-color': ['case', highlighted, '#0b0c0c', '#ffffff'],
      'circle-stroke-width': ['case', highlighted, 4, 3],
    },
  });
  map.addLayer({ id: 'civic-count', type: 'symbol', source: SOURCE, filter: isCluster, layout: { 'icon-image': ['get', 'n'], 'icon-allow-overlap': true, 'icon-ignore-placement': true } });
  map.addLayer({
    id: POINT_LAYER, type: 'circle', source: SOURCE, filter: ['all', ['!', isCluster], geometry('Point')],
    // A hollow point (a closed report) is a white disc in a thick ring of its colour: told apart by shape, not colour alone.
    paint: {
      'circle-color': ['case', hollow, '#ffffff', colour],
      'circle-radius': ['case', highlighted, 11, 8],
      'circle-stroke-color': ['case', highlighted, '#0b0c0c', hollow, colour, '#ffffff'],
      'circle-stroke-width': ['case', highlighted, 3, hollow, 4, 2],
    },
  });
}

/** Draws the white count label a cluster's `n` property names, the first time the map asks for it (its missing-image resolver). */
export function drawCountImage(map: MaplibreMap, id: string): void {
  if (!id.startsWith('civic-count-') || map.hasImage(id)) return;
  const text = id.slice('civic-count-'.length);
  const ratio = Math.max(1, Math.ceil(devicePixelRatio));
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return;
  const font = `700 ${13 * ratio}px system-ui, sans-serif`;
  context.font = font;
  canvas.width = Math.ceil(context.measureText(text).width) + 4 * ratio;
  canvas.height = 18 * ratio;
  context.font = font; // resizing the canvas reset it
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  // A dark edge keeps the white figures readable on a light category colour.
  context.lineWidth = 3 * ratio;
  context.strokeStyle = '#0b0c0c';
  context.strokeText(text, canvas.width / 2, canvas.height / 2);
  context.fillStyle = '#ffffff';
  context.fillText(text, canvas.width / 2, canvas.height / 2);
  map.addImage(id, context.getImageData(0, 0, canvas.width, canvas.height), { pixelRatio: ratio });
}
