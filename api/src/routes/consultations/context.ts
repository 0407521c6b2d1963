// What every consultation route needs first: the organisation, who is asking, the consultation (drafts
// only for its managers) and the proposal (of that consultation); and what the reader may do with them.
import type { Context } from 'hono';
import { MAX_PROPOSALS_PER_AUTHOR, type ConsultationYou, type ProposalYou } from '@civic-elements/protocol';
import { consultationViewerOf, eligibilityRefusal, type ConsultationViewer } from '../../consultations/access.js';
import { phaseAllows, phaseRefusal } from '../../domain/consultation.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { findOrg } from '../../http/viewer.js';
import type { ConsultationRecord, OrgRecord, ProposalRecord, SuggestionRecord } from '../../store/types.js';

export interface ConsultationContext {
  org: OrgRecord;
  viewer: ConsultationViewer;
}

export async function consultationContext(c: Context<AppEnv>, deps: Deps): Promise<ConsultationContext> {
  const org = await findOrg(deps, c.req.param('org') ?? '');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') assertOriginAllowed(c.req.header('origin'), org);
  return { org, viewer: await consultationViewerOf(c, deps, org) };
}

/** The consultation, when the organisation has it and the reader may see it (drafts: its managers only); 404 otherwise, another organisation's included. */
export async function findConsultation(deps: Deps, { org, viewer }: ConsultationContext, id: string): Promise<ConsultationRecord> {
  const consultation = id.length <= 64 ? await deps.store.consultations.byId(org.id, id) : null;
  if (!consultation || (consultation.phase === 'draft' && !viewer.manager)) throw notFound(`${org.name} has no consultation with this id.`);
  return consultation;
}

/** The proposal, when the consultation has it; 404 otherwise. */
export async function findProposal(deps: Deps, { org }: ConsultationContext, consultation: ConsultationRecord, id: string): Promise<ProposalRecord> {
  const proposal = id.length <= 64 ? await deps.store.consultations.proposal(org.id, id) : null;
  if (!proposal || proposal.consultationRowid !== consultation.rowid) throw notFound('This consultation has no proposal with this id.');
  return proposal;
}

/** The suggestion, when the proposal has it; 404 otherwise. */
export async function findSuggestion(deps: Deps, { org }: ConsultationContext, proposal: ProposalRecord, id: string): Promise<SuggestionRecord> {
  const suggestion = id.length <= 64 ? await deps.store.consultations.suggestion(org.id, id) : null;
  if (!suggestion || suggestion.proposalRowid !== proposal.rowid) throw notFound('This proposal has no suggestion with this id.');
  return suggestion;
}

/** What the reader may do: with the consultation (`you`), and with each proposal (`proposalYou`). */
export async function youOf(deps: Deps, { org, viewer }: ConsultationContext, c: ConsultationRecord, proposals: readonly ProposalRecord[]) {
  const user = viewer.user;
  const refusal = user ? await eligibilityRefusal(deps, org, c.eligibility, user) : null;
  const eligible = user !== null && refusal === null;
  const support = user ? await deps.store.consultations.supportOf(org.id, c.rowid, user.id) : new Map<string, { confirmed: boolean }>();
  const mine = user ? proposals.filter((p) => p.authorId === user.id).length : 0;
  let reason: string | undefined;
  if (!user) reason = 'Sign in to take part.';
  else if (refusal) reason = refusal.message;
  else if (!phaseAllows(c.phase, 'propose')) reason = phaseRefusal(c.phase, 'propose');
  else if (mine >= MAX_PROPOSALS_PER_AUTHOR) reason = `You have made ${MAX_PROPOSALS_PER_AUTHOR} proposals, which is as many as one person may.`;
  const you: ConsultationYou = {
    canManage: viewer.manager,
    canPropose: eligible && phaseAllows(c.phase, 'propose') && mine < MAX_PROPOSALS_PER_AUTHOR,
    eligible,
    ...(reason ? { reason } : {}),
  };
  const proposalYou = (p: ProposalRecord): ProposalYou => {
    const mineToo = user !== null && p.authorId === user.id;
    const held = support.get(p.id);
    const open = p.status !== 'withdrawn';
    return {
      author: mineToo,
      supporting: held !== undefined,
      confirmed: held?.confirmed ?? false,
      canSupport: eligible && open && !held && phaseAllows(c.phase, 'support'),
      canUnsupport: held !== undefined && !mineToo && phaseAllows(c.phase, 'unsupport'),
      canConfirm: eligible && open && held !== undefined && !held.confirmed && phaseAllows(c.phase, 'confirm'),
      canRevise: mineToo && open && phaseAllows(c.phase, 'revise'),
      canWithdraw: mineToo && open && phaseAllows(c.phase, 'withdraw'),
      canSuggest: eligible && open && held !== undefined && phaseAllows(c.phase, 'suggest'),
    };
  };
  return { you, proposalYou };
}

/** An opaque cursor: the values of the last row of a page. */
export const encodeCursor = (values: readonly (string | number)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
