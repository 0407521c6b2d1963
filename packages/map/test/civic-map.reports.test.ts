// <civic-map> with the organisation's layer of reported problems: drawn (closed ones as rings), listed
// with their status and reference, and opened in the detail panel with a link to the report.
import { expect, fixture, html } from '@open-wc/testing';
import type { LayerList, Report } from '@civic-elements/protocol';
import type { CivicMap } from '../src/index.js';
import { categories, call, east, seedCategories, person, report, settings, spot, update } from '../../report/test/report-list.data.js';
import { $, $$, accessible, api, listItems, loaded, once, ORG, recordRequests, text, until } from './civic-map.helpers.js';

/** A map of the reports layer only, centred on `at` at street zoom, on a plain background. */
async function reportsMap(layer: string, at: [number, number], reportUrl?: string): Promise<CivicMap> {
  const el = await fixture<CivicMap>(html`<civic-map api=${api()} org=${ORG} basemap="none" layers=${layer} center=${at.join(',')} zoom="17"
    report-url=${reportUrl ?? ''} style="--civic-map-height: 400px; width: 1000px"></civic-map>`);
  await loaded(el);
  return el;
}

/** The features the map draws as points (their source properties), once it has drawn them. */
async function drawnPoints(el: CivicMap, count: number): Promise<Record<string, unknown>[]> {
  await until(() => el.map!.queryRenderedFeatures({ layers: ['civic-point'] }).length >= count, `${count} points drawn`, 6000);
  return el.map!.queryRenderedFeatures({ layers: ['civic-point'] }).map((feature) => feature.properties);
}

describe('<civic-map> reports layer', () => {
  let layer: string;
  let open: Report;
  let other: Report;
  let categoryName: string;
  let at: [number, number];

  before(async () => {
    await seedCategories();
    const layers = await call<LayerList>('GET', `/v1/orgs/${ORG}/layers`);
    const reports = layers.layers.find((candidate) => candidate.kind === 'reports');
    if (!reports) throw new Error(`no reports layer in ${layers.layers.map((l) => l.id).join(', ')}`);
    layer = reports.id;
    const kinds = await categories();
    const resident = await person();
    at = spot();
    open = await report(resident.accessToken, { category: kinds[0]!, at, description: 'Fly-tipped mattress on the pavement.' });
    other = await report(resident.accessToken, { category: kinds[1]!, at: east(at, 40) });
    categoryName = kinds[0]!.name;
    const officer = await person('officer');
    const step = (await settings()).workflow.steps.find((s, i) => i > 0 && s.open311 === 'open');
    if (step) await update(officer.accessToken, other.id, { status: step.key });
    other = await call<Report>('GET', `/v1/orgs/${ORG}/reports/${other.id}`);
  });

  it('draws the reports and lists them with their status and reference', async () => {
    const el = await reportsMap(layer, at);
    const keys = (await drawnPoints(el, 2)).map((properties) => properties['k']);
    expect(keys).to.include.members([`${layer}/${open.id}`, `${layer}/${other.id}`]);
    const items = listItems(el);
    const entry = items.find((line) => line.includes(open.reference));
    expect(entry, items.join(' | ')).to.match(new RegExp(`${open.statusLabel} \\(open\\) · ${open.reference}$`));
    expect(items.find((line) => line.includes(other.reference))).to.contain(`${other.statusLabel} (open)`);
    await accessible(el, 'reports listed');
  });

  it('opens a report\'s details from the list: category, status in words, reference, date and a link to it', async () => {
    const el = await reportsMap(layer, at, '/reports.html?ref={reference}');
    await drawnPoints(el, 2);
    const item = $$(el, '.item').find((button) => text(button).includes(open.reference))!;
    const selected = once(el, 'civic-feature-select');
    item.click();
    const event = await selected;
    expect(event.feature.id).to.equal(open.id);
    expect(event.feature.properties).to.include({ layer: 'reports', reference: open.reference, open: true });
    await el.updateComplete;
    const panel = $(el, '.panel')!;
    expect(el.shadowRoot!.activeElement?.id, 'focus moves to the title').to.equal('panel-title');
    expect(text(panel.querySelector('#panel-title')), 'the API\'s title starts with the category').to.match(new RegExp(`^${categoryName}\\b`));
    expect(text(panel.querySelector('.panel__kind')), 'the layer lists no categories: its name').to.equal('Reported problems');
    const fields = [...panel.querySelectorAll('.fields > div')].map((row) => `${text(row.querySelector('dt'))}: ${text(row.querySelector('dd'))}`);
    expect(fields).to.deep.equal([
      `Status: ${open.statusLabel} (open)`,
      `Reference: ${open.reference}`,
      `Reported: ${new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(open.createdAt))}`,
    ]);
    const link = panel.querySelector<HTMLAnchorElement>('a[part~="report-link"]')!;
    expect(link.getAttribute('href')).to.equal(`/reports.html?ref=${open.reference}`);
    expect(text(link)).to.equal(`Open report ${open.reference}`);
    await accessible(el, 'report details');
  });

  it('names the layer and speaks of reports in Italian', async () => {
    const el = await fixture<CivicMap>(html`<civic-map lang="it" api=${api()} org=${ORG} basemap="none" layers=${layer} center=${at.join(',')} zoom="17"
      style="--civic-map-height: 400px; width: 1000px"></civic-map>`);
    await loaded(el);
    await drawnPoints(el, 2);
    expect(listItems(el).find((line) => line.includes(open.reference))).to.contain('(aperta)');
  });

  it('shows closed reports too when asked, drawn as rings and said to be closed', async () => {
    const resident = await person();
    const where = spot();
    const kinds = await categories();
    const stillOpen = await report(resident.accessToken, { category: kinds[0]!, at: where });
    const fixed = await report(resident.accessToken, { category: kinds[0]!, at: east(where, 50) });
    const workflow = (await settings()).workflow;
    const closed = workflow.steps.find((step) => step.open311 === 'closed' && step.key !== workflow.duplicateStep)!;
    await update((await person('officer')).accessToken, fixed.id, { status: closed.key });
    const el = await reportsMap(layer, where);
    await drawnPoints(el, 1);
    expect(listItems(el).join(' | '), 'open reports only, at first').to.not.contain(fixed.reference);

    $<HTMLElement>(el, 'summary[part="filters-toggle"]')!.click();
    await el.updateComplete;
    const checkbox = $$<HTMLInputElement>(el, 'input[name="closed"]')[0]!;
    expect(text(checkbox.closest('label'))).to.equal('Show closed reports too');
    expect(text(checkbox.closest('fieldset')!.querySelector('legend'))).to.equal('Reported problems');
    const requests = recordRequests();
    try {
      checkbox.click();
      await until(() => listItems(el).some((line) => line.includes(fixed.reference)), 'the closed report in the list', 6000);
      expect(requests.urls.some((url) => url.includes('/report-features?') && new URL(url).searchParams.get('open') === 'false')).to.equal(true);
    } finally {
      requests.restore();
    }
    await loaded(el);
    expect($<HTMLDetailsElement>(el, 'details.filters')!.open, 'the filters stay open').to.equal(true);
    expect(checkbox.checked).to.equal(true);
    expect(listItems(el).find((line) => line.includes(fixed.reference))).to.contain(`${closed.label} (closed)`);
    const points = await drawnPoints(el, 2);
    const hollow = (id: string) => points.find((properties) => properties['k'] === `${layer}/${id}`)?.['h'];
    expect(hollow(fixed.id), 'a closed report is a ring').to.equal(1);
    expect(hollow(stillOpen.id), 'an open one a disc').to.equal(undefined);
    await accessible(el, 'closed reports too');
  });
});
