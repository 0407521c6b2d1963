// GET /v1/orgs/:org/reports (every filter, sort and page) and GET …/reports/:idOrReference: what
// residents, officers and other organisations see.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ReportDetail, ReportPage } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
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

const list = async (query = '', token?: string, org = 'test-council') => {
  const res = await t.call('GET', `/v1/orgs/${org}/reports${query ? `?${query}` : ''}`, token ? { token } : {});
  if (res.status === 200) ReportPage.parse(res.json);
  return res;
};
const refs = (res: { json: { items: { reference: string }[] } }) => res.json.items.map((r) => r.reference);

describe('reading one report', () => {
  test('by id and by reference in any case, with its public timeline', async () => {
    const fx = await seedReports(t, { count: 1, statuses: ['acknowledged'] });
    const [made] = fx.reports;
    const byId = await t.call('GET', `/v1/orgs/test-council/reports/${made!.id}`);
    assert.equal(byId.status, 200);
    const detail = ReportDetail.parse(byId.json);
    assert.equal(detail.reference, made!.reference);
    assert.deepEqual(detail.timeline.map((e) => e.kind), ['created', 'status']);
    assert.equal(detail.timeline[1]!.statusLabel, 'Acknowledged');
    const byRef = await t.call('GET', `/v1/orgs/test-council/reports/${made!.reference.toLowerCase()}`);
    assert.equal(byRef.json.id, made!.id);
  });

  test('unknown ids and references: 404; another organisation’s report is not found here', async () => {
    const fx = await seedReports(t, { count: 1 });
    assert.equal((await t.call('GET', '/v1/orgs/test-council/reports/TC-9999')).status, 404);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/reports/nope')).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/other-org/reports/${fx.reports[0]!.id}`)).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/other-org/reports/${fx.reports[0]!.reference}`)).status, 404);
    assert.equal((await t.call('GET', `/v1/orgs/no-such-org/reports/${fx.reports[0]!.id}`)).json.error.code, 'org_not_found');
  });

  test('internal notes and the reporter: officers of the organisation who may act on the report only', async () => {
    await seedReports(t);
    const made = await report(t, people.resident.accessToken);
    await t.call('POST', `/v1/orgs/test-council/reports/${made.id}/updates`, { token: people.highways.accessToken, body: { publicNote: 'We will look.', internalNote: 'Inspector Bob, Tuesday.' } });
    await t.call('POST', `/v1/orgs/test-council/reports/${made.id}/updates`, { token: people.highways.accessToken, body: { internalNote: 'Only officers read this.' } });
    const seenBy = async (token?: string) => (await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`, token ? { token } : {})).json;
    // An officer of another department (housing: a pothole is highways') reads it as residents do.
    for (const who of [undefined, people.resident.accessToken, people.neighbour.accessToken, people.moderator.accessToken, people.housing.accessToken, people.foreignOfficer.accessToken, people.foreignAdmin.accessToken]) {
      const body = await seenBy(who);
      assert.equal(body.reporter, undefined);
      assert.equal(JSON.stringify(body).includes('Inspector Bob'), false);
      assert.equal(JSON.stringify(body).includes('Only officers'), false);
      assert.deepEqual(body.timeline.map((e: { kind: string }) => e.kind), ['created', 'note'], 'a note with only an internal part is left out');
      assert.equal(body.timeline[1].publicNote, 'We will look.');
      assert.equal(JSON.stringify(body).includes('resident@test.example'), false);
    }
    for (const who of [people.highways, people.anyOfficer, people.admin]) {
      const body = await seenBy(who.accessToken);
      assert.deepEqual(body.reporter, { name: 'Staff Member', email: 'resident@test.example' });
      assert.deepEqual(body.timeline.map((e: { internalNote?: string }) => e.internalNote), [undefined, 'Inspector Bob, Tuesday.', 'Only officers read this.']);
      assert.deepEqual(body.timeline[1].by, { kind: 'officer', name: 'Highways' });
    }
  });

  test('viewer says whose it is, and whether they follow and support it', async () => {
    await seedReports(t);
    const made = await report(t, people.resident.accessToken);
    assert.deepEqual((await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`, { token: people.resident.accessToken })).json.viewer, { mine: true, following: true, supported: false });
    await t.call('PUT', `/v1/orgs/test-council/reports/${made.id}/support`, { token: people.neighbour.accessToken });
    assert.deepEqual((await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`, { token: people.neighbour.accessToken })).json.viewer, { mine: false, following: true, supported: true });
    assert.equal((await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`)).json.viewer, undefined);
  });
});

describe('lists', () => {
  test('newest first, paged with a cursor, with the total; no report of another organisation', async () => {
    await seedReports(t, { count: 5 });
    await seedReports(t, { count: 3 }, 'other-org');
    const first = await list('limit=2');
    assert.deepEqual(refs(first), ['TC-1005', 'TC-1004']);
    assert.equal(first.json.total, 5);
    const second = await list(`limit=2&cursor=${first.json.nextCursor}`);
    assert.deepEqual(refs(second), ['TC-1003', 'TC-1002']);
    const third = await list(`limit=2&cursor=${second.json.nextCursor}`);
    assert.deepEqual(refs(third), ['TC-1001']);
    assert.equal(third.json.nextCursor, null);
    assert.equal((await list('', undefined, 'other-org')).json.total, 3);
    assert.ok(refs(await list('', undefined, 'other-org')).every((r) => r.startsWith('OO-')));
  });

  test('every sort, and a cursor from one sort is refused by another', async () => {
    const fx = await seedReports(t, { count: 4 });
    assert.deepEqual(refs(await list('sort=oldest')), ['TC-1001', 'TC-1002', 'TC-1003', 'TC-1004']);
    // Supported: supporters on the second report.
    await t.call('PUT', `/v1/orgs/test-council/reports/${fx.reports[1]!.id}/support`, { token: people.neighbour.accessToken });
    await t.call('PUT', `/v1/orgs/test-council/reports/${fx.reports[1]!.id}/support`, { token: people.admin.accessToken });
    await t.call('PUT', `/v1/orgs/test-council/reports/${fx.reports[2]!.id}/support`, { token: people.neighbour.accessToken });
    const supported = await list('sort=supported&limit=2');
    assert.deepEqual(refs(supported).slice(0, 2), ['TC-1002', 'TC-1003']);
    const rest = await list(`sort=supported&limit=2&cursor=${supported.json.nextCursor}`);
    assert.deepEqual(refs(rest).sort(), ['TC-1001', 'TC-1004']);
    // Updated: changing the oldest brings it first.
    t.clock.advance(60_000);
    await t.call('POST', `/v1/orgs/test-council/reports/${fx.reports[0]!.id}/updates`, { token: people.admin.accessToken, body: { publicNote: 'Still on it.' } });
    assert.equal(refs(await list('sort=updated'))[0], 'TC-1001');
    const wrong = await list(`sort=oldest&cursor=${supported.json.nextCursor}`);
    assert.equal(wrong.status, 400);
    assert.ok(wrong.json.error.fields.cursor);
    assert.equal((await list('cursor=garbage')).status, 400);
    assert.equal((await list('sort=nearest')).status, 400, 'nearest needs near');
    assert.equal((await list('sort=loudest')).status, 400);
  });

  test('near a place: only within the radius, with distances, nearest first and paged', async () => {
    const base: [number, number] = [-0.08, 51.47];
    // About 0, 70, 140, 700 and 1400 metres north of base.
    const points: [number, number][] = [0, 0.00063, 0.00126, 0.0063, 0.0126].map((d) => [base[0], base[1] + d]);
    await seedReports(t, { count: 5, points, category: 'pothole' });
    const near = await list(`near=${base.join(',')}&radius=200&sort=nearest&limit=2`);
    assert.equal(near.status, 200, near.text);
    assert.deepEqual(refs(near), ['TC-1001', 'TC-1002']);
    assert.equal(near.json.total, 3);
    assert.equal(near.json.items[0].distance, 0);
    assert.ok(Math.abs(near.json.items[1].distance - 70) < 1, String(near.json.items[1].distance));
    const more = await list(`near=${base.join(',')}&radius=200&sort=nearest&limit=2&cursor=${near.json.nextCursor}`);
    assert.deepEqual(refs(more), ['TC-1003']);
    assert.equal(more.json.nextCursor, null);
    assert.equal((await list(`near=${base.join(',')}&radius=1000`)).json.total, 4);
    assert.equal((await list(`near=${base.join(',')}`)).json.total, 3, 'radius defaults to 500 m');
    assert.equal((await list('near=north')).status, 400);
    assert.equal((await list(`near=${base.join(',')}&radius=5`)).status, 400);
    // Without near, no distance.
    assert.equal((await list('')).json.items[0].distance, undefined);
  });

  test('bbox, category, status, open, q', async () => {
    const fx = await seedReports(t, { count: 6, statuses: ['submitted', 'acknowledged', 'fixed'] });
    const inside = fx.reports[0]!.location;
    const box = [inside[0] - 0.001, inside[1] - 0.001, inside[0] + 0.001, inside[1] + 0.001].join(',');
    assert.deepEqual(refs(await list(`bbox=${box}`)), [fx.reports[0]!.reference]);
    assert.equal((await list('bbox=1,2,3')).status, 400);
    assert.equal((await list('bbox=3,3,1,1')).status, 400);
    assert.deepEqual(refs(await list('category=pothole,fly-tipping')).sort(), fx.reports.filter((r) => ['pothole', 'fly-tipping'].includes(r.category)).map((r) => r.reference).sort());
    const unknownCategory = await list('category=pothole,unicorns');
    assert.equal(unknownCategory.status, 400);
    assert.match(unknownCategory.json.error.fields.category, /unicorns/);
    assert.equal((await list('status=fixed')).json.total, 2);
    assert.equal((await list('status=fixed,acknowledged')).json.total, 4);
    assert.equal((await list('status=lost')).status, 400);
    assert.equal((await list('open=false')).json.total, 2);
    assert.equal((await list('open=true')).json.total, 4);
    assert.deepEqual(refs(await list('q=fixture 3')), [fx.reports[2]!.reference]);
    assert.deepEqual(refs(await list(`q=${fx.reports[4]!.reference.toLowerCase()}`)), [fx.reports[4]!.reference]);
    assert.deepEqual(refs(await list('q=6 Fixture Street')), [fx.reports[5]!.reference]);
    assert.equal((await list('q=%25')).json.total, 0, '% is taken literally (unescaped it would match every report)');
    assert.equal((await list('category=&status=&department=')).json.total, 6, 'empty lists filter nothing');
  });

  test('age: olderThan and newerThan days', async () => {
    await seedReports(t, { count: 5, daysAgo: 10 }); // 10, 9, 8, 7 and 6 days ago
    assert.equal((await list('olderThan=8')).json.total, 2);
    assert.equal((await list('newerThan=8')).json.total, 3);
    assert.equal((await list('olderThan=6&newerThan=9')).json.total, 3, '9, 8 and 7 days ago');
  });

  test('mine and following need sign-in and keep to that person', async () => {
    await seedReports(t, { count: 2 });
    const mine = await report(t, people.resident.accessToken);
    t.clock.advance(1000);
    const theirs = await report(t, people.neighbour.accessToken);
    assert.equal((await list('mine=true')).status, 401);
    assert.equal((await list('following=true')).status, 401);
    assert.deepEqual(refs(await list('mine=true', people.resident.accessToken)), [mine.reference]);
    await t.call('PUT', `/v1/orgs/test-council/reports/${theirs.id}/follow`, { token: people.resident.accessToken });
    assert.deepEqual(refs(await list('following=true', people.resident.accessToken)), [theirs.reference, mine.reference]);
    assert.deepEqual(refs(await list('mine=true&following=true', people.resident.accessToken)), [mine.reference]);
    assert.equal((await list('mine=maybe', people.resident.accessToken)).status, 400);
  });

  test('departments: officers with departments see theirs unless they ask; residents and admins see all', async () => {
    // Potholes go to highways; fly-tipping has no department in test-council.
    const fx = await seedReports(t, { count: 4, categories: ['pothole', 'fly-tipping'] });
    const highways = fx.reports.filter((r) => r.department === 'highways').map((r) => r.reference);
    assert.equal(highways.length, 2);
    assert.deepEqual(refs(await list('', people.highways.accessToken)).sort(), highways.sort());
    assert.equal((await list('', people.housing.accessToken)).json.total, 0);
    assert.equal((await list('department=highways,none', people.housing.accessToken)).json.total, 4);
    assert.equal((await list('department=none', people.admin.accessToken)).json.total, 2);
    assert.equal((await list('', people.admin.accessToken)).json.total, 4);
    assert.equal((await list('', people.anyOfficer.accessToken)).json.total, 4);
    assert.equal((await list('', people.resident.accessToken)).json.total, 4);
    assert.equal((await list('')).json.total, 4);
    assert.equal((await list('department=highways')).json.total, 2);
    assert.equal((await list('department=parks')).status, 400);
    // Another organisation's officer is just the public here.
    const foreign = await list('', people.foreignOfficer.accessToken);
    assert.equal(foreign.json.total, 4);
    assert.ok(foreign.json.items.every((r: { reporter?: unknown }) => r.reporter === undefined));
  });

  test('reporters in lists: officers only', async () => {
    await seedReports(t, { count: 1, reporterEmail: 'someone@example.org' });
    assert.equal((await list('')).json.items[0].reporter, undefined);
    assert.equal((await list('', people.resident.accessToken)).json.items[0].reporter, undefined);
    assert.deepEqual((await list('', people.highways.accessToken)).json.items[0].reporter, { name: 'Fixture Reporter', email: 'someone@example.org' });
  });

  test('merged duplicates are left out unless their step is asked for', async () => {
    const fx = await seedReports(t, { count: 2, category: 'pothole' });
    const [kept, duplicate] = fx.reports;
    const merged = await t.call('POST', `/v1/orgs/test-council/reports/${duplicate!.id}/merge`, { token: people.admin.accessToken, body: { into: kept!.id } });
    assert.equal(merged.status, 200, merged.text);
    assert.deepEqual(refs(await list('')), [kept!.reference]);
    assert.deepEqual(refs(await list('status=duplicate')), [duplicate!.reference]);
    assert.equal((await t.call('GET', `/v1/orgs/test-council/reports/${duplicate!.reference}`)).json.mergedInto.reference, kept!.reference);
  });

  test('bad query values are 400s, never 500s', async () => {
    for (const query of ['limit=0', 'limit=101', 'radius=abc', 'olderThan=-1', 'open=yes', 'near=1,2,3', 'status=A B', 'category=Pot Hole']) {
      const res = await list(query);
      assert.equal(res.status, 400, `${query}: ${res.text}`);
      assert.equal(res.json.error.code, 'validation_failed');
    }
  });
});
