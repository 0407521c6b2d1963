// Open311's building blocks without HTTP: the XML writer, the JSON/XML pairing, datatypes, attribute answers, query windows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FieldDefinition, type FieldDefinition as Field } from '@civic-elements/protocol';
import { answersFor, attributeOf, collectAttributes, datatypeOf, parseW3DateTime } from '../src/open311/attributes.js';
import { escapeXml, list, renderJson, renderXml, type Document } from '../src/open311/document.js';
import { errorDocument } from '../src/open311/errors.js';
import { splitSuffix } from '../src/open311/format.js';
import { readRequestForm, readRequestsQuery } from '../src/open311/params.js';
import { postcodeIn } from '../src/open311/present.js';
import { Open311Error } from '../src/open311/errors.js';
import { asText, parseXml, spark } from './support/open311.js';

const field = (definition: Record<string, unknown>): Field => FieldDefinition.parse(definition);

/** Every field type the categories have, one of each. */
const FIELDS: Field[] = [
  field({ key: 'name', label: 'Street name', type: 'text', maxLength: 40, required: true }),
  field({ key: 'notes', label: 'Notes', type: 'text', multiline: true, help: 'Anything else we should know.' }),
  field({ key: 'depth', label: 'Depth', type: 'number', min: 1, max: 100, integer: true, unit: 'cm' }),
  field({ key: 'seen_on', label: 'Seen on', type: 'date' }),
  field({ key: 'seen_at', label: 'Seen at', type: 'time' }),
  field({ key: 'since', label: 'Since', type: 'datetime' }),
  field({ key: 'size', label: 'Size', type: 'choice', options: [{ value: 'small', label: 'Small' }, { value: 'large', label: 'Large & deep' }] }),
  field({ key: 'hazards', label: 'Hazards', type: 'multichoice', maxChoices: 2, options: [{ value: 'traffic', label: 'Traffic' }, { value: 'cyclists', label: 'Cyclists' }, { value: 'children', label: 'Children' }] }),
  field({ key: 'lit', label: 'Is it lit?', type: 'boolean' }),
];

describe('XML writer', () => {
  test('escapes markup characters and keeps carriage returns', () => {
    assert.equal(escapeXml('a < b && c > d ]]> "q" \'s\''), 'a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" \'s\'');
    assert.equal(escapeXml('one\r\ntwo\tthree'), 'one&#13;\ntwo\tthree');
  });
  test('drops characters XML 1.0 cannot carry, keeps every other character', () => {
    assert.equal(escapeXml('bell\u0007 nul\u0000 ff\u000c end\uffff'), 'bell nul ff end');
    assert.equal(escapeXml('lone \ud800 low \udc00 pair 😀 ساق'), 'lone  low  pair 😀 ساق');
  });
  test('a document renders as well-formed XML and as the same data in JSON (Spark)', () => {
    const hostile = 'Potholes <script>alert("x")</script> & "fly-tipping" \u0001 ]]> 😀';
    const document: Document = {
      root: 'services',
      body: list('service', [
        { service_code: 'pothole', service_name: hostile, metadata: true, keywords: null, group: 'Roads' },
        { service_code: 'graffiti', service_name: 'Graffiti', metadata: false, keywords: 'paint, tags', group: '' },
      ]),
    };
    const xml = renderXml(document);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>'));
    const parsed = parseXml(xml);
    assert.equal(parsed.name, 'services');
    assert.equal(parsed.children[0]!.children[1]!.text, 'Potholes <script>alert("x")</script> & "fly-tipping"  ]]> 😀');
    const json = JSON.parse(renderJson(document));
    assert.equal(json[0].service_name, hostile, 'JSON keeps the text as sent');
    // The same data, but for the one character XML cannot hold.
    json[0].service_name = json[0].service_name.replace('\u0001', '');
    assert.deepEqual(spark(parsed), asText(json));
  });
  test('a container with one child is still a list in JSON, and an empty one is an empty list', () => {
    assert.equal(renderJson({ root: 'services', body: list('service', [{ service_code: 'a' }]) }), '[{"service_code":"a"}]');
    assert.equal(renderJson({ root: 'services', body: list('service', []) }), '[]');
    assert.equal(renderXml({ root: 'services', body: list('service', []) }), '<?xml version="1.0" encoding="utf-8"?>\n<services/>\n');
  });
  test('errors: [{ code, description }] and <errors><error>', () => {
    const document = errorDocument(new Open311Error(400, ['attribute[depth]: Send a number.', 'lat: too far north']).problems);
    assert.deepEqual(JSON.parse(renderJson(document)), [
      { code: 400, description: 'attribute[depth]: Send a number.' },
      { code: 400, description: 'lat: too far north' },
    ]);
    const xml = parseXml(renderXml(document));
    assert.equal(xml.name, 'errors');
    assert.deepEqual(xml.children.map((e) => [e.name, e.children.map((c) => `${c.name}=${c.text}`)]), [
      ['error', ['code=400', 'description=attribute[depth]: Send a number.']],
      ['error', ['code=400', 'description=lat: too far north']],
    ]);
  });
  test('the format comes from the suffix', () => {
    assert.deepEqual(splitSuffix('pothole.json'), { name: 'pothole', format: 'json' });
    assert.deepEqual(splitSuffix('SWK-1042.XML'), { name: 'SWK-1042', format: 'xml' });
    assert.equal(splitSuffix('pothole'), null);
    assert.equal(splitSuffix('pothole.html'), null);
    assert.equal(splitSuffix('.json'), null);
  });
});

describe('service definitions: a datatype for every field type', () => {
  test('text → string or text, number → number, date/time/datetime → datetime, choice and boolean → singlevaluelist, multichoice → multivaluelist', () => {
    assert.deepEqual(
      FIELDS.map((f) => [f.key, datatypeOf(f)]),
      [
        ['name', 'string'],
        ['notes', 'text'],
        ['depth', 'number'],
        ['seen_on', 'datetime'],
        ['seen_at', 'datetime'],
        ['since', 'datetime'],
        ['size', 'singlevaluelist'],
        ['hazards', 'multivaluelist'],
        ['lit', 'singlevaluelist'],
      ],
    );
  });
  test('an attribute has the spec fields; lists carry their values; the help text leads the datatype description', () => {
    const json = (value: unknown) => JSON.parse(renderJson({ root: 'attribute', body: value as never }));
    assert.deepEqual(json(attributeOf(FIELDS[0]!, 1)), {
      variable: true,
      code: 'name',
      datatype: 'string',
      required: true,
      datatype_description: 'Text on one line, at most 40 characters.',
      order: 1,
      description: 'Street name',
    });
    assert.equal(json(attributeOf(FIELDS[1]!, 2)).datatype_description, 'Anything else we should know. Text of at most 500 characters; line breaks allowed.');
    assert.equal(json(attributeOf(FIELDS[2]!, 3)).datatype_description, 'A whole number from 1 to 100 (cm).');
    assert.deepEqual(json(attributeOf(FIELDS[6]!, 7)).values, [
      { key: 'small', name: 'Small' },
      { key: 'large', name: 'Large & deep' },
    ]);
    assert.match(json(attributeOf(FIELDS[7]!, 8)).datatype_description, /at most 2.*attribute\[hazards\]\[\]=key/);
    assert.deepEqual(json(attributeOf(FIELDS[8]!, 9)).values, [
      { key: 'true', name: 'Yes' },
      { key: 'false', name: 'No' },
    ]);
    assert.equal(json(attributeOf(FIELDS[2]!, 3)).values, undefined, 'no values for a number');
  });
});

describe('attribute[CODE] answers', () => {
  const answer = (params: [string, string][]) => {
    const collected = collectAttributes(params);
    const result = answersFor(FIELDS, collected.answers, 'Pothole');
    return { values: result.values, problems: [...collected.problems, ...result.problems] };
  };

  test('every datatype read into what the category keeps', () => {
    const { values, problems } = answer([
      ['attribute[name]', ' Walworth Road '],
      ['attribute[notes]', 'Deep.\nVery deep.'],
      ['attribute[depth]', '12'],
      ['attribute[seen_on]', '2026-05-31T23:30:00-05:00'],
      ['attribute[seen_at]', '2026-05-31T07:05:59+01:00'],
      ['attribute[since]', '2026-05-31T18:45:00+01:00'],
      ['attribute[size]', 'large'],
      ['attribute[hazards][]', 'traffic'],
      ['attribute[hazards][]', 'children'],
      ['attribute[lit]', 'FALSE'],
      ['description', 'not an attribute'],
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(values, {
      name: 'Walworth Road',
      notes: 'Deep.\nVery deep.',
      depth: 12,
      seen_on: '2026-05-31',
      seen_at: '07:05',
      since: '2026-05-31T17:45:00Z',
      size: 'large',
      hazards: ['traffic', 'children'],
      lit: false,
    });
  });
  test('short forms: a date, a time with seconds, a multivaluelist sent without []', () => {
    const { values, problems } = answer([
      ['attribute[name]', 'A'],
      ['attribute[seen_on]', '2024-02-29'],
      ['attribute[seen_at]', '17:45:10'],
      ['attribute[hazards]', 'cyclists'],
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(values, { name: 'A', seen_on: '2024-02-29', seen_at: '17:45', hazards: ['cyclists'] });
  });
  test('a required attribute left out, or sent empty, is named', () => {
    assert.deepEqual(answer([]).problems, ['attribute[name]: Answer “Street name”: it is required.']);
    assert.deepEqual(answer([['attribute[name]', '  ']]).problems, ['attribute[name]: Answer “Street name”: it is required.']);
  });
  test('each wrong answer is named with its problem, all at once', () => {
    const { problems } = answer([
      ['attribute[name]', 'Line one\nline two'],
      ['attribute[depth]', '12cm'],
      ['attribute[seen_on]', '2026-02-30'],
      ['attribute[seen_at]', '25:00'],
      ['attribute[since]', '2026-05-31T18:45:00'],
      ['attribute[size]', 'huge'],
      ['attribute[hazards][]', 'traffic'],
      ['attribute[hazards][]', 'cyclists'],
      ['attribute[hazards][]', 'children'],
      ['attribute[lit]', 'maybe'],
      ['attribute[colour]', 'red'],
      ['attribute[]', 'x'],
      ['attribute[a][b]', 'x'],
    ]);
    const byCode = (code: string) => problems.find((p) => p.startsWith(`${code}:`));
    assert.match(byCode('attribute[name]')!, /one line/);
    assert.match(byCode('attribute[depth]')!, /Send a number/);
    assert.match(byCode('attribute[seen_on]')!, /real date/);
    assert.match(byCode('attribute[seen_at]')!, /time/);
    assert.match(byCode('attribute[since]')!, /Z or an offset/);
    assert.match(byCode('attribute[size]')!, /Choose one of: Small, Large & deep/);
    assert.match(byCode('attribute[hazards]')!, /at most 2 options/);
    assert.match(byCode('attribute[lit]')!, /true or false/);
    assert.match(byCode('attribute[colour]')!, /Pothole has no attribute with this code/);
    assert.match(byCode('attribute[]')!, /attribute\[CODE\]=value/);
    assert.match(byCode('attribute[a][b]')!, /attribute\[CODE\]=value/);
    assert.equal(problems.length, 11);
  });
  test('a number out of range and two values for a single-valued attribute', () => {
    const { problems } = answer([
      ['attribute[name]', 'A'],
      ['attribute[depth]', '101'],
      ['attribute[size]', 'small'],
      ['attribute[size]', 'large'],
    ]);
    assert.deepEqual(problems, ['attribute[size]: Send one value (2 were sent).', 'attribute[depth]: Enter 100 cm or less.']);
  });
  test('w3 date-times: offsets to UTC, fractions kept, impossible ones refused', () => {
    assert.equal(parseW3DateTime('2010-01-01T00:00:00Z'), '2010-01-01T00:00:00Z');
    assert.equal(parseW3DateTime('1994-11-05T08:15:30-05:00'), '1994-11-05T13:15:30Z');
    assert.equal(parseW3DateTime('1994-11-05T08:15:30-0500'), '1994-11-05T13:15:30Z');
    assert.equal(parseW3DateTime('2026-03-02T09:00:00.250+00:00'), '2026-03-02T09:00:00.250Z');
    assert.equal(parseW3DateTime('2026-03-02T09:00Z'), '2026-03-02T09:00:00Z');
    for (const bad of ['2026-03-02', '2026-03-02T09:00:00', '2026-02-30T00:00:00Z', '2026-03-02T24:00:00Z', '2026-03-02T09:00:00+25:00', 'yesterday', '']) {
      assert.equal(parseW3DateTime(bad), null, bad);
    }
  });
});

describe('GET requests parameters', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const read = (query: Record<string, string>) => readRequestsQuery(query, now);
  const problems = (query: Record<string, string>) => {
    try {
      read(query);
    } catch (error) {
      assert.ok(error instanceof Open311Error);
      assert.equal(error.status, 400);
      return error.problems.map((p) => p.description);
    }
    assert.fail('expected a 400');
  };

  test('no dates: the 90 days up to now; at most 1000', () => {
    assert.deepEqual(read({}), { start: '2025-12-02T09:00:00.000Z', end: '2026-03-02T09:00:00.000Z', limit: 1000 });
  });
  test('one date: the 90 days after start_date or before end_date', () => {
    assert.deepEqual(read({ start_date: '2025-01-01T00:00:00Z' }), { start: '2025-01-01T00:00:00.000Z', end: '2025-04-01T00:00:00.000Z', limit: 1000 });
    assert.deepEqual(read({ end_date: '2025-04-01T01:00:00+01:00' }), { start: '2025-01-01T00:00:00.000Z', end: '2025-04-01T00:00:00.000Z', limit: 1000 });
  });
  test('both dates: exactly 90 days apart is allowed, one second more is not; the end before the start is not', () => {
    assert.equal(read({ start_date: '2025-01-01T00:00:00Z', end_date: '2025-04-01T00:00:00Z' }).end, '2025-04-01T00:00:00.000Z');
    assert.match(problems({ start_date: '2025-01-01T00:00:00Z', end_date: '2025-04-01T00:00:01Z' })[0]!, /more than 90 days/);
    assert.match(problems({ start_date: '2025-02-01T00:00:00Z', end_date: '2025-01-01T00:00:00Z' })[0]!, /before start_date/);
  });
  test('status, service_code and service_request_id lists; empty parameters count as not sent', () => {
    assert.deepEqual(read({ status: 'open', service_code: 'pothole,graffiti,pothole', service_request_id: '' }), {
      serviceCodes: ['pothole', 'graffiti'],
      start: '2025-12-02T09:00:00.000Z',
      end: '2026-03-02T09:00:00.000Z',
      open: true,
      limit: 1000,
    });
    assert.equal(read({ status: 'closed' }).open, false);
    assert.equal(read({ status: 'open,closed' }).open, undefined);
    assert.deepEqual(read({ service_request_id: 'swk-1042, SWK-1043' }).ids, ['SWK-1042', 'SWK-1043']);
  });
  test('bad values are all reported', () => {
    assert.deepEqual(problems({ status: 'pending', start_date: 'last week' }).length, 2);
    assert.match(problems({ status: 'pending' })[0]!, /"pending" is not a status/);
    assert.match(problems({ start_date: '2025-01-01' })[0]!, /start_date: .*time zone/);
  });
});

describe('POST requests parameters', () => {
  const read = (fields: Record<string, string>) => readRequestForm(new URLSearchParams(fields));
  const problems = (fields: Record<string, string>) => {
    try {
      read(fields);
    } catch (error) {
      assert.ok(error instanceof Open311Error);
      return error.problems.map((p) => p.description);
    }
    assert.fail('expected a 400');
  };
  test('the named parameters, trimmed, with lat and long as a point and the email lower-cased', () => {
    assert.deepEqual(read({ service_code: 'pothole', lat: '51.47', long: '-0.08', email: ' Sam@Example.org ', first_name: 'Sam', description: ' Deep hole ' }), {
      serviceCode: 'pothole',
      point: { lon: -0.08, lat: 51.47 },
      addressString: undefined,
      addressId: undefined,
      email: 'sam@example.org',
      firstName: 'Sam',
      lastName: undefined,
      phone: undefined,
      deviceId: undefined,
      accountId: undefined,
      description: 'Deep hole',
      mediaUrl: undefined,
    });
  });
  test('lat without long, coordinates out of range, a bad email or media_url, a description over 4000, a parameter sent twice', () => {
    assert.match(problems({ lat: '51.4' })[0]!, /long: send lat and long together/);
    const all = problems({ lat: '91', long: 'east', email: 'not-an-email', media_url: 'javascript:alert(1)', description: 'x'.repeat(4001), phone: 'x'.repeat(41) });
    assert.equal(all.length, 6);
    assert.ok(all.some((p) => p.startsWith('lat:')) && all.some((p) => p.startsWith('long:')) && all.some((p) => p.startsWith('email:')));
    assert.ok(all.some((p) => p.startsWith('phone: at most 40')) && all.some((p) => p.startsWith('media_url:')) && all.some((p) => p.startsWith('description: at most 4000')));
    const twice = new URLSearchParams([['email', 'a@example.org'], ['email', 'b@example.org']]);
    assert.throws(() => readRequestForm(twice), (error: Open311Error) => error.problems[0]!.description === 'email: send it once (it was sent 2 times).');
  });
});

test('zipcode: a UK postcode at the end of the address', () => {
  assert.equal(postcodeIn('12 Walworth Road, London SE17 1RL'), 'SE17 1RL');
  assert.equal(postcodeIn('Peckham Rye, se15 4ju'), 'SE15 4JU');
  assert.equal(postcodeIn('Camberwell Green'), null);
  assert.equal(postcodeIn(null), null);
});
