// iCalendar (RFC 5545) writing: events and calendars as text, with no clock and no I/O, so that
// the same event always gives the same bytes (and an ETag can be taken from them).

/** A time: an ISO 8601 string (as on the wire) or a Date. */
export type IcalTime = string | Date;

/** Who organises an event: a name, or a name with an email address (which becomes ORGANIZER). */
export type IcalOrganiser = string | { name: string; email?: string | null };

/** One event, as `icalEvent` and `icalCalendar` take it. */
export interface IcalEventInput {
  /** Globally unique and stable across downloads, e.g. `event-<id>@<host>`. */
  uid: string;
  start: IcalTime;
  /** When it ends; null for an event without an end (then it lasts no time at all, RFC 5545 3.6.1). */
  end: IcalTime | null;
  summary: string;
  description?: string | null;
  /** The event's point: written as GEO (latitude first, as RFC 5545 3.8.1.6 says). */
  location: { lon: number; lat: number } | null;
  /** Where, in words (LOCATION); optional. */
  locationText?: string | null;
  /** A web page about the event (URL); dropped when it is not an absolute http(s) address. */
  url?: string | null;
  organiser?: IcalOrganiser | null;
  /** Last change: DTSTAMP and LAST-MODIFIED (a published calendar's DTSTAMP is its last revision). */
  updatedAt: IcalTime;
  /** Creation time (CREATED); optional. */
  createdAt?: IcalTime | null;
  /** Incremented on every change that matters to attendees (SEQUENCE); optional. */
  sequence?: number | null;
}

/** A whole calendar file: `icalCalendar` takes it. */
export interface IcalCalendarInput {
  /** The calendar's display name (NAME, RFC 7986, and the common X-WR-CALNAME). */
  name: string;
  /** PRODID, e.g. `-//Civic Elements//Civic Elements API//EN`. */
  prodId: string;
  events: readonly IcalEventInput[];
  /** Optional description of the calendar (X-WR-CALDESC). */
  description?: string | null;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * Formats a time as an RFC 5545 UTC DATE-TIME, `YYYYMMDDTHHMMSSZ` (seconds kept, milliseconds dropped).
 * Throws a RangeError for a time that cannot be read, because a calendar with a wrong time is worse than none.
 */
export function icalTime(time: IcalTime): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a time: ${String(time)}`);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range for iCalendar: ${year}`);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    String(year).padStart(4, '0') +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    'T' +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z'
  );
}

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash, every line
 * break becomes `\n`, and other control characters (not allowed in TEXT) are dropped.
 */
export function icalText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * A parameter value (RFC 5545 3.2): DQUOTE and control characters cannot appear in one at all, so they
 * are dropped; values with `:`, `;` or `,` are quoted.
 */
function paramValue(value: string): string {
  const clean = value.replace(/[\u0000-\u0008\u000a-\u001f\u007f"]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Folds one content line to at most 75 octets per physical line (RFC 5545 3.1): each continuation starts
 * with a single space, and a UTF-8 character (indeed a whole code point) is never cut in two.
 * The result has CRLF between the physical lines and no trailing CRLF.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first physical line has 75 octets; every later one spends one of them on the leading space.
  let room = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > room) {
      parts.push(current);
      current = '';
      octets = 0;
      room = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** One folded content line with its CRLF. */
function line(name: string, value: string): string {
  return foldLine(`${name}:${value}`) + CRLF;
}

/** GEO's float values: enough decimals for a metre, no exponent notation. */
function geoFloat(n: number): string {
  return Number(n.toFixed(6)).toString();
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /[\s"<>\\^`{|}]/.test(value)) return false;
  return URL.canParse(value);
}

/** One VEVENT component (folded, CRLF line endings, ending with CRLF). */
export function icalEvent(event: IcalEventInput): string {
  let out = 'BEGIN:VEVENT' + CRLF;
  out += line('UID', icalText(event.uid));
  out += line('DTSTAMP', icalTime(event.updatedAt));
  out += line('DTSTART', icalTime(event.start));
  if (event.end !== null) out += line('DTEND', icalTime(event.end));
  out += line('SUMMARY', icalText(event.summary));
  if (event.description) out += line('DESCRIPTION', icalText(event.description));
  if (event.locationText) out += line('LOCATION', icalText(event.locationText));
  if (event.location) {
    const { lon, lat } = event.location;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw new RangeError(`Not a position: ${lon},${lat}`);
    }
    out += line('GEO', `${geoFloat(lat)};${geoFloat(lon)}`);
  }
  if (event.url && isHttpUrl(event.url)) out += line('URL', event.url);
  if (event.organiser) {
    const organiser = typeof event.organiser === 'string' ? { name: event.organiser } : event.organiser;
    const email = 'email' in organiser ? organiser.email : null;
    if (email && /^[^\s@:;,"<>]+@[^\s@:;,"<>]+$/.test(email)) {
      // ORGANIZER is a cal-address (a mailto: URI); the name goes in its CN parameter.
      out += line(`ORGANIZER;CN=${paramValue(organiser.name)}`, `mailto:${email}`);
    } else if (organiser.name.trim()) {
      // A name without an address cannot be an ORGANIZER; CONTACT (3.8.4.2) is plain text.
      out += line('CONTACT', icalText(organiser.name));
    }
  }
  if (event.createdAt) out += line('CREATED', icalTime(event.createdAt));
  out += line('LAST-MODIFIED', icalTime(event.updatedAt));
  if (event.sequence != null && Number.isInteger(event.sequence) && event.sequence >= 0) {
    out += line('SEQUENCE', String(event.sequence));
  }
  out += 'END:VEVENT' + CRLF;
  return out;
}

/** A whole VCALENDAR (version 2.0, Gregorian, PUBLISH) holding the events, as the text of a `.ics` file. */
export function icalCalendar(calendar: IcalCalendarInput): string {
  let out = 'BEGIN:VCALENDAR' + CRLF;
  out += line('VERSION', '2.0');
  out += line('PRODID', icalText(calendar.prodId));
  out += line('CALSCALE', 'GREGORIAN');
  out += line('METHOD', 'PUBLISH');
  out += line('NAME', icalText(calendar.name));
  out += line('X-WR-CALNAME', icalText(calendar.name));
  if (calendar.description) out += line('X-WR-CALDESC', icalText(calendar.description));
  for (const event of calendar.events) out += icalEvent(event);
  out += 'END:VCALENDAR' + CRLF;
  return out;
}

/** The media type to serve a calendar with. */
export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';
