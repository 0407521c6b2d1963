// <civic-report-form> against the real API: similar reports nearby (support instead), reporting without
// an account, the sign-in prompt, drafts across reloads and failed submits, and the offline queue.
import { expect, fixtureCleanup, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Report, ReportCategory, ReportDetail, ReportSettings, SessionResponse } from '@civic-elements/protocol';
import type { CivicReportSubmittedEvent, CivicReportSupportedEvent } from '../src/report-form-events.js';
import {
  $, $$, CENTRE, accessible, activeId, addPhotos, adminOf, apiCall, buttonNamed, canvasPhoto, check, chooseCategory, clean, fieldError, fileReport, makeCategory, next,
  ORG, outbox, personWithRole, photoStates, pickCentreByKeyboard, reportForm, reportsIn, setSettings, signIn, signedOutEverywhere, stepTitle, summaryText,
  toDetails, type, uniqueEmail, until,
} from './report-form.helpers.js';

type Timed = { timeout(ms: number): void };

const tag = (): string => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] as [number, number] });

/** The keys this form keeps in localStorage (drafts, queue). */
const kept = (kind: 'draft' | 'queue'): string[] => Object.keys(localStorage).filter((k) => k.startsWith(`civic-elements.report-${kind}`));

/** From the details step to "Check your report", with a description. */
async function toCheck(el: Awaited<ReturnType<typeof reportForm>>, name: string, description = 'Fly-tipped mattress and bags on the pavement.'): Promise<void> {
  await toDetails(el, name);
  await type(el, 'description', description);
  await next(el);
  expect(stepTitle(el)).to.equal('Check your report');
}

describe('<civic-report-form> journeys', function () {
  let word: string;
  let tipping: ReportCategory;
  let settings: ReportSettings;

  before(async function (this: Timed) {
    this.timeout(20_000);
    word = tag();
    tipping = await makeCategory({ name: `Fly-tipping ${word}`, group: 'Rubbish', keywords: ['dumped'] });
    settings = await setSettings({});
  });
  after(() => setSettings(settings));
  beforeEach(signedOutEverywhere);

  describe('similar reports nearby', () => {
    let resident: SessionResponse;
    let existing: Report;
    let sofa: ReportCategory;

    beforeEach(async () => {
      const other = await personWithRole('resident');
      sofa = await makeCategory({ name: `Dumped sofa ${word}${tag()}`, group: 'Rubbish' });
      existing = await fileReport({ category: sofa.code, description: 'A sofa dumped on the corner for days.', location: point(CENTRE[0] + 0.0001, CENTRE[1]) }, other.accessToken);
      await setSettings({ nearbyRadius: 200 });
      resident = await personWithRole('resident');
      signIn(resident);
    });

    it('asks "Is it one of these?", and choosing one supports (and follows) it instead of filing another', async function (this: Timed) {
      this.timeout(30_000);
      const el = await reportForm();
      await chooseAndPick(el, sofa.name);
      await until(() => stepTitle(el) === 'Is it one of these?', 'the nearby step', 8000);
      expect(clean($(el, '[part~="step"]')!.textContent)).to.equal('Step 3 of 5');
      const choices = $$(el, 'input[name="nearby"]');
      expect(choices).to.have.length(2);
      const first = clean(choices[0]!.closest('.choice')!.textContent);
      expect(first).to.contain(`${sofa.name}, `);
      expect(first).to.match(/\d+ metres? away/);
      expect(first).to.contain(existing.reference);
      expect(clean(choices[1]!.closest('.choice')!.textContent)).to.equal('No, mine is something else');
      await accessible(el, 'nearby');
      await next(el);
      expect(summaryText(el)).to.equal('There is a problem Choose the problem you are reporting, or “No, mine is something else”');
      await check(el, 'nearby');
      expect(clean($(el, 'form button[type="submit"]')!.textContent)).to.equal('Support this report');
      const supported = oneEvent(el, 'civic-report-supported') as Promise<CivicReportSupportedEvent>;
      await next(el);
      const event = await supported;
      expect(event.detail).to.deep.equal({ id: existing.id, reference: existing.reference });
      expect(event.relation).to.include({ supported: true, following: true, supportCount: 1 });
      const text = clean($(el, '#outcome')!.textContent);
      expect(text).to.contain('You now support this report');
      expect(text).to.contain(`We did not file a new report: you support ${existing.reference}`);
      expect(activeId(el)).to.equal('outcome');
      await accessible(el, 'supported');
      // No second report; the resident supports and follows the first.
      expect((await reportsIn(sofa.code)).map((r) => r.id)).to.deep.equal([existing.id]);
      const seen = await apiCall<ReportDetail>('GET', `/v1/orgs/${ORG}/reports/${existing.id}`, undefined, resident.accessToken);
      expect(seen.viewer).to.deep.equal({ mine: false, following: true, supported: true });
      expect(kept('draft')).to.deep.equal([]);
    });

    it('"No, mine is something else" goes on to the details, and the report is filed', async function (this: Timed) {
      this.timeout(30_000);
      const el = await reportForm();
      await chooseAndPick(el, sofa.name);
      await until(() => stepTitle(el) === 'Is it one of these?', 'the nearby step', 8000);
      await check(el, 'nearby-none');
      await next(el);
      expect(stepTitle(el)).to.equal('Tell us about it');
      await type(el, 'description', 'Another sofa, on the other side of the road.');
      await next(el);
      await next(el);
      await until(() => $(el, '.reference'), 'the confirmation');
      expect(await reportsIn(sofa.code)).to.have.length(2);
    });
  });

  describe('without an account', () => {
    it('asks signed-out residents to sign in where the organisation wants an account', async () => {
      await setSettings({ anonymousReports: false });
      const el = await reportForm();
      await until(() => customElements.get('civic-sign-in') && $(el, 'civic-sign-in')?.shadowRoot, 'the sign-in form');
      expect(clean($(el, '.lead')!.textContent)).to.equal('Sign in to report a problem. We email you a code: there is no password to remember.');
      expect($(el, 'civic-sign-in')!.getAttribute('org')).to.equal(ORG);
      expect($(el, '#category-search')).to.equal(null);
      await accessible(el, 'signed out');
      signIn(await personWithRole('resident'));
      await until(() => $(el, '#category-search'), 'the form, once signed in');
    });

    it('asks a resident without an account to sign in to support a report nearby', async function (this: Timed) {
      this.timeout(30_000);
      await setSettings({ anonymousReports: true, nearbyRadius: 200 });
      const other = await personWithRole('resident');
      const lamp = await makeCategory({ name: `Lamp ${word}${tag()}`, group: 'Street lighting' });
      const existing = await fileReport({ category: lamp.code, description: 'The lamp post is leaning over.', location: point(CENTRE[0], CENTRE[1] + 0.0001) }, other.accessToken);
      const el = await reportForm();
      await chooseAndPick(el, lamp.name);
      await until(() => stepTitle(el) === 'Is it one of these?', 'the nearby step', 8000);
      await check(el, 'nearby');
      await next(el);
      expect(fieldError(el, 'nearby')).to.equal('Error: Sign in to support this report, or choose “No, mine is something else”');
      await until(() => customElements.get('civic-sign-in') && $(el, 'civic-sign-in')?.shadowRoot, 'the sign-in form');
      await accessible(el, 'nearby: sign in to support');
      // Signed in (here through the shared session, as <civic-sign-in> would), Support goes through.
      signIn(await personWithRole('resident'));
      await el.updateComplete;
      const supported = oneEvent(el, 'civic-report-supported') as Promise<CivicReportSupportedEvent>;
      await next(el);
      expect((await supported).detail.reference).to.equal(existing.reference);
    });

    it('reports with an email address (and a name if given) where the organisation allows it', async function (this: Timed) {
      this.timeout(40_000);
      await setSettings({ anonymousReports: true });
      const el = await reportForm();
      await toCheck(el, tipping.name);
      expect($(el, '#email')).to.not.equal(null);
      await next(el);
      expect(summaryText(el)).to.equal('There is a problem Enter your email address, so that we can tell you what happens');
      expect(fieldError(el, 'email')).to.equal('Error: Enter your email address, so that we can tell you what happens');
      await type(el, 'email', 'not an address');
      await next(el);
      expect(fieldError(el, 'email')).to.equal('Error: Enter an email address like name@example.com');
      await accessible(el, 'anonymous: email error');
      // Photos need no account either, where the organisation takes reports without one.
      buttonNamed(el, 'Change Photos').click();
      await el.updateComplete;
      expect(stepTitle(el)).to.equal('Tell us about it');
      await addPhotos(el, [await canvasPhoto(1200, 900, 'tipping.png')]);
      await until(() => photoStates(el)[0] === 'done', 'the upload', 15_000);
      await next(el);
      expect(stepTitle(el)).to.equal('Check your report');
      const email = uniqueEmail('anonymous');
      await type(el, 'email', email);
      await type(el, 'name', 'Sam Reporter');
      const submitted = oneEvent(el, 'civic-report-submitted') as Promise<CivicReportSubmittedEvent>;
      await next(el);
      const { report } = await submitted;
      expect(clean($(el, '#outcome')!.textContent)).to.contain(`We have sent the reference to ${email} and will email you whenever its status changes.`);
      const { accessToken } = await adminOf();
      const stored = await apiCall<Report>('GET', `/v1/orgs/${ORG}/reports/${report.id}`, undefined, accessToken);
      expect(stored.reporter).to.deep.equal({ name: 'Sam Reporter', email });
      expect(stored.photos).to.have.length(1);
      // The reference reaches the address given.
      let mail: Awaited<ReturnType<typeof outbox>> = [];
      for (let i = 0; i < 50 && !mail.some((m) => m.text.includes(report.reference)); i++) {
        mail = await outbox(email);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(mail.some((m) => m.text.includes(report.reference))).to.equal(true);
    });
  });

  describe('drafts', () => {
    beforeEach(async () => signIn(await personWithRole('resident')));

    it('keeps what was entered across a reload, at the same step; "Start again" clears it', async function (this: Timed) {
      this.timeout(30_000);
      const category = await makeCategory({ name: `Mattress ${word}${tag()}`, group: 'Rubbish' });
      const el = await reportForm();
      await toCheck(el, category.name, 'A mattress against the wall of number 12.');
      expect(kept('draft')).to.have.length(1);
      fixtureCleanup(); // the page goes away…
      const again = await reportForm(); // …and comes back
      await until(() => stepTitle(again) === 'Check your report' && $(again, '.answers'), 'the restored step', 8000);
      expect(clean($(again, '.notice')!.textContent)).to.contain('We kept the report you started earlier.');
      const answers = clean($(again, '.answers')!.textContent);
      expect(answers).to.contain(`Problem ${category.name}`);
      expect(answers).to.contain('Description A mattress against the wall of number 12.');
      expect(answers).to.match(/Place latitude 51\.47\d*, longitude -0\.08\d*/);
      await accessible(again, 'draft restored');
      buttonNamed(again, 'Start again').click();
      await again.updateComplete;
      expect(stepTitle(again)).to.equal('What is the problem?');
      expect(kept('draft')).to.deep.equal([]);
    });

    it('keeps the draft when the service refuses the report, with the reason next to the control', async function (this: Timed) {
      this.timeout(30_000);
      const category = await makeCategory({ name: `Graffiti ${word}${tag()}`, group: 'Streets' });
      const el = await reportForm();
      await toCheck(el, category.name, 'Graffiti on the bus shelter, offensive words.');
      // The council stops taking this kind of report while the resident checks their answers.
      const { accessToken } = await adminOf();
      await apiCall('PATCH', `/v1/orgs/${ORG}/report-categories/${category.id}`, { active: false }, accessToken);
      await next(el);
      await until(() => $(el, '.error-summary'), 'the refusal');
      const refusal = `“${category.name}” no longer takes new reports. Choose another category.`;
      expect(activeId(el)).to.equal('error-summary');
      expect(summaryText(el)).to.equal(`There is a problem ${refusal}`);
      expect(kept('draft')).to.have.length(1);
      await accessible(el, 'refused');
      // The summary's link goes to the category step, where the message is next to the list.
      $<HTMLAnchorElement>(el, '.error-summary a')!.click();
      await el.updateComplete;
      expect(stepTitle(el)).to.equal('What is the problem?');
      expect(fieldError(el, 'category')).to.equal(`Error: ${refusal}`);
      // After a reload the draft is still there; its category is gone from the list, so it is chosen again.
      fixtureCleanup();
      const again = await reportForm();
      await until(() => stepTitle(again) === 'What is the problem?' && $(again, '.notice'), 'the restored draft', 8000);
      expect(clean($(again, '.notice')!.textContent)).to.contain('We kept the report you started earlier.');
      expect($$<HTMLInputElement>(again, 'input[name="category"]').some((r) => r.checked)).to.equal(false);
      expect(JSON.parse(localStorage.getItem(kept('draft')[0]!)!).description).to.equal('Graffiti on the bus shelter, offensive words.');
    });
  });

  describe('offline', () => {
    beforeEach(async () => signIn(await personWithRole('resident')));

    it('queues the report offline, says so, and sends it once when the connection returns', async function (this: Timed) {
      this.timeout(40_000);
      const category = await makeCategory({ name: `Broken light ${word}${tag()}`, group: 'Street lighting' });
      const el = await reportForm();
      await toCheck(el, category.name, 'The street light outside number 4 is off.');
      const offline = new Promise((resolve) => window.addEventListener('offline', resolve, { once: true }));
      const online = new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
      await executeServerCommand('civic:offline', { ms: 1500 });
      await offline;
      const submitted = oneEvent(el, 'civic-report-submitted') as Promise<CivicReportSubmittedEvent>;
      await next(el);
      expect(clean($(el, '#outcome')!.textContent)).to.contain('Your report will be sent when you are back online');
      expect(activeId(el)).to.equal('outcome');
      expect(kept('queue')).to.have.length(1);
      expect(kept('draft')).to.deep.equal([]);
      await accessible(el, 'queued');
      await online;
      const { report } = await submitted;
      await until(() => $(el, '.reference'), 'the confirmation');
      expect(clean($(el, '.reference')!.textContent)).to.equal(`Your reference is ${report.reference}`);
      expect(kept('queue')).to.deep.equal([]);
      expect((await reportsIn(category.code)).map((r) => r.id)).to.deep.equal([report.id]);
    });

    it('gives a queued report the service refuses back as the draft, with the reason', async function (this: Timed) {
      this.timeout(30_000);
      const category = await makeCategory({ name: `Bench ${word}${tag()}`, group: 'Parks' });
      const el = await reportForm();
      await toCheck(el, category.name, 'The bench in the park has a broken slat.');
      // Meanwhile the council stops taking this kind of report (the form does not know yet).
      const { accessToken } = await adminOf();
      await apiCall('PATCH', `/v1/orgs/${ORG}/report-categories/${category.id}`, { active: false }, accessToken);
      const online = new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
      const offline = new Promise((resolve) => window.addEventListener('offline', resolve, { once: true }));
      await executeServerCommand('civic:offline', { ms: 1200 });
      await offline;
      await next(el);
      expect(clean($(el, '#outcome')!.textContent)).to.contain('Your report will be sent when you are back online');
      await online;
      await until(() => $(el, '.error-summary'), 'the refusal', 8000);
      expect(clean($$(el, '.notice').map((n) => n.textContent).join(' '))).to.contain('Your report sent while you were offline was not accepted. Check it and send it again.');
      expect(summaryText(el)).to.equal(`There is a problem “${category.name}” no longer takes new reports. Choose another category.`);
      expect(kept('queue')).to.deep.equal([]);
      expect(JSON.parse(localStorage.getItem(kept('draft')[0]!)!).description).to.equal('The bench in the park has a broken slat.');
      expect(await reportsIn(category.code)).to.deep.equal([]);
    });

    it('sends a queued report on the next visit, and a resent one is still one report', async function (this: Timed) {
      this.timeout(40_000);
      const category = await makeCategory({ name: `Blocked drain ${word}${tag()}`, group: 'Roads and pavements' });
      const el = await reportForm();
      await toCheck(el, category.name, 'The drain is blocked and the road floods.');
      const online = new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
      const offline = new Promise((resolve) => window.addEventListener('offline', resolve, { once: true }));
      await executeServerCommand('civic:offline', { ms: 1200 });
      await offline;
      await next(el);
      const [key] = kept('queue');
      const queued = localStorage.getItem(key!)!;
      fixtureCleanup(); // the resident closes the page while offline
      await online;
      const later = await reportForm(); // and comes back
      await until(() => kept('queue').length === 0, 'the queue to be sent', 8000);
      await until(() => $$(later, '.notice').some((n) => clean(n.textContent).startsWith('Your report sent while you were offline has arrived.')), 'the notice');
      const [first] = await reportsIn(category.code);
      expect(clean($$(later, '.notice').find((n) => clean(n.textContent).startsWith('Your report'))!.textContent)).to.contain(first!.reference);
      // The page closed after the report was stored but before it left the queue: it goes again, and is still one report.
      localStorage.setItem(key!, queued);
      fixtureCleanup();
      const third = await reportForm();
      await until(() => kept('queue').length === 0, 'the queue to be sent again', 8000);
      await until(() => $$(third, '.notice').some((n) => clean(n.textContent).includes(first!.reference)), 'the same reference');
      expect((await reportsIn(category.code)).map((r) => r.id)).to.deep.equal([first!.id]);
    });
  });
});

/** The category by its name, then the place at the map's centre, and Continue. */
async function chooseAndPick(el: Awaited<ReturnType<typeof reportForm>>, name: string): Promise<void> {
  await chooseCategory(el, name);
  await next(el);
  await pickCentreByKeyboard(el);
  await next(el);
}
