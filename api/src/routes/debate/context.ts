// What every discussion route needs first: the organisation, who is asking, the organisation's debate settings.
import type { Context } from 'hono';
import type { DebateSettings } from '@civic-elements/protocol';
import { debateViewerOf, type DebateViewer } from '../../debate/access.js';
import type { CommentView } from '../../debate/present.js';
import { debateSettingsOf } from '../../debate/settings.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { findOrg } from '../../http/viewer.js';
import type { CommentRecord, OrgRecord } from '../../store/types.js';

export interface DebateContext {
  org: OrgRecord;
  viewer: DebateViewer;
  settings: DebateSettings;
}

export async function debateContext(c: Context<AppEnv>, deps: Deps): Promise<DebateContext> {
  const org = await findOrg(deps, c.req.param('org') ?? '');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') assertOriginAllowed(c.req.header('origin'), org);
  const [viewer, settings] = await Promise.all([debateViewerOf(c, deps, org), debateSettingsOf(deps.store, org.id)]);
  return { org, viewer, settings };
}

/** Whether the reader may see the comment at all: waiting ones only by their author and moderators. */
export function maySee(viewer: DebateViewer, comment: CommentRecord): boolean {
  return comment.status !== 'pending' || viewer.moderator || (viewer.user !== null && comment.authorId === viewer.user.id);
}

/** The comment, when the organisation has it and the reader may see it; 404 otherwise (another organisation's included). */
export async function findComment(deps: Deps, { org, viewer }: DebateContext, id: string): Promise<CommentRecord> {
  const comment = await deps.store.debate.byId(org.id, id);
  if (!comment || !maySee(viewer, comment)) throw notFound(`${org.name} has no comment with this id.`);
  return comment;
}

/** How comments are shown to this reader: with their votes and flags on these comments. */
export async function viewOf(deps: Deps, { viewer }: DebateContext, comments: readonly CommentRecord[]): Promise<CommentView> {
  const userId = viewer.user?.id ?? null;
  const rowids = [...new Set(comments.map((c) => c.rowid))];
  const [votes, flagged] = userId
    ? await Promise.all([deps.store.debate.votesOf(userId, rowids), deps.store.debate.flaggedBy(userId, rowids)])
    : [new Map<number, -1 | 1>(), new Set<number>()];
  return { viewerId: userId, moderator: viewer.moderator, votes, flagged, now: deps.clock() };
}

/** An opaque cursor: the sort's values of the last row of a page. */
export function encodeCursor(sort: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
}

export function decodeCursor(text: string | undefined, sort: string, shape: readonly ('string' | 'number')[]): (string | number)[] | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value[0] === sort && value.length === shape.length + 1 && shape.every((type, i) => typeof value[i + 1] === type && (type !== 'number' || Number.isFinite(value[i + 1])))) {
      return value.slice(1) as (string | number)[];
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'validation_failed', 'The cursor is not one this list handed out (with this sort).', { fields: { cursor: 'Use the nextCursor of the previous page.' } });
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London', timeZoneName: 'short' });

/** "14 March 2026 at 09:30 GMT": times in messages to residents. */
export const whenText = (iso: string) => UK_TIME.format(new Date(iso)).replace(', ', ' at ');

/** "3 minutes", "45 seconds", "2 hours". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hours`;
}
