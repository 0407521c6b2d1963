// The parameters of GET requests and POST requests, read and checked as GeoReport v2 defines them.
import { Email } from '@civic-elements/protocol';
import { parseW3DateTime } from './attributes.js';
import { badRequest } from './errors.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The spec: a search spans at most 90 days, and without dates it is the most recent 90 days. */
export const WINDOW_DAYS = 90;
/** The spec: at most the first 1000 requests come back. */
export const MAX_REQUESTS = 1000;

/** "Optional" in the spec: a parameter sent empty is one not sent. */
const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** A comma-separated list, empty items dropped. */
const items = (value: string | undefined): string[] | undefined => {
  const text = given(value);
  return text === undefined ? undefined : [...new Set(text.split(',').map((item) => item.trim()).filter(Boolean))];
};

export interface RequestsQuery {
  /** When given, the other filters do not apply (the spec: it "overrides all other arguments"). */
  ids?: string[];
  serviceCodes?: string[];
  /** Inclusive bounds on requested_datetime, ISO 8601 in UTC. */
  start: string;
  end: string;
  /** Undefined: both. */
  open?: boolean;
  limit: number;
}

/**
 * GET requests: `service_request_id`, `service_code`, `start_date`, `end_date`, `status`. Without
 * dates the window is the 90 days up to now; with one date it is the 90 days after `start_date` or
 * before `end_date`; with both, they may not be more than 90 days apart.
 */
export function readRequestsQuery(query: Record<string, string | undefined>, now: Date): RequestsQuery {
  const problems: string[] = [];
  const ids = items(query.service_request_id)?.map((id) => id.toUpperCase());
  if (ids && ids.length > MAX_REQUESTS) problems.push(`service_request_id: ask for at most ${MAX_REQUESTS} requests at once (${ids.length} were asked for).`);
  const serviceCodes = items(query.service_code);

  const date = (name: 'start_date' | 'end_date'): number | undefined => {
    const text = given(query[name]);
    if (text === undefined) return undefined;
    const iso = parseW3DateTime(text);
    if (iso === null) {
      problems.push(`${name}: "${text}" is not a date and time in the w3 format with a time zone, like 2026-01-31T00:00:00Z.`);
      return undefined;
    }
    return Date.parse(iso);
  };
  let start = date('start_date');
  let end = date('end_date');
  const window = WINDOW_DAYS * DAY_MS;
  if (start !== undefined && end !== undefined) {
    if (end < start) problems.push('end_date: it is before start_date.');
    else if (end - start > window) problems.push(`start_date, end_date: a search may not span more than ${WINDOW_DAYS} days; ask for several shorter ranges.`);
  } else if (start !== undefined) {
    end = start + window;
  } else if (end !== undefined) {
    start = end - window;
  } else {
    end = now.getTime();
    start = end - window;
  }

  let open: boolean | undefined;
  const statuses = items(query.status);
  if (statuses) {
    const unknown = statuses.filter((s) => s !== 'open' && s !== 'closed');
    if (unknown.length > 0) problems.push(`status: ${unknown.map((s) => `"${s}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a status; use open, closed or both (open,closed).`);
    else if (statuses.length === 1) open = statuses[0] === 'open';
  }

  if (problems.length > 0) throw badRequest(problems);
  return {
    ...(ids ? { ids } : {}),
    ...(serviceCodes ? { serviceCodes } : {}),
    start: new Date(start!).toISOString(),
    end: new Date(end!).toISOString(),
    ...(open !== undefined ? { open } : {}),
    limit: MAX_REQUESTS,
  };
}

// ─── POST requests ───────────────────────────────────────────────────────────────────────────────

/** The longest description GeoReport v2 allows. */
export const MAX_DESCRIPTION = 4000;

export interface RequestForm {
  serviceCode: string | undefined;
  /** lat and long both, or neither. */
  point: { lon: number; lat: number } | undefined;
  addressString: string | undefined;
  addressId: string | undefined;
  email: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  phone: string | undefined;
  deviceId: string | undefined;
  accountId: string | undefined;
  description: string | undefined;
  mediaUrl: string | undefined;
}

const COORDINATE = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * The named parameters of a POST, checked for shape (`api_key` is checked before, and the service,
 * the location and the attributes against the jurisdiction after). Every problem is reported at once.
 */
export function readRequestForm(form: URLSearchParams): RequestForm {
  const problems: string[] = [];
  const one = (name: string, max: number): string | undefined => {
    const all = form.getAll(name).map((v) => v.trim()).filter(Boolean);
    if (all.length > 1) problems.push(`${name}: send it once (it was sent ${all.length} times).`);
    const value = all[0];
    if (value !== undefined && value.length > max) problems.push(`${name}: at most ${max} characters (it has ${value.length}).`);
    return value;
  };

  const lat = one('lat', 40);
  const long = one('long', 40);
  let point: RequestForm['point'];
  if ((lat === undefined) !== (long === undefined)) {
    problems.push(`${lat === undefined ? 'lat' : 'long'}: send lat and long together (WGS84 degrees).`);
  } else if (lat !== undefined && long !== undefined) {
    const [y, x] = [Number(lat), Number(long)];
    if (!COORDINATE.test(lat) || y < -90 || y > 90) problems.push(`lat: "${lat}" is not a latitude between -90 and 90 (WGS84 degrees).`);
    if (!COORDINATE.test(long) || x < -180 || x > 180) problems.push(`long: "${long}" is not a longitude between -180 and 180 (WGS84 degrees).`);
    point = { lon: x, lat: y };
  }

  let email = one('email', 254);
  if (email !== undefined) {
    const parsed = Email.safeParse(email);
    if (parsed.success) email = parsed.data;
    else problems.push(`email: "${email}" is not an email address.`);
  }

  // Read (so that a wrong one is not silently mistaken for another field) but not kept: nothing shows it.
  const phone = one('phone', 40);

  const description = one('description', MAX_DESCRIPTION);
  // The spec asks clients for no HTML in it; any that comes is kept as text (every output escapes it).

  const mediaUrl = one('media_url', 500);
  if (mediaUrl !== undefined && !(/^https?:\/\//i.test(mediaUrl) && URL.canParse(mediaUrl))) problems.push('media_url: a web address starting with https:// (or http://).');

  const form311: RequestForm = {
    serviceCode: one('service_code', 60),
    point,
    addressString: one('address_string', 200),
    addressId: one('address_id', 100),
    email,
    firstName: one('first_name', 60),
    lastName: one('last_name', 60),
    phone,
    deviceId: one('device_id', 100),
    accountId: one('account_id', 100),
    description,
    mediaUrl,
  };
  if (problems.length > 0) throw badRequest(problems);
  return form311;
}
