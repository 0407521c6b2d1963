// <civic-poll consultation="ID"> against the real API: each phase of a consultation (seeded through
// `civic:seed-consultation`), supporting by keyboard, proposing (an error kept next to its field, the
// text kept), the discussion disclosure loading <civic-debate>, confirming in the frozen phase, the
// ranked vote by keyboard, the closed outcome, and axe in each state.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { CivicPoll } from '../src/index.js';
import { $, $$, ORG, accessible, announced, api, clean, focused, ok, personWithRole, registeredSession, signOutEverywhere, signedInResident, type Timed, until } from './poll.helpers.js';

interface SeedConsultation {
  phase?: 'draft' | 'proposing' | 'discussion' | 'frozen' | 'voting' | 'closed';
  title?: string;
  quorum?: number;
  proposals?: { title?: string; summary?: string; supporters?: number; supportedBy?: string[]; by?: string }[];
  ballots?: number[][];
  results?: 'live' | 'after-close';
}
interface SeededConsultation {
  id: string;
  phase: string;
  pollId: string | null;
  proposals: { id: string; title: string }[];
  options: { id: string; label: string; statusQuo: boolean }[];
}

const seed = (options: SeedConsultation) => executeServerCommand<SeededConsultation, SeedConsultation>('civic:seed-consultation', options);

async function consultationElement(id: string): Promise<CivicPoll> {
  const el = await fixture<CivicPoll>(html`<civic-poll api=${api()} org=${ORG} consultation=${id} lang="en"></civic-poll>`);
  await until(() => $(el, '.phases') || $(el, '.problem'), 'the consultation to load', 8000);
  await el.updateComplete;
  return el;
}

const current = (el: Element) => clean($(el, '.phases [aria-current="step"]')?.textContent);
const proposalItem = (el: Element, id: string) => $(el, `#proposal-${id}`)!;
const countText = (el: Element, id: string) => clean(proposalItem(el, id).querySelector('.count')?.textContent);

/** Presses Tab until the element with this id has focus. */
async function tabTo(el: CivicPoll, id: string): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (focused(el)?.id === id) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached #${id} (focus is on #${focused(el)?.id ?? 'nothing'})`);
}

describe('<civic-poll consultation>', () => {
  // The test pages share one origin, so a session another file left in localStorage would be this page's too.
  beforeEach(async () => {
    await signOutEverywhere();
  });
  afterEach(async () => {
    await signOutEverywhere();
  });

  it('proposing: phases as steps, proposals with their support against the quorum, signed out', async function (this: Timed) {
    this.timeout(30_000);
    const seeded = await seed({ phase: 'proposing', quorum: 3, proposals: [{ title: 'A new playground', supporters: 2 }, { title: 'Longer library hours', supporters: 0 }] });
    const el = await consultationElement(seeded.id);
    expect(clean($(el, 'h2')!.textContent)).to.equal('Which project should the neighbourhood fund back?');
    expect($$(el, '.phases > li')).to.have.length(5);
    expect(current(el)).to.match(/^Proposing \(now\) until /);
    const [playground, library] = seeded.proposals;
    expect(countText(el, playground!.id)).to.equal('3 of 3 supporters needed · Admitted');
    expect(countText(el, library!.id)).to.equal('1 of 3 supporters needed · Not admitted yet');
    const bar = proposalItem(el, library!.id).querySelector('progress')!;
    expect(bar.getAttribute('aria-label')).to.equal('Support for “Longer library hours”');
    expect(bar.value).to.equal(1);
    expect($(el, '.signed-out')).to.exist;
    expect($(el, 'form textarea#new-summary')).to.not.exist;
    await accessible(el, 'proposing, signed out');
  });

  it('proposing: support and withdraw by keyboard (focus stays, said politely); propose with an error kept', async function (this: Timed) {
    this.timeout(40_000);
    const seeded = await seed({ phase: 'proposing', quorum: 3, proposals: [{ title: 'A new playground', supporters: 0 }] });
    const [playground] = seeded.proposals;
    await signedInResident();
    const el = await consultationElement(seeded.id);
    await until(() => $(el, `#support-${playground!.id}`), 'the support button');
    await accessible(el, 'proposing, signed in');

    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, `support-${playground!.id}`);
    expect(clean(focused(el)!.textContent)).to.equal('Support');
    // Its name says which proposal: a list of four "Support" buttons would not.
    const [by, titleId] = focused(el)!.getAttribute('aria-labelledby')!.split(' ');
    expect(by).to.equal(focused(el)!.id);
    expect(clean(el.shadowRoot!.getElementById(titleId!)!.textContent)).to.equal(playground!.title);
    await sendKeys({ press: 'Enter' });
    await until(() => clean($(el, `#support-${playground!.id}`)?.textContent) === 'Withdraw support', 'the button to become "Withdraw support"');
    await until(() => focused(el)?.id === `support-${playground!.id}`, 'focus to stay on the button');
    await until(() => announced(el) === 'You support “A new playground”.', 'the support said');
    expect(countText(el, playground!.id)).to.equal('2 of 3 supporters needed · Not admitted yet');
    await sendKeys({ press: 'Space' });
    await until(() => clean($(el, `#support-${playground!.id}`)?.textContent) === 'Support', 'the support taken back');
    await until(() => announced(el) === 'You no longer support “A new playground”.', 'the withdrawal said');
    expect(focused(el)?.id).to.equal(`support-${playground!.id}`);

    // Propose: a summary too short is refused next to its field, and what was typed stays.
    const title = $<HTMLInputElement>(el, '#new-title')!;
    const summary = $<HTMLTextAreaElement>(el, '#new-summary')!;
    title.value = 'Benches on the high street';
    title.dispatchEvent(new Event('input'));
    summary.value = 'Short';
    summary.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button[part~="propose"]')!.click();
    await until(() => $(el, '#new-summary-error'), 'the summary’s error');
    expect(clean($(el, '#new-summary-error')!.textContent)).to.contain('at least 10 characters');
    expect($(el, '#new-summary')!.getAttribute('aria-invalid')).to.equal('true');
    await until(() => focused(el)?.id === 'new-summary', 'focus on the summary');
    expect($<HTMLInputElement>(el, '#new-title')!.value).to.equal('Benches on the high street');
    expect($<HTMLTextAreaElement>(el, '#new-summary')!.value).to.equal('Short');
    await accessible(el, 'proposing, an error');

    summary.value = 'Six benches between the station and the market.';
    summary.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button[part~="propose"]')!.click();
    await until(() => $$(el, '.proposal').length === 2, 'the new proposal listed');
    await until(() => announced(el) === 'Your proposal “Benches on the high street” was submitted.', 'the proposal said');
    expect($<HTMLInputElement>(el, '#new-title')!.value).to.equal('');
  });

  it('discussion: the "Discuss" disclosure loads <civic-debate> only when opened; supporters add and rate suggestions', async function (this: Timed) {
    this.timeout(40_000);
    const person = await signedInResident();
    const seeded = await seed({ phase: 'discussion', proposals: [{ title: 'A new playground', supporters: 1, supportedBy: [person.user.email] }] });
    const [playground] = seeded.proposals;
    const el = await consultationElement(seeded.id);
    expect(current(el)).to.match(/^Discussion \(now\)/);
    expect($(el, '#new-title')).to.not.exist;
    const discuss = proposalItem(el, playground!.id).querySelector<HTMLDetailsElement>('details.discuss')!;
    expect(discuss.querySelector('civic-debate')).to.not.exist;
    discuss.querySelector('summary')!.click();
    await until(() => discuss.querySelector('civic-debate'), 'the debate rendered');
    const debate = discuss.querySelector('civic-debate')!;
    expect(debate.getAttribute('subject')).to.equal(`proposal:${playground!.id}`);
    await until(() => customElements.get('civic-debate'), '<civic-debate> defined', 8000);

    const suggestions = proposalItem(el, playground!.id).querySelector<HTMLDetailsElement>('details.suggestions')!;
    suggestions.querySelector('summary')!.click();
    await until(() => $(el, `#suggestion-${playground!.id}`), 'the suggestion form');
    const box = $<HTMLTextAreaElement>(el, `#suggestion-${playground!.id}`)!;
    box.value = 'Add shade over the sandpit, please.';
    box.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button[part~="suggest"]')!.click();
    await until(() => $$(el, '[part="suggestion"]').length === 1, 'the suggestion listed');
    const must = $<HTMLButtonElement>(el, '[part="suggestion"] button[id$="-must"]')!;
    must.click();
    await until(() => $(el, '[part="suggestion"] button[id$="-must"]')!.getAttribute('aria-pressed') === 'true', 'the rating kept');
    expect(clean($(el, '[part="suggestion"] .hint')!.textContent)).to.equal('Must 1 · Should 0 · Should not 0 · Must not 0');
    await accessible(el, 'discussion');
  });

  it('discussion: the author revises the proposal (an error kept next to its field)', async function (this: Timed) {
    this.timeout(30_000);
    const person = await signedInResident();
    const seeded = await seed({ phase: 'discussion', proposals: [{ title: 'A new playground', by: person.user.email }] });
    const [playground] = seeded.proposals;
    const el = await consultationElement(seeded.id);
    const revise = proposalItem(el, playground!.id).querySelector<HTMLDetailsElement>('details.revise')!;
    revise.querySelector('summary')!.click();
    const title = $<HTMLInputElement>(el, `#edit-title-${playground!.id}`)!;
    expect(title.value).to.equal('A new playground');
    title.value = 'A';
    title.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, `#revise-save-${playground!.id}`)!.click();
    await until(() => $(el, `#edit-title-${playground!.id}-error`), 'the title’s error');
    expect($<HTMLInputElement>(el, `#edit-title-${playground!.id}`)!.value).to.equal('A');
    await accessible(el, 'discussion, revising with an error');
    title.value = 'A new playground with shade';
    title.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, `#revise-save-${playground!.id}`)!.click();
    await until(() => clean(proposalItem(el, playground!.id).querySelector('h4')?.textContent) === 'A new playground with shade', 'the new title shown');
    await until(() => announced(el) === 'The new version of “A new playground with shade” is saved.', 'the revision said');
  });

  it('live: counts follow other people’s support; a phase change reads the consultation again', async function (this: Timed) {
    this.timeout(40_000);
    const seeded = await seed({ phase: 'proposing', quorum: 3, proposals: [{ title: 'A new playground', supporters: 0 }] });
    const [playground] = seeded.proposals;
    const el = await consultationElement(seeded.id);
    const path = `/v1/orgs/${ORG}/consultations/${seeded.id}`;
    const other = await registeredSession('Olu Other');
    await ok('PUT', `${path}/proposals/${playground!.id}/support`, undefined, other.accessToken);
    await until(() => countText(el, playground!.id) === '2 of 3 supporters needed · Not admitted yet', 'the count updated live', 8000);
    await until(() => announced(el) === 'Support counts updated.', 'the update said');
    const officer = await personWithRole('officer');
    await ok('POST', `${path}/advance`, { from: 'proposing' }, officer.accessToken);
    await until(() => current(el).startsWith('Discussion'), 'the discussion phase shown', 8000);
  });

  it('in Italian: the phases and the vote’s status quo in Italian', async function (this: Timed) {
    this.timeout(30_000);
    const seeded = await seed({ phase: 'voting', proposals: [{ title: 'A new playground', supporters: 1 }] });
    await signedInResident();
    const el = await fixture<CivicPoll>(html`<civic-poll api=${api()} org=${ORG} consultation=${seeded.id} lang="it"></civic-poll>`);
    await until(() => $(el, '.unranked'), 'the ranked ballot', 8000);
    expect(current(el)).to.match(/^Votazione \(in corso\)/);
    await until(() => $$(el, '.unranked .rank-label').some((label) => clean(label.textContent) === 'Lasciare le cose come stanno'), 'the status quo in Italian');
  });

  it('frozen: proposals read-only; a supporter confirms and takes the confirmation back', async function (this: Timed) {
    this.timeout(40_000);
    const person = await signedInResident();
    const seeded = await seed({ phase: 'frozen', proposals: [{ title: 'A new playground', supporters: 1, supportedBy: [person.user.email] }, { title: 'Longer library hours', supporters: 1 }] });
    const [playground, library] = seeded.proposals;
    const el = await consultationElement(seeded.id);
    expect(current(el)).to.match(/^Confirming support \(now\)/);
    expect($(el, '#new-title')).to.not.exist;
    expect(proposalItem(el, library!.id).querySelector('button')).to.not.exist;
    expect(countText(el, playground!.id)).to.equal('2 of 2 confirmed supporters needed · Admitted');
    const confirm = () => $<HTMLButtonElement>(el, `#confirm-${playground!.id}`);
    await until(confirm, 'the confirm button');
    expect(clean(confirm()!.textContent)).to.equal('Confirm my support');
    await accessible(el, 'frozen');
    confirm()!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => clean(confirm()?.textContent) === 'Take back confirmation', 'confirmed');
    await until(() => announced(el) === 'You confirmed your support for “A new playground”.', 'the confirmation said');
    expect(countText(el, playground!.id)).to.equal('3 of 2 confirmed supporters needed · Admitted');
    expect(focused(el)?.id).to.equal(`confirm-${playground!.id}`);
    await sendKeys({ press: 'Enter' });
    await until(() => clean(confirm()?.textContent) === 'Confirm my support', 'taken back');
  });

  it('voting: the ranked ballot, with "Keep things as they are", cast by keyboard', async function (this: Timed) {
    this.timeout(40_000);
    const seeded = await seed({ phase: 'voting', proposals: [{ title: 'A new playground', supporters: 1 }, { title: 'Longer library hours', supporters: 1 }] });
    expect(seeded.phase).to.equal('voting');
    await signedInResident();
    const el = await consultationElement(seeded.id);
    expect(current(el)).to.match(/^Voting \(now\)/);
    await until(() => $(el, '.unranked'), 'the ranked ballot', 8000);
    const labels = $$(el, '.unranked .rank-label').map((label) => clean(label.textContent));
    expect(labels).to.include('Keep things as they are');
    expect(labels).to.include('A new playground');
    await accessible(el, 'voting');
    const first = seeded.options.find((o) => o.label === 'A new playground')!;
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, `add-${first.id}`);
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.id === `up-${first.id}`, 'focus on "Move up"');
    await tabTo(el, 'cast');
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#receipt-code'), 'the receipt', 8000);
    await accessible(el, 'voting, voted');
  });

  it('closed: the winner and the full results', async function (this: Timed) {
    this.timeout(40_000);
    const seeded = await seed({ phase: 'closed', proposals: [{ title: 'A new playground', supporters: 1 }, { title: 'Longer library hours', supporters: 1 }], ballots: [[1, 2, 3], [1, 3, 2], [2, 1, 3]] });
    expect(seeded.phase).to.equal('closed');
    const el = await consultationElement(seeded.id);
    expect(current(el)).to.match(/^Closed \(now\)/);
    const winner = seeded.options[0]!;
    const expected = winner.statusQuo ? 'Keeping things as they are won: no proposal will be taken up.' : `The winner is “${winner.label}”.`;
    expect(clean($(el, '#outcome')!.textContent)).to.equal(expected);
    await until(() => $(el, '[part~="results"]'), 'the results', 8000);
    await accessible(el, 'closed');
  });

  it('closed: a tie reported as a tie', async function (this: Timed) {
    this.timeout(40_000);
    const seeded = await seed({ phase: 'closed', proposals: [{ title: 'A new playground', supporters: 1 }, { title: 'Longer library hours', supporters: 1 }], ballots: [[1, 2, 3], [2, 1, 3]] });
    const el = await consultationElement(seeded.id);
    const outcome = $(el, '#outcome')!;
    expect(outcome.getAttribute('data-outcome')).to.equal('tie');
    const [first, second] = seeded.options;
    const names = [first!, second!].filter((o) => !o.statusQuo).map((o) => `“${o.label}”`);
    if ([first, second].some((o) => o!.statusQuo)) names.push('Keep things as they are');
    expect(clean(outcome.textContent)).to.equal(`A tie for first place between: ${names.join(', ')}.`);
  });

  it('a consultation that does not exist: said, with "Try again"', async function (this: Timed) {
    this.timeout(20_000);
    const el = await consultationElement('01JNOTACONSULTATION000000');
    expect(clean($(el, '.problem p')!.textContent)).to.equal('We could not find this consultation. It may have been taken down.');
    expect($(el, '.problem button')).to.exist;
    await accessible(el, 'not found');
  });

  it('closed without an admitted proposal: no vote', async function (this: Timed) {
    this.timeout(30_000);
    const seeded = await seed({ phase: 'closed', quorum: 5, proposals: [{ title: 'A new playground', supporters: 0 }] });
    expect(seeded.phase).to.equal('closed');
    const el = await consultationElement(seeded.id);
    expect(clean($(el, '#outcome')!.textContent)).to.equal('No proposal had enough confirmed support, so there was no vote.');
    expect($(el, '.vote')).to.not.exist;
    await accessible(el, 'closed, no vote');
  });
});
