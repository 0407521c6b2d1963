// Sends the reports queued while offline: when the connection comes back or on the next load, each once.
import { ApiError, apiKey, type ApiClient } from '@civic-elements/core';
import type { Report } from '@civic-elements/protocol';
import { dequeue, readQueue, type QueuedReport } from './report-form-storage.js';

export type QueueOutcome =
  | { item: QueuedReport; report: Report }
  /** The API refused it (it will not take it later either): it goes back to being a draft. */
  | { item: QueuedReport; error: ApiError };

/** Sends still under way in this tab, by queue key: a second call waits for the first rather than sending again. */
const running = new Map<string, Promise<void>>();

/**
 * Sends every queued report of `org` in turn, and takes each off the queue once the API has stored it
 * (or refused it for good). Stops at the first one that cannot reach the API: the rest wait for the
 * next try. One sender at a time in this tab, and across tabs with the Web Locks API; a report sent
 * twice all the same (the page closed before it was taken off) is made once, as its `clientRequestId`
 * tells the API it is the same report.
 */
export function sendQueue(api: string, org: string, client: ApiClient, done: (outcome: QueueOutcome) => void): Promise<void> {
  const name = `civic-elements.report-queue:${apiKey(api)}:${org}`;
  const previous = running.get(name);
  if (previous) return previous;
  const run = async (): Promise<void> => {
    for (const item of readQueue(api, org)) {
      try {
        const report = await client.post<Report>(`/v1/orgs/${encodeURIComponent(org)}/reports`, item.body, { auth: item.user !== null });
        dequeue(api, org, item.body.clientRequestId);
        done({ item, report });
      } catch (error) {
        const lasting = error instanceof ApiError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
        if (!lasting) return; // no connection, a server error or a wait: try again later
        dequeue(api, org, item.body.clientRequestId);
        done({ item, error: error as ApiError });
      }
    }
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const sending = (locks ? locks.request(name, { ifAvailable: true }, (lock) => (lock ? run() : undefined)) : run())
    .catch(() => undefined)
    .finally(() => running.delete(name));
  running.set(name, sending);
  return sending;
}
