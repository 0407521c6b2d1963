// /dev/outbox: the email the demo and the tests "sent", as HTML, JSON and raw .eml (DEV_ROUTES only).
import { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '../../http/errors.js';
import type { AppEnv } from '../../http/env.js';
import { queryOf } from '../../http/validate.js';
import type { OutboxMailer } from '../../mail/outbox.js';
import { json } from '../../http/reply.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const OutboxQuery = z.object({ to: z.string().max(254).optional() });

export function devRoutes(outbox: OutboxMailer | undefined) {
  const list = async (to?: string) => (outbox ? outbox.list(to === undefined ? {} : { to }) : []);
  return new Hono<AppEnv>()
    .get('/outbox.json', queryOf(OutboxQuery), async (c) => json(c, await list(c.req.valid('query').to)))
    .get('/outbox', queryOf(OutboxQuery), async (c) => {
      const messages = await list(c.req.valid('query').to);
      const rows = messages
        .map(
          (m) => `<article>
  <h2><a href="/dev/outbox/${escapeHtml(m.id)}">${escapeHtml(m.subject)}</a></h2>
  <p>To <strong>${escapeHtml(m.to)}</strong>, <time datetime="${escapeHtml(m.sentAt)}">${escapeHtml(m.sentAt)}</time></p>
  <pre>${escapeHtml(m.text)}</pre>
</article>`,
        )
        .join('\n');
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Outbox · Civic Elements</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc}pre{white-space:pre-wrap}</style>
</head><body><h1>Outbox</h1><p>${messages.length} ${messages.length === 1 ? 'message' : 'messages'}, newest first.</p>
${rows || '<p>No email has been sent yet.</p>'}
</body></html>`);
    })
    .get('/outbox/:id', async (c) => {
      const raw = outbox ? await outbox.raw(c.req.param('id')) : null;
      if (!raw) throw notFound('There is no message with this id in the outbox.');
      return c.body(new Uint8Array(raw), 200, { 'Content-Type': 'message/rfc822' });
    });
}
