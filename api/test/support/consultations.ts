// Shared set-up for the consultation API tests: the people, a consultation with dates relative to the
// test clock, residents made in bulk, and helpers that fail loudly when the API refuses.
import { ProposalDetail, type ConsultationCreate, type ConsultationPhase, type ProposalCreate } from '@civic-elements/protocol';
import { ensureMember } from '../../src/seed.js';
import type { TestApp } from './app.js';
import { sessionFor } from './polls.js';
import { reportCast } from './reports.js';

export const CONSULTATIONS = '/v1/orgs/test-council/consultations';
export const proposalPath = (c: string, p: string) => `${CONSULTATIONS}/${c}/proposals/${p}`;
/** A proposal as `token`'s reader gets it (signed out without one). */
export const proposalOf = async (t: TestApp, c: string, p: string, token?: string) => ProposalDetail.parse((await t.call('GET', proposalPath(c, p), token ? { token } : {})).json);
export const DAY = 86_400_000;

export const consultationCast = reportCast;
export type ConsultationPeople = Awaited<ReturnType<typeof reportCast>>;

/** A consultation whose phases end 1, 2, 3 and 4 days after `now`. */
export function consultationBody(now: Date, overrides: Partial<ConsultationCreate> = {}): ConsultationCreate {
  const day = (n: number) => new Date(now.getTime() + n * DAY).toISOString();
  return {
    title: 'Which project should the neighbourhood fund back?',
    description: 'The ward forum has £40,000 to spend. Propose a project, gather support, then vote.',
    quorum: { kind: 'supporters', count: 2 },
    proposingEndsAt: day(1),
    discussionEndsAt: day(2),
    frozenEndsAt: day(3),
    votingEndsAt: day(4),
    ...overrides,
  };
}

export const proposalBody = (n = 1, overrides: Partial<ProposalCreate> = {}): ProposalCreate => ({
  title: `Proposal ${n}: a community project`,
  summary: `A short summary of proposal number ${n}.`,
  body: `The whole text of proposal ${n}.`,
  ...overrides,
});

async function ok<T = any>(res: { status: number; text: string; json: any }, what: string, statuses = [200, 201]): Promise<T> {
  if (!statuses.includes(res.status)) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.json as T;
}

export const createConsultation = async (t: TestApp, token: string, body: ConsultationCreate, org = 'test-council') =>
  ok(await t.call('POST', `/v1/orgs/${org}/consultations`, { token, body }), 'create consultation');

export const advance = async (t: TestApp, token: string, id: string, from?: ConsultationPhase, org = 'test-council') =>
  ok(await t.call('POST', `/v1/orgs/${org}/consultations/${id}/advance`, { token, ...(from ? { body: { from } } : {}) }), 'advance');

/** Created and opened: in its proposing phase. */
export async function openConsultation(t: TestApp, token: string, overrides: Partial<ConsultationCreate> = {}, org = 'test-council') {
  const made = await createConsultation(t, token, consultationBody(t.clock(), overrides), org);
  return advance(t, token, made.id, 'draft', org);
}

export const propose = async (t: TestApp, token: string, consultationId: string, body: ProposalCreate = proposalBody(), org = 'test-council') =>
  ok(await t.call('POST', `/v1/orgs/${org}/consultations/${consultationId}/proposals`, { token, body }), 'propose');

export const supportAs = (t: TestApp, token: string, consultationId: string, proposalId: string, org = 'test-council') =>
  t.call('PUT', `/v1/orgs/${org}/consultations/${consultationId}/proposals/${proposalId}/support`, { token });

export const confirmAs = (t: TestApp, token: string, consultationId: string, proposalId: string, org = 'test-council') =>
  t.call('PUT', `/v1/orgs/${org}/consultations/${consultationId}/proposals/${proposalId}/confirmation`, { token });

export const read = async (t: TestApp, id: string, token?: string, org = 'test-council') => ok(await t.call('GET', `/v1/orgs/${org}/consultations/${id}`, token ? { token } : {}), 'read');

/** `count` residents of test-council with confirmed email addresses and a session each (made straight in the store: fast). */
export async function residents(t: TestApp, count: number, prefix = 'voter'): Promise<{ id: string; token: string }[]> {
  const org = (await t.store.orgs.bySlug('test-council'))!;
  const people: { id: string; token: string }[] = [];
  for (let i = 0; i < count; i++) {
    const user = await ensureMember(t.store, org, { email: `${prefix}${i}@test.example`, name: `${prefix} ${i}` }, 'resident');
    people.push({ id: user.id, token: await sessionFor(t.store, user.id, org.id, 30 * 86_400) });
  }
  return people;
}
