// <civic-map> in its other modes: a location field (pick), drawing (draw), and "Add to this map",
// where a resident draws a contribution and sends it with <civic-contribution-form>.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { getSession } from '@civic-elements/core';
import type { Polygon } from '@civic-elements/protocol';
import type { CivicMap } from '../src/index.js';
import { registeredSession } from '../../core/test/support.js';
import { $, $$, accessible, api, fetched, listItems, loaded, once, ORG, projectMap, seedMap, sleep, text, until } from './civic-map.helpers.js';

const CENTRE: [number, number] = [-0.0877, 51.4741];
const active = (el: CivicMap) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Presses a key on the focused map and waits for the map to stop moving. */
async function press(el: CivicMap, key: string): Promise<void> {
  await sendKeys({ press: key });
  await sleep(50);
  await until(() => !el.map!.isMoving(), 'the map to settle');
}

const signedOut = async () => {
  await getSession(api()).signOut();
  localStorage.clear();
};

describe('<civic-map> modes', () => {
  afterEach(signedOut);

  it('mode="pick" is a form field: required until a place is chosen with the keyboard', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <civic-map api=${api()} org=${ORG} basemap="none" mode="pick" name="location" required style="--civic-map-height: 300px"></civic-map>
    </form>`);
    const el = form.querySelector('civic-map')!;
    await until(() => el.map?.isStyleLoaded() && $(el, '.civic-pick'), 'the map and the field', 8000);
    expect(form.checkValidity(), 'nothing chosen yet').to.equal(false);
    expect($(el, '#list-heading'), 'a field has no list').to.equal(null);
    expect(fetched(/\/(places|events|contributions)\?/), 'and asks for no layer').to.deep.equal([]);

    el.map!.getCanvas().focus();
    const picked = once(el, 'civic-location-picked');
    await sendKeys({ press: 'Enter' });
    const { point } = await picked;
    expect(point.coordinates[0]).to.be.closeTo(CENTRE[0], 1e-4);
    expect(point.coordinates[1]).to.be.closeTo(CENTRE[1], 1e-4);
    await el.updateComplete;
    expect(el.value).to.deep.equal(point);
    expect(JSON.parse(new FormData(form).get('location') as string)).to.deep.equal(point);
    expect(form.checkValidity()).to.equal(true);
    await accessible(el, 'pick');

    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(form.checkValidity()).to.equal(false);
  });

  it('mode="draw" draws an area with the keyboard and reports each change', async () => {
    const el = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} basemap="none" mode="draw" geometry-type="polygon" style="--civic-map-height: 300px"></civic-map>`);
    await until(() => el.map?.isStyleLoaded() && $(el, '.civic-draw'), 'the map and the drawing controls', 8000);
    const changes: { geometry: unknown; problems: unknown[] }[] = [];
    el.addEventListener('civic-geometry-change', (event) => changes.push({ geometry: event.geometry, problems: event.problems }));
    el.map!.getCanvas().focus();
    await press(el, 'Enter');
    await press(el, 'ArrowRight');
    await press(el, 'Enter');
    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    await until(() => changes.length === 3, 'three changes');
    const polygon = el.value as Polygon;
    expect(polygon.type).to.equal('Polygon');
    expect(polygon.coordinates[0]).to.have.length(4); // three corners and the first again
    expect(changes.at(-1)!.geometry).to.deep.equal(polygon);
    expect(changes.at(-1)!.problems).to.deep.equal([]);
    await accessible(el, 'draw');
  });

  it('offers "Add to this map" to a resident, who draws a point and sends the form; the map shows it', async function (this: { timeout(ms: number): void }) {
    this.timeout(20000);
    const seeded = await seedMap({ points: [[-0.09, 51.475]], title: 'Community gardens' });
    getSession(api()).signIn(await registeredSession('Rosa Parks'));
    const el = await projectMap(seeded.projectId);
    await until(() => $(el, '#add'), 'the Add button for a resident who may add');
    expect(text($(el, '#add'))).to.equal('Add to this map');
    $<HTMLButtonElement>(el, '#add')!.click();
    await until(() => active(el)?.id === 'add-heading', 'focus on "Where is it?"');
    expect(text($(el, '#add-heading'))).to.equal('Where is it?');
    const form = $<HTMLElement & { geometry: unknown; updateComplete: Promise<boolean> }>(el, 'civic-contribution-form')!;
    await until(() => customElements.get('civic-contribution-form') && form.shadowRoot?.querySelector('form'), 'the contribution form');

    el.map!.getCanvas().focus();
    await press(el, 'Enter');
    await until(() => (form.geometry as { type?: string } | null)?.type === 'Point', 'the point handed to the form');
    await accessible(el, 'adding');

    const inForm = <T extends Element>(selector: string) => form.shadowRoot!.querySelector<T>(selector);
    const garden = seeded.categories.find((c) => c.name === 'Garden')!;
    const radio = [...form.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="category"]')].find((input) => input.value === garden.id)!;
    radio.click();
    await form.updateComplete;
    const name = inForm<HTMLInputElement>('#field-name')!;
    name.value = 'Rosa’s garden';
    name.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await form.updateComplete;
    const added = once(el, 'civic-contribution-added');
    inForm<HTMLButtonElement>('button[type="submit"]')!.click();
    const { feature } = await added;
    expect(feature.properties.title).to.equal('Rosa’s garden');
    expect(el.map!.getCanvas().getAttribute('aria-describedby') ?? '', 'no longer drawing').to.not.contain('civic-draw-hint');
    await until(() => form.shadowRoot!.querySelector('#sent'), 'the form’s thank you');
    await accessible(el, 'sent');

    const back = $$<HTMLButtonElement>(el, '.add button').find((button) => text(button) === 'Back to the list')!;
    back.click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('add');
    await until(() => listItems(el).some((item) => item.startsWith('Rosa’s garden')), 'the new contribution in the list', 6000);
  });

  it('offers nothing to add where nobody may contribute', async () => {
    const seeded = await seedMap({ points: [[-0.09, 51.475]], contribute: 'nobody' });
    getSession(api()).signIn(await registeredSession('Ada Resident'));
    const el = await projectMap(seeded.projectId);
    await sleep(200);
    expect($(el, '#add')).to.equal(null);
    expect(listItems(el)).to.have.length(1);
  });

  it('cancelling "Add to this map" goes back to the list, focus on the Add button', async () => {
    const seeded = await seedMap({ points: [[-0.09, 51.475]] });
    const el = await projectMap(seeded.projectId);
    await until(() => $(el, '#add'), 'the Add button (signed out: the form asks to sign in)');
    $<HTMLButtonElement>(el, '#add')!.click();
    await until(() => $(el, '#add-heading'), 'the add panel');
    $$<HTMLButtonElement>(el, '.add button').find((button) => text(button) === 'Cancel')!.click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('add');
    await loaded(el);
  });
});
