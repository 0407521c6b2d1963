// GET /v1/openapi.json: the OpenAPI 3.1 description of the routes, generated from the protocol's schemas.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  CodeRequest,
  CodeSent,
  Department,
  DepartmentCreate,
  Health,
  Me,
  MeUpdate,
  Member,
  MemberUpdate,
  OrgPublic,
  OrgSettings,
  OrgUpdate,
  OutboxMessage,
  PasswordSet,
  RefreshRequest,
  RegisterRequest,
  SessionResponse,
  SignInRequest,
  page,
} from '@civic-elements/protocol';
import type { AppEnv } from '../../http/env.js';
import { VERSION } from '../health/index.js';
import { json } from '../../http/reply.js';
import { MAP_ROUTES } from './maps.js';
import { OPEN311_ROUTES } from './open311.js';
import { WEBHOOK_ROUTES } from './webhooks.js';
import { REPORT_ROUTES } from './reports.js';
import { DEBATE_ROUTES } from './debate.js';
import { POLL_ROUTES } from './polls.js';
import { CONSULTATION_ROUTES } from './consultations.js';
import { error, type Operation, type Schema } from './operation.js';

const jsonSchema = (schema: Schema, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });


const ROUTES: Record<string, Record<string, Operation>> = {
  '/health': { get: { summary: 'Is the API up?', responses: { 200: { description: 'Up', schema: Health } } } },
  '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
  '/v1/orgs/{slug}': {
    get: { summary: 'An organisation, as widgets see it', params: ['slug'], responses: { 200: { description: 'The organisation', schema: OrgPublic }, 404: error('org_not_found') } },
    patch: {
      summary: 'Change an organisation (admins)',
      auth: true,
      params: ['slug'],
      body: OrgUpdate,
      responses: { 200: { description: 'The new settings', schema: OrgSettings }, 400: error('validation_failed'), 401: error('unauthenticated'), 403: error('forbidden or origin_not_allowed') },
    },
  },
  '/v1/orgs/{slug}/settings': {
    get: { summary: "An organisation's settings (admins)", auth: true, params: ['slug'], responses: { 200: { description: 'Settings', schema: OrgSettings }, 401: error('unauthenticated'), 403: error('forbidden') } },
  },
  '/v1/orgs/{slug}/departments': {
    post: {
      summary: 'Add a department (admins)',
      auth: true,
      params: ['slug'],
      body: DepartmentCreate,
      responses: { 201: { description: 'Created', schema: Department }, 400: error('validation_failed'), 403: error('forbidden'), 409: error('conflict') },
    },
  },
  '/v1/orgs/{slug}/departments/{dept}': {
    delete: { summary: 'Remove a department (admins)', auth: true, params: ['slug', 'dept'], responses: { 204: { description: 'Removed' }, 403: error('forbidden'), 404: error('not_found') } },
  },
  '/v1/orgs/{slug}/members': {
    get: {
      summary: 'Members of an organisation (admins)',
      auth: true,
      params: ['slug'],
      query: {
        cursor: { schema: { type: 'string' }, description: 'nextCursor of the previous page' },
        limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' },
      },
      responses: { 200: { description: 'A page of members', schema: page(Member) }, 403: error('forbidden') },
    },
  },
  '/v1/orgs/{slug}/members/{userId}': {
    put: {
      summary: "Set a member's role and departments (admins)",
      auth: true,
      params: ['slug', 'userId'],
      body: MemberUpdate,
      responses: { 200: { description: 'The member', schema: Member }, 400: error('validation_failed'), 403: error('forbidden'), 404: error('not_found'), 409: error('conflict (last admin)') },
    },
  },
  '/v1/auth/register': {
    post: { summary: 'Create an account (or get a code for an existing one)', body: RegisterRequest, responses: { 202: { description: 'Code sent', schema: CodeSent }, 400: error('validation_failed'), 404: error('org_not_found'), 429: error('rate_limited') } },
  },
  '/v1/auth/code': {
    post: { summary: 'Email me a sign-in code', body: CodeRequest, responses: { 202: { description: 'Code sent', schema: CodeSent }, 404: error('unknown_email or org_not_found'), 429: error('rate_limited') } },
  },
  '/v1/auth/sign-in': {
    post: {
      summary: 'Sign in with a code or a password',
      body: SignInRequest,
      responses: {
        200: { description: 'Signed in', schema: SessionResponse },
        400: error('no_code, code_expired, code_exhausted, no_password, validation_failed'),
        401: error('wrong_code (details.triesLeft) or wrong_password'),
        404: error('unknown_email'),
        429: error('rate_limited'),
      },
    },
  },
  '/v1/auth/refresh': {
    post: { summary: 'Exchange a refresh token for a new pair', body: RefreshRequest, responses: { 200: { description: 'Rotated', schema: SessionResponse }, 401: error('invalid_refresh_token') } },
  },
  '/v1/auth/sign-out': { post: { summary: 'End this session', auth: true, responses: { 204: { description: 'Signed out' }, 401: error('unauthenticated') } } },
  '/v1/me': {
    get: { summary: 'The signed-in person', auth: true, responses: { 200: { description: 'Me', schema: Me }, 401: error('unauthenticated or token_expired') } },
    patch: { summary: 'Change my name or language', auth: true, body: MeUpdate, responses: { 200: { description: 'Me', schema: Me }, 400: error('validation_failed') } },
  },
  '/v1/me/password': { put: { summary: 'Set my password', auth: true, body: PasswordSet, responses: { 204: { description: 'Set' }, 400: error('validation_failed') } } },
  '/dev/outbox': { get: { summary: 'The outbox as HTML (DEV_ROUTES only)', responses: { 200: { description: 'HTML', contentType: 'text/html' } } } },
  '/dev/outbox.json': {
    get: {
      summary: 'The outbox, newest first (DEV_ROUTES only)',
      query: { to: { schema: { type: 'string' }, description: 'Only messages to this address' } },
      responses: { 200: { description: 'Messages', schema: z.array(OutboxMessage) } },
    },
  },
  '/dev/outbox/{id}': { get: { summary: 'One message as .eml (DEV_ROUTES only)', params: ['id'], responses: { 200: { description: 'RFC 822', contentType: 'message/rfc822' }, 404: error('not_found') } } },
  '/elements/{path}': { get: { summary: 'The element bundles (ELEMENTS_DIR)', params: ['path'], responses: { 200: { description: 'JavaScript, CSS or source map', contentType: 'text/javascript' }, 404: error('not_found') } } },
  ...MAP_ROUTES,
  ...OPEN311_ROUTES,
  ...WEBHOOK_ROUTES,
  ...REPORT_ROUTES,
  ...DEBATE_ROUTES,
  // After the discussion routes: it adds poll topics to their /v1/stream.
  ...POLL_ROUTES,
  // After the poll routes: it adds consultation topics to that /v1/stream.
  ...CONSULTATION_ROUTES,
};

export function openApiDocument(publicUrl: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, operations] of Object.entries(ROUTES)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(operations)) {
      const parameters = [
        ...(op.params ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...Object.entries(op.query ?? {}).map(([name, q]) => ({ name, in: 'query', required: false, description: q.description, schema: q.schema })),
      ];
      paths[path][method] = {
        summary: op.summary,
        ...(parameters.length ? { parameters } : {}),
        ...(op.auth ? { security: [{ bearer: [] }] } : {}),
        ...(op.body ? { requestBody: { required: !op.bodyOptional, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, r]) => [
            status,
            {
              description: r.description,
              ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema, 'output') } } } : {}),
            },
          ]),
        ),
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Civic Elements API', version: VERSION, description: 'Embeddable civic participation widgets: the API behind them.' },
    servers: [{ url: publicUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An access token from /v1/auth/sign-in' } } },
    paths,
  };
}

export function openApiRoutes(publicUrl: string) {
  let document: object | undefined;
  return new Hono<AppEnv>().get('/', (c) => json(c, (document ??= openApiDocument(publicUrl))));
}
