// The link in reply emails that stops them in one click (RFC 8058). It names the organisation and the
// person and carries an HMAC of both under SECRET, so nobody can make one for someone else, and it needs
// no sign-in. A GET shows a page with one button (mail scanners that follow links stop nothing); the
// POST, from that button or from the mail client's own "Unsubscribe", stops the emails.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Locale } from '@civic-elements/protocol';
import type { Deps } from '../http/env.js';
import type { OrgRecord } from '../store/types.js';

const tokenOf = (secret: string, orgId: string, userId: string): string =>
  createHmac('sha256', secret).update(`stop-reply-emails:${orgId}:${userId}`).digest('base64url');

function secretOf(deps: Deps): string {
  if (!deps.config.secret) throw new Error('config.secret is not set: server.ts fills it before the app starts');
  return deps.config.secret;
}

/** The one-click address that stops `userId`'s reply emails from `org`. */
export function stopEmailsUrl(deps: Deps, org: OrgRecord, userId: string): string {
  const query = new URLSearchParams({ user: userId, token: tokenOf(secretOf(deps), org.id, userId) });
  return `${deps.config.publicUrl}/v1/orgs/${encodeURIComponent(org.slug)}/comment-emails/stop?${query}`;
}

/** Whether `token` is the one this person's link carries. */
export function stopTokenIsGood(deps: Deps, org: OrgRecord, userId: string, token: string): boolean {
  const wanted = Buffer.from(tokenOf(secretOf(deps), org.id, userId));
  const given = Buffer.from(token);
  return wanted.length === given.length && timingSafeEqual(wanted, given);
}

interface Words {
  title: string;
  ask: (org: string) => string;
  button: string;
  done: (org: string) => string;
  again: string;
  bad: string;
}
const WORDS: Record<Locale, Words> = {
  en: {
    title: 'Emails about replies',
    ask: (org) => `Stop the emails ${org} sends you when someone replies to your comments?`,
    button: 'Stop these emails',
    done: (org) => `Done: ${org} will not email you about replies to your comments any more.`,
    again: 'You can turn them back on with “Email me replies” under any of its discussions.',
    bad: 'This link is not complete or not right. Copy the whole link from the email, or untick “Email me replies” under any of the discussions.',
  },
  it: {
    title: 'Email sulle risposte',
    ask: (org) => `Vuole fermare le email che ${org} le invia quando qualcuno risponde ai suoi commenti?`,
    button: 'Ferma queste email',
    done: (org) => `Fatto: ${org} non le invierà più email sulle risposte ai suoi commenti.`,
    again: 'Può riattivarle con “Inviami le risposte per email” sotto una qualsiasi delle sue discussioni.',
    bad: 'Questo link è incompleto o errato. Copi il link intero dall’email, oppure tolga la spunta a “Inviami le risposte per email” sotto una delle discussioni.',
  },
  ar: {
    title: 'رسائل الردود',
    ask: (org) => `هل تريد إيقاف الرسائل التي ترسلها ${org} عندما يردّ أحد على تعليقاتك؟`,
    button: 'أوقف هذه الرسائل',
    done: (org) => `تم: لن ترسل لك ${org} رسائل عن الردود على تعليقاتك بعد الآن.`,
    again: 'يمكنك إعادة تشغيلها من خيار «أرسل لي الردود بالبريد» تحت أي من نقاشاتها.',
    bad: 'هذا الرابط غير مكتمل أو غير صحيح. انسخ الرابط كاملًا من الرسالة، أو ألغِ خيار «أرسل لي الردود بالبريد» تحت أي من النقاشات.',
  },
};

const STYLE = 'body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}button{font:inherit;padding:.5em 1em;cursor:pointer}button:focus{outline:3px solid #fd0;outline-offset:0}';
/** The page's Content-Security-Policy: its own style, a form that posts to itself, nothing else. */
export const STOP_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The page: a question and its button, or what happened, in the person's language. */
export function stopEmailsPage(locale: Locale, org: OrgRecord, state: 'ask' | 'done' | 'bad'): string {
  const words = WORDS[locale] ?? WORDS.en;
  const body =
    state === 'ask'
      ? `<p>${escapeHtml(words.ask(org.name))}</p><form method="post"><button type="submit">${escapeHtml(words.button)}</button></form>`
      : state === 'done'
        ? `<p role="status">${escapeHtml(words.done(org.name))}</p><p>${escapeHtml(words.again)}</p>`
        : `<p role="alert">${escapeHtml(words.bad)}</p>`;
  return `<!doctype html><html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(`${words.title} · ${org.name}`)}</title>
<style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(words.title)}</h1>${body}</main></body></html>`;
}
