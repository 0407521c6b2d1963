// The map's location field (pick) and drawing (draw): real maplibre in Chromium, real keys and clicks, the real test API.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Geometry, Point, Polygon, Position } from '@civic-elements/protocol';
import { isGeometry, restoredGeometry, restoredPoint } from '../src/form-field.js';
import { LARGE_STEP, STEP } from '../src/keyboard-crosshair.js';
import { api, closedPort, ORG, until } from '../../core/test/support.js';
import {
  $, $$, accessible, announced, buttonNamed, CENTRE, click, clickMap, lngLatAt, near, sourceData, squareArea, tabToMap as tabTo, words, type TestMapField,
} from './pick-draw.helpers.js';

const tabToMap = (el: TestMapField) => tabTo(el, el.map!);

// ── helpers ─────────────────────────────────────────────────────────────────────────────────

async function field(attributes: { mode?: 'pick' | 'draw'; type?: 'point' | 'line' | 'polygon'; area?: Polygon; required?: boolean } = {}): Promise<TestMapField> {
  const el = await fixture<TestMapField>(html`<test-map-field api=${api()} org=${ORG} mode=${attributes.mode ?? 'pick'} geometry-type=${attributes.type ?? 'polygon'} ?required=${attributes.required ?? false}></test-map-field>`);
  if (attributes.area) el.area = attributes.area;
  await el.ready;
  await el.updateComplete;
  return el;
}

// ── mode="pick" ─────────────────────────────────────────────────────────────────────────────

describe('pick controller (test host)', () => {
  it('renders the instructions, "no place chosen", search and "Use my location", and describes the map with the instructions', async () => {
    const el = await field();
    expect(words($(el, '#civic-pick-hint'))).to.contain('Click the map to choose the place');
    expect(words($(el, '.civic-pick__chosen'))).to.equal('No place chosen yet.');
    expect(words($(el, 'label[for="civic-pick-search"]'))).to.equal('Search for an address or place');
    buttonNamed(el, 'Use my location');
    expect(el.map!.getCanvas().getAttribute('aria-describedby')).to.contain('civic-pick-hint');
    expect(el.value).to.equal(null);
    await accessible(el, 'pick: empty');
  });

  it('picks by keyboard: Tab to the map shows the cross, arrows move it (Shift for bigger steps), Enter sets the place', async () => {
    const el = await field();
    const map = el.map!;
    const canvas = await tabToMap(el);
    expect($(el, '.civic-crosshair')!.classList.contains('civic-crosshair--visible'), 'cross shown on keyboard focus').to.equal(true);
    const { width, height } = canvas.getBoundingClientRect();
    const expected = lngLatAt(map, width / 2 + 2 * STEP, height / 2 - LARGE_STEP);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ up: 'Shift' });
    expect(map.getBearing(), 'Shift+arrow does not rotate the map').to.equal(0);
    expect(map.getPitch(), 'Shift+arrow does not tilt the map').to.equal(0);
    expect(el.value).to.equal(null);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const value = el.value as Point;
    expect(value.type).to.equal('Point');
    near(value.coordinates, expected, 1e-5);
    expect(el.changes.at(-1)).to.include({ source: 'user', message: '' });
    expect(words($(el, '.civic-pick__chosen'))).to.match(/^Chosen place: latitude 51\.4\d+, longitude -0\.08\d+\.$/);
    await announced(el, /^Place chosen: latitude 51\.4\d+, longitude -0\.08\d+\.$/);
    const marker = (await sourceData(map, 'civic-pick'));
    expect(marker.features).to.have.length(1);
    near((marker.features[0]!.geometry as Point).coordinates, value.coordinates);
    // Space sets it too, at the new centre.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: ' ' });
    near((el.value as Point).coordinates, lngLatAt(map, width / 2, height / 2), 1e-5);
    await accessible(el, 'pick: chosen by keyboard');
  });

  it('picks by a click on the map, and a person can remove the place again', async () => {
    const el = await field();
    const map = el.map!;
    const expected = lngLatAt(map, 100, 80);
    await clickMap(map, 100, 80);
    await until(() => el.value !== null, 'the click to set the place');
    near((el.value as Point).coordinates, expected, 1e-5);
    expect($(el, '.civic-crosshair')!.classList.contains('civic-crosshair--visible'), 'no cross for a mouse click').to.equal(false);
    await el.updateComplete;
    await click(el, 'Remove the chosen place');
    expect(el.value).to.equal(null);
    expect(el.changes.at(-1)).to.deep.include({ value: null, source: 'user' });
    await announced(el, 'The chosen place has been removed.');
  });

  it('refuses a place outside the area with a message next to the field, keeping the value it had', async () => {
    const el = await field({ area: squareArea(0.001) });
    const map = el.map!;
    await clickMap(map, 200, 150); // the centre: inside
    await until(() => el.value !== null, 'the place inside the area');
    const inside = (el.value as Point).coordinates;
    const changes = el.changes.length;
    await clickMap(map, 390, 10); // far corner: outside a 0.002° square at zoom 15
    await until(() => $(el, '#civic-pick-error') !== null, 'the refusal');
    expect(words($(el, '#civic-pick-error'))).to.equal('Error: This place is outside the area this map covers. Choose a place inside the area.');
    expect((el.value as Point).coordinates).to.deep.equal(inside);
    expect(el.changes.length, 'a refused place changes nothing').to.equal(changes);
    await announced(el, 'This place is outside the area this map covers.');
    await accessible(el, 'pick: refused');
    // Keyboard too: Enter with the cross outside is refused the same way.
    await tabToMap(el);
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect((el.value as Point).coordinates).to.deep.equal(inside);
    // A place inside clears the message.
    el.map!.jumpTo({ center: CENTRE });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#civic-pick-error')).to.equal(null);
    near((el.value as Point).coordinates, CENTRE, 1e-6);
  });

  it('a value set by the page outside the area is kept but invalid (customError), and valid once the area covers it', async () => {
    const el = await field({ area: squareArea(0.001) });
    el.value = { type: 'Point', coordinates: [-0.2, 51.5] };
    await el.updateComplete;
    expect(el.changes.at(-1)).to.include({ source: 'api' });
    expect(el.internals.validity.customError).to.equal(true);
    expect(el.internals.validationMessage).to.equal('This place is outside the area this map covers. Choose a place inside the area.');
    expect(words($(el, '#civic-pick-error'))).to.contain('outside the area');
    el.area = squareArea(0.5);
    await el.updateComplete;
    expect(el.internals.validity.valid).to.equal(true);
    expect($(el, '#civic-pick-error')).to.equal(null);
  });

  it('is a form field: valueMissing when required and empty, the GeoJSON in FormData, reset empties it', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><test-map-field api=${api()} org=${ORG} mode="pick" name="location" required></test-map-field></form>`);
    const el = form.querySelector('test-map-field')!;
    await el.ready;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    expect(el.internals.validity.valueMissing).to.equal(true);
    expect(el.internals.validationMessage).to.equal('Choose a place on the map.');
    expect(new FormData(form).has('location')).to.equal(false);
    await clickMap(el.map!, 200, 150);
    await until(() => el.value !== null, 'the click');
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const sent = JSON.parse(String(new FormData(form).get('location'))) as Point;
    expect(sent.type).to.equal('Point');
    expect(sent.coordinates).to.deep.equal((el.value as Point).coordinates);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(new FormData(form).has('location')).to.equal(false);
    expect(el.internals.validity.valueMissing).to.equal(true);
    expect((await sourceData(el.map!, 'civic-pick')).features).to.have.length(0);
  });

  it('disabled: clicks and keys do nothing, and the controls that change it are gone', async () => {
    const el = await field();
    el.disabled = true;
    await el.updateComplete;
    await clickMap(el.map!, 100, 100);
    await tabToMap(el);
    await sendKeys({ press: 'Enter' });
    expect(el.value).to.equal(null);
    expect($$(el, 'button').map(words)).to.not.include('Use my location');
    expect($<HTMLInputElement>(el, '#civic-pick-search')!.disabled).to.equal(true);
    await accessible(el, 'pick: disabled');
  });

  describe('address search (GET /v1/geocode, the Southwark gazetteer)', () => {
    const geocodeRequests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/v1/geocode?'));
    const results = (el: TestMapField) => $$(el, '.civic-search__result').map(words);
    const status = (el: TestMapField) => words($(el, '#civic-pick-search-status'));

    async function typeInSearch(el: TestMapField, text: string): Promise<HTMLInputElement> {
      const input = $<HTMLInputElement>(el, '#civic-pick-search')!;
      input.focus();
      await sendKeys({ type: text });
      return input;
    }

    it('searches as the person types (once, after a pause), marks results outside the area, and sets the place chosen from the list by keyboard', async () => {
      // A small square round the centre: "Peckham Road, Camberwell" is in it, the rest of Peckham is not.
      const el = await field({ area: squareArea(0.01) });
      performance.clearResourceTimings();
      await typeInSearch(el, 'Peckham Road');
      await until(() => results(el).length > 0, 'the results', 5000);
      expect(geocodeRequests(), 'one request for the whole word, not one per key').to.have.length(1);
      expect(geocodeRequests()[0]!.name).to.contain('org=test-council').and.to.contain('q=Peckham+Road');
      expect(results(el)[0]).to.equal('Peckham Road, Camberwell');
      expect(results(el)[1]).to.equal('Peckham Park Road, Peckham (Outside the area)');
      expect(status(el)).to.equal('8 addresses or places found.');
      await announced(el, '8 addresses or places found.');
      await accessible(el, 'pick: search results');
      // Down from the input into the list, Enter on the first result.
      await sendKeys({ press: 'ArrowDown' });
      expect(el.shadowRoot!.activeElement).to.equal($$(el, '.civic-search__result')[0]);
      await sendKeys({ press: 'ArrowDown' });
      expect(el.shadowRoot!.activeElement).to.equal($$(el, '.civic-search__result')[1]);
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect((el.value as Point).coordinates).to.deep.equal([-0.08, 51.474]);
      expect(el.changes.at(-1)).to.include({ source: 'user' });
      expect(words($(el, '.civic-pick__chosen'))).to.equal('Chosen place: Peckham Road, Camberwell (latitude 51.474, longitude -0.08).');
      near(el.map!.getCenter().toArray(), [-0.08, 51.474]);
      expect(results(el), 'the list closes').to.deep.equal([]);
      expect(el.shadowRoot!.activeElement, 'focus back in the search box').to.equal($(el, '#civic-pick-search'));
      await announced(el, 'Place chosen: Peckham Road, Camberwell.');
    });

    it('refuses a result outside the area, saying which', async () => {
      const el = await field({ area: squareArea(0.01) });
      await typeInSearch(el, 'Peckham Road');
      await sendKeys({ press: 'Enter' }); // at once, without waiting for the pause
      await until(() => results(el).length > 0, 'the results', 5000);
      $$<HTMLButtonElement>(el, '.civic-search__result')[1]!.click();
      await el.updateComplete;
      expect(el.value).to.equal(null);
      expect(words($(el, '#civic-pick-error'))).to.equal('Error: Peckham Park Road, Peckham is outside the area this map covers. Choose a place inside the area.');
      await announced(el, 'Peckham Park Road, Peckham is outside the area this map covers.');
    });

    it('says when nothing matches, when the words are too short, and Escape empties the search', async () => {
      const el = await field();
      const input = await typeInSearch(el, 'zzzz');
      await sendKeys({ press: 'Enter' });
      await until(() => status(el).startsWith('Nothing'), 'the answer', 5000);
      expect(status(el)).to.equal('Nothing matches “zzzz”. Check the spelling or try other words.');
      input.select();
      await sendKeys({ type: 'a' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(status(el)).to.equal('Type at least 2 characters to search.');
      input.select();
      await typeInSearch(el, 'Camberwell');
      await sendKeys({ press: 'Enter' });
      await until(() => results(el).length > 0, 'the results', 5000);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input.value).to.equal('');
      expect(results(el)).to.deep.equal([]);
    });

    it('says so when the service cannot be reached', async () => {
      const el = await fixture<TestMapField>(html`<test-map-field api=${await closedPort()} org=${ORG}></test-map-field>`);
      await el.ready;
      await typeInSearch(el, 'Camberwell');
      await sendKeys({ press: 'Enter' });
      await until(() => status(el) !== 'Searching' && status(el) !== '', 'the failure', 8000);
      expect(status(el)).to.equal('We could not connect to the service. Check your internet connection and try again.');
      await accessible(el, 'pick: search failed');
    });
  });

  describe('"Use my location"', () => {
    afterEach(() => executeServerCommand('civic:geolocation', { reset: true }));

    it('sets the place to where the browser says the person is', async () => {
      const el = await field();
      await executeServerCommand('civic:geolocation', { latitude: 51.4745, longitude: -0.0871 });
      await click(el, 'Use my location');
      await until(() => el.value !== null, 'the location');
      expect((el.value as Point).coordinates).to.deep.equal([-0.0871, 51.4745]);
      expect(el.changes.at(-1)).to.include({ source: 'user' });
      near(el.map!.getCenter().toArray(), [-0.0871, 51.4745]);
      await announced(el, 'Place chosen: your location (latitude 51.4745, longitude -0.0871).');
    });

    it('says so when the person has not allowed it', async () => {
      const el = await field();
      await executeServerCommand('civic:geolocation', { denied: true });
      await click(el, 'Use my location');
      await until(() => words(el.shadowRoot!.querySelector('.civic-pick__locate .error-message')) !== '', 'the message');
      expect(words($(el, '.civic-pick__locate .error-message'))).to.equal('Your browser did not let us use your location. You can allow it in your browser settings, or search for an address or click the map instead.');
      expect(el.value).to.equal(null);
      await accessible(el, 'pick: location denied');
    });

    it('says so when the browser has no position to give', async () => {
      const el = await field();
      await executeServerCommand('civic:geolocation', { unavailable: true });
      await click(el, 'Use my location');
      await until(() => $(el, '.civic-pick__locate .error-message') !== null, 'the message', 8000);
      expect(words($(el, '.civic-pick__locate .error-message'))).to.equal('We could not find your location. Search for an address or click the map instead.');
    });

    it('refuses a location outside the area', async () => {
      const el = await field({ area: squareArea(0.01) });
      await executeServerCommand('civic:geolocation', { latitude: 48.8566, longitude: 2.3522 });
      await click(el, 'Use my location');
      await until(() => $(el, '#civic-pick-error') !== null, 'the refusal');
      expect(words($(el, '#civic-pick-error'))).to.equal('Error: You seem to be outside the area this map covers. Search for an address or click the map instead.');
      expect(el.value).to.equal(null);
    });
  });

  it('speaks Arabic, right to left, with Arabic plurals', async () => {
    const el = await fixture<TestMapField>(html`<test-map-field api=${api()} org=${ORG} lang="ar" mode="draw"></test-map-field>`);
    await el.ready;
    await el.updateComplete;
    expect($(el, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect($$(el, '.civic-draw__actions button').map(words)).to.deep.equal(['إنهاء', 'تراجع', 'مسح الكل']);
    for (const [x, y] of [[100, 80], [300, 80]] as [number, number][]) await clickMap(el.map!, x, y);
    await until(() => el.draw.vertices.length === 2, 'two points');
    await click(el, 'تراجع');
    await announced(el, 'تم التراجع. في الشكل الآن نقطة واحدة.');
  });

  it('speaks Italian', async () => {
    const el = await fixture<TestMapField>(html`<test-map-field api=${api()} org=${ORG} lang="it"></test-map-field>`);
    await el.ready;
    await el.updateComplete;
    expect(words($(el, '.civic-pick__chosen'))).to.equal('Nessun luogo scelto.');
    buttonNamed(el, 'Usa la mia posizione');
  });
});

// ── mode="draw" ─────────────────────────────────────────────────────────────────────────────

const drawField = (type: 'point' | 'line' | 'polygon' = 'polygon', area?: Polygon) => field({ mode: 'draw', type, ...(area ? { area } : {}) });
const pointsListed = (el: TestMapField) => $$(el, '.civic-draw__points li span').map(words);
const problemsShown = (el: TestMapField) => words($(el, '#civic-draw-problems'));

describe('draw controller (test host)', () => {
  it('renders the polygon instructions, no points, Finish, Undo and Clear', async () => {
    const el = await drawField();
    expect(words($(el, '#civic-draw-hint'))).to.contain('Click the map to add each corner of the area');
    expect(words($(el, '.civic-draw'))).to.contain('No points yet.');
    expect($$(el, '.civic-draw__actions button').map(words)).to.deep.equal(['Finish', 'Undo', 'Clear']);
    expect(buttonNamed(el, 'Undo').disabled).to.equal(true);
    await accessible(el, 'draw: empty');
  });

  it('draws an area by keyboard: Enter adds a corner at the cross, the ring is closed, Finish ends it', async () => {
    const el = await drawField();
    const map = el.map!;
    const canvas = await tabToMap(el);
    const { width, height } = canvas.getBoundingClientRect();
    const [cx, cy] = [width / 2, height / 2];
    const expected = [lngLatAt(map, cx, cy), lngLatAt(map, cx + 3 * STEP, cy), lngLatAt(map, cx + 3 * STEP, cy + 2 * STEP)];
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await announced(el, 'Point 2 added.');
    for (let i = 0; i < 2; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const polygon = el.value as Polygon;
    expect(polygon.type).to.equal('Polygon');
    const ring = polygon.coordinates[0]!;
    expect(ring).to.have.length(4);
    expected.forEach((position, i) => near(ring[i], position, 1e-5));
    expect(ring[3]).to.deep.equal(ring[0]); // closed by the controller
    expect(pointsListed(el)).to.have.length(3);
    expect(pointsListed(el)[0]).to.match(/^Point 1: latitude 51\.47\d*, longitude -0\.08\d*$/);
    expect(el.changes.at(-1)).to.include({ source: 'user', message: '' });
    const kinds = (await sourceData(map, 'civic-draw')).features.map((f) => f.properties!['kind']);
    expect(kinds).to.deep.equal(['fill', 'outline', 'vertex', 'vertex', 'vertex']);
    await accessible(el, 'draw: three corners');
    await click(el, 'Finish');
    expect(el.draw.finished).to.equal(true);
    await announced(el, 'Shape finished with 3 points.');
    // Finished: Enter adds nothing more until "Add more points", and says so.
    canvas.focus();
    await sendKeys({ press: 'Enter' });
    expect((el.value as Polygon).coordinates[0]).to.have.length(4);
    await announced(el, 'The shape is finished. Select “Add more points” to change it.');
    await click(el, 'Add more points');
    canvas.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    expect((el.value as Polygon).coordinates[0]).to.have.length(5);
  });

  it('draws an area by clicks; a click on the first corner finishes it', async () => {
    const el = await drawField();
    const map = el.map!;
    const corners: [number, number][] = [[100, 80], [300, 80], [300, 220], [100, 220]];
    for (const [x, y] of corners) await clickMap(map, x, y);
    await until(() => el.draw.vertices.length === 4, 'four corners');
    const ring = (el.value as Polygon).coordinates[0]!;
    corners.forEach(([x, y], i) => near(ring[i], lngLatAt(map, x, y), 1e-5));
    expect(el.draw.finished).to.equal(false);
    await clickMap(map, 103, 82); // within a few pixels of the first corner
    await until(() => el.draw.finished, 'the click on the first corner to finish');
    expect(el.draw.vertices).to.have.length(4);
    await el.updateComplete;
    expect($$(el, '.civic-draw__actions button').map(words)).to.deep.equal(['Add more points', 'Undo', 'Clear']);
  });

  it('refuses a self-crossing area with a message, shows the crossing edges, and makes the field invalid', async () => {
    const el = await drawField();
    const map = el.map!;
    // A bowtie: the edge 1→2 crosses the edge 3→4.
    for (const [x, y] of [[100, 80], [300, 220], [300, 80], [100, 220]] as [number, number][]) await clickMap(map, x, y);
    await until(() => el.draw.vertices.length === 4, 'four corners');
    await el.updateComplete;
    expect(problemsShown(el)).to.equal('Error: The outline must not cross or touch itself: the edge from point 1 to point 2 meets the edge from point 3 to point 4. Move or remove a point.');
    expect(el.changes.at(-1)!.problems.map((p) => p.code)).to.deep.equal(['self_intersection']);
    expect(el.internals.validity.customError).to.equal(true);
    expect(el.internals.validationMessage).to.contain('must not cross or touch itself');
    await announced(el, /^Point 4 added\. The outline must not cross/);
    expect((await sourceData(map, 'civic-draw')).features.filter((f) => f.properties!['kind'] === 'problem')).to.have.length(2);
    await click(el, 'Finish');
    expect(el.draw.finished, 'a crossing shape cannot be finished').to.equal(false);
    await accessible(el, 'draw: crossing outline');
    // Removing point 4 mends it.
    $$<HTMLButtonElement>(el, '.civic-draw__remove')[3]!.click();
    await el.updateComplete;
    expect(el.draw.vertices).to.have.length(3);
    expect($(el, '#civic-draw-problems')).to.equal(null);
    expect(el.internals.validity.valid).to.equal(true);
  });

  it('removes a point by its button, Backspace removes the last, Undo brings them back, Clear empties', async () => {
    const el = await drawField();
    const map = el.map!;
    for (const [x, y] of [[100, 80], [300, 80], [300, 220], [100, 220]] as [number, number][]) await clickMap(map, x, y);
    await until(() => el.draw.vertices.length === 4, 'four corners');
    await el.updateComplete;
    const before = [...el.draw.vertices];
    const remove2 = $$<HTMLButtonElement>(el, '.civic-draw__remove')[1]!;
    expect(remove2.getAttribute('aria-label')).to.equal('Remove point 2');
    remove2.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.draw.vertices).to.deep.equal([before[0], before[2], before[3]]);
    await announced(el, 'Point 2 removed.');
    await until(() => el.shadowRoot!.activeElement === $$(el, '.civic-draw__remove')[1], 'focus on the next Remove button');
    await click(el, 'Undo');
    expect(el.draw.vertices).to.deep.equal(before);
    await announced(el, 'Undone. The shape has 4 points.');
    await tabToMap(el);
    await sendKeys({ press: 'Backspace' });
    expect(el.draw.vertices).to.deep.equal(before.slice(0, 3));
    await sendKeys({ press: 'Delete' });
    expect(el.draw.vertices).to.deep.equal(before.slice(0, 2));
    await el.updateComplete;
    expect(el.value, 'two corners are not an area yet').to.equal(null);
    expect(el.internals.validity.customError).to.equal(true);
    expect(el.internals.validationMessage).to.equal('An area needs at least 3 different corners.');
    expect($(el, '#civic-draw-problems'), 'not shown as an error before Finish').to.equal(null);
    await click(el, 'Finish');
    expect(problemsShown(el)).to.equal('Error: An area needs at least 3 different corners.');
    await click(el, 'Clear');
    expect(el.draw.vertices).to.deep.equal([]);
    await announced(el, 'All points removed.');
    await click(el, 'Undo');
    expect(el.draw.vertices).to.deep.equal(before.slice(0, 2));
  });

  it('refuses corners outside the area, naming the point', async () => {
    const el = await drawField('polygon', squareArea(0.001));
    const map = el.map!;
    for (const [x, y] of [[180, 130], [220, 130], [390, 290]] as [number, number][]) await clickMap(map, x, y);
    await until(() => el.draw.vertices.length === 3, 'three corners');
    await el.updateComplete;
    expect(problemsShown(el)).to.contain('Point 3 is outside the area this map covers. Move or remove it.');
    expect(el.changes.at(-1)!.problems[0]!.code).to.equal('outside_area');
    const vertexProblems = (await sourceData(map, 'civic-draw')).features.filter((f) => f.properties!['kind'] === 'vertex').map((f) => f.properties!['problem']);
    expect(vertexProblems).to.deep.equal([false, false, true]);
  });

  it('draws a line (2 points at least) and a point (a click moves it)', async () => {
    const line = await drawField('line');
    await clickMap(line.map!, 100, 100);
    await until(() => line.draw.vertices.length === 1, 'one point');
    expect(line.value).to.equal(null);
    await clickMap(line.map!, 300, 200);
    await until(() => line.value !== null, 'the line');
    expect((line.value as Geometry).type).to.equal('LineString');
    line.remove();

    const point = await drawField('point');
    expect($$(point, '.civic-draw__actions button').map(words)).to.deep.equal(['Undo', 'Clear']);
    await clickMap(point.map!, 100, 100);
    await clickMap(point.map!, 250, 200);
    await until(() => point.draw.vertices.length === 1 && Math.abs((point.value as Point).coordinates[0] - lngLatAt(point.map!, 250, 200)[0]) < 1e-5, 'the point moved');
    expect((point.value as Point).type).to.equal('Point');
  });

  it('is a form field: a drawn area in FormData as GeoJSON, required when empty, reset clears the drawing', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><test-map-field api=${api()} org=${ORG} mode="draw" geometry-type="polygon" name="shape" required></test-map-field></form>`);
    const el = form.querySelector('test-map-field')!;
    await el.ready;
    await el.updateComplete;
    expect(el.internals.validity.valueMissing).to.equal(true);
    expect(el.internals.validationMessage).to.equal('Draw the area on the map.');
    for (const [x, y] of [[100, 80], [300, 80], [300, 220]] as [number, number][]) await clickMap(el.map!, x, y);
    await until(() => el.value !== null, 'the area');
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(JSON.parse(String(new FormData(form).get('shape')))).to.deep.equal(el.value);
    form.reset();
    await el.updateComplete;
    expect(el.draw.vertices).to.deep.equal([]);
    expect(new FormData(form).has('shape')).to.equal(false);
    expect((await sourceData(el.map!, 'civic-draw')).features).to.deep.equal([]);
  });

  it('edits a geometry set by the page, keeping its holes', async () => {
    const el = await drawField();
    const outer: Position[] = [[-0.09, 51.47], [-0.08, 51.47], [-0.08, 51.48], [-0.09, 51.48], [-0.09, 51.47]];
    const hole: Position[] = [[-0.086, 51.474], [-0.084, 51.474], [-0.084, 51.476], [-0.086, 51.474]];
    el.value = { type: 'Polygon', coordinates: [outer, hole] };
    await el.updateComplete;
    expect(el.draw.vertices).to.deep.equal(outer.slice(0, 4));
    expect(el.draw.finished).to.equal(true);
    expect(el.value).to.deep.equal({ type: 'Polygon', coordinates: [outer, hole] });
    expect(el.changes.at(-1)).to.include({ source: 'api' });
  });
});

describe('form-field helpers', () => {
  it('restores only what is a geometry', () => {
    const point: Point = { type: 'Point', coordinates: [-0.08, 51.47] };
    expect(restoredGeometry(JSON.stringify(point))).to.deep.equal(point);
    expect(restoredPoint(JSON.stringify(point))).to.deep.equal(point);
    const line = { type: 'LineString', coordinates: [[0, 0], [1, 1]] };
    expect(restoredGeometry(JSON.stringify(line))).to.deep.equal(line);
    expect(restoredPoint(JSON.stringify(line)), 'a line is not a place').to.equal(null);
    expect(restoredGeometry('{not json')).to.equal(null);
    expect(restoredGeometry(null)).to.equal(null);
    expect(restoredGeometry(new FormData())).to.equal(null);
    expect(isGeometry({ type: 'Point', coordinates: ['0', 1] })).to.equal(false);
    expect(isGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 'x']]] })).to.equal(false);
    expect(isGeometry({ type: 'MultiPoint', coordinates: [[0, 0]] })).to.equal(false);
    expect(isGeometry({ type: 'Point', coordinates: [0, 0, 0, 0] })).to.equal(false);
  });
});
