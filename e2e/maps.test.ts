// End to end: the demo's maps as people use them: the council's events map (list, details, calendar file),
// a resident adding a garden to the community map with the keyboard, and an officer creating a map project.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { appears, aria, buttonNamed, focusedName, newPage as freshPage, signIn as signInAs, startDemoForTest, text, type Demo } from './support.js';

let demo: Demo;
const newPage = () => freshPage(demo);
const signIn = (page: Page, email: string, name: string) => signInAs(demo, page, email, name);
before(async () => {
  demo = await startDemoForTest();
});
after(async () => {
  await demo?.close();
});

/**
 * The accessible name of the map's list entry for `title` (a button named "<title> <when or category>").
 */
const listEntry = (page: Page, title: string) => buttonNamed(page, (name) => name.startsWith(`${title} `), `“${title}”`);

test('the council events map loads under the page CSP, lists upcoming events, opens one and offers its calendar file', async () => {
  const { context, page, errors } = await newPage();
  const workers: string[] = [];
  page.on('request', (request) => request.url().includes('maplibre-gl-worker') && workers.push(request.url()));
  const worker = page.waitForResponse((response) => response.url() === `${demo.demoUrl}/vendor/maplibre-gl-worker.mjs`);

  await page.goto(`${demo.demoUrl}/council.html`);
  await page.locator(aria('link', "What's on")).click(); // the map loads maplibre as it comes into view
  assert.equal((await worker).status(), 200);

  // The list of what is in view: the seeded fun day (in 3 days, in Burgess Park) is under the map's start.
  const title = 'Family fun day in Burgess Park';
  const entry = await listEntry(page, title);
  assert.match(entry, /\d{1,2}:\d{2}$/, 'an event says when it starts');

  // Choosing it opens its details, with focus on the title; Escape goes back to the same list entry.
  await page.locator(aria('button', entry)).click();
  await appears(page, aria('heading', title));
  assert.equal(await focusedName(page), title);
  await appears(page, text('civic-map', 'Organised by Southwark Parks'));
  const calendar = await page.$eval(aria('link', 'Add to calendar'), (a) => ({ href: (a as HTMLAnchorElement).href, download: a.hasAttribute('download') }));
  assert.ok(calendar.download, 'the calendar link downloads a file');
  await page.keyboard.press('Escape');
  await appears(page, aria('button', entry));
  assert.equal(await focusedName(page), entry);

  // The calendar file is an iCalendar event with the event's title.
  assert.ok(calendar.href.startsWith(`${demo.apiUrl}/`), calendar.href);
  const ics = await fetch(calendar.href);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/);
  const body = await ics.text();
  assert.match(body, /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*END:VEVENT/);
  assert.match(body, new RegExp(`^SUMMARY:${title}\\r?$`, 'm'));

  // maplibre's worker came only from the page's own origin (one from the API's would need a blob: the CSP refuses).
  assert.deepEqual([...new Set(workers)], [`${demo.demoUrl}/vendor/maplibre-gl-worker.mjs`]);
  assert.deepEqual(errors, [], 'no script errors, CSP refusals, failed loads (but map tiles) or refused map requests');
  await context.close();
});

test('a resident signs in on the community page and adds a garden to the gardens map with the keyboard', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${demo.demoUrl}/community.html`);
  await signIn(page, 'amara.osei@example.org', 'Amara Osei');

  // The seeded gardens are listed once the map has loaded.
  await page.locator(aria('link', 'Gardens map')).click();
  await listEntry(page, 'Warwick Gardens growing space');
  await page.locator(aria('button', 'Add to this map')).click();
  await appears(page, aria('heading', 'Where is it?'));
  await appears(page, aria('heading', 'Add to “Community gardens”'));

  // The keyboard way: select the map, move the cross one step east, press Enter to put the point there.
  await page.focus(aria('region', 'Map'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await appears(page, aria('button', 'Remove point 1'));
  await appears(page, text('civic-map', 'A point on the map (latitude'));

  // What it is: a garden, whose only required question is its name.
  await page.locator(aria('radio', 'Garden')).click();
  const name = 'Rye Lane bus garage herb bed';
  await page.locator(aria('textbox', 'Name (required)')).fill(name);
  await page.locator(aria('checkbox', 'Herbs')).click();
  const posted = page.waitForResponse((response) => response.request().method() === 'POST' && /\/contributions$/.test(response.url()));
  await page.locator(aria('button', 'Add to the map')).click();
  const response = await posted;
  assert.equal(response.status(), 201);

  // The project publishes at once (moderation "publish" in the seed): the form says so and the list shows it.
  await appears(page, aria('heading', 'Thank you'));
  await appears(page, text('civic-map', `“${name}” is now on the map.`));
  await page.locator(aria('button', 'Back to the list')).click();
  assert.equal(await listEntry(page, name), `${name} Garden`);

  // The API stored it as the resident sent it, and shows it to anyone.
  const { id } = (await response.json()) as { id: string };
  const stored = await fetch(`${response.url()}/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } });
  assert.equal(stored.status, 200);
  const feature = (await stored.json()) as {
    geometry: { type: string; coordinates: number[] };
    properties: { title: string; status: string; fields: Record<string, unknown>; author?: { name: string } };
  };
  assert.equal(feature.geometry.type, 'Point');
  const [lon = NaN, lat = NaN] = feature.geometry.coordinates;
  assert.ok(lon > -0.0693 && lon < -0.06 && Math.abs(lat - 51.4697) < 1e-3, `one step east of the map's start: ${lon}, ${lat}`);
  assert.equal(feature.properties.title, name);
  assert.equal(feature.properties.status, 'active');
  assert.deepEqual(feature.properties.fields, { name, grows: ['herbs'] });
  assert.equal(feature.properties.author?.name, 'Amara Osei');

  assert.deepEqual(errors, [], 'no script errors, CSP refusals, failed loads (but map tiles) or refused map requests');
  await context.close();
});

test('an officer signs in on the intranet and creates a map project for the council in the project editor', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${demo.demoUrl}/officer.html`);
  await signIn(page, 'officer@southwark.example', 'Tom Whitfield');

  // The seed gives the council no map project ("Community gardens" is the gardens network's).
  await appears(page, aria('heading', 'Map projects'));
  await appears(page, text('civic-map-project-editor', 'There are no map projects yet.'));

  await page.locator(aria('button', 'Create a map project')).click();
  await appears(page, aria('heading', 'Create a map project'));
  await page.locator(aria('textbox', 'Title')).fill('Street trees');
  await page.locator(aria('radio', 'The whole area of Southwark Council')).click();
  await page.locator(aria('textbox', 'Name')).fill('Tree pit');
  await page.locator(aria('textbox', 'Question')).fill('What is there now?');
  await page.locator(aria('button', 'Create project')).click();

  // Back in the list, with the new project and its actions; the API has it as the officer made it.
  await appears(page, text('civic-map-project-editor', '“Street trees” has been created.'));
  await appears(page, aria('heading', 'Street trees'));
  await appears(page, aria('button', 'Edit Street trees'));
  const projects = await fetch(`${demo.apiUrl}/v1/orgs/southwark/projects`, { headers: { Accept: 'application/json' } });
  const { items } = (await projects.json()) as { items: { title: string; status: string; categories: { name: string }[] }[] };
  assert.deepEqual(
    items.map((project) => [project.title, project.status, project.categories.map((c) => c.name)]),
    [['Street trees', 'active', ['Tree pit']]],
  );

  assert.deepEqual(errors, [], 'no script errors, CSP refusals, failed loads (but map tiles) or refused map requests');
  await context.close();
});
