// /v1/orgs/:org/consultations: anyone lists and reads consultations that are not drafts, with their
// proposals, counts, quorum, phase dates and (once closed) result; officers and admins create them,
// change what the phase still allows, advance them by hand and delete them.
import { Hono, type Context } from 'hono';
import { ConsultationAdvance, ConsultationCreate, ConsultationQuery, ConsultationUpdate, type ConsultationPage, type ConsultationPhase } from '@civic-elements/protocol';
import { asApiError, requireManager, wrongPhase } from '../../consultations/access.js';
import { participantsOf, type ConsultationEvents } from '../../consultations/notify.js';
import { consultationOut, consultationTopic, resultOut, summaryOut } from '../../consultations/present.js';
import { advanceConsultation } from '../../consultations/scheduler.js';
import { movableEnds, nextPhase, settingRefusal, type PhaseEnds } from '../../domain/consultation.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, forbidden } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { assertNoProblems } from '../../http/problems.js';
import { json } from '../../http/reply.js';
import { jsonBody, parseWith, queryOf, readJson } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import { whenText } from '../../polls/access.js';
import type { ConsultationChanges, ConsultationRecord } from '../../store/types.js';
import { decodeCursor } from '../polls/context.js';
import { consultationContext, encodeCursor, findConsultation, youOf, type ConsultationContext } from './context.js';

const ALL: readonly ConsultationPhase[] = ['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed'];
const PUBLIC = ALL.filter((phase) => phase !== 'draft');
const END_FIELDS = ['proposingEndsAt', 'discussionEndsAt', 'frozenEndsAt', 'votingEndsAt'] as const;
const WORDS: Record<(typeof END_FIELDS)[number], string> = { proposingEndsAt: 'proposing', discussionEndsAt: 'discussion', frozenEndsAt: 'frozen', votingEndsAt: 'voting' };

/** A time as stored (always with milliseconds, so stored times compare as text). */
const storedTime = (value: string) => new Date(value).toISOString();

/** The whole consultation as the reader sees it. */
export async function consultationView(deps: Deps, context: ConsultationContext, consultation: ConsultationRecord) {
  const { org } = context;
  const [proposals, participants, lastEventId] = await Promise.all([
    deps.store.consultations.proposals(org.id, consultation.rowid),
    participantsOf(deps, consultation),
    deps.store.consultations.lastEventId(org.id, consultationTopic(consultation.id)),
  ]);
  let result = null;
  if (consultation.phase === 'closed') {
    const poll = consultation.pollId ? await deps.store.polls.byId(org.id, consultation.pollId) : null;
    result = resultOut(poll, poll ? await deps.store.polls.tally(org.id, poll.rowid) : null);
  }
  const { you, proposalYou } = await youOf(deps, context, consultation, proposals);
  return consultationOut(consultation, { participants, proposals, result, lastEventId, you, proposalYou });
}

export function manageRoutes(deps: Deps, events: ConsultationEvents) {
  const { store } = deps;
  const auth = requireAuth(deps);
  const maybeAuth = optionalAuth(deps);
  const future = (field: string, value: string) => {
    if (Date.parse(value) <= deps.clock().getTime()) assertNoProblems({ [field]: 'This date has already passed: choose a later one.' });
  };

  return new Hono<AppEnv>()
    .get('/:org/consultations', maybeAuth, queryOf(ConsultationQuery), async (c) => {
      const { org, viewer } = await consultationContext(c, deps);
      const query = c.req.valid('query');
      const asked = query.phase ? (query.phase.split(',') as ConsultationPhase[]) : viewer.manager ? ALL : PUBLIC;
      if (!viewer.manager && asked.includes('draft')) throw forbidden(`Only officers and admins of ${org.name} can see draft consultations.`);
      const after = decodeCursor(query.cursor, ['string', 'number']);
      const rows = await store.consultations.list(org.id, { phases: asked, after: after ? { createdAt: after[0] as string, rowid: after[1] as number } : null, limit: query.limit + 1 });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      const body: ConsultationPage = {
        items: await Promise.all(items.map(async (item) => summaryOut(item, await participantsOf(deps, item)))),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt, last.rowid]) : null,
      };
      return json(c, body);
    })
    .post('/:org/consultations', auth, jsonBody(ConsultationCreate), async (c) => {
      const context = await consultationContext(c, deps);
      const { org, viewer } = context;
      const user = requireManager(viewer, org, 'create consultations');
      const input = c.req.valid('json');
      future('proposingEndsAt', input.proposingEndsAt);
      const consultation = await store.consultations.create(
        org.id,
        {
          title: input.title,
          description: input.description,
          quorum: input.quorum,
          eligibility: input.eligibility,
          results: input.results,
          autoAdvance: input.autoAdvance,
          proposingEndsAt: storedTime(input.proposingEndsAt),
          discussionEndsAt: storedTime(input.discussionEndsAt),
          frozenEndsAt: storedTime(input.frozenEndsAt),
          votingEndsAt: storedTime(input.votingEndsAt),
          createdBy: user.id,
        },
        deps.clock(),
      );
      return json(c, await consultationView(deps, context, consultation), 201, { location: `/v1/orgs/${org.slug}/consultations/${consultation.id}` });
    })
    .get('/:org/consultations/:id', maybeAuth, async (c) => {
      const context = await consultationContext(c, deps);
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      return json(c, await consultationView(deps, context, consultation));
    })
    .patch('/:org/consultations/:id', auth, jsonBody(ConsultationUpdate), async (c) => {
      const context = await consultationContext(c, deps);
      const { org, viewer } = context;
      requireManager(viewer, org, 'change consultations');
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      const changes = c.req.valid('json');
      for (const field of ['title', 'description', 'autoAdvance', 'quorum', 'eligibility', 'results'] as const) {
        const refusal = changes[field] !== undefined ? settingRefusal(field, consultation.phase) : null;
        if (refusal) throw new ApiError(409, 'wrong_phase', refusal, { details: { phase: consultation.phase, field } });
      }
      const movable = movableEnds(consultation.phase);
      const ends: PhaseEnds = { proposingEndsAt: consultation.proposingEndsAt, discussionEndsAt: consultation.discussionEndsAt, frozenEndsAt: consultation.frozenEndsAt, votingEndsAt: consultation.votingEndsAt };
      for (const field of END_FIELDS) {
        const value = changes[field];
        if (value === undefined) continue;
        if (!movable.includes(field)) throw new ApiError(409, 'wrong_phase', `The ${WORDS[field]} phase has ended: its end date can no longer change.`, { details: { phase: consultation.phase, field } });
        future(field, value);
        ends[field] = storedTime(value);
      }
      // The dates as they would be, checked as a whole.
      parseWith(ConsultationUpdate, ends);
      const update: ConsultationChanges = { ...ends };
      if (changes.title !== undefined) update.title = changes.title;
      if (changes.description !== undefined) update.description = changes.description;
      if (changes.autoAdvance !== undefined) update.autoAdvance = changes.autoAdvance;
      if (changes.quorum !== undefined) update.quorum = changes.quorum;
      if (changes.eligibility !== undefined) update.eligibility = changes.eligibility;
      if (changes.results !== undefined) update.results = changes.results;
      const changed = await store.consultations.update(org.id, consultation.rowid, update, deps.clock()).catch((error: unknown) => asApiError(error));
      // A new quorum changes which proposals reach it.
      if (changes.quorum !== undefined && changed.phase !== 'draft') await events.countsChanged(changed);
      return json(c, await consultationView(deps, context, changed));
    })
    .delete('/:org/consultations/:id', auth, async (c) => {
      const context = await consultationContext(c, deps);
      const { org, viewer } = context;
      requireManager(viewer, org, 'delete consultations');
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      if (consultation.phase !== 'draft' && !viewer.admin) {
        throw forbidden(`Only admins of ${org.name} can delete a consultation that has opened: it holds residents’ proposals and support.`);
      }
      await store.consultations.remove(org.id, consultation.rowid);
      return c.body(null, 204);
    })
    .post('/:org/consultations/:id/advance', auth, async (c: Context<AppEnv>) => {
      const context = await consultationContext(c, deps);
      const { org, viewer } = context;
      requireManager(viewer, org, 'advance consultations');
      // The body is optional: no body (and no Content-Type) is `{}`.
      const input = parseWith(ConsultationAdvance, c.req.header('content-type') ? await readJson(c) : {});
      const consultation = await findConsultation(deps, context, c.req.param('id') ?? '');
      const from = consultation.phase;
      if (input.from !== undefined && input.from !== from) {
        throw new ApiError(409, 'wrong_phase', `This consultation is already in its ${from} phase: it moved on from ${input.from} since you looked.`, { details: { phase: from } });
      }
      if (nextPhase(from) === null) throw wrongPhase(from, 'change');
      if (from === 'draft' && consultation.autoAdvance && Date.parse(consultation.proposingEndsAt) <= deps.clock().getTime()) {
        throw new ApiError(409, 'conflict', `The proposing phase was planned to end on ${whenText(consultation.proposingEndsAt)}, which has passed: change the dates first.`);
      }
      const record = await advanceConsultation(deps, events, consultation, from);
      if (!record) {
        const now = await store.consultations.byId(org.id, consultation.id);
        throw new ApiError(409, 'wrong_phase', `This consultation has just moved on to its ${now?.phase ?? 'next'} phase.`, { details: { phase: now?.phase ?? from } });
      }
      const advanced = (await store.consultations.byId(org.id, consultation.id))!;
      return json(c, await consultationView(deps, context, advanced));
    });
}
