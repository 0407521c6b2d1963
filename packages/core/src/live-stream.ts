// A live stream of the API (Server-Sent Events at /v1/stream?org=&topic=), as the elements use it: each
// event's id is kept to resume from, and a stream the API closed (a restart, a deploy) is opened again
// a little later from the last event seen. (EventSource resends Last-Event-ID itself when it reconnects
// after a dropped connection; when the API ends the stream, it gives up, so this opens it again.)

/** How long to wait before opening a stream again when the API closed it (ms). */
const REOPEN_MS = 3000;

export interface LiveStreamOptions {
  /** The API's base URL. */
  base: string;
  org: string;
  /** `comments:<subject>`, `poll:<id>`, `consultation:<id>`. */
  topic: string;
  /** Where to resume from: the last event id seen (read at each opening; '' for now). */
  resumeFrom(): string;
  /** An event's id, to resume from next time. */
  seen(id: string): void;
  /** Whether to open the stream again after the API closed it (the element is still on the page). */
  wanted(): boolean;
  /** What to do with each event, by name. */
  on: Record<string, (event: MessageEvent<string>) => void>;
}

export interface LiveStream {
  close(): void;
  /** The EventSource in use (tests read its URL). */
  readonly source: EventSource | undefined;
}

/** Opens the stream (nothing where there is no EventSource); close() stops it for good. */
export function openLiveStream(options: LiveStreamOptions): LiveStream {
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function close(): void {
    clearTimeout(timer);
    source?.close();
    source = undefined;
  }

  function open(): void {
    close();
    if (typeof EventSource !== 'function') return;
    const url = new URL(options.base + '/v1/stream');
    url.searchParams.set('org', options.org);
    url.searchParams.set('topic', options.topic);
    const from = options.resumeFrom();
    if (from) url.searchParams.set('lastEventId', from);
    const opened = (source = new EventSource(url));
    for (const [name, handle] of Object.entries(options.on)) {
      opened.addEventListener(name, (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) options.seen(message.lastEventId);
        handle(message);
      });
    }
    opened.onerror = () => {
      if (opened.readyState === EventSource.CLOSED && source === opened && options.wanted()) timer = setTimeout(open, REOPEN_MS);
    };
  }

  open();
  return {
    close,
    get source() {
      return source;
    },
  };
}
