// The reports map layer (GET /v1/orgs/:org/report-features and its entry in /layers), and the pure
// parts: references, the workflow's moves, distances, and the report emails.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { LayerList, ReportFeatureCollection } from '@civic-elements/protocol';
import { boxAround, distanceMetres } from '../src/domain/distance.js';
import { looksLikeReference, normaliseReference, referencePrefix, formatReference } from '../src/domain/reference.js';
import { checkMove, checkWorkflowChange, DEFAULT_WORKFLOW, isOpenStep } from '../src/domain/workflow.js';
import { reportCreatedEmail, reportUpdatedEmail } from '../src/mail/report-email.js';
import { buildTestApp, type TestApp } from './support/app.js';
import { createProject, contributionBody } from './support/maps.js';
import { ANYWHERE, report, reportCast, seedReports } from './support/reports.js';

describe('the reports map layer', () => {
  let t: TestApp;
  let people: Awaited<ReturnType<typeof reportCast>>;
  beforeEach(async () => {
    t = await buildTestApp();
    people = await reportCast(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const features = async (query: string, org = 'test-council') => {
    const res = await t.call('GET', `/v1/orgs/${org}/report-features?${query}`);
    if (res.status === 200) ReportFeatureCollection.parse(res.json);
    return res;
  };

  test('open reports by default, closed ones too with open=false, merged duplicates never; small properties', async () => {
    const fx = await seedReports(t, { count: 4, statuses: ['submitted', 'fixed'], category: 'pothole' });
    const open = await features(`bbox=${ANYWHERE}&zoom=14`);
    assert.equal(open.status, 200);
    assert.equal(open.json.total, 2);
    assert.equal(open.json.clustered, false);
    const one = open.json.features[0];
    assert.deepEqual(Object.keys(one.properties).sort(), ['category', 'createdAt', 'layer', 'open', 'reference', 'status', 'statusLabel', 'title']);
    assert.equal(one.properties.layer, 'reports');
    assert.match(one.properties.title, /^Pothole, \d Fixture Street$/);
    assert.equal((await features(`bbox=${ANYWHERE}&zoom=14&open=false`)).json.total, 4);
    await t.call('POST', `/v1/orgs/test-council/reports/${fx.reports[2]!.id}/merge`, { token: people.admin.accessToken, body: { into: fx.reports[0]!.id } });
    const after = await features(`bbox=${ANYWHERE}&zoom=14&open=false`);
    assert.equal(after.json.total, 3);
    assert.ok(!after.json.features.some((f: { id: string }) => f.id === fx.reports[2]!.id));
  });

  test('a status change moves a report on and off the map', async () => {
    await seedReports(t);
    const made = await report(t, people.resident.accessToken);
    assert.equal((await features(`bbox=${ANYWHERE}`)).json.total, 1);
    await t.call('POST', `/v1/orgs/test-council/reports/${made.id}/updates`, { token: people.admin.accessToken, body: { status: 'fixed' } });
    assert.equal((await features(`bbox=${ANYWHERE}`)).json.total, 0);
    await t.call('POST', `/v1/orgs/test-council/reports/${made.id}/updates`, { token: people.admin.accessToken, body: { status: 'in-progress' } });
    assert.equal((await features(`bbox=${ANYWHERE}`)).json.features[0].properties.statusLabel, 'In progress');
  });

  test('by category (codes or ids); the box; bad queries are 400', async () => {
    const fx = await seedReports(t, { count: 6, categories: ['pothole', 'graffiti'] });
    assert.equal((await features(`bbox=${ANYWHERE}&category=graffiti`)).json.total, 3);
    const graffitiId = fx.categories.find((c) => c.code === 'graffiti')!.id;
    assert.equal((await features(`bbox=${ANYWHERE}&category=${graffitiId},pothole`)).json.total, 6);
    const [lon, lat] = fx.reports[0]!.location;
    assert.equal((await features(`bbox=${lon - 0.0001},${lat - 0.0001},${lon + 0.0001},${lat + 0.0001}`)).json.total, 1);
    assert.equal((await features(`bbox=${ANYWHERE}&category=unicorns`)).status, 400);
    assert.equal((await features('zoom=3')).status, 400);
    assert.equal((await features('bbox=1,2,3')).status, 400);
    assert.equal((await features(`bbox=${ANYWHERE}&open=maybe`)).status, 400);
    assert.equal((await features(`bbox=${ANYWHERE}`, 'nowhere')).status, 404);
  });

  test('each organisation’s own reports only, and never the map’s contributions (nor reports in a project layer)', async () => {
    await seedReports(t, { count: 3 });
    await seedReports(t, { count: 2 }, 'other-org');
    const project = await createProject(t, people.admin.accessToken);
    const contribution = await t.call('POST', `/v1/orgs/test-council/projects/${project.id}/contributions`, { token: people.resident.accessToken, body: contributionBody(project.categories[0]!.id) });
    assert.equal(contribution.status, 201, contribution.text);
    assert.equal((await features(`bbox=${ANYWHERE}`)).json.total, 3);
    assert.equal((await features(`bbox=${ANYWHERE}`, 'other-org')).json.total, 2);
    const layer = await t.call('GET', `/v1/orgs/test-council/projects/${project.id}/contributions?bbox=${ANYWHERE}&zoom=14`);
    assert.equal(layer.json.total, 1);
  });

  test('many reports come back as clusters, within the byte budget', async () => {
    await seedReports(t, { count: 400, category: 'pothole' });
    const res = await features(`bbox=${ANYWHERE}&zoom=11`);
    assert.equal(res.status, 200);
    assert.equal(res.json.total, 400);
    assert.equal(res.json.clustered, true);
    assert.ok(res.json.features.some((f: { properties: { cluster?: boolean } }) => f.properties.cluster));
    assert.ok(res.text.length < 50_000, String(res.text.length));
    const sum = res.json.features.reduce((n: number, f: { properties: { cluster?: boolean; count?: number } }) => n + (f.properties.cluster ? f.properties.count! : 1), 0);
    assert.equal(sum, 400);
  });

  test('GET /layers lists the reports layer where the organisation takes reports', async () => {
    assert.ok(!(await t.call('GET', '/v1/orgs/test-council/layers')).json.layers.some((l: { kind: string }) => l.kind === 'reports'));
    await seedReports(t);
    const layers = LayerList.parse((await t.call('GET', '/v1/orgs/test-council/layers')).json).layers;
    const reports = layers.find((l) => l.kind === 'reports')!;
    assert.equal(reports.id, 'reports');
    assert.match(reports.url, /\/v1\/orgs\/test-council\/report-features$/);
    assert.equal((await t.app.request(new URL(reports.url).pathname + `?bbox=${ANYWHERE}`)).status, 200);
    assert.ok(!(await t.call('GET', '/v1/orgs/other-org/layers')).json.layers.some((l: { kind: string }) => l.kind === 'reports'));
  });
});

describe('references', () => {
  test('letters from the slug', () => {
    assert.equal(referencePrefix('southwark'), 'SWK');
    assert.equal(referencePrefix('camden'), 'CDN');
    assert.equal(referencePrefix('south-london-health'), 'SLH');
    assert.equal(referencePrefix('test-council'), 'TC');
    assert.equal(referencePrefix('a-b-c-d-e'), 'ABCD');
    assert.equal(referencePrefix('ox'), 'OX');
    assert.equal(referencePrefix('x'), 'XR');
    assert.equal(referencePrefix('ward-9'), 'WRD');
    assert.equal(referencePrefix('42'), 'REP');
    for (const slug of ['southwark', 'camden', 'south-london-health', 'test-council', 'a-b-c-d-e', 'ox', 'x', 'ward-9', '42', 'aeiou']) {
      assert.match(formatReference(referencePrefix(slug), 1001), /^[A-Z]{2,4}-\d{4,9}$/, slug);
    }
  });
  test('recognised in any case', () => {
    assert.ok(looksLikeReference('swk-1042'));
    assert.ok(!looksLikeReference('Tx6T3STFFfpU_xGxQ3tS9Q'));
    assert.ok(!looksLikeReference('SWK-12'));
    assert.equal(normaliseReference(' swk-1042 '), 'SWK-1042');
  });
});

describe('workflow moves', () => {
  test('any step to any other, except the same one, the duplicate step, unknown steps, and from a merged report', () => {
    assert.equal(checkMove(DEFAULT_WORKFLOW, 'fixed', 'submitted', { merged: false }), null);
    assert.equal(checkMove(DEFAULT_WORKFLOW, 'submitted', 'fixed', { merged: false }), null);
    assert.equal(checkMove(DEFAULT_WORKFLOW, 'fixed', 'fixed', { merged: false })?.code, 'same_step');
    assert.equal(checkMove(DEFAULT_WORKFLOW, 'submitted', 'duplicate', { merged: false })?.code, 'duplicate_step');
    assert.equal(checkMove(DEFAULT_WORKFLOW, 'submitted', 'lost', { merged: false })?.code, 'unknown_step');
    assert.equal(checkMove(DEFAULT_WORKFLOW, 'duplicate', 'submitted', { merged: true })?.code, 'merged');
    assert.equal(isOpenStep(DEFAULT_WORKFLOW, 'in-progress'), true);
    assert.equal(isOpenStep(DEFAULT_WORKFLOW, 'not-ours'), false);
  });
  test('a workflow change may not drop a step reports are at', () => {
    assert.deepEqual(checkWorkflowChange(DEFAULT_WORKFLOW, new Map([['fixed', 3]])), {});
    const fewer = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.filter((s) => s.key !== 'fixed') };
    assert.match(checkWorkflowChange(fewer, new Map([['fixed', 3], ['gone', 0]]))['workflow.steps']!, /“fixed” \(3\)/);
  });
});

describe('distances', () => {
  test('haversine metres and the box around a circle', () => {
    assert.equal(distanceMetres([-0.08, 51.47], [-0.08, 51.47]), 0);
    // One degree of latitude is about 111.2 km.
    assert.ok(Math.abs(distanceMetres([0, 51], [0, 52]) - 111_195) < 50);
    // London to Paris, about 344 km.
    assert.ok(Math.abs(distanceMetres([-0.1276, 51.5072], [2.3522, 48.8566]) - 343_500) < 2000);
    const box = boxAround([-0.08, 51.47], 500);
    for (const corner of [[box[0], 51.47], [box[2], 51.47], [-0.08, box[1]], [-0.08, box[3]]] as [number, number][]) {
      assert.ok(distanceMetres([-0.08, 51.47], corner) >= 499, String(corner));
    }
  });
});

describe('report emails', () => {
  const summary = { reference: 'SWK-1042', category: 'Fly-tipping', description: 'Sofa <b>dumped</b> & "left"', address: 'Rye Lane', statusLabel: 'Submitted', statusDescription: '', expectedOn: null };
  const to = { email: 'r@example.org', name: 'Rose <3', locale: 'en' as const, relation: 'reporter' as const };
  test('the HTML escapes every value; the text keeps it as written', () => {
    const mail = reportCreatedEmail('Southwark & Co', summary, to, false);
    assert.match(mail.text, /Sofa <b>dumped<\/b> & "left"/);
    assert.match(mail.html!, /Sofa &#60;b&#62;dumped&#60;\/b&#62; &#38; &#34;left&#34;/);
    assert.match(mail.html!, /Hello Rose &#60;3,/);
    assert.doesNotMatch(mail.html!, /<b>dumped/);
  });
  test('an update names what changed, in the language of whoever gets it', () => {
    const news = { status: { label: 'Fixed', description: 'The problem has been fixed.' }, publicNote: 'Cleared today.' };
    const mail = reportUpdatedEmail('Southwark Council', summary, news, { ...to, relation: 'follower' });
    assert.equal(mail.subject, 'Update on SWK-1042: Fixed');
    assert.match(mail.text, /Status: Fixed\nThe problem has been fixed\./);
    assert.match(mail.text, /Cleared today\./);
    assert.match(mail.text, /unfollow/);
    assert.match(mail.html!, /lang="en" dir="ltr"/);
    const cleared = reportUpdatedEmail('Southwark Council', summary, { expectedOn: null }, to);
    assert.match(cleared.text, /no longer have a date/);

    // Italian and Arabic: the service's words translated, the organisation's (status, note) as written.
    const italian = reportUpdatedEmail('Southwark Council', summary, news, { ...to, locale: 'it', relation: 'follower' });
    assert.equal(italian.subject, 'Aggiornamento su SWK-1042: Fixed');
    assert.match(italian.text, /^Gentile Rose <3,/);
    assert.match(italian.text, /Stato: Fixed/);
    assert.match(italian.text, /perché segue questa segnalazione/);
    const arabic = reportUpdatedEmail('Southwark Council', summary, { ...news, expectedOn: '2026-12-24' }, { ...to, locale: 'ar', relation: 'reporter' });
    assert.equal(arabic.subject, 'تحديث بشأن SWK-1042: Fixed');
    assert.match(arabic.text, /الحالة: Fixed/);
    assert.match(arabic.text, /لأنك قدّمت هذا البلاغ/);
    assert.match(arabic.text, /Cleared today\./);
    assert.match(arabic.html!, /lang="ar" dir="rtl"/);
    const receipt = reportCreatedEmail('Southwark Council', summary, { ...to, locale: 'it' }, true);
    assert.match(receipt.subject, /^Southwark Council: abbiamo ricevuto la sua segnalazione SWK-1042 \(Fly-tipping\)$/);
    assert.match(receipt.text, /Il codice della segnalazione è SWK-1042\./);
  });
  test('a locale without words of its own falls back to English', () => {
    const mail = reportUpdatedEmail('Southwark Council', summary, { publicNote: 'Cleared today.' }, { ...to, locale: 'fr' as never });
    assert.equal(mail.subject, 'Update on SWK-1042: new note');
  });
});
