// /v1/orgs/:org/consultations/:id/proposals/:pid/support and …/confirmation: eligible people support a
// proposal (one support per person per proposal, kept by the database) and take it back in the
// proposing and discussion phases; in the frozen phase supporters confirm, and only confirmed support
// counts when it ends. PUT and DELETE are idempotent: the answer is the proposal as it now stands.
import { Hono, type Context } from 'hono';
import { asApiError, requireEligible, requireSignedIn, wrongPhase } from '../../consultations/access.js';
import type { ConsultationEvents } from '../../consultations/notify.js';
import { phaseAllows } from '../../domain/consultation.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { consultationContext, findConsultation, findProposal } from './context.js';
import { proposalView } from './proposals.js';

export function supportRoutes(deps: Deps, events: ConsultationEvents) {
  const { store } = deps;
  const auth = requireAuth(deps);

  /** The consultation, the proposal and who asks, for one of these routes. */
  const target = async (c: Context<AppEnv>) => {
    const context = await consultationContext(c, deps);
    const consultation = await findConsultation(deps, context, c.req.param('id') ?? '');
    const proposal = await findProposal(deps, context, consultation, c.req.param('pid') ?? '');
    return { context, consultation, proposal };
  };

  /** The proposal after the change, and the counts streamed when something changed. */
  const answer = async (c: Context<AppEnv>, found: Awaited<ReturnType<typeof target>>, changed: boolean, created: boolean) => {
    if (changed) await events.countsChanged(found.consultation);
    const fresh = (await store.consultations.proposal(found.context.org.id, found.proposal.id))!;
    return json(c, await proposalView(deps, found.context, found.consultation, fresh), created ? 201 : 200);
  };

  return new Hono<AppEnv>()
    .put('/:org/consultations/:id/proposals/:pid/support', auth, async (c) => {
      const found = await target(c);
      const user = await requireEligible(deps, found.context.org, found.consultation, found.context.viewer, 'support proposals');
      if (!phaseAllows(found.consultation.phase, 'support')) throw wrongPhase(found.consultation.phase, 'support');
      const added = await store.consultations.support(found.context.org.id, found.proposal.rowid, user.id, deps.clock()).catch((error: unknown) => asApiError(error));
      return answer(c, found, added, added);
    })
    .delete('/:org/consultations/:id/proposals/:pid/support', auth, async (c) => {
      const found = await target(c);
      const user = requireSignedIn(found.context.viewer, 'take back your support');
      if (!phaseAllows(found.consultation.phase, 'unsupport')) throw wrongPhase(found.consultation.phase, 'unsupport');
      if (found.proposal.authorId === user.id && found.proposal.status !== 'withdrawn') {
        throw new ApiError(409, 'conflict', 'You wrote this proposal, so you support it. Withdraw it instead if you no longer stand by it.');
      }
      const removed = await store.consultations.unsupport(found.context.org.id, found.proposal.rowid, user.id).catch((error: unknown) => asApiError(error));
      return answer(c, found, removed, false);
    })
    .put('/:org/consultations/:id/proposals/:pid/confirmation', auth, async (c) => {
      const found = await target(c);
      const user = await requireEligible(deps, found.context.org, found.consultation, found.context.viewer, 'confirm your support');
      if (!phaseAllows(found.consultation.phase, 'confirm')) throw wrongPhase(found.consultation.phase, 'confirm');
      const confirmed = await store.consultations
        .confirm(found.context.org.id, found.proposal.rowid, user.id, deps.clock())
        .catch((error: unknown) => asApiError(error, 'confirm support: you did not support it before the consultation was frozen'));
      return answer(c, found, confirmed, confirmed);
    })
    .delete('/:org/consultations/:id/proposals/:pid/confirmation', auth, async (c) => {
      const found = await target(c);
      const user = requireSignedIn(found.context.viewer, 'take back your confirmation');
      if (!phaseAllows(found.consultation.phase, 'unconfirm')) throw wrongPhase(found.consultation.phase, 'unconfirm');
      const removed = await store.consultations.unconfirm(found.context.org.id, found.proposal.rowid, user.id).catch((error: unknown) => asApiError(error, 'take back a confirmation'));
      return answer(c, found, removed, false);
    });
}
