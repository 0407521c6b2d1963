// Discussions, the community's and the moderators' side: votes, flags (and hiding past the threshold),
// moderation decisions, the queue, the log, suspensions, settings, reply emails and their opt-out.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DebateSettings, ModerationLogPage, ModerationQueuePage, SuspensionList, VoteResult } from '@civic-elements/protocol';
import { buildTestApp, type TestApp } from './support/app.js';
import { comment, COMMENTS, debateCast, list, PAGE, post, replyMail, type Cast } from './support/debate.js';

let t: TestApp;
let people: Cast;
beforeEach(async () => {
  t = await buildTestApp({ accessTokenTtlSeconds: 7 * 86_400 });
  people = await debateCast(t);
  await t.call('PUT', '/v1/orgs/test-council/debate-settings', { token: people.admin.accessToken, body: { rateLimit: { comments: 1000, minutes: 1 } } });
});
afterEach(async () => {
  await t.close();
});

const vote = (id: string, value: number, token?: string) => t.call('PUT', `${COMMENTS}/${id}/vote`, { ...(token ? { token } : {}), body: { value } });
const flag = (id: string, token: string | undefined, reason = 'abuse') => t.call('POST', `${COMMENTS}/${id}/flags`, { ...(token ? { token } : {}), body: { reason } });
const moderate = (id: string, token: string | undefined, action: string, reason?: string) =>
  t.call('POST', `${COMMENTS}/${id}/moderation`, { ...(token ? { token } : {}), body: { action, ...(reason ? { reason } : {}) } });
const queue = (state: string, token = people.moderator.accessToken) => t.call('GET', `/v1/orgs/test-council/moderation/comments?state=${state}`, { token });

describe('votes', () => {
  test('one vote per person, changeable and taken back; never on one’s own comment; counts and score on the comment', async () => {
    const made = await comment(t, people.resident.accessToken);
    assert.equal((await vote(made.id, 1)).status, 401);
    const own = await vote(made.id, 1, people.resident.accessToken);
    assert.equal(own.status, 403);
    assert.match(own.json.error.message, /your own comment/);
    const up = await vote(made.id, 1, people.neighbour.accessToken);
    assert.equal(up.status, 200);
    VoteResult.parse(up.json);
    assert.deepEqual({ ...up.json, score: undefined }, { id: made.id, up: 1, down: 0, score: undefined, vote: 1 });
    assert.ok(up.json.score > 0.2);
    assert.equal((await vote(made.id, 1, people.neighbour.accessToken)).json.up, 1);
    const changed = await vote(made.id, -1, people.neighbour.accessToken);
    assert.deepEqual([changed.json.up, changed.json.down, changed.json.score], [0, 1, 0]);
    await vote(made.id, 1, people.moderator.accessToken);
    const back = await vote(made.id, 0, people.neighbour.accessToken);
    assert.deepEqual([back.json.up, back.json.down, back.json.vote], [1, 0, 0]);
    const [item] = (await list(t, '', people.moderator.accessToken)).json.items;
    assert.deepEqual([item.up, item.down, item.viewer.vote], [1, 0, 1]);
    assert.equal((await vote(made.id, 2, people.neighbour.accessToken)).status, 400);
    assert.equal((await vote('nope', 1, people.neighbour.accessToken)).status, 404);
    // Not on a deleted comment.
    await t.call('DELETE', `${COMMENTS}/${made.id}`, { token: people.resident.accessToken });
    assert.equal((await vote(made.id, 1, people.neighbour.accessToken)).status, 409);
  });
});

describe('flags', () => {
  test('once per person (409 after); at the threshold the comment goes to pending, an auto-hide is logged, others no longer see it', async () => {
    await t.call('PUT', '/v1/orgs/test-council/debate-settings', { token: people.admin.accessToken, body: { flagThreshold: 2 } });
    const made = await comment(t, people.resident.accessToken);
    assert.equal((await flag(made.id, undefined)).status, 401);
    assert.equal((await flag(made.id, people.resident.accessToken)).status, 403);
    const first = await flag(made.id, people.neighbour.accessToken);
    assert.equal(first.status, 201);
    assert.equal(first.json.viewer.flagged, true);
    assert.equal(first.json.status, 'published');
    const again = await flag(made.id, people.neighbour.accessToken);
    assert.equal(again.status, 409);
    assert.match(again.json.error.message, /already flagged/);
    assert.equal((await t.call('POST', `${COMMENTS}/${made.id}/flags`, { token: people.housing.accessToken, body: { reason: 'rude' } })).status, 400);
    // Under the threshold it is in the "flagged" queue.
    assert.deepEqual((await queue('flagged')).json.items.map((i: any) => i.comment.id), [made.id]);
    t.clock.advance(1000);
    const second = await flag(made.id, people.housing.accessToken, 'harassment');
    assert.equal(second.json.status, 'pending');
    assert.deepEqual((await list(t)).json.items, []);
    assert.equal((await list(t, '', people.resident.accessToken)).json.items.length, 1);
    const waiting = await queue('waiting');
    ModerationQueuePage.parse(waiting.json);
    assert.equal(waiting.json.total, 1);
    assert.equal(waiting.json.items[0].subjectTitle, PAGE.slice('page:'.length));
    assert.deepEqual(waiting.json.items[0].flags.map((f: any) => f.reason), ['abuse', 'harassment']);
    assert.equal(waiting.json.items[0].comment.flags, 2);
    const log = await t.call('GET', '/v1/orgs/test-council/moderation/log', { token: people.moderator.accessToken });
    assert.equal(log.json.items[0].action, 'auto-hide');
    assert.equal(log.json.items[0].moderator, null);
  });
});

describe('moderation', () => {
  test('who may moderate: anonymous 401; residents and other organisations’ staff 403 (404 through their own slug); moderators, officers and admins 200', async () => {
    const made = await comment(t, people.resident.accessToken);
    assert.equal((await moderate(made.id, undefined, 'hide', 'Off topic.')).status, 401);
    for (const who of [people.resident, people.neighbour, people.foreignOfficer, people.foreignAdmin]) {
      const res = await moderate(made.id, who.accessToken, 'hide', 'Off topic.');
      assert.equal(res.status, 403, res.text);
      assert.match(res.json.error.message, /Only moderators, officers and admins of Test Council/);
    }
    for (const who of [people.moderator, people.highways, people.anyOfficer, people.admin]) {
      assert.equal((await moderate(made.id, who.accessToken, 'hide', 'Off topic.')).status, 200);
      assert.equal((await moderate(made.id, who.accessToken, 'restore')).status, 200);
    }
    for (const path of ['moderation/comments', 'moderation/log', 'suspensions']) {
      assert.equal((await t.call('GET', `/v1/orgs/test-council/${path}`)).status, 401, path);
      assert.equal((await t.call('GET', `/v1/orgs/test-council/${path}`, { token: people.resident.accessToken })).status, 403, path);
      assert.equal((await t.call('GET', `/v1/orgs/test-council/${path}`, { token: people.foreignAdmin.accessToken })).status, 403, path);
      assert.equal((await t.call('GET', `/v1/orgs/test-council/${path}`, { token: people.moderator.accessToken })).status, 200, path);
    }
  });

  test('hide (public reason required), restore, approve, dismiss; refusals that do not fit; every action logged', async () => {
    const made = await comment(t, people.resident.accessToken, { body: 'Rude words here.' });
    const token = people.moderator.accessToken;
    const noReason = await moderate(made.id, token, 'hide');
    assert.equal(noReason.status, 400);
    assert.ok(noReason.json.error.fields.reason);
    const hidden = await moderate(made.id, token, 'hide', 'Personal abuse of another resident.');
    assert.equal(hidden.json.status, 'hidden');
    assert.equal(hidden.json.body, 'Rude words here.'); // moderators still read it
    const publicView = (await list(t)).json.items[0];
    assert.deepEqual([publicView.status, publicView.body, publicView.hiddenReason], ['hidden', '', 'Personal abuse of another resident.']);
    assert.equal((await moderate(made.id, token, 'hide', 'Again please.')).status, 409);
    assert.equal((await moderate(made.id, token, 'approve')).status, 409);
    assert.deepEqual((await queue('hidden')).json.items.map((i: any) => i.comment.id), [made.id]);
    assert.equal((await moderate(made.id, token, 'restore')).json.status, 'published');
    assert.equal((await moderate(made.id, token, 'restore')).status, 409);
    assert.equal((await moderate(made.id, token, 'dismiss')).status, 409);
    await flag(made.id, people.neighbour.accessToken);
    assert.equal((await moderate(made.id, token, 'dismiss')).json.flags, 0);
    assert.deepEqual((await queue('flagged')).json.items, []);
    // Pre-moderated comments are approved.
    await t.call('PUT', '/v1/orgs/test-council/debate-settings', { token: people.admin.accessToken, body: { premoderateAll: true } });
    const waiting = await comment(t, people.neighbour.accessToken);
    assert.equal((await moderate(waiting.id, token, 'approve')).json.status, 'published');
    assert.equal((await list(t)).json.items.length, 2);
    const log = await t.call('GET', '/v1/orgs/test-council/moderation/log?limit=2', { token });
    ModerationLogPage.parse(log.json);
    assert.deepEqual(log.json.items.map((e: any) => e.action), ['approve', 'dismiss']);
    const rest = await t.call('GET', `/v1/orgs/test-council/moderation/log?cursor=${log.json.nextCursor}`, { token });
    assert.deepEqual(rest.json.items.map((e: any) => e.action), ['restore', 'hide']);
    assert.equal(rest.json.items[1].reason, 'Personal abuse of another resident.');
    assert.equal(rest.json.items[1].moderator.id, people.moderator.user.id);
    // Deleted by its author: nothing to moderate.
    await t.call('DELETE', `${COMMENTS}/${waiting.id}`, { token: people.neighbour.accessToken });
    assert.equal((await moderate(waiting.id, token, 'hide', 'Too late.')).status, 409);
  });

  test('suspensions: moderators suspend residents for days (not staff, not themselves); listed while in force; lifted; logged', async () => {
    const token = people.moderator.accessToken;
    const path = '/v1/orgs/test-council/suspensions';
    assert.equal((await t.call('POST', path, { token: people.resident.accessToken, body: { userId: people.neighbour.user.id, days: 1, reason: 'Spam.' } })).status, 403);
    assert.equal((await t.call('POST', path, { token, body: { userId: people.admin.user.id, days: 1, reason: 'Spam.' } })).status, 403);
    assert.equal((await t.call('POST', path, { token, body: { userId: people.moderator.user.id, days: 1, reason: 'Spam.' } })).status, 403);
    assert.equal((await t.call('POST', path, { token, body: { userId: 'nobody', days: 1, reason: 'Spam.' } })).status, 404);
    assert.equal((await t.call('POST', path, { token, body: { userId: people.neighbour.user.id, days: 0, reason: 'Spam.' } })).status, 400);
    const made = await t.call('POST', path, { token, body: { userId: people.neighbour.user.id, days: 7, reason: 'Spam, again and again.' } });
    assert.equal(made.status, 201);
    assert.equal(made.json.until, '2026-03-09T09:00:00.000Z');
    const listed = await t.call('GET', path, { token });
    SuspensionList.parse(listed.json);
    assert.deepEqual(listed.json.items.map((s: any) => s.user.id), [people.neighbour.user.id]);
    // Another organisation's admin sees none of it.
    assert.equal((await t.call('GET', '/v1/orgs/other-org/suspensions', { token: people.foreignAdmin.accessToken })).json.items.length, 0);
    assert.equal((await t.call('DELETE', `/v1/orgs/other-org/suspensions/${made.json.id}`, { token: people.foreignAdmin.accessToken })).status, 404);
    // The queue shows the author's standing.
    const c = await comment(t, people.resident.accessToken);
    const lifted = await t.call('DELETE', `${path}/${made.json.id}`, { token });
    assert.equal(lifted.status, 200);
    assert.ok(lifted.json.liftedAt);
    assert.equal((await t.call('DELETE', `${path}/${made.json.id}`, { token })).status, 404);
    assert.deepEqual((await t.call('GET', path, { token })).json.items, []);
    const log = await t.call('GET', '/v1/orgs/test-council/moderation/log', { token });
    assert.deepEqual(log.json.items.map((e: any) => e.action), ['lift', 'suspend']);
    void c;
  });
});

describe('settings and subscriptions', () => {
  test('anyone reads the settings; blocked words only moderators and admins; only admins change them', async () => {
    const path = '/v1/orgs/test-council/debate-settings';
    await t.call('PUT', path, { token: people.admin.accessToken, body: { blockedWords: ['muppet'], flagThreshold: 4 } });
    const anonymous = await t.call('GET', path);
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.json.flagThreshold, 4);
    assert.equal(anonymous.json.blockedWords, undefined);
    assert.equal((await t.call('GET', path, { token: people.resident.accessToken })).json.blockedWords, undefined);
    assert.deepEqual((await t.call('GET', path, { token: people.moderator.accessToken })).json.blockedWords, ['muppet']);
    DebateSettings.parse((await t.call('GET', path, { token: people.admin.accessToken })).json);
    for (const who of [people.moderator, people.anyOfficer, people.resident, people.foreignAdmin]) {
      assert.equal((await t.call('PUT', path, { token: who.accessToken, body: {} })).status, 403);
    }
    assert.equal((await t.call('PUT', path, { body: {} })).status, 401);
    assert.equal((await t.call('PUT', path, { token: people.admin.accessToken, body: { flagThreshold: 0 } })).status, 400);
    assert.equal((await t.call('PUT', path, { token: people.admin.accessToken, body: { premoderatedSubjects: ['page:https://x'] } })).status, 200);
    assert.equal((await t.call('GET', '/v1/orgs/other-org/debate-settings')).json.flagThreshold, 3);
  });

  test('reply emails: to the author of the comment answered (their language, HTML escaped, a link with #comment-ID); never for replying to oneself; not after opting out', async () => {
    await t.store.users.update(people.resident.user.id, { name: 'Ama <b>Boateng</b>' });
    const top = await comment(t, people.resident.accessToken, { body: 'We need a <crossing> here & now.' });
    const reply = await comment(t, people.neighbour.accessToken, { parentId: top.id, body: 'Agreed <script>x</script>' });
    const [mail] = await replyMail(t, 'resident@test.example');
    assert.ok(mail, 'an email to the author');
    assert.match(mail.subject, /replied to your comment on http:\/\/council\.example\/roads\/walworth-road\.html/);
    assert.match(mail.text, new RegExp(`http://council\\.example/roads/walworth-road\\.html#comment-${reply.id}`));
    assert.match(mail.text, /Agreed <script>x<\/script>/);
    const raw = (await t.outbox.raw(mail.id))!.toString('utf8');
    const html = raw.replace(/=\r?\n/g, '').split('text/html')[1]!;
    assert.doesNotMatch(html, /<script>x|<b>Boateng/);
    assert.match(html, /&#60;script&#62;x/);
    assert.match(html, /Ama &#60;b&#62;Boateng/);
    // Replying to oneself: nothing.
    await comment(t, people.resident.accessToken, { parentId: top.id });
    assert.equal((await replyMail(t, 'resident@test.example')).length, 1);
    // In Italian for an Italian speaker.
    await t.store.users.update(people.neighbour.user.id, { locale: 'it' });
    await comment(t, people.moderator.accessToken, { parentId: reply.id });
    assert.match((await replyMail(t, 'neighbour@test.example'))[0]!.subject, /ha risposto al suo commento/);
    // Opting out.
    const path = '/v1/orgs/test-council/comment-subscription';
    assert.deepEqual((await t.call('GET', path, { token: people.resident.accessToken })).json, { replies: true });
    assert.equal((await t.call('GET', path)).status, 401);
    assert.deepEqual((await t.call('PUT', path, { token: people.resident.accessToken, body: { replies: false } })).json, { replies: false });
    await comment(t, people.housing.accessToken, { parentId: top.id });
    assert.equal((await replyMail(t, 'resident@test.example')).length, 1);
    // Pending replies are emailed when approved.
    await t.call('PUT', path, { token: people.resident.accessToken, body: { replies: true } });
    await t.call('PUT', '/v1/orgs/test-council/debate-settings', { token: people.admin.accessToken, body: { premoderateAll: true, rateLimit: { comments: 1000, minutes: 1 } } });
    const waiting = await comment(t, people.neighbour.accessToken, { parentId: top.id, body: 'Held back for a moment.' });
    assert.equal((await replyMail(t, 'resident@test.example')).length, 1);
    await moderate(waiting.id, people.moderator.accessToken, 'approve');
    assert.equal((await replyMail(t, 'resident@test.example')).length, 2);
  });

  test('reply emails stop in one click: List-Unsubscribe headers, a link whose page asks first, a POST that stops them, and a link for someone else refused', async () => {
    const top = await comment(t, people.resident.accessToken, { body: 'Wider pavements, please.' });
    await comment(t, people.neighbour.accessToken, { parentId: top.id, body: 'Yes, by the school.' });
    const [mail] = await replyMail(t, 'resident@test.example');
    // Header fields unfolded (long ones continue on indented lines).
    const raw = (await t.outbox.raw(mail!.id))!.toString('utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    const header = raw.match(/^List-Unsubscribe: ?<([^>]+)>$/m)?.[1];
    assert.ok(header, 'a List-Unsubscribe header');
    assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    assert.ok(mail!.text.includes(header), 'the same link in the text');
    const url = new URL(header);
    assert.equal(url.pathname, '/v1/orgs/test-council/comment-emails/stop');
    const path = url.pathname + url.search;
    // Following the link (as a mail scanner would) asks, and stops nothing.
    const page = await t.call('GET', path);
    assert.equal(page.status, 200);
    assert.match(page.text, /<form method="post"><button type="submit">Stop these emails<\/button><\/form>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(await t.store.debate.repliesByEmail((await t.store.orgs.bySlug('test-council'))!.id, people.resident.user.id), true);
    // Someone else's id with this token, a changed token, no token: refused, nothing changes.
    for (const bad of [
      path.replace(people.resident.user.id, people.neighbour.user.id),
      path.replace(/token=[^&]+/, 'token=AAAA'),
      `${url.pathname}?user=${people.resident.user.id}`,
    ]) {
      const refused = await t.call('POST', bad, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      assert.equal(refused.status, 400, bad);
      assert.match(refused.text, /This link is not complete or not right/);
    }
    const org = (await t.store.orgs.bySlug('test-council'))!;
    assert.equal(await t.store.debate.repliesByEmail(org.id, people.neighbour.user.id), true);
    // The mail client's one-click POST stops them.
    const stopped = await t.call('POST', path, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(stopped.status, 200);
    assert.match(stopped.text, /will not email you about replies/);
    assert.equal(await t.store.debate.repliesByEmail(org.id, people.resident.user.id), false);
    await comment(t, people.neighbour.accessToken, { parentId: top.id, body: 'And by the library.' });
    assert.equal((await replyMail(t, 'resident@test.example')).length, 1, 'no email after stopping');
    // Another organisation's link for the same person does not exist.
    assert.equal((await t.call('GET', path.replace('test-council', 'no-such-org'))).status, 404);
  });

  test('an Arabic speaker gets the email in Arabic, right to left', async () => {
    await t.store.users.update(people.resident.user.id, { locale: 'ar' });
    const top = await comment(t, people.resident.accessToken);
    await comment(t, people.highways.accessToken, { parentId: top.id, official: true, department: 'highways' });
    const [mail] = await replyMail(t, 'resident@test.example');
    assert.match(mail!.subject, /ردّ Highways/);
    const raw = (await t.outbox.raw(mail!.id))!.toString('utf8');
    assert.match(raw, /dir=3D"rtl"|dir="rtl"/);
    void post;
  });
});

describe('the OpenAPI document', () => {
  test('describes the discussion routes and the stream', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).json;
    for (const path of ['/v1/orgs/{org}/comments', '/v1/orgs/{org}/comments/{id}/vote', '/v1/orgs/{org}/moderation/comments', '/v1/orgs/{org}/suspensions', '/v1/stream']) assert.ok(doc.paths[path], path);
    assert.ok(doc.paths['/v1/orgs/{org}/comments'].post.requestBody);
  });
});
