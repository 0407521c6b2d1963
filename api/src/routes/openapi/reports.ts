// The report routes' part of the OpenAPI document: categories, settings, reports, officers' updates,
// merging, photos, follow/support and the reports map layer, described from the protocol's schemas.
import {
  ReportBulkResult,
  ReportBulkUpdate,
  ReportCategory,
  ReportCategoryCreate,
  ReportCategoryList,
  ReportCategoryUpdate,
  ReportCreate,
  ReportDetail,
  ReportFeatureCollection,
  ReportMerge,
  ReportPage,
  ReportRelation,
  ReportSettings,
  ReportUpdate,
} from '@civic-elements/protocol';
import { error, type Operation } from './operation.js';

const string = { type: 'string' };
const boolean = { enum: ['true', 'false'] };
const csv = (what: string) => ({ schema: string, description: `Comma-separated ${what}` });
const bad = error('validation_failed (fields keyed by path, e.g. location, fields.depth, photos.0)');
const writeErrors = { 400: bad, 401: error('unauthenticated'), 403: error('forbidden or origin_not_allowed'), 404: error('not_found or org_not_found') };
const ref = ['org', 'ref'];

const listQuery = {
  mine: { schema: boolean, description: 'Only the signed-in person’s reports (needs sign-in)' },
  following: { schema: boolean, description: 'Only reports the signed-in person follows (needs sign-in)' },
  near: { schema: string, description: 'longitude,latitude: only reports within `radius` of it; adds `distance`' },
  radius: { schema: { type: 'integer', minimum: 10, maximum: 5000, default: 500 }, description: 'Metres around `near`' },
  category: csv('category codes'),
  status: csv('status keys (the workflow’s steps); asking for the duplicate step lists merged duplicates'),
  open: { schema: boolean, description: 'Only open (true) or closed (false) reports' },
  department: csv('department slugs, or none for reports without one. Officers with departments see their own unless this says otherwise'),
  bbox: { schema: string, description: 'minLon,minLat,maxLon,maxLat' },
  olderThan: { schema: { type: 'integer', minimum: 0 }, description: 'Made more than this many days ago' },
  newerThan: { schema: { type: 'integer', minimum: 0 }, description: 'Made less than this many days ago' },
  q: { schema: string, description: 'Words in the reference, description or address' },
  sort: { schema: { enum: ['newest', 'oldest', 'updated', 'nearest', 'supported'], default: 'newest' }, description: 'nearest needs near' },
  cursor: { schema: string, description: 'nextCursor of the previous page (with the same sort)' },
  limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' },
};

const relation = (what: 'follow' | 'support'): Record<string, Operation> => ({
  put: {
    summary: what === 'follow' ? 'Follow a report: an email on each public change' : 'Support a report (+1; also follows). Not one’s own report',
    auth: true,
    params: ref,
    responses: { 200: { description: 'The new relation and counts', schema: ReportRelation }, ...writeErrors, 409: error('conflict (merged into another report, or one’s own report)') },
  },
  delete: {
    summary: what === 'follow' ? 'Stop following a report' : 'Take back one’s support',
    auth: true,
    params: ref,
    responses: { 200: { description: 'The new relation and counts', schema: ReportRelation }, ...writeErrors },
  },
});

export const REPORT_ROUTES: Record<string, Record<string, Operation>> = {
  '/v1/orgs/{org}/report-categories': {
    get: { summary: 'What residents can report: every category, inactive ones marked', params: ['org'], responses: { 200: { description: 'Categories in the organisation’s order', schema: ReportCategoryList }, 404: error('org_not_found') } },
    post: { summary: 'Add a report category (admins)', auth: true, params: ['org'], body: ReportCategoryCreate, responses: { 201: { description: 'Created', schema: ReportCategory }, ...writeErrors, 409: error('conflict (the code is taken)') } },
  },
  '/v1/orgs/{org}/report-categories/{id}': {
    patch: { summary: 'Change a report category (admins); its code stays', auth: true, params: ['org', 'id'], body: ReportCategoryUpdate, responses: { 200: { description: 'The category', schema: ReportCategory }, ...writeErrors } },
  },
  '/v1/orgs/{org}/report-settings': {
    get: { summary: 'The workflow, whether anonymous reports are taken, and the nearby radius', params: ['org'], responses: { 200: { description: 'Settings', schema: ReportSettings }, 404: error('org_not_found') } },
    put: { summary: 'Replace the report settings (admins); a step reports are at cannot be removed', auth: true, params: ['org'], body: ReportSettings, responses: { 200: { description: 'Settings', schema: ReportSettings }, ...writeErrors } },
  },
  '/v1/orgs/{org}/reports': {
    get: { summary: 'Reports, newest first unless sorted otherwise; reporters are shown to officers only', params: ['org'], query: listQuery, responses: { 200: { description: 'A page of reports', schema: ReportPage }, 400: bad, 401: error('unauthenticated (mine or following without sign-in)'), 404: error('org_not_found') } },
    post: {
      summary: 'Report a problem: signed in, or with an email where the organisation takes anonymous reports. A resend with the same clientRequestId answers 200 with the report already made',
      params: ['org'],
      body: ReportCreate,
      responses: {
        201: { description: 'Made; the reporter gets a confirmation email', schema: ReportDetail },
        200: { description: 'A resend: the report made the first time', schema: ReportDetail },
        ...writeErrors,
        409: error('conflict (the clientRequestId belongs to someone else’s report)'),
        429: error('rate_limited (anonymous reports per address)'),
      },
    },
  },
  '/v1/orgs/{org}/reports/bulk': {
    post: { summary: 'The same update to up to 100 reports (officers); each succeeds or fails alone', auth: true, params: ['org'], body: ReportBulkUpdate, responses: { 200: { description: 'Which were updated and why the others were not', schema: ReportBulkResult }, ...writeErrors } },
  },
  '/v1/orgs/{org}/reports/{ref}': {
    get: { summary: 'One report by id or reference (SWK-1042), with its timeline (internal notes for officers only)', params: ref, responses: { 200: { description: 'The report', schema: ReportDetail }, 404: error('not_found') } },
  },
  '/v1/orgs/{org}/reports/{ref}/updates': {
    post: {
      summary: 'Change status, add notes, reassign category or department, set the expected date (officers of its department, or without departments; admins)',
      auth: true,
      params: ref,
      body: ReportUpdate,
      responses: { 200: { description: 'The report', schema: ReportDetail }, ...writeErrors, 409: error('conflict (already at that step, nothing to change, or merged into another report)') },
    },
  },
  '/v1/orgs/{org}/reports/{ref}/merge': {
    post: { summary: 'Mark a report as a duplicate of `into`: it takes the duplicate step, its followers and supporters move over', auth: true, params: ref, body: ReportMerge, responses: { 200: { description: 'The duplicate', schema: ReportDetail }, ...writeErrors, 409: error('conflict (already merged)') } },
  },
  '/v1/orgs/{org}/reports/{ref}/photos/{photoId}': {
    delete: {
      summary: 'Remove an inappropriate photo (officers); `?reason=` goes in the internal note. The photo is no longer served',
      auth: true,
      params: [...ref, 'photoId'],
      query: { reason: { schema: string, description: 'Why (kept as an internal note)' } },
      responses: { 200: { description: 'The report', schema: ReportDetail }, ...writeErrors },
    },
  },
  '/v1/orgs/{org}/reports/{ref}/follow': relation('follow'),
  '/v1/orgs/{org}/reports/{ref}/support': relation('support'),
  '/v1/orgs/{org}/report-features': {
    get: {
      summary: 'The reports map layer: open reports in a viewport (closed ones too with open=false), clustered where they would be too many',
      params: ['org'],
      query: {
        bbox: { schema: string, description: 'minLon,minLat,maxLon,maxLat (required)' },
        zoom: { schema: { type: 'number', minimum: 0, maximum: 24, default: 14 }, description: "The map's zoom" },
        category: csv('category codes (or ids)'),
        open: { schema: boolean, description: 'false: closed reports too' },
      },
      responses: { 200: { description: 'GeoJSON', schema: ReportFeatureCollection, contentType: 'application/geo+json' }, 400: bad, 404: error('org_not_found') },
    },
  },
};
