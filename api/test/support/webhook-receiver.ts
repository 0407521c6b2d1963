// A real HTTP receiver on 127.0.0.1 for the webhook tests: records every request, answers as told (a status, or never).
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as it arrived. */
  body: string;
}

/** A status to answer with, or 'hang' to accept the request and never answer. */
export type Answer = number | 'hang';

export async function startReceiver() {
  const received: Received[] = [];
  const queue: Answer[] = [];
  let fallback: Answer = 200;
  const hanging = new Set<ServerResponse>();
  const waiters: { count: number; done: () => void }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.done();
      }
      const answer = queue.shift() ?? fallback;
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'thanks' : 'not now');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    port,
    url: `http://127.0.0.1:${port}/civic-hooks`,
    received,
    /** The next requests get these answers, in order; after them, the fallback. */
    answer(...answers: Answer[]) {
      queue.push(...answers);
    },
    /** What requests get once the queued answers are used up. */
    always(answer: Answer) {
      fallback = answer;
    },
    /** Resolves once `count` requests in all have arrived; rejects after `ms`. */
    waitFor(count: number, ms = 5000): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`The receiver got ${received.length} requests, not ${count}, within ${ms} ms`)), ms);
        waiters.push({ count, done: () => (clearTimeout(timer), done()) });
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
