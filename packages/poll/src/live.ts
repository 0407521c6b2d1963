// The live stream of <civic-poll> (`poll:<id>` on /v1/stream), a chunk opened while the poll is open:
// `results` replace the results shown (said politely, focus stays where it is); `status` (opened or
// closed) reads the poll again. A stream the API closed is opened again from the last event seen
// (core's openLiveStream).
import { openLiveStream } from '@civic-elements/core';
import type { PollResults } from '@civic-elements/protocol';
import type { PollHost } from './host.js';

export function connect(host: PollHost) {
  function results(event: MessageEvent<string>): void {
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

  const info = host.pollInfo;
  if (!info) return { close() {}, source: undefined as EventSource | undefined };
  return openLiveStream({
    base: host.client.base,
    org: host.resolvedOrg,
    topic: 'poll:' + info.id,
    resumeFrom: () => host.lastEventId,
    seen: (id) => (host.lastEventId = id),
    wanted: () => host.isConnected,
    on: { results, status: () => host.refresh() },
  });
}
