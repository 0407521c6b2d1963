// Open311 GeoReport v2 at /open311/v2/: every endpoint in JSON and XML, field by field against the spec,
// over the same reports the widgets use.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import sharp from 'sharp';
import { FieldDefinition } from '@civic-elements/protocol';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { OriginAllowList } from '../src/http/cors.js';
import type { AppEnv } from '../src/http/env.js';
import { RateLimiter } from '../src/http/rate-limit.js';
import { StreamHub } from '../src/debate/hub.js';
import { open311Routes } from '../src/open311/routes.js';
import { testConfig } from '../src/config.js';
import { OutboxMailer } from '../src/mail/outbox.js';
import { seedTestOrg } from '../src/seed.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { NewReport, OrgRecord, ReportCategoryRecord } from '../src/store/types.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { asText, formBody, parseXml, spark, type XmlElement } from './support/open311.js';
import { FirstPageCache } from '../src/debate/page-cache.js';

let t: TestApp;
let admin: { accessToken: string };
let key: string;
let otherKey: string;
let pothole: ReportCategoryRecord;
let graffiti: ReportCategoryRecord;

const V2 = '/open311/v2';
const J = 'jurisdiction_id=test-council';
const NOW = '2026-03-02T09:00:00.000Z';
/** Inside both test organisations' area. */
const HERE = { lat: 51.4741, long: -0.0877 };

const FIELDS = [
  { key: 'name', label: 'Street name', type: 'text', maxLength: 40, required: true },
  { key: 'notes', label: 'Notes', type: 'text', multiline: true, help: 'Anything else we should know.' },
  { key: 'depth', label: 'Depth', type: 'number', min: 1, max: 100, integer: true, unit: 'cm' },
  { key: 'seen_on', label: 'Seen on', type: 'date' },
  { key: 'seen_at', label: 'Seen at', type: 'time' },
  { key: 'since', label: 'Since', type: 'datetime' },
  { key: 'size', label: 'Size', type: 'choice', options: [{ value: 'small', label: 'Small' }, { value: 'large', label: 'Large & deep' }] },
  { key: 'hazards', label: 'Hazards', type: 'multichoice', maxChoices: 2, options: [{ value: 'traffic', label: 'Traffic' }, { value: 'cyclists', label: 'Cyclists' }, { value: 'children', label: 'Children' }] },
  { key: 'lit', label: 'Is it lit?', type: 'boolean' },
].map((f) => FieldDefinition.parse(f));

/** Every attribute answered, as an Open311 client sends them. */
const ANSWERS = {
  'attribute[name]': 'Walworth Road',
  'attribute[notes]': 'Deep.\nVery deep.',
  'attribute[depth]': '12',
  'attribute[seen_on]': '2026-03-01',
  'attribute[seen_at]': '2026-03-01T07:05:00+01:00',
  'attribute[since]': '2026-03-01T18:45:00+01:00',
  'attribute[size]': 'large',
  'attribute[hazards][]': ['traffic', 'children'],
  'attribute[lit]': 'false',
};

async function category(org: OrgRecord, code: string, extra: Partial<Parameters<TestApp['store']['reports']['createCategory']>[1]> = {}) {
  return t.store.reports.createCategory(
    org.id,
    { code, name: code[0]!.toUpperCase() + code.slice(1), group: 'Roads and pavements', description: '', keywords: [], department: null, fields: [], active: true, ...extra },
    new Date(NOW),
  );
}

async function makeKey(org: string, token: string) {
  const res = await t.call('POST', `/v1/orgs/${org}/open311-keys`, { token, body: { application: 'Back office' } });
  assert.equal(res.status, 201, res.text);
  return res.json as { id: string; key: string };
}

beforeEach(async () => {
  t = await buildTestApp();
  admin = await t.withRole('admin@test.example', 'admin');
  pothole = await category(t.org, 'pothole', { name: 'Pothole', description: 'Holes in the road or pavement', keywords: ['hole', 'road'], department: 'highways', fields: FIELDS });
  graffiti = await category(t.org, 'graffiti', { name: 'Graffiti', group: 'Streets' });
  await category(t.org, 'old-bins', { active: false });
  await category(t.otherOrg, 'pothole', { name: 'Other pothole' });
  key = (await makeKey('test-council', admin.accessToken)).key;
  otherKey = (await makeKey('other-org', (await t.withRole('admin@other.example', 'admin', 'other-org')).accessToken)).key;
});
afterEach(async () => {
  await t.close();
});

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────────

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: path.split('?')[0]!.endsWith('.json') ? (JSON.parse(text) as any) : undefined };
}

async function getXml(path: string) {
  const res = await get(path);
  assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8', path);
  return { ...res, xml: parseXml(res.text) };
}

/** GET in both formats: the JSON, after checking the XML says the same thing (Spark) and both answered `status`. */
async function both(path: string, query = '', status = 200): Promise<any> {
  const json = await get(`${V2}/${path}.json${query ? `?${query}` : ''}`);
  const xml = await get(`${V2}/${path}.xml${query ? `?${query}` : ''}`);
  assert.equal(json.status, status, `${path}.json: ${json.text}`);
  assert.equal(xml.status, status, `${path}.xml: ${xml.text}`);
  assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(xml.headers.get('content-type'), 'text/xml; charset=utf-8');
  assert.deepEqual(spark(parseXml(xml.text)), asText(json.json), `${path}: XML and JSON differ`);
  return json.json;
}

async function post(fields: Record<string, string | number | readonly string[] | undefined>, format: 'json' | 'xml' = 'json', headers: Record<string, string> = {}) {
  const res = await t.app.request(`${V2}/requests.${format}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    body: formBody(fields),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: format === 'json' ? (JSON.parse(text) as any) : undefined, xml: format === 'xml' ? parseXml(text) : undefined };
}

/** A full, good request to test-council; `fields` override. */
const good = (fields: Record<string, string | number | readonly string[] | undefined> = {}) => ({
  api_key: key,
  jurisdiction_id: 'test-council',
  service_code: 'pothole',
  ...HERE,
  description: 'A deep pothole by the bus stop',
  email: 'Sam@Example.org',
  first_name: 'Sam',
  last_name: 'Jones',
  ...ANSWERS,
  ...fields,
});

const descriptions = (body: any) => (body as { code: number; description: string }[]).map((e) => e.description);

/** The element's children as `name=text`, for XML field checks. */
const fieldsOf = (element: XmlElement) => Object.fromEntries(element.children.map((child) => [child.name, child.children.length > 0 ? child : child.text]));

/** A report made straight in the store at `createdAt` (cheap: for windows and caps). */
function storeReport(createdAt: string, overrides: Partial<NewReport> = {}) {
  return t.store.reports.create(
    {
      orgId: t.org.id,
      referencePrefix: 'TCL',
      categoryId: graffiti.id,
      description: `Tag seen at ${createdAt}`,
      lon: HERE.long,
      lat: HERE.lat,
      address: null,
      fields: {},
      photos: [],
      status: 'submitted',
      open: true,
      department: null,
      reporterId: null,
      reporterName: null,
      reporterEmail: null,
      clientRequestId: null,
      ...overrides,
    },
    { kind: 'created', actor: { kind: 'reporter', name: 'Resident', userId: null } },
    new Date(createdAt),
  );
}

// ─── discovery ───────────────────────────────────────────────────────────────────────────────────

describe('discovery', () => {
  test('JSON and XML: every field the service discovery spec requires', async () => {
    const body = await both('discovery');
    assert.deepEqual(Object.keys(body), ['changeset', 'contact', 'key_service', 'endpoints']);
    assert.equal(body.changeset, NOW, 'the last change to a category');
    assert.match(body.contact, /\S/);
    assert.match(body.key_service, /open311-keys/);
    assert.deepEqual(body.endpoints, [
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://localhost/open311/v2', changeset: NOW, type: 'test', formats: ['text/xml', 'application/json'] },
    ]);
    const xml = (await getXml(`${V2}/discovery.xml`)).xml;
    assert.equal(xml.name, 'discovery');
    const endpoint = xml.children.find((c) => c.name === 'endpoints')!.children[0]!;
    assert.equal(endpoint.name, 'endpoint');
    assert.deepEqual(endpoint.children.find((c) => c.name === 'formats')!.children.map((f) => `${f.name}=${f.text}`), ['format=text/xml', 'format=application/json']);
  });
  test('the changeset moves when a service definition changes', async () => {
    t.clock.advance(60_000);
    await t.store.reports.updateCategory(t.org.id, pothole.id, { name: 'Pothole or sunken cover' }, t.clock());
    assert.equal((await both('discovery')).changeset, '2026-03-02T09:01:00.000Z');
  });
});

// ─── services ────────────────────────────────────────────────────────────────────────────────────

describe('GET services', () => {
  test('the active categories, field by field, in JSON and XML; public to any web page', async () => {
    const body = await both('services', J);
    assert.deepEqual(body, [
      { service_code: 'pothole', service_name: 'Pothole', description: 'Holes in the road or pavement', metadata: true, type: 'realtime', keywords: 'hole, road', group: 'Roads and pavements' },
      { service_code: 'graffiti', service_name: 'Graffiti', description: null, metadata: false, type: 'realtime', keywords: null, group: 'Streets' },
    ]);
    const res = await getXml(`${V2}/services.xml?${J}`);
    assert.equal(res.xml.name, 'services');
    assert.deepEqual(res.xml.children.map((s) => s.name), ['service', 'service']);
    assert.deepEqual(fieldsOf(res.xml.children[0]!), { service_code: 'pothole', service_name: 'Pothole', description: 'Holes in the road or pavement', metadata: 'true', type: 'realtime', keywords: 'hole, road', group: 'Roads and pavements' });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.ok(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>'));
  });
  test('each organisation its own services', async () => {
    assert.deepEqual((await both('services', 'jurisdiction_id=other-org')).map((s: any) => s.service_name), ['Other pothole']);
  });
  test('jurisdiction_id: required when the API serves several organisations (400), unknown (404)', async () => {
    assert.match(descriptions(await both('services', '', 400))[0]!, /^jurisdiction_id: .*several jurisdictions/);
    assert.deepEqual(await both('services', 'jurisdiction_id=nowhere', 404), [{ code: 404, description: 'jurisdiction_id: "nowhere" is not a jurisdiction this API serves.' }]);
    const xml = (await getXml(`${V2}/services.xml`)).xml;
    assert.equal(xml.name, 'errors');
    assert.deepEqual(xml.children[0]!.children.map((c) => c.name), ['code', 'description']);
    assert.equal(xml.children[0]!.children[0]!.text, '400');
  });
  test('with a single organisation, jurisdiction_id may be left out', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-open311-one-'));
    const config = testConfig({ dataDir, databasePath: join(dataDir, 'civic.db') });
    const store = openSqliteStore(config.databasePath);
    try {
      const org = await seedTestOrg(store, { slug: 'only-council' });
      await store.reports.createCategory(org.id, { code: 'litter', name: 'Litter', group: 'Streets', description: '', keywords: [], department: null, fields: [], active: true }, new Date(NOW));
      const app = createApp({ store, config, mailer: new OutboxMailer(join(dataDir, 'outbox'), config.mailFrom), log: () => {} });
      const res = await app.request(`${V2}/services.json`);
      assert.equal(res.status, 200);
      assert.deepEqual((await res.json()).map((s: any) => s.service_code), ['litter']);
      assert.equal((await app.request(`${V2}/services.json?jurisdiction_id=only-council`)).status, 200);
      assert.equal((await app.request(`${V2}/services.json?jurisdiction_id=test-council`)).status, 404);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// ─── service definitions ─────────────────────────────────────────────────────────────────────────

describe('GET services/{service_code}', () => {
  test('every attribute datatype, field by field, in JSON and XML', async () => {
    const body = await both('services/pothole', J);
    assert.equal(body.service_code, 'pothole');
    const attrs = body.attributes;
    assert.deepEqual(attrs.map((a: any) => [a.code, a.datatype, a.required, a.order]), [
      ['name', 'string', true, 1],
      ['notes', 'text', false, 2],
      ['depth', 'number', false, 3],
      ['seen_on', 'datetime', false, 4],
      ['seen_at', 'datetime', false, 5],
      ['since', 'datetime', false, 6],
      ['size', 'singlevaluelist', false, 7],
      ['hazards', 'multivaluelist', false, 8],
      ['lit', 'singlevaluelist', false, 9],
    ]);
    for (const attr of attrs) {
      assert.equal(attr.variable, true);
      assert.equal(typeof attr.description, 'string');
      assert.equal(typeof attr.datatype_description, 'string');
    }
    assert.deepEqual(attrs[0], { variable: true, code: 'name', datatype: 'string', required: true, datatype_description: 'Text on one line, at most 40 characters.', order: 1, description: 'Street name' });
    assert.deepEqual(attrs[6].values, [{ key: 'small', name: 'Small' }, { key: 'large', name: 'Large & deep' }]);
    assert.deepEqual(attrs[7].values.map((v: any) => v.key), ['traffic', 'cyclists', 'children']);
    assert.deepEqual(attrs[8].values, [{ key: 'true', name: 'Yes' }, { key: 'false', name: 'No' }]);

    const xml = (await getXml(`${V2}/services/pothole.xml?${J}`)).xml;
    assert.equal(xml.name, 'service_definition');
    assert.deepEqual(xml.children.map((c) => c.name), ['service_code', 'attributes']);
    const size = xml.children[1]!.children[6]!;
    assert.equal(size.name, 'attribute');
    assert.deepEqual(size.children.map((c) => c.name), ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    assert.deepEqual(size.children[7]!.children.map((v) => `${v.name}:${v.children.map((c) => `${c.name}=${c.text}`).join(',')}`), ['value:key=small,name=Small', 'value:key=large,name=Large & deep']);
  });
  test('a service with no questions has an empty list of attributes', async () => {
    assert.deepEqual(await both('services/graffiti', J), { service_code: 'graffiti', attributes: [] });
    assert.match((await getXml(`${V2}/services/graffiti.xml?${J}`)).text, /<attributes\/>/);
  });
  test('unknown or inactive service_code: 404; another organisation’s service is its own', async () => {
    assert.match(descriptions(await both('services/nothing', J, 404))[0]!, /^service_code: Test Council has no service "nothing"/);
    await both('services/old-bins', J, 404);
    assert.deepEqual(await both('services/pothole', 'jurisdiction_id=other-org'), { service_code: 'pothole', attributes: [] });
  });
  test('without .json or .xml: 404 in the errors format', async () => {
    const res = await get(`${V2}/services/pothole?${J}`);
    assert.equal(res.status, 404);
    assert.equal(parseXml(res.text).name, 'errors');
    const json = await get(`${V2}/services/pothole.html?${J}`, { accept: 'application/json' });
    assert.equal(json.status, 404);
    assert.match(JSON.parse(json.text)[0].description, /ends in \.json or \.xml/);
  });
});

// ─── POST requests ───────────────────────────────────────────────────────────────────────────────

describe('POST requests', () => {
  test('makes the report the widgets see: every attribute kept, the reporter emailed, a token to look it up', async () => {
    const res = await post(good({ account_id: 'acct-77', device_id: 'phone-1', phone: '+44 20 7525 5000', address_string: '12 Walworth Road, London SE17 1RL' }));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.json.length, 1);
    const [created] = res.json;
    assert.deepEqual(Object.keys(created), ['service_request_id', 'service_notice', 'account_id', 'token']);
    assert.match(created.service_request_id, /^[A-Z]{2,4}-\d{4,}$/);
    assert.equal(created.service_notice, 'We have your report and will look at it soon.');
    assert.equal(created.account_id, 'acct-77');
    assert.equal(typeof created.token, 'string');

    // The same report through /v1, as an officer sees it.
    const officer = await t.withRole('officer@test.example', 'officer');
    const report = await t.call('GET', `/v1/orgs/test-council/reports/${created.service_request_id}`, { token: officer.accessToken });
    assert.equal(report.status, 200, report.text);
    assert.equal(report.json.category.code, 'pothole');
    assert.equal(report.json.description, 'A deep pothole by the bus stop');
    assert.deepEqual(report.json.location.coordinates, [HERE.long, HERE.lat]);
    assert.equal(report.json.address, '12 Walworth Road, London SE17 1RL');
    assert.deepEqual(report.json.fields, {
      name: 'Walworth Road',
      notes: 'Deep.\nVery deep.',
      depth: 12,
      seen_on: '2026-03-01',
      seen_at: '07:05',
      since: '2026-03-01T17:45:00Z',
      size: 'large',
      hazards: ['traffic', 'children'],
      lit: false,
    });
    assert.equal(report.json.department.name, 'Highways');
    assert.equal(report.json.status, 'submitted');
    assert.deepEqual(report.json.reporter, { name: 'Sam Jones', email: 'sam@example.org' });

    // The reporter's confirmation, as for a report made in the form.
    const [email] = await t.outbox.list({ to: 'sam@example.org' });
    assert.ok(email, 'a confirmation email');
    assert.match(email.text, new RegExp(created.service_request_id));

    // tokens/{token}
    assert.deepEqual(await both(`tokens/${created.token}`, J), [{ service_request_id: created.service_request_id, token: created.token }]);
  });

  test('the XML answer: <service_requests><request>', async () => {
    const res = await post(good(), 'xml');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8');
    assert.equal(res.xml!.name, 'service_requests');
    const request = res.xml!.children[0]!;
    assert.equal(request.name, 'request');
    assert.deepEqual(request.children.map((c) => c.name), ['service_request_id', 'service_notice', 'account_id', 'token']);
    assert.match(request.children[0]!.text, /^[A-Z]{2,4}-\d{4,}$/);
    assert.equal(request.children[2]!.text, '', 'no account_id: an empty element');
  });

  test('the report.created webhook fires as for any report', async () => {
    const hook = await t.call('POST', '/v1/orgs/test-council/webhooks', { token: admin.accessToken, body: { url: 'http://127.0.0.1:9/hook' } });
    assert.equal(hook.status, 201, hook.text);
    const created = (await post(good())).json[0];
    const log = await t.call('GET', `/v1/orgs/test-council/webhooks/${hook.json.id}/deliveries`, { token: admin.accessToken });
    assert.equal(log.status, 200, log.text);
    const report = await t.call('GET', `/v1/orgs/test-council/reports/${created.service_request_id}`);
    assert.deepEqual(log.json.items.map((d: any) => [d.event, d.reportId]), [['report.created', report.json.id]]);
  });

  test('a required attribute missing: 400 naming it, in JSON and XML', async () => {
    const json = await post(good({ 'attribute[name]': undefined }));
    assert.equal(json.status, 400);
    assert.deepEqual(json.json, [{ code: 400, description: 'attribute[name]: Answer “Street name”: it is required.' }]);
    const xml = await post(good({ 'attribute[name]': undefined }), 'xml');
    assert.equal(xml.status, 400);
    assert.equal(xml.xml!.name, 'errors');
    assert.deepEqual(xml.xml!.children.map((e) => fieldsOf(e)), [{ code: '400', description: 'attribute[name]: Answer “Street name”: it is required.' }]);
  });

  test('every bad attribute named at once; nothing is made', async () => {
    const res = await post(good({ 'attribute[depth]': 'deep', 'attribute[size]': 'huge', 'attribute[lit]': 'maybe', 'attribute[since]': '2026-03-01T18:45:00', 'attribute[colour]': 'red' }));
    assert.equal(res.status, 400);
    assert.deepEqual(descriptions(res.json).map((d) => d.slice(0, d.indexOf(':'))).sort(), ['attribute[colour]', 'attribute[depth]', 'attribute[lit]', 'attribute[since]', 'attribute[size]']);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/reports')).json.total, 0);
  });

  test('api_key: missing, wrong, revoked, or another jurisdiction’s: 403; nothing is made', async () => {
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ api_key: undefined }, /^api_key: this method needs an api_key/],
      [{ api_key: 'o311_not-a-real-key' }, /^api_key: this is not a key we gave out/],
      [{ api_key: otherKey }, /^api_key: this key was given out by another jurisdiction, not test-council/],
    ];
    for (const [fields, message] of cases) {
      for (const format of ['json', 'xml'] as const) {
        const res = await post(good(fields), format);
        assert.equal(res.status, 403, `${JSON.stringify(fields)} ${format}`);
        const problems = format === 'json' ? res.json : res.xml!.children.map((e) => ({ code: Number(e.children[0]!.text), description: e.children[1]!.text }));
        assert.equal(problems[0].code, 403);
        assert.match(problems[0].description, message);
      }
    }
    // Revoked.
    const made = await makeKey('test-council', admin.accessToken);
    assert.equal((await post(good({ api_key: made.key }))).status, 200);
    t.clock.advance(1000);
    assert.equal((await t.call('DELETE', `/v1/orgs/test-council/open311-keys/${made.id}`, { token: admin.accessToken })).status, 204);
    const revoked = await post(good({ api_key: made.key }));
    assert.equal(revoked.status, 403);
    assert.match(revoked.json[0].description, /^api_key: this key was revoked on 2026-03-02/);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/reports')).json.total, 1, 'only the report made before the key was revoked');
  });

  test('without jurisdiction_id, the key says which organisation: another organisation’s key files there', async () => {
    const res = await post(good({ api_key: otherKey, jurisdiction_id: undefined, ...Object.fromEntries(Object.keys(ANSWERS).map((k) => [k, undefined])) }));
    assert.equal(res.status, 200, res.text);
    assert.equal((await t.call('GET', `/v1/orgs/other-org/reports/${res.json[0].service_request_id}`)).status, 200);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/reports/${res.json[0].service_request_id}`)).status, 404);
    assert.equal((await post(good({ jurisdiction_id: 'nowhere' }))).status, 404);
  });

  test('a place outside the area: 400', async () => {
    const res = await post(good({ lat: 48.8566, long: 2.3522 }));
    assert.equal(res.status, 400);
    assert.match(res.json[0].description, /^lat, long: this place is outside the area Test Council looks after/);
  });

  test('service_code: unknown or inactive 404, missing 400', async () => {
    const unknown = await post(good({ service_code: 'nothing' }));
    assert.equal(unknown.status, 404);
    assert.match(unknown.json[0].description, /^service_code: Test Council has no service "nothing"/);
    assert.equal((await post(good({ service_code: 'old-bins' }))).status, 404);
    const missing = await post(good({ service_code: undefined }));
    assert.equal(missing.status, 400);
    assert.match(missing.json[0].description, /^service_code:/);
  });

  test('location: address_string found in the gazetteer, or not found; address_id alone; lat without long', async () => {
    await t.store.gazetteer.replaceArea('test', [{ label: 'Walworth Road', kind: 'street', lon: -0.0931, lat: 51.4875 }]);
    const found = await post(good({ lat: undefined, long: undefined, address_string: 'Walworth Road' }));
    assert.equal(found.status, 200, found.text);
    const report = await t.call('GET', `/v1/orgs/test-council/reports/${found.json[0].service_request_id}`);
    assert.deepEqual(report.json.location.coordinates, [-0.0931, 51.4875]);
    assert.equal(report.json.address, 'Walworth Road');

    const unknown = await post(good({ lat: undefined, long: undefined, address_string: 'Atlantis Avenue' }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.json[0].description, /^address_string: no place called "Atlantis Avenue" was found .*send lat and long/);
    const byId = await post(good({ lat: undefined, long: undefined, address_id: '545483' }));
    assert.equal(byId.status, 400);
    assert.match(byId.json[0].description, /^address_id:/);
    const half = await post(good({ long: undefined }));
    assert.equal(half.status, 400);
    assert.match(half.json[0].description, /^long: send lat and long together/);
  });

  test('media_url: not fetched, in the description for officers, and the request’s media_url', async () => {
    const created = (await post(good({ media_url: 'https://photos.example/pothole.jpg' }))).json[0];
    const report = await t.call('GET', `/v1/orgs/test-council/reports/${created.service_request_id}`);
    assert.equal(report.json.description, 'A deep pothole by the bus stop\n\nPhoto: https://photos.example/pothole.jpg');
    assert.deepEqual(report.json.photos, []);
    const [request] = await both(`requests/${created.service_request_id}`, J);
    assert.equal(request.media_url, 'https://photos.example/pothole.jpg');
  });

  test('not a form: 400; a body over 64 KB: 413; both in the errors format', async () => {
    const json = await t.app.request(`${V2}/requests.json`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(good()) });
    assert.equal(json.status, 400);
    assert.match((await json.json())[0].description, /application\/x-www-form-urlencoded/);
    const big = await post(good({ description: 'x'.repeat(70 * 1024) }), 'xml');
    assert.equal(big.status, 413);
    assert.equal(big.xml!.children[0]!.children[0]!.text, '413');
  });

  test('multipart text fields are read like a form', async () => {
    const data = new FormData();
    for (const [name, value] of Object.entries(good())) for (const item of Array.isArray(value) ? value : [value]) data.append(name, String(item));
    const res = await t.app.request(`${V2}/requests.json`, { method: 'POST', body: data });
    assert.equal(res.status, 200, await res.clone().text());
  });

  test('from a web page: an allowed origin may post; no Origin (a server) may post', async () => {
    assert.equal((await post(good(), 'json', { origin: ORIGIN })).status, 200);
    assert.equal((await post(good())).status, 200);
    // The API's general guard still refuses writes from origins no organisation allows.
    assert.equal((await post(good(), 'json', { origin: 'http://evil.example' })).status, 403);
    assert.equal((await post(good(), 'json', { origin: OTHER_ORIGIN })).status, 200, 'an origin some organisation allows: the key decides');
  });
});

// ─── GET requests and requests/{id} ──────────────────────────────────────────────────────────────

describe('GET requests', () => {
  async function jpeg(): Promise<Buffer> {
    return sharp({ create: { width: 800, height: 600, channels: 3, background: '#6a8f3c' } }).jpeg().toBuffer();
  }

  test('a report made in the widgets, field by field, as it moves through the workflow', async () => {
    const resident = await t.signIn('resident@test.example');
    const upload = await t.app.request('/v1/orgs/test-council/media', { method: 'POST', headers: { 'Content-Type': 'image/jpeg', Authorization: `Bearer ${resident.accessToken}` }, body: new Uint8Array(await jpeg()) });
    assert.equal(upload.status, 201);
    const photo = (await upload.json()) as { id: string; large: string };
    const made = await t.call('POST', '/v1/orgs/test-council/reports', {
      token: resident.accessToken,
      body: { category: 'pothole', description: 'Deep hole <b>&</b> "broken" kerb', location: { type: 'Point', coordinates: [HERE.long, HERE.lat] }, address: 'Camberwell Road, London SE5 0EZ', fields: { name: 'Camberwell Road' }, photos: [photo.id] },
    });
    assert.equal(made.status, 201, made.text);
    const reference = made.json.reference as string;

    let [request] = await both('requests', J);
    assert.deepEqual(request, {
      service_request_id: reference,
      status: 'open',
      status_notes: null,
      service_name: 'Pothole',
      service_code: 'pothole',
      description: 'Deep hole <b>&</b> "broken" kerb',
      agency_responsible: 'Highways',
      service_notice: 'We have your report and will look at it soon.',
      requested_datetime: NOW,
      updated_datetime: NOW,
      expected_datetime: null,
      address: 'Camberwell Road, London SE5 0EZ',
      address_id: null,
      zipcode: 'SE5 0EZ',
      lat: HERE.lat,
      long: HERE.long,
      media_url: photo.large,
    });
    const xml = (await getXml(`${V2}/requests.xml?${J}`)).xml;
    assert.equal(xml.name, 'service_requests');
    assert.equal(xml.children[0]!.name, 'request');
    assert.equal(fieldsOf(xml.children[0]!).description, 'Deep hole <b>&</b> "broken" kerb');
    assert.match((await get(`${V2}/requests.xml?${J}`)).text, /Deep hole &lt;b&gt;&amp;&lt;\/b&gt; "broken" kerb/);

    // An officer moves it on with a public note and an expected date, then fixes it.
    t.clock.advance(3_600_000);
    let officer = await t.withRole('officer@test.example', 'officer');
    const update = await t.call('POST', `/v1/orgs/test-council/reports/${reference}/updates`, {
      token: officer.accessToken,
      body: { status: 'in-progress', publicNote: 'A crew is booked.', internalNote: 'Crew 4, overtime', expectedOn: '2026-03-09' },
    });
    assert.equal(update.status, 200, update.text);
    [request] = await both(`requests/${reference}`, J);
    assert.equal(request.status, 'open');
    assert.equal(request.status_notes, 'A crew is booked.');
    assert.equal(request.service_notice, 'The team is working on it.');
    assert.equal(request.expected_datetime, '2026-03-09T00:00:00Z');
    assert.equal(request.updated_datetime, '2026-03-02T10:00:00.000Z');
    assert.equal(request.requested_datetime, NOW);
    assert.ok(!JSON.stringify(request).includes('overtime'), 'internal notes never show');

    t.clock.advance(3_600_000);
    officer = await t.signIn('officer@test.example');
    assert.equal((await t.call('POST', `/v1/orgs/test-council/reports/${reference}/updates`, { token: officer.accessToken, body: { status: 'fixed' } })).status, 200);
    [request] = await both(`requests/${reference}`, J);
    assert.equal(request.status, 'closed');
    assert.equal(request.status_notes, 'A crew is booked.', 'the latest public note');
    assert.equal(request.updated_datetime, '2026-03-02T11:00:00.000Z');
    assert.equal(request.service_notice, 'The problem has been fixed.');
    assert.ok(!JSON.stringify(request).includes('resident@test.example'), 'the reporter never shows');
  });

  test('a request made through Open311 is in the widgets’ list, and theirs in Open311’s', async () => {
    const created = (await post(good())).json[0];
    const list = await t.call('GET', '/v1/orgs/test-council/reports');
    assert.deepEqual(list.json.items.map((r: any) => r.reference), [created.service_request_id]);
    const [request] = await both('requests', J);
    assert.equal(request.service_request_id, created.service_request_id);
    assert.equal(request.description, 'A deep pothole by the bus stop');
  });

  test('the 90-day window: the last 90 days by default; start_date and end_date; more than 90 days apart is a 400', async () => {
    const at = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
    const made = [];
    for (const days of [1, 10, 89, 91, 200]) made.push((await storeReport(at(days))).report.reference);
    const ids = (body: any[]) => body.map((r) => r.service_request_id);
    assert.deepEqual(ids(await both('requests', J)), made.slice(0, 3), 'newest first, 90 days back');
    assert.deepEqual(ids(await both('requests', `${J}&start_date=${encodeURIComponent(at(95))}`)), made.slice(1, 4), 'the 90 days after start_date');
    assert.deepEqual(ids(await both('requests', `${J}&end_date=${encodeURIComponent(at(90))}`)), [made[3]], 'the 90 days before end_date');
    assert.deepEqual(ids(await both('requests', `${J}&start_date=${encodeURIComponent(at(11))}&end_date=${encodeURIComponent(at(10))}`)), [made[1]], 'both ends included');
    const tooWide = await both('requests', `${J}&start_date=${encodeURIComponent(at(100))}&end_date=${encodeURIComponent(at(5))}`, 400);
    assert.match(tooWide[0].description, /more than 90 days/);
    await both('requests', `${J}&start_date=yesterday`, 400);
    // service_request_id overrides the window and every other filter.
    assert.deepEqual(ids(await both('requests', `${J}&service_request_id=${made[4]},${made[0]!.toLowerCase()},NOPE-1234&status=closed`)), [made[0], made[4]]);
  });

  test('at most 1000, newest first', async () => {
    const start = Date.parse(NOW) - 30 * 86_400_000;
    const references: string[] = [];
    for (let i = 0; i < 1003; i++) references.push((await storeReport(new Date(start + i * 60_000).toISOString())).report.reference);
    const body = await get(`${V2}/requests.json?${J}`);
    assert.equal(body.status, 200);
    assert.equal(body.json.length, 1000);
    assert.deepEqual(body.json.map((r: any) => r.service_request_id), references.slice(3).reverse());
    const xml = parseXml((await get(`${V2}/requests.xml?${J}`)).text);
    assert.equal(xml.children.length, 1000);
  });

  test('status and service_code filters; an unknown service_code is a 400', async () => {
    const open = (await storeReport('2026-03-01T00:00:00.000Z')).report.reference;
    const closed = (await storeReport('2026-03-01T01:00:00.000Z', { status: 'fixed', open: false })).report.reference;
    const other = (await storeReport('2026-03-01T02:00:00.000Z', { categoryId: pothole.id })).report.reference;
    const ids = (body: any[]) => body.map((r) => r.service_request_id);
    assert.deepEqual(ids(await both('requests', `${J}&status=open`)), [other, open]);
    assert.deepEqual(ids(await both('requests', `${J}&status=closed`)), [closed]);
    assert.deepEqual(ids(await both('requests', `${J}&status=open,closed`)), [other, closed, open]);
    assert.deepEqual(ids(await both('requests', `${J}&service_code=graffiti`)), [closed, open]);
    assert.deepEqual(ids(await both('requests', `${J}&service_code=graffiti,pothole&status=open`)), [other, open]);
    assert.match((await both('requests', `${J}&service_code=nothing`, 400))[0].description, /^service_code: Test Council has no service "nothing"/);
    assert.match((await both('requests', `${J}&status=pending`, 400))[0].description, /^status:/);
  });

  test('a merged duplicate: closed, saying what it duplicates, until a note says more', async () => {
    const kept = (await storeReport('2026-03-01T00:00:00.000Z')).report;
    const duplicate = (await storeReport('2026-03-01T01:00:00.000Z')).report;
    const noted = (await storeReport('2026-03-01T02:00:00.000Z')).report;
    const officer = await t.withRole('officer@test.example', 'officer');
    const early = await t.call('POST', `/v1/orgs/test-council/reports/${duplicate.reference}/updates`, { token: officer.accessToken, body: { publicNote: 'We are looking.' } });
    assert.equal(early.status, 200, early.text);
    for (const [report, body] of [[duplicate, { into: kept.id }], [noted, { into: kept.id, publicNote: 'Same hole as the one reported at 9.' }]] as const) {
      const merged = await t.call('POST', `/v1/orgs/test-council/reports/${report.reference}/merge`, { token: officer.accessToken, body });
      assert.equal(merged.status, 200, merged.text);
    }
    const byId = Object.fromEntries((await both('requests', J)).map((r: any) => [r.service_request_id, r]));
    assert.equal(byId[duplicate.reference].status, 'closed');
    assert.equal(byId[duplicate.reference].status_notes, `Duplicate of ${kept.reference}.`);
    assert.equal(byId[duplicate.reference].service_notice, 'This was already reported: follow the other report instead.');
    assert.equal(byId[noted.reference].status_notes, 'Same hole as the one reported at 9.');
    assert.equal(byId[kept.reference].status, 'open');
    assert.equal(byId[kept.reference].status_notes, null);
  });

  test('requests/{id}: any case, 404 when unknown or another organisation’s', async () => {
    const created = (await post(good())).json[0];
    assert.equal((await both(`requests/${created.service_request_id.toLowerCase()}`, J))[0].service_request_id, created.service_request_id);
    await both('requests/TC-9999', J, 404);
    assert.equal((await get(`${V2}/requests/TC-9999.json?${J}`)).headers.get('access-control-allow-origin'), '*', 'a page may read why a public GET failed');
    await both(`requests/${created.service_request_id}`, 'jurisdiction_id=other-org', 404);
    const xml = (await getXml(`${V2}/requests/${created.service_request_id}.xml?${J}`)).xml;
    assert.equal(xml.name, 'service_requests');
    assert.deepEqual(xml.children[0]!.children.map((c) => c.name), [
      'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
      'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
    ]);
  });

  test('tokens/{token}: unknown 404; another organisation’s token 404; reports made elsewhere have none', async () => {
    const created = (await post(good())).json[0];
    await both('tokens/not-a-token', J, 404);
    await both(`tokens/${created.token}`, 'jurisdiction_id=other-org', 404);
    const xml = (await getXml(`${V2}/tokens/${created.token}.xml?${J}`)).xml;
    assert.deepEqual(fieldsOf(xml.children[0]!), { service_request_id: created.service_request_id, token: created.token });
  });

  test('text XML cannot carry is dropped there, and everything else escaped: the feed stays well-formed', async () => {
    const created = (await post(good({ description: 'Bell\u0007 & <tag> ]]> ok\r\nnext' }))).json[0];
    const xml = await getXml(`${V2}/requests/${created.service_request_id}.xml?${J}`);
    assert.equal(fieldsOf(xml.xml.children[0]!).description, 'Bell & <tag> ]]> ok\r\nnext');
  });
});

describe('everything else', () => {
  test('each api_key is rate limited: 429 with Retry-After in the errors format, other keys unaffected', async () => {
    // The app's own limit is 1000 a window; a router with a limit of 2 shows the behaviour quickly.
    const deps = { store: t.store, config: t.config, mailer: t.outbox, clock: t.clock, origins: new OriginAllowList(t.store), limiter: new RateLimiter(t.config.rateLimits, () => t.clock().getTime()), streams: new StreamHub(), firstPages: new FirstPageCache(() => t.clock().getTime()) };
    const app = new Hono<AppEnv>().route('/open311/v2', open311Routes(deps, { requestsPerKey: 2 }));
    const send = (apiKey: string) => app.request(`${V2}/requests.json`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: formBody(good({ api_key: apiKey })) });
    assert.equal((await send(key)).status, 200);
    assert.equal((await send(key)).status, 200);
    const limited = await send(key);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    const [problem] = (await limited.json()) as { code: number; description: string }[];
    assert.equal(problem!.code, 429);
    assert.match(problem!.description, /Too many/);
    const another = await makeKey('test-council', admin.accessToken);
    assert.equal((await send(another.key)).status, 200);
  });

  test('unknown paths and methods: 404 in the errors format of the suffix', async () => {
    const json = await get(`${V2}/nothing.json`);
    assert.equal(json.status, 404);
    assert.match(json.json[0].description, /There is no Open311 resource/);
    const xml = await getXml(`${V2}/requests/ABC-1234/extra.xml`);
    assert.equal(xml.status, 404);
    assert.equal(xml.xml.name, 'errors');
    const put = await t.app.request(`${V2}/requests.json`, { method: 'PUT' });
    assert.equal(put.status, 404);
  });
});
