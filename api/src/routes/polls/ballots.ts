// /v1/orgs/:org/polls/:id/ballot and verify-receipt: eligible residents cast or change their ballot (PUT,
// idempotent: one ballot per person, the last one counts), read their own, and anyone checks a receipt.
import { Hono } from 'hono';
import { Ballot, ReceiptCheck, type BallotReceipt, type MyBallot, type ReceiptStatus } from '@civic-elements/protocol';
import { ballotOf, checkBallot } from '../../domain/ballots.js';
import { pollPhase } from '../../domain/poll-phase.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { problemsError } from '../../http/problems.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { eligibilityError, notOpenError, requireSignedIn } from '../../polls/access.js';
import type { PollEvents } from '../../polls/notify.js';
import { ballotKeyring, newReceipt, normaliseReceipt, receiptHash, voterKey } from '../../polls/secrecy.js';
import { PollNotOpenError, type CastResult, type PollRecord } from '../../store/types.js';
import { asConflict, findPoll, pollContext } from './context.js';

const optionIds = (poll: PollRecord) => poll.options.map((option) => option.id);

export function ballotRoutes(deps: Deps, events: PollEvents) {
  const { store } = deps;
  const auth = requireAuth(deps);
  let keyring: Buffer | undefined;
  /** Derived from SECRET on first use (server.ts sets SECRET before the app starts). */
  const keyOf = (poll: PollRecord, userId: string) => {
    if (!deps.config.secret) throw new Error('config.secret is not set: server.ts fills it before the app starts');
    keyring ??= ballotKeyring(deps.config.secret);
    return voterKey(keyring, poll.id, userId);
  };

  return new Hono<AppEnv>()
    .put('/:org/polls/:id/ballot', auth, jsonBody(Ballot), async (c) => {
      const context = await pollContext(c, deps);
      const { org, viewer } = context;
      const user = requireSignedIn(viewer, 'vote');
      const poll = await findPoll(deps, context, c.req.param('id'));
      const refusal = notOpenError(poll, pollPhase(poll, deps.clock())) ?? (await eligibilityError(deps, org, poll, user));
      if (refusal) throw refusal;
      const check = checkBallot({ kind: poll.kind, optionIds: optionIds(poll), minChoices: poll.minChoices, maxChoices: poll.maxChoices }, c.req.valid('json'));
      if (!check.ok) throw problemsError(check.fields);
      const receipt = newReceipt();
      const now = deps.clock();
      let cast: CastResult;
      try {
        cast = await store.polls.cast(org.id, poll.rowid, { userId: user.id, voterKey: keyOf(poll, user.id), receiptHash: receiptHash(receipt), choices: check.choices }, now);
      } catch (error) {
        // It closed (or was never open) between reading it and the ballot's transaction.
        if (error instanceof PollNotOpenError) throw notOpenError(poll, pollPhase({ ...poll, status: error.status }, now)) ?? new ApiError(409, 'poll_not_open', error.message);
        asConflict(error);
      }
      await events.tallyChanged(poll);
      const body: BallotReceipt = { pollId: poll.id, receipt, changed: cast.changed, ballot: ballotOf(poll.kind, optionIds(poll), check.choices) };
      return json(c, body, cast.changed ? 200 : 201);
    })
    .get('/:org/polls/:id/ballot', auth, async (c) => {
      const context = await pollContext(c, deps);
      const user = requireSignedIn(context.viewer, 'see your ballot');
      const poll = await findPoll(deps, context, c.req.param('id'));
      const [voter, choices] = await Promise.all([store.polls.voter(context.org.id, poll.rowid, user.id), store.polls.ballotByKey(context.org.id, poll.rowid, keyOf(poll, user.id))]);
      const body: MyBallot = {
        voted: voter !== null,
        votedAt: voter?.votedAt ?? null,
        changedAt: voter?.changedAt ?? null,
        ballot: choices !== null ? ballotOf(poll.kind, optionIds(poll), choices) : null,
      };
      return json(c, body);
    })
    .post('/:org/polls/:id/verify-receipt', jsonBody(ReceiptCheck), async (c) => {
      const context = await pollContext(c, deps);
      const poll = await findPoll(deps, context, c.req.param('id'));
      const code = normaliseReceipt(c.req.valid('json').receipt);
      if (!code) throw problemsError({ receipt: 'A receipt is 20 letters and digits, like 7K3Q-M9XF-2HBD-Q8RW-PZ4T. Check you copied all of it.' });
      const hash = receiptHash(code);
      const choices = await store.polls.ballotByReceipt(context.org.id, poll.rowid, hash);
      const body: ReceiptStatus = { counted: choices !== null, receiptHash: hash.toString('hex'), ballot: choices !== null ? ballotOf(poll.kind, optionIds(poll), choices) : null };
      return json(c, body);
    });
}
