// Every consultation route under /v1/orgs: consultations and their phases, proposals and revisions,
// support and confirmations, suggestions and ratings. Building it makes `proposal:<id>` a subject
// `<civic-debate>` can discuss. The vote itself is a ranked poll, cast through the poll routes.
import { Hono } from 'hono';
import { ConsultationEvents } from '../../consultations/notify.js';
import { registerProposalSubject } from '../../consultations/subject.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { manageRoutes } from './manage.js';
import { proposalRoutes } from './proposals.js';
import { suggestionRoutes } from './suggestions.js';
import { supportRoutes } from './support.js';

export function consultationRoutes(deps: Deps) {
  registerProposalSubject();
  const events = new ConsultationEvents(deps);
  return new Hono<AppEnv>()
    .route('/', manageRoutes(deps, events))
    .route('/', proposalRoutes(deps, events))
    .route('/', supportRoutes(deps, events))
    .route('/', suggestionRoutes(deps));
}
