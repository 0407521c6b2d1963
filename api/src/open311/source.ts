// Where Open311 gets its reports and categories, and how it makes a report: the same store, the same
// checks (reports/create.ts) and the same notifications (reports/notify.ts: emails and webhooks) as
// POST /v1/orgs/:org/reports, so an Open311 request is an ordinary report.
import type { FieldValues } from '@civic-elements/protocol';
import { bboxContains } from '../domain/geo.js';
import { stepOf } from '../domain/workflow.js';
import { rankInArea } from '../geocode/area.js';
import { geocoderFor } from '../geocode/provider.js';
import { GeocoderUnavailable, type Geocoder } from '../geocode/types.js';
import type { Deps } from '../http/env.js';
import { createReport } from '../reports/create.js';
import { reportChanged } from '../reports/notify.js';
import { reportSettingsOf } from '../reports/settings.js';
import { newId } from '../secrets.js';
import type { Open311KeyRecord, OrgRecord, ReportCategoryRecord, ReportListQuery, ReportRecord, ReportSettingsRecord } from '../store/types.js';
import { badRequest, Open311Error } from './errors.js';
import type { RequestForm, RequestsQuery } from './params.js';
import type { RequestExtras } from './present.js';

export interface FoundRequest {
  report: ReportRecord;
  extras: RequestExtras;
}

export interface CreatedRequest {
  reference: string;
  serviceNotice: string | null;
  token: string;
}

export interface Open311Source {
  /** When the service list or a service definition last changed, anywhere (discovery's `changeset`). */
  changeset(): Promise<string>;
  /** Every category of the organisation, inactive ones included, in the order the organisation lists them. */
  categories(org: OrgRecord): Promise<ReportCategoryRecord[]>;
  /** GET requests: by `ids` when given, else by the window and filters; newest first, at most `query.limit`. */
  requests(org: OrgRecord, query: RequestsQuery, base: string): Promise<FoundRequest[]>;
  /** Reports by reference; ones the organisation does not have are left out. */
  requestsById(org: OrgRecord, references: readonly string[], base: string): Promise<FoundRequest[]>;
  referenceOfToken(org: OrgRecord, token: string): Promise<string | null>;
  /** Makes the report (throws Open311Error for a place outside the area or an address not found). */
  create(org: OrgRecord, key: Open311KeyRecord, category: ReportCategoryRecord, form: RequestForm, values: FieldValues): Promise<CreatedRequest>;
}

/** Before any category exists, discovery still needs a changeset: the day this API learnt Open311. */
const FIRST_CHANGESET = '2026-01-01T00:00:00.000Z';

/** `geocoder` defaults to the one the configuration names (the gazetteer unless GEOCODER_URL is set). */
export function open311Source(deps: Deps, geocoder: Geocoder = geocoderFor(deps.config, deps.store)): Open311Source {
  const { store } = deps;

  async function withExtras(org: OrgRecord, reports: readonly ReportRecord[], base: string): Promise<FoundRequest[]> {
    if (reports.length === 0) return [];
    const settings = await reportSettingsOf(store, org.id);
    const extras = await store.open311.requestExtras(org.id, reports.map((r) => r.rowid));
    return reports.map((report) => {
      const found = extras.get(report.rowid);
      // A duplicate says what it duplicates, unless the note written with the merge (or later) says more.
      const statusNotes = report.mergedInto && (found?.mergedAfterNote ?? true) ? `Duplicate of ${report.mergedInto.reference}.` : (found?.latestPublicNote ?? null);
      return { report, extras: { statusNotes, serviceNotice: noticeOf(settings, report.status), mediaUrl: found?.mediaUrl ?? null, base } };
    });
  }

  /** Where the report is: lat/long as sent, else the best match of address_string inside the area. */
  async function placeOf(org: OrgRecord, form: RequestForm): Promise<{ lon: number; lat: number; address: string | null }> {
    if (form.point) {
      if (!bboxContains(org.map.extent, [form.point.lon, form.point.lat])) {
        throw badRequest(`lat, long: this place is outside the area ${org.name} looks after; send it to the council responsible for that area.`);
      }
      return { ...form.point, address: form.addressString ?? null };
    }
    const words = form.addressString!;
    let results;
    try {
      results = await geocoder.search(words, { bbox: org.map.extent, limit: 10 });
    } catch (error) {
      if (error instanceof GeocoderUnavailable) throw new Open311Error(503, `address_string: the address search is not available just now (${error.message}); send lat and long instead.`, { 'Retry-After': '30' });
      throw error;
    }
    const best = rankInArea(results, org.map.extent, 1)[0];
    if (!best || !best.inArea) {
      throw badRequest(`address_string: no place called "${words}" was found in the area ${org.name} looks after; send lat and long instead.`);
    }
    const [lon, lat] = best.point.coordinates as [number, number];
    return { lon, lat, address: words };
  }

  async function requestsById(org: OrgRecord, references: readonly string[], base: string): Promise<FoundRequest[]> {
    const reports = await store.reports.list(org.id, { references, includeMerged: true, sort: 'newest', limit: references.length });
    return withExtras(org, reports, base);
  }

  return {
    requestsById,

    async changeset() {
      return (await store.open311.changeset()) ?? FIRST_CHANGESET;
    },

    async categories(org) {
      return store.reports.categories(org.id);
    },

    async requests(org, query, base) {
      if (query.ids) return requestsById(org, query.ids, base);
      const listQuery: ReportListQuery = {
        createdAfter: query.start,
        // The window's end is inclusive; the store's bound is not.
        createdBefore: new Date(Date.parse(query.end) + 1).toISOString(),
        includeMerged: true,
        sort: 'newest',
        limit: query.limit,
      };
      if (query.open !== undefined) listQuery.open = query.open;
      if (query.serviceCodes) {
        const byCode = new Map((await store.reports.categories(org.id)).map((c) => [c.code, c.id]));
        listQuery.categoryIds = query.serviceCodes.flatMap((code) => byCode.get(code) ?? []);
      }
      return withExtras(org, await store.reports.list(org.id, listQuery), base);
    },

    async referenceOfToken(org, token) {
      return store.open311.referenceOfToken(org.id, token);
    },

    async create(org, key, category, form, values) {
      const place = await placeOf(org, form);
      const settings = await reportSettingsOf(store, org.id);
      // media_url is not fetched (the API does not reach out to addresses a client names); officers
      // see it in the description, and GET requests shows it until the report has a photo of its own.
      const description = [form.description, form.mediaUrl ? `Photo: ${form.mediaUrl}` : undefined].filter(Boolean).join('\n\n');
      const name = [form.firstName, form.lastName].filter(Boolean).join(' ') || null;
      const { report } = await createReport(
        deps,
        org,
        settings,
        { category: category.code, description, location: { type: 'Point', coordinates: [place.lon, place.lat] }, address: place.address, fields: values, photos: [] },
        { email: form.email ?? null, name, addressHash: null },
      );
      const token = newId();
      await store.open311.recordRequest({ reportRowid: report.rowid, orgId: org.id, keyId: key.id, token, accountId: form.accountId ?? null, mediaUrl: form.mediaUrl ?? null }, deps.clock());
      // The same confirmation email and report.created webhook as a report made in the widgets.
      await reportChanged(deps, 'report.created', report);
      return { reference: report.reference, serviceNotice: noticeOf(settings, report.status), token };
    },
  };
}

/** What the report's current step tells residents will happen, or null when it says nothing. */
function noticeOf(settings: ReportSettingsRecord, status: string): string | null {
  return stepOf(settings.workflow, status)?.description || null;
}
