// End to end: the demo's maps as people use them: the council's events map (list, details, calendar file),
// a resident adding a garden to the community map with the keyboard, and an officer creating a map project.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page, SerializedAXNode } from 'puppeteer-core';
import { startDemoForTest, type Demo } from './support.js';

let demo: Demo;
before(async () => {
  demo = await startDemoForTest();
});
after(async () => {
  await demo?.close();
});

const TIMEOUT = 15_000;
const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;
/** Words inside `host`, shadow roots included. */
const text = (host: string, words: string) => `${host} >>> ::-p-text(${JSON.stringify(words)})`;

/** Waits for `selector`, polled from here (waitForSelector missed late changes inside shadow roots in a tab without animation frames). */
async function appears(page: Page, selector: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  while (!(await page.$(selector))) {
    if (Date.now() > deadline) throw new Error(`Nothing matches ${selector} after ${TIMEOUT / 1000} s`);
    await sleep(100);
  }
}

/** A fresh browser profile (the demo pages share one origin, so they would share one session) and a page in it. */
async function newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await demo.browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewport({ width: 1280, height: 900 });
  await page.bringToFront(); // locator clicks wait for animation frames, which only the front tab gets
  return { context, page, errors: collectErrors(page) };
}

/**
 * Script errors, CSP refusals (Chromium reports them as console errors), failed loads and refused map
 * requests. Expected: OpenStreetMap's tiles (the demo's basemap) cannot load without internet, and
 * the pages' other widgets (sign-in, reports) handle their own 4xx answers.
 */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url ?? '';
    const tile = /^https:\/\/([a-c]\.)?tile\.openstreetmap\.org\//.test(url) && message.text().startsWith('Failed to load resource');
    if (!tile && !/status of 4\d\d/.test(message.text())) errors.push(`${message.text()} (${url})`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && /\/(layers|events|places|projects|elements|vendor)(\/|$)/.test(pathname)) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

/** Signs a seeded person in with the code the demo's outbox received, through the page's <civic-sign-in>. */
async function signIn(page: Page, email: string, name: string) {
  await page.locator(aria('textbox', 'Email address')).fill(email);
  await page.locator(aria('button', 'Continue')).click();
  await appears(page, aria('heading', 'Check your email'));
  await page.locator(aria('textbox', 'Code')).fill(await demo.latestCode(email));
  await page.locator(aria('button', 'Sign in')).click();
  await appears(page, aria('heading', `Signed in as ${name}`));
}

/**
 * The accessible name of the map's list entry for `title` (a button named "<title> <when or category>"),
 * read from the accessibility tree as a screen reader would; polled, since the list follows the map.
 */
async function listEntry(page: Page, title: string): Promise<string> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const names: string[] = [];
    const walk = (node: SerializedAXNode) => {
      if (node.role === 'button' && node.name) names.push(node.name);
      node.children?.forEach(walk);
    };
    const tree = await page.accessibility.snapshot();
    if (tree) walk(tree);
    const name = names.find((candidate) => candidate.startsWith(`${title} `));
    if (name) return name;
    if (Date.now() > deadline) throw new Error(`No list entry for “${title}”. Buttons: ${names.join(' | ')}`);
    await sleep(200);
  }
}

/** The accessible name of what has focus. */
async function focusedName(page: Page): Promise<string | undefined> {
  const find = (node: SerializedAXNode): SerializedAXNode | undefined => (node.focused ? node : node.children?.map(find).find(Boolean));
  const tree = await page.accessibility.snapshot({ interestingOnly: false });
  return tree ? find(tree)?.name : undefined;
}

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
