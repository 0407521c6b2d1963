import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { ReportCategoryCreate, ReportDetail, ReportSettings, SessionResponse, StatusStep } from '@civic-elements/protocol';
// The lazy registration, as pages get it: the element's code loads when the first <civic-inbox> appears.
import '../src/define.js';
import { getSession } from '@civic-elements/core';
import type { CivicInbox } from '../src/civic-inbox.js';
import { closedPort } from '../../core/test/support.js';
import type { CivicReportUpdatedEvent, CivicReportsBulkUpdatedEvent } from '../src/events.js';
import {
  $, $$, ORG, PLACE, accessible, activeId, announced, api, buttonNamed, call, choose, clean, click, createCategory, createReport, fieldError, getReport,
  optionLabels, outbox, personWithRole, references, reportSettings, settled, signIn, signedOutEverywhere, summaryText, text, type, uniqueEmail,
  until, uploadPhoto,
} from './inbox.helpers.js';

/** Mocha's `this` in a test or hook. */
type Timed = { timeout(ms: number): void };

/** This file's own categories (a code per run), so other test files' reports never show in its filters. */
const run = Math.random().toString(36).slice(2, 7);
const POTHOLE = `pothole-${run}`;
const BINS = `bins-${run}`;
const LAMPS = `lamps-${run}`;
const SIGNS = `signs-${run}`;

let admin: SessionResponse;
let resident: SessionResponse;
let settings: ReportSettings;

const step = (index: number): StatusStep => settings.workflow.steps[index]!;

/** A report made by the resident (the reporter) through the API. */
async function report(category = POTHOLE, description = 'A deep pothole outside number 12.', extra: { photos?: number; depth?: number; at?: [number, number] } = {}): Promise<ReportDetail> {
  const photos = [];
  for (let i = 0; i < (extra.photos ?? 0); i++) photos.push((await uploadPhoto(resident.accessToken, i ? '#cc3366' : '#3366cc')).id);
  return createReport(resident.accessToken, {
    category, description, location: extra.at ? { type: 'Point', coordinates: extra.at } : PLACE, address: '12 Peckham Road', photos,
    fields: category === POTHOLE && extra.depth !== undefined ? { depth: extra.depth } : {},
  });
}

/** A <civic-inbox> for the signed-in person, once its definition has loaded and its first list is in. */
async function inbox(options: { lang?: string; wait?: boolean } = {}): Promise<CivicInbox> {
  const el = await fixture<CivicInbox>(html`<civic-inbox api=${api()} org=${ORG} basemap="none" lang=${options.lang ?? 'en'}></civic-inbox>`);
  await customElements.whenDefined('civic-inbox');
  await el.updateComplete;
  if (options.wait !== false) await settled(el);
  return el;
}

/** An officer (with `departments`) signed in, and their inbox filtered to this file's category `category`. */
async function officerInbox(departments: string[] = [], category: string | undefined = POTHOLE, role: 'officer' | 'admin' = 'officer') {
  const officer = role === 'admin' ? admin : await personWithRole('officer', departments);
  signIn(officer);
  const el = await inbox();
  if (category) {
    await choose(el, 'filter-category', category);
    await applyFilters(el);
  }
  return { el, officer };
}

async function applyFilters(el: CivicInbox): Promise<void> {
  await click(el, 'Apply filters');
  await settled(el);
}

/** Opens the report `reference` from the table. */
async function openFromList(el: CivicInbox, reference: string): Promise<void> {
  await until(() => references(el).includes(reference), `${reference} in the table (${references(el).join(', ')})`);
  await click(el, `Open ${reference}`);
  await until(() => clean($(el, '#report-heading')?.textContent).startsWith(reference), `${reference} opened`);
  await settled(el);
}

const heading = (el: CivicInbox) => clean($(el, '#report-heading')?.textContent);
const summary = (el: CivicInbox) => Object.fromEntries($$(el, '.summary__row').map((row) => [clean(row.querySelector('dt')?.textContent), clean(row.querySelector('dd')?.textContent)]));
const timeline = (el: CivicInbox) => $$(el, '.timeline__entry').map((entry) => clean(entry.textContent));

before(async function (this: Timed) {
  this.timeout(30_000);
  admin = await personWithRole('admin');
  resident = await personWithRole('resident', [], ORG, uniqueEmail('reporter'));
  settings = await reportSettings();
  const depth = { key: 'depth', label: 'How deep is it?', type: 'number' as const, required: false, unit: 'cm', min: 0, max: 200, integer: true };
  const categories: ReportCategoryCreate[] = [
    { code: POTHOLE, name: `Pothole ${run}`, group: 'Roads and pavements', department: 'highways', fields: [depth] },
    { code: BINS, name: `Missed bin ${run}`, group: 'Rubbish and recycling', department: 'housing' },
    { code: LAMPS, name: `Street light ${run}`, group: 'Roads and pavements', department: 'highways' },
    { code: SIGNS, name: `Damaged sign ${run}`, group: 'Roads and pavements', department: null },
  ];
  for (const category of categories) await createCategory(admin.accessToken, category);
});

describe('<civic-inbox>', function () {
  beforeEach(signedOutEverywhere);

  it('is defined only when a <civic-inbox> appears on the page, then asks signed-out visitors to sign in', async () => {
    expect(customElements.get('civic-inbox'), 'nothing is loaded before the element is used').to.equal(undefined);
    const el = await inbox({ wait: false });
    expect(customElements.get('civic-inbox')).to.not.equal(undefined);
    expect(clean($(el, 'h2')?.textContent)).to.equal('Reports inbox');
    expect(text(el)).to.contain('Sign in with your work email to deal with the reports residents send to');
    expect($(el, 'civic-sign-in')!.getAttribute('org')).to.equal(ORG);
    expect($(el, '[role="tablist"]')).to.equal(null);
    await accessible(el, 'signed out');

    const slotted = await fixture<CivicInbox>(html`<civic-inbox api=${api()} org=${ORG}><h2 slot="heading">Resident reports</h2><p slot="signed-out">Sign in at the top.</p></civic-inbox>`);
    await slotted.updateComplete;
    const assigned = (name: string) => clean($<HTMLSlotElement>(slotted, `slot[name="${name}"]`)!.assignedNodes()[0]!.textContent);
    expect(assigned('heading')).to.equal('Resident reports');
    expect(assigned('signed-out')).to.equal('Sign in at the top.');
  });

  it('tells a resident that the inbox is for officers, and shows no reports', async () => {
    signIn(await personWithRole('resident'));
    const el = await inbox({ wait: false });
    await until(() => text(el).includes('The reports inbox is for officers of'), 'the refusal');
    expect(text(el)).to.contain('ask your Civic Elements administrator to give you the officer role');
    expect($(el, 'table')).to.equal(null);
    expect($(el, '#filter-status')).to.equal(null);
    await accessible(el, 'resident refused');
  });

  it('says that it is loading while the organisation’s workflow and reports are on their way', async () => {
    signIn(await personWithRole('officer'));
    // The real requests, held back until the loading state has been checked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const real = window.fetch;
    window.fetch = async (input, init) => {
      await held;
      return real(input, init);
    };
    try {
      const el = await inbox({ wait: false });
      await until(() => text(el).includes('Loading…'), 'the loading message');
      expect($(el, '.lead[role="status"]')).to.not.equal(null);
      await accessible(el, 'loading');
      release();
      await settled(el);
      expect($(el, '#filter-status'), text(el)).to.not.equal(null);
      expect(text(el)).to.not.contain('Loading');
    } finally {
      release();
      window.fetch = real;
    }
  });

  it('says when the service cannot be reached, and tries again', async () => {
    const officer = await personWithRole('officer');
    const down = await closedPort();
    getSession(down).signIn(officer);
    const el = await fixture<CivicInbox>(html`<civic-inbox api=${down} org=${ORG} basemap="none"></civic-inbox>`);
    await el.updateComplete;
    await until(() => text(el).includes('We could not connect to the service.'), 'the problem');
    await accessible(el, 'unreachable');
    // Loading again shows it is at work, then the same problem.
    await click(el, 'Try again');
    expect(text(el)).to.contain('Loading…');
    await until(() => text(el).includes('We could not connect to the service.'), 'the problem again');
    await getSession(down).signOut();
  });

  it('lists the organisation’s reports and filters them by category, status, department and age', async function (this: Timed) {
    this.timeout(30_000);
    const pothole = await report(POTHOLE, 'Pothole near the bus stop, about a hand deep.');
    const bins = await report(BINS, 'The recycling bins were not emptied this week.');
    const { el } = await officerInbox([], undefined);
    // The tab list has the reports section, selected, and the comments to moderate; the status filter offers the workflow's steps.
    expect($$(el, '[role="tab"]').map((tab) => [clean(tab.textContent).replace(/ \(\d+\)$/, ''), tab.getAttribute('aria-selected')])).to.deep.equal([['Reports', 'true'], ['Comments', 'false']]);
    expect(optionLabels(el, 'filter-status')).to.include.members(['Open (not yet closed)', 'Closed', 'Any status', ...settings.workflow.steps.map((s) => s.label)]);
    expect(optionLabels(el, 'filter-department')).to.deep.equal(['All departments', 'Highways', 'Housing', 'No department']);

    await choose(el, 'filter-category', POTHOLE);
    await applyFilters(el);
    expect(references(el)).to.include(pothole.reference).and.not.include(bins.reference);
    const row = $$(el, '.report-row').find((r) => r.textContent!.includes(pothole.reference))!;
    expect(clean(row.textContent)).to.contain(`Pothole ${run}`).and.contain('Pothole near the bus stop').and.contain('12 Peckham Road').and.contain(pothole.statusLabel).and.contain('Highways');
    expect(clean($(el, 'caption')?.textContent)).to.match(/^Showing \d+ of \d+ reports?$/);
    await until(() => /report/.test(announced(el)), 'the count announced');
    await accessible(el, 'list');

    // By department: Housing has the bins report and no pothole.
    await choose(el, 'filter-category', '');
    await choose(el, 'filter-department', 'housing');
    await applyFilters(el);
    expect(references(el)).to.include(bins.reference).and.not.include(pothole.reference);

    // By age: reports made 10 and 20 days ago (by the test API's fixtures) against today's.
    const old = await executeServerCommand<{ reports: { reference: string }[] }, object>('civic:seed-reports', {
      categories: [], category: BINS, count: 2, daysAgo: 20,
      // The organisation's settings as they are (the fixture saves them).
      workflow: settings.workflow, anonymousReports: settings.anonymousReports, nearbyRadius: settings.nearbyRadius,
    });
    const [twentyDays, nineteenDays] = old.reports.map((r) => r.reference) as [string, string];
    await choose(el, 'filter-department', '');
    await choose(el, 'filter-category', BINS);
    await choose(el, 'filter-age', 'older-7');
    await applyFilters(el);
    expect(references(el)).to.have.members([nineteenDays, twentyDays]);
    expect(clean($$(el, '.reports__age')[0]?.textContent)).to.equal('19 days ago');
    await choose(el, 'filter-age', 'newer-1');
    await applyFilters(el);
    expect(references(el)).to.include(bins.reference).and.not.include(twentyDays);
    await choose(el, 'filter-age', 'older-30');
    await applyFilters(el);
    expect(references(el)).to.deep.equal([]);
    expect(clean($(el, '.empty')?.textContent)).to.equal('No reports match these filters.');
    expect($(el, '.empty')!.hidden).to.equal(false);
    await accessible(el, 'list empty');
    await choose(el, 'filter-age', '');

    // By status: a closed step leaves the open report out.
    const closed = settings.workflow.steps.find((s) => s.open311 === 'closed')!;
    await choose(el, 'filter-status', '~closed');
    await applyFilters(el);
    expect(references(el)).to.not.include(bins.reference);
    await choose(el, 'filter-status', settings.workflow.steps[0]!.key);
    await applyFilters(el);
    expect(references(el)).to.include(bins.reference);
    expect(closed).to.not.equal(undefined);

    // "Clear filters" goes back to the open reports, newest first.
    await click(el, 'Clear filters');
    await settled(el);
    expect($<HTMLSelectElement>(el, '#filter-category')!.value).to.equal('');
    expect($<HTMLSelectElement>(el, '#filter-status')!.value).to.equal('~open');
    expect(references(el)).to.include(bins.reference);
  });

  it('pages with “Show more reports” and moves focus to the first new row', async function (this: Timed) {
    this.timeout(60_000);
    const made: string[] = [];
    for (let i = 0; i < 23; i++) made.push((await report(LAMPS, `Street light number ${i + 1} is out all night.`)).reference);
    const { el } = await officerInbox([], LAMPS);
    expect(references(el)).to.have.length(20);
    expect(clean($(el, 'caption')?.textContent)).to.equal('Showing 20 of 23 reports');
    // Newest first: the last report made is on top.
    expect(references(el)[0]).to.equal(made[22]);
    await click(el, 'Show more reports');
    await settled(el);
    expect(references(el)).to.have.length(23);
    expect(new Set(references(el))).to.deep.equal(new Set(made));
    expect(activeId(el)).to.equal(`open-${$$(el, '.reports__open')[20]!.id.replace('open-', '')}`);
    expect(() => buttonNamed(el, 'Show more reports')).to.throw();
    // Oldest first, from the order filter; the column says how it is sorted.
    await choose(el, 'filter-sort', 'oldest');
    await applyFilters(el);
    expect(references(el)[0]).to.equal(made[0]);
    expect($$(el, 'th[aria-sort]').map((th) => th.getAttribute('aria-sort'))).to.deep.equal(['ascending']);
  });

  it('opens a report: details, answers, photos, reporter, full timeline; back returns to its row', async function (this: Timed) {
    this.timeout(30_000);
    const made = await report(POTHOLE, 'A pothole as deep as a shoe.', { photos: 2, depth: 12 });
    const { el } = await officerInbox();
    await openFromList(el, made.reference);
    expect(heading(el)).to.equal(`${made.reference}: Pothole ${run}`);
    expect(activeId(el)).to.equal('report-heading');
    const rows = summary(el);
    expect(rows['Status']).to.equal(made.statusLabel);
    expect(rows['Department']).to.equal('Highways');
    expect(rows['Expected']).to.equal('No date set');
    expect(rows['Where']).to.contain('12 Peckham Road');
    expect(rows['Reported by']).to.contain(resident.user.email);
    expect(text(el)).to.contain('A pothole as deep as a shoe.');
    expect(clean($(el, '.answers')?.textContent)).to.equal('How deep is it?12 cm');
    expect($$<HTMLImageElement>(el, '.photos img').map((img) => img.alt)).to.deep.equal([`Photo 1 of ${made.reference}`, `Photo 2 of ${made.reference}`]);
    expect(timeline(el)[0]).to.contain('Reported');
    // The status control offers the workflow, marking where the report is now.
    // (The duplicate step is reached only by merging.)
    const choosable = settings.workflow.steps.filter((s) => s.key !== settings.workflow.duplicateStep);
    expect(optionLabels(el, 'update-status')).to.deep.equal(choosable.map((s) => (s.key === made.status ? `${s.label} (now)` : s.label)));
    await accessible(el, 'report opened');

    await click(el, 'Back to the reports');
    expect($(el, '#report-heading')).to.equal(null);
    expect(activeId(el)).to.equal(`open-${made.id}`);
  });

  it('changes the status with a public and an internal note: timeline, announcement, event, email to the reporter', async function (this: Timed) {
    this.timeout(30_000);
    const made = await report(POTHOLE, 'Pothole by the school gates.');
    const { el } = await officerInbox();
    await openFromList(el, made.reference);

    // Nothing chosen: the error is in the summary, which takes focus, and next to the status.
    await click(el, 'Save the update');
    expect(summaryText(el, 'update-error-summary')).to.equal('There is a problem Choose a new status or write a note');
    expect(fieldError(el, 'update-status')).to.equal('Error: Choose a new status or write a note');
    expect(activeId(el)).to.equal('update-error-summary');
    await accessible(el, 'status error');

    const next = step(1);
    await choose(el, 'update-status', next.key);
    await type(el, 'update-public-note', 'We have sent a team to look at it.');
    await type(el, 'update-internal-note', 'Crew 4, Tuesday morning.');
    const updated = oneEvent(el, 'civic-report-updated') as Promise<CivicReportUpdatedEvent>;
    await click(el, 'Save the update');
    const event = await updated;
    expect(event.change).to.equal('status');
    expect(event.report.status).to.equal(next.key);
    await settled(el);
    expect(fieldError(el, 'update-status')).to.equal('');
    expect(summary(el)['Status']).to.equal(next.label);
    const entry = timeline(el).at(-1)!;
    expect(entry).to.contain(`Status: ${next.label}`).and.contain('Public note: We have sent a team to look at it.')
      .and.contain('Internal note (officers only): Crew 4, Tuesday morning.');
    await until(() => announced(el) === `${made.reference} is now “${next.label}”.`, 'the announcement');
    expect(clean($(el, '#update-heading + .success')?.textContent)).to.equal(`${made.reference} is now “${next.label}”.`);
    // The notes were sent, so the boxes are empty again.
    expect($<HTMLTextAreaElement>(el, '#update-public-note')!.value).to.equal('');
    await accessible(el, 'status saved');

    // The reporter's email in the outbox has the public note and not the internal one.
    let mail: { subject: string; text: string }[] = [];
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      mail = (await outbox(resident.user.email)).filter((m) => m.text.includes(made.reference) && m.text.includes('We have sent a team'));
      if (mail.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(mail, 'an email to the reporter').to.have.length.greaterThan(0);
    expect(mail[0]!.text).to.not.contain('Crew 4');

    // The public timeline leaves the internal note out.
    const publicView = await call<ReportDetail>('GET', `/v1/orgs/${ORG}/reports/${made.id}`);
    expect(JSON.stringify(publicView.timeline)).to.not.contain('Crew 4');
  });

  it('shows the API’s refusal next to the field and keeps what was typed', async function (this: Timed) {
    this.timeout(20_000);
    const made = await report(POTHOLE, 'Pothole on the corner by the shop.');
    const { el } = await officerInbox();
    await openFromList(el, made.reference);
    // A note of spaces is nothing to the inbox's own check, but the status still changes nothing: the
    // API refuses an unknown step (the officer's choice was overtaken by a change of workflow).
    const select = $<HTMLSelectElement>(el, '#update-status')!;
    select.add(new Option('Vanished step', 'vanished-step'));
    await choose(el, 'update-status', 'vanished-step');
    await type(el, 'update-public-note', 'Looking into it.');
    await click(el, 'Save the update');
    await settled(el);
    expect(summaryText(el, 'update-error-summary')).to.match(/^There is a problem .+/);
    expect(fieldError(el, 'update-status')).to.match(/^Error: .+/);
    expect(activeId(el)).to.equal('update-error-summary');
    expect($<HTMLTextAreaElement>(el, '#update-public-note')!.value).to.equal('Looking into it.');
    await accessible(el, 'api refusal');
  });

  it('reassigns the category and the department', async function (this: Timed) {
    this.timeout(20_000);
    const made = await report(POTHOLE, 'Pothole, or perhaps a sunken drain cover.');
    const { el } = await officerInbox();
    await openFromList(el, made.reference);
    await click(el, 'Reassign');
    expect(fieldError(el, 'reassign-category')).to.equal('Error: Choose a different category or department');

    await choose(el, 'reassign-category', SIGNS);
    await choose(el, 'reassign-department', 'housing');
    const updated = oneEvent(el, 'civic-report-updated') as Promise<CivicReportUpdatedEvent>;
    await click(el, 'Reassign');
    expect((await updated).change).to.equal('reassign');
    await settled(el);
    expect(summary(el)['Category']).to.equal(`Damaged sign ${run}`);
    expect(summary(el)['Department']).to.equal('Housing');
    expect(timeline(el).join(' | ')).to.contain(`Category changed to Damaged sign ${run}`).and.contain('Passed to Housing');
    await until(() => announced(el) === `${made.reference} was reassigned.`, 'the announcement');
    // Back in the list (filtered to potholes), which it has left: focus goes to the list's heading.
    await click(el, 'Back to the reports');
    await until(() => !references(el).includes(made.reference), 'the list to reload without it');
    await until(() => activeId(el) === 'reports-heading', 'focus on the list heading');
  });

  it('sets and removes the expected date', async function (this: Timed) {
    this.timeout(20_000);
    const made = await report(POTHOLE, 'Pothole in the cycle lane.');
    const { el } = await officerInbox();
    await openFromList(el, made.reference);
    await click(el, 'Save the date');
    expect(fieldError(el, 'expected-on')).to.equal('Error: Enter the date you expect the work to be done');
    expect(activeId(el)).to.equal('expected-error-summary');

    await type(el, 'expected-on', '2030-01-15');
    const updated = oneEvent(el, 'civic-report-updated') as Promise<CivicReportUpdatedEvent>;
    await click(el, 'Save the date');
    expect((await updated).report.expectedOn).to.equal('2030-01-15');
    await settled(el);
    expect(summary(el)['Expected']).to.equal('Jan 15, 2030');
    expect(timeline(el).at(-1)).to.contain('Expected by Jan 15, 2030');

    await click(el, 'Remove the date');
    await settled(el);
    expect(summary(el)['Expected']).to.equal('No date set');
    expect(timeline(el).at(-1)).to.contain('Expected date removed');
    await until(() => announced(el) === `Expected date of ${made.reference} removed.`, 'the announcement');
  });

  it('merges a duplicate into a report found by its reference', async function (this: Timed) {
    this.timeout(20_000);
    const kept = await report(POTHOLE, 'Big pothole on Peckham Road.');
    const duplicate = await report(POTHOLE, 'Pothole on Peckham Road again.');
    const { el } = await officerInbox();
    await openFromList(el, duplicate.reference);

    await type(el, 'merge-reference', 'not a reference');
    await click(el, 'Find the report');
    expect(fieldError(el, 'merge-reference')).to.equal('Error: Enter a reference like SWK-1042');
    await type(el, 'merge-reference', duplicate.reference);
    await click(el, 'Find the report');
    expect(fieldError(el, 'merge-reference')).to.equal('Error: Enter the reference of another report: this is the report you are merging');
    const unknown = duplicate.reference.replace(/\d+$/, '999999999');
    await type(el, 'merge-reference', unknown);
    await click(el, 'Find the report');
    await settled(el);
    expect(fieldError(el, 'merge-reference')).to.equal(`Error: There is no report ${unknown}`);
    expect($<HTMLInputElement>(el, '#merge-reference')!.value).to.equal(unknown);

    await type(el, 'merge-reference', kept.reference.toLowerCase());
    await click(el, 'Find the report');
    await settled(el);
    expect(clean($(el, '#merge-target')?.textContent)).to.contain(kept.reference).and.contain('Big pothole on Peckham Road.');
    expect(activeId(el)).to.equal('merge-target');
    await accessible(el, 'merge target');
    await type(el, 'merge-public-note', 'Someone reported this already.');
    const updated = oneEvent(el, 'civic-report-updated') as Promise<CivicReportUpdatedEvent>;
    await click(el, `Merge ${duplicate.reference} into ${kept.reference}`);
    const event = await updated;
    expect(event.change).to.equal('merge');
    expect(event.report.mergedInto?.reference).to.equal(kept.reference);
    await settled(el);
    expect(summary(el)['Duplicate of']).to.equal(kept.reference);
    expect(summary(el)['Status']).to.equal(settings.workflow.steps.find((s) => s.key === settings.workflow.duplicateStep)!.label);
    expect(timeline(el).join(' | ')).to.contain(`Marked as a duplicate of ${kept.reference}`);
    expect($(el, '#merge-reference'), 'a merged report cannot be merged again').to.equal(null);
    await until(() => announced(el) === `${duplicate.reference} was merged into ${kept.reference}.`, 'the announcement');
  });

  it('removes an inappropriate photo after confirming', async function (this: Timed) {
    this.timeout(30_000);
    const made = await report(POTHOLE, 'Pothole, photo shows a face.', { photos: 2 });
    const { el } = await officerInbox();
    await openFromList(el, made.reference);
    expect($$(el, '.photos img')).to.have.length(2);

    // "Keep the photo" closes the dialog and changes nothing; focus goes back to the button.
    await click(el, 'Remove photo 1');
    const dialog = $<HTMLDialogElement>(el, '#photo-dialog')!;
    await until(() => dialog.open, 'the dialog');
    expect(activeId(el)).to.equal('photo-reason');
    await accessible(el, 'photo dialog');
    await click(el, 'Keep the photo');
    await until(() => !$(el, '#photo-dialog'), 'the dialog to close');
    expect(activeId(el)).to.equal('remove-photo-0');
    expect($$(el, '.photos img')).to.have.length(2);

    await click(el, 'Remove photo 1');
    await until(() => $<HTMLDialogElement>(el, '#photo-dialog')?.open, 'the dialog');
    await type(el, 'photo-reason', 'Shows a passer-by’s face.');
    const updated = oneEvent(el, 'civic-report-updated') as Promise<CivicReportUpdatedEvent>;
    await click(el, 'Remove the photo');
    expect((await updated).change).to.equal('photo-removed');
    await until(() => !$(el, '#photo-dialog'), 'the dialog to close');
    await settled(el);
    expect($$(el, '.photos img')).to.have.length(1);
    expect(made.photos[1]!.thumb).to.equal($<HTMLImageElement>(el, '.photos img')!.getAttribute('src'));
    expect(timeline(el).at(-1)).to.contain('A photo was removed').and.contain('Shows a passer-by’s face.');
    expect(activeId(el)).to.equal('photos-heading');
    await until(() => announced(el) === `The photo was removed from ${made.reference}.`, 'the announcement');
    const publicView = await call<ReportDetail>('GET', `/v1/orgs/${ORG}/reports/${made.id}`);
    expect(publicView.photos.map((p) => p.id)).to.deep.equal([made.photos[1]!.id]);
  });

  it('changes several reports at once and says which could not be changed', async function (this: Timed) {
    this.timeout(30_000);
    const made: ReportDetail[] = [];
    for (let i = 1; i <= 4; i++) made.push(await report(POTHOLE, `Pothole ${i} of 4 on Rye Lane.`));
    const [first, second, already, moved] = made as [ReportDetail, ReportDetail, ReportDetail, ReportDetail];
    const next = step(1);
    // A colleague has already moved one of them on.
    await call('POST', `/v1/orgs/${ORG}/reports/${already.id}/updates`, { status: next.key }, admin.accessToken);
    const { el } = await officerInbox(['highways']);
    await until(() => made.every((r) => references(el).includes(r.reference)), 'the four reports');

    // Nothing ticked and nothing chosen: the summary says both and links to the table.
    await click(el, 'Update 0 reports');
    expect(summaryText(el, 'bulk-error-summary')).to.equal('There is a problem Choose a new status or write a note Select the reports to change in the table');
    expect(activeId(el)).to.equal('bulk-error-summary');
    expect(fieldError(el, 'bulk-status')).to.equal('Error: Choose a new status or write a note');
    await accessible(el, 'bulk error');

    for (const r of made) $<HTMLInputElement>(el, `#select-${r.id}`)!.click();
    await el.updateComplete;
    expect(clean($(el, '.bulk__count')?.textContent)).to.equal('4 reports selected.');
    expect($<HTMLInputElement>(el, '#select-all')!.indeterminate).to.equal(references(el).length > 4);
    expect($$(el, '.report-row--selected')).to.have.length(4);

    // Meanwhile a colleague passes another to Housing: this officer (Highways) can no longer change it.
    await call('POST', `/v1/orgs/${ORG}/reports/${moved.id}/updates`, { department: 'housing' }, admin.accessToken);

    await choose(el, 'bulk-status', next.key);
    await type(el, 'bulk-public-note', 'The whole of Rye Lane is being resurfaced.');
    const bulk = oneEvent(el, 'civic-reports-bulk-updated') as Promise<CivicReportsBulkUpdatedEvent>;
    await click(el, 'Update 4 reports');
    const { result } = await bulk;
    expect(result.updated).to.have.members([first.id, second.id]);
    expect(result.failed.map((f) => [f.id, f.code])).to.have.deep.members([[already.id, 'conflict'], [moved.id, 'forbidden']]);
    await settled(el);
    // Newest first, as the table lists them (and sent them).
    const outcome = $$(el, '#bulk-result p, #bulk-result li').map((node) => clean(node.textContent));
    expect(outcome).to.deep.equal([
      `2 reports updated: ${second.reference}, ${first.reference}`,
      '2 reports could not be updated:',
      `${moved.reference}: You do not have permission to do that.`,
      `${already.reference}: ${already.reference}: The report is already “${next.label}”.`,
      'Those still in the list stay selected.',
    ]);
    expect(activeId(el)).to.equal('bulk-result');
    await until(() => announced(el) === `2 reports updated: ${second.reference}, ${first.reference}. 2 reports could not be updated: ${moved.reference}: You do not have permission to do that. ${already.reference}: ${already.reference}: The report is already “${next.label}”. Those still in the list stay selected.`, 'the announcement');
    // The list reloaded: the updated ones show their new status; the one passed to Housing is gone;
    // the one that was already there is still ticked, to look into.
    const row = (reference: string) => clean($$(el, '.report-row').find((r) => r.textContent!.includes(reference))?.textContent);
    expect(row(first.reference)).to.contain(next.label);
    expect(row(second.reference)).to.contain(next.label);
    expect(references(el)).to.not.include(moved.reference);
    expect($$<HTMLInputElement>(el, '.report-row input:checked').map((box) => box.id)).to.deep.equal([`select-${already.id}`]);
    expect(clean($(el, '.bulk__count')?.textContent)).to.equal('1 report selected.');
    expect((await getReport(first.id, admin.accessToken)).timeline.at(-1)?.publicNote).to.equal('The whole of Rye Lane is being resurfaced.');
    expect((await getReport(moved.id, admin.accessToken)).status).to.equal(moved.status);
    await accessible(el, 'bulk outcome');
  });

  it('shows an officer of one department only that department’s reports', async function (this: Timed) {
    this.timeout(20_000);
    const pothole = await report(POTHOLE, 'Pothole for the Highways team.');
    const bins = await report(BINS, 'Bins for the Housing team.');
    const { el } = await officerInbox(['highways'], undefined);
    expect(text(el)).to.contain('Reports for your departments: Highways.');
    expect(optionLabels(el, 'filter-department')).to.deep.equal(['All my departments', 'Highways']);
    await until(() => references(el).includes(pothole.reference), 'the Highways report');
    expect(references(el)).to.not.include(bins.reference);
    // Asked for the Housing category, the list stays empty.
    await choose(el, 'filter-category', BINS);
    await applyFilters(el);
    expect(references(el)).to.deep.equal([]);
    // Opened by its reference (a colleague's link), the Housing report can be read but not changed.
    await el.openReport(bins.reference);
    await settled(el);
    expect(heading(el)).to.equal(`${bins.reference}: Missed bin ${run}`);
    expect(clean($(el, '.report__actions')?.textContent)).to.equal('This report is with Housing. Only officers of Housing or an admin can change it.');
    expect($(el, '#update-status')).to.equal(null);
    expect(text(el), 'who reported it is for Housing only').to.not.contain('Reported by');
    await accessible(el, 'read only');
    // Their own department's report has the forms.
    await click(el, 'Back to the reports');
    await choose(el, 'filter-category', POTHOLE);
    await applyFilters(el);
    await openFromList(el, pothole.reference);
    expect($(el, '#update-status')).to.not.equal(null);
  });

  it('can be used with the keyboard alone: filter, open, change the status, go back', async function (this: Timed) {
    this.timeout(30_000);
    const made = await report(POTHOLE, 'Pothole reported for the keyboard test.');
    const { el } = await officerInbox();
    await until(() => references(el).includes(made.reference), 'the report');
    const focusNext = async (id: string, backwards = false) => {
      if (backwards) await sendKeys({ down: 'Shift' });
      for (let i = 0; i < 15 && activeId(el) !== id; i++) await sendKeys({ press: 'Tab' });
      if (backwards) await sendKeys({ up: 'Shift' });
      expect(activeId(el)).to.equal(id);
    };
    // From the top of the page, Tab to the search box, type the reference, Enter applies the filters.
    (document.activeElement as HTMLElement | null)?.blur();
    await focusNext('filter-q');
    await sendKeys({ type: made.reference });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(references(el)).to.deep.equal([made.reference]);
    // Tab on to the row's checkbox and its reference; Space ticks, Enter opens.
    await focusNext(`select-${made.id}`);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, `#select-${made.id}`)!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal(`open-${made.id}`);
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el).startsWith(made.reference), 'the report');
    await settled(el);
    expect(activeId(el)).to.equal('report-heading');
    // On to the status: the arrow key picks the next step; a public note; Enter in… the button.
    await focusNext('update-status');
    const before = $<HTMLSelectElement>(el, '#update-status')!.selectedIndex;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const chosen = $<HTMLSelectElement>(el, '#update-status')!;
    expect(chosen.selectedIndex).to.equal(before + 1);
    await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('update-public-note');
    await sendKeys({ type: 'Done with the keyboard.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(clean((el.shadowRoot!.activeElement as HTMLElement).textContent)).to.equal('Save the update');
    await sendKeys({ press: 'Enter' });
    await until(() => timeline(el).at(-1)?.includes('Done with the keyboard.'), 'the update');
    await settled(el);
    // Back with the keyboard (Shift+Tab up to "Back to the reports"): focus returns to the row's reference.
    await focusNext('back', true);
    expect(clean((el.shadowRoot!.activeElement as HTMLElement).textContent)).to.equal('Back to the reports');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(activeId(el)).to.equal(`open-${made.id}`);
    // The tab list takes the arrow keys: right to the comments, and round again to the reports.
    await focusNext('tab-reports', true);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(activeId(el)).to.equal('tab-moderation');
    expect($(el, '#panel-moderation')!.hidden).to.equal(false);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(activeId(el)).to.equal('tab-reports');
    expect($(el, '#panel-reports')!.hidden).to.equal(false);
  });

  it('shows the reports on a map on request, and opens the one chosen there', async function (this: Timed) {
    this.timeout(30_000);
    // At the organisation's map centre, where the map opens.
    const made = await report(POTHOLE, 'Pothole to find on the map.', { at: [-0.0877, 51.4741] });
    const { el } = await officerInbox();
    const toggle = buttonNamed(el, 'Show on a map');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, 'civic-map')).to.equal(null);
    await click(el, 'Show on a map');
    await until(() => $(el, 'civic-map'), 'the map');
    const map = $(el, 'civic-map')!;
    expect(customElements.get('civic-map')).to.not.equal(undefined);
    expect([map.getAttribute('layers'), map.getAttribute('basemap'), map.getAttribute('org')]).to.deep.equal(['reports', 'none', ORG]);
    expect(buttonNamed(el, 'Hide the map').getAttribute('aria-expanded')).to.equal('true');
    // The map lists what is in view beside it: choosing the report there opens it in the inbox.
    const entry = () => [...(map.shadowRoot?.querySelectorAll<HTMLButtonElement>('.item') ?? [])].find((b) => b.textContent!.includes(made.reference));
    await until(entry, `${made.reference} in the map's list`, 15_000);
    entry()!.click();
    await until(() => heading(el).startsWith(made.reference), 'the report opened from the map');
    await click(el, 'Back to the reports');
    expect($(el, 'civic-map'), 'the map is kept').to.not.equal(null);
    await click(el, 'Hide the map');
    expect($<HTMLElement>(el, '#reports-map')!.hidden).to.equal(true);
  });

  it('speaks Italian and Arabic (right to left)', async function (this: Timed) {
    this.timeout(20_000);
    signIn(await personWithRole('officer'));
    const italian = await inbox({ lang: 'it' });
    expect(text(italian)).to.contain('Filtra le segnalazioni');
    expect(buttonNamed(italian, 'Applica i filtri')).to.not.equal(undefined);
    const arabic = await inbox({ lang: 'ar' });
    expect($(arabic, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(text(arabic)).to.contain('تصفية البلاغات');
    await accessible(arabic, 'arabic');
  });
});
