// <civic-report-form> against the real API: choosing a category, its questions, the place on the map,
// photos, "Check your report", the confirmation, errors, languages and the keyboard-only path.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Report, ReportCategory } from '@civic-elements/protocol';
import type { CivicBeforeReportSubmitEvent, CivicReportSubmittedEvent } from '../src/report-form-events.js';
import {
  $, $$, CENTRE, GROUP_WASTE, OUTSIDE, HOLE_FIELDS, accessible, activeId, addPhotos, api, apiCall, buttonNamed, canvasPhoto, check, chooseCategory,
  clean, closedPortForm, deepActive, fieldError, makeCategory, next, ORG, personWithRole, pickCentreByKeyboard, pickMap, photoStates,
  reportForm, reportsIn, signIn, signedOutEverywhere, stepTitle, summaryText, tabUntil, toDetails, type, until,
} from './report-form.helpers.js';

/** Mocha's `this` in a test or hook. */
type Timed = { timeout(ms: number): void };

/** A word of letters only, different in every test, for category names the search can single out. */
const tag = (): string => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

describe('<civic-report-form>', function () {
  let hole: ReportCategory;
  let bin: ReportCategory;
  let word: string;

  before(async function (this: Timed) {
    this.timeout(20_000);
    word = tag();
    hole = await makeCategory({ name: `Pothole ${word}`, fields: HOLE_FIELDS, keywords: ['crater'], description: 'A hole in a road or a pavement.' });
    bin = await makeCategory({ name: `Overflowing bin ${word}`, group: `${GROUP_WASTE} ${word}`, keywords: [`litter${word}`] });
  });
  beforeEach(async () => {
    await signedOutEverywhere();
    signIn(await personWithRole('resident'));
  });

  it('loads <civic-map> only at the location step, and the place is chosen with the keyboard', async function (this: Timed) {
    this.timeout(30_000);
    // The first test of the file to reach the location step: nothing of the map has been downloaded yet.
    const mapCode = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/packages/map/src/'));
    const el = await reportForm();
    expect(mapCode()).to.equal(false);
    expect(customElements.get('civic-map') === undefined).to.equal(true);
    await chooseCategory(el, `litter${word}`);
    await next(el);
    expect(activeId(el)).to.equal('step-title');
    await next(el);
    expect(fieldError(el, 'location')).to.equal('Error: Choose where the problem is');
    expect(summaryText(el)).to.equal('There is a problem Choose where the problem is');
    const field = await pickMap(el);
    expect(mapCode()).to.equal(true);
    expect(field.getAttribute('mode')).to.equal('pick');
    await accessible(el, 'location: error');
    await pickCentreByKeyboard(el);
    const [lon, lat] = (field.value as { coordinates: [number, number] }).coordinates;
    expect(lon).to.be.closeTo(CENTRE[0], 0.01);
    expect(lat).to.be.closeTo(CENTRE[1], 0.01);
    await el.updateComplete;
    expect($(el, '#location-error')).to.equal(null); // choosing a place clears the message
    await accessible(el, 'location: chosen');
    await next(el);
    await until(() => stepTitle(el) === 'Tell us about it', 'the details step');
  });

  it('lists the categories under their groups and finds them by name, group or keyword', async () => {
    const el = await reportForm();
    expect(stepTitle(el)).to.equal('What is the problem?');
    expect(clean($(el, '[part~="step"]')!.textContent)).to.equal('Step 1 of 4');
    const groups = $$(el, 'fieldset.group').map((g) => clean(g.querySelector('legend')!.textContent));
    expect(groups).to.include.members(['Roads and pavements', `${GROUP_WASTE} ${word}`]);
    const inGroup = (group: string) => $$(el, 'fieldset.group').find((g) => clean(g.querySelector('legend')!.textContent) === group)!;
    expect(clean(inGroup(`${GROUP_WASTE} ${word}`).textContent)).to.contain(bin.name);
    await accessible(el, 'category: every category');

    const search = async (query: string) => {
      await type(el, 'category-search', query);
      return $$<HTMLInputElement>(el, 'input[name="category"]').map((r) => r.value);
    };
    expect(await search(`litter${word}`)).to.deep.equal([bin.code]); // a keyword
    expect(clean($(el, '#category-count')!.textContent)).to.equal('1 kind of problem matches');
    expect(await search(`recycling ${word}`)).to.deep.equal([bin.code]); // the group's words
    expect(await search(`POTHOLE ${word}`)).to.deep.equal([hole.code]); // the name, in any case
    expect(await search(`crater ${word}`)).to.deep.equal([hole.code]);
    expect(await search(`nothing${word}`)).to.deep.equal([]);
    expect(clean($(el, '[part~="empty"]')!.textContent)).to.contain(`Nothing matches “nothing${word}”`);
    await accessible(el, 'category: nothing matches');
  });

  it('chooses with the keyboard: Enter on the one match, arrow keys between the choices', async () => {
    const el = await reportForm();
    await chooseCategory(el, `litter${word}`);
    expect($<HTMLInputElement>(el, `input[value="${bin.code}"]`)!.checked).to.equal(true);
    expect(stepTitle(el)).to.equal('What is the problem?'); // Enter in the search never sends the step
    // The chosen category stays in the list whatever the search, and the arrows move the choice.
    await type(el, 'category-search', `${word}`);
    $<HTMLInputElement>(el, `input[value="${bin.code}"]`)!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, `input[value="${hole.code}"]`)!.checked).to.equal(true);
    await next(el);
    expect(stepTitle(el)).to.equal('Where is it?');
  });

  it('will not go on without a category: an error summary, focused, and the message next to the list', async () => {
    const el = await reportForm();
    await next(el);
    expect(summaryText(el)).to.equal('There is a problem Choose what the problem is');
    expect(activeId(el)).to.equal('error-summary');
    expect(fieldError(el, 'category')).to.equal('Error: Choose what the problem is');
    await accessible(el, 'category: error');
    $<HTMLAnchorElement>(el, '.error-summary a')!.click();
    await el.updateComplete;
    expect(activeId(el)).to.equal('category');
  });

  it('asks the category’s own questions and refuses a required one unanswered, next to it', async function (this: Timed) {
    this.timeout(30_000);
    const el = await reportForm();
    await toDetails(el, `crater ${word}`);
    expect(clean($(el, '[part~="step"]')!.textContent)).to.equal('Step 3 of 4');
    expect(clean($(el, 'legend')!.textContent)).to.contain('How deep is it?');
    await next(el);
    expect(summaryText(el)).to.equal('There is a problem Choose an answer for “How deep is it?” Describe the problem');
    expect(fieldError(el, 'field-depth')).to.equal('Error: Choose an answer for “How deep is it?”');
    expect(fieldError(el, 'description')).to.equal('Error: Describe the problem');
    await accessible(el, 'details: errors');
    await type(el, 'description', 'Too short');
    await type(el, 'field-width', '900');
    await next(el);
    expect(fieldError(el, 'description')).to.equal('Error: Describe the problem in at least 10 characters');
    expect(fieldError(el, 'field-width')).to.equal('Error: Enter 500 cm or less');
    await check(el, 'field-depth-1');
    await type(el, 'field-width', '40');
    await type(el, 'description', 'A deep pothole by the bus stop, cyclists swerve round it.');
    expect(clean($(el, '#description-count')!.textContent)).to.equal('You have 1,943 characters left');
    await next(el);
    expect(stepTitle(el)).to.equal('Check your report');
    const answers = clean($(el, '.answers')!.textContent);
    expect(answers).to.contain(`Problem ${hole.name}`);
    expect(answers).to.contain('How deep is it? Deeper than a fist');
    expect(answers).to.contain('How wide is it? 40 cm');
    expect(answers).to.contain('Description A deep pothole by the bus stop');
    await accessible(el, 'check your report');
    // "Change" goes back to the question, and Continue comes back here.
    buttonNamed(el, 'Change How deep is it?').click();
    await el.updateComplete;
    expect(stepTitle(el)).to.equal('Tell us about it');
    expect(activeId(el)).to.equal('field-depth');
    await next(el);
    expect(stepTitle(el)).to.equal('Check your report');
  });

  it('refuses a place outside the organisation’s area (the map refuses it, and nothing is chosen)', async function (this: Timed) {
    this.timeout(30_000);
    const el = await reportForm();
    await chooseCategory(el, `litter${word}`);
    await next(el);
    const field = await pickMap(el);
    // "Use my location" somewhere else entirely.
    const { executeServerCommand } = await import('@web/test-runner-commands');
    await executeServerCommand('civic:geolocation', { latitude: 48.8566, longitude: 2.3522 });
    try {
      const locate = [...field.shadowRoot!.querySelectorAll('button')].find((b) => clean(b.textContent) === 'Use my location')!;
      locate.click();
      await until(() => field.shadowRoot!.querySelector('#civic-pick-error'), 'the refusal');
      expect(clean(field.shadowRoot!.querySelector('#civic-pick-error')!.textContent)).to.contain('You seem to be outside the area this map covers.');
      expect(field.value).to.equal(null);
      await next(el);
      expect(fieldError(el, 'location')).to.equal('Error: Choose where the problem is');
      expect(stepTitle(el)).to.equal('Where is it?');
    } finally {
      await executeServerCommand('civic:geolocation', { reset: true });
    }
  });

  it('shows the service’s refusal of a place outside its area next to the place, from a kept draft', async function (this: Timed) {
    this.timeout(30_000);
    // A draft kept from before the area changed: the place is now outside it.
    const fresh = await makeCategory({ name: `Litter ${word}${tag()}` });
    const draft = {
      step: 'send', category: fresh.code, inputs: {}, location: { type: 'Point', coordinates: OUTSIDE }, description: 'Bags of rubbish by the bin.',
      photos: [], email: '', name: '', requestId: crypto.randomUUID(),
    };
    localStorage.setItem(`civic-elements.report-draft:${api()}:${ORG}`, JSON.stringify(draft));
    const el = await reportForm();
    await until(() => stepTitle(el) === 'Check your report' && $(el, '.answers'), 'the restored draft', 8000);
    await next(el);
    await until(() => $(el, '.error-summary'), 'the refusal');
    const refusal = 'This place is outside the area Test Council looks after. Choose a place inside it, or report it to the council responsible for that area.';
    expect(summaryText(el)).to.equal(`There is a problem ${refusal}`);
    expect(activeId(el)).to.equal('error-summary');
    $<HTMLAnchorElement>(el, '.error-summary a')!.click();
    await el.updateComplete;
    expect(stepTitle(el)).to.equal('Where is it?');
    expect(fieldError(el, 'location')).to.equal(`Error: ${refusal}`);
    expect(activeId(el)).to.equal('location');
    await pickCentreByKeyboard(el);
    await next(el);
    await until(() => stepTitle(el) === 'Check your report', 'back to the check', 8000);
    expect(summaryText(el)).to.equal('');
    const submitted = oneEvent(el, 'civic-report-submitted') as Promise<CivicReportSubmittedEvent>;
    await next(el);
    expect((await submitted).report.location.coordinates[0]).to.be.closeTo(CENTRE[0], 0.01);
  });

  it('makes photos at most 2048 px, uploads each with a progress bar, removes one, and sends the other', async function (this: Timed) {
    this.timeout(60_000);
    // A category of its own: the report it sends must not show as "nearby" in the other tests.
    const fresh = await makeCategory({ name: `Bins ${word}${tag()}` });
    const el = await reportForm();
    await toDetails(el, fresh.name);
    await type(el, 'description', 'Bags of rubbish dumped beside the bin for a week.');
    const states = new Set<string>();
    let sawProgress = false;
    const watch = setInterval(() => {
      for (const state of photoStates(el)) states.add(state);
      if ($(el, '.photo progress')) sawProgress = true;
    }, 5);
    try {
      await addPhotos(el, [await canvasPhoto(3000, 2000, 'bins.png'), await canvasPhoto(800, 600, 'close-up.png')]);
      await until(() => photoStates(el).length === 2 && photoStates(el).every((s) => s === 'done'), 'the uploads', 30_000);
    } finally {
      clearInterval(watch);
    }
    expect(sawProgress).to.equal(true);
    expect(states.has('uploading') || states.has('resizing')).to.equal(true);
    expect(clean($$(el, '.photo')[0]!.textContent)).to.contain('Photo 1: bins.png Uploaded');
    await accessible(el, 'details: photos');
    buttonNamed(el, 'Remove photo 2').click();
    await el.updateComplete;
    expect(photoStates(el)).to.deep.equal(['done']);
    expect(activeId(el)).to.equal('photos');
    await next(el);
    expect(stepTitle(el)).to.equal('Check your report');
    expect($$(el, '.answer__photos img')).to.have.length(1);
    const submitted = oneEvent(el, 'civic-report-submitted') as Promise<CivicReportSubmittedEvent>;
    await next(el);
    const { report } = await submitted;
    expect(report.photos).to.have.length(1);
    expect(Math.max(report.photos[0]!.width, report.photos[0]!.height)).to.be.at.most(2048);
    expect(Math.max(report.photos[0]!.width, report.photos[0]!.height)).to.be.above(1600);
    const served = await fetch(report.photos[0]!.large);
    expect(served.headers.get('content-type')).to.equal('image/jpeg');
  });

  it('shows a photo the browser cannot read as failed, and will not send until it is removed', async function (this: Timed) {
    this.timeout(30_000);
    const el = await reportForm();
    await toDetails(el, `litter${word}`);
    await type(el, 'description', 'Bags of rubbish dumped beside the bin for a week.');
    await addPhotos(el, [new File(['not a photo'], 'notes.txt', { type: 'text/plain' })]);
    await until(() => photoStates(el)[0] === 'failed', 'the refusal');
    expect(clean($(el, '.photo')!.textContent)).to.contain('This file is not a photo we can use.');
    await next(el);
    expect(fieldError(el, 'photos')).to.equal('Error: Remove the photos that could not be uploaded, or add them again');
    buttonNamed(el, 'Remove photo 1').click();
    await el.updateComplete;
    await next(el);
    expect(stepTitle(el)).to.equal('Check your report');
  });

  it('sends the report and confirms it with the reference, what happens next and how to follow it', async function (this: Timed) {
    this.timeout(30_000);
    const fresh = await makeCategory({ name: `Hole ${word}${tag()}`, fields: HOLE_FIELDS });
    const el = await reportForm({ trackUrl: '/my-reports?ref={reference}' });
    await toDetails(el, fresh.name);
    await check(el, 'field-depth');
    await type(el, 'description', 'A pothole at the corner, about a hand wide.');
    await next(el);
    const submitted = oneEvent(el, 'civic-report-submitted') as Promise<CivicReportSubmittedEvent>;
    await next(el);
    const event = await submitted;
    expect(event.detail).to.deep.equal({ id: event.report.id, reference: event.report.reference });
    expect(event.report.reference).to.match(/^[A-Z]{2,4}-\d{4,9}$/);
    expect(event.report.fields).to.deep.equal({ depth: 'shallow' });
    expect(event.report.category.code).to.equal(fresh.code);
    await until(() => activeId(el) === 'outcome', 'the confirmation to be focused');
    const text = clean($(el, '#outcome')!.textContent);
    expect(text).to.contain('Report sent');
    expect(text).to.contain(`Your reference is ${event.report.reference}`);
    expect(text).to.contain(`Its status is now “${event.report.statusLabel}”.`);
    expect(text).to.contain('We will email you whenever its status changes.');
    expect($<HTMLAnchorElement>(el, '#outcome a')!.getAttribute('href')).to.equal(`/my-reports?ref=${event.report.reference}`);
    await accessible(el, 'sent');
    // Sent once: the draft is gone, and "Report another problem" starts afresh.
    expect(Object.keys(localStorage).filter((k) => k.startsWith('civic-elements.report-draft'))).to.deep.equal([]);
    const stored = await apiCall<Report>('GET', `/v1/orgs/${ORG}/reports/${event.report.reference}`);
    expect(stored.id).to.equal(event.report.id);
    buttonNamed(el, 'Report another problem').click();
    await el.updateComplete;
    expect(stepTitle(el)).to.equal('What is the problem?');
    expect($$<HTMLInputElement>(el, 'input[name="category"]').some((r) => r.checked)).to.equal(false);
  });

  it('lets the page stop the sending with civic-before-report-submit (the report stays a draft)', async function (this: Timed) {
    this.timeout(30_000);
    const fresh = await makeCategory({ name: `Sign ${word}${tag()}` });
    const el = await reportForm();
    await toDetails(el, fresh.name);
    await type(el, 'description', 'The street sign has been knocked over.');
    await next(el);
    let sent = 0;
    el.addEventListener('civic-report-submitted', () => sent++);
    const before = oneEvent(el, 'civic-before-report-submit') as Promise<CivicBeforeReportSubmitEvent>;
    el.addEventListener('civic-before-report-submit', (event) => event.preventDefault(), { once: true });
    await next(el);
    const { report } = await before;
    expect(report).to.include({ category: fresh.code, description: 'The street sign has been knocked over.' });
    expect(report.clientRequestId).to.match(/^[0-9a-f-]{36}$/);
    expect(stepTitle(el)).to.equal('Check your report');
    expect(await reportsIn(fresh.code)).to.deep.equal([]);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('civic-elements.report-draft'))).to.have.length(1);
    // Not stopped the second time: sent with the same clientRequestId.
    await next(el);
    await until(() => $(el, '.reference'), 'the confirmation');
    expect(sent).to.equal(1);
    expect(await reportsIn(fresh.code)).to.have.length(1);
  });

  it('can be used with the keyboard alone, from the search to the reference', async function (this: Timed) {
    this.timeout(45_000);
    const fresh = await makeCategory({ name: `Full bin ${word}${tag()}` });
    const el = await reportForm();
    $<HTMLInputElement>(el, '#category-search')!.focus();
    await sendKeys({ type: fresh.name });
    await sendKeys({ press: 'Enter' }); // the one match
    await el.updateComplete;
    await tabUntil((active) => active?.textContent?.trim() === 'Continue', 'Continue');
    await sendKeys({ press: 'Enter' });
    await until(() => stepTitle(el) === 'Where is it?', 'the location step');
    const field = await pickMap(el);
    await tabUntil((active) => active === field.map.getCanvas(), 'the map');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await until(() => field.value, 'the place');
    await tabUntil((active) => active?.textContent?.trim() === 'Continue', 'Continue');
    await sendKeys({ press: 'Enter' });
    await until(() => stepTitle(el) === 'Tell us about it', 'the details step', 8000);
    await tabUntil((active) => active?.id === 'description', 'the description');
    await sendKeys({ type: 'The bin by the park gate is full and overflowing.' });
    await tabUntil((active) => active?.textContent?.trim() === 'Continue', 'Continue');
    await sendKeys({ press: 'Enter' });
    await until(() => stepTitle(el) === 'Check your report', 'the check step');
    await tabUntil((active) => active?.textContent?.trim() === 'Send report', 'Send report');
    const submitted = oneEvent(el, 'civic-report-submitted') as Promise<CivicReportSubmittedEvent>;
    await sendKeys({ press: 'Enter' });
    const { report } = await submitted;
    await until(() => activeId(el) === 'outcome', 'the confirmation');
    expect(clean($(el, '.reference')!.textContent)).to.equal(`Your reference is ${report.reference}`);
    expect(deepActive()?.id).to.equal('outcome');
  });

  it('speaks Italian and Arabic (mirrored)', async () => {
    const it = await reportForm({ lang: 'it' });
    await until(() => stepTitle(it) === 'Qual è il problema?', 'the Italian words');
    expect(clean($(it, '[part~="heading"]')!.textContent)).to.equal('Segnala un problema');
    const ar = await reportForm({ lang: 'ar' });
    await until(() => stepTitle(ar) === 'ما المشكلة؟', 'the Arabic words');
    expect($(ar, '.root')!.getAttribute('dir')).to.equal('rtl');
    await accessible(ar, 'category: Arabic');
  });

  it('says when the form cannot be loaded, with "Try again"', async () => {
    const el = await closedPortForm();
    await until(() => $(el, '[role="alert"]'), 'the failure');
    expect(clean($(el, '[role="alert"]')!.textContent)).to.equal('The form could not be loaded. We could not connect to the service. Check your internet connection and try again. Try again');
    await accessible(el, 'load failed');
    el.setAttribute('api', api());
    await until(() => $(el, '#category-search'), 'the form');
  });
});
