// The geocoder contract: words in, places out. The local gazetteer and Nominatim both keep it.
import type { BBox, GeocodeResult } from '@civic-elements/protocol';

export interface GeocodeOptions {
  /** The organisation's area: results inside it are preferred and marked `inArea`. */
  bbox: BBox | null;
  /** At most this many results. */
  limit: number;
  /** Cancels the search (the client went away). */
  signal?: AbortSignal;
}

/** A provider of address search. */
export interface Geocoder {
  /** Places matching `q`, best first. Throws GeocoderUnavailable when the provider cannot answer. */
  search(q: string, options: GeocodeOptions): Promise<GeocodeResult[]>;
}

/** The provider could not answer (down, slow, or talking nonsense); the route answers 503. */
export class GeocoderUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeocoderUnavailable';
  }
}
