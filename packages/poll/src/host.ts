// What the chunks (ballot kinds, ranked.ts, results.ts, receipts.ts, live.ts) may use of <civic-poll>:
// types only, so it costs the bundle nothing.
import type { ApiClient } from '@civic-elements/core';
import type { MyBallot, Poll, PollResults } from '@civic-elements/protocol';
import type { CSSResult } from 'lit';

export interface PollHost extends HTMLElement {
  readonly client: ApiClient;
  readonly resolvedOrg: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** `/v1/orgs/<org>/polls/<id>`. */
  readonly pollPath: string;
  /** The poll as last read (with the reader's `you`). */
  readonly pollInfo: Poll | undefined;
  /** The reader's ballot as the API holds it (when they have voted). */
  readonly mine: MyBallot | undefined;
  /** The results as last read or streamed. */
  results: PollResults | undefined;
  /** The ballot being filled in: a value per option id (1 chosen; a score; a rank, 0 unranked). */
  choices: Record<string, number>;
  /** Ranked ballots: the ranked option ids in the order shown, and those sharing the rank of the one above. */
  ranking: string[];
  ties: Set<string>;
  /** The stream position to resume from. */
  lastEventId: string;
  requestUpdate(): void;
  /** Words in the element's language. */
  text(key: string, params?: Record<string, string | number>): string;
  /** The language tag in use (for Intl). */
  readonly resolvedLang: string;
  /** An API failure in words a resident understands. */
  errorText(error: unknown): string;
  /** Says `message` through the polite live region (focus does not move). */
  announce(message: string): void;
  /** Focuses the element with this id in the shadow root once it is rendered. */
  focusSoon(id: string): void;
  /** Adds a chunk's styles to the shadow root (once). */
  adopt(styles: CSSResult): void;
  /** Reads the poll again (its status changed). */
  refresh(): void;
}
