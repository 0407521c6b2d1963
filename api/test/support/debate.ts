// Shared set-up for the discussion API tests: the people, a page subject, and posting helpers.
import type { CommentCreate } from '@civic-elements/protocol';
import type { TestApp } from './app.js';
import { reportCast } from './reports.js';

/** A page of test-council's own site (its allowed origin is http://council.example). */
export const PAGE = 'page:http://council.example/roads/walworth-road.html';
export const COMMENTS = '/v1/orgs/test-council/comments';

export const debateCast = reportCast;
export type Cast = Awaited<ReturnType<typeof reportCast>>;

let counter = 0;
/** Posts a comment as `token` and returns the response (a new text each time unless given). */
export function post(t: TestApp, token: string | undefined, body: Partial<CommentCreate> = {}, org = 'test-council') {
  counter += 1;
  return t.call('POST', `/v1/orgs/${org}/comments`, {
    ...(token ? { token } : {}),
    body: { subject: PAGE, stance: 'for', body: `A 20 mph limit would make crossing safer, point ${counter}.`, ...body },
  });
}

/** Posts and returns the comment, failing loudly when it is refused. */
export async function comment(t: TestApp, token: string, body: Partial<CommentCreate> = {}, org = 'test-council') {
  const res = await post(t, token, body, org);
  if (res.status !== 201) throw new Error(`comment: ${res.status} ${res.text}`);
  return res.json as Record<string, any> & { id: string };
}

export const list = (t: TestApp, query = '', token?: string, org = 'test-council') =>
  t.call('GET', `/v1/orgs/${org}/comments?subject=${encodeURIComponent(PAGE)}${query}`, token ? { token } : {});

/** The emails to `email` about replies (sign-in codes left out), newest first. */
export async function replyMail(t: TestApp, email: string) {
  return (await t.outbox.list({ to: email })).filter((m) => /replied|risposto|ردّ/.test(m.subject));
}
