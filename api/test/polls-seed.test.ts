// The demo's polls and consultation, as the widgets read them over the API: the council's consultation in
// its discussion phase (proposals with supporters, one not yet admitted, suggestions, a discussion under
// a proposal) that the scheduler leaves alone, and the NHS trust's open poll with live results.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Consultation, ConsultationPage, PollPage, PollResults, SuggestionList } from '@civic-elements/protocol';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { ConsultationScheduler } from '../src/consultations/scheduler.js';
import { StreamHub } from '../src/debate/hub.js';
import { OutboxMailer } from '../src/mail/outbox.js';
import { seedDemo } from '../src/seed.js';
import { DEMO_CONSULTATION_TITLE, DEMO_POLL_TITLE, seedPollsDemo } from '../src/seed-polls.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/index.js';
import type { OrgRecord } from '../src/store/types.js';

const DAY = 86_400_000;
let dir: string;
let store: SqliteStore;
let orgs: OrgRecord[];
let app: ReturnType<typeof createApp>;
const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, json: (await res.json()) as any };
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'civic-seed-polls-'));
  store = openSqliteStore(join(dir, 'civic.db'));
  orgs = await seedDemo(store);
  const config = testConfig({ dataDir: dir, databasePath: join(dir, 'civic.db') });
  app = createApp({ store, config, mailer: new OutboxMailer(join(dir, 'outbox'), config.mailFrom), log: () => {} });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the council’s consultation', () => {
  test('“Which project should the neighbourhood fund back?” is in its discussion phase, with 4 proposals, 3 admitted so far and 1 not yet', async () => {
    const page = ConsultationPage.parse((await get('/v1/orgs/southwark/consultations')).json);
    assert.equal(page.items.length, 1);
    const summary = page.items[0]!;
    assert.equal(summary.title, DEMO_CONSULTATION_TITLE);
    const c = Consultation.parse((await get(`/v1/orgs/southwark/consultations/${summary.id}`)).json);
    assert.equal(c.phase, 'discussion');
    assert.equal(c.autoAdvance, false, 'an officer moves it on by hand');
    assert.ok(Date.parse(c.phaseEndsAt!) > Date.now() + 7 * DAY, 'its discussion lasts beyond the demo');
    assert.ok(c.phases[0]!.startedAt && c.phases[0]!.endedAt && c.phases[1]!.startedAt, 'it went through proposing');
    assert.deepEqual(c.quorum, { kind: 'supporters', count: 5 });
    assert.equal(c.proposals.length, 4);
    assert.deepEqual(c.proposals.map((p) => p.status), ['admitted', 'admitted', 'admitted', 'proposed']);
    assert.ok(c.proposals.every((p) => p.supporters >= 3 && p.author !== null));
    assert.ok(c.proposals.some((p) => p.revision > 1), 'one was revised after suggestions');
    assert.ok(c.participants >= 8);
    assert.equal(c.pollId, null);
  });

  test('suggestions with ratings, and a discussion under a proposal', async () => {
    const c = (await get('/v1/orgs/southwark/consultations')).json.items[0];
    const full = (await get(`/v1/orgs/southwark/consultations/${c.id}`)).json;
    let suggestions = 0;
    for (const p of full.proposals) {
      const list = SuggestionList.parse((await get(`/v1/orgs/southwark/consultations/${c.id}/proposals/${p.id}/suggestions`)).json);
      suggestions += list.items.length;
      for (const s of list.items) assert.ok(s.ratings.must + s.ratings.should + s.ratings.shouldNot + s.ratings.mustNot > 0, s.body);
    }
    assert.ok(suggestions >= 3, `${suggestions} suggestions`);
    const first = full.proposals[0];
    const comments = await get(`/v1/orgs/southwark/comments?subject=${first.subject}`);
    assert.equal(comments.status, 200);
    assert.ok(comments.json.items.length >= 2);
    assert.ok(comments.json.items.some((comment: { replyCount: number }) => comment.replyCount > 0));
  });

  test('the scheduler leaves it in its discussion phase, however late it gets', async () => {
    const scheduler = new ConsultationScheduler({ store, streams: new StreamHub(), clock: () => new Date(Date.now() + 365 * DAY), log: () => {} });
    assert.deepEqual(await scheduler.tick(), []);
  });
});

describe('the NHS trust’s poll', () => {
  test('an open single-choice poll about opening hours at Peckham Road surgery, with live results and ballots in', async () => {
    const page = PollPage.parse((await get('/v1/orgs/south-london-health/polls')).json);
    const poll = page.items.find((p) => p.title === DEMO_POLL_TITLE)!;
    assert.ok(poll);
    assert.equal(poll.kind, 'single');
    assert.equal(poll.status, 'open');
    assert.equal(poll.acceptingBallots, true);
    assert.equal(poll.results, 'live');
    assert.equal(poll.options.length, 4);
    assert.ok(Date.parse(poll.closesAt!) > Date.now() + 7 * DAY);
    const results = PollResults.parse((await get(`/v1/orgs/south-london-health/polls/${poll.id}/results`)).json);
    assert.ok(results.turnout >= 40, `${results.turnout} ballots`);
    assert.equal(results.final, false);
    assert.deepEqual(results.winners, [poll.options[0]!.id]);
    const recount = await store.polls.recount(orgs.find((o) => o.slug === 'south-london-health')!.id, (await store.polls.byId(orgs.find((o) => o.slug === 'south-london-health')!.id, poll.id))!.rowid);
    assert.equal(recount.matches, true);
  });

  test('the other organisations get none; seeding again changes nothing', async () => {
    const gardens = orgs.find((o) => o.slug === 'peckham-gardens')!;
    assert.deepEqual(await store.consultations.list(gardens.id, { phases: ['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed'], after: null, limit: 10 }), []);
    assert.equal((await get('/v1/orgs/south-london-health/consultations')).json.items.length, 0);
    const before = (await get('/v1/orgs/south-london-health/polls')).json.items[0];
    await seedPollsDemo(store, orgs);
    assert.equal((await get('/v1/orgs/southwark/consultations')).json.items.length, 1);
    const polls = (await get('/v1/orgs/south-london-health/polls')).json.items;
    assert.equal(polls.length, 1);
    assert.equal(polls[0].id, before.id);
  });
});
