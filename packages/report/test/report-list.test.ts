// <civic-report-list> against the real API: a resident's own reports, reports near a place and a
// category's, open and closed; a report's public timeline and photos; follow, unfollow and support
// (+1), signed in and out; "Show more"; axe in each state; the keyboard alone.
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Report, ReportCategory, ReportDetail, ReportSettings, SessionResponse } from '@civic-elements/protocol';
import type { CivicReportFollowChangeEvent, CivicReportOpenEvent, CivicReportSupportChangeEvent } from '../src/index.js';
import { call, categories, east, seedCategories, person, photo, report, settings, spot, update } from './report-list.data.js';
import {
  $, $$, accessible, announced, buttonIn, facts, item, openDetails, ORG, references, reportList, settled, signedOutEverywhere, signIn, textOf, until,
} from './report-list.helpers.js';

const detailOf = (id: string, token?: string) => call<ReportDetail>('GET', `/v1/orgs/${ORG}/reports/${encodeURIComponent(id)}`, undefined, token);

describe('<civic-report-list>', () => {
  let kinds: ReportCategory[];
  let workflow: ReportSettings['workflow'];
  let officer: SessionResponse;
  let resident: SessionResponse;

  before(async () => {
    await seedCategories();
    kinds = await categories();
    workflow = (await settings()).workflow;
    officer = await person('officer');
    resident = await person('resident');
  });
  beforeEach(() => signedOutEverywhere());
  afterEach(() => executeServerCommand('civic:geolocation', { reset: true }));

  /** A step after the first that is still open, and one that closes a report (not the duplicate step). */
  const openStep = () => workflow.steps.find((step, i) => i > 0 && step.open311 === 'open') ?? workflow.steps[0]!;
  const closedStep = () => workflow.steps.find((step) => step.open311 === 'closed' && step.key !== workflow.duplicateStep)!;

  it('lists a resident\'s own reports, newest first, each with its category, status, reference, date, place and support', async () => {
    const me = await person();
    const at = spot();
    const first = await report(me.accessToken, { category: kinds[0]!, at, address: '12 Lordship Lane' });
    const second = await report(me.accessToken, { category: kinds[1]!, at: east(at, 60) });
    await report(resident.accessToken, { category: kinds[0]!, at }); // someone else's
    signIn(me);
    const el = await reportList({ show: 'mine' });
    expect(references(el)).to.deep.equal([second.reference, first.reference]);
    expect(textOf($(el, '.count'))).to.equal('2 reports');

    const one = item(el, first.reference);
    expect(textOf(one.querySelector('[role="heading"]'))).to.equal(kinds[0]!.name);
    expect(one.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    expect(textOf(one.querySelector('.state'))).to.equal('Open');
    expect(one.querySelector('.state svg')!.getAttribute('aria-hidden'), 'the shape is decoration; the word says it').to.equal('true');
    const ring = one.querySelector('.state circle')!;
    expect(ring.namespaceURI, 'an SVG shape, drawn').to.equal('http://www.w3.org/2000/svg');
    expect(ring.getBoundingClientRect().width).to.be.greaterThan(8);
    expect(textOf(one.querySelector('.status-label'))).to.equal(`Status: ${first.statusLabel}`);
    expect(facts(one)).to.include.members([`Reference: ${first.reference}`, 'Where: 12 Lordship Lane', 'Support: No one yet']);
    const time = one.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal(first.createdAt);
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(first.createdAt));
    expect(textOf(time)).to.match(new RegExp(`^(now|\\d+ seconds? ago|\\d+ minutes? ago) \\(${date}\\)$`));
    expect(facts(item(el, second.reference)).map((line) => line.split(':')[0]), 'no address, no "Where"').to.deep.equal(['Reference', 'Reported', 'Support']);
    await accessible(el, 'mine');
  });

  it('lists the reports near a place, nearest first, with how far each is, and none beyond the radius', async () => {
    const at = spot();
    const far = await report(resident.accessToken, { category: kinds[0]!, at: east(at, 150) });
    const near = await report(resident.accessToken, { category: kinds[1]!, at: east(at, 40) });
    const beyond = await report(resident.accessToken, { category: kinds[0]!, at: east(at, 400) });
    const el = await reportList({ near: at.join(','), radius: '250' });
    // Other tests' reports may be near too: the ones made here come in order, and every one is within the radius, nearest first.
    const mine = new Set([far.reference, near.reference, beyond.reference]);
    expect(references(el).filter((reference) => mine.has(reference))).to.deep.equal([near.reference, far.reference]);
    expect(facts(item(el, near.reference))).to.include('Where: 40 m away');
    expect(facts(item(el, far.reference))).to.include('Where: 150 m away');
    const distances = $$(el, '.report').map((li) => Number(/(\d+) m away/.exec(facts(li).join(' '))?.[1]));
    expect(distances.every((metres) => metres <= 250), distances.join(', ')).to.equal(true);
    expect(distances).to.deep.equal([...distances].sort((a, b) => a - b));
    await accessible(el, 'near a place');

    const none = await reportList({ near: east(at, 777).join(','), radius: '10' });
    expect(references(none)).to.deep.equal([]);
    expect($(none, '.empty')!.hidden).to.equal(false);
    expect(textOf($(none, '.empty'))).to.equal('No problems have been reported within 10 m of this place.');
    await accessible(none, 'nothing near');
  });

  it('finds the reports near the reader once they share their location', async () => {
    const at = spot();
    const here = await report(resident.accessToken, { category: kinds[0]!, at: east(at, 20) });
    await executeServerCommand('civic:geolocation', { latitude: at[1], longitude: at[0] });
    const el = await reportList({ show: 'near', radius: '30' });
    expect(references(el)).to.deep.equal([]);
    buttonIn($(el, '.locate')!, 'Use my location').click();
    await until(() => references(el).length > 0, 'the reports near the reader');
    expect(references(el)).to.include(here.reference);
    expect(facts(item(el, here.reference))).to.include('Where: 20 m away');
  });

  it('lists one category\'s reports, and open or closed ones only', async () => {
    const at = spot();
    const pothole = await report(resident.accessToken, { category: kinds[0]!, at });
    const other = await report(resident.accessToken, { category: kinds[1]!, at: east(at, 30) });
    const fixed = await report(resident.accessToken, { category: kinds[0]!, at: east(at, 60) });
    await update(officer.accessToken, fixed.id, { status: closedStep().key, publicNote: 'Filled in.' });
    const place = { near: at.join(','), radius: '200' };

    const headings = (el: Element) => $$(el, '.report [role="heading"]').map((node) => textOf(node));
    const states = (el: Element) => $$(el, '.report .state').map((node) => textOf(node));

    const byCategory = await reportList({ ...place, category: kinds[0]!.code });
    expect(references(byCategory)).to.include.members([pothole.reference, fixed.reference]);
    expect(references(byCategory)).to.not.include(other.reference);
    expect(new Set(headings(byCategory))).to.deep.equal(new Set([kinds[0]!.name]));

    const open = await reportList({ ...place, open: '' });
    expect(references(open)).to.include.members([pothole.reference, other.reference]);
    expect(references(open)).to.not.include(fixed.reference);
    expect(new Set(states(open))).to.deep.equal(new Set(['Open']));

    const closed = await reportList({ ...place, open: 'false' });
    expect(references(closed)).to.include(fixed.reference);
    expect(references(closed)).to.not.include(pothole.reference);
    expect(references(closed)).to.not.include(other.reference);
    expect(new Set(states(closed))).to.deep.equal(new Set(['Closed']));
    const badge = item(closed, fixed.reference).querySelector('.state')!;
    expect(textOf(badge)).to.equal('Closed');
    expect(badge.classList.contains('state--closed')).to.equal(true);
    expect(textOf(item(closed, fixed.reference).querySelector('.status-label'))).to.equal(`Status: ${closedStep().label}`);
    await accessible(closed, 'closed reports');

    const both = await reportList({ near: east(at, 30).join(','), radius: '10', category: kinds[1]!.code, open: 'false' });
    expect($(both, '.empty')!.hidden).to.equal(false);
    expect(textOf($(both, '.empty'))).to.equal('No reports match these choices.');
  });

  it('opens a report\'s public timeline, with its photos and the officers\' notes', async () => {
    const at = spot();
    const picture = await photo(resident.accessToken);
    const made = await report(resident.accessToken, { category: kinds[0]!, at, photos: [picture.id], description: 'Deep pothole.\nCyclists swerve round it.' });
    await update(officer.accessToken, made.id, { status: openStep().key, publicNote: 'We will fill it this week.' });
    const el = await reportList({ near: at.join(','), radius: '10' });
    const toggle = buttonIn(item(el, made.reference), 'Show details');
    expect(textOf(toggle)).to.equal(`Show details and progress of ${made.reference}`);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const opened = oneEvent(el, 'civic-report-open') as unknown as Promise<CivicReportOpenEvent>;
    const details = await openDetails(el, made.reference);
    const event = await opened;
    expect(event.detail).to.deep.equal({ id: made.id, reference: made.reference });
    expect(event.report.timeline.length).to.be.at.least(2);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-controls')).to.equal(details.id);
    expect(textOf(details.querySelector('.description'))).to.equal('Deep pothole. Cyclists swerve round it.');

    const entries = [...details.querySelectorAll('.timeline > li')].map((entry) => textOf(entry.querySelector('.entry__title')));
    expect(entries[0]).to.equal('Reported');
    expect(entries).to.include(`Status changed to ${openStep().label}`);
    const note = [...details.querySelectorAll('.entry__note')].map((node) => textOf(node));
    expect(note).to.include('We will fill it this week.');
    expect(textOf(details.querySelector('.timeline > li:last-child .entry__meta'))).to.match(/By .+/);

    const img = details.querySelector<HTMLImageElement>('.photos img')!;
    expect(img.alt).to.equal(`Photo 1 of 1 sent with ${made.reference}, opens in a new tab`);
    expect(img.getAttribute('src')).to.equal(picture.thumb);
    expect(details.querySelector('.photos a')!.getAttribute('href')).to.equal(picture.large);
    await until(() => img.complete && img.naturalWidth > 0, 'the thumbnail to load');
    await accessible(el, 'details open, signed out');

    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(details.hidden).to.equal(true);
  });

  it('asks a signed-out reader to sign in to follow or support, and offers the buttons once they have', async () => {
    const at = spot();
    const made = await report(resident.accessToken, { category: kinds[0]!, at });
    const el = await reportList({ near: at.join(','), radius: '10' });
    const details = await openDetails(el, made.reference);
    const prompt = details.querySelector('.actions--signed-out')!;
    expect(textOf(prompt)).to.contain('Sign in to follow this report or support it.');
    expect(prompt.querySelector('civic-sign-in')!.hasAttribute('compact')).to.equal(true);
    expect(!![...details.querySelectorAll('button')].find((b) => /^(Follow|Support)/.test(textOf(b))), 'no buttons that cannot work').to.equal(false);

    // The reader is at the "Sign in" button when they sign in (in its dialog): focus then goes to "Follow", which replaces it.
    const signInElement = prompt.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('civic-sign-in')!;
    await until(() => signInElement.shadowRoot?.querySelector('button'), 'the "Sign in" button');
    signInElement.shadowRoot!.querySelector<HTMLButtonElement>('button')!.focus();
    signIn(await person());
    await until(() => details.querySelector('.actions:not(.actions--signed-out)'), 'the buttons after signing in');
    await until(() => textOf(el.shadowRoot!.activeElement) === 'Follow', `focus on "Follow" (now on "${textOf(el.shadowRoot!.activeElement)}")`);
    expect(textOf(buttonIn(details, 'Follow'))).to.equal('Follow');
    expect(textOf(buttonIn(details, 'Support'))).to.equal('Support (+1)');
    await accessible(el, 'details open, signed in');
  });

  it('follows and stops following a report, announcing each and telling the page', async () => {
    const at = spot();
    const made = await report(resident.accessToken, { category: kinds[0]!, at });
    const follower = await person();
    signIn(follower);
    const el = await reportList({ near: at.join(','), radius: '10' });
    const details = await openDetails(el, made.reference);

    const followed = oneEvent(el, 'civic-report-follow-change') as unknown as Promise<CivicReportFollowChangeEvent>;
    buttonIn(details, 'Follow').click();
    const event = await followed;
    expect(event.detail).to.deep.equal({ id: made.id, reference: made.reference });
    expect(event.relation.following).to.equal(true);
    await settled(el);
    expect(await announced(el, /now follow/)).to.equal(`You now follow ${made.reference}. We will email you when it changes.`);
    expect(textOf(details.querySelector('.actions'))).to.contain('You follow this report: we email you when it changes.');
    expect((await detailOf(made.id, follower.accessToken)).viewer?.following, 'the API keeps it').to.equal(true);

    const unfollowed = oneEvent(el, 'civic-report-follow-change') as unknown as Promise<CivicReportFollowChangeEvent>;
    buttonIn(details, 'Stop following').click();
    expect((await unfollowed).relation.following).to.equal(false);
    await settled(el);
    expect(await announced(el, /no longer follow/)).to.equal(`You no longer follow ${made.reference}.`);
    expect(textOf(buttonIn(details, 'Follow'))).to.equal('Follow');
    expect((await detailOf(made.id, follower.accessToken)).viewer?.following).to.equal(false);
  });

  it('supports a report (+1) and takes the support back, with the count changing', async () => {
    const at = spot();
    const made = await report(resident.accessToken, { category: kinds[0]!, at });
    const supporter = await person();
    signIn(supporter);
    const el = await reportList({ near: at.join(','), radius: '10' });
    const details = await openDetails(el, made.reference);
    const count = () => textOf(item(el, made.reference).querySelector('.support-count'));
    expect(count()).to.equal('No one yet');

    const supported = oneEvent(el, 'civic-report-support-change') as unknown as Promise<CivicReportSupportChangeEvent>;
    buttonIn(details, 'Support (+1)').click();
    const event = await supported;
    expect(event.relation).to.include({ supported: true, supportCount: 1 });
    await settled(el);
    expect(await announced(el, /You support/)).to.equal(`You support ${made.reference}. 1 person supports it.`);
    expect(count()).to.equal('1 person supports this');
    expect(textOf(details.querySelector('.actions'))).to.contain('You support this report.');
    const stored = await detailOf(made.id, supporter.accessToken);
    expect(stored.supportCount).to.equal(1);
    expect(stored.viewer).to.include({ supported: true, following: true });
    expect(textOf(buttonIn(details, 'Stop following')), 'supporting also follows').to.equal('Stop following');

    const withdrawn = oneEvent(el, 'civic-report-support-change') as unknown as Promise<CivicReportSupportChangeEvent>;
    buttonIn(details, 'Take back my support').click();
    expect((await withdrawn).relation).to.include({ supported: false, supportCount: 0 });
    await settled(el);
    expect(await announced(el, /no longer support/)).to.equal(`You no longer support ${made.reference}.`);
    expect(count()).to.equal('No one yet');
    expect((await detailOf(made.id)).supportCount).to.equal(0);
  });

  it('does not offer a resident support for their own report', async () => {
    const me = await person();
    const made = await report(me.accessToken, { category: kinds[0]!, at: spot() });
    signIn(me);
    const el = await reportList({ show: 'mine' });
    const details = await openDetails(el, made.reference);
    expect(textOf(details.querySelector('.actions'))).to.contain('You reported this problem.');
    expect($$(el, '.details button').map((b) => textOf(b)).filter((label) => label.startsWith('Support'))).to.deep.equal([]);
  });

  it('shows a follow that failed next to the buttons, in words, and announces it', async () => {
    const at = spot();
    const made = await report(resident.accessToken, { category: kinds[0]!, at });
    const gone = await person();
    signIn(gone);
    const el = await reportList({ near: at.join(','), radius: '10' });
    const details = await openDetails(el, made.reference);
    await call('POST', '/v1/auth/sign-out', {}, gone.accessToken); // signed out elsewhere: this page's token no longer works
    buttonIn(details, 'Follow').click();
    await until(() => details.querySelector('.actions .error-message'), 'the problem next to the buttons');
    const problem = details.querySelector('.actions .error-message')!;
    expect(textOf(problem)).to.match(/^Error: (You need to sign in first\.|You have been signed out\. Sign in again\.)$/);
    expect(details.querySelector('.actions')!.getAttribute('aria-describedby')).to.equal(problem.id);
    expect(await announced(el, /sign/i)).to.match(/sign in/i);
    expect(textOf(buttonIn(details, 'Follow')), 'nothing changed').to.equal('Follow');
    await accessible(el, 'follow failed');
  });

  it('loads more reports with "Show more" and moves focus to the first new one', async () => {
    const me = await person();
    const made: Report[] = [];
    const at = spot();
    for (let i = 0; i < 5; i++) made.push(await report(me.accessToken, { category: kinds[i % 2]!, at: east(at, i * 10) }));
    const newest = made.map((r) => r.reference).reverse();
    signIn(me);
    const el = await reportList({ show: 'mine', limit: '2', 'heading-level': '2' });
    expect(references(el)).to.deep.equal(newest.slice(0, 2));
    expect(textOf($(el, '.count'))).to.be.oneOf(['Showing 2 of 5 reports', '2 reports']);
    expect($(el, '[role="heading"]')!.getAttribute('aria-level')).to.equal('2');

    const more = $<HTMLButtonElement>(el, '#more')!;
    more.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => references(el).length === 4, 'the second page');
    await el.updateComplete;
    expect(references(el)).to.deep.equal(newest.slice(0, 4));
    expect(await announced(el, /more reports shown/)).to.equal('2 more reports shown.');
    expect(el.shadowRoot!.activeElement === item(el, newest[2]!).querySelector('[role="heading"]'), 'focus on the third report\'s heading').to.equal(true);
    await accessible(el, 'after "Show more"');

    $<HTMLButtonElement>(el, '#more')!.click();
    await until(() => references(el).length === 5, 'the last page');
    await el.updateComplete;
    expect(references(el)).to.deep.equal(newest);
    expect(!!$(el, '#more'), 'nothing more to show').to.equal(false);
  });

  it('shows what fits when there is nothing to list, or the page\'s own words', async () => {
    signIn(await person());
    const el = await reportList({ show: 'mine' });
    expect(textOf($(el, '.empty'))).to.equal('You have not reported a problem yet.');
    expect(!!$(el, '.reports')).to.equal(false);
    await accessible(el, 'empty');
    const following = await reportList({ show: 'following' }, { children: '<p slot="empty">Nothing followed yet.</p>' });
    expect($<HTMLSlotElement>(following, 'slot[name="empty"]')!.assignedElements().map((node) => textOf(node))).to.deep.equal(['Nothing followed yet.']);
    expect($(following, '.empty')!.hidden).to.equal(false);
  });

  it('is used with the keyboard alone: open the details, follow, close', async () => {
    const at = spot();
    const made = await report(resident.accessToken, { category: kinds[0]!, at });
    signIn(await person());
    const el = await reportList({ near: at.join(','), radius: '10' });
    const toggle = buttonIn(item(el, made.reference), 'Show details');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => item(el, made.reference).querySelector('.timeline'), 'the details');
    await el.updateComplete;
    // Tab from the toggle goes into the details, through any photo links, to "Follow".
    for (let i = 0; i < 5 && !/^Follow/.test(textOf(el.shadowRoot!.activeElement)); i++) await sendKeys({ press: 'Tab' });
    expect(textOf(el.shadowRoot!.activeElement)).to.equal('Follow');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(textOf(el.shadowRoot!.activeElement), 'focus stays on the button, now "Stop following"').to.equal('Stop following');
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 6 && el.shadowRoot!.activeElement !== toggle; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement === toggle, 'Shift+Tab goes back to the toggle').to.equal(true);
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });

  it('speaks Italian and Arabic', async () => {
    const at = spot();
    const made = await report(resident.accessToken, { category: kinds[0]!, at });
    const italian = await reportList({ near: at.join(','), radius: '10', lang: 'it' });
    expect(textOf(item(italian, made.reference).querySelector('.state'))).to.equal('Aperta');
    expect(textOf(buttonIn(item(italian, made.reference), 'Mostra'))).to.equal(`Mostra dettagli e avanzamento di ${made.reference}`);
    const date = new Intl.DateTimeFormat('it', { dateStyle: 'long' }).format(new Date(made.createdAt));
    expect(textOf(item(italian, made.reference).querySelector('time'))).to.contain(`(${date})`);
    expect(textOf($(italian, '.count'))).to.match(/^\d+ segnalazion[ei]$/);

    const arabic = await reportList({ near: at.join(','), radius: '10', lang: 'ar' });
    expect($(arabic, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(textOf(item(arabic, made.reference).querySelector('.state'))).to.equal('مفتوح');
    const details = await openDetails(arabic, made.reference);
    expect(textOf(details.querySelector('.entry__title'))).to.equal('أُرسل البلاغ');
    await accessible(arabic, 'Arabic, details open');
  });
});
