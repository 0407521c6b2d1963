import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '@civic-elements/sign-in/define.js';
import type { ContributionFeature, MapProject, Polygon, SessionResponse } from '@civic-elements/protocol';
import '../src/define-forms.js';
import '../src/define.js'; // <civic-map>, on which the area is drawn
import type { CivicMapProjectEditor } from '../src/project-editor.js';
import type { CivicContributionModeratedEvent, CivicProjectSavedEvent } from '../src/form-events.js';
import {
  $, $$, AREA, ORG, activeId, api, apiCall, buttonNamed, check, choose, clean, click, createProject, fieldError, getProject,
  personWithRole, settled, signIn, signedOutEverywhere, summaryText, text, type, until,
} from './forms.helpers.js';

const editor = async (org = ORG) => {
  const el = await fixture<CivicMapProjectEditor>(html`<civic-map-project-editor api=${api()} org=${org} basemap="none"></civic-map-project-editor>`);
  await el.updateComplete;
  return el;
};

/** An officer signed in on the page, and an editor showing their organisation's list. */
async function officerEditor(org = ORG): Promise<{ el: CivicMapProjectEditor; officer: SessionResponse }> {
  const officer = await personWithRole('officer', org);
  signIn(officer);
  const el = await editor(org);
  await until(() => !text(el).includes('Loading'), 'the list of projects');
  await el.updateComplete;
  return { el, officer };
}

const heading = (el: CivicMapProjectEditor) => clean($(el, '#view-heading')?.textContent);

/** Opens the form of the project titled `title` from the list. */
async function openProject(el: CivicMapProjectEditor, title: string): Promise<void> {
  await until(() => $$(el, '.project__title').some((h) => clean(h.textContent) === title), `“${title}” in the list`);
  await click(el, `Edit ${title}`);
  await until(() => heading(el) === `Edit “${title}”`, 'the edit form');
}

/** Mocha's `this` in a test or hook. */
type Timed = { timeout(ms: number): void };

describe('<civic-map-project-editor>', function () {
  beforeEach(signedOutEverywhere);

  it('asks signed-out visitors to sign in, or shows what the page slots in instead', async () => {
    const el = await editor();
    await until(() => text(el).includes('Test Council'), 'the organisation name');
    expect(heading(el)).to.equal('Map projects');
    expect(text(el)).to.contain('Sign in with your work email to set up map projects for Test Council.');
    expect($(el, 'civic-sign-in')!.getAttribute('org')).to.equal(ORG);
    await expect(el).to.be.accessible();

    const slotted = await fixture<CivicMapProjectEditor>(html`<civic-map-project-editor api=${api()} org=${ORG}><p slot="signed-out">Sign in at the top of the page.</p></civic-map-project-editor>`);
    const slot = $<HTMLSlotElement>(slotted, 'slot[name="signed-out"]')!;
    expect(clean(slot.assignedNodes()[0]!.textContent)).to.equal('Sign in at the top of the page.');
  });

  it('tells a resident they need to be an officer of the organisation', async () => {
    signIn(await personWithRole('resident'));
    const el = await editor();
    await until(() => text(el).includes('Test Council'), 'the organisation name');
    expect(text(el)).to.contain('You need to be an officer of Test Council to set up map projects.');
    expect($(el, 'form')).to.equal(null);
    expect(() => buttonNamed(el, 'Create a map project')).to.throw();
    await expect(el).to.be.accessible();
  });

  it('shows an empty list with a way to start', async () => {
    const { el } = await officerEditor('other-org'); // an organisation where no test makes projects
    expect(text(el)).to.contain('There are no map projects yet.');
    buttonNamed(el, 'Create a map project');
    await expect(el).to.be.accessible();
  });

  it('checks the form before saving: error summary, inline errors, focus', async () => {
    const { el } = await officerEditor();
    await click(el, 'Create a map project');
    expect(heading(el)).to.equal('Create a map project');
    expect(activeId(el)).to.equal('view-heading');
    await choose(el, 'cat-0-q-0-type', 'choice');
    await check(el, 'area-mode-1'); // "An area I draw on the map", nothing drawn
    const map = $(el, 'civic-map')!;
    expect([map.getAttribute('mode'), map.getAttribute('geometry-type'), map.getAttribute('basemap')]).to.deep.equal(['draw', 'polygon', 'none']);
    await click(el, 'Create project');
    expect(summaryText(el)).to.equal(
      'There is a problem Enter a title Draw the area on the map, or choose the whole area Enter a name for category 1 Write question 1 of category 1 Write option 1 of question 1 of category 1',
    );
    expect(activeId(el)).to.equal('error-summary');
    expect(fieldError(el, 'title')).to.equal('Error: Enter a title');
    expect(fieldError(el, 'cat-0-q-0-opt-0')).to.equal('Error: Write option 1 of question 1 of category 1');
    await expect(el).to.be.accessible();
    $$<HTMLAnchorElement>(el, '.error-summary a')[1]!.click();
    expect(activeId(el)).to.equal('area');
  });

  it('creates a project with categories and questions, members and review, and lists it', async function (this: Timed) {
    this.timeout(20_000);
    const { el, officer } = await officerEditor();
    await click(el, 'Create a map project');
    await type(el, 'title', 'Street trees');
    await type(el, 'description', 'Trees residents look after.');
    await check(el, 'contribute-1'); // members
    await type(el, 'members', 'Ann@Example.org\nbob@example.org, ann@example.org');
    await check(el, 'moderation-1'); // review first

    await type(el, 'cat-0-name', 'Tree');
    await type(el, 'cat-0-colour', '#336633');
    await choose(el, 'cat-0-symbol', 'tree');
    await type(el, 'cat-0-q-0-label', 'Species');
    await check(el, 'cat-0-q-0-required');
    await type(el, 'cat-0-q-0-max-length', '80');

    await click(el, 'Add a question to Tree');
    expect(activeId(el)).to.equal('cat-0-q-1-label');
    await type(el, 'cat-0-q-1-label', 'Needs');
    await choose(el, 'cat-0-q-1-type', 'multichoice');
    await type(el, 'cat-0-q-1-opt-0', 'Water');
    await type(el, 'cat-0-q-1-opt-1', 'Pruning');
    await click(el, 'Add an option to question 2');
    expect(activeId(el)).to.equal('cat-0-q-1-opt-2');
    await type(el, 'cat-0-q-1-opt-2', 'A stake');
    await type(el, 'cat-0-q-1-max-choices', '2');

    await click(el, 'Add a question to Tree');
    await type(el, 'cat-0-q-2-label', 'Height');
    await choose(el, 'cat-0-q-2-type', 'number');
    await type(el, 'cat-0-q-2-min', '0');
    await type(el, 'cat-0-q-2-max', '40');
    await type(el, 'cat-0-q-2-unit', 'm');

    // Move "Height" above "Needs"; focus follows the button.
    await click(el, 'Move up 3 of Tree');
    expect($<HTMLInputElement>(el, '#cat-0-q-1-label')!.value).to.equal('Height');
    expect(activeId(el)).to.equal('cat-0-q-1-up');
    // A question added by mistake, then removed.
    await click(el, 'Add a question to Tree');
    await type(el, 'cat-0-q-3-label', 'Oops');
    await click(el, 'Remove question 4 of Tree');
    expect($(el, '#cat-0-q-3-label')).to.equal(null);

    await click(el, 'Add a category');
    expect(activeId(el)).to.equal('cat-1-name');
    await type(el, 'cat-1-name', 'Tree pit');
    await choose(el, 'cat-1-q-0-type', 'boolean');
    await type(el, 'cat-1-q-0-label', 'Full of litter');
    await expect(el).to.be.accessible();

    const saved = oneEvent(el, 'civic-project-saved') as Promise<CivicProjectSavedEvent>;
    await click(el, 'Create project');
    const { project } = await saved;
    await settled(el);
    await until(() => $(el, '#notice'), 'the notice');
    expect(clean($(el, '#notice')!.textContent)).to.equal('“Street trees” has been created.');
    expect(activeId(el)).to.equal('notice');
    await until(() => $$(el, '.project__title').some((h) => clean(h.textContent) === 'Street trees'), 'the project in the list');
    await expect(el).to.be.accessible();

    const stored = await getProject(project.id, officer.accessToken);
    expect(stored).to.deep.include({ title: 'Street trees', description: 'Trees residents look after.', contribute: 'members', moderation: 'review', status: 'active' });
    expect(stored.categories.map((c) => [c.name, c.colour, c.symbol])).to.deep.equal([['Tree', '#336633', 'tree'], ['Tree pit', '#1d70b8', 'circle']]);
    expect(stored.categories[0]!.fields).to.deep.equal([
      { key: 'species', label: 'Species', type: 'text', required: true, maxLength: 80, multiline: false },
      { key: 'height', label: 'Height', type: 'number', required: false, min: 0, max: 40, integer: false, unit: 'm' },
      { key: 'needs', label: 'Needs', type: 'multichoice', required: false, maxChoices: 2, options: [{ value: 'water', label: 'Water' }, { value: 'pruning', label: 'Pruning' }, { value: 'a_stake', label: 'A stake' }] },
    ]);
    expect(stored.categories[1]!.fields).to.deep.equal([{ key: 'full_of_litter', label: 'Full of litter', type: 'boolean', required: false }]);
    const members = await apiCall<{ emails: string[] }>('GET', `/v1/orgs/${ORG}/projects/${project.id}/members`, undefined, officer.accessToken);
    expect(members.emails.sort()).to.deep.equal(['ann@example.org', 'bob@example.org']);
  });

  it("edits a project keeping its questions' keys, shows the API's refusals by their controls, archives and restores it", async function (this: Timed) {
    this.timeout(20_000);
    const officer = await personWithRole('officer');
    const project = await createProject(officer.accessToken, {
      title: 'Play areas', area: AREA,
      categories: [{ name: 'Playground', colour: '#1d70b8', symbol: 'play', fields: [{ key: 'ages', label: 'Ages', type: 'text', required: false, maxLength: 50 }] }],
    });
    signIn(officer);
    const el = await editor();
    await openProject(el, 'Play areas');
    expect($<HTMLInputElement>(el, '#area-mode-1')!.checked).to.equal(true); // drawn, not the whole area
    expect($(el, 'civic-map')).to.not.equal(null);
    await check(el, 'area'); // the whole organisation area instead
    await type(el, 'title', 'Play areas and parks');
    await type(el, 'cat-0-q-0-label', 'Age range');
    // The API is stricter about emails than the browser's first check.
    await check(el, 'contribute-1');
    await type(el, 'members', 'someone@example.c');
    const saved = oneEvent(el, 'civic-project-saved') as Promise<CivicProjectSavedEvent>;
    await click(el, 'Save changes');
    await saved; // the project itself was saved…
    await settled(el);
    expect(fieldError(el, 'members')).to.match(/^Error: /); // …the members were refused, next to their box
    expect($$<HTMLAnchorElement>(el, '.error-summary a').map((a) => a.getAttribute('href'))).to.deep.equal(['#members']);
    await expect(el).to.be.accessible();
    await type(el, 'members', 'someone@example.com');
    await click(el, 'Save changes');
    await settled(el);
    await until(() => $(el, '#notice'), 'the notice');
    expect(clean($(el, '#notice')!.textContent)).to.equal('“Play areas and parks” has been saved.');

    const stored = await getProject(project.id, officer.accessToken);
    expect(stored.title).to.equal('Play areas and parks');
    expect(stored.categories[0]!.id).to.equal(project.categories[0]!.id);
    expect(stored.categories[0]!.fields[0]).to.deep.include({ key: 'ages', label: 'Age range' }); // the answers stay under their key
    expect(stored.area.coordinates[0]).to.deep.equal([[-0.11, 51.42], [-0.03, 51.42], [-0.03, 51.51], [-0.11, 51.51], [-0.11, 51.42]]);

    await openProject(el, 'Play areas and parks');
    expect($<HTMLInputElement>(el, '#area')!.checked).to.equal(true);
    await click(el, 'Archive this project');
    await settled(el);
    await until(() => $(el, '#notice'), 'the notice');
    expect(clean($(el, '#notice')!.textContent)).to.equal('“Play areas and parks” has been archived. Residents no longer see it.');
    expect((await getProject(project.id, officer.accessToken)).status).to.equal('archived');
    const resident = await personWithRole('resident');
    let hidden = '';
    await getProject(project.id, resident.accessToken).catch((error: Error) => (hidden = error.message));
    expect(hidden).to.contain('404');

    await openProject(el, 'Play areas and parks');
    expect(text(el)).to.contain('This project is archived');
    await click(el, 'Open this project again');
    await settled(el);
    await until(() => (text(el).includes('is open again')), 'the notice');
    expect((await getProject(project.id, officer.accessToken)).status).to.equal('active');
  });

  it('moderates: approves and removes waiting contributions with a note, and restores a removed one', async function (this: Timed) {
    this.timeout(20_000);
    const fixtures = await executeServerCommand<{ projectId: string; contributionIds: string[] }, object>('civic:seed-map', {
      title: `Queue ${Date.now()}`, count: 2, status: 'pending', moderation: 'review', places: 0, events: 0,
    });
    const { el, officer } = await officerEditor();
    const project = await getProject(fixtures.projectId, officer.accessToken);
    await until(() => $$(el, '.project__title').some((h) => clean(h.textContent) === project.title), 'the project');
    await click(el, `Moderation queue of ${project.title}`);
    expect(heading(el)).to.equal(`Moderation queue: ${project.title}`);
    await until(() => $$(el, '.review-item').length === 2, 'the queue');
    expect(text(el)).to.contain('2 contributions to check');
    expect(clean($(el, '.review-item__meta')!.textContent)).to.contain('Waiting for approval');
    await expect(el).to.be.accessible();

    const [first, second] = fixtures.contributionIds as [string, string];
    const titleOf = async (id: string) => (await apiCall<ContributionFeature>('GET', `/v1/orgs/${ORG}/projects/${project.id}/contributions/${id}`, undefined, officer.accessToken)).properties.title;
    const firstTitle = await titleOf(first);
    await type(el, `note-${first}`, 'Checked on site');
    const approved = oneEvent(el, 'civic-contribution-moderated') as Promise<CivicContributionModeratedEvent>;
    await click(el, `Approve ${firstTitle}`);
    const approval = await approved;
    expect([approval.action, approval.feature.id, approval.feature.properties.status]).to.deep.equal(['approve', first, 'active']);
    await until(() => $(el, '#review-notice'), 'the notice');
    expect(clean($(el, '#review-notice')!.textContent)).to.equal(`“${firstTitle}” is approved and on the map.`);
    await until(() => $$(el, '.review-item').length === 1, 'the queue to shrink');
    expect(activeId(el)).to.equal('review-notice');

    const secondTitle = await titleOf(second);
    await click(el, `Remove ${secondTitle}`);
    await until(() => text(el).includes('1 removed contribution'), 'the removed list');
    expect(text(el)).to.contain('Nothing is waiting for a moderator.');
    await expect(el).to.be.accessible();
    await click(el, `Restore ${secondTitle}`);
    await until(() => text(el).includes(`“${secondTitle}” is back on the map.`), 'the restore');
    expect((await apiCall<ContributionFeature>('GET', `/v1/orgs/${ORG}/projects/${project.id}/contributions/${second}`, undefined, officer.accessToken)).properties.status).to.equal('active');

    await click(el, 'Back to map projects');
    expect(heading(el)).to.equal('Map projects');
  });

  it('draws the area on a real <civic-map> by keyboard and saves that polygon', async function (this: Timed) {
    this.timeout(20_000);
    const { el, officer } = await officerEditor();
    await click(el, 'Create a map project');
    await type(el, 'title', 'Drawn area');
    await type(el, 'cat-0-name', 'Spot');
    await type(el, 'cat-0-q-0-label', 'What is here');
    await check(el, 'area-mode-1');
    const map = $<HTMLElement & { map?: { loaded(): boolean; getCanvas(): HTMLCanvasElement } }>(el, 'civic-map')!;
    map.scrollIntoView(); // maplibre loads when the map comes into view
    await until(() => map.map?.loaded() && map.shadowRoot!.querySelector('.civic-draw__actions'), 'the area map and its drawing controls', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    map.map!.getCanvas().focus();
    // Three corners: Enter at the cross, move with the arrow keys, Enter, and so on.
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => (map as unknown as { value: unknown }).value, 'the drawn polygon');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const saved = oneEvent(el, 'civic-project-saved') as Promise<CivicProjectSavedEvent>;
    await click(el, 'Create project');
    const { project } = await saved;
    const area = (await getProject(project.id, officer.accessToken)).area as Polygon;
    const ring = area.coordinates[0]!;
    expect(ring).to.have.length(4);
    expect(ring[3]).to.deep.equal(ring[0]);
    expect(ring[1]![0]).to.be.greaterThan(ring[0]![0]); // the second corner is east of the first…
    expect(ring[2]![1]).to.be.lessThan(ring[1]![1]); // …and the third south of the second
  });

  it('can set up a project with the keyboard alone', async function (this: Timed) {
    this.timeout(20_000);
    const { el, officer } = await officerEditor();
    buttonNamed(el, 'Create a map project').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(activeId(el)).to.equal('view-heading');
    await sendKeys({ press: 'Tab' }); // the error summary is not there yet: the title
    expect(activeId(el)).to.equal('title');
    await sendKeys({ type: 'Keyboard benches' });
    await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('description');
    // Area, who, when: the defaults; Tab on through each radio group to the category's name.
    for (let i = 0; i < 10 && activeId(el) !== 'cat-0-name'; i++) await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('cat-0-name');
    await sendKeys({ type: 'Bench' });
    for (let i = 0; i < 5 && activeId(el) !== 'cat-0-q-0-label'; i++) await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('cat-0-q-0-label');
    await sendKeys({ type: 'Name' });
    const saved = oneEvent(el, 'civic-project-saved') as Promise<CivicProjectSavedEvent>;
    await sendKeys({ press: 'Enter' }); // submits the form from a text input
    const { project } = await saved;
    const stored: MapProject = await getProject(project.id, officer.accessToken);
    expect(stored.categories[0]!.fields[0]).to.deep.include({ key: 'name', label: 'Name', type: 'text' });
  });
});
