// Who is asking, for routes anyone may read: signed in or not, and their role in the organisation acted on.
import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '@civic-elements/protocol';
import type { Config } from '../config.js';
import { may } from '../domain/permissions.js';
import type { OrgRecord, UserRecord } from '../store/types.js';
import { requireAuth } from './auth.js';
import { orgNotFound } from './errors.js';
import type { AppEnv, Deps, Signedin } from './env.js';

/**
 * Signs the request in when it carries a bearer token, and lets it through anonymously when it
 * carries none. A token that is bad or expired is still refused (401), so that a widget learns
 * it must refresh instead of quietly getting the public view.
 */
export function optionalAuth(deps: Deps): MiddlewareHandler<AppEnv> {
  const auth = requireAuth(deps);
  return (c, next) => (c.req.header('authorization') === undefined ? next() : auth(c, next));
}

/** The signed-in person, when optionalAuth or requireAuth found one. */
export function signedIn(c: Context<AppEnv>): Signedin | undefined {
  return c.var.signedIn as Signedin | undefined;
}

export interface Viewer {
  user: UserRecord | null;
  /** Their role in the organisation acted on; undefined when anonymous or not a member. */
  role: Role | undefined;
  canManage: boolean;
  canModerate: boolean;
}

export async function viewerOf(c: Context<AppEnv>, deps: Deps, org: OrgRecord): Promise<Viewer> {
  const user = signedIn(c)?.user ?? null;
  const role = user ? (await deps.store.memberships.get(org.id, user.id))?.role : undefined;
  return { user, role, canManage: may(role, 'maps.manage'), canModerate: may(role, 'maps.moderate') };
}

/**
 * The origin absolute URLs in responses start with. In production that is PUBLIC_URL (the
 * address the world uses, whatever proxy sits in front); elsewhere the address the request came
 * to, so that a test API on a random port hands out URLs that work.
 */
export function baseUrl(c: Context<AppEnv>, config: Config): string {
  return config.production ? config.publicUrl : new URL(c.req.url).origin;
}

/** The organisation in the path; 404 `org_not_found` when there is none. */
export async function findOrg(deps: Deps, slug: string): Promise<OrgRecord> {
  // No format check first: a slug that is not a slug is simply not found (the query is bound).
  const org = await deps.store.orgs.bySlug(slug);
  if (!org) throw orgNotFound(slug);
  return org;
}
