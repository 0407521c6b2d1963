// Report categories and report settings: who reads and who changes them, what is checked, and how a
// new workflow reaches the reports already made. Also the demo seed's reports.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ReportCategory, ReportCategoryList, ReportSettings } from '@civic-elements/protocol';
import { DEFAULT_WORKFLOW } from '../src/domain/workflow.js';
import { seedDemo } from '../src/seed.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { buildTestApp, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { report, reportCast, seedReports } from './support/reports.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof reportCast>>;
beforeEach(async () => {
  t = await buildTestApp();
  people = await reportCast(t);
});
afterEach(async () => {
  await t.close();
});

const category = {
  code: 'dog-fouling',
  name: 'Dog fouling',
  group: 'Rubbish and street cleaning',
  description: 'Dog mess on a pavement or in a park.',
  keywords: ['poo', 'dog mess'],
  department: 'housing',
  fields: [{ key: 'where', label: 'Where exactly?', type: 'choice', required: true, options: [{ value: 'pavement', label: 'Pavement' }, { value: 'park', label: 'Park' }] }],
};

describe('report categories', () => {
  test('anyone lists them, in the organisation’s order, inactive ones marked; each organisation its own', async () => {
    await seedReports(t, { categories: ['pothole', 'graffiti'], inactiveCategory: true });
    const res = await t.call('GET', '/v1/orgs/test-council/report-categories');
    assert.equal(res.status, 200);
    const list = ReportCategoryList.parse(res.json);
    assert.deepEqual(list.items.map((c) => [c.code, c.active]), [['pothole', true], ['graffiti', true], ['old-bins', false]]);
    assert.equal(list.items[0]!.group, 'Roads and pavements');
    assert.equal(list.items[0]!.department, 'highways');
    assert.ok(list.items[0]!.keywords.includes('hole'));
    assert.deepEqual((await t.call('GET', '/v1/orgs/other-org/report-categories')).json.items, []);
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/report-categories')).status, 404);
  });

  test('admins add one (201); everyone else is refused; the code is unique in the organisation only', async () => {
    const path = '/v1/orgs/test-council/report-categories';
    assert.equal((await t.call('POST', path, { body: category })).status, 401);
    for (const who of [people.resident, people.highways, people.anyOfficer, people.moderator, people.foreignAdmin]) {
      const res = await t.call('POST', path, { token: who.accessToken, body: category });
      assert.equal(res.status, 403, res.text);
    }
    const made = await t.call('POST', path, { token: people.admin.accessToken, body: category });
    assert.equal(made.status, 201, made.text);
    const parsed = ReportCategory.parse(made.json);
    assert.equal(parsed.department, 'housing');
    assert.equal(parsed.fields[0]!.required, true);
    const again = await t.call('POST', path, { token: people.admin.accessToken, body: { ...category, name: 'Again' } });
    assert.equal(again.status, 409);
    assert.ok(again.json.error.fields.code);
    assert.equal((await t.call('POST', '/v1/orgs/other-org/report-categories', { token: people.foreignAdmin.accessToken, body: { ...category, department: null } })).status, 201);
  });

  test('what is checked: the code’s form, a department of the organisation, the questions', async () => {
    const path = '/v1/orgs/test-council/report-categories';
    const post = (body: unknown) => t.call('POST', path, { token: people.admin.accessToken, body });
    const badCode = await post({ ...category, code: 'Dog Fouling' });
    assert.equal(badCode.status, 400);
    assert.match(badCode.json.error.fields.code, /lower-case letters/);
    const badDepartment = await post({ ...category, department: 'parks' });
    assert.equal(badDepartment.status, 400);
    assert.match(badDepartment.json.error.fields.department, /highways, housing/);
    const sameKeys = await post({ ...category, fields: [category.fields[0], category.fields[0]] });
    assert.equal(sameKeys.status, 400);
    assert.equal((await post({ ...category, name: '  ' })).status, 400);
    assert.equal((await post({ ...category, colour: 'red' })).status, 400);
  });

  test('admins change one (not its code); deactivated, it takes no new reports but keeps its old ones', async () => {
    await seedReports(t, { categories: ['pothole'] });
    const made = await report(t, people.resident.accessToken);
    const pothole = (await t.call('GET', '/v1/orgs/test-council/report-categories')).json.items[0];
    const path = `/v1/orgs/test-council/report-categories/${pothole.id}`;
    assert.equal((await t.call('PATCH', path, { token: people.highways.accessToken, body: { active: false } })).status, 403);
    assert.equal((await t.call('PATCH', path, { token: people.admin.accessToken, body: { code: 'hole' } })).status, 400);
    const changed = await t.call('PATCH', path, { token: people.admin.accessToken, body: { name: 'Pothole or sunken road', department: null, active: false } });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual([changed.json.name, changed.json.department, changed.json.active, changed.json.code], ['Pothole or sunken road', null, false, 'pothole']);
    const refused = await t.call('POST', '/v1/orgs/test-council/reports', { token: people.resident.accessToken, body: { category: 'pothole', description: 'Another hole here.', location: made.location, fields: { depth: 'over-10cm', surface: 'road' } } });
    assert.equal(refused.status, 400);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`)).json.category.name, 'Pothole or sunken road');
    assert.equal((await t.call('PATCH', '/v1/orgs/test-council/report-categories/nope', { token: people.admin.accessToken, body: { active: true } })).status, 404);
    assert.equal((await t.call('PATCH', path, { token: people.foreignAdmin.accessToken, body: { active: true } })).status, 403);
    assert.equal((await t.call('PATCH', `/v1/orgs/other-org/report-categories/${pothole.id}`, { token: people.foreignAdmin.accessToken, body: { active: true } })).status, 404);
  });

  test('a removed department is forgotten by its categories and reports, not an error', async () => {
    await seedReports(t, { categories: ['pothole'] });
    const made = await report(t, people.resident.accessToken);
    assert.equal((await t.call('DELETE', '/v1/orgs/test-council/departments/highways', { token: people.admin.accessToken })).status, 204);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/report-categories')).json.items[0].department, null);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`)).json.department, null);
  });
});

describe('report settings', () => {
  test('defaults for an organisation that never changed them: the default workflow, no anonymous reports', async () => {
    const res = await t.call('GET', '/v1/orgs/other-org/report-settings');
    assert.equal(res.status, 200);
    const settings = ReportSettings.parse(res.json);
    assert.deepEqual(settings.workflow, DEFAULT_WORKFLOW);
    assert.equal(settings.anonymousReports, false);
    assert.deepEqual(settings.workflow.steps.map((s) => [s.label, s.open311]), [
      ['Submitted', 'open'],
      ['Acknowledged', 'open'],
      ['In progress', 'open'],
      ['Fixed', 'closed'],
      ['Not ours', 'closed'],
      ['Duplicate', 'closed'],
    ]);
  });

  test('admins replace them; nobody else may', async () => {
    const body = { workflow: DEFAULT_WORKFLOW, anonymousReports: true, nearbyRadius: 75 };
    const path = '/v1/orgs/test-council/report-settings';
    assert.equal((await t.call('PUT', path, { body })).status, 401);
    for (const who of [people.resident, people.highways, people.anyOfficer, people.foreignAdmin]) assert.equal((await t.call('PUT', path, { token: who.accessToken, body })).status, 403);
    assert.equal((await t.call('PUT', path, { token: people.admin.accessToken, body, headers: { Origin: OTHER_ORIGIN } })).status, 403);
    const res = await t.call('PUT', path, { token: people.admin.accessToken, body });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual((await t.call('GET', path)).json, body);
    assert.equal((await t.call('GET', '/v1/orgs/other-org/report-settings')).json.anonymousReports, false);
  });

  test('a workflow must make sense: a first open step, a closed one, a closed duplicate step, distinct keys', async () => {
    const put = (workflow: unknown) => t.call('PUT', '/v1/orgs/test-council/report-settings', { token: people.admin.accessToken, body: { workflow, anonymousReports: false, nearbyRadius: 50 } });
    const step = (key: string, open311: 'open' | 'closed') => ({ key, label: key, open311 });
    const cases: [unknown, string][] = [
      [{ steps: [step('done', 'closed'), step('new', 'open')], duplicateStep: 'done' }, 'workflow.steps.0.open311'],
      [{ steps: [step('new', 'open'), step('busy', 'open')], duplicateStep: 'busy' }, 'workflow.steps'],
      [{ steps: [step('new', 'open'), step('done', 'closed')], duplicateStep: 'new' }, 'workflow.duplicateStep'],
      [{ steps: [step('new', 'open'), step('new', 'closed')], duplicateStep: 'new' }, 'workflow.steps'],
      [{ steps: [step('new', 'open')], duplicateStep: 'new' }, 'workflow.steps'],
    ];
    for (const [workflow, field] of cases) {
      const res = await put(workflow);
      assert.equal(res.status, 400, JSON.stringify(workflow));
      assert.ok(res.json.error.fields[field], `${field} in ${JSON.stringify(res.json.error.fields)}`);
    }
    assert.equal((await t.call('PUT', '/v1/orgs/test-council/report-settings', { token: people.admin.accessToken, body: { workflow: DEFAULT_WORKFLOW, anonymousReports: false, nearbyRadius: 5 } })).status, 400);
  });

  test('a step reports are at cannot be removed; a step that changes side moves its reports (lists and map follow)', async () => {
    await seedReports(t, { count: 2, statuses: ['submitted', 'not-ours'], category: 'pothole' });
    const without = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.filter((s) => s.key !== 'not-ours') };
    const refused = await t.call('PUT', '/v1/orgs/test-council/report-settings', { token: people.admin.accessToken, body: { workflow: without, anonymousReports: true, nearbyRadius: 50 } });
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.fields['workflow.steps'], /“not-ours” \(1\)/);
    // "Not ours" becomes an open step ("Passed on"): its report is open again, on the map too.
    const reopened = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'not-ours' ? { ...s, label: 'Passed on', open311: 'open' as const } : s)) };
    const ok = await t.call('PUT', '/v1/orgs/test-council/report-settings', { token: people.admin.accessToken, body: { workflow: reopened, anonymousReports: true, nearbyRadius: 50 } });
    assert.equal(ok.status, 200, ok.text);
    const list = (await t.call('GET', '/v1/orgs/test-council/reports?open=true')).json;
    assert.equal(list.total, 2);
    assert.ok(list.items.some((r: { statusLabel: string }) => r.statusLabel === 'Passed on'));
    const map = (await t.call('GET', '/v1/orgs/test-council/report-features?bbox=-0.2,51.3,0.1,51.6&zoom=14')).json;
    assert.equal(map.total, 2);
  });
});

describe('the demo seed', () => {
  test('Southwark: council categories in groups with departments, anonymous reports on, about 25 reports in every state, inside the borough', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const orgs = await seedDemo(store);
      const southwark = orgs.find((o) => o.slug === 'southwark')!;
      const categories = await store.reports.categories(southwark.id);
      assert.deepEqual(categories.map((c) => c.code).sort(), ['abandoned-vehicle', 'blocked-drain', 'broken-paving', 'fly-tipping', 'graffiti', 'overflowing-bin', 'pothole', 'street-light']);
      assert.ok(categories.every((c) => c.department !== null), 'each category goes to a department');
      assert.equal(categories.find((c) => c.code === 'abandoned-vehicle')!.fields.find((f) => f.key === 'registration')!.required, true);
      assert.equal((await store.reports.settings(southwark.id))!.anonymousReports, true);
      const reports = await store.reports.list(southwark.id, { sort: 'oldest', limit: 100, includeMerged: true });
      assert.ok(reports.length >= 25, String(reports.length));
      assert.ok(reports.every((r) => r.reference.startsWith('SWK-')));
      const [minLon, minLat, maxLon, maxLat] = southwark.map.extent;
      assert.ok(reports.every((r) => r.lon >= minLon && r.lon <= maxLon && r.lat >= minLat && r.lat <= maxLat));
      const statuses = new Set(reports.map((r) => r.status));
      for (const status of ['submitted', 'acknowledged', 'in-progress', 'fixed', 'not-ours', 'duplicate']) assert.ok(statuses.has(status), status);
      assert.ok(reports.some((r) => r.mergedInto !== null));
      assert.ok(reports.some((r) => r.reporterId === null && r.reporterEmail !== null), 'an anonymous one');
      assert.ok(reports.some((r) => r.supportCount > 2));
      // References count up with time.
      const byNumber = [...reports].sort((a, b) => a.number - b.number);
      assert.ok(byNumber.every((r, i) => i === 0 || r.createdAt >= byNumber[i - 1]!.createdAt));
      // Seeding again changes nothing.
      const { seedReportsDemo } = await import('../src/seed-reports.js');
      await seedReportsDemo(store, southwark, new Date());
      assert.equal((await store.reports.list(southwark.id, { sort: 'oldest', limit: 100, includeMerged: true })).length, reports.length);
    } finally {
      await store.close();
    }
  });
});
