// Reports and categories as GeoReport v2 speaks of them: services, service definitions and service requests.
import type { ReportCategory } from '@civic-elements/protocol';

/** A report category as far as Open311 is concerned (the store's record and the wire type both fit). */
export type ServiceCategory = Pick<ReportCategory, 'code' | 'name' | 'group' | 'description' | 'keywords' | 'fields' | 'active'>;
import { attributeOf } from './attributes.js';
import { list, type Document, type Value } from './document.js';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** `<service>`: every category is `realtime` (the request's id comes back at once). */
export function serviceOf(category: ServiceCategory): Value {
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.description || null,
    metadata: category.fields.length > 0,
    type: 'realtime',
    keywords: category.keywords.length > 0 ? category.keywords.join(', ') : null,
    group: category.group,
  };
}

export function servicesDocument(categories: readonly ServiceCategory[]): Document {
  return { root: 'services', body: list('service', categories.map(serviceOf)) };
}

export function serviceDefinitionDocument(category: ServiceCategory): Document {
  return {
    root: 'service_definition',
    body: { service_code: category.code, attributes: list('attribute', category.fields.map((field, index) => attributeOf(field, index + 1))) },
  };
}

/** What a request is made from: a report as the store keeps it (any object with these fields). */
export interface ReportForOpen311 {
  reference: string;
  open: boolean;
  category: { code: string; name: string };
  description: string;
  department: { name: string } | null;
  expectedOn: string | null;
  address: string | null;
  lon: number;
  lat: number;
  photos: readonly { id: string; removedAt?: string | null }[];
  createdAt: string;
  updatedAt: string;
}

/** What a request says beyond the report itself. */
export interface RequestExtras {
  /** The latest public note of the report's timeline. */
  statusNotes: string | null;
  /** What the report's current step tells residents will happen ("The team is working on it."). */
  serviceNotice: string | null;
  /** The media_url an Open311 client sent, shown when the report has no photo of its own. */
  mediaUrl: string | null;
  /** Where the API is (photo URLs start with it). */
  base: string;
}

/** `expected_datetime` from the date the work is expected: the start of that day, UTC. */
const expectedDateTime = (date: string | null): string | null => (date ? `${date}T00:00:00Z` : null);

/** The large variant of the report's first photo still shown (officers may remove one). */
function photoUrl(report: ReportForOpen311, base: string): string | null {
  const photo = report.photos.find((p) => !p.removedAt);
  return photo ? `${base}/v1/media/${encodeURIComponent(photo.id)}/large.jpg` : null;
}

/** `<request>` of GET requests: the spec's fields in the spec's order; ids and codes as strings. */
export function requestOf(report: ReportForOpen311, extras: RequestExtras): Value {
  return {
    service_request_id: report.reference,
    status: report.open ? 'open' : 'closed',
    status_notes: extras.statusNotes,
    service_name: report.category.name,
    service_code: report.category.code,
    description: report.description || null,
    agency_responsible: report.department?.name ?? null,
    service_notice: extras.serviceNotice,
    requested_datetime: report.createdAt,
    updated_datetime: report.updatedAt,
    expected_datetime: expectedDateTime(report.expectedOn),
    address: report.address,
    address_id: null,
    zipcode: postcodeIn(report.address),
    lat: report.lat,
    long: report.lon,
    media_url: photoUrl(report, extras.base) ?? extras.mediaUrl,
  };
}

export function requestsDocument(requests: readonly Value[]): Document {
  return { root: 'service_requests', body: list('request', requests) };
}

/** A UK postcode at the end of an address ("… London SE1 7PB"), for `zipcode`; null when there is none. */
export function postcodeIn(address: string | null): string | null {
  const match = address ? /\b([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s*$/i.exec(address) : null;
  return match ? match[1]!.toUpperCase() : null;
}
