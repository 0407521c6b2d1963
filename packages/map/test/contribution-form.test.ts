import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@civic-elements/sign-in/define.js';
import type { ContributionFeature, FieldDefinition, MapProject, MapProjectCreate, Photo, SessionResponse } from '@civic-elements/protocol';
import '../src/define-forms.js';
import type { CivicContributionForm } from '../src/contribution-form.js';
import type { CivicBeforeContributionSubmitEvent, CivicContributionSubmittedEvent } from '../src/form-events.js';
import {
  $, $$, AREA, INSIDE, ORG, OUTSIDE_AREA, activeId, api, apiCall, buttonNamed, check, choose, clean, click, createProject, fieldError,
  personWithRole, requestsDuring, settled, signIn, signedOutEverywhere, summaryText, text, type, until,
} from './forms.helpers.js';

const TYPES = ['Allotment', 'Community garden', 'Orchard', 'Pocket park', 'Roof garden', 'School garden', 'Verge', 'Window box'];

const GARDEN: FieldDefinition[] = [
  { key: 'name', label: 'Name of the garden', type: 'text', required: true, maxLength: 40, multiline: false },
  { key: 'notes', label: 'Notes', help: 'Anything a visitor should know.', type: 'text', required: false, maxLength: 200, multiline: true },
  { key: 'beds', label: 'Raised beds', type: 'number', required: false, min: 0, max: 40, integer: true, unit: 'beds' },
  { key: 'opened', label: 'Opened on', type: 'date', required: false },
  { key: 'opens', label: 'Opens at', type: 'time', required: false },
  { key: 'last_visit', label: 'Last visit', type: 'datetime', required: false },
  { key: 'access', label: 'Who can visit', type: 'choice', required: true, options: [{ value: 'open', label: 'Anyone' }, { value: 'members', label: 'Members only' }] },
  { key: 'kind', label: 'Kind of garden', type: 'choice', required: false, options: TYPES.map((label, i) => ({ value: `k${i}`, label })) },
  { key: 'grows', label: 'What grows', type: 'multichoice', required: false, maxChoices: 2, options: [{ value: 'veg', label: 'Vegetables' }, { value: 'herbs', label: 'Herbs' }, { value: 'fruit', label: 'Fruit' }] },
  { key: 'wheelchair', label: 'Wheelchair accessible', type: 'boolean', required: false },
];

const body = (overrides: Partial<MapProjectCreate> = {}): MapProjectCreate => ({
  title: 'Community gardens',
  description: 'Gardens you can join.',
  area: AREA,
  contribute: 'residents',
  moderation: 'publish',
  categories: [
    { name: 'Garden', colour: '#2e7d32', symbol: 'flower', fields: GARDEN },
    { name: 'Bench', colour: '#6d4c41', symbol: 'bench', fields: [{ key: 'name', label: 'Name', type: 'text', required: true, maxLength: 60, multiline: false }] },
  ],
  ...overrides,
});

let officer: SessionResponse;
let project: MapProject;

const form = async (p: MapProject = project, geometry: unknown = INSIDE) => {
  const el = await fixture<CivicContributionForm>(html`<civic-contribution-form api=${api()} org=${ORG} .project=${p} .geometry=${geometry}></civic-contribution-form>`);
  await el.updateComplete;
  return el;
};

/** A resident, signed in on the page. */
async function resident(): Promise<SessionResponse> {
  const person = await personWithRole('resident');
  signIn(person);
  return person;
}

/** Fills the Garden answers that are required (and a few others) through the controls. */
async function fillGarden(el: CivicContributionForm, name = 'Bells Garden'): Promise<void> {
  await check(el, 'category'); // the first category: Garden
  await type(el, 'field-name', name);
  await check(el, 'field-access');
}

/** A large image drawn on a canvas, as a photo from a phone would be: `width` × `height` pixels. */
async function bigPhoto(width = 3000, height = 2000, name = 'garden.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#2e7d32');
  gradient.addColorStop(1, '#f9a825');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  for (let i = 0; i < 40; i++) {
    context.fillStyle = `hsl(${i * 9} 70% 50%)`;
    context.beginPath();
    context.arc((i * 577) % width, (i * 331) % height, 60 + (i % 5) * 20, 0, Math.PI * 2);
    context.fill();
  }
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

async function addFiles(el: CivicContributionForm, files: File[]): Promise<void> {
  const input = $<HTMLInputElement>(el, '#photos')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** What each XMLHttpRequest sent: its headers and body (the real request still goes out). */
function recordUploads() {
  const sent: { headers: Record<string, string>; body: unknown }[] = [];
  const { send, setRequestHeader } = XMLHttpRequest.prototype;
  const headers = new WeakMap<XMLHttpRequest, Record<string, string>>();
  XMLHttpRequest.prototype.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    headers.set(this, { ...headers.get(this), [name.toLowerCase()]: value });
    return setRequestHeader.call(this, name, value);
  };
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, data?: Document | XMLHttpRequestBodyInit | null) {
    sent.push({ headers: headers.get(this) ?? {}, body: data });
    return send.call(this, data);
  };
  return { sent, restore: () => Object.assign(XMLHttpRequest.prototype, { send, setRequestHeader }) };
}

/** Mocha's `this` in a test or hook. */
type Timed = { timeout(ms: number): void };

describe('<civic-contribution-form>', function () {
  before(async function (this: Timed) {
    this.timeout(20_000);
    await signedOutEverywhere();
    officer = await personWithRole('officer');
    project = await createProject(officer.accessToken, body());
  });
  beforeEach(signedOutEverywhere);

  it('asks a signed-out resident to sign in, with <civic-sign-in> for this API and organisation', async () => {
    const el = await form();
    expect(clean($(el, '#heading')!.textContent)).to.equal('Add to “Community gardens”');
    expect(text(el)).to.contain('Sign in to add to this map.');
    const signInEl = $(el, 'civic-sign-in')!;
    expect(signInEl.getAttribute('api')).to.equal(api());
    expect(signInEl.getAttribute('org')).to.equal(ORG);
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('renders each kind of question as its native control, with labels, hints, markers and counts', async () => {
    await resident();
    const el = await form();
    // Two categories: a radio group.
    expect(clean($(el, 'fieldset legend')!.textContent)).to.equal('What are you adding?');
    expect($$(el, 'input[name="category"]').length).to.equal(2);
    await check(el, 'category');
    await expect(el).to.be.accessible();

    const name = $<HTMLInputElement>(el, '#field-name')!;
    expect(clean($(el, 'label[for="field-name"]')!.textContent)).to.equal('Name of the garden (required)');
    expect(name.maxLength).to.equal(40);
    expect(name.required).to.equal(true);
    expect(clean($(el, '#field-name-count')!.textContent)).to.equal('You have 40 characters left');
    await type(el, 'field-name', 'Bells');
    expect(clean($(el, '#field-name-count')!.textContent)).to.equal('You have 35 characters left');
    expect(name.getAttribute('aria-describedby')).to.equal('field-name-count');

    const notes = $<HTMLTextAreaElement>(el, 'textarea#field-notes')!;
    expect(clean($(el, 'label[for="field-notes"]')!.textContent)).to.equal('Notes (optional)');
    expect(notes.getAttribute('aria-describedby')).to.equal('field-notes-hint field-notes-count');
    expect(clean($(el, '#field-notes-hint')!.textContent)).to.equal('Anything a visitor should know.');

    const beds = $<HTMLInputElement>(el, '#field-beds')!;
    expect([beds.type, beds.min, beds.max, beds.step]).to.deep.equal(['number', '0', '40', '1']);
    expect(clean($(el, '#field-beds-hint')!.textContent)).to.equal('Enter a number from 0 to 40 beds. A whole number, without decimals.');
    expect($<HTMLInputElement>(el, '#field-opened')!.type).to.equal('date');
    expect($<HTMLInputElement>(el, '#field-opens')!.type).to.equal('time');
    expect($<HTMLInputElement>(el, '#field-last_visit')!.type).to.equal('datetime-local');

    // Up to 6 options: radios in a fieldset; more: a select.
    const access = $<HTMLInputElement>(el, '#field-access')!;
    expect(access.type).to.equal('radio');
    expect(clean(access.closest('fieldset')!.querySelector('legend')!.textContent)).to.equal('Who can visit (required)');
    const kind = $<HTMLSelectElement>(el, 'select#field-kind')!;
    expect([...kind.options].map((o) => o.text)).to.deep.equal(['Choose an option', ...TYPES]);
    const grows = $$<HTMLInputElement>(el, 'input[name="field-grows"]');
    expect(grows.map((g) => g.type)).to.deep.equal(['checkbox', 'checkbox', 'checkbox']);
    expect(clean($(el, '#field-grows-hint')!.textContent)).to.equal('Choose at most 2 options.');
    const wheelchair = $$<HTMLInputElement>(el, 'input[name="field-wheelchair"]');
    expect(wheelchair.map((r) => `${r.type}:${r.value}`)).to.deep.equal(['radio:yes', 'radio:no']);
    expect($<HTMLInputElement>(el, '#photos')!.type).to.equal('file');
    await expect(el).to.be.accessible();
  });

  it('checks answers before sending: error summary, the same words by each question, focus on the summary, nothing sent', async () => {
    await resident();
    const el = await form(project, null);
    const requests = await requestsDuring(async () => {
      await click(el, 'Add to the map');
      expect(summaryText(el)).to.equal('There is a problem Mark the place on the map Choose what you are adding');
      expect(activeId(el)).to.equal('error-summary');
      await expect(el).to.be.accessible();

      await check(el, 'category');
      const number = $<HTMLInputElement>(el, '#field-beds')!;
      number.value = '2.5';
      number.dispatchEvent(new InputEvent('input'));
      // A value set past maxlength (a paste in some browsers, a script) is still caught.
      await type(el, 'field-name', 'x'.repeat(45));
      expect(clean($(el, '#field-name-count')!.textContent)).to.equal('You have 5 characters too many');
      await check(el, 'field-grows');
      await check(el, 'field-grows-1');
      await check(el, 'field-grows-2');
      await click(el, 'Add to the map');
    });
    expect(requests.filter((r) => r.startsWith('POST'))).to.deep.equal([]);
    expect(fieldError(el, 'location')).to.equal('Error: Mark the place on the map');
    expect(fieldError(el, 'field-name')).to.equal('Error: Keep this to 40 characters or fewer (it has 45)');
    expect(fieldError(el, 'field-beds')).to.equal('Error: Enter a whole number, like 12');
    expect(fieldError(el, 'field-access')).to.equal('Error: Choose an answer for “Who can visit”');
    expect(fieldError(el, 'field-grows')).to.equal('Error: Choose at most 2 options');
    expect($(el, '#field-name')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#field-name')!.getAttribute('aria-describedby')).to.equal('field-name-count field-name-error');
    expect(summaryText(el)).to.equal(
      'There is a problem Mark the place on the map Keep this to 40 characters or fewer (it has 45) Enter a whole number, like 12 Choose an answer for “Who can visit” Choose at most 2 options',
    );
    await expect(el).to.be.accessible();

    // A summary link moves focus to its question.
    $$<HTMLAnchorElement>(el, '.error-summary a')[2]!.click();
    expect(activeId(el)).to.equal('field-beds');

    // Out of range, and a number the browser cannot read.
    await type(el, 'field-beds', '41');
    el.geometry = INSIDE;
    await click(el, 'Add to the map');
    expect(fieldError(el, 'field-beds')).to.equal('Error: Enter 40 beds or less');
    const beds = $<HTMLInputElement>(el, '#field-beds')!;
    beds.focus();
    beds.value = '';
    await sendKeys({ type: '4e' });
    await el.updateComplete;
    await click(el, 'Add to the map');
    expect(fieldError(el, 'field-beds')).to.equal('Error: Enter a number, like 12 or 3.5');
  });

  it('sends a GeoJSON Feature with typed answers (date-times in UTC), announces success and clears the draft', async () => {
    await resident();
    const el = await form();
    await fillGarden(el);
    await type(el, 'field-notes', '  Key from the café.  ');
    await type(el, 'field-beds', '12');
    await type(el, 'field-opened', '2024-04-20');
    await type(el, 'field-opens', '09:30');
    await type(el, 'field-last_visit', '2026-05-31T18:45');
    await choose(el, 'field-kind', 'k1');
    await check(el, 'field-grows');
    await check(el, 'field-grows-2');
    await check(el, 'field-wheelchair');
    expect(sessionStorage.length).to.equal(1); // the draft

    const before = oneEvent(el, 'civic-before-contribution-submit') as Promise<CivicBeforeContributionSubmitEvent>;
    const submitted = oneEvent(el, 'civic-contribution-submitted') as Promise<CivicContributionSubmittedEvent>;
    buttonNamed(el, 'Add to the map').click();
    const sending = await before;
    expect(sending.cancelable).to.equal(true);
    expect(sending.feature).to.deep.equal({
      type: 'Feature',
      geometry: INSIDE,
      properties: {
        category: project.categories[0]!.id,
        fields: {
          name: 'Bells Garden', notes: 'Key from the café.', beds: 12, opened: '2024-04-20', opens: '09:30',
          last_visit: new Date('2026-05-31T18:45').toISOString().replace('.000Z', 'Z'), access: 'open', kind: 'k1', grows: ['veg', 'fruit'], wheelchair: true,
        },
        photos: [],
      },
    });
    const { feature } = await submitted;
    expect(feature.properties.status).to.equal('active');
    expect(feature.properties.title).to.equal('Bells Garden');
    await settled(el);
    expect(clean($(el, '#sent')!.textContent)).to.contain('“Bells Garden” is now on the map.');
    expect(activeId(el)).to.equal('sent');
    expect(sessionStorage.length).to.equal(0);
    await expect(el).to.be.accessible();

    // It is in the API, as sent.
    const stored = await apiCall<ContributionFeature>('GET', `/v1/orgs/${ORG}/projects/${project.id}/contributions/${feature.id}`);
    expect(stored.properties.fields['last_visit']).to.equal(sending.feature.properties.fields!['last_visit']);

    // "Add something else" starts again with empty answers.
    await click(el, 'Add something else');
    await check(el, 'category');
    expect($<HTMLInputElement>(el, '#field-name')!.value).to.equal('');
  });

  it('lets the page cancel a submission with civic-before-contribution-submit; nothing is sent and the answers stay', async () => {
    await resident();
    const el = await form();
    await fillGarden(el, 'Cancelled garden');
    el.addEventListener('civic-before-contribution-submit', (event) => event.preventDefault(), { once: true });
    const requests = await requestsDuring(async () => {
      await click(el, 'Add to the map');
      await settled(el);
    });
    expect(requests.filter((r) => r.startsWith('POST'))).to.deep.equal([]);
    expect($<HTMLInputElement>(el, '#field-name')!.value).to.equal('Cancelled garden');
  });

  it("shows the API's refusals next to the right controls, and keeps the draft through a reload", async () => {
    await resident();
    // Outside the project's area: the API refuses the geometry.
    const el = await form(project, OUTSIDE_AREA);
    await fillGarden(el, 'Far away garden');
    await type(el, 'field-notes', 'Behind the gate');
    await click(el, 'Add to the map');
    await settled(el);
    expect(fieldError(el, 'location')).to.match(/^Error: .*outside/i);
    expect(summaryText(el)).to.match(/^There is a problem .*outside/i);
    expect(activeId(el)).to.equal('error-summary');
    await expect(el).to.be.accessible();

    // An officer has since tightened a question: this page's copy of the project is out of date,
    // so the API's message for that question shows beside it.
    const stale = structuredClone(project);
    const name = stale.categories[0]!.fields[0]!;
    if (name.type === 'text') name.maxLength = 100;
    el.project = stale;
    el.geometry = INSIDE;
    await type(el, 'field-name', 'A garden whose name is far too long for the API');
    await click(el, 'Add to the map');
    await settled(el);
    expect(fieldError(el, 'field-name')).to.match(/^Error: Keep this to 40 characters/);
    expect($$<HTMLAnchorElement>(el, '.error-summary a').map((a) => a.getAttribute('href'))).to.deep.equal(['#field-name']);

    // A reload: a new element for the same project finds the answers where they were.
    el.remove();
    const again = await form();
    expect($<HTMLInputElement>(again, '#category')!.checked).to.equal(true);
    expect($<HTMLInputElement>(again, '#field-name')!.value).to.equal('A garden whose name is far too long for the API');
    expect($<HTMLTextAreaElement>(again, '#field-notes')!.value).to.equal('Behind the gate');
    expect($<HTMLInputElement>(again, '#field-access')!.checked).to.equal(true);
  });

  it('says when a contribution waits for a moderator', async () => {
    const reviewed = await createProject(officer.accessToken, body({ title: 'Reviewed gardens', moderation: 'review' }));
    await resident();
    const el = await form(reviewed);
    await fillGarden(el, 'Quiet garden');
    const submitted = oneEvent(el, 'civic-contribution-submitted') as Promise<CivicContributionSubmittedEvent>;
    await click(el, 'Add to the map');
    expect((await submitted).feature.properties.status).to.equal('pending');
    await settled(el);
    expect(clean($(el, '#sent')!.textContent)).to.contain('It will appear on the map once a moderator has checked it.');
  });

  it('tells residents who may not add why: members only, closed, archived', async () => {
    const membersOnly = await createProject(officer.accessToken, body({ title: 'Members gardens', contribute: 'members' }));
    const closed = await createProject(officer.accessToken, body({ title: 'Closed gardens', contribute: 'nobody' }));
    await resident();
    const el = await form(membersOnly);
    await until(() => text(el).includes('Only the members'), 'the members-only message');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    el.project = closed;
    await el.updateComplete;
    expect(text(el)).to.contain('This map is not taking contributions.');
    el.project = { ...project, status: 'archived' };
    await el.updateComplete;
    expect(text(el)).to.contain('This map is closed');
  });

  it('makes a large photo at most 1600 px, uploads it as JPEG with a progress bar, and sends its id', async function (this: Timed) {
    this.timeout(20_000);
    await resident();
    const el = await form();
    await fillGarden(el, 'Photo garden');
    const uploads = recordUploads();
    const states = new Set<string>();
    const observer = new MutationObserver(() => {
      for (const item of $$(el, '.photo')) states.add(item.dataset['state']!);
      if ($(el, 'progress[aria-labelledby]')) states.add('progress');
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true });
    try {
      await addFiles(el, [await bigPhoto(3000, 2000), await bigPhoto(800, 600, 'small.png')]);
      await until(() => $$(el, '.photo').every((p) => p.dataset['state'] === 'done'), 'the uploads', 15_000);
    } finally {
      observer.disconnect();
      uploads.restore();
    }
    expect([...states]).to.include.members(['resizing', 'uploading', 'progress', 'done']);
    expect(uploads.sent).to.have.length(2);
    for (const upload of uploads.sent) {
      expect(upload.headers['content-type']).to.equal('image/jpeg');
      expect(upload.headers['authorization']).to.match(/^Bearer /);
    }
    // Each upload is the resized JPEG (the smaller photo, resized faster, may go first).
    const sizes = (await Promise.all(uploads.sent.map((u) => createImageBitmap(u.body as Blob)))).map((b) => `${b.width}×${b.height}`);
    expect(sizes.sort()).to.deep.equal(['1600×1067', '800×600']); // the small one is never made larger
    expect(uploads.sent.map((u) => (u.body as Blob).type)).to.deep.equal(['image/jpeg', 'image/jpeg']);
    expect(clean($$(el, '.photo')[0]!.textContent)).to.contain('Photo 1: garden.png Uploaded');
    const thumb = $<HTMLImageElement>(el, '.photo img')!;
    await until(() => thumb.complete && thumb.naturalWidth > 0, 'the thumbnail from the API');
    await expect(el).to.be.accessible();

    // Remove the second one; only the first is sent.
    buttonNamed(el, 'Remove photo 2').click();
    await el.updateComplete;
    expect($$(el, '.photo')).to.have.length(1);
    expect(activeId(el)).to.equal('photos');
    const submitted = oneEvent(el, 'civic-contribution-submitted') as Promise<CivicContributionSubmittedEvent>;
    await click(el, 'Add to the map');
    const { feature } = await submitted;
    expect(feature.properties.photos).to.have.length(1);
    const photo: Photo = feature.properties.photos[0]!;
    expect(Math.max(photo.width, photo.height)).to.be.at.most(1600);
    const served = await fetch(photo.large);
    expect(served.headers.get('content-type')).to.equal('image/jpeg');
  });

  it('refuses a file that is not an image, and will not send until it is removed', async () => {
    await resident();
    const el = await form();
    await fillGarden(el);
    await addFiles(el, [new File(['not a photo at all'], 'notes.txt', { type: 'text/plain' })]);
    await until(() => $(el, '.photo')?.dataset['state'] === 'failed', 'the refusal');
    expect(clean($(el, '.photo')!.textContent)).to.contain('This file is not a photo we can use.');
    await click(el, 'Add to the map');
    expect(fieldError(el, 'photos')).to.equal('Error: Remove the photos that could not be uploaded, or add them again');
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Remove photo 1').click();
    await el.updateComplete;
    expect($(el, '.photo')).to.equal(null);
  });

  it('speaks Arabic (right to left) and Italian, questions in the words the officer wrote', async () => {
    await resident();
    const el = await fixture<CivicContributionForm>(html`<civic-contribution-form lang="ar" api=${api()} org=${ORG} .project=${project} .geometry=${INSIDE}></civic-contribution-form>`);
    await el.updateComplete;
    expect($(el, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(clean($(el, '#heading')!.textContent)).to.equal('أضف إلى «Community gardens»');
    await check(el, 'category');
    expect(clean($(el, 'label[for="field-name"]')!.textContent)).to.equal('Name of the garden (مطلوب)');
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'it');
    await until(() => clean($(el, '#field-name-count')!.textContent) === 'Ti restano 40 caratteri', 'the Italian words');
    expect($(el, '.root')!.getAttribute('dir')).to.equal('ltr');
    expect(clean($(el, 'legend')!.textContent)).to.equal('Che cosa stai aggiungendo?');
  });

  it('can be filled in and sent with the keyboard alone', async () => {
    await resident();
    const el = await form();
    $<HTMLInputElement>(el, '#category')!.focus();
    await sendKeys({ press: 'Space' }); // Garden
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('field-name');
    await sendKeys({ type: 'Keyboard garden' });
    await sendKeys({ press: 'Tab' }); // notes
    await sendKeys({ type: 'Reached by Tab' });
    // Beds, then the date, time and date-time inputs, whose parts (day, month, year…) each take a Tab.
    for (let i = 0; i < 30 && activeId(el) !== 'field-access'; i++) await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('field-access');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    const submitted = oneEvent(el, 'civic-contribution-submitted') as Promise<CivicContributionSubmittedEvent>;
    $<HTMLTextAreaElement>(el, '#field-notes')!.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(activeId(el)).to.equal('field-name');
    await sendKeys({ press: 'Enter' }); // Enter in a text input submits the form
    const { feature } = await submitted;
    expect(feature.properties.fields).to.include({ name: 'Keyboard garden', notes: 'Reached by Tab', access: 'open' });
  });
});
