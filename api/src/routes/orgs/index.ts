// /v1/orgs/:slug: an organisation's public face, and what its admins manage (settings, departments, members).
import { Hono, type Context } from 'hono';
import { DepartmentCreate, MemberUpdate, OrgUpdate, PageQuery } from '@civic-elements/protocol';
import { may } from '../../domain/permissions.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, forbidden, notFound, orgNotFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { departmentOut, memberOut, orgPublic, orgSettings } from '../../present.js';
import { ConflictError, type DepartmentRecord, type OrgRecord } from '../../store/types.js';
import { json, jsonText } from '../../http/reply.js';

function encodeCursor(joinedAt: string, userId: string): string {
  return Buffer.from(JSON.stringify([joinedAt, userId])).toString('base64url');
}

function decodeCursor(cursor: string): { joinedAt: string; userId: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { joinedAt: value[0], userId: value[1] };
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'validation_failed', 'The cursor is not one this list handed out.', {
    fields: { cursor: 'Use the nextCursor of the previous page.' },
  });
}

export function orgRoutes(deps: Deps) {
  const { store } = deps;

  async function findOrg(slug: string): Promise<OrgRecord> {
    // No format check first: a slug that is not a slug is simply not found (the query is bound).
    const org = await store.orgs.bySlug(slug);
    if (!org) throw orgNotFound(slug);
    return org;
  }

  /** The organisation in the path, once the signed-in person is shown to be its admin (and a write's origin is allowed). */
  async function asAdmin(c: Context<AppEnv>): Promise<OrgRecord> {
    const org = await findOrg(c.req.param('slug') ?? '');
    if (c.req.method !== 'GET') assertOriginAllowed(c.req.header('origin'), org);
    const membership = await store.memberships.get(org.id, c.get('signedIn').user.id);
    if (!may(membership?.role, 'org.manage')) throw forbidden(`Only an admin of ${org.name} can do this.`);
    return org;
  }

  const auth = requireAuth(deps);

  // Every widget asks for its organisation's configuration on every page view. The store hands out
  // the same frozen records until something changes, so the JSON is kept per record and made anew
  // when the organisation or its departments change.
  const publicJson = new WeakMap<OrgRecord, { departments: readonly DepartmentRecord[]; text: string }>();

  return new Hono<AppEnv>()
    .get('/:slug', async (c) => {
      const org = await findOrg(c.req.param('slug'));
      const departments = await store.orgs.departments(org.id);
      let cached = publicJson.get(org);
      if (cached?.departments !== departments) {
        cached = { departments, text: JSON.stringify(orgPublic(org, departments)) };
        publicJson.set(org, cached);
      }
      return jsonText(c, cached.text);
    })
    .get('/:slug/settings', auth, async (c) => {
      const org = await asAdmin(c);
      return json(c, orgSettings(org, await store.orgs.departments(org.id)));
    })
    .patch('/:slug', auth, jsonBody(OrgUpdate), async (c) => {
      const org = await asAdmin(c);
      const changes = c.req.valid('json');
      const updated = await store.orgs.update(org.id, changes, deps.clock());
      if (changes.allowedOrigins) deps.origins.invalidate();
      return json(c, orgSettings(updated, await store.orgs.departments(org.id)));
    })
    .post('/:slug/departments', auth, jsonBody(DepartmentCreate), async (c) => {
      const org = await asAdmin(c);
      try {
        const department = await store.orgs.addDepartment(org.id, c.req.valid('json'));
        return json(c, departmentOut(department), 201);
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new ApiError(409, 'conflict', error.message, { fields: { slug: 'Choose a slug no other department uses.' } });
        }
        throw error;
      }
    })
    .delete('/:slug/departments/:dept', auth, async (c) => {
      const org = await asAdmin(c);
      if (!(await store.orgs.removeDepartment(org.id, c.req.param('dept')))) throw notFound(`${org.name} has no department "${c.req.param('dept')}".`);
      return c.body(null, 204);
    })
    .get('/:slug/members', auth, queryOf(PageQuery), async (c) => {
      const org = await asAdmin(c);
      const { cursor, limit } = c.req.valid('query');
      const rows = await store.memberships.list(org.id, { after: cursor ? decodeCursor(cursor) : null, limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor(last.joinedAt, last.userId) : null;
      return json(c, { items: items.map(memberOut), nextCursor });
    })
    .put('/:slug/members/:userId', auth, jsonBody(MemberUpdate), async (c) => {
      const org = await asAdmin(c);
      const { role, departments } = c.req.valid('json');
      const user = await store.users.byId(c.req.param('userId'));
      if (!user) throw notFound('There is no person with this id.');
      const known = new Set((await store.orgs.departments(org.id)).map((d) => d.slug));
      const unknown = departments.filter((slug) => !known.has(slug));
      if (unknown.length > 0) {
        throw new ApiError(400, 'validation_failed', `${org.name} has no department ${unknown.map((s) => `"${s}"`).join(', ')}.`, {
          fields: { departments: `Unknown department: ${unknown.join(', ')}.` },
        });
      }
      const current = await store.memberships.get(org.id, user.id);
      if (current?.role === 'admin' && role !== 'admin' && (await store.memberships.countWithRole(org.id, 'admin')) <= 1) {
        throw new ApiError(409, 'conflict', `${org.name} needs at least one admin: make someone else an admin first.`);
      }
      const membership = await store.memberships.set(org.id, user.id, role, departments, deps.clock());
      return json(c, memberOut({ ...membership, email: user.email, name: user.name }));
    });
}
