// Who is asking about a poll, and what they may do: anyone reads a poll that is not a draft; officers
// and admins manage polls; eligible residents vote while it takes ballots; results show to everyone
// when the poll says so, and to its managers always.
import type { Context } from 'hono';
import type { Role } from '@civic-elements/protocol';
import { may } from '../domain/permissions.js';
import { pollPhase, type PollPhase } from '../domain/poll-phase.js';
import { ApiError } from '../http/errors.js';
import type { AppEnv, Deps } from '../http/env.js';
import { signedIn } from '../http/viewer.js';
import type { OrgRecord, PollRecord, UserRecord } from '../store/types.js';

export interface PollViewer {
  user: UserRecord | null;
  role: Role | undefined;
  /** Officers and admins of the organisation. */
  manager: boolean;
  admin: boolean;
}

export async function pollViewerOf(c: Context<AppEnv>, deps: Deps, org: OrgRecord): Promise<PollViewer> {
  const user = signedIn(c)?.user ?? null;
  const role = user ? (await deps.store.memberships.get(org.id, user.id))?.role : undefined;
  return { user, role, manager: may(role, 'polls.manage'), admin: may(role, 'org.manage') };
}

export function requireSignedIn(viewer: PollViewer, what = 'do this'): UserRecord {
  if (!viewer.user) throw new ApiError(401, 'unauthenticated', `Sign in to ${what}.`, { headers: { 'WWW-Authenticate': 'Bearer' } });
  return viewer.user;
}

export function requireManager(viewer: PollViewer, org: OrgRecord, what: string): UserRecord {
  const user = requireSignedIn(viewer, what);
  if (!viewer.manager) throw new ApiError(403, 'forbidden', `Only officers and admins of ${org.name} can ${what}.`);
  return user;
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London', timeZoneName: 'short' });

/** "14 March 2026 at 09:30 GMT": times in messages to residents. */
export const whenText = (iso: string) => UK_TIME.format(new Date(iso)).replace(', ', ' at ');

/** Whether the reader may see the poll's results now. */
export function canSeeResults(viewer: PollViewer, poll: PollRecord, phase: PollPhase): boolean {
  return viewer.manager || phase.status === 'closed' || (poll.results === 'live' && phase.status === 'open');
}

/** Why a poll takes no ballot now (409 `poll_not_open`), or null when it does. */
export function notOpenError(poll: PollRecord, phase: PollPhase): ApiError | null {
  if (phase.accepting) return null;
  const details: Record<string, string> = { status: phase.status };
  let message: string;
  if (phase.status === 'draft') message = 'This poll is not open for voting yet.';
  else if (phase.status === 'closed') message = `This poll closed${phase.closedAt ? ` on ${whenText(phase.closedAt)}` : ''}, so ballots can no longer be cast or changed.`;
  else {
    message = `Voting opens on ${whenText(poll.opensAt!)}.`;
    details.opensAt = poll.opensAt!;
  }
  return new ApiError(409, 'poll_not_open', message, { details });
}

/** Why this person may not vote in the poll (403 `not_eligible`), or null when they may. */
export async function eligibilityError(deps: Deps, org: OrgRecord, poll: PollRecord, user: UserRecord): Promise<ApiError | null> {
  const refuse = (message: string) => new ApiError(403, 'not_eligible', message, { details: { eligibility: poll.eligibility } });
  if (!user.emailVerified) return refuse('Confirm your email address to vote: sign in with the code we email you.');
  if (poll.eligibility === 'members') {
    if (!(await deps.store.memberships.get(org.id, user.id))) return refuse(`Only members of ${org.name} can vote in this poll. Sign in on one of ${org.name}’s own web pages to join.`);
  } else if (poll.eligibility === 'officer-verified') {
    if (!(await deps.store.polls.isVerified(org.id, user.id))) return refuse(`Only residents whom ${org.name} has verified can vote in this poll. Ask ${org.name} how to be verified.`);
  }
  return null;
}

/** The first reason the reader cannot vote now, or null when they can. */
export async function voteRefusal(deps: Deps, org: OrgRecord, poll: PollRecord, viewer: PollViewer, now: Date): Promise<ApiError | null> {
  if (!viewer.user) return new ApiError(401, 'unauthenticated', 'Sign in to vote.', { headers: { 'WWW-Authenticate': 'Bearer' } });
  return notOpenError(poll, pollPhase(poll, now)) ?? (await eligibilityError(deps, org, poll, viewer.user));
}
