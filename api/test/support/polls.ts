// Shared set-up for the poll API tests: the people, polls of each kind, voting helpers, and an
// independent recount of an exported ballot set (straight from the Schulze domain functions).
import type { Ballot, BallotExport, PollCreate, PollKind, PollResults } from '@civic-elements/protocol';
import { expiresAt } from '../../src/domain/tokens.js';
import { pairwise, schulze } from '../../src/domain/schulze.js';
import { hashToken, newToken } from '../../src/secrets.js';
import type { Store } from '../../src/store/types.js';
import type { TestApp } from './app.js';
import { reportCast } from './reports.js';

export const POLLS = '/v1/orgs/test-council/polls';

export const pollCast = reportCast;
export type PollCastPeople = Awaited<ReturnType<typeof reportCast>>;

/** A valid new poll of `kind` with `options` options named Option A, Option B… */
export function pollBody(kind: PollKind = 'single', overrides: Partial<PollCreate> = {}, options = 3): PollCreate {
  return {
    title: `Which ${kind} project should the neighbourhood fund?`,
    description: 'Choose among the proposals the ward forum put forward.',
    kind,
    options: Array.from({ length: options }, (_, i) => ({ label: `Option ${String.fromCharCode(65 + i)}` })),
    ...overrides,
  };
}

/** Creates a draft as `token` and returns its JSON, failing loudly when refused. */
export async function draft(t: TestApp, token: string, body: PollCreate, org = 'test-council') {
  const res = await t.call('POST', `/v1/orgs/${org}/polls`, { token, body });
  if (res.status !== 201) throw new Error(`create poll: ${res.status} ${res.text}`);
  return res.json as Record<string, any> & { id: string; options: { id: string; label: string }[] };
}

/** Creates and opens a poll; returns it with its option ids in order. */
export async function openPoll(t: TestApp, token: string, body: PollCreate, org = 'test-council') {
  const made = await draft(t, token, body, org);
  const res = await t.call('POST', `/v1/orgs/${org}/polls/${made.id}/open`, { token });
  if (res.status !== 200) throw new Error(`open poll: ${res.status} ${res.text}`);
  return { ...(res.json as typeof made), ids: made.options.map((o) => o.id) };
}

export const castAs = (t: TestApp, token: string | undefined, pollId: string, ballot: Ballot | Record<string, unknown>, org = 'test-council') =>
  t.call('PUT', `/v1/orgs/${org}/polls/${pollId}/ballot`, { ...(token ? { token } : {}), body: ballot });

/** Casts and returns the receipt answer, failing loudly when refused. */
export async function vote(t: TestApp, token: string, pollId: string, ballot: Ballot, org = 'test-council') {
  const res = await castAs(t, token, pollId, ballot, org);
  if (res.status !== 200 && res.status !== 201) throw new Error(`vote: ${res.status} ${res.text}`);
  return res.json as { receipt: string; changed: boolean; ballot: Ballot };
}

export const results = (t: TestApp, pollId: string, token?: string, org = 'test-council') => t.call('GET', `/v1/orgs/${org}/polls/${pollId}/results`, token ? { token } : {});

/** A signed-in session for `email` (made if needed) whose email address was never confirmed. */
export async function unconfirmedSession(t: TestApp, email: string): Promise<{ accessToken: string; userId: string }> {
  const org = (await t.store.orgs.bySlug('test-council'))!;
  const user = (await t.store.users.byEmail(email)) ?? (await t.store.users.create({ email, name: 'Not Confirmed', locale: 'en' }, new Date()));
  await t.store.memberships.ensure(org.id, user.id, new Date());
  return { accessToken: await sessionFor(t.store, user.id, org.id, t.config.accessTokenTtlSeconds), userId: user.id };
}

/** An access token for a new session of the user, opened through the organisation. */
export async function sessionFor(store: Store, userId: string, orgId: string, ttlSeconds = 3600): Promise<string> {
  const accessToken = newToken();
  const now = new Date();
  await store.sessions.create(
    { userId, orgId },
    { accessHash: hashToken(accessToken), accessExpiresAt: expiresAt(now, ttlSeconds), refreshHash: hashToken(newToken()), refreshExpiresAt: expiresAt(now, ttlSeconds * 2) },
    now,
  );
  return accessToken;
}

/**
 * Recounts an exported ballot set with nothing but the export and the domain's Schulze functions,
 * as anyone downloading it could: the part of PollResults a recount can check.
 */
export function recountExport(exported: BallotExport): { turnout: number; winners: string[]; votes?: number[]; scoreSums?: number[]; d?: number[][]; ranking?: string[][] } {
  const ids = exported.options.map((o) => o.id);
  const ballots = exported.ballots.map((b) => b.choices);
  const turnout = ballots.length;
  if (exported.poll.kind === 'ranked') {
    const counted = schulze(pairwise(ids.length, ballots.map((choices) => ({ ranks: choices.map((r) => (r === 0 ? null : r)) }))));
    return { turnout, winners: turnout ? counted.winners.map((i) => ids[i]!) : [], d: counted.d, ranking: counted.ranking.map((tier) => tier.map((i) => ids[i]!)) };
  }
  const sums = ids.map((_, i) => ballots.reduce((sum, choices) => sum + choices[i]!, 0));
  const best = Math.max(...sums);
  const winners = turnout ? ids.filter((_, i) => sums[i] === best) : [];
  return exported.poll.kind === 'score' ? { turnout, winners, scoreSums: sums } : { turnout, winners, votes: sums };
}

/** The same part of the API's results, to compare with recountExport. */
export function checkable(res: PollResults): ReturnType<typeof recountExport> {
  const base = { turnout: res.turnout, winners: res.winners };
  if (res.kind === 'ranked') return { ...base, d: res.schulze!.d, ranking: res.schulze!.ranking };
  if (res.kind === 'score') return { ...base, scoreSums: res.options.map((o) => o.scoreSum!) };
  return { ...base, votes: res.options.map((o) => o.votes!) };
}

/** RFC 4180 fields of a CSV text (quoted fields, doubled quotes), rows without the trailing empty line; a leading BOM dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
