// /v1/orgs/:org/consultations/:id/proposals: eligible people submit proposals in the proposing phase
// (supporting their own at once); anyone reads a proposal with its whole text and its revisions; its
// author revises or withdraws it while the phase allows.
import { Hono } from 'hono';
import { MAX_PROPOSALS_PER_AUTHOR, ProposalCreate, ProposalUpdate, type ProposalRevisionList } from '@civic-elements/protocol';
import { asApiError, requireEligible, requireSignedIn, wrongPhase } from '../../consultations/access.js';
import { participantsOf, type ConsultationEvents } from '../../consultations/notify.js';
import { proposalDetailOut } from '../../consultations/present.js';
import { phaseAllows, quorumNeeded } from '../../domain/consultation.js';
import { requireAuth } from '../../http/auth.js';
import { forbidden } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import type { ConsultationRecord, ProposalRecord } from '../../store/types.js';
import { consultationContext, findConsultation, findProposal, youOf, type ConsultationContext } from './context.js';

/** One proposal with its text, as the reader sees it. */
export async function proposalView(deps: Deps, context: ConsultationContext, consultation: ConsultationRecord, proposal: ProposalRecord) {
  const [participants, { proposalYou }] = await Promise.all([participantsOf(deps, consultation), youOf(deps, context, consultation, [proposal])]);
  return proposalDetailOut(proposal, consultation, quorumNeeded(consultation.quorum, participants), proposalYou(proposal));
}

/** 403 unless the reader wrote the proposal. */
function requireAuthor(context: ConsultationContext, proposal: ProposalRecord, what: string): void {
  const user = requireSignedIn(context.viewer, what);
  if (proposal.authorId !== user.id) throw forbidden(`Only the author of a proposal can ${what}.`);
}

export function proposalRoutes(deps: Deps, events: ConsultationEvents) {
  const { store } = deps;
  const auth = requireAuth(deps);
  const maybeAuth = optionalAuth(deps);

  return new Hono<AppEnv>()
    .post('/:org/consultations/:id/proposals', auth, jsonBody(ProposalCreate), async (c) => {
      const context = await consultationContext(c, deps);
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      const user = await requireEligible(deps, context.org, consultation, context.viewer, 'make a proposal');
      if (!phaseAllows(consultation.phase, 'propose')) throw wrongPhase(consultation.phase, 'propose');
      const input = c.req.valid('json');
      const proposal = await store.consultations
        .propose(context.org.id, consultation.rowid, { title: input.title, summary: input.summary, body: input.body, authorId: user.id }, MAX_PROPOSALS_PER_AUTHOR, deps.clock())
        .catch((error: unknown) => asApiError(error));
      await events.proposalChanged(consultation, proposal);
      await events.countsChanged(consultation);
      return json(c, await proposalView(deps, context, consultation, proposal), 201, { location: `/v1/orgs/${context.org.slug}/consultations/${consultation.id}/proposals/${proposal.id}` });
    })
    .get('/:org/consultations/:id/proposals/:pid', maybeAuth, async (c) => {
      const context = await consultationContext(c, deps);
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      const proposal = await findProposal(deps, context, consultation, c.req.param('pid'));
      return json(c, await proposalView(deps, context, consultation, proposal));
    })
    .patch('/:org/consultations/:id/proposals/:pid', auth, jsonBody(ProposalUpdate), async (c) => {
      const context = await consultationContext(c, deps);
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      const proposal = await findProposal(deps, context, consultation, c.req.param('pid'));
      requireAuthor(context, proposal, 'revise it');
      if (!phaseAllows(consultation.phase, 'revise')) throw wrongPhase(consultation.phase, 'revise');
      const input = c.req.valid('json');
      const revised = await store.consultations
        .revise(context.org.id, proposal.rowid, { ...(input.title !== undefined ? { title: input.title } : {}), ...(input.summary !== undefined ? { summary: input.summary } : {}), ...(input.body !== undefined ? { body: input.body } : {}), note: input.note || null }, deps.clock())
        .catch((error: unknown) => asApiError(error));
      await events.proposalChanged(consultation, revised);
      return json(c, await proposalView(deps, context, consultation, revised));
    })
    .get('/:org/consultations/:id/proposals/:pid/revisions', maybeAuth, async (c) => {
      const context = await consultationContext(c, deps);
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      const proposal = await findProposal(deps, context, consultation, c.req.param('pid'));
      const body: ProposalRevisionList = { items: await store.consultations.revisions(context.org.id, proposal.rowid) };
      return json(c, body);
    })
    .post('/:org/consultations/:id/proposals/:pid/withdraw', auth, async (c) => {
      const context = await consultationContext(c, deps);
      const consultation = await findConsultation(deps, context, c.req.param('id'));
      const proposal = await findProposal(deps, context, consultation, c.req.param('pid'));
      requireAuthor(context, proposal, 'withdraw it');
      if (!phaseAllows(consultation.phase, 'withdraw')) throw wrongPhase(consultation.phase, 'withdraw');
      const withdrawn = await store.consultations.withdraw(context.org.id, proposal.rowid, deps.clock()).catch((error: unknown) => asApiError(error));
      await events.proposalChanged(consultation, withdrawn);
      await events.countsChanged(consultation);
      return json(c, await proposalView(deps, context, consultation, withdrawn));
    });
}
