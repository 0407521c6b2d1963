// /v1/orgs/:org/polls: anyone lists and reads polls that are not drafts; officers and admins create
// polls, change them while they are drafts, open, close and delete them.
import { Hono } from 'hono';
import { PollCreate, PollQuery, PollUpdate, type PollOptionInput, type PollPage, type PollStatus } from '@civic-elements/protocol';
import { pollPhase } from '../../domain/poll-phase.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, forbidden } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { assertNoProblems } from '../../http/problems.js';
import { json } from '../../http/reply.js';
import { jsonBody, parseWith, queryOf } from '../../http/validate.js';
import { baseUrl, optionalAuth } from '../../http/viewer.js';
import { canSeeResults, requireManager } from '../../polls/access.js';
import type { PollEvents } from '../../polls/notify.js';
import { pollOut } from '../../polls/present.js';
import type { NewPollOption, OrgRecord, PollChanges, PollOptionRecord, PollRecord } from '../../store/types.js';
import { asConflict, decodeCursor, encodeCursor, findPoll, pollContext, youOf, type PollContext } from './context.js';

type OptionInput = PollOptionInput & { id?: string | undefined };

/** The options as the store keeps them: photos checked to be the organisation's, kept ids checked to be the poll's. */
async function resolveOptions(deps: Deps, org: OrgRecord, inputs: readonly OptionInput[], existing: readonly PollOptionRecord[] = []): Promise<NewPollOption[]> {
  const problems: Record<string, string> = {};
  const known = new Set(existing.map((option) => option.id));
  const kept = new Set<string>();
  const options: NewPollOption[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input.id !== undefined) {
      if (!known.has(input.id)) problems[`options.${i}.id`] = 'This poll has no option with this id: leave the id out for a new option.';
      else if (kept.has(input.id)) problems[`options.${i}.id`] = 'This option is listed twice.';
      kept.add(input.id);
    }
    const image = input.image;
    if (image && 'mediaId' in image && !(await deps.store.media.byId(org.id, image.mediaId))) {
      problems[`options.${i}.image.mediaId`] = `${org.name} has no photo with this id: upload it first.`;
    }
    options.push({
      ...(input.id !== undefined ? { id: input.id } : {}),
      label: input.label,
      description: input.description || null,
      image: image ? { mediaId: 'mediaId' in image ? image.mediaId : null, url: 'url' in image ? image.url : null, alt: image.alt || null } : null,
      location: input.location ? [input.location.coordinates[0], input.location.coordinates[1]] : null,
    });
  }
  assertNoProblems(problems);
  return options;
}

/** A time as stored (always with milliseconds, so stored times compare as text); null stays null. */
const storedTime = (value: string | null | undefined) => (value == null ? null : new Date(value).toISOString());

function assertFuture(deps: Deps, closesAt: string | null): void {
  if (closesAt !== null && Date.parse(closesAt) <= deps.clock().getTime()) {
    assertNoProblems({ closesAt: 'The closing time has already passed: choose a later one.' });
  }
}

/** An option as it was sent, for checking a changed draft as a whole. */
function optionInput(option: PollOptionRecord): OptionInput {
  const image = option.image;
  return {
    id: option.id,
    label: option.label,
    ...(option.description !== null ? { description: option.description } : {}),
    ...(image ? { image: image.mediaId ? { mediaId: image.mediaId, ...(image.alt ? { alt: image.alt } : {}) } : { url: image.url!, ...(image.alt ? { alt: image.alt } : {}) } } : {}),
    ...(option.location ? { location: { type: 'Point' as const, coordinates: option.location } } : {}),
  };
}

/** A consultation's vote opens and closes with the consultation's phases, and goes with it: 409 here. */
function assertNotConsultationVote(poll: PollRecord, what: string): void {
  if (poll.consultationId !== null) {
    throw new ApiError(409, 'conflict', `This poll is the vote of a consultation: ${what} the consultation instead (/v1/orgs/:org/consultations/${poll.consultationId}).`);
  }
}

const ALL: readonly PollStatus[] = ['draft', 'open', 'closed'];
const PUBLIC: readonly PollStatus[] = ['open', 'closed'];

export function manageRoutes(deps: Deps, events: PollEvents) {
  const { store } = deps;
  const auth = requireAuth(deps);
  const maybeAuth = optionalAuth(deps);
  const view = async (c: Parameters<typeof baseUrl>[0], context: PollContext, poll: PollRecord) =>
    pollOut(poll, { base: baseUrl(c, deps.config), now: deps.clock(), results: canSeeResults(context.viewer, poll, pollPhase(poll, deps.clock())), you: await youOf(deps, context, poll) });

  return new Hono<AppEnv>()
    .get('/:org/polls', maybeAuth, queryOf(PollQuery), async (c) => {
      const context = await pollContext(c, deps);
      const { org, viewer } = context;
      const query = c.req.valid('query');
      const asked = query.status ? (query.status.split(',') as PollStatus[]) : viewer.manager ? ALL : PUBLIC;
      if (!viewer.manager && asked.includes('draft')) throw forbidden(`Only officers and admins of ${org.name} can see draft polls.`);
      const after = decodeCursor(query.cursor, ['string', 'number']);
      const now = deps.clock();
      const rows = await store.polls.list(org.id, { statuses: asked, after: after ? { createdAt: after[0] as string, rowid: after[1] as number } : null, limit: query.limit + 1 }, now);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      const base = baseUrl(c, deps.config);
      const body: PollPage = {
        items: items.map((poll) => pollOut(poll, { base, now, results: canSeeResults(viewer, poll, pollPhase(poll, now)) })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt, last.rowid]) : null,
      };
      return json(c, body);
    })
    .post('/:org/polls', auth, jsonBody(PollCreate), async (c) => {
      const context = await pollContext(c, deps);
      const { org, viewer } = context;
      const user = requireManager(viewer, org, 'create polls');
      const input = c.req.valid('json');
      const closesAt = storedTime(input.closesAt);
      assertFuture(deps, closesAt);
      const multiple = input.kind === 'multiple';
      const poll = await store.polls.create(
        org.id,
        {
          title: input.title,
          description: input.description,
          kind: input.kind,
          minChoices: multiple ? (input.minChoices ?? null) : null,
          maxChoices: multiple ? (input.maxChoices ?? null) : null,
          eligibility: input.eligibility,
          results: input.results,
          opensAt: storedTime(input.opensAt),
          closesAt,
          options: await resolveOptions(deps, org, input.options),
          createdBy: user.id,
        },
        deps.clock(),
      );
      return json(c, await view(c, context, poll), 201, { location: `/v1/orgs/${org.slug}/polls/${poll.id}` });
    })
    .get('/:org/polls/:id', maybeAuth, async (c) => {
      const context = await pollContext(c, deps);
      const poll = await findPoll(deps, context, c.req.param('id'));
      return json(c, await view(c, context, poll));
    })
    .patch('/:org/polls/:id', auth, jsonBody(PollUpdate), async (c) => {
      const context = await pollContext(c, deps);
      const { org, viewer } = context;
      requireManager(viewer, org, 'change polls');
      const poll = await findPoll(deps, context, c.req.param('id'));
      if (poll.status !== 'draft') throw new ApiError(409, 'conflict', 'Only a draft poll can be changed: this one has been opened, and people may have voted on it as it is.');
      const changes = c.req.valid('json');
      // The draft as it would be, checked as a whole (a new kind with the old choice limits, say).
      const kind = changes.kind ?? poll.kind;
      const keepLimits = kind === 'multiple' && poll.kind === 'multiple';
      const minChoices = changes.minChoices !== undefined ? changes.minChoices : keepLimits ? poll.minChoices : null;
      const maxChoices = changes.maxChoices !== undefined ? changes.maxChoices : keepLimits ? poll.maxChoices : null;
      const options = changes.options ?? poll.options.map(optionInput);
      const merged = parseWith(PollCreate, {
        title: changes.title ?? poll.title,
        description: changes.description ?? poll.description,
        kind,
        ...(minChoices !== null ? { minChoices } : {}),
        ...(maxChoices !== null ? { maxChoices } : {}),
        options: options.map(({ id: _id, ...option }) => option),
        eligibility: changes.eligibility ?? poll.eligibility,
        results: changes.results ?? poll.results,
        opensAt: changes.opensAt !== undefined ? changes.opensAt : poll.opensAt,
        closesAt: changes.closesAt !== undefined ? changes.closesAt : poll.closesAt,
      });
      if (changes.closesAt !== undefined) assertFuture(deps, storedTime(changes.closesAt));
      const update: PollChanges = {
        title: merged.title,
        description: merged.description,
        kind: merged.kind,
        minChoices,
        maxChoices,
        eligibility: merged.eligibility,
        results: merged.results,
        opensAt: storedTime(merged.opensAt),
        closesAt: storedTime(merged.closesAt),
      };
      if (changes.options) update.options = await resolveOptions(deps, org, changes.options, poll.options);
      const changed = await store.polls.update(org.id, poll.rowid, update, deps.clock()).catch(asConflict);
      return json(c, await view(c, context, changed));
    })
    .delete('/:org/polls/:id', auth, async (c) => {
      const context = await pollContext(c, deps);
      const { org, viewer } = context;
      requireManager(viewer, org, 'delete polls');
      const poll = await findPoll(deps, context, c.req.param('id'));
      assertNotConsultationVote(poll, 'delete');
      if (poll.status !== 'draft' && !viewer.admin) throw forbidden(`Only admins of ${org.name} can delete a poll that has been opened: it holds residents’ ballots. Close it instead.`);
      await store.polls.remove(org.id, poll.rowid);
      events.forget(poll);
      return c.body(null, 204);
    })
    .post('/:org/polls/:id/open', auth, async (c) => {
      const context = await pollContext(c, deps);
      const { org, viewer } = context;
      requireManager(viewer, org, 'open polls');
      const poll = await findPoll(deps, context, c.req.param('id'));
      if (poll.status === 'draft' && poll.closesAt !== null && Date.parse(poll.closesAt) <= deps.clock().getTime()) {
        throw new ApiError(409, 'conflict', 'This poll’s closing time has already passed: change closesAt, then open it.');
      }
      const opened = await store.polls.open(org.id, poll.rowid, deps.clock()).catch(asConflict);
      await events.statusChanged(opened);
      return json(c, await view(c, context, opened));
    })
    .post('/:org/polls/:id/close', auth, async (c) => {
      const context = await pollContext(c, deps);
      const { org, viewer } = context;
      requireManager(viewer, org, 'close polls');
      const poll = await findPoll(deps, context, c.req.param('id'));
      assertNotConsultationVote(poll, 'advance');
      const closed = await store.polls.close(org.id, poll.rowid, deps.clock()).catch(asConflict);
      await events.statusChanged(closed);
      return json(c, await view(c, context, closed));
    });
}
