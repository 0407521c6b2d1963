// iCalendar writer against RFC 5545: CRLF, 75-octet folding without cutting UTF-8, TEXT escaping,
// UTC DATE-TIME form, GEO, and the calendar's required properties.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldLine, icalCalendar, icalEvent, icalText, icalTime, type IcalEventInput } from '../src/domain/ical.js';

const base: IcalEventInput = {
  uid: 'event-42@civic.example',
  start: '2026-05-09T10:00:00.000Z',
  end: '2026-05-09T13:30:00Z',
  summary: 'Garden day',
  description: 'Bring gloves',
  location: { lon: -0.0692, lat: 51.4695 },
  url: 'https://civic.example/events/42',
  organiser: 'Friends of Peckham Rye',
  updatedAt: new Date('2026-04-01T08:15:30.250Z'),
};

/** RFC 5545 3.1 unfolding: a CRLF followed by one space or tab is removed. */
function unfold(text: string): string[] {
  assert.ok(text.endsWith('\r\n'), 'content ends with CRLF');
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

/** Reverses TEXT escaping, as a calendar reader does. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The value of the first unfolded line with this property name (parameters ignored). */
function prop(text: string, name: string): string | undefined {
  const found = unfold(text).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return found?.slice(found.indexOf(':') + 1);
}

function assertWellFormed(text: string): void {
  // Every line ends with CRLF: no bare LF or CR anywhere.
  assert.equal(text.replace(/\r\n/g, '').match(/[\r\n]/), null, 'no bare CR or LF');
  for (const physical of text.split('\r\n').slice(0, -1)) {
    assert.ok(Buffer.byteLength(physical, 'utf8') <= 75, `line over 75 octets: ${physical}`);
    // A cut inside a multi-byte character would show up as a replacement character on decoding.
    assert.ok(!Buffer.from(physical, 'utf8').toString('utf8').includes('\uFFFD'));
  }
}

describe('icalTime', () => {
  test('writes UTC as YYYYMMDDTHHMMSSZ from ISO strings and Dates', () => {
    assert.equal(icalTime('2026-05-09T10:00:00.000Z'), '20260509T100000Z');
    assert.equal(icalTime(new Date('2026-12-31T23:59:59.999Z')), '20261231T235959Z');
    // An offset is converted to UTC.
    assert.equal(icalTime('2026-05-09T12:00:00+02:00'), '20260509T100000Z');
    assert.equal(icalTime('0999-01-02T03:04:05Z'), '09990102T030405Z');
  });
  test('refuses what is not a time', () => {
    assert.throws(() => icalTime('next tuesday'), RangeError);
    assert.throws(() => icalTime(new Date(Number.NaN)), RangeError);
  });
});

describe('icalText', () => {
  test('escapes backslash, semicolon, comma and every kind of line break', () => {
    assert.equal(icalText('a\\b;c,d'), 'a\\\\b\\;c\\,d');
    assert.equal(icalText('one\r\ntwo\nthree\rfour'), 'one\\ntwo\\nthree\\nfour');
    assert.equal(unescapeText(icalText('x\\;,\ny')), 'x\\;,\ny');
  });
  test('drops control characters TEXT cannot hold, but keeps tab and non-ASCII', () => {
    assert.equal(icalText('bell\u0007 tab\there é 🌳'), 'bell tab\there é 🌳');
  });
});

describe('foldLine', () => {
  test('leaves a line of 75 octets alone and folds one of 76', () => {
    const exact = 'X'.repeat(75);
    assert.equal(foldLine(exact), exact);
    const over = 'X'.repeat(76);
    assert.equal(foldLine(over), `${'X'.repeat(75)}\r\n X`);
  });
  test('continuation lines count their leading space', () => {
    const folded = foldLine('Y'.repeat(75 + 74 + 10));
    const lines = folded.split('\r\n');
    assert.deepEqual(lines.map((l) => Buffer.byteLength(l)), [75, 75, 11]);
    assert.equal(lines.map((l, i) => (i ? l.slice(1) : l)).join(''), 'Y'.repeat(159));
  });
  test('never cuts a multi-byte UTF-8 character or a surrogate pair', () => {
    // 'é' is 2 octets, '🌳' 4 octets: with an odd prefix they would straddle every boundary.
    for (const text of ['a' + 'é'.repeat(200), 'ab' + '🌳'.repeat(100), 'abc' + '€'.repeat(120)]) {
      const folded = foldLine(text);
      assertWellFormed(folded + '\r\n');
      assert.equal(folded.replace(/\r\n /g, ''), text);
    }
  });
});

describe('icalEvent', () => {
  test('writes the event with DTSTAMP, UTC times, GEO (lat;lon), URL and CRLF', () => {
    const text = icalEvent(base);
    assertWellFormed(text);
    const lines = unfold(text);
    assert.equal(lines[0], 'BEGIN:VEVENT');
    assert.equal(lines.at(-1), 'END:VEVENT');
    assert.equal(prop(text, 'UID'), 'event-42@civic.example');
    assert.equal(prop(text, 'DTSTAMP'), '20260401T081530Z');
    assert.equal(prop(text, 'LAST-MODIFIED'), '20260401T081530Z');
    assert.equal(prop(text, 'DTSTART'), '20260509T100000Z');
    assert.equal(prop(text, 'DTEND'), '20260509T133000Z');
    assert.equal(prop(text, 'SUMMARY'), 'Garden day');
    assert.equal(prop(text, 'DESCRIPTION'), 'Bring gloves');
    assert.equal(prop(text, 'GEO'), '51.4695;-0.0692');
    assert.equal(prop(text, 'URL'), 'https://civic.example/events/42');
    // A name without an email address is no cal-address: CONTACT, not ORGANIZER.
    assert.equal(prop(text, 'CONTACT'), 'Friends of Peckham Rye');
    assert.equal(prop(text, 'ORGANIZER'), undefined);
  });
  test('is pure: the same input gives the same bytes', () => {
    assert.equal(icalEvent(base), icalEvent({ ...base }));
  });
  test('an organiser with an email address is an ORGANIZER with a quoted CN where needed', () => {
    const text = icalEvent({ ...base, organiser: { name: 'Parks; "Green" team', email: 'parks@council.example' } });
    const line = unfold(text).find((l) => l.startsWith('ORGANIZER'));
    assert.equal(line, 'ORGANIZER;CN="Parks; Green team":mailto:parks@council.example');
  });
  test('long multilingual text with special characters is escaped, folded, and reads back the same', () => {
    const description = 'Première réunion; بيان, 🌳 ' + 'Line two\\with backslash\n'.repeat(8) + 'ж'.repeat(90);
    const text = icalEvent({ ...base, description, summary: 'Café, jardin; fête' });
    assertWellFormed(text);
    assert.equal(unescapeText(prop(text, 'DESCRIPTION')!), description);
    assert.equal(prop(text, 'SUMMARY'), 'Café\\, jardin\\; fête');
  });
  test('leaves out what is absent and refuses impossible positions', () => {
    const text = icalEvent({ ...base, end: null, location: null, description: '', url: null, organiser: null });
    for (const name of ['DTEND', 'GEO', 'DESCRIPTION', 'URL', 'CONTACT', 'ORGANIZER']) assert.equal(prop(text, name), undefined, name);
    assert.throws(() => icalEvent({ ...base, location: { lon: 0, lat: 91 } }), RangeError);
  });
  test('drops a URL that is not an absolute web address (it could carry a line break or a script)', () => {
    assert.equal(prop(icalEvent({ ...base, url: 'javascript:alert(1)' }), 'URL'), undefined);
    assert.equal(prop(icalEvent({ ...base, url: 'https://x.example/\r\nATTACH:evil' }), 'URL'), undefined);
    assert.equal(prop(icalEvent({ ...base, url: 'https://x.example/\r\nATTACH:evil' }), 'ATTACH'), undefined);
  });
  test('a line break in the summary cannot inject a property', () => {
    const text = icalEvent({ ...base, summary: 'Hi\r\nATTENDEE:mailto:x@y.example' });
    assert.equal(prop(text, 'ATTENDEE'), undefined);
    assert.equal(prop(text, 'SUMMARY'), 'Hi\\nATTENDEE:mailto:x@y.example');
  });
});

describe('icalCalendar', () => {
  test('wraps events in a VCALENDAR with VERSION, PRODID and a name', () => {
    const text = icalCalendar({
      name: 'Southwark, events',
      prodId: '-//Civic Elements//API//EN',
      events: [base, { ...base, uid: 'event-43@civic.example', summary: 'Second' }],
    });
    assertWellFormed(text);
    const lines = unfold(text);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.equal(prop(text, 'VERSION'), '2.0');
    assert.equal(prop(text, 'PRODID'), '-//Civic Elements//API//EN');
    assert.equal(prop(text, 'METHOD'), 'PUBLISH');
    assert.equal(prop(text, 'X-WR-CALNAME'), 'Southwark\\, events');
    assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 2);
    assert.equal(lines.filter((l) => l === 'END:VEVENT').length, 2);
    // VERSION and PRODID come before any component (RFC 5545 3.4 / 3.6).
    assert.ok(lines.indexOf('VERSION:2.0') < lines.indexOf('BEGIN:VEVENT'));
  });
  test('an empty calendar is still a valid calendar', () => {
    const text = icalCalendar({ name: 'Empty', prodId: '-//x//y//EN', events: [] });
    assert.deepEqual(unfold(text).filter((l) => l.startsWith('BEGIN') || l.startsWith('END')), ['BEGIN:VCALENDAR', 'END:VCALENDAR']);
  });
});
