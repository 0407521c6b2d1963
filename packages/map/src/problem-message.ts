// Words for a geometry problem: validateGeometry's stable code (and the vertex it names) in the reader's language.
import { MAX_POSITIONS, type GeoProblem } from '@civic-elements/protocol/geometry-checks';
import type { Params } from '@civic-elements/core';

type Translate = (key: string, params?: Params) => string;

/**
 * The localised message for one problem. `vertices` is how many points the person drew (the
 * closing position of a ring is the first point again), so that "point 4" matches the list of
 * points the drawing controls show (numbered from 1).
 */
export function problemMessage(problem: GeoProblem, t: Translate, kind: 'Point' | 'LineString' | 'Polygon', vertices = 0): string {
  const point = (index: number) => (vertices > 0 ? index % vertices : index) + 1;
  const last = problem.path.split('.').pop();
  const at = last !== undefined && /^\d+$/.test(last) && problem.path.split('.').length > (kind === 'Polygon' ? 2 : 1) ? Number(last) : undefined;
  const [a = 0, b = 0, c = 0, d = 0] = problem.refs ?? [];
  switch (problem.code) {
    case 'out_of_range':
      return at === undefined ? t('map-geo.out_of_range') : t('map-geo.out_of_range.at', { n: point(at) });
    case 'outside_area':
    case 'outside_area_swapped':
      return at === undefined ? t('map-geo.outside_area') : t('map-geo.outside_area.at', { n: point(at) });
    case 'too_few_positions':
      return t(kind === 'LineString' ? 'map-geo.too_few.line' : 'map-geo.too_few.polygon');
    case 'too_many_positions':
      return t('map-geo.too_many_positions', { max: MAX_POSITIONS });
    case 'self_intersection':
      return t('map-geo.self_intersection', { a: point(a), b: point(b), c: point(c), d: point(d) });
    case 'leaves_area':
      return t('map-geo.leaves_area', { a: point(a), b: point(b) });
    case 'too_many_rings':
    case 'no_outer_ring':
    case 'ring_not_closed':
    case 'no_area':
    case 'hole_outside':
    case 'holes_overlap':
    case 'covers_area_hole':
      return t(`map-geo.${problem.code}`);
  }
}
