// Officers' work on reports: who may update (every role and department case), every step of the
// workflow, reassigning, expected dates, notes, the emails each public change sends, bulk updates,
// merging duplicates and removing a photo.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ReportBulkResult, ReportDetail } from '@civic-elements/protocol';
import { DEFAULT_WORKFLOW } from '../src/domain/workflow.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { report, reportCast, reportMail, seedReports, uploadPhoto } from './support/reports.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof reportCast>>;
beforeEach(async () => {
  t = await buildTestApp();
  people = await reportCast(t);
  await seedReports(t);
});
afterEach(async () => {
  await t.close();
});

const update = (ref: string, body: unknown, token?: string, headers?: Record<string, string>) =>
  t.call('POST', `/v1/orgs/test-council/reports/${ref}/updates`, { body, ...(token ? { token } : {}), ...(headers ? { headers } : {}) });

describe('who may update a report', () => {
  test('every role: anonymous 401; residents, moderators and other organisations 403; officers outside the department 403; in it, without departments, and admins 200', async () => {
    // A pothole goes to highways.
    const made = await report(t, people.resident.accessToken);
    const cases: [string, string | undefined, number][] = [
      ['anonymous', undefined, 401],
      ['the reporter (a resident)', people.resident.accessToken, 403],
      ['another resident', people.neighbour.accessToken, 403],
      ['a moderator', people.moderator.accessToken, 403],
      ['an officer of another organisation', people.foreignOfficer.accessToken, 403],
      ['an admin of another organisation', people.foreignAdmin.accessToken, 403],
      ['an officer of another department', people.housing.accessToken, 403],
      ['an officer of the department', people.highways.accessToken, 200],
      ['an officer without departments', people.anyOfficer.accessToken, 200],
      ['an admin', people.admin.accessToken, 200],
    ];
    for (const [who, token, status] of cases) {
      const res = await update(made.id, { publicNote: `A note from ${who}.` }, token);
      assert.equal(res.status, status, `${who}: ${res.text}`);
      if (status === 403) assert.equal(res.json.error.code, 'forbidden');
    }
    const timeline = (await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`)).json.timeline as { publicNote?: string }[];
    assert.deepEqual(timeline.slice(1).map((e) => e.publicNote), ['A note from an officer of the department.', 'A note from an officer without departments.', 'A note from an admin.']);
  });

  test('a report without a department: officers with departments may not act on it; admins and officers without departments may', async () => {
    const made = await report(t, people.resident.accessToken, { category: 'fly-tipping', fields: { what: ['bags'], size: 'single' } });
    assert.equal(made.department, null);
    assert.equal((await update(made.id, { status: 'acknowledged' }, people.highways.accessToken)).status, 403);
    assert.equal((await update(made.id, { status: 'acknowledged' }, people.anyOfficer.accessToken)).status, 200);
    // The officer passes it to housing, and then housing's officer may act.
    assert.equal((await update(made.id, { department: 'housing' }, people.anyOfficer.accessToken)).status, 200);
    assert.equal((await update(made.id, { status: 'in-progress' }, people.housing.accessToken)).status, 200);
    assert.equal((await update(made.id, { status: 'fixed' }, people.highways.accessToken)).status, 403);
  });

  test('who sees a report as its officers do (reporter, internal notes): its department, officers without departments, admins; other departments see the public view', async () => {
    const made = await report(t, people.resident.accessToken);
    assert.equal((await update(made.id, { internalNote: 'Inspector booked for Tuesday.' }, people.highways.accessToken)).status, 200);
    const cases: [string, string | undefined, boolean][] = [
      ['anonymous', undefined, false],
      ['the reporter', people.resident.accessToken, false],
      ['an officer of another department', people.housing.accessToken, false],
      ['an officer of another organisation', people.foreignOfficer.accessToken, false],
      ['an officer of the department', people.highways.accessToken, true],
      ['an officer without departments', people.anyOfficer.accessToken, true],
      ['an admin', people.admin.accessToken, true],
    ];
    for (const [who, token, officerView] of cases) {
      const one = await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`, token ? { token } : {});
      assert.equal(one.status, 200, who);
      assert.equal('reporter' in one.json, officerView, `${who}: the reporter`);
      const notes = (one.json.timeline as { internalNote?: string }[]).filter((entry) => entry.internalNote);
      assert.equal(notes.length, officerView ? 1 : 0, `${who}: the internal note`);
      // Asked for by department in a list, the same.
      const listed = await t.call('GET', '/v1/orgs/test-council/reports?department=highways&limit=100', token ? { token } : {});
      const row = (listed.json.items as { id: string }[]).find((item) => item.id === made.id);
      assert.ok(row, `${who}: listed`);
      assert.equal('reporter' in row, officerView, `${who}: the reporter in the list`);
    }
  });

  test('writes from an origin the organisation does not allow are refused', async () => {
    const made = await report(t, people.resident.accessToken);
    const res = await update(made.id, { status: 'acknowledged' }, people.admin.accessToken, { Origin: OTHER_ORIGIN });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
    assert.equal((await update(made.id, { status: 'acknowledged' }, people.admin.accessToken, { Origin: ORIGIN })).status, 200);
  });

  test('a report of another organisation is not found through this one', async () => {
    await seedReports(t, {}, 'other-org');
    const foreign = await t.call('POST', '/v1/orgs/other-org/reports', { token: people.foreignOfficer.accessToken, body: { category: 'pothole', description: 'A hole in the other road.', location: { type: 'Point', coordinates: [-0.08, 51.47] }, fields: { depth: 'over-10cm', surface: 'road' } } });
    assert.equal(foreign.status, 201, foreign.text);
    const res = await update(foreign.json.id, { status: 'acknowledged' }, people.admin.accessToken);
    assert.equal(res.status, 404);
  });
});

describe('the workflow', () => {
  test('every step of the default workflow, forwards and back; each move in the timeline with its label and the Open311 side', async () => {
    const made = await report(t, people.resident.accessToken);
    const walk = ['acknowledged', 'in-progress', 'fixed', 'in-progress', 'not-ours', 'submitted', 'acknowledged'];
    for (const status of walk) {
      const res = await update(made.id, { status }, people.highways.accessToken);
      assert.equal(res.status, 200, `${status}: ${res.text}`);
      const body = ReportDetail.parse(res.json);
      const step = DEFAULT_WORKFLOW.steps.find((s) => s.key === status)!;
      assert.equal(body.status, status);
      assert.equal(body.statusLabel, step.label);
      assert.equal(body.open, step.open311 === 'open', status);
    }
    const timeline = (await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`)).json.timeline as { kind: string; status?: string }[];
    assert.deepEqual(timeline.filter((e) => e.kind === 'status').map((e) => e.status), walk);
  });

  test('refused moves: the same step (409), the duplicate step without a merge, an unknown step (400)', async () => {
    const made = await report(t, people.resident.accessToken);
    const same = await update(made.id, { status: 'submitted' }, people.highways.accessToken);
    assert.equal(same.status, 409);
    assert.match(same.json.error.message, /already “Submitted”/);
    const duplicate = await update(made.id, { status: 'duplicate' }, people.highways.accessToken);
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.json.error.fields.status, /merge it into the report it duplicates/);
    const unknown = await update(made.id, { status: 'teleported' }, people.highways.accessToken);
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.fields.status, /Choose one of the steps: Submitted, Acknowledged/);
  });

  test('an organisation’s own workflow applies to its reports', async () => {
    const workflow = {
      steps: [
        { key: 'new', label: 'New', open311: 'open', description: '' },
        { key: 'scheduled', label: 'Scheduled', open311: 'open', description: 'A crew is booked.' },
        { key: 'done', label: 'Done', open311: 'closed', description: '' },
        { key: 'dup', label: 'Already reported', open311: 'closed', description: '' },
      ],
      duplicateStep: 'dup',
    };
    const put = await t.call('PUT', '/v1/orgs/test-council/report-settings', { token: people.admin.accessToken, body: { workflow, anonymousReports: false, nearbyRadius: 80 } });
    assert.equal(put.status, 200, put.text);
    const made = await report(t, people.resident.accessToken);
    assert.equal(made.status, 'new');
    assert.equal((await update(made.id, { status: 'acknowledged' }, people.highways.accessToken)).status, 400);
    const done = await update(made.id, { status: 'done' }, people.highways.accessToken);
    assert.equal(done.json.statusLabel, 'Done');
    assert.equal(done.json.open, false);
  });

  test('nothing to change: 409; an empty update: 400', async () => {
    const made = await report(t, people.resident.accessToken);
    assert.equal((await update(made.id, {}, people.highways.accessToken)).status, 400);
    assert.equal((await update(made.id, { department: 'highways', category: 'pothole' }, people.highways.accessToken)).status, 409);
    assert.equal((await update(made.id, { expectedOn: null }, people.highways.accessToken)).status, 409);
  });
});

describe('reassigning, dates and notes', () => {
  test('a new category brings its department unless one is named; unknown or inactive categories and unknown departments are 400', async () => {
    await seedReports(t, { inactiveCategory: true });
    const made = await report(t, people.resident.accessToken, { category: 'fly-tipping', fields: { what: ['bags'], size: 'single' } });
    const moved = await update(made.id, { category: 'blocked-drain' }, people.admin.accessToken);
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.category.code, 'blocked-drain');
    assert.deepEqual(moved.json.department, { slug: 'highways', name: 'Highways' });
    assert.deepEqual(moved.json.timeline.slice(-2).map((e: { kind: string; to?: string }) => [e.kind, e.to]), [['category', 'Blocked drain or gully'], ['department', 'Highways']]);
    const named = await update(made.id, { category: 'pothole', department: 'housing' }, people.admin.accessToken);
    assert.deepEqual(named.json.department, { slug: 'housing', name: 'Housing' });
    const cleared = await update(made.id, { department: null }, people.admin.accessToken);
    assert.equal(cleared.json.department, null);
    assert.equal(cleared.json.timeline.at(-1).to, undefined);
    assert.equal((await update(made.id, { category: 'unicorns' }, people.admin.accessToken)).status, 400);
    assert.equal((await update(made.id, { category: 'old-bins' }, people.admin.accessToken)).status, 400);
    const badDepartment = await update(made.id, { department: 'parks' }, people.admin.accessToken);
    assert.equal(badDepartment.status, 400);
    assert.match(badDepartment.json.error.fields.department, /no department “parks”/);
  });

  test('an expected date, then cleared; a bad date is 400', async () => {
    const made = await report(t, people.resident.accessToken);
    const set = await update(made.id, { expectedOn: '2026-03-20' }, people.highways.accessToken);
    assert.equal(set.json.expectedOn, '2026-03-20');
    assert.deepEqual([set.json.timeline.at(-1).kind, set.json.timeline.at(-1).expectedOn], ['expected', '2026-03-20']);
    const cleared = await update(made.id, { expectedOn: null }, people.highways.accessToken);
    assert.equal(cleared.json.expectedOn, null);
    assert.equal(cleared.json.timeline.at(-1).expectedOn, null);
    assert.equal((await update(made.id, { expectedOn: '2026-02-30' }, people.highways.accessToken)).status, 400);
    assert.equal((await update(made.id, { expectedOn: 'next week' }, people.highways.accessToken)).status, 400);
  });

  test('notes ride on a status change; the officer speaks as the department', async () => {
    const made = await report(t, people.resident.accessToken);
    const res = await update(made.id, { status: 'acknowledged', publicNote: 'Inspecting on Monday.', internalNote: 'Crew 4.' }, people.highways.accessToken);
    const entry = res.json.timeline.at(-1);
    assert.deepEqual([entry.kind, entry.status, entry.publicNote, entry.internalNote], ['status', 'acknowledged', 'Inspecting on Monday.', 'Crew 4.']);
    assert.deepEqual(entry.by, { kind: 'officer', name: 'Highways' });
    const admin = await update(made.id, { publicNote: 'From the council.' }, people.admin.accessToken);
    assert.deepEqual(admin.json.timeline.at(-1).by, { kind: 'officer', name: 'Test Council' });
  });
});

describe('emails on public changes', () => {
  test('the reporter and every follower hear of a status change, a public note and an expected date, but not the officer who acted, and nobody of an internal note', async () => {
    const made = await report(t, people.resident.accessToken);
    await t.call('PUT', `/v1/orgs/test-council/reports/${made.id}/follow`, { token: people.neighbour.accessToken });
    // The officer follows it too: they are not told of their own change.
    await t.call('PUT', `/v1/orgs/test-council/reports/${made.id}/follow`, { token: people.highways.accessToken });
    const count = async (email: string) => (await reportMail(t, email)).length;
    const before = { resident: await count('resident@test.example'), neighbour: await count('neighbour@test.example') };
    assert.equal(before.resident, 1, 'the confirmation');

    await update(made.id, { internalNote: 'Nobody is told of this.' }, people.highways.accessToken);
    await update(made.id, { department: 'housing' }, people.admin.accessToken);
    await update(made.id, { department: 'highways' }, people.admin.accessToken);
    assert.equal(await count('resident@test.example'), 1);
    assert.equal(await count('neighbour@test.example'), 0);

    await update(made.id, { status: 'in-progress', publicNote: 'A crew is on its way.' }, people.highways.accessToken);
    const [toReporter] = await reportMail(t, 'resident@test.example');
    assert.match(toReporter!.subject, new RegExp(`Update on ${made.reference}: In progress`));
    assert.match(toReporter!.text, /Status: In progress/);
    assert.match(toReporter!.text, /A crew is on its way\./);
    assert.match(toReporter!.text, /because you made this report/);
    const [toFollower] = await reportMail(t, 'neighbour@test.example');
    assert.match(toFollower!.text, /because you follow this report/);
    assert.equal(await count('highways@test.example'), 0);

    await update(made.id, { expectedOn: '2026-03-31' }, people.highways.accessToken);
    assert.match((await reportMail(t, 'resident@test.example'))[0]!.text, /by 31 March 2026/);
    await update(made.id, { publicNote: 'Thanks for your patience.' }, people.highways.accessToken);
    assert.equal(await count('resident@test.example'), 4);
    assert.equal(await count('neighbour@test.example'), 3);
    // Someone who unfollows is no longer told.
    await t.call('DELETE', `/v1/orgs/test-council/reports/${made.id}/follow`, { token: people.neighbour.accessToken });
    await update(made.id, { status: 'fixed' }, people.highways.accessToken);
    assert.equal(await count('neighbour@test.example'), 3);
    assert.equal(await count('resident@test.example'), 5);
    // An admin who acts is not told either, even as a follower; the other officer is.
    await t.call('PUT', `/v1/orgs/test-council/reports/${made.id}/follow`, { token: people.admin.accessToken });
    await update(made.id, { status: 'in-progress' }, people.admin.accessToken);
    assert.equal(await count('admin@test.example'), 0);
    assert.equal(await count('highways@test.example'), 1);
  });

  test('an anonymous reporter is emailed at the address they gave', async () => {
    const made = await report(t, undefined, { email: 'walker@example.net', name: 'Walker' });
    await update(made.id, { status: 'acknowledged' }, people.highways.accessToken);
    const mails = await reportMail(t, 'walker@example.net');
    assert.equal(mails.length, 2);
    assert.match(mails[0]!.subject, /Acknowledged/);
  });
});

describe('bulk updates', () => {
  test('each report succeeds or fails alone: updated, not found, forbidden, refused move', async () => {
    const pothole = await report(t, people.resident.accessToken);
    const another = await report(t, people.resident.accessToken);
    const flyTipping = await report(t, people.resident.accessToken, { category: 'fly-tipping', fields: { what: ['bags'], size: 'single' } });
    await update(another.id, { status: 'acknowledged' }, people.highways.accessToken);
    await seedReports(t, {}, 'other-org');
    const foreign = (await seedReports(t, { count: 1 }, 'other-org')).reports[0]!;
    const res = await t.call('POST', '/v1/orgs/test-council/reports/bulk', {
      token: people.highways.accessToken,
      body: { ids: [pothole.id, another.id, flyTipping.id, 'no-such-report', foreign.id, pothole.id], update: { status: 'acknowledged', publicNote: 'Seen.' } },
    });
    assert.equal(res.status, 200, res.text);
    const result = ReportBulkResult.parse(res.json);
    assert.deepEqual(result.updated, [pothole.id]);
    assert.deepEqual(
      result.failed.map((f) => [f.id, f.code]),
      [
        [another.id, 'conflict'],
        [flyTipping.id, 'forbidden'],
        ['no-such-report', 'not_found'],
        [foreign.id, 'not_found'],
      ],
    );
    assert.ok(result.failed.every((f) => f.message.length > 10));
    assert.equal((await t.call('GET', `/v1/orgs/test-council/reports/${pothole.id}`)).json.status, 'acknowledged');
    assert.equal((await t.call('GET', `/v1/orgs/test-council/reports/${flyTipping.id}`)).json.status, 'submitted');
    // The reporter heard of the one change.
    assert.match((await reportMail(t, 'resident@test.example'))[0]!.subject, new RegExp(pothole.reference));
  });

  test('residents and anonymous callers may not; bad bodies are 400', async () => {
    const made = await report(t, people.resident.accessToken);
    const body = { ids: [made.id], update: { status: 'fixed' } };
    assert.equal((await t.call('POST', '/v1/orgs/test-council/reports/bulk', { body })).status, 401);
    assert.equal((await t.call('POST', '/v1/orgs/test-council/reports/bulk', { token: people.resident.accessToken, body })).status, 403);
    assert.equal((await t.call('POST', '/v1/orgs/test-council/reports/bulk', { token: people.foreignAdmin.accessToken, body })).status, 403);
    assert.equal((await t.call('POST', '/v1/orgs/test-council/reports/bulk', { token: people.admin.accessToken, body: { ids: [], update: { status: 'fixed' } } })).status, 400);
    const many = await t.call('POST', '/v1/orgs/test-council/reports/bulk', { token: people.admin.accessToken, body: { ids: Array.from({ length: 101 }, (_, i) => `id${i}`), update: { status: 'fixed' } } });
    assert.equal(many.status, 400);
    assert.match(many.json.error.fields.ids, /At most 100/);
  });
});

describe('merging duplicates', () => {
  test('the duplicate takes the duplicate step, its followers and supporters move, both timelines say so, its reporter hears of it', async () => {
    const kept = await report(t, people.resident.accessToken);
    const duplicate = await report(t, people.neighbour.accessToken);
    await t.call('PUT', `/v1/orgs/test-council/reports/${duplicate.id}/support`, { token: people.moderator.accessToken });
    const res = await t.call('POST', `/v1/orgs/test-council/reports/${duplicate.reference}/merge`, { token: people.highways.accessToken, body: { into: kept.id, publicNote: 'Same pothole.' } });
    assert.equal(res.status, 200, res.text);
    const merged = ReportDetail.parse(res.json);
    assert.equal(merged.status, 'duplicate');
    assert.equal(merged.open, false);
    assert.deepEqual(merged.mergedInto, { id: kept.id, reference: kept.reference });
    assert.equal(merged.followerCount, 0);
    assert.equal(merged.supportCount, 0);
    const last = merged.timeline.at(-1)!;
    assert.deepEqual([last.kind, last.to, last.status, last.publicNote], ['merged', kept.reference, 'duplicate', 'Same pothole.']);
    const keptNow = (await t.call('GET', `/v1/orgs/test-council/reports/${kept.id}`, { token: people.neighbour.accessToken })).json;
    assert.equal(keptNow.followerCount, 3, 'its reporter, the duplicate’s reporter and the supporter');
    assert.equal(keptNow.supportCount, 1);
    assert.deepEqual(keptNow.viewer, { mine: false, following: true, supported: false });
    assert.deepEqual([keptNow.timeline.at(-1).kind, keptNow.timeline.at(-1).from], ['merged', duplicate.reference]);
    const [mail] = await reportMail(t, 'neighbour@test.example');
    assert.match(mail!.subject, new RegExp(`${duplicate.reference}: joined with ${kept.reference}`));
    assert.match(mail!.text, /Same pothole\./);
    // A merged report no longer changes, and cannot be followed or supported.
    assert.equal((await update(duplicate.id, { status: 'fixed' }, people.highways.accessToken)).status, 409);
    assert.equal((await t.call('PUT', `/v1/orgs/test-council/reports/${duplicate.id}/follow`, { token: people.admin.accessToken })).status, 409);
    assert.equal((await t.call('POST', `/v1/orgs/test-council/reports/${duplicate.id}/merge`, { token: people.highways.accessToken, body: { into: kept.id } })).status, 409);
  });

  test('refused merges: into itself, into an unknown or another organisation’s report, into a merged one; by a resident or another department', async () => {
    const a = await report(t, people.resident.accessToken);
    const b = await report(t, people.resident.accessToken);
    const c = await report(t, people.resident.accessToken);
    const merge = (ref: string, into: string, token = people.admin.accessToken) => t.call('POST', `/v1/orgs/test-council/reports/${ref}/merge`, { token, body: { into } });
    assert.equal((await merge(a.id, a.id)).status, 400);
    assert.equal((await merge(a.id, 'nope')).status, 400);
    const foreign = (await seedReports(t, { count: 1 }, 'other-org')).reports[0]!;
    assert.equal((await merge(a.id, foreign.id)).status, 400);
    assert.equal((await merge(a.id, b.id, people.resident.accessToken)).status, 403);
    assert.equal((await merge(a.id, b.id, people.housing.accessToken)).status, 403);
    assert.equal((await merge(b.id, c.id)).status, 200);
    const chained = await merge(a.id, b.id);
    assert.equal(chained.status, 400);
    assert.match(chained.json.error.fields.into, new RegExp(c.reference));
  });
});

describe('removing a photo', () => {
  test('an officer removes it: gone from the report, no longer served, the reason kept as an internal note', async () => {
    const photo = (await uploadPhoto(t, { token: people.resident.accessToken })).json;
    const made = await report(t, people.resident.accessToken, { photos: [photo.id] });
    assert.equal((await t.app.request(new URL(made.photos[0].large).pathname)).status, 200);
    const path = `/v1/orgs/test-council/reports/${made.id}/photos/${photo.id}`;
    assert.equal((await t.call('DELETE', path)).status, 401);
    assert.equal((await t.call('DELETE', path, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('DELETE', path, { token: people.housing.accessToken })).status, 403);
    const res = await t.call('DELETE', `${path}?reason=${encodeURIComponent('A face is visible.')}`, { token: people.highways.accessToken });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.photos, []);
    const entry = res.json.timeline.at(-1);
    assert.deepEqual([entry.kind, entry.internalNote], ['photo-removed', 'A face is visible.']);
    const publicView = (await t.call('GET', `/v1/orgs/test-council/reports/${made.id}`)).json;
    assert.equal(publicView.timeline.at(-1).kind, 'photo-removed');
    assert.equal(publicView.timeline.at(-1).internalNote, undefined);
    assert.equal((await t.app.request(new URL(made.photos[0].large).pathname)).status, 404);
    assert.equal((await t.call('DELETE', path, { token: people.highways.accessToken })).status, 404, 'already removed');
    // Nobody is emailed about it.
    assert.equal((await reportMail(t, 'resident@test.example')).length, 1);
  });
});

describe('follow and support', () => {
  test('follow and unfollow; support also follows; counts come back; idempotent', async () => {
    const made = await report(t, people.resident.accessToken);
    const path = (what: string) => `/v1/orgs/test-council/reports/${made.id}/${what}`;
    assert.equal((await t.call('PUT', path('follow'))).status, 401);
    const followed = await t.call('PUT', path('follow'), { token: people.neighbour.accessToken });
    assert.deepEqual(followed.json, { following: true, supported: false, followerCount: 2, supportCount: 0 });
    assert.deepEqual((await t.call('PUT', path('follow'), { token: people.neighbour.accessToken })).json.followerCount, 2);
    assert.deepEqual((await t.call('DELETE', path('follow'), { token: people.neighbour.accessToken })).json, { following: false, supported: false, followerCount: 1, supportCount: 0 });
    const supported = await t.call('PUT', path('support'), { token: people.neighbour.accessToken });
    assert.deepEqual(supported.json, { following: true, supported: true, followerCount: 2, supportCount: 1 });
    assert.deepEqual((await t.call('DELETE', path('support'), { token: people.neighbour.accessToken })).json, { following: true, supported: false, followerCount: 2, supportCount: 0 });
    // Someone signed in through another organisation may follow this one's reports too.
    assert.equal((await t.call('PUT', path('support'), { token: people.foreignAdmin.accessToken })).json.supportCount, 1);
  });

  test('the reporter cannot support their own report (they already count); unknown reports are 404', async () => {
    const made = await report(t, people.resident.accessToken);
    const own = await t.call('PUT', `/v1/orgs/test-council/reports/${made.id}/support`, { token: people.resident.accessToken });
    assert.equal(own.status, 409);
    assert.match(own.json.error.message, /You made this report/);
    assert.equal((await t.call('PUT', '/v1/orgs/test-council/reports/TC-9999/follow', { token: people.resident.accessToken })).status, 404);
    assert.equal((await t.call('PUT', `/v1/orgs/other-org/reports/${made.id}/follow`, { token: people.resident.accessToken })).status, 404);
  });
});
