// The live stream over real HTTP: a listening API on 127.0.0.1, an SSE client reading events as they
// come, a reconnect with Last-Event-ID (and ?lastEventId=) after a restart of the API, CORS for an
// allowed origin, refusals, and a clean shutdown with streams still open.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { startServer } from '../src/server.js';
import { startTestApi, type TestApi } from './support/server.js';

const ORIGIN = 'http://council.example';
const PAGE = `page:${ORIGIN}/news/walworth.html`;

interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Opens the stream and reads events one by one. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let buffer = '';
  let waiting: (() => void) | undefined;
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'data') data.push(value);
            else if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
          }
          if (data.length === 0 && !event.id) continue;
          event.data = data.join('\n');
          events.push(event);
          waiting?.();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    response,
    events,
    async next(count: number, timeoutMs = 3000): Promise<SseEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} events arrived`);
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 50);
        });
      }
      return events.slice(0, count);
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi({ allowedOrigins: [ORIGIN] });
});
afterEach(async () => {
  await api.close();
});

async function postAs(token: string, body: Record<string, unknown>) {
  const response = await fetch(`${api.url}/v1/orgs/test-council/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ subject: PAGE, stance: 'for', ...body }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const streamUrl = (extra = '') => `${api.url}/v1/stream?org=test-council&topic=${encodeURIComponent(`comments:${PAGE}`)}${extra}`;

describe('GET /v1/stream', () => {
  test('comment, votes and comment-changed arrive live in the public view; pending comments never; CORS for an allowed origin', async () => {
    const resident = await api.makeRole('resident@test.example', 'test-council', 'resident');
    const neighbour = await api.makeRole('neighbour@test.example', 'test-council', 'resident');
    const admin = await api.makeRole('admin@test.example', 'test-council', 'admin');
    const stream = await openStream(streamUrl(), { Origin: ORIGIN });
    assert.equal(stream.response.status, 200);
    assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(stream.response.headers.get('access-control-allow-origin'), ORIGIN);
    const made = await postAs(resident.accessToken, { body: 'Live comment with <b>tags</b>.' });
    assert.equal(made.status, 201);
    await fetch(`${api.url}/v1/orgs/test-council/comments/${made.json.id}/vote`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${neighbour.accessToken}` },
      body: JSON.stringify({ value: 1 }),
    });
    await fetch(`${api.url}/v1/orgs/test-council/comments/${made.json.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${resident.accessToken}` },
      body: JSON.stringify({ body: 'Edited live.' }),
    });
    const [first, votes, changed] = await stream.next(3);
    assert.equal(first!.event, 'comment');
    const shown = JSON.parse(first!.data);
    assert.equal(shown.id, made.json.id);
    assert.equal(shown.body, 'Live comment with <b>tags</b>.');
    assert.equal(shown.viewer, undefined);
    assert.equal(shown.flags, undefined);
    assert.equal(votes!.event, 'votes');
    assert.deepEqual(Object.keys(JSON.parse(votes!.data)).sort(), ['down', 'id', 'score', 'up']);
    assert.equal(changed!.event, 'comment-changed');
    assert.equal(JSON.parse(changed!.data).body, 'Edited live.');
    assert.ok(Number(first!.id) < Number(votes!.id) && Number(votes!.id) < Number(changed!.id));
    // Pre-moderated: nothing goes out.
    await fetch(`${api.url}/v1/orgs/test-council/debate-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ premoderateAll: true }),
    });
    assert.equal((await postAs(neighbour.accessToken, { body: 'Waiting for a moderator.' })).json.status, 'pending');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(stream.events.length, 3);
    await stream.close();
  });

  test('resumes after Last-Event-ID (header or query), even after the API restarted', async () => {
    const resident = await api.makeRole('resident@test.example', 'test-council', 'resident');
    const stream = await openStream(streamUrl());
    const a = await postAs(resident.accessToken, { body: 'First.' });
    const [first] = await stream.next(1);
    await stream.close();
    // Missed while disconnected.
    const b = await postAs(resident.accessToken, { body: 'Second.' });
    const c = await postAs(resident.accessToken, { body: 'Third.' });
    // The API restarts on the same database file.
    await api.store.close();
    const restarted = await startServer({ ...api.config, port: 0 }, { seed: false, log: () => {} });
    try {
      const url = `${restarted.url}/v1/stream?org=test-council&topic=${encodeURIComponent(`comments:${PAGE}`)}`;
      const resumed = await openStream(url, { 'Last-Event-ID': first!.id! });
      const missed = await resumed.next(2);
      assert.deepEqual(missed.map((e) => JSON.parse(e.data).id), [b.json.id, c.json.id]);
      await resumed.close();
      const byQuery = await openStream(`${url}&lastEventId=${first!.id}`);
      assert.equal((await byQuery.next(2)).length, 2);
      await byQuery.close();
      void a;
    } finally {
      await restarted.close();
    }
  });

  test('old events are forgotten after a week; a stream resumed from before them is told to reset, then goes on live', async () => {
    const resident = await api.makeRole('resident@test.example', 'test-council', 'resident');
    const stream = await openStream(streamUrl());
    await postAs(resident.accessToken, { body: 'Before the week went by.' });
    const [old] = await stream.next(1);
    await stream.close();
    await postAs(resident.accessToken, { body: 'Missed while asleep.' });
    // A week later both are forgotten.
    assert.equal(await api.store.debate.pruneEvents(new Date(Date.now() + 60_000)), 2);
    assert.ok((await api.store.debate.forgottenUpTo()) > Number(old!.id));
    const resumed = await openStream(streamUrl(), { 'Last-Event-ID': old!.id! });
    const [reset] = await resumed.next(1);
    assert.equal(reset!.event, 'reset');
    assert.ok(Number(reset!.id) >= (await api.store.debate.forgottenUpTo()), 'its id moves Last-Event-ID past what is forgotten');
    // Reconnecting from the reset's id resumes, without another reset.
    const again = await openStream(streamUrl(), { 'Last-Event-ID': reset!.id! });
    const fresh = await postAs(resident.accessToken, { body: 'After the reload.' });
    const [, live] = await resumed.next(2);
    assert.equal(live!.event, 'comment');
    assert.equal(JSON.parse(live!.data).id, fresh.json.id);
    await resumed.close();
    const [resumedAgain] = await again.next(1);
    assert.equal(resumedAgain!.event, 'comment');
    assert.equal(JSON.parse(resumedAgain!.data).id, fresh.json.id);
    await again.close();
    // A stream resumed from an event still kept gets no reset.
    const kept = await openStream(streamUrl(), { 'Last-Event-ID': live!.id! });
    await postAs(resident.accessToken, { body: 'One more.' });
    const [next] = await kept.next(1);
    assert.equal(next!.event, 'comment');
    await kept.close();
  });

  test('refusals: unknown organisation 404, bad topic 400, unknown subject 404, another organisation’s page 400', async () => {
    assert.equal((await fetch(`${api.url}/v1/stream?org=nowhere&topic=comments:${PAGE}`)).status, 404);
    assert.equal((await fetch(`${api.url}/v1/stream?org=test-council&topic=reports`)).status, 400);
    assert.equal((await fetch(`${api.url}/v1/stream?org=test-council`)).status, 400);
    assert.equal((await fetch(`${api.url}/v1/stream?org=test-council&topic=comments:report:nope`)).status, 404);
    assert.equal((await fetch(`${api.url}/v1/stream?org=other-org&topic=${encodeURIComponent(`comments:${PAGE}`)}`)).status, 400);
    assert.equal((await fetch(`${streamUrl()}&lastEventId=abc`)).status, 400);
  });

  test('the server closes promptly with streams open', async () => {
    const streams = await Promise.all([openStream(streamUrl()), openStream(streamUrl())]);
    const started = Date.now();
    await api.close();
    assert.ok(Date.now() - started < 2000, `closed in ${Date.now() - started} ms`);
    await Promise.all(streams.map((s) => s.close()));
    // afterEach closes again: close() is idempotent.
  });
});
