// The consultation routes' part of the OpenAPI document: consultations and their phases, proposals and
// revisions, support and confirmations, suggestions and ratings, from the protocol's schemas; and
// consultation topics on the stream.
import {
  Consultation,
  ConsultationAdvance,
  ConsultationCreate,
  ConsultationPage,
  ConsultationUpdate,
  ProposalCreate,
  ProposalDetail,
  ProposalRevisionList,
  ProposalUpdate,
  Suggestion,
  SuggestionCreate,
  SuggestionList,
  SuggestionRating,
} from '@civic-elements/protocol';
import { error, type Operation } from './operation.js';
import { POLL_ROUTES } from './polls.js';

const string = { type: 'string' };
const org = ['org'];
const one = ['org', 'id'];
const proposal = ['org', 'id', 'pid'];
const suggestion = ['org', 'id', 'pid', 'sid'];
const readErrors = { 404: error('not_found (no such consultation, proposal or suggestion; or a draft) or org_not_found') };
const writeErrors = { 400: error('validation_failed'), 401: error('unauthenticated'), 403: error('forbidden, not_eligible (details.eligibility) or origin_not_allowed'), ...readErrors };
const phaseErrors = { 409: error('wrong_phase (details.phase): the phase does not allow this; conflict') };

/** The stream's description (from the poll routes) with the consultation topics added. */
const pollStream = POLL_ROUTES['/v1/stream']!.get!;
const stream: Operation = {
  ...pollStream,
  summary: `${pollStream.summary}. Consultation topics (consultation:<id>) send phase, counts and proposal`,
  query: { ...pollStream.query, topic: { schema: string, description: 'comments:<subject>, poll:<id> (a poll that is not a draft) or consultation:<id> (a consultation that is not a draft)' } },
};

const proposalAnswer = (what: string) => ({ 200: { description: what, schema: ProposalDetail }, ...writeErrors, ...phaseErrors });

export const CONSULTATION_ROUTES: Record<string, Record<string, Operation>> = {
  '/v1/orgs/{org}/consultations': {
    get: {
      summary: 'Consultations, newest first (drafts only for officers and admins)',
      params: org,
      query: {
        phase: { schema: string, description: 'draft, proposing, discussion, frozen, voting and/or closed, comma-separated (default: all but draft; for officers all)' },
        cursor: { schema: string, description: 'nextCursor of the previous page' },
        limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' },
      },
      responses: { 200: { description: 'A page of consultations', schema: ConsultationPage }, 400: error('validation_failed'), 403: error('forbidden (drafts)'), 404: error('org_not_found') },
    },
    post: { summary: 'Create a consultation, as a draft (officers and admins)', auth: true, params: org, body: ConsultationCreate, responses: { 201: { description: 'The consultation', schema: Consultation }, ...writeErrors } },
  },
  '/v1/orgs/{org}/consultations/{id}': {
    get: { summary: 'A consultation with its proposals, counts, the quorum needed, its phases and dates, its result once closed, and what the reader may do', params: one, responses: { 200: { description: 'The consultation', schema: Consultation }, ...readErrors } },
    patch: {
      summary: 'Change a consultation (officers and admins): title, description and autoAdvance until closed; end dates of phases not yet ended; quorum until frozen; eligibility and results while a draft',
      auth: true,
      params: one,
      body: ConsultationUpdate,
      responses: { 200: { description: 'The consultation', schema: Consultation }, ...writeErrors, ...phaseErrors },
    },
    delete: { summary: 'Delete a consultation with its proposals and its vote (officers: drafts; admins: any)', auth: true, params: one, responses: { 204: { description: 'Deleted' }, ...writeErrors } },
  },
  '/v1/orgs/{org}/consultations/{id}/advance': {
    post: {
      summary: 'Move to the next phase now (officers and admins). Leaving frozen admits proposals by confirmed support and opens the ranked vote; leaving voting closes it',
      auth: true,
      params: one,
      body: ConsultationAdvance,
      bodyOptional: true,
      responses: { 200: { description: 'The consultation', schema: Consultation }, ...writeErrors, ...phaseErrors },
    },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals': {
    post: {
      summary: 'Submit a proposal (eligible people, in the proposing phase); its author supports it at once',
      auth: true,
      params: one,
      body: ProposalCreate,
      responses: { 201: { description: 'The proposal', schema: ProposalDetail }, ...writeErrors, ...phaseErrors },
    },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}': {
    get: { summary: 'A proposal with its whole text, and what the reader may do with it', params: proposal, responses: { 200: { description: 'The proposal', schema: ProposalDetail }, ...readErrors } },
    patch: { summary: 'Revise a proposal (its author, in the proposing and discussion phases); the old version stays in the history', auth: true, params: proposal, body: ProposalUpdate, responses: proposalAnswer('The proposal') },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}/revisions': {
    get: { summary: 'Every version of a proposal, newest first', params: proposal, responses: { 200: { description: 'Revisions', schema: ProposalRevisionList }, ...readErrors } },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}/withdraw': {
    post: { summary: 'Withdraw a proposal (its author, in the proposing and discussion phases)', auth: true, params: proposal, responses: proposalAnswer('The proposal') },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}/support': {
    put: {
      summary: 'Support a proposal (eligible people, in the proposing and discussion phases); one support per person',
      auth: true,
      params: proposal,
      responses: { 201: { description: 'Supported', schema: ProposalDetail }, ...proposalAnswer('Already supported') },
    },
    delete: { summary: 'Take back one’s support (not the author’s own), in the proposing and discussion phases', auth: true, params: proposal, responses: proposalAnswer('The proposal') },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}/confirmation': {
    put: {
      summary: 'Confirm one’s support (supporters, in the frozen phase): only confirmed support counts when it ends',
      auth: true,
      params: proposal,
      responses: { 201: { description: 'Confirmed', schema: ProposalDetail }, ...proposalAnswer('Already confirmed') },
    },
    delete: { summary: 'Take back one’s confirmation, in the frozen phase', auth: true, params: proposal, responses: proposalAnswer('The proposal') },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}/suggestions': {
    get: { summary: 'A proposal’s suggestions, the most wanted first, with the reader’s own rating', params: proposal, responses: { 200: { description: 'Suggestions', schema: SuggestionList }, ...readErrors } },
    post: {
      summary: 'Attach a suggestion to a proposal (its supporters, in the discussion phase)',
      auth: true,
      params: proposal,
      body: SuggestionCreate,
      responses: { 201: { description: 'The suggestion', schema: Suggestion }, ...writeErrors, ...phaseErrors },
    },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}/suggestions/{sid}': {
    delete: { summary: 'Remove a suggestion (its author in the discussion phase, or a moderator)', auth: true, params: suggestion, responses: { 204: { description: 'Removed' }, ...writeErrors, ...phaseErrors } },
  },
  '/v1/orgs/{org}/consultations/{id}/proposals/{pid}/suggestions/{sid}/rating': {
    put: {
      summary: 'Rate a suggestion must, should, should-not or must-not (the proposal’s supporters, in the discussion phase)',
      auth: true,
      params: suggestion,
      body: SuggestionRating,
      responses: { 200: { description: 'The suggestion', schema: Suggestion }, ...writeErrors, ...phaseErrors },
    },
    delete: { summary: 'Take back one’s rating', auth: true, params: suggestion, responses: { 200: { description: 'The suggestion', schema: Suggestion }, ...writeErrors, ...phaseErrors } },
  },
  '/v1/stream': { get: stream },
};
