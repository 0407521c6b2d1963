// <civic-map>'s life on a page: maplibre loaded only when the map comes into view, its CSS adopted,
// the map removed and rebuilt as the element leaves and comes back, and sized when first shown late.
import { expect, fixture, html } from '@open-wc/testing';
import type { CivicMap } from '../src/index.js';
import { $, accessible, api, fetched, loaded, ORG, sleep, until } from './civic-map.helpers.js';

/** A map that asks for no layer data: these tests are about the map itself. */
const bareMap = () => html`<civic-map api=${api()} org=${ORG} basemap="none" layers="none" style="--civic-map-height: 300px"></civic-map>`;

describe('<civic-map> on the page', () => {
  // First in this file: the page has not loaded maplibre yet.
  it('loads maplibre only when it scrolls into view, with its CSS adopted and the worker from worker-url', async () => {
    const workerUrl = '/node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs?from=worker-url';
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <div style="height: 4000px">A long page</div>
      <civic-map api=${api()} org=${ORG} basemap="none" layers="none" worker-url=${workerUrl} style="--civic-map-height: 300px"></civic-map>
    </div>`);
    const el = wrapper.querySelector('civic-map')!;
    await sleep(400);
    expect(fetched(/maplibre-gl\.(mjs|css)/), 'nothing of maplibre before the map is in view').to.deep.equal([]);
    expect(fetched(/\/v1\/orgs\//), 'nor any map data').to.deep.equal([]);
    expect(el.map).to.equal(undefined);
    await accessible(el, 'waiting to come into view');

    el.scrollIntoView();
    await loaded(el);
    expect(fetched(/maplibre-gl\.mjs/).length).to.equal(1);
    expect(fetched(/maplibre-gl\.css/).length).to.equal(1);
    // maplibre's stylesheet is in the shadow root: its container rules apply.
    expect(el.shadowRoot!.adoptedStyleSheets.some((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.startsWith('.maplibregl-map')))).to.equal(true);
    expect(getComputedStyle(el.map!.getContainer()).overflow).to.equal('hidden');
    expect(el.maplibre!.getWorkerUrl()).to.equal(new URL(workerUrl, location.href).href);
    expect(fetched(/from=worker-url/).length, 'the worker came from worker-url').to.be.greaterThan(0);
  });

  it('removes the map when it leaves the page and builds a new one when it comes back', async () => {
    const el = await fixture<CivicMap>(bareMap());
    await loaded(el);
    const first = el.map!;
    const parent = el.parentElement!;
    el.remove();
    expect(el.map).to.equal(undefined);
    expect(first.getContainer().querySelector('canvas'), 'maplibre took its canvas away').to.equal(null);
    parent.append(el);
    await loaded(el);
    expect(el.map).to.not.equal(first);
    expect($(el, '.map canvas')).to.not.equal(null);
    expect(el.map!.getCanvas().clientWidth).to.equal($(el, '.map')!.clientWidth);
  });

  it('waits while hidden (a closed tab or dialog), then takes its full size when shown', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div hidden style="width: 640px">${bareMap()}</div>`);
    const el = wrapper.querySelector('civic-map')!;
    await sleep(400);
    expect(el.map, 'a hidden map is not built').to.equal(undefined);
    wrapper.hidden = false;
    await loaded(el);
    const frame = $(el, '.map')!;
    expect(frame.clientWidth).to.equal(640 - 2); // inside the stage's border
    expect(el.map!.getCanvas().clientWidth).to.equal(frame.clientWidth);
    expect(el.map!.getCanvas().clientHeight).to.equal(frame.clientHeight);

    // Hidden again, resized while hidden (a tab switched away, the window narrowed), shown again.
    wrapper.hidden = true;
    wrapper.style.width = '420px';
    await sleep(100);
    wrapper.hidden = false;
    await until(() => el.map!.getCanvas().clientWidth === 420 - 2, 'the map to follow its container', 3000);
  });

  it('is a plain background with basemap="none" and OpenStreetMap with its attribution by default', async () => {
    const plain = await fixture<CivicMap>(bareMap());
    await loaded(plain);
    expect(Object.keys(plain.map!.getStyle().sources)).to.deep.equal(['civic']);
    expect(plain.map!.getStyle().layers[0]).to.include({ id: 'background', type: 'background' });

    const osm = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} layers="none" style="--civic-map-height: 300px"></civic-map>`);
    await until(() => osm.map?.isStyleLoaded(), 'the OpenStreetMap style');
    const source = osm.map!.getStyle().sources['osm'] as { tiles: string[]; attribution: string };
    expect(source.tiles).to.deep.equal(['https://tile.openstreetmap.org/{z}/{x}/{y}.png']);
    await until(() => $(osm, '.maplibregl-ctrl-attrib-inner')?.textContent?.includes('OpenStreetMap'), 'the attribution');
    expect($(osm, '.maplibregl-ctrl-attrib-inner a')!.getAttribute('href')).to.equal('https://www.openstreetmap.org/copyright');
    expect($(osm, '.maplibregl-ctrl-attrib-inner')!.textContent).to.equal('© OpenStreetMap contributors');
    await accessible(osm, 'OpenStreetMap with its attribution');
  });

  it("starts at the organisation's centre and zoom unless center, zoom or bounds say otherwise", async () => {
    const org = await (await fetch(`${api()}/v1/orgs/${ORG}`)).json() as { map: { center: [number, number]; zoom: number } };
    const byOrg = await fixture<CivicMap>(bareMap());
    await loaded(byOrg);
    expect(byOrg.map!.getZoom()).to.be.closeTo(org.map.zoom, 0.01);
    expect(byOrg.map!.getCenter().toArray()[0]).to.be.closeTo(org.map.center[0], 1e-6);

    const byAttributes = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} basemap="none" layers="none" center="-0.07,51.47" zoom="15"></civic-map>`);
    await loaded(byAttributes);
    expect(byAttributes.map!.getZoom()).to.be.closeTo(15, 0.01);
    expect(byAttributes.map!.getCenter().toArray()).to.deep.equal([-0.07, 51.47]);

    const byBounds = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} basemap="none" layers="none" bounds="-0.1,51.46,-0.09,51.47" style="width: 600px"></civic-map>`);
    await loaded(byBounds);
    const bounds = byBounds.map!.getBounds();
    expect(bounds.getWest()).to.be.at.most(-0.1 + 1e-6);
    expect(bounds.getEast()).to.be.at.least(-0.09 - 1e-6);
    expect(byBounds.map!.getZoom()).to.be.greaterThan(13);
  });
});
