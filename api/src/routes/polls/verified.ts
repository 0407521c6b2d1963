// /v1/orgs/:org/verified-residents: officers and admins mark residents as verified for the organisation's
// `officer-verified` polls (after checking an address, say), list them, and take the mark away.
import { Hono } from 'hono';
import { PageQuery, VerifiedResidentCreate, type VerifiedResident, type VerifiedResidentPage } from '@civic-elements/protocol';
import { requireAuth } from '../../http/auth.js';
import { notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { requireManager } from '../../polls/access.js';
import type { VerifiedResidentRecord } from '../../store/types.js';
import { decodeCursor, encodeCursor, pollContext } from './context.js';

const verifiedOut = (record: VerifiedResidentRecord): VerifiedResident => ({
  user: { id: record.userId, name: record.name, email: record.email },
  note: record.note,
  verifiedBy: record.verifiedBy,
  verifiedAt: record.verifiedAt,
});

export function verifiedRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);

  return new Hono<AppEnv>()
    .get('/:org/verified-residents', auth, queryOf(PageQuery), async (c) => {
      const { org, viewer } = await pollContext(c, deps);
      requireManager(viewer, org, 'see verified residents');
      const query = c.req.valid('query');
      const after = decodeCursor(query.cursor, ['string', 'string']);
      const rows = await store.polls.verifiedResidents(org.id, after ? { verifiedAt: after[0] as string, userId: after[1] as string } : null, query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      const body: VerifiedResidentPage = { items: items.map(verifiedOut), nextCursor: rows.length > query.limit && last ? encodeCursor([last.verifiedAt, last.userId]) : null };
      return json(c, body);
    })
    .post('/:org/verified-residents', auth, jsonBody(VerifiedResidentCreate), async (c) => {
      const { org, viewer } = await pollContext(c, deps);
      const officer = requireManager(viewer, org, 'verify residents');
      const input = c.req.valid('json');
      const user = input.userId !== undefined ? await store.users.byId(input.userId) : await store.users.byEmail(input.email!);
      if (!user) throw notFound(input.userId !== undefined ? 'There is no account with this id.' : 'There is no account with this email address: ask the resident to sign in once, then verify them.');
      const already = await store.polls.isVerified(org.id, user.id);
      const record = await store.polls.markVerified(org.id, user.id, { userId: officer.id, note: input.note || null }, deps.clock());
      return json(c, verifiedOut(record), already ? 200 : 201);
    })
    .delete('/:org/verified-residents/:userId', auth, async (c) => {
      const { org, viewer } = await pollContext(c, deps);
      requireManager(viewer, org, 'verify residents');
      if (!(await store.polls.unmarkVerified(org.id, c.req.param('userId')))) throw notFound(`This person is not marked as verified by ${org.name}.`);
      return c.body(null, 204);
    });
}
