// Discussions, the resident's side: reading a subject's threads (sorts, pages, summary, permalinks),
// posting and replying (every subject kind, nesting, official responses, pre-moderation), every refusal
// (honeypot, limits, repeated text, blocked words, suspension), editing, deleting, and organisation isolation.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Comment, CommentPage, CommentThreadAnswer } from '@civic-elements/protocol';
import { registerSubjectKind } from '../src/debate/subjects.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { comment, COMMENTS, debateCast, list, PAGE, post, type Cast } from './support/debate.js';
import { report, seedReports } from './support/reports.js';
import { seedMapFixtures } from './support/map-fixtures.js';

let t: TestApp;
let people: Cast;
beforeEach(async () => {
  // Long-lived tokens: these tests move the clock by minutes and days.
  t = await buildTestApp({ accessTokenTtlSeconds: 7 * 86_400 });
  people = await debateCast(t);
});
afterEach(async () => {
  await t.close();
});

const MINUTE = 60_000;
const settings = (body: unknown) => t.call('PUT', '/v1/orgs/test-council/debate-settings', { token: people.admin.accessToken, body });
/** No per-person limit worth mentioning, for tests that post a lot. */
const relax = () => settings({ rateLimit: { comments: 1000, minutes: 1 } });

describe('subjects', () => {
  test('a report, a published contribution and an allowed page can be discussed; a proposal that does not exist is 404', async () => {
    await seedReports(t);
    const made = await report(t, people.resident.accessToken);
    const byId = await comment(t, people.resident.accessToken, { subject: `report:${made.id}` });
    assert.equal(byId.subject, `report:${made.id}`);
    // A reference names the same discussion.
    const byRef = await comment(t, people.neighbour.accessToken, { subject: `report:${made.reference.toLowerCase()}` });
    assert.equal(byRef.subject, `report:${made.id}`);

    const map = await seedMapFixtures(t.store, 'test-council', { count: 1 });
    const contribution = map.contributionIds[0]!;
    const onContribution = await comment(t, people.resident.accessToken, { subject: `contribution:${contribution}` });
    assert.equal(onContribution.subject, `contribution:${contribution}`);
    // Not published (waiting for review): no discussion; another organisation's: 404.
    const waiting = await seedMapFixtures(t.store, 'test-council', { count: 1, status: 'pending', places: 0, events: 0 });
    assert.equal((await post(t, people.resident.accessToken, { subject: `contribution:${waiting.contributionIds[0]}` })).status, 404);
    assert.equal((await post(t, people.resident.accessToken, { subject: `contribution:${contribution}` }, 'other-org')).status, 404);

    const proposal = await post(t, people.resident.accessToken, { subject: 'proposal:abc123' });
    assert.equal(proposal.status, 404);
    assert.match(proposal.json.error.message, /Test Council has no proposal “abc123” to discuss/);

    const missing = await post(t, people.resident.accessToken, { subject: 'report:nope' });
    assert.equal(missing.status, 404);
    assert.match(missing.json.error.message, /Test Council has no report/);
  });

  test('a page is kept as origin and path; a page of an origin the organisation does not allow is 400', async () => {
    const made = await comment(t, people.resident.accessToken, { subject: `${PAGE}?utm_source=x#comments` });
    assert.equal(made.subject, PAGE);
    const listed = await list(t);
    assert.equal(listed.json.items.length, 1);
    const foreign = await post(t, people.resident.accessToken, { subject: 'page:https://evil.example/x' });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.json.error.code, 'validation_failed');
    assert.match(foreign.json.error.fields.subject, /does not hold discussions on pages of https:\/\/evil\.example/);
    const bad = await post(t, people.resident.accessToken, { subject: 'nonsense' as never });
    assert.equal(bad.status, 400);
    assert.equal((await t.call('GET', `${COMMENTS}?subject=page:https://evil.example/x`)).status, 400);
  });

  test('a resolver registered for a kind is used (consultations register proposals this way)', async () => {
    registerSubjectKind('proposal', async (_deps, _org, value) => (value === 'p1' ? { kind: 'proposal', key: 'proposal:p1', title: 'Proposal one', url: null } : null));
    try {
      assert.equal((await post(t, people.resident.accessToken, { subject: 'proposal:p1' })).status, 201);
      assert.equal((await post(t, people.resident.accessToken, { subject: 'proposal:p2' })).status, 404);
    } finally {
      // Back to the consultations' proposals for the other tests.
      const { registerProposalSubject } = await import('../src/consultations/subject.js');
      registerProposalSubject();
    }
  });
});

describe('reading a discussion', () => {
  test('threads with replies in order, each after its parent, siblings oldest first; depth 3 is stored flat with replyTo', async () => {
    await relax();
    const top = await comment(t, people.resident.accessToken, { body: 'Top' });
    t.clock.advance(1000);
    const a = await comment(t, people.neighbour.accessToken, { parentId: top.id, body: 'A (depth 1)' });
    t.clock.advance(1000);
    const b = await comment(t, people.moderator.accessToken, { parentId: top.id, body: 'B (depth 1)' });
    t.clock.advance(1000);
    const a1 = await comment(t, people.resident.accessToken, { parentId: a.id, body: 'A1 (depth 2)' });
    t.clock.advance(1000);
    const deep = await comment(t, people.neighbour.accessToken, { parentId: a1.id, body: 'Reply to A1' });
    assert.equal(deep.depth, 2);
    assert.equal(deep.parentId, a.id);
    assert.deepEqual(deep.replyTo, { id: a1.id, authorName: 'Staff Member' });
    const page = await list(t);
    assert.equal(page.status, 200);
    CommentPage.parse(page.json);
    const [thread] = page.json.items;
    assert.deepEqual(thread.replies.map((r: any) => r.body), ['A (depth 1)', 'A1 (depth 2)', 'Reply to A1', 'B (depth 1)']);
    assert.equal(thread.replyCount, 4);
    assert.equal(thread.replies[0].replyCount, 2);
    assert.equal(thread.moreReplies, 0);
    void b;
  });

  test('sorts: best (Wilson), newest, oldest, debated; cursor pages cover every thread once', async () => {
    await relax();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await comment(t, people.resident.accessToken, { body: `Thread number ${i}` })).id);
      t.clock.advance(MINUTE);
    }
    const voters = [people.neighbour, people.moderator, people.anyOfficer, people.highways, people.housing];
    // Thread 1: 5 up; thread 3: 1 up; thread 4: 2 up 3 down.
    for (const v of voters) await t.call('PUT', `${COMMENTS}/${ids[1]}/vote`, { token: v.accessToken, body: { value: 1 } });
    await t.call('PUT', `${COMMENTS}/${ids[3]}/vote`, { token: people.neighbour.accessToken, body: { value: 1 } });
    for (const [i, v] of voters.entries()) await t.call('PUT', `${COMMENTS}/${ids[4]}/vote`, { token: v.accessToken, body: { value: i < 2 ? 1 : -1 } });
    // Thread 2 is the most debated.
    await comment(t, people.neighbour.accessToken, { parentId: ids[2]! });
    await comment(t, people.moderator.accessToken, { parentId: ids[2]! });
    await comment(t, people.neighbour.accessToken, { parentId: ids[0]! });

    const order = async (sort: string) => (await list(t, `&sort=${sort}`)).json.items.map((i: any) => ids.indexOf(i.id));
    // 5 up beats 1 up, which beats 2 up and 3 down.
    assert.deepEqual((await order('best')).slice(0, 3), [1, 3, 4]);
    assert.deepEqual(await order('newest'), [4, 3, 2, 1, 0]);
    assert.deepEqual(await order('oldest'), [0, 1, 2, 3, 4]);
    // Replies first (2, then 0), then votes (4 has 5, 1 has 5: the newer first).
    assert.deepEqual((await order('debated')).slice(0, 3), [2, 0, 4]);

    for (const sort of ['best', 'newest', 'oldest', 'debated']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(t, `&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.status, 200, res.text);
        if (cursor) assert.equal(res.json.summary, undefined);
        seen.push(...res.json.items.map((i: any) => i.id));
        cursor = res.json.nextCursor;
      } while (cursor);
      assert.deepEqual([...seen].sort(), [...ids].sort(), sort);
    }
    // A cursor of another sort, or made up, is 400.
    const first = await list(t, '&sort=newest&limit=2');
    assert.equal((await list(t, `&sort=best&cursor=${first.json.nextCursor}`)).status, 400);
    assert.equal((await list(t, '&cursor=garbage')).status, 400);
    assert.equal((await list(t, '&limit=101')).status, 400);
    assert.equal((await list(t, '&sort=loudest')).status, 400);
  });

  test('the first page carries the summary (counts by stance, total, the 3 strongest for and against) and lastEventId', async () => {
    await relax();
    const stances = ['for', 'for', 'for', 'for', 'against', 'against', 'neutral', 'question'] as const;
    const made = [];
    for (const stance of stances) made.push(await comment(t, people.resident.accessToken, { stance }));
    await comment(t, people.neighbour.accessToken, { parentId: made[0]!.id, stance: 'against' });
    await t.call('PUT', `${COMMENTS}/${made[3]!.id}/vote`, { token: people.neighbour.accessToken, body: { value: 1 } });
    const page = await list(t);
    assert.deepEqual(page.json.summary.counts, { for: 4, against: 3, neutral: 1, question: 1 });
    assert.equal(page.json.summary.total, 9);
    assert.equal(page.json.total, 8);
    assert.equal(page.json.summary.strongest.for.length, 3);
    assert.equal(page.json.summary.strongest.for[0].id, made[3]!.id);
    assert.deepEqual(page.json.summary.strongest.against.map((c: any) => c.depth), [0, 0]);
    assert.match(page.json.lastEventId, /^\d+$/);
    assert.ok(Number(page.json.lastEventId) > 0);
  });

  test('signed-out readers share one first page, which every public change drops at once (and which lives 5 s at most)', async () => {
    const first = await comment(t, people.resident.accessToken, { body: 'The first thought.' });
    const before = await list(t);
    assert.equal((await list(t)).text, before.text, 'the same page for every signed-out reader');
    // A vote, a new comment, an edit: each shows at once.
    await t.call('PUT', `${COMMENTS}/${first.id}/vote`, { token: people.neighbour.accessToken, body: { value: 1 } });
    assert.equal((await list(t)).json.items[0].up, 1);
    const second = await comment(t, people.neighbour.accessToken, { body: 'A second thought.' });
    assert.ok((await list(t)).json.items.some((item: Comment) => item.id === second.id));
    await t.call('PATCH', `${COMMENTS}/${first.id}`, { token: people.resident.accessToken, body: { body: 'The first thought, put better.' } });
    assert.ok((await list(t)).json.items.some((item: Comment) => item.body === 'The first thought, put better.'));
    // Signed in, the page is the reader's own (their votes, what they may do).
    assert.equal((await list(t, '', people.neighbour.accessToken)).json.items.find((item: Comment) => item.id === first.id).viewer.vote, 1);
    // What does not go through the stream (a person renaming themselves) shows within 5 seconds.
    await t.store.users.update(people.resident.user.id, { name: 'Renamed Resident' });
    const named = () => list(t).then((page) => page.json.items.find((item: Comment) => item.id === first.id).author.name);
    assert.notEqual(await named(), 'Renamed Resident');
    t.clock.advance(5001);
    assert.equal(await named(), 'Renamed Resident');
  });

  test('at most 50 replies come with a thread (moreReplies tells the rest); the thread route gives them all, for any comment of it', async () => {
    await relax();
    const top = await comment(t, people.resident.accessToken);
    let last = '';
    for (let i = 0; i < 53; i++) last = (await comment(t, people.neighbour.accessToken, { parentId: top.id, body: `Reply ${i}` })).id;
    const page = await list(t);
    assert.equal(page.json.items[0].replies.length, 50);
    assert.equal(page.json.items[0].moreReplies, 3);
    const thread = await t.call('GET', `${COMMENTS}/${last}/thread`);
    assert.equal(thread.status, 200);
    CommentThreadAnswer.parse(thread.json);
    assert.equal(thread.json.target, last);
    assert.equal(thread.json.thread.id, top.id);
    assert.equal(thread.json.thread.replies.length, 53);
    assert.equal(thread.json.thread.moreReplies, 0);
    assert.equal((await t.call('GET', `${COMMENTS}/nope/thread`)).status, 404);
  });

  test('you: signed out, resident, suspended, moderator, officers with and without departments, admin', async () => {
    assert.deepEqual((await list(t)).json.you, { canComment: false, reason: 'Sign in to comment.', canModerate: false, officialAs: [], premoderated: false });
    assert.deepEqual((await list(t, '', people.resident.accessToken)).json.you, { canComment: true, canModerate: false, officialAs: [], premoderated: false });
    assert.equal((await list(t, '', people.moderator.accessToken)).json.you.canModerate, true);
    assert.deepEqual((await list(t, '', people.moderator.accessToken)).json.you.officialAs, []);
    assert.deepEqual((await list(t, '', people.anyOfficer.accessToken)).json.you.officialAs, [{ slug: null, name: 'Test Council' }]);
    assert.deepEqual((await list(t, '', people.highways.accessToken)).json.you.officialAs, [{ slug: null, name: 'Test Council' }, { slug: 'highways', name: 'Highways' }]);
    assert.deepEqual((await list(t, '', people.admin.accessToken)).json.you.officialAs.map((v: any) => v.slug), [null, 'highways', 'housing']);
    assert.equal((await list(t, '', people.foreignAdmin.accessToken)).json.you.canModerate, false);
    await t.call('POST', '/v1/orgs/test-council/suspensions', { token: people.moderator.accessToken, body: { userId: people.resident.user.id, days: 3, reason: 'Repeated insults.' } });
    const you = (await list(t, '', people.resident.accessToken)).json.you;
    assert.equal(you.canComment, false);
    assert.match(you.reason, /until 5 March 2026 .*Repeated insults\./);
  });
});

describe('posting', () => {
  test('who may post: anonymous 401; any signed-in person 201, including people of another organisation', async () => {
    assert.equal((await post(t, undefined)).status, 401);
    for (const person of [people.resident, people.moderator, people.foreignOfficer]) assert.equal((await post(t, person.accessToken)).status, 201);
  });

  test('bodies come back byte-identical: HTML, script tags, control characters, RTL marks, emoji, 4-byte characters', async () => {
    await relax();
    const bodies = [
      '<script>alert("x")</script><img src=x onerror=alert(1)>',
      '**bold** _it_ [link](javascript:alert(1)) <b>not bold</b> &amp; &lt;',
      'Tab\there, bell\u0007, escape\u001b[31m, DEL\u007f, line\r\nbreaks\u2028and\u2029more',
      '\u202Eمرحبا\u202C \u200F‏right-to-left\u200E and \u061C marks',
      'Emoji 👩🏽‍🦯 🏳️‍🌈 family 👨‍👩‍👧‍👦 and 𝕳𝖊𝖑𝖑𝖔 𠜎𠜱 (4-byte)',
      '   leading and trailing spaces kept   ',
      'Zero\u200Bwidth\uFEFF and combining e\u0301 Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǒ̗͕',
      '\uD83D\uDE00'.repeat(10) + ' lone-looking pairs',
    ];
    for (const body of bodies) {
      const res = await post(t, people.resident.accessToken, { body });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.body, body);
      const read = await t.call('GET', `${COMMENTS}/${res.json.id}/thread`);
      assert.equal(read.json.thread.body, body);
      assert.equal(Buffer.compare(Buffer.from(read.json.thread.body, 'utf8'), Buffer.from(body, 'utf8')), 0);
    }
  });

  test('validation: too short, too long, unknown fields, bad stance are 400 with fields', async () => {
    await relax();
    for (const [body, field] of [
      [{ body: ' ' }, 'body'],
      [{ body: 'x'.repeat(5001) }, 'body'],
      [{ stance: 'maybe' }, 'stance'],
      [{ extra: 1 }, 'extra'],
    ] as const) {
      const res = await post(t, people.resident.accessToken, body as never);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(res.json.error.fields[field], `${field}: ${res.text}`);
    }
    const exact = await post(t, people.resident.accessToken, { body: 'y'.repeat(5000) });
    assert.equal(exact.status, 201);
    assert.equal((await t.call('POST', COMMENTS, { token: people.resident.accessToken, body: '{', headers: { 'Content-Type': 'application/json' } })).status, 400);
    assert.equal((await t.call('POST', COMMENTS, { token: people.resident.accessToken, body: 'x', headers: { 'Content-Type': 'text/plain' } })).status, 415);
  });

  test('the honeypot: a filled-in website field is refused as automated', async () => {
    const res = await post(t, people.resident.accessToken, { website: 'http://spam.example' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'automated');
    assert.match(res.json.error.message, /hidden field/);
    assert.equal((await post(t, people.resident.accessToken, { website: '' })).status, 201);
  });

  test('the per-person limit (default 5 in 10 minutes) counts in the database: 429 with retryAfter and when; others unaffected; staff exempt', async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await post(t, people.resident.accessToken)).status, 201);
      t.clock.advance(MINUTE);
    }
    const limited = await post(t, people.resident.accessToken);
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.equal(limited.json.error.details.retryAfter, 5 * 60);
    assert.equal(limited.headers.get('retry-after'), '300');
    assert.match(limited.json.error.message, /5 comments in the last 10 minutes.*again in 5 minutes/);
    assert.equal((await post(t, people.neighbour.accessToken)).status, 201);
    t.clock.advance(5 * MINUTE);
    assert.equal((await post(t, people.resident.accessToken)).status, 201);
    // The organisation's own limit.
    assert.equal((await settings({ rateLimit: { comments: 1, minutes: 60 } })).status, 200);
    assert.equal((await post(t, people.neighbour.accessToken)).status, 429);
    for (let i = 0; i < 3; i++) assert.equal((await post(t, people.moderator.accessToken)).status, 201);
  });

  test('the same text again by the same person (any case and spacing) is 409 duplicate_text; another person may; after deleting it, allowed', async () => {
    await relax();
    const first = await comment(t, people.resident.accessToken, { body: 'Please fix the crossing.' });
    const again = await post(t, people.resident.accessToken, { body: '  please   FIX the\ncrossing. ' });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'duplicate_text');
    assert.equal(again.json.error.details.commentId, first.id);
    assert.match(again.json.error.message, /already posted this comment/);
    assert.equal((await post(t, people.neighbour.accessToken, { body: 'Please fix the crossing.' })).status, 201);
    await t.call('DELETE', `${COMMENTS}/${first.id}`, { token: people.resident.accessToken });
    assert.equal((await post(t, people.resident.accessToken, { body: 'Please fix the crossing.' })).status, 201);
  });

  test('blocked words (whole words, any case) are 400 blocked_word naming them; edits too', async () => {
    assert.equal((await settings({ blockedWords: ['muppet', 'cretino'] })).status, 200);
    const res = await post(t, people.resident.accessToken, { body: 'The MUPPET who planned this, un cretino.' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'blocked_word');
    assert.equal(res.json.error.details.words, 'muppet, cretino');
    assert.match(res.json.error.message, /“muppet”, “cretino”/);
    assert.equal((await post(t, people.resident.accessToken, { body: 'The Muppets film was shot here.' })).status, 201);
    const made = await comment(t, people.resident.accessToken);
    const edit = await t.call('PATCH', `${COMMENTS}/${made.id}`, { token: people.resident.accessToken, body: { body: 'You muppet.' } });
    assert.equal(edit.json.error.code, 'blocked_word');
  });

  test('a suspension in force is 403 suspended with until and the reason; lifted, posting works again', async () => {
    const s = await t.call('POST', '/v1/orgs/test-council/suspensions', { token: people.moderator.accessToken, body: { userId: people.resident.user.id, days: 2, reason: 'Abuse of other residents.' } });
    assert.equal(s.status, 201);
    const res = await post(t, people.resident.accessToken);
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'suspended');
    assert.equal(res.json.error.details.until, '2026-03-04T09:00:00.000Z');
    assert.match(res.json.error.message, /until 4 March 2026 at 09:00 GMT.*Abuse of other residents\./);
    // In another organisation they may still comment.
    assert.equal((await post(t, people.resident.accessToken, { subject: 'page:http://other.example/' }, 'other-org')).status, 201);
    t.clock.advance(2 * 24 * 60 * MINUTE);
    assert.equal((await post(t, people.resident.accessToken)).status, 201);
    // Lifted before its end, too.
    const again = await t.call('POST', '/v1/orgs/test-council/suspensions', { token: people.moderator.accessToken, body: { userId: people.resident.user.id, days: 30, reason: 'Abuse again.' } });
    assert.equal((await post(t, people.resident.accessToken)).status, 403);
    assert.equal((await t.call('DELETE', `/v1/orgs/test-council/suspensions/${again.json.id}`, { token: people.moderator.accessToken })).status, 200);
    assert.equal((await post(t, people.resident.accessToken)).status, 201);
  });

  test('replies: to a comment of another subject or unknown is 400; to a deleted or hidden one 409', async () => {
    await relax();
    const other = await comment(t, people.resident.accessToken, { subject: 'page:http://council.example/other.html' });
    const wrong = await post(t, people.neighbour.accessToken, { parentId: other.id });
    assert.equal(wrong.status, 400);
    assert.ok(wrong.json.error.fields.parentId);
    assert.equal((await post(t, people.neighbour.accessToken, { parentId: 'nope' })).status, 400);
    const gone = await comment(t, people.resident.accessToken);
    await t.call('DELETE', `${COMMENTS}/${gone.id}`, { token: people.resident.accessToken });
    const res = await post(t, people.neighbour.accessToken, { parentId: gone.id });
    assert.equal(res.status, 409);
    assert.match(res.json.error.message, /deleted/);
  });

  test('official responses: officers and admins as the organisation or one of their departments; residents and moderators 403', async () => {
    await relax();
    const asOrg = await comment(t, people.anyOfficer.accessToken, { official: true });
    assert.deepEqual(asOrg.official, { organisation: 'Test Council', department: null });
    const asDept = await comment(t, people.highways.accessToken, { official: true, department: 'highways' });
    assert.deepEqual(asDept.official, { organisation: 'Test Council', department: 'Highways' });
    assert.equal((await post(t, people.highways.accessToken, { official: true, department: 'housing' })).status, 403);
    assert.equal((await post(t, people.anyOfficer.accessToken, { official: true, department: 'housing' })).status, 403);
    assert.equal((await post(t, people.admin.accessToken, { official: true, department: 'housing' })).status, 201);
    for (const who of [people.resident, people.moderator, people.foreignOfficer, people.foreignAdmin]) {
      const res = await post(t, who.accessToken, { official: true });
      assert.equal(res.status, 403);
      assert.match(res.json.error.message, /Only officers and admins of Test Council/);
    }
    assert.equal((await post(t, people.highways.accessToken, { department: 'highways' })).status, 400);
  });

  test('pre-moderation (everything, or one subject): pending, seen only by its author and moderators', async () => {
    await relax();
    assert.equal((await settings({ premoderatedSubjects: [`${PAGE}?x=1`] })).status, 200);
    const you = (await list(t, '', people.resident.accessToken)).json.you;
    assert.equal(you.premoderated, true);
    const waiting = await comment(t, people.resident.accessToken);
    assert.equal(waiting.status, 'pending');
    assert.equal((await comment(t, people.resident.accessToken, { subject: 'page:http://council.example/elsewhere' })).status, 'published');
    const seen = async (token?: string) => (await list(t, '', token)).json.items.map((i: any) => i.id);
    assert.deepEqual(await seen(), []);
    assert.deepEqual(await seen(people.neighbour.accessToken), []);
    assert.deepEqual(await seen(people.resident.accessToken), [waiting.id]);
    assert.deepEqual(await seen(people.moderator.accessToken), [waiting.id]);
    assert.equal((await t.call('GET', `${COMMENTS}/${waiting.id}/thread`)).status, 404);
    // Staff are not held back.
    assert.equal((await comment(t, people.moderator.accessToken)).status, 'published');
    await settings({ premoderateAll: true });
    assert.equal((await comment(t, people.neighbour.accessToken, { subject: 'page:http://council.example/elsewhere' })).status, 'pending');
  });
});

describe('editing and deleting', () => {
  test('the author edits within 15 minutes (history kept); others 403; after the window 403 edit_window_closed', async () => {
    const made = await comment(t, people.resident.accessToken, { body: 'First version.', stance: 'for' });
    const path = `${COMMENTS}/${made.id}`;
    assert.equal((await t.call('PATCH', path, { body: { body: 'x y' } })).status, 401);
    for (const who of [people.neighbour, people.moderator, people.admin]) assert.equal((await t.call('PATCH', path, { token: who.accessToken, body: { body: 'Taken over.' } })).status, 403);
    t.clock.advance(5 * MINUTE);
    const edited = await t.call('PATCH', path, { token: people.resident.accessToken, body: { body: 'Second version.', stance: 'against' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.json.body, 'Second version.');
    assert.equal(edited.json.stance, 'against');
    assert.equal(edited.json.editedAt, '2026-03-02T09:05:00.000Z');
    t.clock.advance(5 * MINUTE);
    await t.call('PATCH', path, { token: people.resident.accessToken, body: { body: 'Third version.' } });
    const history = await t.call('GET', `${path}/history`, { token: people.resident.accessToken });
    assert.deepEqual(history.json.items, [
      { body: 'First version.', stance: 'for', at: '2026-03-02T09:00:00.000Z' },
      { body: 'Second version.', stance: 'against', at: '2026-03-02T09:05:00.000Z' },
    ]);
    assert.equal((await t.call('GET', `${path}/history`, { token: people.moderator.accessToken })).status, 200);
    assert.equal((await t.call('GET', `${path}/history`, { token: people.neighbour.accessToken })).status, 403);
    assert.equal((await t.call('GET', `${path}/history`)).status, 401);
    t.clock.advance(5 * MINUTE);
    const late = await t.call('PATCH', path, { token: people.resident.accessToken, body: { body: 'Too late.' } });
    assert.equal(late.status, 403);
    assert.equal(late.json.error.code, 'edit_window_closed');
    assert.match(late.json.error.message, /15 minutes/);
    assert.equal((await list(t, '', people.resident.accessToken)).json.items[0].viewer.canEdit, false);
  });

  test('the author deletes: status deleted, text and author gone, replies keep their place; others 403', async () => {
    const top = await comment(t, people.resident.accessToken);
    const reply = await comment(t, people.neighbour.accessToken, { parentId: top.id });
    const path = `${COMMENTS}/${top.id}`;
    assert.equal((await t.call('DELETE', path)).status, 401);
    assert.equal((await t.call('DELETE', path, { token: people.neighbour.accessToken })).status, 403);
    const asModerator = await t.call('DELETE', path, { token: people.moderator.accessToken });
    assert.equal(asModerator.status, 403);
    assert.match(asModerator.json.error.message, /hide it instead/);
    const deleted = await t.call('DELETE', path, { token: people.resident.accessToken });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.json.status, 'deleted');
    assert.equal(deleted.json.body, '');
    assert.equal(deleted.json.author, null);
    const [thread] = (await list(t)).json.items;
    assert.equal(thread.id, top.id);
    assert.equal(thread.body, '');
    assert.equal(thread.author, null);
    assert.equal(thread.replies[0].id, reply.id);
    assert.equal((await t.call('DELETE', path, { token: people.resident.accessToken })).status, 409);
    assert.equal((await t.call('PATCH', path, { token: people.resident.accessToken, body: { body: 'Back again.' } })).status, 409);
    assert.deepEqual((await t.call('GET', `${path}/history`, { token: people.resident.accessToken })).json.items, []);
  });
});

describe('organisation isolation', () => {
  test('one organisation’s comments are never reachable through another’s slug (404 for every route)', async () => {
    const made = await comment(t, people.resident.accessToken);
    const other = '/v1/orgs/other-org/comments';
    const admin = people.foreignAdmin.accessToken;
    assert.equal((await t.call('GET', `${other}/${made.id}/thread`, { token: admin })).status, 404);
    assert.equal((await t.call('PATCH', `${other}/${made.id}`, { token: people.resident.accessToken, body: { body: 'Edited elsewhere' } })).status, 404);
    assert.equal((await t.call('DELETE', `${other}/${made.id}`, { token: people.resident.accessToken })).status, 404);
    assert.equal((await t.call('GET', `${other}/${made.id}/history`, { token: admin })).status, 404);
    assert.equal((await t.call('PUT', `${other}/${made.id}/vote`, { token: admin, body: { value: 1 } })).status, 404);
    assert.equal((await t.call('POST', `${other}/${made.id}/flags`, { token: admin, body: { reason: 'spam' } })).status, 404);
    assert.equal((await t.call('POST', `${other}/${made.id}/moderation`, { token: admin, body: { action: 'hide', reason: 'Not here.' } })).status, 404);
    // The page belongs to test-council's origin: other-org cannot even name it.
    assert.equal((await t.call('GET', `${other}?subject=${encodeURIComponent(PAGE)}`)).status, 400);
    // A reply across organisations is refused too.
    const res = await post(t, admin, { subject: 'page:http://other.example/', parentId: made.id }, 'other-org');
    assert.equal(res.status, 400);
    assert.equal((await t.call('GET', '/v1/orgs/nowhere/comments?subject=page:http://council.example/')).status, 404);
  });

  test('writes from an origin the organisation does not allow are 403 origin_not_allowed; its own origin works', async () => {
    const res = await t.call('POST', COMMENTS, { token: people.resident.accessToken, headers: { Origin: OTHER_ORIGIN }, body: { subject: PAGE, body: 'From elsewhere' } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
    const ok = await t.call('POST', COMMENTS, { token: people.resident.accessToken, headers: { Origin: ORIGIN }, body: { subject: PAGE, body: 'From the council site' } });
    assert.equal(ok.status, 201);
    Comment.parse(ok.json);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  });
});
