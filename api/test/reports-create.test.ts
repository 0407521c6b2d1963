// POST /v1/orgs/:org/reports: signed in or anonymous, the area, the category and its questions, photos
// (whose they are), idempotent resends, the confirmation email; and anonymous photo uploads.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ReportDetail } from '@civic-elements/protocol';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { potholeBody, report, reportCast, reportMail, seedReports, uploadPhoto, type Person } from './support/reports.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof reportCast>>;
beforeEach(async () => {
  t = await buildTestApp();
  people = await reportCast(t);
  await seedReports(t, { inactiveCategory: true });
});
afterEach(async () => {
  await t.close();
});

const post = (body: unknown, options: { token?: string; address?: string; headers?: Record<string, string> } = {}, org = 'test-council') =>
  t.call('POST', `/v1/orgs/${org}/reports`, { body, ...options });

describe('signed in', () => {
  test('a resident reports a pothole: 201, a reference, the first step, the department of the category, and they follow it', async () => {
    const res = await post(potholeBody(), { token: people.resident.accessToken, headers: { Origin: ORIGIN } });
    assert.equal(res.status, 201, res.text);
    const body = ReportDetail.parse(res.json);
    assert.match(body.reference, /^TC-\d{4}$/);
    assert.equal(body.reference, 'TC-1001');
    assert.equal(body.status, 'submitted');
    assert.equal(body.statusLabel, 'Submitted');
    assert.equal(body.open, true);
    assert.deepEqual(body.department, { slug: 'highways', name: 'Highways' });
    assert.deepEqual(body.fields, { depth: 'over-10cm', surface: 'road' });
    assert.deepEqual(body.viewer, { mine: true, following: true, supported: false });
    assert.equal(body.followerCount, 1);
    assert.equal(body.reporter, undefined, 'a resident does not see reporter details, not even their own through this view');
    assert.equal(body.timeline.length, 1);
    assert.equal(body.timeline[0]!.kind, 'created');
    assert.deepEqual(body.timeline[0]!.by, { kind: 'reporter', name: 'Resident' });
    assert.equal(res.headers.get('location'), '/v1/orgs/test-council/reports/TC-1001');
    // References count up in the organisation.
    assert.equal((await report(t, people.neighbour.accessToken)).reference, 'TC-1002');
  });

  test('the reporter gets a confirmation with the reference and how to follow progress (text and escaped HTML)', async () => {
    await t.store.reports.createCategory(
      t.org.id,
      { code: 'odd-name', name: 'Bins <b>&</b> "boxes"', group: 'Rubbish', description: '', keywords: [], department: null, fields: [], active: true },
      t.clock(),
    );
    const made = await report(t, people.resident.accessToken, { category: 'odd-name', fields: {}, description: 'Broken <script>alert(1)</script> box' });
    const [mail] = await reportMail(t, 'resident@test.example');
    assert.ok(mail, 'a confirmation email');
    assert.match(mail.subject, new RegExp(made.reference));
    assert.match(mail.text, new RegExp(`Your reference is ${made.reference}`));
    assert.match(mail.text, /email you each time its status changes/);
    assert.match(mail.text, /My reports/);
    assert.match(mail.subject, /Bins <b>&<\/b> "boxes"/, 'a subject is plain text');
    // The HTML part has every value escaped (the plain text part keeps them as typed).
    const raw = (await t.outbox.raw(mail.id))!.toString('utf8');
    const html = raw.slice(raw.indexOf('Content-Type: text/html')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /Bins &#60;b&#62;&#38;&#60;\/b&#62; &#34;boxes&#34;/);
  });

  test('signed in through another organisation still reports as themselves, to this one', async () => {
    const res = await post(potholeBody(), { token: people.foreignAdmin.accessToken });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.org, 'test-council');
  });

  test('an origin the organisation does not allow is refused', async () => {
    const res = await post(potholeBody(), { token: people.resident.accessToken, headers: { Origin: OTHER_ORIGIN } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
  });
});

describe('anonymous', () => {
  test('with an email where the organisation allows it: 201, and the confirmation goes to that email', async () => {
    const res = await post(potholeBody({ email: 'Walker@Example.NET', name: 'A walker' }));
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.viewer, undefined);
    const [mail] = await reportMail(t, 'walker@example.net');
    assert.match(mail!.text, /Hello A walker/);
    assert.match(mail!.text, /look it up by its reference/);
    // Officers see who reported it.
    const seen = await t.call('GET', `/v1/orgs/test-council/reports/${res.json.id}`, { token: people.highways.accessToken });
    assert.deepEqual(seen.json.reporter, { name: 'A walker', email: 'walker@example.net' });
  });

  test('without an email: 400 on email', async () => {
    const res = await post(potholeBody());
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'validation_failed');
    assert.match(res.json.error.fields.email, /email address/);
  });

  test('where the organisation does not allow it: 401', async () => {
    await seedReports(t, { anonymousReports: false });
    const res = await post(potholeBody({ email: 'walker@example.net' }));
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'unauthenticated');
    assert.match(res.json.error.message, /Sign in to report/);
  });

  test('a bad token is still refused, not treated as anonymous', async () => {
    const res = await post(potholeBody({ email: 'walker@example.net' }), { token: 'x'.repeat(43) });
    assert.equal(res.status, 401);
  });

  test('anonymous reports are rate-limited per client address', async () => {
    for (let i = 0; i < 20; i++) assert.equal((await post(potholeBody({ email: `w${i}@example.net` }), { address: '198.51.100.7' })).status, 201);
    const refused = await post(potholeBody({ email: 'w21@example.net' }), { address: '198.51.100.7' });
    assert.equal(refused.status, 429);
    assert.equal((await post(potholeBody({ email: 'w22@example.net' }), { address: '198.51.100.8' })).status, 201);
  });
});

describe('what is checked', () => {
  test('a place outside the organisation’s area: 400 on location, with a clear message', async () => {
    const res = await post(potholeBody({ location: { type: 'Point', coordinates: [-0.2, 51.5] } }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'validation_failed');
    assert.match(res.json.error.fields.location, /outside the area Test Council looks after/);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/reports')).json.total, 0);
  });

  test('coordinates that are not on Earth: 400 from the schema', async () => {
    const res = await post(potholeBody({ location: { type: 'Point', coordinates: [200, 51.5] } }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    assert.ok(res.json.error.fields['location.coordinates.0']);
  });

  test('an unknown category, an inactive one', async () => {
    const unknown = await post(potholeBody({ category: 'no-such-thing' }), { token: people.resident.accessToken });
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.fields.category, /no category “no-such-thing”/);
    const inactive = await post(potholeBody({ category: 'old-bins', fields: {} }), { token: people.resident.accessToken });
    assert.equal(inactive.status, 400);
    assert.match(inactive.json.error.fields.category, /no longer takes new reports/);
  });

  test('a category of another organisation is not one of this organisation’s', async () => {
    await t.store.reports.createCategory(t.otherOrg.id, { code: 'foreign-only', name: 'Foreign', group: 'G', description: '', keywords: [], department: null, fields: [], active: true }, t.clock());
    const res = await post(potholeBody({ category: 'foreign-only', fields: {} }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    assert.ok(res.json.error.fields.category);
  });

  test('missing required answers, wrong answers and questions the category does not ask: every problem at once', async () => {
    const res = await post(potholeBody({ fields: { depth: 'a mile', colour: 'red' }, location: { type: 'Point', coordinates: [1, 51] } }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    const fields = res.json.error.fields;
    assert.match(fields['fields.surface'], /Answer “Is it on the road or the pavement\?”: it is required/);
    assert.match(fields['fields.depth'], /Choose one of: Less than 5 cm/);
    assert.match(fields['fields.colour'], /does not ask/);
    assert.ok(fields.location);
  });

  test('abandoned vehicle: the registration is required', async () => {
    const res = await post(potholeBody({ category: 'abandoned-vehicle', fields: { make: 'Blue Ford' } }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    assert.match(res.json.error.fields['fields.registration'], /Registration number/);
    const ok = await post(potholeBody({ category: 'abandoned-vehicle', fields: { registration: ' LK19 ABC ' } }), { token: people.resident.accessToken });
    assert.equal(ok.status, 201, ok.text);
    assert.deepEqual(ok.json.fields, { registration: 'LK19 ABC' });
    assert.equal(ok.json.department, null, 'test-council has no parking department');
  });

  test('a short description and unknown body keys are refused by the schema', async () => {
    const res = await post({ ...potholeBody({ description: 'hole' }), colour: 'red' }, { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    assert.match(res.json.error.fields.description, /at least 10 characters/);
    assert.match(res.json.error.fields.colour, /not allowed/);
  });

  test('another organisation’s report settings and categories do not apply here', async () => {
    const res = await post(potholeBody(), { token: people.resident.accessToken }, 'other-org');
    assert.equal(res.status, 400);
    assert.ok(res.json.error.fields.category, 'other-org has no categories');
  });
});

describe('photos', () => {
  const photoOf = async (person: Person, org = 'test-council') => {
    const res = await uploadPhoto(t, { token: person.accessToken, org });
    assert.equal(res.status, 201);
    return res.json.id as string;
  };

  test('the reporter’s own photos are attached in order', async () => {
    const [a, b] = [await photoOf(people.resident), await photoOf(people.resident)];
    const res = await post(potholeBody({ photos: [b, a] }), { token: people.resident.accessToken });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.json.photos.map((p: { id: string }) => p.id), [b, a]);
    assert.match(res.json.photos[0].thumb, new RegExp(`/v1/media/${b}/thumb.jpg$`));
  });

  test('someone else’s photo, another organisation’s, an unknown id, the same one twice: each refused by position', async () => {
    const mine = await photoOf(people.resident);
    const theirs = await photoOf(people.neighbour);
    const foreign = await photoOf(people.resident, 'other-org');
    const res = await post(potholeBody({ photos: [mine, theirs, foreign, 'no-such-photo', mine] }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    const fields = res.json.error.fields;
    assert.equal(fields['photos.0'], undefined);
    assert.match(fields['photos.1'], /cannot be attached/);
    assert.match(fields['photos.2'], /cannot be attached/);
    assert.match(fields['photos.3'], /cannot be attached/);
    assert.match(fields['photos.4'], /already attached/);
  });

  test('a photo already on one report cannot go on another', async () => {
    const photo = await photoOf(people.resident);
    assert.equal((await post(potholeBody({ photos: [photo] }), { token: people.resident.accessToken })).status, 201);
    const again = await post(potholeBody({ photos: [photo] }), { token: people.resident.accessToken });
    assert.equal(again.status, 400);
    assert.ok(again.json.error.fields['photos.0']);
  });

  test('at most 5 photos', async () => {
    const res = await post(potholeBody({ photos: ['a', 'b', 'c', 'd', 'e', 'f'] }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    assert.match(res.json.error.fields.photos, /At most 5/);
  });

  describe('anonymous uploads', () => {
    test('allowed where anonymous reports are, attachable from the same address within the hour, by nobody signed in', async () => {
      const upload = await uploadPhoto(t, { address: '203.0.113.5' });
      assert.equal(upload.status, 201);
      const photo = upload.json.id as string;
      assert.equal((await t.store.media.byId(t.org.id, photo))!.uploaderId, null);
      // Someone signed in cannot take it, nor another address.
      assert.equal((await post(potholeBody({ photos: [photo] }), { token: people.neighbour.accessToken })).status, 400);
      assert.equal((await post(potholeBody({ photos: [photo], email: 'w@example.net' }), { address: '203.0.113.6' })).status, 400);
      const ok = await post(potholeBody({ photos: [photo], email: 'w@example.net' }), { address: '203.0.113.5' });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.photos[0].id, photo);
    });

    test('not after an hour', async () => {
      const photo = (await uploadPhoto(t, { address: '203.0.113.5' })).json.id as string;
      t.clock.advance(61 * 60 * 1000);
      const res = await post(potholeBody({ photos: [photo], email: 'w@example.net' }), { address: '203.0.113.5' });
      assert.equal(res.status, 400);
      assert.match(res.json.error.fields['photos.0'], /upload it again/);
    });

    test('refused where the organisation takes no anonymous reports, and rate-limited per address', async () => {
      const other = await uploadPhoto(t, { org: 'other-org', address: '203.0.113.9' });
      assert.equal(other.status, 401);
      for (let i = 0; i < 20; i++) assert.equal((await uploadPhoto(t, { address: '203.0.113.9', colour: `#0000${String(i).padStart(2, '0')}` })).status, 201);
      assert.equal((await uploadPhoto(t, { address: '203.0.113.9' })).status, 429);
      assert.equal((await uploadPhoto(t, { address: '203.0.113.10' })).status, 201);
    });
  });
});

describe('idempotent resend (clientRequestId)', () => {
  const id = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

  test('the same report sent twice answers 200 with the first, once in the store, one email', async () => {
    const photo = (await uploadPhoto(t, { token: people.resident.accessToken })).json.id;
    const first = await post(potholeBody({ clientRequestId: id, photos: [photo] }), { token: people.resident.accessToken });
    assert.equal(first.status, 201);
    const again = await post(potholeBody({ clientRequestId: id, photos: [photo] }), { token: people.resident.accessToken });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.json.reference, first.json.reference);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/reports?limit=100')).json.total, 1);
    assert.equal((await reportMail(t, 'resident@test.example')).length, 1);
  });

  test('anonymous resends are recognised by the email; someone else with the id gets 409', async () => {
    const first = await post(potholeBody({ clientRequestId: id, email: 'w@example.net' }));
    assert.equal(first.status, 201);
    assert.equal((await post(potholeBody({ clientRequestId: id, email: 'w@example.net' }))).status, 200);
    const stolen = await post(potholeBody({ clientRequestId: id }), { token: people.neighbour.accessToken });
    assert.equal(stolen.status, 409);
    assert.ok(stolen.json.error.fields.clientRequestId);
  });

  test('the same id in another organisation is another report', async () => {
    await seedReports(t, {}, 'other-org');
    assert.equal((await post(potholeBody({ clientRequestId: id }), { token: people.resident.accessToken })).status, 201);
    assert.equal((await post(potholeBody({ clientRequestId: id, fields: { depth: 'over-10cm', surface: 'road' } }), { token: people.resident.accessToken }, 'other-org')).status, 201);
  });

  test('not a UUID: 400', async () => {
    const res = await post(potholeBody({ clientRequestId: 'retry-1' }), { token: people.resident.accessToken });
    assert.equal(res.status, 400);
    assert.ok(res.json.error.fields.clientRequestId);
  });
});

describe('mail failures do not fail the request', () => {
  test('a mailer that throws: the report is still made', async () => {
    const original = t.outbox.send.bind(t.outbox);
    t.outbox.send = async () => {
      throw new Error('SMTP is down');
    };
    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const res = await post(potholeBody(), { token: people.resident.accessToken });
      assert.equal(res.status, 201);
      assert.ok(errors.some((e) => /SMTP is down/.test(JSON.stringify(e))), 'the failure is logged');
    } finally {
      console.error = consoleError;
      t.outbox.send = original;
    }
  });
});
