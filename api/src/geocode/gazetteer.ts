// GazetteerGeocoder: address search over the local gazetteer (SQLite FTS5), for the demo and offline use.
import type { GeocodeResult } from '@civic-elements/protocol';
import type { GazetteerStore } from '../store/types.js';
import { inBox } from './area.js';
import type { GeocodeOptions, Geocoder } from './types.js';

export class GazetteerGeocoder implements Geocoder {
  constructor(private readonly gazetteer: GazetteerStore) {}

  /** Entries whose words start with the typed words, inside the box first. */
  async search(q: string, { bbox, limit }: GeocodeOptions): Promise<GeocodeResult[]> {
    const entries = await this.gazetteer.search(q, { bbox, limit });
    return entries.map((entry) => ({
      label: entry.label,
      kind: entry.kind,
      point: { type: 'Point', coordinates: [entry.lon, entry.lat] },
      bbox: entry.bbox ?? null,
      inArea: inBox(bbox, entry.lon, entry.lat),
    }));
  }
}
