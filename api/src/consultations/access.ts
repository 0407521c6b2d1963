// Who is asking about a consultation, and what they may do: anyone reads one that is not a draft;
// officers and admins manage it; eligible signed-in people propose, support, suggest, confirm and vote
// as the phase allows; moderators remove suggestions. Store refusals become the API's errors here.
import type { Context } from 'hono';
import type { PollEligibility, Role } from '@civic-elements/protocol';
import { may } from '../domain/permissions.js';
import { phaseRefusal, type ConsultationAction } from '../domain/consultation.js';
import { ApiError } from '../http/errors.js';
import type { AppEnv, Deps } from '../http/env.js';
import { signedIn } from '../http/viewer.js';
import { ConflictError, ConsultationPhaseError, NotSupporterError, type ConsultationRecord, type OrgRecord, type UserRecord } from '../store/types.js';

export interface ConsultationViewer {
  user: UserRecord | null;
  role: Role | undefined;
  /** Officers and admins of the organisation. */
  manager: boolean;
  admin: boolean;
  /** Moderators, officers and admins: they may remove suggestions. */
  moderator: boolean;
}

export async function consultationViewerOf(c: Context<AppEnv>, deps: Deps, org: OrgRecord): Promise<ConsultationViewer> {
  const user = signedIn(c)?.user ?? null;
  const role = user ? (await deps.store.memberships.get(org.id, user.id))?.role : undefined;
  return { user, role, manager: may(role, 'polls.manage'), admin: may(role, 'org.manage'), moderator: may(role, 'comments.moderate') };
}

export function requireSignedIn(viewer: ConsultationViewer, what: string): UserRecord {
  if (!viewer.user) throw new ApiError(401, 'unauthenticated', `Sign in to ${what}.`, { headers: { 'WWW-Authenticate': 'Bearer' } });
  return viewer.user;
}

export function requireManager(viewer: ConsultationViewer, org: OrgRecord, what: string): UserRecord {
  const user = requireSignedIn(viewer, what);
  if (!viewer.manager) throw new ApiError(403, 'forbidden', `Only officers and admins of ${org.name} can ${what}.`);
  return user;
}

/** Why this person may not take part in a consultation with this eligibility (403 `not_eligible`), or null when they may. */
export async function eligibilityRefusal(deps: Deps, org: OrgRecord, eligibility: PollEligibility, user: UserRecord): Promise<ApiError | null> {
  const refuse = (message: string) => new ApiError(403, 'not_eligible', message, { details: { eligibility } });
  if (!user.emailVerified) return refuse('Confirm your email address to take part: sign in with the code we email you.');
  if (eligibility === 'members') {
    if (!(await deps.store.memberships.get(org.id, user.id))) return refuse(`Only members of ${org.name} can take part in this consultation. Sign in on one of ${org.name}’s own web pages to join.`);
  } else if (eligibility === 'officer-verified') {
    if (!(await deps.store.polls.isVerified(org.id, user.id))) return refuse(`Only residents whom ${org.name} has verified can take part in this consultation. Ask ${org.name} how to be verified.`);
  }
  return null;
}

/** The signed-in person, checked to be eligible; 401 or 403 otherwise. */
export async function requireEligible(deps: Deps, org: OrgRecord, consultation: ConsultationRecord, viewer: ConsultationViewer, what: string): Promise<UserRecord> {
  const user = requireSignedIn(viewer, what);
  const refusal = await eligibilityRefusal(deps, org, consultation.eligibility, user);
  if (refusal) throw refusal;
  return user;
}

/** 409 `wrong_phase`: the consultation's phase does not allow the action. */
export function wrongPhase(phase: ConsultationRecord['phase'], action: ConsultationAction | 'change'): ApiError {
  return new ApiError(409, 'wrong_phase', phaseRefusal(phase, action), { details: { phase } });
}

/** A store's refusal as the API's error: the phase (409 `wrong_phase`), not a supporter (403), another conflict (409); anything else as it is. */
export function asApiError(error: unknown, what = 'do this'): never {
  if (error instanceof ConsultationPhaseError) throw wrongPhase(error.phase, error.action as ConsultationAction | 'change');
  if (error instanceof NotSupporterError) throw new ApiError(403, 'forbidden', `Only supporters of this proposal can ${what}.`);
  if (error instanceof ConflictError) throw new ApiError(409, 'conflict', error.message);
  throw error;
}
