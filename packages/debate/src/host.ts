// What the chunks (forms.ts, live.ts) may use of <civic-debate>: types only, so it costs the bundle nothing.
import type { ApiClient, Session } from '@civic-elements/core';
import type { Comment, CommentPage, CommentSort, CommentThread } from '@civic-elements/protocol';

export interface DebateHost extends HTMLElement {
  readonly client: ApiClient;
  readonly session: Session | undefined;
  readonly resolvedApi: string;
  readonly resolvedOrg: string;
  readonly resolvedLang: string;
  /** The subject as the API names it (`page:` + this page's address when the attribute is absent). */
  readonly subjectKey: string;
  /** Top-level comments per page. */
  readonly limit: number | undefined;
  /** The order in use. */
  readonly order: CommentSort;
  /** What the reader may do here (from the first page). */
  readonly you: CommentPage['you'] | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  /** `/v1/orgs/<org>/comments`. */
  readonly commentsPath: string;
  /** Internal state the chunks change (each assignment re-renders). */
  threads: CommentThread[];
  waiting: Comment[];
  shown: number;
  nextCursor: string | null;
  lastEventId: string;
  loadingMore: boolean;
  moreProblem: string | undefined;
  /** Votes under way, and why the last action on a comment failed, by comment id. */
  readonly voting: Set<string>;
  readonly problems: Map<string, string>;
  /** Requests of the page shown (a new load aborts them). */
  readonly signal: AbortSignal | undefined;
  requestUpdate(): void;
  /** Words in the element's language. */
  text(key: string, params?: Record<string, string | number>): string;
  /** An API failure in words a resident understands. */
  errorText(error: unknown): string;
  announce(message: string): void;
  /** Loads the first page again (the stream said events were missed). */
  reload(): void;
  /** Focuses the element with this id in the shadow root once it is rendered. */
  focusSoon(id: string): void;
}
