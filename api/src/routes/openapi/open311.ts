// The Open311 part of the OpenAPI document: the api_key routes under /v1, and GeoReport v2 at /open311/v2
// (its JSON shapes below; each path ending in .xml answers the same as XML, as the spec defines it).
import { z } from 'zod';
import { Open311Key, Open311KeyCreate, Open311KeyList } from '@civic-elements/protocol';
import { error, type Operation } from './operation.js';

const Open311Errors = z.array(z.object({ code: z.number().int(), description: z.string() }));
const Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(z.object({ specification: z.string(), url: z.string(), changeset: z.string(), type: z.enum(['production', 'test']), formats: z.array(z.string()) })),
});
const Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string().nullable(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string().nullable(),
  group: z.string(),
});
const ServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string().nullable(),
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
    }),
  ),
});
const ServiceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.null(),
  zipcode: z.string().nullable(),
  lat: z.number(),
  long: z.number(),
  media_url: z.string().nullable(),
});
const Created = z.array(z.object({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable(), token: z.string() }));
const TokenAnswer = z.array(z.object({ service_request_id: z.string(), token: z.string() }));

const string = { type: 'string' };
const jurisdiction = { jurisdiction_id: { schema: string, description: "The organisation's slug; required when the API serves more than one organisation" } };
const requestsQuery = {
  ...jurisdiction,
  service_request_id: { schema: string, description: 'Comma-separated references (SWK-1042,SWK-1043); overrides every other filter' },
  service_code: { schema: string, description: 'Comma-separated service codes' },
  start_date: { schema: { type: 'string', format: 'date-time' }, description: 'Requested at or after (w3 format with a time zone); the window is at most 90 days, the last 90 days by default' },
  end_date: { schema: { type: 'string', format: 'date-time' }, description: 'Requested at or before (w3 format with a time zone)' },
  status: { schema: string, description: 'open, closed, or open,closed' },
};
const errors = (codes: string) => ({ description: `${codes}: [{ code, description }] (or <errors><error>… for .xml)`, schema: Open311Errors });
/**
 * The `.json` path as written, and the `.xml` path with the same operations answering text/xml: the
 * same data by the spec's Spark convention, which a JSON schema cannot describe, so none is given.
 */
const bothFormats = (path: string, make: () => Record<string, Operation>): Record<string, Record<string, Operation>> => {
  const asXml = (op: Operation): Operation => ({
    ...op,
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, { description: `${r.description} (text/xml: the same by the Spark convention)` }])),
  });
  const json = make();
  return { [`${path}.json`]: json, [`${path}.xml`]: Object.fromEntries(Object.entries(json).map(([method, op]) => [method, asXml(op)])) };
};

export const OPEN311_ROUTES: Record<string, Record<string, Operation>> = {
  '/v1/orgs/{org}/open311-keys': {
    get: { summary: "The organisation's Open311 api_keys, revoked ones included (admins; never the keys themselves)", auth: true, params: ['org'], responses: { 200: { description: 'Keys', schema: Open311KeyList }, 401: error('unauthenticated'), 403: error('forbidden'), 404: error('org_not_found') } },
    post: {
      summary: 'Give an application an Open311 api_key (admins): the key is in this answer only',
      auth: true,
      params: ['org'],
      body: Open311KeyCreate,
      responses: { 201: { description: 'The key, once', schema: Open311Key }, 400: error('validation_failed'), 401: error('unauthenticated'), 403: error('forbidden or origin_not_allowed'), 404: error('org_not_found') },
    },
  },
  '/v1/orgs/{org}/open311-keys/{id}': {
    delete: { summary: 'Revoke an Open311 api_key (admins); it is refused from then on', auth: true, params: ['org', 'id'], responses: { 204: { description: 'Revoked' }, 401: error('unauthenticated'), 403: error('forbidden or origin_not_allowed'), 404: error('not_found') } },
  },
  ...bothFormats('/open311/v2/discovery', () => ({
    get: { summary: 'Open311 service discovery', responses: { 200: { description: 'Where the GeoReport v2 endpoint is and what it speaks', schema: Discovery} } },
  })),
  ...bothFormats('/open311/v2/services', () => ({
    get: {
      summary: "Open311 GET Service List: the jurisdiction's active report categories",
      query: jurisdiction,
      responses: { 200: { description: 'Services', schema: z.array(Service)}, 400: errors('400 jurisdiction_id missing'), 404: errors('404 jurisdiction_id unknown') },
    },
  })),
  '/open311/v2/services/{service_code}': {
    get: {
      summary: "Open311 GET Service Definition: a category's questions as attributes (path: {service_code}.json or .xml)",
      params: ['service_code'],
      query: { ...jurisdiction },
      responses: { 200: { description: 'The definition (text/xml for .xml)', schema: ServiceDefinition }, 400: errors('400'), 404: errors('404 service_code or jurisdiction_id unknown') },
    },
  },
  ...bothFormats('/open311/v2/requests', () => ({
    get: {
      summary: 'Open311 GET Service Requests: newest first, at most 1000, within a window of at most 90 days',
      query: requestsQuery,
      responses: { 200: { description: 'Requests', schema: z.array(ServiceRequest)}, 400: errors('400 bad parameter'), 404: errors('404 jurisdiction_id unknown') },
    },
    post: {
      summary:
        'Open311 POST Service Request (application/x-www-form-urlencoded): api_key, jurisdiction_id, service_code, lat and long or address_string, attribute[CODE] (attribute[CODE][] for a multivaluelist), description, email, first_name, last_name, phone, account_id, device_id, media_url. See docs/open311.md',
      responses: {
        200: { description: 'The request made (one item)', schema: Created},
        400: errors('400 bad or missing parameter, attribute, or a location outside the area'),
        403: errors('403 api_key missing, wrong, revoked or of another jurisdiction'),
        404: errors('404 service_code or jurisdiction_id unknown'),
        413: errors('413 body over 64 KB'),
        429: errors('429 too many requests with this api_key'),
      },
    },
  })),
  '/open311/v2/requests/{service_request_id}': {
    get: {
      summary: 'Open311 GET Service Request: one report by its reference (path: {service_request_id}.json or .xml)',
      params: ['service_request_id'],
      query: { ...jurisdiction },
      responses: { 200: { description: 'A list of one request (text/xml for .xml)', schema: z.array(ServiceRequest) }, 404: errors('404 no such request or jurisdiction') },
    },
  },
  '/open311/v2/tokens/{token}': {
    get: {
      summary: 'Open311 GET service_request_id from a token (path: {token}.json or .xml)',
      params: ['token'],
      query: { ...jurisdiction },
      responses: { 200: { description: 'The request the token stands for (text/xml for .xml)', schema: TokenAnswer }, 404: errors('404 no such token or jurisdiction') },
    },
  },
};

