// The map routes' part of the OpenAPI document: projects, contributions, places, events, layers,
// photos and address search, described from the protocol's schemas.
import { z } from 'zod';
import {
  ContributionCreate,
  ContributionFeature,
  ContributionUpdate,
  EventCreate,
  EventFeature,
  EventUpdate,
  Flag,
  FlagCreate,
  GeocodeResults,
  LayerFeatureCollection,
  LayerList,
  MapProject,
  MapProjectCreate,
  MapProjectUpdate,
  ModerationAction,
  Photo,
  PlaceCreate,
  PlaceFeature,
  PlaceUpdate,
  ProjectMembers,
  ReviewQueue,
  page,
} from '@civic-elements/protocol';
import { error, type Operation } from './operation.js';

const string = { type: 'string' };
const pageQuery = {
  cursor: { schema: string, description: 'nextCursor of the previous page' },
  limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' },
};
/** The viewport query every layer URL answers. */
const layerQuery = {
  bbox: { schema: string, description: 'minLon,minLat,maxLon,maxLat (required)' },
  zoom: { schema: { type: 'number', minimum: 0, maximum: 24, default: 14 }, description: "The map's zoom: decides where features come back as clusters" },
  category: { schema: string, description: 'Comma-separated category ids' },
  from: { schema: { type: 'string', format: 'date-time' }, description: 'Events: only those still running at or after this time' },
  to: { schema: { type: 'string', format: 'date-time' }, description: 'Events: only those starting before this time' },
  status: { schema: { enum: ['active', 'pending', 'review', 'deleted', 'all'] }, description: 'Moderators only: other statuses than active' },
};
const Emails = z.object({ emails: z.array(z.string()) });
const bad = error('validation_failed (fields keyed by path, e.g. geometry.coordinates.0.3)');
const writeErrors = { 400: bad, 401: error('unauthenticated'), 403: error('forbidden or origin_not_allowed'), 404: error('not_found') };
const ical = (summary: string, params: string[]): Operation => ({ summary, params, responses: { 200: { description: 'iCalendar (RFC 5545)', contentType: 'text/calendar' }, 404: error('not_found') } });

export const MAP_ROUTES: Record<string, Record<string, Operation>> = {
  '/v1/orgs/{org}/layers': {
    get: { summary: "Every layer the organisation's maps can show", params: ['org'], responses: { 200: { description: 'Layers', schema: LayerList }, 404: error('org_not_found') } },
  },
  '/v1/orgs/{org}/projects': {
    get: { summary: 'Map projects (archived ones for staff too)', params: ['org'], query: pageQuery, responses: { 200: { description: 'A page of projects', schema: page(MapProject) }, 404: error('org_not_found') } },
    post: { summary: 'Create a map project (officers, moderators, admins)', auth: true, params: ['org'], body: MapProjectCreate, responses: { 201: { description: 'Created', schema: MapProject }, ...writeErrors } },
  },
  '/v1/orgs/{org}/projects/{id}': {
    get: { summary: 'A map project, with what the signed-in person may do', params: ['org', 'id'], responses: { 200: { description: 'The project', schema: MapProject }, 404: error('not_found') } },
    patch: { summary: 'Change a map project (categories replace the list)', auth: true, params: ['org', 'id'], body: MapProjectUpdate, responses: { 200: { description: 'The project', schema: MapProject }, ...writeErrors } },
    delete: { summary: 'Delete a project with no contributions (else archive it)', auth: true, params: ['org', 'id'], responses: { 204: { description: 'Deleted' }, ...writeErrors, 409: error('conflict') } },
  },
  '/v1/orgs/{org}/projects/{id}/members': {
    get: { summary: "A project's members (staff)", auth: true, params: ['org', 'id'], responses: { 200: { description: 'Emails', schema: Emails }, 403: error('forbidden') } },
    put: { summary: "Replace a project's members (staff)", auth: true, params: ['org', 'id'], body: ProjectMembers, responses: { 200: { description: 'Emails', schema: Emails }, ...writeErrors } },
  },
  '/v1/orgs/{org}/projects/{id}/contributions': {
    get: { summary: 'Contributions in a viewport, clustered where they would be too many', params: ['org', 'id'], query: layerQuery, responses: { 200: { description: 'GeoJSON', schema: LayerFeatureCollection, contentType: 'application/geo+json' }, 400: bad, 404: error('not_found') } },
    post: { summary: 'Add a contribution (a GeoJSON Feature)', auth: true, params: ['org', 'id'], body: ContributionCreate, responses: { 201: { description: 'Created (active, or pending review)', schema: ContributionFeature }, ...writeErrors } },
  },
  '/v1/orgs/{org}/projects/{id}/contributions/{cid}': {
    get: { summary: 'One contribution', params: ['org', 'id', 'cid'], responses: { 200: { description: 'GeoJSON Feature', schema: ContributionFeature }, 404: error('not_found') } },
    patch: { summary: 'Change a contribution (its author or a moderator)', auth: true, params: ['org', 'id', 'cid'], body: ContributionUpdate, responses: { 200: { description: 'GeoJSON Feature', schema: ContributionFeature }, ...writeErrors } },
    delete: { summary: 'Remove a contribution (its author or a moderator)', auth: true, params: ['org', 'id', 'cid'], responses: { 204: { description: 'Removed' }, ...writeErrors } },
  },
  '/v1/orgs/{org}/projects/{id}/contributions/{cid}/flags': {
    get: { summary: "A contribution's flags (moderators)", auth: true, params: ['org', 'id', 'cid'], responses: { 200: { description: 'Flags', schema: z.object({ items: z.array(Flag) }) }, 403: error('forbidden') } },
    post: { summary: 'Flag a contribution for review (once per person)', auth: true, params: ['org', 'id', 'cid'], body: FlagCreate, responses: { 201: { description: 'Flagged' }, ...writeErrors, 409: error('already_flagged') } },
  },
  '/v1/orgs/{org}/projects/{id}/contributions/{cid}/moderation': {
    post: { summary: 'Approve, reject or restore (moderators)', auth: true, params: ['org', 'id', 'cid'], body: ModerationAction, responses: { 200: { description: 'GeoJSON Feature', schema: ContributionFeature }, ...writeErrors, 409: error('conflict (not possible from this status)') } },
  },
  '/v1/orgs/{org}/projects/{id}/review': {
    get: { summary: 'The moderation queue: pending and flagged contributions (moderators)', auth: true, params: ['org', 'id'], query: pageQuery, responses: { 200: { description: 'A page of items', schema: ReviewQueue }, 403: error('forbidden') } },
  },
  '/v1/orgs/{org}/projects/{id}/export.geojson': {
    get: { summary: 'Every published contribution as GeoJSON', params: ['org', 'id'], responses: { 200: { description: 'FeatureCollection', contentType: 'application/geo+json' }, 404: error('not_found') } },
  },
  '/v1/orgs/{org}/projects/{id}/export.csv': {
    get: { summary: 'Every published contribution as CSV (one column per field)', params: ['org', 'id'], responses: { 200: { description: 'CSV (RFC 4180)', contentType: 'text/csv' }, 404: error('not_found') } },
  },
  '/v1/orgs/{org}/projects/{id}/calendar.ics': { get: ical("A project's events as an iCalendar feed", ['org', 'id']) },
  '/v1/orgs/{org}/calendar.ics': { get: ical("An organisation's events as an iCalendar feed", ['org']) },
  '/v1/orgs/{org}/places': {
    get: { summary: 'Places in a viewport', params: ['org'], query: layerQuery, responses: { 200: { description: 'GeoJSON', schema: LayerFeatureCollection, contentType: 'application/geo+json' }, 400: bad } },
    post: { summary: 'Add a place (officers, moderators, admins)', auth: true, params: ['org'], body: PlaceCreate, responses: { 201: { description: 'Created', schema: PlaceFeature }, ...writeErrors } },
  },
  '/v1/orgs/{org}/places/{id}': {
    get: { summary: 'One place', params: ['org', 'id'], responses: { 200: { description: 'GeoJSON Feature', schema: PlaceFeature }, 404: error('not_found') } },
    patch: { summary: 'Change a place', auth: true, params: ['org', 'id'], body: PlaceUpdate, responses: { 200: { description: 'GeoJSON Feature', schema: PlaceFeature }, ...writeErrors } },
    delete: { summary: 'Remove a place', auth: true, params: ['org', 'id'], responses: { 204: { description: 'Removed' }, ...writeErrors } },
  },
  '/v1/orgs/{org}/events': {
    get: { summary: 'Events in a viewport (upcoming unless from/to say otherwise)', params: ['org'], query: layerQuery, responses: { 200: { description: 'GeoJSON', schema: LayerFeatureCollection, contentType: 'application/geo+json' }, 400: bad } },
    post: { summary: 'Add an event (officers, moderators, admins)', auth: true, params: ['org'], body: EventCreate, responses: { 201: { description: 'Created', schema: EventFeature }, ...writeErrors } },
  },
  '/v1/orgs/{org}/events/{id}': {
    get: { summary: 'One event', params: ['org', 'id'], responses: { 200: { description: 'GeoJSON Feature', schema: EventFeature }, 404: error('not_found') } },
    patch: { summary: 'Change an event', auth: true, params: ['org', 'id'], body: EventUpdate, responses: { 200: { description: 'GeoJSON Feature', schema: EventFeature }, ...writeErrors } },
    delete: { summary: 'Remove an event', auth: true, params: ['org', 'id'], responses: { 204: { description: 'Removed' }, ...writeErrors } },
  },
  '/v1/orgs/{org}/events/{id}/event.ics': { get: ical('One event as an iCalendar file', ['org', 'id']) },
  '/v1/orgs/{org}/media': {
    post: {
      summary:
        'Upload a photo: the body is the JPEG, PNG or WebP bytes (at most 10 MB); EXIF and GPS are removed. Without signing in only where the organisation takes anonymous reports (rate-limited per address; only the same address may attach it to a report, within the hour)',
      auth: true,
      params: ['org'],
      responses: { 201: { description: 'Stored', schema: Photo }, 400: error('validation_failed (empty body)'), 401: error('unauthenticated'), 403: error('origin_not_allowed'), 404: error('org_not_found'), 413: error('payload_too_large (over 10 MB or 40 megapixels)'), 415: error('unsupported_media_type (not JPEG, PNG or WebP bytes)'), 429: error('rate_limited') },
    },
  },
  '/v1/media/{id}/{file}': {
    get: { summary: 'A stored photo variant (thumb.jpg or large.jpg), cacheable for ever', params: ['id', 'file'], responses: { 200: { description: 'JPEG', contentType: 'image/jpeg' }, 404: error('not_found') } },
  },
  '/v1/geocode': {
    get: {
      summary: "Address search: streets and places, inside the organisation's area first",
      query: {
        org: { schema: string, description: "The organisation's slug (required)" },
        q: { schema: string, description: 'What to look for, at least 2 characters (required)' },
        limit: { schema: { type: 'integer', minimum: 1, maximum: 20, default: 8 }, description: 'At most this many results' },
      },
      responses: { 200: { description: 'Results', schema: GeocodeResults }, 400: bad, 503: error('service_unavailable (the address service did not answer; Retry-After)') },
    },
  },
};
