// The poll routes' part of the OpenAPI document: polls and their lifecycle, ballots and receipts, results,
// exports, recounts and verified residents, from the protocol's schemas; and poll topics on the stream.
import {
  Ballot,
  BallotExport,
  BallotReceipt,
  MyBallot,
  Poll,
  PollCreate,
  PollPage,
  PollResults,
  PollUpdate,
  ReceiptCheck,
  ReceiptStatus,
  RecountReport,
  VerifiedResident,
  VerifiedResidentCreate,
  VerifiedResidentPage,
} from '@civic-elements/protocol';
import { DEBATE_ROUTES } from './debate.js';
import { error, type Operation } from './operation.js';

const string = { type: 'string' };
const org = ['org'];
const one = ['org', 'id'];
const readErrors = { 404: error('not_found (no such poll, or a draft) or org_not_found') };
const writeErrors = { 400: error('validation_failed'), 401: error('unauthenticated'), 403: error('forbidden or origin_not_allowed'), ...readErrors };
const hidden = { 403: error('results_hidden (details.closesAt): results are published when the poll closes') };

/** The stream's description (from the discussion routes) with the poll topics added. */
const debateStream = DEBATE_ROUTES['/v1/stream']!.get!;
const stream: Operation = {
  ...debateStream,
  summary: `${debateStream.summary}. Poll topics (poll:<id>) send results (at most about once a second, while results are public) and status`,
  query: { ...debateStream.query, topic: { schema: string, description: 'comments:<subject>, or poll:<id> (a poll that is not a draft)' } },
};

export const POLL_ROUTES: Record<string, Record<string, Operation>> = {
  '/v1/orgs/{org}/polls': {
    get: {
      summary: 'Polls, newest first (drafts only for officers and admins)',
      params: org,
      query: {
        status: { schema: string, description: 'open, closed and/or draft, comma-separated (default: open,closed; for officers all three)' },
        cursor: { schema: string, description: 'nextCursor of the previous page' },
        limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' },
      },
      responses: { 200: { description: 'A page of polls', schema: PollPage }, 400: error('validation_failed'), 403: error('forbidden (drafts)'), 404: error('org_not_found') },
    },
    post: { summary: 'Create a poll, as a draft (officers and admins)', auth: true, params: org, body: PollCreate, responses: { 201: { description: 'The poll', schema: Poll }, ...writeErrors } },
  },
  '/v1/orgs/{org}/polls/{id}': {
    get: { summary: 'A poll, with what the reader may do (you)', params: one, responses: { 200: { description: 'The poll', schema: Poll }, ...readErrors } },
    patch: { summary: 'Change a draft poll (officers and admins); options replace the list', auth: true, params: one, body: PollUpdate, responses: { 200: { description: 'The poll', schema: Poll }, ...writeErrors, 409: error('conflict (no longer a draft)') } },
    delete: { summary: 'Delete a poll with its ballots (officers: drafts; admins: any)', auth: true, params: one, responses: { 204: { description: 'Deleted' }, ...writeErrors } },
  },
  '/v1/orgs/{org}/polls/{id}/open': {
    post: { summary: 'Open a draft for voting (from opensAt, when set)', auth: true, params: one, responses: { 200: { description: 'The poll', schema: Poll }, ...writeErrors, 409: error('conflict (already open or closed, or closesAt has passed)') } },
  },
  '/v1/orgs/{org}/polls/{id}/close': {
    post: { summary: 'Close an open poll: ballots are final, results are published', auth: true, params: one, responses: { 200: { description: 'The poll', schema: Poll }, ...writeErrors, 409: error('conflict (a draft, or already closed)') } },
  },
  '/v1/orgs/{org}/polls/{id}/ballot': {
    put: {
      summary: 'Cast or change one’s ballot (eligible residents, while the poll takes ballots). One per person; a new receipt each time',
      auth: true,
      params: one,
      body: Ballot,
      responses: {
        200: { description: 'Changed: the new receipt (shown once)', schema: BallotReceipt },
        201: { description: 'Cast: the receipt (shown once)', schema: BallotReceipt },
        ...writeErrors,
        403: error('not_eligible (details.eligibility), origin_not_allowed'),
        409: error('poll_not_open (details.status, details.opensAt), conflict'),
      },
    },
    get: { summary: 'Whether I voted, and my current ballot', auth: true, params: one, responses: { 200: { description: 'My ballot', schema: MyBallot }, 401: error('unauthenticated'), ...readErrors } },
  },
  '/v1/orgs/{org}/polls/{id}/verify-receipt': {
    post: { summary: 'Is the ballot with this receipt in the ballot set? (anyone)', params: one, body: ReceiptCheck, responses: { 200: { description: 'Counted or not', schema: ReceiptStatus }, 400: error('validation_failed'), ...readErrors } },
  },
  '/v1/orgs/{org}/polls/{id}/results': {
    get: { summary: 'Results from the running tally: turnout, counts or scores, and for ranked polls the Schulze ranking, d and p', params: one, responses: { 200: { description: 'Results', schema: PollResults }, ...hidden, ...readErrors } },
  },
  '/v1/orgs/{org}/polls/{id}/ballots.json': {
    get: { summary: 'The anonymised ballot set as JSON, to recount (when results are visible)', params: one, responses: { 200: { description: 'Ballots', schema: BallotExport }, ...hidden, ...readErrors } },
  },
  '/v1/orgs/{org}/polls/{id}/ballots.csv': {
    get: { summary: 'The anonymised ballot set as CSV: receipt hash, then one column per option', params: one, responses: { 200: { description: 'CSV', contentType: 'text/csv' }, ...hidden, ...readErrors } },
  },
  '/v1/orgs/{org}/polls/{id}/recount': {
    post: { summary: 'Count every stored ballot again and compare with the running tally (officers and admins)', auth: true, params: one, responses: { 200: { description: 'The recount', schema: RecountReport }, ...writeErrors } },
  },
  '/v1/orgs/{org}/verified-residents': {
    get: {
      summary: 'Residents verified for officer-verified polls, newest first (officers and admins)',
      auth: true,
      params: org,
      query: { cursor: { schema: string, description: 'nextCursor of the previous page' }, limit: { schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Page size' } },
      responses: { 200: { description: 'A page', schema: VerifiedResidentPage }, ...writeErrors },
    },
    post: {
      summary: 'Mark a person verified, by userId or email (officers and admins)',
      auth: true,
      params: org,
      body: VerifiedResidentCreate,
      responses: { 200: { description: 'Marked again', schema: VerifiedResident }, 201: { description: 'Marked', schema: VerifiedResident }, ...writeErrors, 404: error('not_found (no such account)') },
    },
  },
  '/v1/orgs/{org}/verified-residents/{userId}': {
    delete: { summary: 'Take the mark away', auth: true, params: ['org', 'userId'], responses: { 204: { description: 'Taken away' }, ...writeErrors } },
  },
  '/v1/stream': { get: stream },
};
