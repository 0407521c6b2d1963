// How a drawing looks on the map: its GeoJSON features (fill, outline, points, edges in error) and their maplibre layers.
import type { Feature, FeatureCollection } from 'geojson';
import type { Position } from '@civic-elements/protocol';
import type { GeoProblem } from '@civic-elements/protocol/geometry-checks';
import type { LayerSpecification } from 'maplibre-gl';

export const DRAW_SOURCE = 'civic-draw';

export type DrawKind = 'point' | 'line' | 'polygon';

/** Longitude and latitude only (GeoJSON's own types do not allow an absent altitude). */
const xy = (p: Position): [number, number] => [p[0], p[1]];

const index = (path: string): number | undefined => {
  const last = path.split('.').pop();
  return last !== undefined && /^\d+$/.test(last) ? Number(last) : undefined;
};

/**
 * The drawing as features: a `fill` (an area with 3 points or more), an `outline` through the
 * points (closed for an area), `problem` edges (crossing, or leaving the area), and each `vertex`
 * (`first` marks where an area started, `problem` one outside the area).
 */
export function drawingFeatures(vertices: readonly Position[], kind: DrawKind, problems: readonly GeoProblem[]): FeatureCollection {
  const features: Feature[] = [];
  const n = vertices.length;
  const closed = kind === 'polygon' && n >= 3;
  const at = (i: number): [number, number] => xy(vertices[i % n]!);
  const ring = vertices.map(xy);
  if (closed) features.push({ type: 'Feature', properties: { kind: 'fill' }, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } });
  if (kind !== 'point' && n >= 2) {
    features.push({ type: 'Feature', properties: { kind: 'outline' }, geometry: { type: 'LineString', coordinates: closed ? [...ring, ring[0]!] : ring } });
  }
  const badVertices = new Set<number>();
  for (const problem of problems) {
    const refs = problem.refs ?? [];
    if (problem.code === 'self_intersection' || problem.code === 'leaves_area') {
      for (let k = 0; k + 1 < refs.length; k += 2) {
        features.push({ type: 'Feature', properties: { kind: 'problem' }, geometry: { type: 'LineString', coordinates: [at(refs[k]!), at(refs[k + 1]!)] } });
      }
    } else if (problem.code === 'outside_area' || problem.code === 'outside_area_swapped' || problem.code === 'out_of_range') {
      const i = index(problem.path);
      badVertices.add(i === undefined || kind === 'point' ? 0 : i % Math.max(n, 1));
    }
  }
  vertices.forEach((position, i) => {
    features.push({ type: 'Feature', properties: { kind: 'vertex', first: i === 0 && kind === 'polygon', problem: badVertices.has(i) }, geometry: { type: 'Point', coordinates: xy(position) } });
  });
  return { type: 'FeatureCollection', features };
}

/** The layers, in the theme's colours (`primary` for the drawing, `error` for what is wrong). */
export function drawingLayers(primary: string, error: string): LayerSpecification[] {
  const kind = (value: string) => ['==', ['get', 'kind'], value] as ['==', ['get', string], string];
  return [
    { id: `${DRAW_SOURCE}-fill`, type: 'fill', source: DRAW_SOURCE, filter: kind('fill'), paint: { 'fill-color': primary, 'fill-opacity': 0.2 } },
    { id: `${DRAW_SOURCE}-outline`, type: 'line', source: DRAW_SOURCE, filter: kind('outline'), paint: { 'line-color': primary, 'line-width': 3 } },
    { id: `${DRAW_SOURCE}-problem`, type: 'line', source: DRAW_SOURCE, filter: kind('problem'), paint: { 'line-color': error, 'line-width': 4, 'line-dasharray': [2, 1] } },
    {
      id: `${DRAW_SOURCE}-vertex`,
      type: 'circle',
      source: DRAW_SOURCE,
      filter: kind('vertex'),
      paint: {
        'circle-radius': ['case', ['get', 'first'], 8, 6],
        'circle-color': '#ffffff',
        'circle-stroke-width': 3,
        'circle-stroke-color': ['case', ['get', 'problem'], error, primary],
      },
    },
  ];
}
