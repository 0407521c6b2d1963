// Which geocoder answers /v1/geocode: a configured Nominatim-compatible service, else the local gazetteer.
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';
import { GazetteerGeocoder } from './gazetteer.js';
import { NominatimGeocoder } from './nominatim.js';
import type { Geocoder } from './types.js';

/** The geocoder the configuration asks for (GEOCODER_URL), or the gazetteer in the store. */
export function geocoderFor(config: Config, store: Store): Geocoder {
  if (!config.geocoderUrl) return new GazetteerGeocoder(store.gazetteer);
  return new NominatimGeocoder({
    url: config.geocoderUrl,
    timeoutMs: config.geocoderTimeoutMs,
    // Nominatim's usage policy asks every application to name itself and a way to reach it.
    userAgent: `CivicElements/0.1 (+${config.publicUrl})`,
  });
}
