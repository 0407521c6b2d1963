// /v1/orgs/:org/debate-settings (anyone reads, admins change; blocked words only for moderators and
// admins), /v1/orgs/:org/comment-subscription (signed in: reply emails on or off), and
// /v1/orgs/:org/comment-emails/stop (the one-click link in reply emails: stop-emails.ts).
import { Hono } from 'hono';
import { CommentSubscription, DebateSettings } from '@civic-elements/protocol';
import { requireSignedIn } from '../../debate/access.js';
import { normalisePageUrl } from '../../domain/debate-text.js';
import { requireAuth } from '../../http/auth.js';
import { ApiError, forbidden, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { jsonBody } from '../../http/validate.js';
import { optionalAuth } from '../../http/viewer.js';
import { STOP_PAGE_CSP, stopEmailsPage, stopTokenIsGood } from '../../debate/stop-emails.js';
import { debateContext } from './context.js';

export function debateSettingsRoutes(deps: Deps) {
  const { store } = deps;
  const auth = requireAuth(deps);
  const maybeAuth = optionalAuth(deps);

  return new Hono<AppEnv>()
    .get('/:org/debate-settings', maybeAuth, async (c) => {
      const { viewer, settings } = await debateContext(c, deps);
      if (viewer.moderator || viewer.admin) return json(c, settings);
      const { blockedWords: _hidden, ...rest } = settings;
      return json(c, rest);
    })
    .put('/:org/debate-settings', auth, jsonBody(DebateSettings), async (c) => {
      const { org, viewer } = await debateContext(c, deps);
      requireSignedIn(viewer);
      if (!viewer.admin) throw forbidden(`Only admins of ${org.name} can change how its discussions work.`);
      const input = c.req.valid('json');
      const subjects = input.premoderatedSubjects.map((key, i) => {
        if (!key.startsWith('page:')) return key;
        const page = normalisePageUrl(key.slice('page:'.length));
        if (!page) throw new ApiError(400, 'validation_failed', `There is a problem with premoderatedSubjects.${i}: give the page’s full address.`, { fields: { [`premoderatedSubjects.${i}`]: 'Give the page’s full address, starting with https://.' } });
        return `page:${page.url}`;
      });
      const saved = await store.debate.saveSettings(org.id, { ...input, premoderatedSubjects: [...new Set(subjects)], blockedWords: [...new Set(input.blockedWords)] }, deps.clock());
      return json(c, saved);
    })
    .on(['GET', 'POST'], '/:org/comment-emails/stop', async (c) => {
      const org = await store.orgs.bySlug(c.req.param('org'));
      if (!org) throw notFound('organisation');
      const userId = c.req.query('user') ?? '';
      const token = c.req.query('token') ?? '';
      const user = userId ? await store.users.byId(userId) : null;
      const good = !!user && stopTokenIsGood(deps, org, userId, token);
      let state: 'ask' | 'done' | 'bad' = good ? 'ask' : 'bad';
      if (good && c.req.method === 'POST') {
        await store.debate.setRepliesByEmail(org.id, userId, false, deps.clock());
        state = 'done';
      }
      c.header('Content-Security-Policy', STOP_PAGE_CSP);
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
      return c.html(stopEmailsPage(user?.locale ?? 'en', org, state), state === 'bad' ? 400 : 200);
    })
    .get('/:org/comment-subscription', auth, async (c) => {
      const { org, viewer } = await debateContext(c, deps);
      const user = requireSignedIn(viewer);
      const body: CommentSubscription = { replies: await store.debate.repliesByEmail(org.id, user.id) };
      return json(c, body);
    })
    .put('/:org/comment-subscription', auth, jsonBody(CommentSubscription), async (c) => {
      const { org, viewer } = await debateContext(c, deps);
      const user = requireSignedIn(viewer);
      const { replies } = c.req.valid('json');
      await store.debate.setRepliesByEmail(org.id, user.id, replies, deps.clock());
      const body: CommentSubscription = { replies };
      return json(c, body);
    });
}
