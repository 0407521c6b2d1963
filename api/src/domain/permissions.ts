// What each role may do inside one organisation. A person's roles never carry over to another organisation.
import type { Role } from '@civic-elements/protocol';

export type OrgAction = 'org.manage' | 'members.manage' | 'reports.triage' | 'comments.moderate' | 'maps.manage' | 'maps.moderate' | 'polls.manage';

const RANK: Record<Role, number> = { resident: 0, officer: 1, moderator: 1, admin: 3 };

const ALLOWED: Record<OrgAction, readonly Role[]> = {
  'org.manage': ['admin'],
  'members.manage': ['admin'],
  'reports.triage': ['officer', 'admin'],
  'comments.moderate': ['moderator', 'officer', 'admin'],
  /** Create and change map projects, places and events. */
  'maps.manage': ['officer', 'moderator', 'admin'],
  /** Approve, reject and restore map contributions, and see those the public does not. */
  'maps.moderate': ['moderator', 'officer', 'admin'],
  /** Create, change, open, close and recount polls, see their results before they are public, verify residents. */
  'polls.manage': ['officer', 'admin'],
};

/** `role` is the person's role in the organisation acted on, or undefined when they are not a member. */
export function may(role: Role | undefined, action: OrgAction): boolean {
  return role !== undefined && ALLOWED[action].includes(role);
}

export function outranks(a: Role, b: Role): boolean {
  return RANK[a] > RANK[b];
}
