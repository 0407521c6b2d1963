// Polls over real HTTP on 127.0.0.1: one person's ballots fired in parallel count once (the database
// enforces it), many people's parallel ballots all count, and the poll's live stream (results throttled
// to about one event a second, status on open and close, nothing while results are hidden, resuming).
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { BallotExport, MyBallot, PollResults, RecountReport, type Ballot } from '@civic-elements/protocol';
import { RESULTS_EVENT_INTERVAL_MS } from '../src/polls/notify.js';
import { parseCsv } from './support/polls.js';
import { startTestApi, type TestApi } from './support/server.js';

let api: TestApi;
let officer: string;
beforeEach(async () => {
  api = await startTestApi();
  officer = (await api.makeRole('officer@test.example', 'test-council', 'officer')).accessToken;
});
afterEach(async () => {
  await api.close();
});

const POLLS = '/v1/orgs/test-council/polls';

async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${api.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

async function openPoll(kind: string, extra: Record<string, unknown> = {}, options = 3) {
  const made = await call('POST', POLLS, { token: officer, body: { title: `A ${kind} poll over HTTP`, kind, options: Array.from({ length: options }, (_, i) => ({ label: `Option ${i + 1}` })), ...extra } });
  assert.equal(made.status, 201, made.text);
  assert.equal((await call('POST', `${POLLS}/${made.json.id}/open`, { token: officer })).status, 200);
  return { id: made.json.id as string, ids: (made.json.options as { id: string }[]).map((o) => o.id) };
}

describe('ballots fired in parallel', () => {
  test('100 parallel ballots for one person: exactly one ballot counted (turnout 1, one ballot in the export, one receipt that verifies)', async () => {
    const poll = await openPoll('single', { results: 'live' });
    const resident = await api.makeRole('resident@test.example', 'test-council', 'resident');
    const ballots: Ballot[] = Array.from({ length: 100 }, (_, i) => ({ kind: 'single', choice: poll.ids[i % 3]! }));
    const answers = await Promise.all(ballots.map((ballot) => call('PUT', `${POLLS}/${poll.id}/ballot`, { token: resident.accessToken, body: ballot })));
    assert.deepEqual([...new Set(answers.map((a) => a.status))].sort(), [200, 201], answers.find((a) => a.status >= 300)?.text);
    assert.equal(answers.filter((a) => a.status === 201).length, 1, 'one of them made the ballot; the others changed it');

    const results = PollResults.parse((await call('GET', `${POLLS}/${poll.id}/results`)).json);
    assert.equal(results.turnout, 1);
    assert.equal(results.options.reduce((sum, o) => sum + o.votes!, 0), 1, 'the tally holds one ballot');
    const exported = BallotExport.parse((await call('GET', `${POLLS}/${poll.id}/ballots.json`)).json);
    assert.equal(exported.turnout, 1);
    assert.equal(exported.ballots.length, 1);
    assert.equal(parseCsv((await call('GET', `${POLLS}/${poll.id}/ballots.csv`)).text).length, 2, 'a header and one ballot');
    const recount = RecountReport.parse((await call('POST', `${POLLS}/${poll.id}/recount`, { token: officer })).json);
    assert.deepEqual([recount.matches, recount.ballotsRead], [true, 1]);

    // The ballot that counts is the last one written: what the voter sees, what its receipt finds, and the tally's one vote.
    const mine = MyBallot.parse((await call('GET', `${POLLS}/${poll.id}/ballot`, { token: resident.accessToken })).json);
    assert.equal(mine.voted, true);
    const verified = await Promise.all(answers.map((a) => call('POST', `${POLLS}/${poll.id}/verify-receipt`, { body: { receipt: a.json.receipt } })));
    const counted = verified.filter((v) => v.json.counted);
    assert.equal(counted.length, 1, 'only the last receipt finds a ballot');
    assert.deepEqual(counted[0]!.json.ballot, mine.ballot);
    const chosen = (mine.ballot as { choice: string }).choice;
    assert.deepEqual(results.options.map((o) => o.votes), poll.ids.map((id) => (id === chosen ? 1 : 0)));

    // In the database itself: one voter row, one ballot row.
    const db = new Database(api.config.databasePath, { readonly: true });
    try {
      assert.equal(db.prepare('SELECT count(*) FROM poll_voters').pluck().get(), 1);
      assert.equal(db.prepare('SELECT count(*) FROM poll_ballots').pluck().get(), 1);
    } finally {
      db.close();
    }
  });

  test('many people voting at once, each more than once: every person counted once, and the recount agrees', async () => {
    const poll = await openPoll('ranked', { results: 'live' }, 4);
    const people = await Promise.all(Array.from({ length: 25 }, (_, i) => api.makeRole(`voter${i}@test.example`, 'test-council', 'resident')));
    const requests = people.flatMap((person, i) =>
      [0, 1, 2].map((round) => call('PUT', `${POLLS}/${poll.id}/ballot`, { token: person.accessToken, body: { kind: 'ranked', ranks: { [poll.ids[(i + round) % 4]!]: 1, [poll.ids[(i + round + 1) % 4]!]: 2 } } })),
    );
    const answers = await Promise.all(requests);
    assert.ok(answers.every((a) => a.status === 200 || a.status === 201), answers.find((a) => a.status >= 300)?.text);
    const results = PollResults.parse((await call('GET', `${POLLS}/${poll.id}/results`)).json);
    assert.equal(results.turnout, 25);
    const recount = RecountReport.parse((await call('POST', `${POLLS}/${poll.id}/recount`, { token: officer })).json);
    assert.equal(recount.matches, true);
    assert.deepEqual(recount.results.schulze, results.schulze);
  });
});

interface SseEvent {
  id: string;
  event: string;
  data: any;
}

/** Opens the stream and collects its events. */
async function openStream(topic: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${api.url}/v1/stream?org=test-council&topic=${encodeURIComponent(topic)}`, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const reading = (async () => {
    if (!response.body || response.status !== 200) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
          if (fields.data !== undefined) events.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    response,
    events,
    async waitFor(count: number, timeoutMs = 4000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} events arrived: ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return events;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the live stream of a poll', () => {
  test('live results: the first change at once, the next ones gathered into one event a second later; close sends status and final results', async () => {
    const poll = await openPoll('single', { results: 'live' });
    const voters = await Promise.all([0, 1, 2, 3].map((i) => api.makeRole(`live${i}@test.example`, 'test-council', 'resident')));
    const stream = await openStream(`poll:${poll.id}`);
    assert.equal(stream.response.status, 200);
    await call('PUT', `${POLLS}/${poll.id}/ballot`, { token: voters[0]!.accessToken, body: { kind: 'single', choice: poll.ids[0] } });
    const [first] = await stream.waitFor(1);
    assert.equal(first!.event, 'results');
    assert.equal(first!.data.turnout, 1);
    assert.equal(first!.data.pollId, poll.id);
    for (const voter of voters.slice(1)) await call('PUT', `${POLLS}/${poll.id}/ballot`, { token: voter.accessToken, body: { kind: 'single', choice: poll.ids[1] } });
    await stream.waitFor(2, RESULTS_EVENT_INTERVAL_MS + 2000);
    await pause(300);
    assert.equal(stream.events.length, 2, 'three ballots within the second: one event');
    assert.deepEqual([stream.events[1]!.data.turnout, stream.events[1]!.data.winners], [4, [poll.ids[1]]]);
    await call('POST', `${POLLS}/${poll.id}/close`, { token: officer });
    const [, , status, final] = await stream.waitFor(4);
    assert.equal(status!.event, 'status');
    assert.deepEqual(status!.data, { id: poll.id, status: 'closed', acceptingBallots: false });
    assert.deepEqual([final!.event, final!.data.final, final!.data.turnout], ['results', true, 4]);
    assert.ok(stream.events.every((e, i) => i === 0 || Number(e.id) > Number(stream.events[i - 1]!.id)));
    await stream.close();

    // Resuming after the first event: what came after it, from the stored events.
    const resumed = await openStream(`poll:${poll.id}`, { 'Last-Event-ID': first!.id });
    const again = await resumed.waitFor(3);
    assert.deepEqual(again.map((e) => e.event), ['results', 'status', 'results']);
    await resumed.close();
  });

  test('after-close results never stream while the poll is open; closing sends them', async () => {
    const poll = await openPoll('approval');
    const resident = await api.makeRole('quiet@test.example', 'test-council', 'resident');
    const stream = await openStream(`poll:${poll.id}`);
    await call('PUT', `${POLLS}/${poll.id}/ballot`, { token: resident.accessToken, body: { kind: 'approval', choices: [poll.ids[2]] } });
    await pause(300);
    assert.equal(stream.events.length, 0);
    await call('POST', `${POLLS}/${poll.id}/close`, { token: officer });
    const [status, results] = await stream.waitFor(2);
    assert.equal(status!.event, 'status');
    assert.deepEqual([results!.event, results!.data.turnout, results!.data.winners], ['results', 1, [poll.ids[2]]]);
    await stream.close();
  });

  test('a draft, another organisation’s poll or no poll: 404; a topic that is neither comments nor poll: 400', async () => {
    const drafted = await call('POST', POLLS, { token: officer, body: { title: 'Not yet', kind: 'single', options: [{ label: 'A' }, { label: 'B' }] } });
    for (const topic of [`poll:${drafted.json.id}`, 'poll:nope', 'poll:']) {
      const stream = await openStream(topic);
      assert.equal(stream.response.status, 404, topic);
      await stream.close();
    }
    const foreignOfficer = await api.makeRole('officer@other.example', 'other-org', 'officer');
    const foreign = await call('POST', '/v1/orgs/other-org/polls', { token: foreignOfficer.accessToken, body: { title: 'Theirs', kind: 'single', options: [{ label: 'A' }, { label: 'B' }] } });
    await call('POST', `/v1/orgs/other-org/polls/${foreign.json.id}/open`, { token: foreignOfficer.accessToken });
    const cross = await openStream(`poll:${foreign.json.id}`);
    assert.equal(cross.response.status, 404);
    await cross.close();
    const bad = await openStream('votes:everything');
    assert.equal(bad.response.status, 400);
    await bad.close();
  });
});
