// What every poll route needs first: the organisation, who is asking, and the poll (drafts only for its managers).
import type { Context } from 'hono';
import type { PollYou } from '@civic-elements/protocol';
import { pollPhase } from '../../domain/poll-phase.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { findOrg } from '../../http/viewer.js';
import { canSeeResults, pollViewerOf, voteRefusal, type PollViewer } from '../../polls/access.js';
import { ConflictError, type OrgRecord, type PollRecord } from '../../store/types.js';

export interface PollContext {
  org: OrgRecord;
  viewer: PollViewer;
}

export async function pollContext(c: Context<AppEnv>, deps: Deps): Promise<PollContext> {
  const org = await findOrg(deps, c.req.param('org') ?? '');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') assertOriginAllowed(c.req.header('origin'), org);
  return { org, viewer: await pollViewerOf(c, deps, org) };
}

/** The poll, when the organisation has it and the reader may see it (drafts: its managers only); 404 otherwise, another organisation's included. */
export async function findPoll(deps: Deps, { org, viewer }: PollContext, id: string): Promise<PollRecord> {
  const poll = id.length <= 64 ? await deps.store.polls.byId(org.id, id) : null;
  if (!poll || (poll.status === 'draft' && !viewer.manager)) throw notFound(`${org.name} has no poll with this id.`);
  return poll;
}

/** What the reader may do with the poll. */
export async function youOf(deps: Deps, { org, viewer }: PollContext, poll: PollRecord): Promise<PollYou> {
  const now = deps.clock();
  const [refusal, voter] = await Promise.all([
    voteRefusal(deps, org, poll, viewer, now),
    viewer.user ? deps.store.polls.voter(org.id, poll.rowid, viewer.user.id) : null,
  ]);
  return {
    canVote: refusal === null,
    ...(refusal ? { reason: refusal.message } : {}),
    voted: voter !== null,
    canManage: viewer.manager,
    canSeeResults: canSeeResults(viewer, poll, pollPhase(poll, now)),
  };
}

/** A store's ConflictError as 409 `conflict`; anything else as it is. */
export function asConflict(error: unknown): never {
  if (error instanceof ConflictError) throw new ApiError(409, 'conflict', error.message);
  throw error;
}

/** An opaque cursor: the values of the last row of a page. */
export const encodeCursor = (values: readonly (string | number)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(text: string | undefined, shape: readonly ('string' | 'number')[]): (string | number)[] | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === shape.length && shape.every((type, i) => typeof value[i] === type && (type !== 'number' || Number.isFinite(value[i])))) {
      return value as (string | number)[];
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'validation_failed', 'There is a problem with cursor: use the nextCursor of the previous page.', { fields: { cursor: 'Use the nextCursor of the previous page.' } });
}
