// Address search: the local gazetteer (SQLite FTS5) and a Nominatim-compatible service (a fake one on
// 127.0.0.1), behind GET /v1/geocode, results inside the organisation's area first.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { GeocodeResults } from '@civic-elements/protocol';
import { rankInArea } from '../src/geocode/area.js';
import { NominatimGeocoder } from '../src/geocode/nominatim.js';
import { loadSouthwarkGazetteer, SOUTHWARK_AREA, SOUTHWARK_GAZETTEER } from '../src/geocode/southwark-gazetteer.js';
import { GeocoderUnavailable } from '../src/geocode/types.js';
import { ftsQuery } from '../src/store/sqlite/gazetteer.js';
import type { GazetteerEntry } from '../src/store/types.js';
import { buildTestApp, type TestApp } from './support/app.js';

/** test-council's area (see seedTestOrg). */
const EXTENT = [-0.11, 51.42, -0.03, 51.51] as const;

/** Entries the tests need beyond Southwark's: accents, and namesakes outside the area. */
const EXTRA: GazetteerEntry[] = [
  { label: 'Crème Brûlée Close, Peckham', kind: 'street', lon: -0.067, lat: 51.471 },
  { label: 'Rye Lane', kind: 'street', lon: 0.73, lat: 50.95 }, // in Rye, East Sussex: far outside
  { label: 'Peckham Road, Elsewhere', kind: 'street', lon: -1.5, lat: 53.0 },
];

const inside = (lon: number, lat: number) => lon >= EXTENT[0] && lon <= EXTENT[2] && lat >= EXTENT[1] && lat <= EXTENT[3];

describe('the Southwark gazetteer data', () => {
  test('has 150+ entries, unique, all inside the borough’s box, with the streets and places the demo needs', () => {
    assert.ok(SOUTHWARK_GAZETTEER.length >= 150, `${SOUTHWARK_GAZETTEER.length} entries`);
    const keys = SOUTHWARK_GAZETTEER.map((e) => `${e.kind}:${e.label}`);
    assert.equal(new Set(keys).size, keys.length, 'no duplicates');
    for (const entry of SOUTHWARK_GAZETTEER) {
      assert.ok(inside(entry.lon, entry.lat), `${entry.label} at ${entry.lon},${entry.lat}`);
      if (entry.bbox) {
        const [w, s, e, n] = entry.bbox;
        assert.ok(w <= entry.lon && entry.lon <= e && s <= entry.lat && entry.lat <= n, `${entry.label}: point inside its box`);
      }
    }
    const labels = new Set(SOUTHWARK_GAZETTEER.map((e) => e.label));
    for (const label of ['Walworth Road, Walworth', 'Old Kent Road, Walworth', 'Rye Lane, Peckham', 'Burgess Park', 'Peckham Library', 'Canada Water', 'SE15 4ST', 'London Bridge station']) {
      assert.ok(labels.has(label), label);
    }
    const kinds = new Set(SOUTHWARK_GAZETTEER.map((e) => e.kind));
    assert.deepEqual([...kinds].sort(), ['area', 'place', 'postcode', 'street']);
  });
});

describe('ftsQuery', () => {
  test('every typed word becomes a quoted prefix; FTS5 syntax cannot get through', () => {
    assert.equal(ftsQuery('Rye La'), '"Rye"* "La"*');
    assert.equal(ftsQuery('peck* OR "x" NEAR(a b) -c ^d'), '"peck"* "OR"* "x"* "NEAR"* "a"* "b"* "c"* "d"*');
    assert.equal(ftsQuery("St Mary's"), '"St"* "Marys"*');
    assert.equal(ftsQuery('E&C'), '"EC"*');
    assert.equal(ftsQuery('!! ,,'), null);
  });
});

describe('gazetteer store', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  test('loading is idempotent: again changes nothing; a changed list changes only what differs', async () => {
    const first = await loadSouthwarkGazetteer(t.store);
    assert.equal(first, SOUTHWARK_GAZETTEER.length);
    assert.equal(await loadSouthwarkGazetteer(t.store), 0);
    assert.equal(await t.store.gazetteer.count(SOUTHWARK_AREA), SOUTHWARK_GAZETTEER.length);

    const moved = SOUTHWARK_GAZETTEER.map((e) => (e.label === 'Burgess Park' ? { ...e, lon: e.lon + 0.001 } : e)).filter((e) => e.label !== 'Peckham Library');
    assert.equal(await t.store.gazetteer.replaceArea(SOUTHWARK_AREA, moved), 2);
    assert.equal(await t.store.gazetteer.count(SOUTHWARK_AREA), SOUTHWARK_GAZETTEER.length - 1);
    assert.deepEqual(await t.store.gazetteer.search('peckham library', { limit: 5 }), []);
    const [burgess] = await t.store.gazetteer.search('burgess park', { limit: 1 });
    assert.ok(Math.abs(burgess!.lon - (-0.081 + 0.001)) < 1e-9);
    // Another area's entries are left alone.
    await t.store.gazetteer.replaceArea('test', EXTRA);
    assert.equal(await loadSouthwarkGazetteer(t.store), 2);
    assert.equal(await t.store.gazetteer.count(), SOUTHWARK_GAZETTEER.length + EXTRA.length);
  });
});

describe('GET /v1/geocode with the gazetteer', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await loadSouthwarkGazetteer(t.store);
    await t.store.gazetteer.replaceArea('test', EXTRA);
  });
  afterEach(async () => {
    await t.close();
  });

  const search = async (query: string) => {
    const res = await t.call('GET', `/v1/geocode?${query}`);
    return { ...res, results: res.status === 200 ? GeocodeResults.parse(res.json).results : [] };
  };
  const labels = (results: { label: string }[]) => results.map((r) => r.label);

  test('prefix search: the start of each word is enough, in any order', async () => {
    const rye = await search('org=test-council&q=rye%20la');
    assert.equal(rye.status, 200);
    assert.equal(rye.results[0]!.label, 'Rye Lane, Peckham');
    assert.equal(rye.results[0]!.kind, 'street');
    assert.deepEqual(rye.results[0]!.point, { type: 'Point', coordinates: [-0.0688, 51.469] });
    assert.equal(rye.results[0]!.inArea, true);
    assert.equal(rye.headers.get('cache-control'), 'public, max-age=300');

    assert.ok(labels((await search('org=test-council&q=camb%20church')).results).includes('Camberwell Church Street, Camberwell'));
    assert.ok(labels((await search('org=test-council&q=church%20camb')).results).includes('Camberwell Church Street, Camberwell'));
    assert.deepEqual(labels((await search('org=test-council&q=walworth%20rd')).results).slice(0, 1), ['Walworth Road, Walworth']);
    assert.deepEqual(labels((await search('org=test-council&q=SE15%204')).results), ['SE15 4ST']);
    assert.deepEqual(labels((await search('org=test-council&q=se154st')).results), ['SE15 4ST']);
    assert.equal((await search('org=test-council&q=SE15%204')).results[0]!.kind, 'postcode');
    assert.deepEqual(labels((await search("org=test-council&q=st%20marys")).results), ["St Mary's Church, Rotherhithe"]);
    assert.equal((await search('org=test-council&q=e%26c')).results.some((r) => r.label === 'Elephant and Castle'), true);
    const park = (await search('org=test-council&q=burgess')).results[0]!;
    assert.equal(park.label, 'Burgess Park');
    assert.deepEqual(park.bbox, [-0.095, 51.479, -0.067, 51.487]);
    // A typed name that is a whole label comes before the longer names that start with it.
    assert.equal((await search('org=test-council&q=peckham')).results[0]!.label, 'Peckham');
    assert.deepEqual((await search('org=test-council&q=zzyzx')).results, []);
  });

  test('diacritics are folded both ways', async () => {
    assert.deepEqual(labels((await search('org=test-council&q=creme%20brulee')).results), ['Crème Brûlée Close, Peckham']);
    assert.deepEqual(labels((await search(`org=test-council&q=${encodeURIComponent('CRÈME brû')}`)).results), ['Crème Brûlée Close, Peckham']);
    assert.ok(labels((await search(`org=test-council&q=${encodeURIComponent('Pêckham Lïbrary')}`)).results).includes('Peckham Library'));
  });

  test('results inside the organisation’s area come first, and say so', async () => {
    // "Rye Lane" exactly is the Sussex one, but it is outside: it comes after Peckham's.
    const rye = (await search('org=test-council&q=rye%20lane')).results;
    assert.deepEqual(
      rye.map((r) => [r.label, r.inArea]),
      [
        ['Rye Lane, Peckham', true],
        ['Rye Lane', false],
      ],
    );
    const road = (await search('org=test-council&q=peckham%20road&limit=20')).results;
    assert.ok(road.length < 20, 'every match is in the list');
    assert.equal(road.at(-1)!.label, 'Peckham Road, Elsewhere');
    assert.equal(road.at(-1)!.inArea, false);
    assert.ok(road.slice(0, -1).every((r) => r.inArea));
  });

  test('limit caps the results (default 8, at most 20)', async () => {
    assert.equal((await search('org=test-council&q=road')).results.length, 8);
    assert.equal((await search('org=test-council&q=road&limit=3')).results.length, 3);
    assert.equal((await search('org=test-council&q=road&limit=20')).results.length, 20);
    for (const limit of ['0', '21', 'lots', '2.5']) {
      const res = await search(`org=test-council&q=road&limit=${limit}`);
      assert.equal(res.status, 400, limit);
      assert.ok(res.json.error.fields.limit, limit);
    }
  });

  test('bad q or org: 400 or 404 with a readable message, never a 5xx', async () => {
    for (const [query, field] of [
      ['org=test-council', 'q'],
      ['org=test-council&q=', 'q'],
      ['org=test-council&q=r', 'q'],
      [`org=test-council&q=${'a'.repeat(201)}`, 'q'],
      ['q=rye', 'org'],
    ] as const) {
      const res = await search(query);
      assert.equal(res.status, 400, query);
      assert.equal(res.json.error.code, 'validation_failed');
      assert.ok(res.json.error.fields[field], `${query}: ${res.text}`);
    }
    assert.match((await search('org=test-council&q=r')).json.error.fields.q, /at least 2 characters/);
    const unknown = await search('org=no-such-org&q=rye');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'org_not_found');
    // FTS5 syntax, quotes and punctuation only: answered, not an SQL error.
    for (const q of ['"unterminated', 'rye OR', 'NEAR(rye lane)', '**', '!!', "'; DROP TABLE gazetteer; --", 'rye\u0000lane']) {
      const res = await search(`org=test-council&q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${q}: ${res.text}`);
    }
  });
});

// ─── Nominatim, played by a local server ────────────────────────────────────────────────────────

type Mode = 'ok' | 'hang' | 'error' | 'junk' | 'huge';

/** A Nominatim-compatible server on 127.0.0.1 answering /search in jsonv2, or misbehaving as told. */
class FakeNominatim {
  mode: Mode = 'ok';
  readonly requests: { url: URL; headers: IncomingMessage['headers'] }[] = [];
  #server: Server | undefined;
  #hanging: ServerResponse[] = [];
  url = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => this.#answer(req, res));
    await new Promise<void>((listening) => this.#server!.listen(0, '127.0.0.1', listening));
    this.url = `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((closed) => this.#server?.close(() => closed()));
  }

  #answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ url, headers: req.headers });
    if (url.pathname !== '/search') return void res.writeHead(404).end();
    if (this.mode === 'hang') return void this.#hanging.push(res);
    if (this.mode === 'error') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('overloaded');
    if (this.mode === 'junk') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    if (this.mode === 'huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      for (let i = 0; i < 40; i++) res.write(`${'{"x":"' + 'y'.repeat(50_000) + '"},'}`);
      return void res.end('{}]');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(NOMINATIM_PLACES));
  }
}

/** What Nominatim answers (format=jsonv2), the first one outside test-council's area. */
const NOMINATIM_PLACES = [
  {
    place_id: 1,
    lat: '50.9500000',
    lon: '0.7300000',
    category: 'highway',
    type: 'residential',
    addresstype: 'road',
    display_name: 'Rye Lane, Rye, Rother, East Sussex, England, United Kingdom',
    boundingbox: ['50.9490', '50.9510', '0.7290', '0.7310'],
  },
  {
    place_id: 2,
    lat: '51.4690000',
    lon: '-0.0688000',
    category: 'highway',
    type: 'secondary',
    addresstype: 'road',
    display_name: 'Rye Lane, Peckham, London Borough of Southwark, London, Greater London, England, SE15 4ST, United Kingdom',
    boundingbox: ['51.4640', '51.4740', '-0.0700', '-0.0670'],
  },
  { place_id: 3, lat: '51.4697', lon: '-0.0687', category: 'place', type: 'postcode', addresstype: 'postcode', display_name: 'SE15 4ST, London, England' },
  { place_id: 4, lat: '51.4712', lon: '-0.0690', category: 'building', type: 'yes', addresstype: 'building', display_name: '133, Rye Lane, Peckham, London' },
  { place_id: 5, lat: '51.4700', lon: '-0.0690', category: 'place', type: 'suburb', addresstype: 'suburb', display_name: 'Peckham, London Borough of Southwark, London' },
  { place_id: 6, lat: 'not a number', lon: '-0.07', category: 'amenity', type: 'cafe', display_name: 'Broken' },
  { place_id: 7, lat: '51.47', lon: '-0.07', category: 'amenity', type: 'library', display_name: 'Peckham Library, 122, Peckham Hill Street, London', boundingbox: ['x'] },
];

describe('NominatimGeocoder', () => {
  const fake = new FakeNominatim();
  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(() => {
    fake.mode = 'ok';
    fake.requests.length = 0;
  });

  test('asks /search in jsonv2 with the viewbox, its User-Agent and the language; maps the answer', async () => {
    const geocoder = new NominatimGeocoder({ url: fake.url, userAgent: 'CivicElements/test (+http://civic.test)', language: 'en' });
    const results = await geocoder.search('rye lane', { bbox: [...EXTENT], limit: 10 });
    assert.equal(fake.requests.length, 1);
    const { url, headers } = fake.requests[0]!;
    assert.equal(url.pathname, '/search');
    assert.equal(url.searchParams.get('q'), 'rye lane');
    assert.equal(url.searchParams.get('format'), 'jsonv2');
    assert.equal(url.searchParams.get('limit'), '10');
    assert.equal(url.searchParams.get('viewbox'), EXTENT.join(','));
    assert.equal(url.searchParams.get('bounded'), '0');
    assert.equal(headers['user-agent'], 'CivicElements/test (+http://civic.test)');
    assert.equal(headers['accept-language'], 'en');

    assert.deepEqual(
      results.map((r) => [r.label, r.kind, r.inArea]),
      [
        ['Rye Lane, Rye, Rother', 'street', false],
        ['Rye Lane, Peckham, London Borough of Southwark', 'street', true],
        ['SE15 4ST, London, England', 'postcode', true],
        ['133, Rye Lane, Peckham', 'address', true],
        ['Peckham, London Borough of Southwark, London', 'area', true],
        ['Peckham Library, 122, Peckham Hill Street', 'place', true],
      ],
    );
    // Nominatim's [south, north, west, east] strings become GeoJSON's [west, south, east, north].
    assert.deepEqual(results[1]!.bbox, [-0.07, 51.464, -0.067, 51.474]);
    assert.deepEqual(results[1]!.point, { type: 'Point', coordinates: [-0.0688, 51.469] });
    assert.equal(results[2]!.bbox, null);
    assert.equal(results[5]!.bbox, null, 'a broken box is dropped, not the place');
  });

  test('a URL that already ends in /search is used as it is', async () => {
    await new NominatimGeocoder({ url: `${fake.url}/search`, userAgent: 'x' }).search('rye', { bbox: null, limit: 2 });
    assert.equal(fake.requests[0]!.url.pathname, '/search');
    assert.equal(fake.requests[0]!.url.searchParams.get('viewbox'), null);
  });

  test('a timeout, an error status, junk, far too much, or nobody listening: GeocoderUnavailable', async () => {
    const geocoder = new NominatimGeocoder({ url: fake.url, userAgent: 'x', timeoutMs: 150 });
    const cases: [Mode, RegExp][] = [
      ['hang', /did not answer within 0.15 seconds/],
      ['error', /answered 500/],
      ['junk', /JSON/],
      ['huge', /far too much/],
    ];
    for (const [mode, message] of cases) {
      fake.mode = mode;
      await assert.rejects(geocoder.search('rye', { bbox: null, limit: 5 }), (error: unknown) => error instanceof GeocoderUnavailable && message.test(error.message), mode);
    }
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    await assert.rejects(new NominatimGeocoder({ url: `http://127.0.0.1:${port}`, userAgent: 'x' }).search('rye', { bbox: null, limit: 5 }), /could not be reached/);
  });
});

describe('GET /v1/geocode with GEOCODER_URL set', () => {
  const fake = new FakeNominatim();
  let t: TestApp;
  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(async () => {
    fake.mode = 'ok';
    fake.requests.length = 0;
    t = await buildTestApp({ geocoderUrl: fake.url, geocoderTimeoutMs: 200 });
  });
  afterEach(async () => {
    await t.close();
  });

  test('answers from the service, inside the area first, cut to the limit', async () => {
    const res = await t.call('GET', '/v1/geocode?org=test-council&q=rye%20lane&limit=3');
    assert.equal(res.status, 200, res.text);
    const { results } = GeocodeResults.parse(res.json);
    assert.deepEqual(
      results.map((r) => [r.label, r.inArea]),
      [
        ['Rye Lane, Peckham, London Borough of Southwark', true],
        ['SE15 4ST, London, England', true],
        ['133, Rye Lane, Peckham', true],
      ],
    );
    // More than the limit is asked for, so that places in the area are not cut before ranking.
    assert.equal(fake.requests[0]!.url.searchParams.get('limit'), '6');
    assert.match(String(fake.requests[0]!.headers['user-agent']), /^CivicElements\/\S+ \(\+http/);
  });

  test('a service that hangs or fails: 503 service_unavailable with Retry-After, and the API carries on', async () => {
    for (const mode of ['hang', 'error', 'junk'] as const) {
      fake.mode = mode;
      const started = performance.now();
      const res = await t.call('GET', '/v1/geocode?org=test-council&q=rye');
      assert.equal(res.status, 503, `${mode}: ${res.text}`);
      assert.equal(res.json.error.code, 'service_unavailable');
      assert.match(res.json.error.message, /Address search is not available just now/);
      assert.equal(res.headers.get('retry-after'), '30');
      assert.ok(performance.now() - started < 2000, `${mode}: answered promptly`);
    }
    fake.mode = 'ok';
    assert.equal((await t.call('GET', '/v1/geocode?org=test-council&q=rye')).status, 200);
    assert.equal((await t.call('GET', '/health')).status, 200);
  });
});

describe('rankInArea', () => {
  test('keeps the provider’s order within each group and marks every result', () => {
    const at = (label: string, lon: number, lat: number) => ({ label, kind: 'place' as const, point: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] }, bbox: null, inArea: false });
    const ranked = rankInArea([at('far1', 1, 52), at('near1', -0.07, 51.47), at('far2', 2, 52), at('near2', -0.08, 51.48)], [...EXTENT], 3);
    assert.deepEqual(
      ranked.map((r) => [r.label, r.inArea]),
      [
        ['near1', true],
        ['near2', true],
        ['far1', false],
      ],
    );
    assert.deepEqual(
      rankInArea([at('a', -0.07, 51.47)], null, 5).map((r) => r.inArea),
      [false],
    );
  });
});
