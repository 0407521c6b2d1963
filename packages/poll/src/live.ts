// The live stream of <civic-poll> (`poll:<id>` on /v1/stream), a chunk opened while the poll is open:
// `results` replace the results shown (said politely, focus stays where it is); `status` (opened or
// closed) reads the poll again. A stream the API closed is opened again from the last event seen
// (EventSource itself resends Last-Event-ID when it reconnects on its own).
import type { PollResults } from '@civic-elements/protocol';
import type { PollHost } from './host.js';

/** How long to wait before opening the stream again when the API closed it (ms). */
const RECONNECT = 3000;

export function connect(host: PollHost) {
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function results(event: MessageEvent<string>): void {
    if (event.lastEventId) host.lastEventId = event.lastEventId;
    try {
      const fresh = JSON.parse(event.data) as PollResults;
      // Only while results are shown: a reader who may not see them yet gets them when the poll closes (a `status` event).
      if (!host.results || fresh.pollId !== host.pollInfo?.id) return;
      host.results = fresh;
      host.announce(host.text('poll.results.updated'));
    } catch {
      // a malformed event changes nothing
    }
  }

  function open(): void {
    close();
    const info = host.pollInfo;
    if (typeof EventSource !== 'function' || !info) return;
    const url = new URL(host.client.base + '/v1/stream');
    url.searchParams.set('org', host.resolvedOrg);
    url.searchParams.set('topic', 'poll:' + info.id);
    if (host.lastEventId) url.searchParams.set('lastEventId', host.lastEventId);
    const opened = (source = new EventSource(url));
    opened.addEventListener('results', (event) => results(event as MessageEvent<string>));
    opened.addEventListener('status', (event) => {
      if ((event as MessageEvent<string>).lastEventId) host.lastEventId = (event as MessageEvent<string>).lastEventId;
      host.refresh();
    });
    // Closed by the API (a dropped connection EventSource retries itself): open it again a little later.
    opened.onerror = () => {
      if (opened.readyState === EventSource.CLOSED && source === opened && host.isConnected) timer = setTimeout(open, RECONNECT);
    };
  }

  function close(): void {
    clearTimeout(timer);
    source?.close();
    source = undefined;
  }

  open();
  return {
    close,
    /** The stream in use (tests read its URL). */
    get source() {
      return source;
    },
  };
}
