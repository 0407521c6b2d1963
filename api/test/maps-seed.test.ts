// The demo's map data: valid by the API's own rules, inside each organisation's area, events upcoming.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { validateFields } from '../src/domain/fields.js';
import { validateGeometry } from '../src/domain/geo.js';
import { seedDemo } from '../src/seed.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/index.js';
import type { OrgRecord } from '../src/store/types.js';

let dir: string;
let store: SqliteStore;
let orgs: Map<string, OrgRecord>;
const started = Date.now();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'civic-seed-maps-'));
  store = openSqliteStore(join(dir, 'civic.db'));
  orgs = new Map((await seedDemo(store)).map((org) => [org.slug, org]));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seeded map data', () => {
  test('peckham-gardens: a community gardens project with Garden, Compost bin and Water point, and 12–20 valid contributions in its area', async () => {
    const org = orgs.get('peckham-gardens')!;
    const projects = await store.maps.projects(org.id, ['active'], { after: null, limit: 10 });
    assert.equal(projects.length, 1);
    const project = projects[0]!;
    assert.equal(project.title, 'Community gardens');
    assert.equal(project.contribute, 'residents');
    assert.equal(project.moderation, 'publish');
    assert.deepEqual(project.categories.map((c) => c.name), ['Garden', 'Compost bin', 'Water point']);
    const garden = project.categories[0]!;
    assert.deepEqual(garden.fields.map((f) => [f.key, f.type, f.required]), [
      ['name', 'text', true],
      ['opening_hours', 'text', false],
      ['wheelchair', 'boolean', false],
      ['grows', 'multichoice', false],
    ]);
    assert.deepEqual(validateGeometry(project.area, { area: org.map.extent }), [], 'the project area is inside the organisation’s');
    const contributions = await store.maps.contributions(org.id, project.id, ['active'], { after: null, limit: 100 });
    assert.ok(contributions.length >= 12 && contributions.length <= 20, `${contributions.length} contributions`);
    for (const c of contributions) {
      const category = project.categories.find((cat) => cat.id === c.categoryId)!;
      assert.deepEqual(validateGeometry(c.geometry, { area: project.area }), [], c.title);
      assert.deepEqual(validateFields(category.fields, c.fields).problems, {}, c.title);
      assert.ok(c.authorName, 'every contribution has an author');
      assert.ok(Date.parse(c.createdAt) <= Date.now());
    }
    const names = new Set(contributions.map((c) => project.categories.find((cat) => cat.id === c.categoryId)!.name));
    assert.deepEqual([...names].sort(), ['Compost bin', 'Garden', 'Water point']);
  });

  test('southwark: 10–15 upcoming events and 8–10 places, all inside the borough’s extent', async () => {
    const org = orgs.get('southwark')!;
    const events = await store.maps.events(org.id, { limit: 100 });
    assert.ok(events.length >= 10 && events.length <= 15, `${events.length} events`);
    for (const event of events) {
      assert.ok(Date.parse(event.start!) > started, `${event.title} is upcoming`);
      assert.ok(event.end! > event.start!);
      assert.deepEqual(validateGeometry(event.geometry, { area: org.map.extent }), [], event.title);
      assert.ok(event.title.length >= 3 && event.organiser.length > 0);
    }
    // The store lists places only by box (through the spatial index), so they are read from the file.
    const places = await placesOf(org.id);
    assert.ok(places.length >= 8 && places.length <= 10, `${places.length} places`);
    for (const place of places) assert.deepEqual(validateGeometry(place.geometry, { area: org.map.extent }), [], place.title);
  });

  test('the other organisations get no map data', async () => {
    const org = orgs.get('south-london-health')!;
    assert.deepEqual(await store.maps.projects(org.id, ['active', 'archived'], { after: null, limit: 10 }), []);
    assert.deepEqual(await store.maps.events(org.id, { limit: 10 }), []);
  });
});

/** Places of an organisation, read straight from the database file. */
async function placesOf(orgId: string) {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dir, 'civic.db'), { readonly: true });
  try {
    return (db.prepare("SELECT title, geometry FROM features WHERE org_id = ? AND kind = 'place'").all(orgId) as { title: string; geometry: string }[]).map((row) => ({
      title: row.title,
      geometry: JSON.parse(row.geometry),
    }));
  } finally {
    db.close();
  }
}
