// The live stream of <civic-debate>, a chunk loaded after the first page: new comments wait behind the
// "Show N new comments" button; votes and changes update in place; a closed stream is opened again
// from the last event seen (core's openLiveStream).
import { openLiveStream } from '@civic-elements/core';
import type { Comment, StreamVotes } from '@civic-elements/protocol';
import type { DebateHost } from './host.js';
import { anchorOf } from './thread-view.js';
import { find, insert, patch, remove } from './threads.js';

export function connect(host: DebateHost) {
  function streamed(name: string, event: MessageEvent<string>): void {
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

  const stream = openLiveStream({
    base: host.client.base,
    org: host.resolvedOrg,
    topic: 'comments:' + host.subjectKey,
    resumeFrom: () => host.lastEventId,
    seen: (id) => (host.lastEventId = id),
    wanted: () => host.isConnected,
    on: {
      comment: (event) => streamed('comment', event),
      'comment-changed': (event) => streamed('comment-changed', event),
      votes: (event) => streamed('votes', event),
      // The page was away longer than the API keeps events: what it shows may be out of date.
      reset: () => host.reload(),
    },
  });
  return {
    close: () => stream.close(),
    /** The stream in use (tests read its URL). */
    get source() {
      return stream.source;
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
