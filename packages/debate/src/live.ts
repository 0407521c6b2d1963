// The live stream of <civic-debate>, a chunk loaded after the first page: new comments wait behind the
// "Show N new comments" button; votes and changes update in place; a closed stream is opened again
// from the last event seen (EventSource itself resends Last-Event-ID when it reconnects on its own).
import type { Comment, StreamVotes } from '@civic-elements/protocol';
import type { DebateHost } from './host.js';
import { anchorOf } from './thread-view.js';
import { find, insert, patch, remove } from './threads.js';

/** How long to wait before opening the stream again when the API closed it (ms). */
const RECONNECT = 3000;

export function connect(host: DebateHost) {
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function streamed(name: string, event: MessageEvent<string>): void {
    if (event.lastEventId) host.lastEventId = event.lastEventId;
    let data: Comment & StreamVotes;
    try {
      data = JSON.parse(event.data) as Comment & StreamVotes;
    } catch {
      return;
    }
    // Taken back for review (enough people reported it): it goes from other readers' pages, unless replies hang on it.
    if (name === 'comment-changed' && data.status === 'pending') {
      host.waiting = host.waiting.filter((known) => known.id !== data.id);
      const shown = find(host.threads, data.id);
      const own = shown && (shown.index < 0 ? shown.thread : shown.thread.replies[shown.index])?.viewer?.mine;
      const without = own ? undefined : remove(host.threads, data.id);
      if (without && shown) {
        if (shown.index < 0) host.shown = Math.max(0, host.shown - 1);
        host.threads = without;
        return;
      }
    }
    const changed = patch(host.threads, data.id, name === 'votes' ? { up: data.up, down: data.down, score: data.score } : data);
    if (changed) {
      host.threads = changed;
      return;
    }
    if (name === 'votes') return;
    const waiting = host.waiting.findIndex((known) => known.id === data.id);
    if (waiting >= 0) {
      host.waiting = host.waiting.map((known, at) => (at === waiting ? data : known));
    } else if (name === 'comment' && data.subject === host.subjectKey) {
      host.waiting = [...host.waiting, data];
      host.announce(host.text('debate.new.announce', { count: host.waiting.length }));
    }
  }

  function open(): void {
    close();
    if (typeof EventSource !== 'function') return;
    const url = new URL(host.client.base + '/v1/stream');
    url.searchParams.set('org', host.resolvedOrg);
    url.searchParams.set('topic', 'comments:' + host.subjectKey);
    if (host.lastEventId) url.searchParams.set('lastEventId', host.lastEventId);
    const opened = (source = new EventSource(url));
    for (const name of ['comment', 'comment-changed', 'votes']) opened.addEventListener(name, (event) => streamed(name, event as MessageEvent<string>));
    // The page was away longer than the API keeps events: what it shows may be out of date.
    opened.addEventListener('reset', () => host.reload());
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
    /** "Show N new comments": they take their places (new threads at the top); focus goes to the first. */
    showNew(): void {
      const count = host.waiting.length;
      let first: Comment | undefined;
      for (const comment of host.waiting) {
        const threads = insert(host.threads, comment);
        if (!threads) continue;
        host.threads = threads;
        if (!comment.parentId) host.shown++;
        if (!first || (first.parentId && !comment.parentId)) first = comment;
      }
      host.waiting = [];
      if (first) host.focusSoon(anchorOf(first.id));
      host.announce(host.text('debate.new.shown', { count }));
    },
  };
}
