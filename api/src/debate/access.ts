// Who is asking in a discussion, and what they may do: anyone reads; signed-in people comment, vote
// and flag; moderators, officers and admins moderate; officers and admins answer officially.
import type { Context } from 'hono';
import type { Role } from '@civic-elements/protocol';
import { may } from '../domain/permissions.js';
import { ApiError, forbidden } from '../http/errors.js';
import type { AppEnv, Deps } from '../http/env.js';
import { signedIn } from '../http/viewer.js';
import type { DepartmentRecord, OrgRecord, UserRecord } from '../store/types.js';

export interface DebateViewer {
  user: UserRecord | null;
  role: Role | undefined;
  /** May moderate comments (moderators, officers, admins). */
  moderator: boolean;
  /** May answer officially (officers and admins). */
  official: boolean;
  admin: boolean;
  /** An officer's departments (slugs). */
  departments: string[];
}

export async function debateViewerOf(c: Context<AppEnv>, deps: Deps, org: OrgRecord): Promise<DebateViewer> {
  const user = signedIn(c)?.user ?? null;
  const membership = user ? await deps.store.memberships.get(org.id, user.id) : null;
  const role = membership?.role;
  return {
    user,
    role,
    moderator: may(role, 'comments.moderate'),
    official: may(role, 'reports.triage'),
    admin: may(role, 'org.manage'),
    departments: membership?.departments ?? [],
  };
}

export function requireSignedIn(viewer: DebateViewer, what = 'do this'): UserRecord {
  if (!viewer.user) throw new ApiError(401, 'unauthenticated', `Sign in to ${what}.`, { headers: { 'WWW-Authenticate': 'Bearer' } });
  return viewer.user;
}

export function requireModerator(viewer: DebateViewer, org: OrgRecord): UserRecord {
  const user = requireSignedIn(viewer);
  if (!viewer.moderator) throw forbidden(`Only moderators, officers and admins of ${org.name} can moderate comments.`);
  return user;
}

/** Who an officer may speak for in an official response: the organisation, and each of their departments (every one for admins). */
export function officialVoices(viewer: DebateViewer, org: OrgRecord, departments: readonly DepartmentRecord[]): { slug: string | null; name: string }[] {
  if (!viewer.official) return [];
  const own = viewer.admin ? departments : departments.filter((d) => viewer.departments.includes(d.slug));
  return [{ slug: null, name: org.name }, ...own.map((d) => ({ slug: d.slug, name: d.name }))];
}
