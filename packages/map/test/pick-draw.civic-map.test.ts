// <civic-map mode="pick"> and <civic-map mode="draw">: the controllers as the element integrates them, with its events and form value.
import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Point, Polygon } from '@civic-elements/protocol';
import '../src/define.js';
import type { CivicMap } from '../src/index.js';
import { LARGE_STEP, STEP } from '../src/keyboard-crosshair.js';
import { api, ORG, until } from '../../core/test/support.js';
import { $, $$, accessible, announced, buttonNamed, CENTRE, click, clickMap, lngLatAt, near, sourceData, squareArea, tabToMap, words } from './pick-draw.helpers.js';

type Events = GlobalEventHandlersEventMap;

/** Every `type` event the element dispatches from now on. */
function record<K extends 'civic-location-picked' | 'civic-geometry-change'>(el: CivicMap, type: K): Events[K][] {
  const seen: Events[K][] = [];
  el.addEventListener(type, (event) => seen.push(event as Events[K]));
  return seen;
}

/** A <civic-map> field on a plain background, 400 × 300, waited for until its map and controls are in. */
async function mapField(mode: 'pick' | 'draw', extra: { required?: boolean; name?: string; inForm?: boolean; center?: string } = {}): Promise<CivicMap> {
  const field = html`<civic-map api=${api()} org=${ORG} basemap="none" mode=${mode} geometry-type="polygon" name=${extra.name ?? 'where'} ?required=${extra.required ?? false} center=${extra.center ?? nothing}
    style="--civic-map-height: 300px; width: 400px; display: block"></civic-map>`;
  const el = extra.inForm ? (await fixture<HTMLFormElement>(html`<form>${field}</form>`)).querySelector('civic-map')! : await fixture<CivicMap>(field);
  await until(() => el.map?.loaded() && $(el, mode === 'pick' ? '.civic-pick' : '.civic-draw'), `the map and the ${mode} controls`, 10000);
  await el.updateComplete;
  return el;
}

describe('<civic-map mode="pick">', () => {
  afterEach(() => executeServerCommand('civic:geolocation', { reset: true }));

  it('picks by keyboard: arrows move the cross, Enter sets the place, civic-location-picked tells the page', async () => {
    const el = await mapField('pick');
    const map = el.map!;
    const picked = record(el, 'civic-location-picked');
    const canvas = await tabToMap(el, map);
    expect($(el, '.civic-crosshair')!.classList.contains('civic-crosshair--visible')).to.equal(true);
    const { width, height } = canvas.getBoundingClientRect();
    const expected = lngLatAt(map, width / 2 - STEP, height / 2 + LARGE_STEP);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await until(() => picked.length === 1, 'civic-location-picked');
    near(picked[0]!.point.coordinates, expected, 1e-5);
    expect(el.value).to.deep.equal(picked[0]!.point);
    expect(map.getBearing()).to.equal(0);
    await announced(el, /^Place chosen: latitude/);
    await accessible(el, 'civic-map pick: chosen');
  });

  it('picks by a click; a click outside the organisation\'s area is refused with a message and no event', async () => {
    // Centred just inside the west edge of the test organisation's extent (longitude -0.11).
    const el = await mapField('pick', { center: '-0.105,51.47' });
    const map = el.map!;
    const picked = record(el, 'civic-location-picked');
    const outside = lngLatAt(map, 5, 150);
    expect(outside[0]).to.be.below(-0.11);
    await clickMap(map, 5, 150);
    await until(() => $(el, '#civic-pick-error') !== null, 'the refusal');
    expect(words($(el, '#civic-pick-error'))).to.equal('Error: This place is outside the area this map covers. Choose a place inside the area.');
    expect(picked).to.have.length(0);
    expect(el.value).to.equal(null);
    await accessible(el, 'civic-map pick: refused');
    const expected = lngLatAt(map, 300, 120);
    await clickMap(map, 300, 120);
    await until(() => picked.length === 1, 'civic-location-picked');
    near(picked[0]!.point.coordinates, expected, 1e-5);
    await el.updateComplete;
    expect($(el, '#civic-pick-error')).to.equal(null);
    expect((await sourceData(map, 'civic-pick')).features).to.have.length(1);
  });

  it('the `area` property narrows where places are accepted', async () => {
    const el = await mapField('pick');
    el.area = squareArea(0.002);
    await el.updateComplete;
    await clickMap(el.map!, 390, 290);
    await until(() => $(el, '#civic-pick-error') !== null, 'the refusal');
    expect(el.value).to.equal(null);
  });

  it('finds an address and sets the place from the result', async () => {
    const el = await mapField('pick');
    const picked = record(el, 'civic-location-picked');
    $<HTMLInputElement>(el, '#civic-pick-search')!.focus();
    await sendKeys({ type: 'Camberwell Grove' });
    await until(() => $$(el, '.civic-search__result').length > 0, 'the results', 5000);
    expect(words($$(el, '.civic-search__result')[0])).to.equal('Camberwell Grove, Camberwell');
    await accessible(el, 'civic-map pick: search results');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => picked.length === 1, 'civic-location-picked');
    expect(picked[0]!.point.coordinates).to.deep.equal([-0.085, 51.47]);
    near(el.map!.getCenter().toArray(), [-0.085, 51.47]);
  });

  it('"Use my location" sets the place where the browser says the person is', async () => {
    const el = await mapField('pick');
    const picked = record(el, 'civic-location-picked');
    await executeServerCommand('civic:geolocation', { latitude: 51.47, longitude: -0.09 });
    await click(el, 'Use my location');
    await until(() => picked.length === 1, 'civic-location-picked');
    expect(picked[0]!.point.coordinates).to.deep.equal([-0.09, 51.47]);
    // Somewhere outside the organisation's area is refused.
    await executeServerCommand('civic:geolocation', { latitude: 48.8566, longitude: 2.3522 });
    await click(el, 'Use my location');
    await until(() => $(el, '#civic-pick-error') !== null, 'the refusal');
    expect(words($(el, '#civic-pick-error'))).to.contain('You seem to be outside the area this map covers.');
    expect(picked).to.have.length(1);
    expect((el.value as Point).coordinates).to.deep.equal([-0.09, 51.47]);
  });

  it('is a form field: required, the GeoJSON Point in FormData under its name, reset', async () => {
    const el = await mapField('pick', { required: true, name: 'location', inForm: true });
    const form = el.closest('form')!;
    expect(form.checkValidity()).to.equal(false);
    expect(el.matches(':invalid')).to.equal(true);
    await clickMap(el.map!, 200, 150);
    await until(() => el.value !== null, 'the place');
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(JSON.parse(String(new FormData(form).get('location')))).to.deep.equal(el.value);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(new FormData(form).has('location')).to.equal(false);
    expect(form.checkValidity()).to.equal(false);
  });
});

describe('<civic-map mode="draw" geometry-type="polygon">', () => {
  it('draws an area by clicks, each change reported with civic-geometry-change; a click on the first corner finishes', async () => {
    const el = await mapField('draw');
    const map = el.map!;
    const changes = record(el, 'civic-geometry-change');
    const corners: [number, number][] = [[120, 90], [280, 90], [280, 210]];
    for (const [x, y] of corners) await clickMap(map, x, y);
    await until(() => changes.length === 3, 'three changes');
    expect(changes[0]!.geometry, 'one corner is not an area yet').to.equal(null);
    expect(changes[0]!.problems.map((p) => p.code)).to.deep.equal(['too_few_positions']);
    const polygon = changes[2]!.geometry as Polygon;
    expect(polygon.coordinates[0]).to.have.length(4);
    corners.forEach(([x, y], i) => near(polygon.coordinates[0]![i], lngLatAt(map, x, y), 1e-5));
    expect(changes[2]!.problems).to.deep.equal([]);
    expect(el.value).to.deep.equal(polygon);
    await accessible(el, 'civic-map draw: three corners');
    await clickMap(map, 122, 92);
    await until(() => $$(el, '.civic-draw__actions button').some((b) => words(b) === 'Add more points'), 'the shape to finish');
    await announced(el, 'Shape finished with 3 points.');
    expect((el.value as Polygon).coordinates[0]).to.have.length(4);
  });

  it('draws an area by keyboard and removes a corner with Backspace', async () => {
    const el = await mapField('draw');
    const map = el.map!;
    const changes = record(el, 'civic-geometry-change');
    await tabToMap(el, map);
    for (const key of ['Enter', 'ArrowRight', 'ArrowRight', 'Enter', 'ArrowDown', 'ArrowDown', 'Enter', 'ArrowLeft', 'Enter']) await sendKeys({ press: key });
    await until(() => changes.length === 4, 'four changes');
    expect((el.value as Polygon).coordinates[0]).to.have.length(5);
    await sendKeys({ press: 'Backspace' });
    await until(() => changes.length === 5, 'the removal');
    expect((el.value as Polygon).coordinates[0]).to.have.length(4);
    await announced(el, 'Point 4 removed.');
  });

  it('refuses a self-crossing outline: the problem in the event, next to the controls, and in the form validity; Undo and Remove mend it', async () => {
    const el = await mapField('draw', { inForm: true, name: 'shape' });
    const form = el.closest('form')!;
    const map = el.map!;
    const changes = record(el, 'civic-geometry-change');
    for (const [x, y] of [[120, 90], [280, 210], [280, 90], [120, 210]] as [number, number][]) await clickMap(map, x, y);
    await until(() => changes.length === 4, 'four changes');
    expect(changes[3]!.problems.map((p) => p.code)).to.deep.equal(['self_intersection']);
    expect(changes[3]!.problems[0]!.refs).to.deep.equal([0, 1, 2, 3]);
    await el.updateComplete;
    expect(words($(el, '#civic-draw-problems'))).to.contain('The outline must not cross or touch itself: the edge from point 1 to point 2 meets the edge from point 3 to point 4.');
    expect(form.checkValidity()).to.equal(false);
    await accessible(el, 'civic-map draw: crossing');
    // Undo takes the last corner away again; the three left make a sound area.
    await click(el, 'Undo');
    await until(() => changes.length === 5, 'the undo');
    expect(changes[4]!.problems).to.deep.equal([]);
    expect(form.checkValidity()).to.equal(true);
    expect(JSON.parse(String(new FormData(form).get('shape')))).to.deep.equal(changes[4]!.geometry);
    // Remove point 1 by its button: two corners are not an area.
    const remove = $$<HTMLButtonElement>(el, '.civic-draw__remove')[0]!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove point 1');
    remove.click();
    await until(() => changes.length === 6, 'the removal');
    expect(changes[5]!.geometry).to.equal(null);
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    await click(el, 'Clear');
    await el.updateComplete;
    expect(buttonNamed(el, 'Clear').disabled).to.equal(true);
    expect(el.value).to.equal(null);
    expect(form.checkValidity(), 'empty and not required is fine').to.equal(true);
  });

  it('refuses corners outside the area given in `area`', async () => {
    const el = await mapField('draw');
    el.area = squareArea(0.001, CENTRE);
    await el.updateComplete;
    const changes = record(el, 'civic-geometry-change');
    for (const [x, y] of [[190, 140], [210, 140], [390, 290]] as [number, number][]) await clickMap(el.map!, x, y);
    await until(() => changes.length === 3, 'three changes');
    expect(changes[2]!.problems.map((p) => [p.code, p.path])).to.deep.include(['outside_area', 'coordinates.0.2']);
    await el.updateComplete;
    expect(words($(el, '#civic-draw-problems'))).to.contain('Point 3 is outside the area this map covers.');
  });
});
