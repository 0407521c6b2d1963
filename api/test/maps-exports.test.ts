// Downloads: a project's contributions as GeoJSON and CSV, and events as iCalendar (per event, organisation and project).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { ContributionFeature } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
import { AREA, cast, contributionBody, createProject, point } from './support/maps.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof cast>>;
let project: Awaited<ReturnType<typeof createProject>>;
let base: string;

beforeEach(async () => {
  t = await buildTestApp();
  people = await cast(t);
  project = await createProject(t, people.officer.accessToken, { title: 'Community gardens: Peckham & Nunhead' });
  base = `/v1/orgs/test-council/projects/${project.id}`;
});
afterEach(async () => {
  await t.close();
});

async function add(fields: Record<string, unknown>, geometry: unknown = point(-0.07, 51.46), category = project.categories[0]!.id) {
  const res = await t.call('POST', `${base}/contributions`, { token: people.resident.accessToken, body: contributionBody(category, { fields, geometry }) });
  assert.equal(res.status, 201, res.text);
  t.clock.advance(1000);
  return res.json as { id: string };
}

describe('export.geojson', () => {
  test('a FeatureCollection of the active contributions that parses, with category names, as a download', async () => {
    const a = await add({ name: 'Bells Garden', grows: ['veg'] });
    const b = await add({ name: 'Warwick Gardens' }, { type: 'LineString', coordinates: [[-0.08, 51.45], [-0.07, 51.46]] });
    const hidden = await add({ name: 'Gone' });
    await t.call('DELETE', `${base}/contributions/${hidden.id}`, { token: people.resident.accessToken });

    const res = await t.call('GET', `${base}/export.geojson`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/geo\+json/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="community-gardens-peckham-nunhead.geojson"');
    const collection = JSON.parse(res.text);
    assert.equal(collection.type, 'FeatureCollection');
    assert.deepEqual(collection.features.map((f: { id: string }) => f.id), [a.id, b.id]);
    for (const feature of collection.features) {
      ContributionFeature.parse(feature);
      assert.equal(feature.properties.categoryName, 'Garden');
      assert.equal(feature.properties.mine, undefined, 'an export is the same for everyone');
    }
    assert.deepEqual(collection.features[1].geometry.type, 'LineString');
  });

  test('moderators may export other statuses; others may not; archived projects only for staff', async () => {
    const gone = await add({ name: 'Gone' });
    await t.call('DELETE', `${base}/contributions/${gone.id}`, { token: people.resident.accessToken });
    assert.equal((await t.call('GET', `${base}/export.geojson?status=all`, { token: people.resident.accessToken })).status, 403);
    const all = await t.call('GET', `${base}/export.geojson?status=all`, { token: people.moderator.accessToken });
    assert.equal(all.status, 200);
    assert.deepEqual(JSON.parse(all.text).features.map((f: { id: string }) => f.id), [gone.id]);
    await t.call('PATCH', base, { token: people.officer.accessToken, body: { status: 'archived' } });
    assert.equal((await t.call('GET', `${base}/export.geojson`)).status, 404);
    assert.equal((await t.call('GET', `${base}/export.geojson`, { token: people.officer.accessToken })).status, 200);
    assert.equal((await t.call('GET', `/v1/orgs/other-org/projects/${project.id}/export.geojson`)).status, 404);
  });
});

/** RFC 4180 records back into cells, so that the test reads the file the way a spreadsheet does. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('export.csv', () => {
  test('one row per contribution, a column per question; quotes, commas and line breaks escaped; formulas defused', async () => {
    const notes = await createProject(t, people.officer.accessToken, {
      title: 'Notes map',
      area: AREA,
      categories: [
        {
          name: 'Spot',
          colour: '#2e7d32',
          fields: [
            { key: 'name', label: 'Name', type: 'text', required: true },
            { key: 'notes', label: 'Notes, in full', type: 'text', multiline: true },
            { key: 'kind', label: 'Kind', type: 'choice', options: [{ value: 'tree', label: 'A tree' }, { value: 'bench', label: 'A bench' }] },
            { key: 'tags', label: 'Tags', type: 'multichoice', options: [{ value: 'shade', label: 'Shade' }, { value: 'view', label: 'Nice view' }] },
            { key: 'lit', label: 'Lit at night', type: 'boolean' },
          ],
        },
      ],
    });
    const url = `/v1/orgs/test-council/projects/${notes.id}`;
    const answers = [
      { name: 'Smith\'s "Big" Oak, by the gate', notes: 'First line\nSecond, line', kind: 'tree', tags: ['shade', 'view'], lit: false },
      { name: '=HYPERLINK("http://evil.example","click")', notes: '+1 and -2', kind: 'bench', lit: true },
      { name: '@SUM(A1:A2)', notes: '-nothing' },
    ];
    for (const fields of answers) {
      const res = await t.call('POST', `${url}/contributions`, { token: people.resident.accessToken, body: contributionBody(notes.categories[0]!.id, { fields }) });
      assert.equal(res.status, 201, res.text);
      t.clock.advance(1000);
    }
    const res = await t.call('GET', `${url}/export.csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="notes-map.csv"');
    const bytes = new Uint8Array(await (await t.app.request(`${url}/export.csv`)).arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so spreadsheets read UTF-8 (text() strips it)');
    assert.ok(res.text.includes('"Smith\'s ""Big"" Oak, by the gate"'), 'quotes doubled, the cell quoted');
    const rows = parseCsv(res.text);
    assert.deepEqual(rows[0], ['id', 'category', 'status', 'longitude', 'latitude', 'geometry_type', 'geometry', 'title', 'Name', 'Notes, in full', 'Kind', 'Tags', 'Lit at night', 'photos', 'author', 'created_at', 'updated_at']);
    assert.equal(rows.length, 4);
    const [first, second, third] = rows.slice(1);
    assert.deepEqual(first!.slice(1, 6), ['Spot', 'active', '-0.07', '51.46', 'Point'], 'a negative number stays a number');
    assert.deepEqual(JSON.parse(first![6]!), { type: 'Point', coordinates: [-0.07, 51.46] });
    assert.deepEqual(first!.slice(8, 13), ['Smith\'s "Big" Oak, by the gate', 'First line\nSecond, line', 'A tree', 'Shade; Nice view', 'no']);
    assert.deepEqual(second!.slice(8, 13), ['\'=HYPERLINK("http://evil.example","click")', "'+1 and -2", 'A bench', '', 'yes']);
    assert.equal(second![7], '\'=HYPERLINK("http://evil.example","click")', 'the title column is defused too');
    assert.deepEqual(third!.slice(8, 10), ["'@SUM(A1:A2)", "'-nothing"]);
    assert.equal(first![14], 'Staff Member');
    assert.equal(first![15], '2026-03-02T09:00:00.000Z');
  });

  test('photos appear as their large URLs; the same rules as GeoJSON apply to who may export what', async () => {
    const db = new Database(t.config.databasePath);
    try {
      const insert = db.prepare("INSERT INTO media (id, org_id, uploader_id, sha256, mime, width, height, bytes, created_at) VALUES (?, ?, NULL, ?, 'image/jpeg', 800, 600, 1234, '2026-03-02T09:00:00.000Z')");
      insert.run('photo-one', t.org.id, 'a'.repeat(64));
      insert.run('photo-foreign', t.otherOrg.id, 'b'.repeat(64));
    } finally {
      db.close();
    }
    const foreign = await t.call('POST', `${base}/contributions`, { token: people.resident.accessToken, body: contributionBody(project.categories[0]!.id, { photos: ['photo-foreign'] }) });
    assert.equal(foreign.status, 400, 'another organisation’s photo is refused');
    assert.ok(foreign.json.error.fields['properties.photos.0']);
    const twice = await t.call('POST', `${base}/contributions`, { token: people.resident.accessToken, body: contributionBody(project.categories[0]!.id, { photos: ['photo-one', 'photo-one'] }) });
    assert.equal(twice.status, 400);
    assert.equal(twice.json.error.fields['properties.photos.1'], 'This photo is already attached.');
    const ok = await t.call('POST', `${base}/contributions`, { token: people.resident.accessToken, body: contributionBody(project.categories[0]!.id, { photos: ['photo-one'] }) });
    assert.equal(ok.status, 201, ok.text);
    assert.deepEqual(ok.json.properties.photos, [
      { id: 'photo-one', width: 800, height: 600, thumb: 'http://localhost/v1/media/photo-one/thumb.jpg', large: 'http://localhost/v1/media/photo-one/large.jpg' },
    ]);
    const csv = parseCsv((await t.call('GET', `${base}/export.csv`)).text);
    assert.equal(csv[1]![csv[0]!.indexOf('photos')], 'http://localhost/v1/media/photo-one/large.jpg');
    assert.equal((await t.call('GET', `${base}/export.csv?status=pending`)).status, 401);
    assert.equal((await t.call('GET', `${base}/export.csv?status=pending`, { token: people.resident.accessToken })).status, 403);
    assert.equal((await t.call('GET', `${base}/export.csv?status=pending`, { token: people.moderator.accessToken })).status, 200);
  });
});

describe('iCalendar', () => {
  const at = (days: number, hour = 10) => new Date(Date.UTC(2026, 2, 2 + days, hour)).toISOString();
  async function event(title: string, start: string, end: string, extra: Record<string, unknown> = {}, org = 'test-council', token = people.officer.accessToken) {
    const res = await t.call('POST', `/v1/orgs/${org}/events`, {
      token,
      body: { type: 'Feature', geometry: point(-0.083, 51.483), properties: { title, description: 'Games; food, and music\nAll welcome', organiser: 'Southwark Parks', start, end, ...extra } },
    });
    assert.equal(res.status, 201, res.text);
    return res.json as { id: string; properties: { ical: string } };
  }
  const unfold = (text: string) => text.replace(/\r\n /g, '');

  test('one event downloads as a valid .ics file', async () => {
    const e = await event('Family fun day in Burgess Park, with a very long title that needs folding across lines', at(3, 11), at(3, 16), { url: 'https://example.org/fun-day' });
    const res = await t.call('GET', new URL(e.properties.ical).pathname);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="event.ics"');
    const text = res.text;
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
    const lines = unfold(text).split('\r\n');
    assert.ok(lines.includes(`UID:event-${e.id}@localhost`));
    assert.ok(lines.includes('DTSTART:20260305T110000Z'));
    assert.ok(lines.includes('DTEND:20260305T160000Z'));
    assert.ok(lines.includes('SUMMARY:Family fun day in Burgess Park\\, with a very long title that needs folding across lines'));
    assert.ok(lines.includes('DESCRIPTION:Games\\; food\\, and music\\nAll welcome'));
    assert.ok(lines.includes('GEO:51.483;-0.083'), 'latitude first');
    assert.ok(lines.includes('URL:https://example.org/fun-day'));
    assert.ok(lines.includes('CONTACT:Southwark Parks'));
    assert.equal((await t.call('GET', `/v1/orgs/other-org/events/${e.id}/event.ics`)).status, 404);
    assert.equal((await t.call('GET', '/v1/orgs/test-council/events/nope/event.ics')).status, 404);
  });

  test('the organisation feed holds its upcoming and recent events only; a project feed its own', async () => {
    const old = await event('Long ago', at(-40), at(-40, 12));
    const recent = await event('Last week', at(-7), at(-7, 12));
    const soon = await event('Soon', at(2), at(2, 12), { project: project.id });
    const foreignAdmin = people.foreignAdmin.accessToken;
    const foreign = await event('Elsewhere', at(2), at(2, 12), {}, 'other-org', foreignAdmin);
    const feed = unfold((await t.call('GET', '/v1/orgs/test-council/calendar.ics')).text);
    assert.ok(feed.includes('NAME:Test Council: events'));
    const uids = [...feed.matchAll(/UID:event-([^@]+)@/g)].map((m) => m[1]);
    assert.deepEqual(uids, [recent.id, soon.id]);
    assert.ok(!uids.includes(old.id) && !uids.includes(foreign.id));
    const projectFeed = await t.call('GET', `${base}/calendar.ics`);
    assert.equal(projectFeed.status, 200);
    assert.equal(projectFeed.headers.get('content-disposition'), 'attachment; filename="community-gardens-peckham-nunhead.ics"');
    assert.deepEqual([...unfold(projectFeed.text).matchAll(/UID:event-([^@]+)@/g)].map((m) => m[1]), [soon.id]);
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/calendar.ics')).status, 404);
  });
});
