// <civic-map> browsing: the list of what is in view, details by keyboard and by click, hover sync,
// filters, events, languages; each state checked with axe.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { GeoJSONSource } from 'maplibre-gl';
import type { CivicMap } from '../src/index.js';
import {
  $, $$, accessible, api, listItems, loaded, once, ORG, projectMap, recordRequests, reloaded, seedMap, sleep, text, until, type MapFixtures,
} from './civic-map.helpers.js';
import { registeredSession } from '../../core/test/support.js';

/** Five contributions near the test organisation's map centre (-0.0877, 51.4741), all in view at zoom 13. */
const NEAR_CENTRE: [number, number][] = [[-0.09, 51.475], [-0.085, 51.473], [-0.08, 51.476], [-0.095, 51.472], [-0.088, 51.47]];
const active = (el: CivicMap) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Where a point of the map is on the page, for sendMouse. */
function onPage(el: CivicMap, lonLat: [number, number]): [number, number] {
  const point = el.map!.project(lonLat);
  const rect = el.map!.getCanvas().getBoundingClientRect();
  return [Math.round(rect.left + point.x), Math.round(rect.top + point.y)];
}

describe('<civic-map> browsing', () => {
  let seeded: MapFixtures;
  before(async () => {
    seeded = await seedMap({ points: NEAR_CENTRE, title: 'Community gardens' });
  });
  afterEach(() => resetMouse());

  it('lists what is in view and draws it in its category colour', async () => {
    const el = await projectMap(seeded.projectId);
    expect(text($(el, '#list-heading'))).to.equal('In this area');
    expect(text($(el, '.count'))).to.equal('5 items in view');
    expect(listItems(el)).to.have.members(['Garden 1 Garden', 'Bench 2 Bench', 'Garden 3 Garden', 'Bench 4 Bench', 'Garden 5 Garden']);
    const data = (await (el.map!.getSource('civic') as GeoJSONSource).getData()) as GeoJSON.FeatureCollection;
    const colours = Object.fromEntries(seeded.categories.map((c) => [c.name, c.colour]));
    expect(data.features.map((f) => f.properties!['c']).sort()).to.deep.equal([colours['Bench'], colours['Bench'], colours['Garden'], colours['Garden'], colours['Garden']].sort());
    await until(() => el.map!.queryRenderedFeatures({ layers: ['civic-point'] }).length === 5, 'the points drawn');
    await until(() => text($(el, '[role="status"]')) === '5 items in view', 'the count announced');
    await accessible(el, 'list');
  });

  it('opens details from the list with the keyboard; Escape closes them and focus goes back', async () => {
    const el = await projectMap(seeded.projectId);
    const item = $$(el, '.item').find((button) => text(button).startsWith('Garden 1'))!;
    item.focus();
    const selected = once(el, 'civic-feature-select');
    await sendKeys({ press: 'Enter' });
    const { feature } = await selected;
    expect(feature.properties.title).to.equal('Garden 1');
    await el.updateComplete;
    expect(active(el)?.id).to.equal('panel-title');
    expect(text($(el, '#panel-title'))).to.equal('Garden 1');
    expect(text($(el, '.panel__kind'))).to.equal('Garden');
    await until(() => $(el, '.fields'), 'the field labels from the project');
    expect($$(el, '.fields dt').map(text)).to.deep.equal(['Name']);
    expect($$(el, '.fields dd').map(text)).to.deep.equal(['Garden 1']);
    expect(text($(el, '.panel .meta'))).to.match(/^Added by Fixture Author · Added on /);
    expect(el.map!.getFeatureState({ source: 'civic', id: `${seeded.layerId}/${feature.id}` })['selected']).to.equal(true);
    await accessible(el, 'details');

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '.panel')).to.equal(null);
    expect(active(el)?.dataset['key']).to.equal(`${seeded.layerId}/${feature.id}`);
    expect(el.map!.getFeatureState({ source: 'civic', id: `${seeded.layerId}/${feature.id}` })['selected']).to.equal(false);
  });

  it('shows a contribution’s answers with their labels and its photos', async () => {
    const project = await seedMap({ points: [], title: 'Photo map' });
    const { accessToken } = await registeredSession('Photo Person');
    const auth = { Authorization: `Bearer ${accessToken}` };
    const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#2e7d32';
    context.fillRect(0, 0, 320, 240);
    const png = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
    const photo = await (await fetch(`${api()}/v1/orgs/${ORG}/media`, { method: 'POST', headers: { ...auth, 'Content-Type': 'image/png' }, body: png })).json() as { id: string };
    const garden = project.categories.find((c) => c.name === 'Garden')!;
    const created = await fetch(`${api()}/v1/orgs/${ORG}/projects/${project.projectId}/contributions`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: NEAR_CENTRE[0] },
        properties: { category: garden.id, fields: { name: 'Garden with a photo', notes: 'Raised beds.\nOpen on Saturdays.', accessible: true }, photos: [photo.id] },
      }),
    });
    expect(created.status).to.equal(201);

    const el = await projectMap(project.projectId);
    $$(el, '.item').find((item) => text(item).startsWith('Garden with a photo'))!.click();
    await until(() => $(el, '.fields'), 'the answers');
    expect($$(el, '.fields dt').map(text)).to.deep.equal(['Name', 'Notes', 'Wheelchair accessible']);
    expect($$(el, '.fields dd').map((dd) => dd.textContent)).to.deep.equal(['Garden with a photo', 'Raised beds.\nOpen on Saturdays.', 'Yes']);
    const image = $<HTMLImageElement>(el, '.photos img')!;
    expect(image.alt).to.equal('Photo 1 of 1');
    expect(image.src).to.match(/\/v1\/media\/[^/]+\/thumb\.jpg$/);
    expect((image.parentElement as HTMLAnchorElement).href).to.match(/\/large\.jpg$/);
    await until(() => image.complete && image.naturalWidth > 0, 'the thumbnail to load');
    expect(text($(el, '.panel .meta'))).to.match(/^Added by Photo Person · /);
    await accessible(el, 'details with photos');
  });

  it('opens details from a click on the map; closing them returns focus to the map', async () => {
    const el = await projectMap(seeded.projectId);
    await until(() => el.map!.queryRenderedFeatures({ layers: ['civic-point'] }).length === 5, 'the points drawn');
    const [x, y] = onPage(el, NEAR_CENTRE[1]!);
    const selected = once(el, 'civic-feature-select');
    await sendMouse({ type: 'click', position: [x, y] });
    expect((await selected).feature.properties.title).to.equal('Bench 2');
    await el.updateComplete;
    expect(active(el)?.id).to.equal('panel-title');
    const close = $$<HTMLButtonElement>(el, '.panel button').find((button) => text(button) === 'Back to the list')!;
    close.click();
    await el.updateComplete;
    expect($(el, '.panel')).to.equal(null);
    expect(active(el)).to.equal(el.map!.getCanvas());
  });

  it('highlights on the map the item that has focus or is under the pointer', async () => {
    const el = await projectMap(seeded.projectId);
    const [first, second] = $$(el, '.item');
    const state = (item: HTMLElement) => el.map!.getFeatureState({ source: 'civic', id: item.dataset['key']! })['hover'];
    first!.focus();
    expect(state(first!)).to.equal(true);
    first!.blur();
    expect(state(first!)).to.equal(false);
    const rect = second!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(rect.left + 10), Math.round(rect.top + rect.height / 2)] });
    await until(() => state(second!) === true, 'hover from the pointer');
  });

  it('keeps the list in step with the map as it moves', async () => {
    const el = await projectMap(seeded.projectId);
    const before = text($(el, '.count'));
    el.map!.jumpTo({ center: [-0.04, 51.43], zoom: 16 }); // a corner of the borough with nothing in it
    await reloaded(el, before);
    expect(listItems(el)).to.deep.equal([]);
    expect(text($(el, '.empty'))).to.equal('Nothing here. Move the map or change the filters.');
    await until(() => text($(el, '[role="status"]')) === '0 items in view', 'the new count announced');
    await accessible(el, 'empty');
    el.map!.jumpTo({ center: [-0.0877, 51.4741], zoom: 13 });
    await reloaded(el, text($(el, '.count')));
    expect(listItems(el).length).to.equal(5);
  });

  it('filters by category: the request names the categories kept, the list follows', async () => {
    const el = await projectMap(seeded.projectId);
    const requests = recordRequests();
    try {
      $<HTMLElement>(el, '.filters summary')!.click();
      await el.updateComplete;
      await accessible(el, 'filters open');
      const bench = $$<HTMLInputElement>(el, '.filters input[type="checkbox"]').find((input) => text(input.parentElement).includes('Bench'))!;
      bench.click();
      await reloaded(el, text($(el, '.count')));
      const garden = seeded.categories.find((c) => c.name === 'Garden')!;
      expect(requests.urls.some((url) => new URL(url).searchParams.get('category') === garden.id)).to.equal(true);
      expect(listItems(el).every((item) => item.endsWith('Garden'))).to.equal(true);
      expect(listItems(el).length).to.equal(3);
    } finally {
      requests.restore();
    }
  });

  it('dispatches civic-view-change when a person moves the map, not when the page does', async () => {
    const el = await projectMap(seeded.projectId);
    const changes: Event[] = [];
    el.addEventListener('civic-view-change', (event) => changes.push(event));
    el.map!.jumpTo({ center: [-0.086, 51.474] });
    await sleep(500);
    expect(changes.length, 'a move by the page is not a person').to.equal(0);
    el.map!.getCanvas().focus();
    const changed = once(el, 'civic-view-change');
    await sendKeys({ press: 'ArrowRight' });
    const event = await changed;
    expect(event.bbox).to.have.length(4);
    expect(event.bbox[0]).to.be.greaterThan(-0.2);
    expect(event.zoom).to.be.closeTo(13, 0.01);
    expect(el.map!.getCenter().lng).to.be.greaterThan(-0.086); // the arrow key panned east
  });

  it('has a way past the map to the list, and the map takes keyboard focus', async () => {
    const el = await projectMap(seeded.projectId);
    const skip = $<HTMLButtonElement>(el, '.skip')!;
    skip.focus();
    expect(getComputedStyle(skip).clipPath).to.equal('none'); // shown while focused
    await sendKeys({ press: 'Enter' });
    expect(active(el)?.id).to.equal('list-heading');
    expect(el.map!.getCanvas().tabIndex).to.equal(0);
    expect(el.map!.getCanvas().getAttribute('aria-label')).to.equal('Map');
    expect(el.map!.getCanvas().getAttribute('aria-describedby')).to.equal('map-keys');
    expect(text($(el, '#map-keys'))).to.equal('Use the arrow keys to move the map, and the + and - keys to zoom in and out.');
  });

  it('shows an event with its time, organiser and an "Add to calendar" link', async () => {
    await seedMap({ events: 3 });
    const el = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} basemap="none" layers="events" style="--civic-map-height: 400px"></civic-map>`);
    await loaded(el);
    const event = $$(el, '.item').find((item) => text(item).startsWith('Community event'))!;
    expect(text(event.querySelector('.item__meta'))).to.match(/\d/); // when it starts
    event.click();
    await el.updateComplete;
    expect(text($(el, '.panel__kind'))).to.equal('Events');
    expect(text($(el, '.when'))).to.match(/\d{1,2}:\d{2}/);
    expect(text($(el, '.panel'))).to.contain('Organised by Test Council');
    const calendar = $<HTMLAnchorElement>(el, '[part~="calendar"]')!;
    expect(text(calendar)).to.equal('Add to calendar');
    expect(calendar.href).to.match(/\/v1\/orgs\/test-council\/events\/[^/]+\/event\.ics$/);
    const ics = await fetch(calendar.href);
    expect(await ics.text()).to.contain('BEGIN:VEVENT');
    await accessible(el, 'event details');
  });

  it('filters events by time: upcoming, the next 7 days, or between two dates', async () => {
    await seedMap({ events: 3 });
    const el = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} basemap="none" layers="events" style="--civic-map-height: 400px"></civic-map>`);
    await loaded(el);
    expect(listItems(el).length).to.be.at.least(3);
    const requests = recordRequests();
    try {
      $<HTMLElement>(el, '.filters summary')!.click();
      await el.updateComplete;
      const radio = (label: string) => $$<HTMLInputElement>(el, 'input[name="when"]').find((input) => text(input.parentElement) === label)!;
      radio('Between two dates').click();
      await el.updateComplete;
      const [from, to] = $$<HTMLInputElement>(el, 'input[type="date"]');
      from!.value = '2020-01-01';
      from!.dispatchEvent(new Event('change'));
      to!.value = '2020-01-07';
      to!.dispatchEvent(new Event('change'));
      await until(() => requests.urls.some((url) => new URL(url).searchParams.get('to')?.startsWith('2020-01-0')), 'a request for the dates');
      await until(() => listItems(el).length === 0 && !/Loading/.test(text($(el, '.count'))), 'no past events');
      await accessible(el, 'dates');

      radio('In the next 7 days').click();
      await until(() => listItems(el).length >= 3, 'the coming week');
      const week = new URL(requests.urls.at(-1)!).searchParams;
      const span = Date.parse(week.get('to')!) - Date.parse(week.get('from')!);
      expect(span).to.equal(7 * 86_400_000);
    } finally {
      requests.restore();
    }
  });

  it('follows forced colours (Windows high contrast), keeping the category colours', async () => {
    await executeServerCommand('civic:forced-colors', { active: true });
    try {
      const el = await projectMap(seeded.projectId);
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      // The browser forces text, borders and focus into system colours; the category swatches keep theirs.
      const dots = $$(el, '.item .dot').map((dot) => getComputedStyle(dot));
      expect(dots.every((dot) => dot.forcedColorAdjust === 'none')).to.equal(true);
      expect(new Set(dots.map((dot) => dot.backgroundColor))).to.deep.equal(new Set(['rgb(46, 125, 50)', 'rgb(109, 76, 65)'])); // Garden, Bench
      await accessible(el, 'forced colours');
    } finally {
      await executeServerCommand('civic:forced-colors', { active: false });
    }
  });

  it('follows a change of language, the map’s own controls included', async () => {
    const el = await projectMap(seeded.projectId);
    el.setAttribute('lang', 'it');
    await until(() => text($(el, '#list-heading')) === 'In questa zona', 'the Italian words');
    await el.updateComplete;
    expect(text($(el, '.count'))).to.equal('5 elementi in vista');
    expect(el.map!.getCanvas().getAttribute('aria-label')).to.equal('Mappa');
    expect($(el, '.maplibregl-ctrl-zoom-in')!.getAttribute('aria-label')).to.equal('Ingrandisci');
    expect($(el, '.maplibregl-ctrl-zoom-out')!.title).to.equal('Riduci');
    expect(listItems(el)).to.include('Garden 1 Garden'); // what residents wrote stays as written
  });

  it('is mirrored and in Arabic with lang="ar"', async () => {
    const el = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} lang="ar" basemap="none" project=${seeded.projectId} style="--civic-map-height: 400px"></civic-map>`);
    await until(() => el.map?.getSource('civic') && text($(el, '.count')).includes(new Intl.NumberFormat('ar').format(5)), 'the Arabic list', 8000);
    expect($(el, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(text($(el, '#list-heading'))).to.equal('في هذه المنطقة');
    expect(el.map!.getCanvas().getAttribute('aria-label')).to.equal('الخريطة');
    await accessible(el, 'arabic');
  });
});
