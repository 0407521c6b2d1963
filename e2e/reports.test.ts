// End to end: a pothole's life on the demo. A resident reports it with a photo on the council's page; an
// officer acknowledges it and then fixes it in the inbox on the intranet page; the resident sees its
// progress, finds both emails in the outbox, and sees it on the reports map, open and then closed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { appears, aria, buttonNamed, mailFor, newPage, signIn, startDemoForTest, text, type Demo } from './support.js';

let demo: Demo;
let folder: string;
before(async () => {
  demo = await startDemoForTest();
  folder = mkdtempSync(join(tmpdir(), 'civic-e2e-photo-'));
});
after(async () => {
  await demo?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const RESIDENT = { email: 'amara.obi@example.org', name: 'Amara Obi' };
const OFFICER = { email: 'officer@southwark.example', name: 'Tom Whitfield' };
/** The page's own sign-in, not the compact ones inside the report widgets. */
const OWN_SIGN_IN = 'civic-sign-in:not([compact]) >>> ';
const FORM = 'civic-report-form >>> ';
const INBOX = 'civic-inbox >>> ';

/** A phone-sized JPEG of grey noise with a GPS position in its EXIF, as a phone's photo would carry. */
async function phonePhoto(): Promise<string> {
  const bytes = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#555', noise: { type: 'gaussian', mean: 110, sigma: 40 } } })
    .withExif({ IFD0: { Make: 'Civic', Model: 'Test phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 28/1 2670/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 5/1 1572/100' } })
    .jpeg({ quality: 85 })
    .toBuffer();
  const file = join(folder, 'pothole.jpg');
  writeFileSync(file, bytes);
  return file;
}

/** The messages the outbox holds for `to`, newest first. */
async function outbox(to: string): Promise<{ subject: string; text: string }[]> {
  const response = await fetch(`${demo.apiUrl}/dev/outbox.json?to=${encodeURIComponent(to)}`);
  return (await response.json()) as { subject: string; text: string }[];
}

/** The reports map's list entry for `reference` whose name `wanted` accepts (polled: the map loads and the list follows). */
const mapEntry = (page: Page, reference: string, wanted: RegExp) =>
  buttonNamed(page, (name) => name.includes(reference) && wanted.test(name), `${reference} (${wanted}) in the map's list`);

/** Sets the inbox's status to `status` with a public note, saves it, and waits for the inbox to say it is done. */
async function changeStatus(page: Page, reference: string, status: string, label: string, note: string): Promise<void> {
  await page.select(`${INBOX}#update-status`, status);
  await page.locator(`${INBOX}#update-public-note`).fill(note);
  await page.locator(INBOX + aria('button', 'Save the update')).click();
  await appears(page, text('civic-inbox', `${reference} is now “${label}”.`));
}

test('a resident reports a pothole with a photo, an officer acknowledges and fixes it, and the resident follows it to the end', async () => {
  // The resident, on the council's page.
  const resident = await newPage(demo);
  const page = resident.page;
  await page.goto(`${demo.demoUrl}/council.html`);
  await signIn(demo, page, RESIDENT.email, RESIDENT.name, OWN_SIGN_IN);

  // What: searching "pothole" leaves one kind of problem; Enter chooses it.
  await page.locator(`${FORM}#category-search`).fill('pothole');
  await appears(page, text('civic-report-form', '1 kind of problem matches'));
  await page.focus(`${FORM}#category-search`);
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval(`${FORM}input[name="category"]:checked`, (input) => (input as HTMLInputElement).value), 'pothole');
  await page.locator(FORM + aria('button', 'Continue')).click();

  // Where: the map's start, set with the keyboard (select the map, Enter).
  await appears(page, FORM + aria('heading', 'Where is it?'));
  await appears(page, `${FORM}civic-map >>> ${aria('region', 'Map')}`); // the map loads as the step opens
  await page.focus(`${FORM}civic-map >>> ${aria('region', 'Map')}`);
  await page.keyboard.press('Enter');
  await appears(page, text('civic-report-form', 'latitude 51.'));
  await page.locator(FORM + aria('button', 'Continue')).click();

  // Similar open reports nearby may be offered first; this pothole is a new one.
  await appears(page, `${FORM}#step-title`);
  const step = await page.$eval(`${FORM}#step-title`, (title) => title.textContent?.trim());
  if (step === 'Is it one of these?') {
    await page.locator(FORM + aria('radio', 'No, mine is something else')).click();
    await page.locator(FORM + aria('button', 'Continue')).click();
  }

  // About it: the category's own questions, a description and a photo, downscaled and uploaded as it is chosen.
  await appears(page, FORM + aria('heading', 'Tell us about it'));
  await page.locator(FORM + aria('radio', 'More than 10 cm')).click();
  await page.locator(FORM + aria('radio', 'Road')).click();
  const description = 'Deep pothole in the bus stop lay-by on Camberwell Road, water fills it when it rains.';
  await page.locator(FORM + aria('textbox', 'Describe the problem')).fill(description);
  const upload = page.waitForResponse((response) => response.request().method() === 'POST' && /\/media$/.test(new URL(response.url()).pathname));
  const input = (await page.$(`${FORM}#photos`)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(await phonePhoto());
  const uploaded = await upload;
  assert.equal(uploaded.status(), 201);
  await appears(page, `${FORM}.photo[data-state="done"]`);
  await page.locator(FORM + aria('button', 'Continue')).click();

  // Check and send.
  await appears(page, FORM + aria('heading', 'Check your report'));
  await appears(page, text('civic-report-form', `We send updates on this report to ${RESIDENT.email}.`));
  const created = page.waitForResponse((response) => response.request().method() === 'POST' && /\/reports$/.test(new URL(response.url()).pathname));
  await page.locator(FORM + aria('button', 'Send report')).click();
  assert.equal((await created).status(), 201);
  await appears(page, FORM + aria('heading', 'Report sent'));
  const confirmation = await page.$eval('civic-report-form >>> [part~="success"]', (el) => el.textContent ?? '');
  const reference = confirmation.match(/Your reference is ([A-Z]+-\d+)/)?.[1];
  assert.ok(reference, `the confirmation gives a reference: ${confirmation}`);
  assert.match(confirmation, /Its status is now “Submitted”/);

  // The photo the API keeps is the browser's downscaled copy, without the phone's EXIF (and so its GPS position).
  const report = (await (await created).json()) as { photos: { large: string; width: number; height: number }[] };
  assert.equal(report.photos.length, 1);
  const photo = report.photos[0]!;
  assert.deepEqual([photo.width, photo.height], [2048, 1536], 'downscaled in the browser to 2048 pixels on the long side');
  const stored = await fetch(photo.large);
  assert.equal(stored.status, 200);
  assert.match(stored.headers.get('cache-control') ?? '', /max-age=\d+/);
  const metadata = await sharp(Buffer.from(await stored.arrayBuffer())).metadata();
  assert.equal(metadata.exif, undefined, 'no EXIF in the stored photo');

  // The widgets below the form hear of it: it is on the council's reports map, open, and in "Your reports".
  await page.$eval('#reports', (section) => section.scrollIntoView()); // the map loads as it comes into view
  await mapEntry(page, reference, /Submitted \(open\)/);
  await appears(page, `civic-report-list[show="mine"] >>> ${aria('button', `Show details and progress of ${reference}`)}`);

  // The officer, on the intranet page, in a browser profile of their own.
  const officer = await newPage(demo);
  await officer.page.goto(`${demo.demoUrl}/officer.html`);
  await signIn(demo, officer.page, OFFICER.email, OFFICER.name);
  await officer.page.locator(INBOX + aria('button', `Open ${reference}`)).click();
  await appears(officer.page, INBOX + aria('heading', `${reference}: Pothole`));
  await appears(officer.page, text('civic-inbox', description));
  await appears(officer.page, `${INBOX}img[alt="Photo 1 of ${reference}"]`);
  await changeStatus(officer.page, reference, 'acknowledged', 'Acknowledged', 'Thank you: an inspector will look at it this week.');
  await changeStatus(officer.page, reference, 'fixed', 'Fixed', 'The hole was filled and the surface sealed this morning.');
  assert.deepEqual(officer.errors, [], 'no errors on the officer page');
  await officer.context.close();

  // Both public changes reached the resident by email (and the report's receipt before them).
  await mailFor(demo, RESIDENT.email, (subject) => subject === `Update on ${reference}: Fixed`);
  const mail = await outbox(RESIDENT.email);
  const subjects = mail.map((message) => message.subject);
  assert.ok(subjects.includes(`Update on ${reference}: Acknowledged`), subjects.join(' | '));
  assert.ok(subjects.includes(`Update on ${reference}: Fixed`), subjects.join(' | '));
  assert.ok(subjects.some((subject) => subject.includes(`we have your report ${reference}`)), subjects.join(' | '));
  assert.match(mail.find((m) => m.subject === `Update on ${reference}: Fixed`)!.text, /The hole was filled and the surface sealed this morning\./);

  // Back on the council's page: "Your reports" has it, closed, with its timeline.
  await page.bringToFront();
  await page.reload();
  await appears(page, OWN_SIGN_IN + aria('heading', `Signed in as ${RESIDENT.name}`));
  await page.locator(`civic-report-list[show="mine"] >>> ${aria('button', `Show details and progress of ${reference}`)}`).click();
  await appears(page, text('civic-report-list[show="mine"]', 'Status changed to Fixed'));
  await appears(page, text('civic-report-list[show="mine"]', 'Status changed to Acknowledged'));
  await appears(page, text('civic-report-list[show="mine"]', 'The hole was filled and the surface sealed this morning.'));
  await appears(page, text('civic-report-list[show="mine"]', 'Thank you: an inspector will look at it this week.'));
  await appears(page, text('civic-report-list[show="mine"]', 'You reported this problem.'));

  // And on the map, among the closed reports.
  await page.$eval('#reports', (section) => section.scrollIntoView()); // the map loads as it comes into view
  await page.locator('civic-map[layers="reports"] >>> [part~="filters-toggle"]').click();
  const closedToo = `civic-map[layers="reports"] >>> ${aria('checkbox', 'Show closed reports too')}`;
  await appears(page, closedToo);
  await page.focus(closedToo);
  await page.keyboard.press('Space');
  await mapEntry(page, reference, /Fixed \(closed\)/);

  assert.deepEqual(resident.errors, [], 'no script errors, CSP refusals, failed loads (but map tiles) or refused requests on the council page');
  await resident.context.close();
});
