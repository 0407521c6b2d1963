// NominatimGeocoder: address search through a Nominatim-compatible service (OpenStreetMap's, or a council's own).
import type { BBox, GeocodeResult } from '@civic-elements/protocol';
import { inBox } from './area.js';
import { GeocoderUnavailable, type GeocodeOptions, type Geocoder } from './types.js';

export interface NominatimOptions {
  /** The service's base URL (`…/search` is added unless it is there already). */
  url: string;
  /** Identifies this application, as Nominatim's usage policy asks. */
  userAgent: string;
  /** Give up after this long (default 5 s). */
  timeoutMs?: number;
  /** Language of the labels (Accept-Language). */
  language?: string;
  /** For tests: another fetch. */
  fetch?: typeof fetch;
}

/** One result of Nominatim's `format=jsonv2` (`class` instead of `category` in plain `json`). */
interface NominatimPlace {
  lat?: unknown;
  lon?: unknown;
  display_name?: unknown;
  name?: unknown;
  category?: unknown;
  class?: unknown;
  type?: unknown;
  addresstype?: unknown;
  boundingbox?: unknown;
}

/** Far more than any real answer for a few results; a bigger body is not read. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
const AREA_TYPES = new Set(['suburb', 'neighbourhood', 'quarter', 'city', 'town', 'village', 'hamlet', 'borough', 'city_district', 'district', 'county', 'state', 'region', 'administrative']);
const ADDRESS_TYPES = new Set(['house', 'building', 'residential_building', 'apartments', 'detached', 'terrace']);

/** What kind of result a Nominatim place is, in GeocodeResult's words. */
export function kindOf(place: NominatimPlace): GeocodeResult['kind'] {
  const category = String(place.category ?? place.class ?? '');
  const type = String(place.type ?? '');
  const addressType = String(place.addresstype ?? '');
  if (type === 'postcode' || addressType === 'postcode') return 'postcode';
  if (ADDRESS_TYPES.has(type) || ADDRESS_TYPES.has(addressType) || category === 'building') return 'address';
  if (category === 'highway' || addressType === 'road') return 'street';
  if (category === 'boundary' || AREA_TYPES.has(addressType) || (category === 'place' && AREA_TYPES.has(type))) return 'area';
  return 'place';
}

/** A label short enough for a list: the first three parts of Nominatim's long display name. */
function labelOf(place: NominatimPlace): string | null {
  const display = typeof place.display_name === 'string' ? place.display_name : typeof place.name === 'string' ? place.name : '';
  const label = display
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(', ');
  return label ? label.slice(0, 200) : null;
}

function coordinate(value: unknown, limit: number): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** Nominatim's boundingbox is [south, north, west, east] as strings; GeoJSON's is [west, south, east, north]. */
function bboxOf(value: unknown): BBox | null {
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [south, north, west, east] = [coordinate(value[0], 90), coordinate(value[1], 90), coordinate(value[2], 180), coordinate(value[3], 180)];
  if (south === null || north === null || west === null || east === null || south > north || west > east) return null;
  return [west, south, east, north];
}

/** Maps one Nominatim place to a result; null for one without a usable position or name. */
export function toResult(place: NominatimPlace, box: BBox | null): GeocodeResult | null {
  const lon = coordinate(place.lon, 180);
  const lat = coordinate(place.lat, 90);
  const label = labelOf(place);
  if (lon === null || lat === null || label === null) return null;
  return { label, kind: kindOf(place), point: { type: 'Point', coordinates: [lon, lat] }, bbox: bboxOf(place.boundingbox), inArea: inBox(box, lon, lat) };
}

/** The body as text, refusing one longer than `max` bytes without reading the rest of it. */
async function readCapped(response: Response, max: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body?.cancel();
    throw new GeocoderUnavailable('The address search service sent far too much.');
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new GeocoderUnavailable('The address search service sent far too much.');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class NominatimGeocoder implements Geocoder {
  readonly #endpoint: URL;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: NominatimOptions) {
    const endpoint = new URL(options.url);
    if (!/\/search\/?$/.test(endpoint.pathname)) endpoint.pathname = `${endpoint.pathname.replace(/\/+$/, '')}/search`;
    this.#endpoint = endpoint;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#fetch = options.fetch ?? fetch;
  }

  /**
   * Asks the service, preferring (not restricting to) the box through `viewbox`; throws
   * GeocoderUnavailable on a timeout, a network failure, an error status or a body that is not
   * Nominatim's JSON.
   */
  async search(q: string, { bbox, limit, signal }: GeocodeOptions): Promise<GeocodeResult[]> {
    const url = new URL(this.#endpoint);
    url.searchParams.set('q', q);
    url.searchParams.set('format', 'jsonv2');
    url.searchParams.set('limit', String(limit));
    if (bbox) {
      url.searchParams.set('viewbox', bbox.join(','));
      url.searchParams.set('bounded', '0');
    }
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent, Accept: 'application/json' };
    if (this.options.language) headers['Accept-Language'] = this.options.language;

    let body: unknown;
    try {
      const response = await this.#fetch(url, { headers, signal: signal ? AbortSignal.any([timeout, signal]) : timeout, redirect: 'error' });
      if (!response.ok) {
        await response.body?.cancel();
        throw new GeocoderUnavailable(`The address search service answered ${response.status}.`);
      }
      body = JSON.parse(await readCapped(response, MAX_RESPONSE_BYTES)) as unknown;
    } catch (error) {
      if (error instanceof GeocoderUnavailable) throw error;
      if (timeout.aborted) throw new GeocoderUnavailable(`The address search service did not answer within ${this.#timeoutMs / 1000} seconds.`, { cause: error });
      if (signal?.aborted) throw error;
      if (error instanceof SyntaxError) throw new GeocoderUnavailable('The address search service did not answer with JSON.', { cause: error });
      throw new GeocoderUnavailable('The address search service could not be reached.', { cause: error });
    }
    if (!Array.isArray(body)) throw new GeocoderUnavailable('The address search service answered with something other than a list of places.');
    return body
      .map((place) => (place && typeof place === 'object' ? toResult(place as NominatimPlace, bbox) : null))
      .filter((result): result is GeocodeResult => result !== null)
      .slice(0, limit);
  }
}
