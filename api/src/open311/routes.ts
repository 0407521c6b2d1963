// /open311/v2/: Open311 GeoReport v2 (discovery, services, service definitions, requests, tokens) in JSON and XML.
//
// The routes speak Open311's dialect (form-encoded posts, the `.json`/`.xml` suffix, `[{code,
// description}]` errors, 400/403/404) over the same reports the widgets use: a request posted here
// goes through the same creation as POST /v1/orgs/:org/reports (see source.ts), so its emails and
// webhooks go out as for any other report.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/errors.js';
import type { AppEnv, Deps } from '../http/env.js';
import { baseUrl } from '../http/viewer.js';
import { hashToken } from '../secrets.js';
import type { Open311KeyRecord, OrgRecord } from '../store/types.js';
import { answersFor, collectAttributes } from './attributes.js';
import { list, type Document } from './document.js';
import { badRequest, errorDocument, keyRefused, notFound311, Open311Error } from './errors.js';
import { FORMATS, formatOfPath, reply, splitSuffix, type Format } from './format.js';
import { readRequestForm, readRequestsQuery } from './params.js';
import { requestOf, requestsDocument, serviceDefinitionDocument, servicesDocument, SPECIFICATION } from './present.js';
import { open311Source, type Open311Source } from './source.js';

/** A form of a few kilobytes is plenty; the /v1 routes' limit is 64 KB too. */
export const OPEN311_BODY_LIMIT = 64 * 1024;
/** Requests one api_key may make per rate-limit window (a whole application's users share a key). */
export const REQUESTS_PER_KEY = 1000;

/** GET answers are public: any web page may read them. */
const PUBLIC = { 'access-control-allow-origin': '*' };

const given = (value: string | undefined | null): string | undefined => (value == null || value.trim() === '' ? undefined : value.trim());

export interface Open311Options {
  source?: Open311Source;
  /** Requests one api_key may post per rate-limit window (default REQUESTS_PER_KEY). */
  requestsPerKey?: number;
}

export function open311Routes(deps: Deps, options: Open311Options = {}) {
  const { store } = deps;
  const source = options.source ?? open311Source(deps);
  const requestsPerKey = options.requestsPerKey ?? REQUESTS_PER_KEY;

  /**
   * The organisation `jurisdiction_id` names (its slug). The spec makes the parameter required only
   * when the endpoint serves several jurisdictions: with one organisation it may be left out.
   */
  async function jurisdiction(id: string | undefined): Promise<OrgRecord> {
    const slug = given(id)?.toLowerCase();
    if (slug !== undefined) {
      const org = await store.orgs.bySlug(slug);
      if (!org) throw notFound311(`jurisdiction_id: "${slug}" is not a jurisdiction this API serves.`);
      return org;
    }
    const slugs = await store.open311.jurisdictions(2);
    if (slugs.length === 1) return (await store.orgs.bySlug(slugs[0]!))!;
    if (slugs.length === 0) throw notFound311('This API serves no jurisdiction yet.');
    throw badRequest("jurisdiction_id: this API serves several jurisdictions; send jurisdiction_id with the organisation's slug.");
  }

  /** The path parameter without its suffix; the suffix must be there and say json or xml. */
  function suffixed(c: Context<AppEnv>, param: string): { name: string; format: Format } {
    const split = splitSuffix(c.req.param(param) ?? '');
    if (!split) throw notFound311(`There is no Open311 resource at ${c.req.path}: the address ends in .json or .xml.`);
    return split;
  }

  /** The api_key of a POST: 403 when missing, unknown or revoked. */
  async function keyOf(apiKey: string | undefined): Promise<Open311KeyRecord> {
    if (apiKey === undefined) throw keyRefused('api_key: this method needs an api_key. Ask the organisation for one.');
    const key = await store.open311.keyByHash(hashToken(apiKey));
    if (!key) throw keyRefused('api_key: this is not a key we gave out. Check it was copied whole.');
    if (key.revokedAt) throw keyRefused(`api_key: this key was revoked on ${key.revokedAt.slice(0, 10)}. Ask the organisation for a new one.`);
    return key;
  }

  async function servicesOf(org: OrgRecord) {
    return (await source.categories(org)).filter((category) => category.active);
  }

  async function serviceByCode(org: OrgRecord, code: string) {
    const category = (await servicesOf(org)).find((c) => c.code === code);
    if (!category) throw notFound311(`service_code: ${org.name} has no service "${code}". GET services lists the codes it has.`);
    return category;
  }

  const limitBody = bodyLimit({
    maxSize: OPEN311_BODY_LIMIT,
    onError: () => {
      throw new Open311Error(413, `The request body is larger than ${OPEN311_BODY_LIMIT / 1024} KB.`);
    },
  });

  const router = new Hono<AppEnv>();

  router.onError((error, c) => {
    const format = formatOfPath(c);
    // A web page reading the public GETs may read why one failed, too.
    const cors = c.req.method === 'GET' || c.req.method === 'HEAD' ? PUBLIC : {};
    if (error instanceof Open311Error) return reply(c, format, errorDocument(error.problems), error.status, { ...error.headers, ...cors });
    if (error instanceof ApiError) {
      // The rate limiter and other shared parts speak the /v1 error type.
      return reply(c, format, errorDocument([{ code: error.status, description: error.message }]), error.status, { ...error.extra.headers, ...cors });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return reply(c, format, errorDocument([{ code: error.status, description: error.message || 'Bad request.' }]), error.status as ContentfulStatusCode, cors);
    }
    console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), message: String(error), stack: error instanceof Error ? error.stack : undefined }));
    return reply(c, format, errorDocument([{ code: 500, description: 'Something went wrong on our side. Please try again, and tell the organisation if it goes on.' }]), 500);
  });

  for (const format of FORMATS) {
    router.get(`/discovery.${format}`, async (c) => {
      const base = `${baseUrl(c, deps.config)}/open311/v2`;
      const changeset = await source.changeset();
      const document: Document = {
        root: 'discovery',
        body: {
          changeset,
          contact: `Each organisation answers for its own services; write to ${deps.config.mailFrom} about this API.`,
          key_service: "An organisation's admins give each application its own api_key (POST /v1/orgs/{org}/open311-keys); ask the organisation whose reports you want to send.",
          endpoints: list('endpoint', [
            { specification: SPECIFICATION, url: base, changeset, type: deps.config.production ? 'production' : 'test', formats: list('format', ['text/xml', 'application/json']) },
          ]),
        },
      };
      return reply(c, format, document, 200, PUBLIC);
    });

    router.get(`/services.${format}`, async (c) => {
      const org = await jurisdiction(c.req.query('jurisdiction_id'));
      return reply(c, format, servicesDocument(await servicesOf(org)), 200, PUBLIC);
    });

    router.get(`/requests.${format}`, async (c) => {
      const org = await jurisdiction(c.req.query('jurisdiction_id'));
      const query = readRequestsQuery(c.req.query(), deps.clock());
      if (query.serviceCodes && !query.ids) {
        const known = new Set((await source.categories(org)).map((category) => category.code));
        const unknown = query.serviceCodes.filter((code) => !known.has(code));
        if (unknown.length > 0) throw badRequest(`service_code: ${org.name} has no service ${unknown.map((code) => `"${code}"`).join(', ')}.`);
      }
      const found = await source.requests(org, query, baseUrl(c, deps.config));
      return reply(c, format, requestsDocument(found.map(({ report, extras }) => requestOf(report, extras))), 200, PUBLIC);
    });

    router.post(`/requests.${format}`, limitBody, async (c) => {
      const form = await readForm(c);
      const key = await keyOf(given(form.get('api_key')));
      const named = given(form.get('jurisdiction_id') ?? c.req.query('jurisdiction_id'));
      // With a key the jurisdiction is never ambiguous: the key's own organisation is meant.
      const org = named === undefined ? (await store.orgs.byId(key.orgId))! : await jurisdiction(named);
      if (org.id !== key.orgId) throw keyRefused(`api_key: this key was given out by another jurisdiction, not ${org.slug}.`);
      deps.limiter.hit([{ key: `open311:${key.id}`, limit: requestsPerKey }]);

      const fields = readRequestForm(form);
      if (fields.serviceCode === undefined) throw badRequest('service_code: which service is this request for? GET services lists the codes.');
      const category = await serviceByCode(org, fields.serviceCode);

      const problems: string[] = [];
      const collected = collectAttributes([...form.entries()]);
      problems.push(...collected.problems);
      const answers = answersFor(category.fields, collected.answers, category.name);
      problems.push(...answers.problems);
      if (!fields.point && !fields.addressString) {
        problems.push(fields.addressId ? 'address_id: addresses are not known by id here; send lat and long, or address_string.' : 'lat, long: where is it? Send lat and long (WGS84 degrees), or address_string.');
      }
      if (problems.length > 0) throw badRequest(problems);

      const created = await source.create(org, key, category, fields, answers.values);
      const document = requestsDocument([{ service_request_id: created.reference, service_notice: created.serviceNotice, account_id: fields.accountId ?? null, token: created.token }]);
      return reply(c, format, document, 200, { 'cache-control': 'no-store' });
    });
  }

  router.get('/services/:service_code', async (c) => {
    const { name, format } = suffixed(c, 'service_code');
    const org = await jurisdiction(c.req.query('jurisdiction_id'));
    return reply(c, format, serviceDefinitionDocument(await serviceByCode(org, name)), 200, PUBLIC);
  });

  router.get('/requests/:service_request_id', async (c) => {
    const { name, format } = suffixed(c, 'service_request_id');
    const org = await jurisdiction(c.req.query('jurisdiction_id'));
    const [found] = await source.requestsById(org, [name.toUpperCase()], baseUrl(c, deps.config));
    if (!found) throw notFound311(`service_request_id: ${org.name} has no request "${name}".`);
    return reply(c, format, requestsDocument([requestOf(found.report, found.extras)]), 200, PUBLIC);
  });

  router.get('/tokens/:token', async (c) => {
    const { name, format } = suffixed(c, 'token');
    const org = await jurisdiction(c.req.query('jurisdiction_id'));
    const reference = await source.referenceOfToken(org, name);
    if (!reference) throw notFound311(`token: ${org.name} has no request with the token "${name}".`);
    return reply(c, format, requestsDocument([{ service_request_id: reference, token: name }]), 200, PUBLIC);
  });

  router.all('*', (c) => {
    throw notFound311(`There is no Open311 resource at ${c.req.method} ${c.req.path}. GeoReport v2 has discovery, services, services/{code}, requests, requests/{id} and tokens/{token}, each ending in .json or .xml.`);
  });

  return router;
}

/** The form of a POST: URL-encoded as the spec says (multipart's text parts are read too); anything else is a 400. */
async function readForm(c: Context<AppEnv>): Promise<URLSearchParams> {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(type)) return new URLSearchParams(await c.req.text());
  if (/^multipart\/form-data\s*;/i.test(type)) {
    let data: FormData;
    try {
      data = await c.req.formData();
    } catch {
      throw badRequest('The multipart body could not be read.');
    }
    const form = new URLSearchParams();
    for (const [name, value] of data.entries()) {
      if (typeof value !== 'string') throw badRequest(`${name}: files are not taken here; give a media_url instead.`);
      form.append(name, value);
    }
    return form;
  }
  throw badRequest('Send the request as a form: Content-Type: application/x-www-form-urlencoded; charset=utf-8.');
}
