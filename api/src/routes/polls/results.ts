// /v1/orgs/:org/polls/:id/results, ballots.csv, ballots.json and recount: results read from the running
// tally (never by counting ballots), the anonymised ballot set when results are visible, and the full
// recount that checks the tally (officers and admins).
import { Hono, type Context } from 'hono';
import type { PollResults, RecountReport } from '@civic-elements/protocol';
import { CSV_CONTENT_TYPE } from '../../domain/csv.js';
import { pollPhase } from '../../domain/poll-phase.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { optionalAuth } from '../../http/viewer.js';
import { canSeeResults, requireManager, whenText } from '../../polls/access.js';
import { csvExport, exportName, jsonExport } from '../../polls/export.js';
import { pollTopic } from '../../polls/notify.js';
import { resultsOut } from '../../polls/present.js';
import type { PollRecord } from '../../store/types.js';
import { findPoll, pollContext, type PollContext } from './context.js';

/** 403 `results_hidden` unless the reader may see the results now. */
function assertResultsVisible(deps: Deps, { viewer }: PollContext, poll: PollRecord): void {
  if (canSeeResults(viewer, poll, pollPhase(poll, deps.clock()))) return;
  const when = poll.closesAt ? ` on ${whenText(poll.closesAt)}` : '';
  throw new ApiError(403, 'results_hidden', `The results of this poll are published when it closes${when}.`, { details: poll.closesAt ? { closesAt: poll.closesAt } : {} });
}

function download(c: Context<AppEnv>, body: ReadableStream<Uint8Array>, type: string, name: string): Response {
  return c.body(body, 200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
}

export function resultRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);
  const maybeAuth = optionalAuth(deps);

  return new Hono<AppEnv>()
    .get('/:org/polls/:id/results', maybeAuth, async (c) => {
      const context = await pollContext(c, deps);
      const poll = await findPoll(deps, context, c.req.param('id'));
      assertResultsVisible(deps, context, poll);
      const [tally, lastEventId] = await Promise.all([store.polls.tally(context.org.id, poll.rowid), store.polls.lastEventId(context.org.id, pollTopic(poll.id))]);
      if (!tally) throw new ApiError(404, 'not_found', `${context.org.name} has no poll with this id.`);
      const body: PollResults = resultsOut(poll, tally, deps.clock(), lastEventId);
      return json(c, body);
    })
    .get('/:org/polls/:id/ballots.csv', maybeAuth, async (c) => {
      const context = await pollContext(c, deps);
      const poll = await findPoll(deps, context, c.req.param('id'));
      assertResultsVisible(deps, context, poll);
      return download(c, csvExport(deps, poll), CSV_CONTENT_TYPE, exportName(poll.title, 'csv'));
    })
    .get('/:org/polls/:id/ballots.json', maybeAuth, async (c) => {
      const context = await pollContext(c, deps);
      const poll = await findPoll(deps, context, c.req.param('id'));
      assertResultsVisible(deps, context, poll);
      const tally = await store.polls.tally(context.org.id, poll.rowid);
      return download(c, jsonExport(deps, poll, tally?.turnout ?? 0), 'application/json; charset=utf-8', exportName(poll.title, 'json'));
    })
    .post('/:org/polls/:id/recount', auth, async (c) => {
      const context = await pollContext(c, deps);
      requireManager(context.viewer, context.org, 'recount polls');
      const poll = await findPoll(deps, context, c.req.param('id'));
      const recount = await store.polls.recount(context.org.id, poll.rowid);
      if (!recount.matches) {
        console.error(JSON.stringify({ level: 'error', message: 'poll recount differs from the running tally', poll: poll.id, turnout: recount.turnout, ballots: recount.ballots, version: recount.version }));
      }
      const body: RecountReport = {
        pollId: poll.id,
        matches: recount.matches,
        turnout: recount.turnout,
        ballotsRead: recount.ballots,
        milliseconds: Math.round(recount.milliseconds * 10) / 10,
        results: resultsOut(poll, { tally: recount.tally, turnout: recount.ballots }, deps.clock()),
      };
      return json(c, body);
    });
}
