// <civic-map>'s data: loaded by bounding box as the view moves (debounced, stale requests cancelled),
// clusters that open by click and by Enter, and problems shown with a way to try again.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import type { CivicMap } from '../src/index.js';
import { closedPort } from '../../core/test/support.js';
import {
  $, $$, accessible, api, listItems, once, ORG, projectMap, reloaded, seedMap, sleep, text, until, type MapFixtures,
} from './civic-map.helpers.js';

const NEAR_CENTRE: [number, number][] = [[-0.09, 51.475], [-0.085, 51.473], [-0.08, 51.476], [-0.095, 51.472], [-0.088, 51.47]];
const contributionRequests = (urls: string[]) => urls.filter((url) => url.includes('/contributions?'));
const bboxOf = (url: string) => new URL(url).searchParams.get('bbox')!.split(',').map(Number);

/** window.fetch wrapped: every request is logged; `hold` and `fail` decide what happens to the contributions requests. */
function network() {
  const real = window.fetch;
  const state = {
    urls: [] as string[],
    signals: [] as AbortSignal[],
    /** Requests wait for this before they go out (undefined: they go at once). */
    hold: undefined as Promise<void> | undefined,
    /** Contributions requests fail as a lost connection does. */
    fail: false,
    restore: () => (window.fetch = real),
  };
  window.fetch = async (input, init) => {
    const url = String(input);
    state.urls.push(url);
    if (init?.signal) state.signals.push(init.signal);
    if (url.includes('/contributions?')) {
      if (state.fail) throw new TypeError('Failed to fetch');
      if (state.hold) await state.hold;
    }
    return real(input, init);
  };
  return state;
}

describe('<civic-map> data', () => {
  let seeded: MapFixtures;
  before(async () => {
    seeded = await seedMap({ points: NEAR_CENTRE });
  });
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    await resetMouse();
  });

  it('asks for the new view once it has been still a moment, and only once', async () => {
    const el = await projectMap(seeded.projectId);
    const net = network();
    try {
      for (const lon of [-0.086, -0.085, -0.084, -0.083, -0.082]) {
        el.map!.jumpTo({ center: [lon, 51.474] });
        await sleep(50);
      }
      await sleep(600);
      const requests = contributionRequests(net.urls);
      expect(requests.length, 'one request for five quick moves').to.equal(1);
      const bounds = el.map!.getBounds();
      const [west, south, east, north] = bboxOf(requests[0]!);
      expect(west).to.be.closeTo(bounds.getWest(), 1e-5);
      expect(south).to.be.closeTo(bounds.getSouth(), 1e-5);
      expect(east).to.be.closeTo(bounds.getEast(), 1e-5);
      expect(north).to.be.closeTo(bounds.getNorth(), 1e-5);
      expect(new URL(requests[0]!).searchParams.get('zoom')).to.equal('13');
    } finally {
      net.restore();
    }
  });

  it('cancels a request whose view is gone, and shows the answer for the view in front of the person', async () => {
    const el = await projectMap(seeded.projectId);
    const net = network();
    let release!: () => void;
    net.hold = new Promise((resolve) => (release = resolve));
    try {
      el.map!.jumpTo({ center: [-0.04, 51.43], zoom: 16 }); // nothing there
      await until(() => contributionRequests(net.urls).length === 1, 'the request for the empty corner');
      const stale = net.signals.at(-1)!;
      net.hold = undefined;
      el.map!.jumpTo({ center: [-0.0877, 51.4741], zoom: 13 }); // back to the five
      expect(stale.aborted, 'the first request is cancelled as soon as the view moves on').to.equal(true);
      await until(() => contributionRequests(net.urls).length === 2, 'the request for the new view');
      release();
      await until(() => text($(el, '.count')) === '5 items in view', 'the answer for the view in front');
      await sleep(300);
      expect(text($(el, '.count'))).to.equal('5 items in view');
      expect(bboxOf(contributionRequests(net.urls)[0]!)).to.not.deep.equal(bboxOf(contributionRequests(net.urls)[1]!));
    } finally {
      release();
      net.restore();
    }
  });

  describe('clusters', () => {
    let crowded: MapFixtures;
    before(async () => {
      // 200 contributions in a small square: more than one viewport receives (150), so the API clusters them.
      const points: [number, number][] = [];
      for (let i = 0; i < 200; i++) points.push([-0.094 + (i % 20) * 0.0006, 51.471 + Math.floor(i / 20) * 0.0006]);
      crowded = await seedMap({ points, title: 'Busy map' });
    });

    const clusterButtons = (el: CivicMap) => $$(el, '.item--cluster');
    const countOf = (button: HTMLElement) => Number(/^(\d+)/.exec(text(button))![1]);

    it('shows many features as clusters, on the map and as "N items near …, show" in the list', async () => {
      const el = await projectMap(crowded.projectId);
      expect(text($(el, '.count'))).to.equal('200 items in view');
      const buttons = clusterButtons(el);
      expect(buttons.length).to.be.greaterThan(0);
      expect(text(buttons[0])).to.match(/^\d+ Busy map items near (the middle|the top|the bottom|the left|the right|the top left|the top right|the bottom left|the bottom right) of the map, show$/);
      const inList = buttons.reduce((sum, button) => sum + countOf(button), 0) + $$(el, '.item:not(.item--cluster)').length;
      expect(inList).to.equal(200);
      await until(() => el.map!.queryRenderedFeatures({ layers: ['civic-cluster'] }).length === buttons.length, 'the clusters drawn');
      await until(() => el.map!.queryRenderedFeatures({ layers: ['civic-count'] }).length === buttons.length, 'their counts drawn');
      await accessible(el, 'clusters');
    });

    it('opens a cluster from the list with Enter: zoomed in until it splits, focus on the list', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const el = await projectMap(crowded.projectId);
      const biggest = clusterButtons(el).sort((a, b) => countOf(b) - countOf(a))[0]!;
      const { key } = biggest.dataset;
      const count = countOf(biggest);
      const zoom = el.map!.getZoom();
      biggest.focus();
      const viewChanged = once(el, 'civic-view-change'); // opening a cluster is a person's move
      await sendKeys({ press: 'Enter' });
      expect((await viewChanged).zoom).to.be.greaterThan(zoom);
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement?.id).to.equal('list-heading');
      expect(el.map!.isMoving(), 'no animation for reduced motion').to.equal(false);
      expect(el.map!.getZoom()).to.be.greaterThan(zoom);
      await reloaded(el, '200 items in view');
      expect($$(el, '.item').some((item) => item.dataset['key'] === key), 'the cluster is gone').to.equal(false);
      const largest = Math.max(0, ...clusterButtons(el).map(countOf));
      expect(largest, 'what it held is now in smaller groups or one by one').to.be.lessThan(count);
    });

    it('opens a cluster clicked on the map, with an easing move', async () => {
      const el = await projectMap(crowded.projectId);
      await until(() => el.map!.queryRenderedFeatures({ layers: ['civic-cluster'] }).length > 0, 'the clusters drawn');
      const [cluster] = el.map!.queryRenderedFeatures({ layers: ['civic-cluster'] });
      const point = el.map!.project((cluster!.geometry as GeoJSON.Point).coordinates as [number, number]);
      const rect = el.map!.getCanvas().getBoundingClientRect();
      const zoom = el.map!.getZoom();
      await sendMouse({ type: 'click', position: [Math.round(rect.left + point.x), Math.round(rect.top + point.y)] });
      await until(() => el.map!.isMoving(), 'the map to ease in', 2000);
      await until(() => !el.map!.isMoving() && el.map!.getZoom() > zoom, 'the map to arrive', 4000);
      await reloaded(el, '200 items in view');
    });
  });

  it('says when the service cannot be reached, with a "Try again" that tries again', async () => {
    const el = await fixture<CivicMap>(html`<civic-map api=${await closedPort()} org=${ORG} basemap="none" style="--civic-map-height: 300px"></civic-map>`);
    await until(() => $(el, '[part="error"]'), 'the problem', 8000);
    expect(text($(el, '[part="error"] p'))).to.equal('We could not connect to the service. Check your internet connection and try again.');
    await until(() => text($(el, '[role="status"]')).startsWith('We could not connect'), 'the problem announced');
    await accessible(el, 'error');
    const net = network();
    try {
      $$<HTMLButtonElement>(el, '[part="error"] button')[0]!.click();
      await until(() => net.urls.some((url) => url.includes('/v1/orgs/test-council')), 'another try');
      await until(() => $(el, '[part="error"]'), 'the problem again', 8000);
    } finally {
      net.restore();
    }
  });

  it('keeps the map when loading its data fails, and loads it on "Try again"', async () => {
    const el = await projectMap(seeded.projectId);
    const net = network();
    try {
      net.fail = true;
      el.map!.jumpTo({ center: [-0.086, 51.474] });
      await until(() => $(el, '[part="error"]'), 'the problem', 6000);
      expect(text($(el, '[part="error"] p'))).to.contain('We could not connect to the service.');
      expect(text($(el, '.count'))).to.equal('');
      expect($(el, '.map canvas')).to.not.equal(null);
      await accessible(el, 'data error');
      net.fail = false;
      $$<HTMLButtonElement>(el, '[part="error"] button')[0]!.click();
      await until(() => text($(el, '.count')) === '5 items in view', 'the data after trying again');
      expect($(el, '[part="error"]')).to.equal(null);
    } finally {
      net.restore();
    }
  });

  it('says so when the organisation is unknown', async () => {
    const el = await fixture<CivicMap>(html`<civic-map api=${api()} org="no-such-org" basemap="none"></civic-map>`);
    await until(() => $(el, '[part="error"]'), 'the problem', 6000);
    expect(text($(el, '[part="error"] p'))).to.equal('This service is not set up for this website yet. Please tell the website owner.');
    expect(listItems(el)).to.deep.equal([]);
  });
});
