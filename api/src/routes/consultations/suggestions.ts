// /v1/orgs/:org/consultations/:id/proposals/:pid/suggestions: in the discussion phase, supporters of a
// proposal attach suggestions to it and rate them (must, should, should not, must not), as in
// LiquidFeedback, so its author sees what would win more support. Anyone reads them; their author (in
// the discussion phase) or a moderator removes one.
import { Hono, type Context } from 'hono';
import { SuggestionCreate, SuggestionRating, type SuggestionList } from '@civic-elements/protocol';
import { asApiError, requireEligible, requireSignedIn, wrongPhase } from '../../consultations/access.js';
import { suggestionOut } from '../../consultations/present.js';
import { phaseAllows } from '../../domain/consultation.js';
import { requireAuth } from '../../http/auth.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import { consultationContext, findConsultation, findProposal, findSuggestion } from './context.js';

export function suggestionRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);
  const maybeAuth = optionalAuth(deps);

  const target = async (c: Context<AppEnv>) => {
    const context = await consultationContext(c, deps);
    const consultation = await findConsultation(deps, context, c.req.param('id') ?? '');
    const proposal = await findProposal(deps, context, consultation, c.req.param('pid') ?? '');
    return { context, consultation, proposal };
  };

  /** The suggestion after a rating changed, with the reader's own rating. */
  const rated = async (c: Context<AppEnv>, orgId: string, proposalRowid: number, suggestionId: string, userId: string) => {
    const list = await store.consultations.suggestions(orgId, proposalRowid, userId);
    const one = list.find((s) => s.id === suggestionId);
    if (!one) throw notFound('This proposal has no suggestion with this id.');
    return json(c, suggestionOut(one, one.yourRating));
  };

  return new Hono<AppEnv>()
    .get('/:org/consultations/:id/proposals/:pid/suggestions', maybeAuth, async (c) => {
      const { context, proposal } = await target(c);
      const list = await store.consultations.suggestions(context.org.id, proposal.rowid, context.viewer.user?.id ?? null);
      const body: SuggestionList = { items: list.map((s) => suggestionOut(s, s.yourRating)) };
      return json(c, body);
    })
    .post('/:org/consultations/:id/proposals/:pid/suggestions', auth, jsonBody(SuggestionCreate), async (c) => {
      const { context, consultation, proposal } = await target(c);
      const user = await requireEligible(deps, context.org, consultation, context.viewer, 'make a suggestion');
      if (!phaseAllows(consultation.phase, 'suggest')) throw wrongPhase(consultation.phase, 'suggest');
      const suggestion = await store.consultations
        .suggest(context.org.id, proposal.rowid, { body: c.req.valid('json').body, authorId: user.id }, deps.clock())
        .catch((error: unknown) => asApiError(error, 'make suggestions: support it first'));
      return json(c, suggestionOut(suggestion, null), 201);
    })
    .put('/:org/consultations/:id/proposals/:pid/suggestions/:sid/rating', auth, jsonBody(SuggestionRating), async (c) => {
      const { context, consultation, proposal } = await target(c);
      const suggestion = await findSuggestion(deps, context, proposal, c.req.param('sid'));
      const user = await requireEligible(deps, context.org, consultation, context.viewer, 'rate suggestions');
      if (!phaseAllows(consultation.phase, 'rate')) throw wrongPhase(consultation.phase, 'rate');
      await store.consultations.rate(context.org.id, suggestion.rowid, user.id, c.req.valid('json').degree, deps.clock()).catch((error: unknown) => asApiError(error, 'rate its suggestions: support it first'));
      return rated(c, context.org.id, proposal.rowid, suggestion.id, user.id);
    })
    .delete('/:org/consultations/:id/proposals/:pid/suggestions/:sid/rating', auth, async (c) => {
      const { context, consultation, proposal } = await target(c);
      const suggestion = await findSuggestion(deps, context, proposal, c.req.param('sid'));
      const user = requireSignedIn(context.viewer, 'take back your rating');
      if (!phaseAllows(consultation.phase, 'rate')) throw wrongPhase(consultation.phase, 'rate');
      await store.consultations.rate(context.org.id, suggestion.rowid, user.id, null, deps.clock()).catch((error: unknown) => asApiError(error, 'rate its suggestions'));
      return rated(c, context.org.id, proposal.rowid, suggestion.id, user.id);
    })
    .delete('/:org/consultations/:id/proposals/:pid/suggestions/:sid', auth, async (c) => {
      const { context, consultation, proposal } = await target(c);
      const suggestion = await findSuggestion(deps, context, proposal, c.req.param('sid'));
      const user = requireSignedIn(context.viewer, 'remove a suggestion');
      if (!context.viewer.moderator) {
        if (suggestion.authorId !== user.id) throw forbidden(`Only the person who made a suggestion, or a moderator of ${context.org.name}, can remove it.`);
        if (!phaseAllows(consultation.phase, 'suggest')) throw wrongPhase(consultation.phase, 'suggest');
      }
      await store.consultations.removeSuggestion(context.org.id, suggestion.rowid);
      return c.body(null, 204);
    });
}
