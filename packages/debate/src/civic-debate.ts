// <civic-debate>: a threaded for-and-against discussion of a subject (a report, a map contribution, a
// proposal, a web page), with votes, a summary of each side, flags, moderation and live updates.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, CivicElement, LiveAnnouncer, errorMessage, translate, uiStyles } from '@civic-elements/core';
import type { Comment, CommentPage, CommentSort, CommentThread, DebateSummary } from '@civic-elements/protocol';
import { styles } from './civic-debate.styles.js';
import type { DebateHost } from './host.js';
import { debateMessages } from './messages.js';
import type { ThreadView } from './thread-view.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };
const SORTS: CommentSort[] = ['best', 'newest', 'oldest', 'debated'];
/** Threads laid out a frame, after the first screenful, so that all of them reach the accessibility tree (see #settle). */
const SETTLE_BATCH = 8;
type Forms = ReturnType<typeof import('./forms.js').createForms>;
type Live = ReturnType<typeof import('./live.js').connect>;
/** How comments show (the Markdown subset included): a chunk fetched at the same time as the first page. */
type View = typeof import('./thread-view.js');
let view$: Promise<View> | undefined;
const loadView = (): Promise<View> => (view$ ??= import('./thread-view.js'));

/**
 * A discussion of one subject: comments with a stance (for, against, neutral, question) in a small
 * safe Markdown subset, replies nested up to three levels, up and down votes, sorting, a for/against
 * summary with the strongest arguments of each side, official answers from officers, editing within
 * 15 minutes, deleting, reporting a comment to the moderators, and live updates: new comments wait
 * behind a "Show N new comments" button, votes and changes update in place.
 *
 * @summary A threaded for-and-against discussion with votes, moderation and live updates.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr subject - What is discussed: `report:ID`, `contribution:ID`, `proposal:ID` or `page:URL`; absent, this page (`page:` + its origin and path).
 * @attr sort - The first order: `best` (default), `newest`, `oldest` or `debated`.
 * @attr {number} limit - Top-level comments per page (1 to 100, default 20).
 *
 * @slot heading - Replaces the "Discussion" heading.
 * @slot empty - Shown when there are no comments yet.
 *
 * @event {CivicCommentPostedEvent} civic-comment-posted - A person posted a comment or reply; `event.comment`, `event.detail` `{ id, subject, parentId }`.
 * @event {CivicVoteCastEvent} civic-vote-cast - A person voted a comment up or down or took their vote back; `event.detail` `{ id, value }`.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart heading - The default heading.
 * @csspart summary - The for/against summary; `summary-counts` its counts, `strongest` the two columns, `side` each column.
 * @csspart toolbar - The count and the "Sort by" control; `sort` the select.
 * @csspart new - The "Show N new comments" button.
 * @csspart list - The list of threads; `item` each comment with its replies, `replies` a list of replies.
 * @csspart comment - A comment (also `official` for an official response); `meta`, `author`, `official-badge`, `stance`, `permalink`, `edited`, `reply-to`, `body`, `gone`, `hidden-reason`, `pending` its pieces.
 * @csspart actions - A comment's buttons: `vote`, `vote-up`, `vote-down`, `action` (`reply`, `edit`, `delete`, `flag`), `flagged`.
 * @csspart more-replies - "Show N more replies".
 * @csspart more - "Show more comments".
 * @csspart compose - The new comment's area; `form` each form, `field`, `label`, `hint`, `input`, `error`, `error-summary`, `notice` their pieces.
 * @csspart honeypot - The field people never see.
 * @csspart subscription - The reply-email choice.
 * @csspart dialog - The "Report this comment" dialog.
 * @csspart signed-out - The sign-in prompt.
 * @csspart empty - The wrapper of the `empty` slot.
 * @csspart loading - "Loading…" text.
 * @csspart error - A problem, next to what it concerns.
 * @csspart button - Every button.
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-debate-for-color - The "for" side (default #00703c).
 * @cssproperty --civic-debate-against-color - The "against" side (default #d4351c).
 * @cssproperty --civic-debate-official-color - Official responses' edge (default #1d70b8).
 * @cssproperty --civic-debate-indent - How far replies are indented (default 1.5rem).
 * @cssproperty --civic-color-primary - Buttons and links (default #1d70b8).
 * @cssproperty --civic-color-primary-text - Text on primary buttons (default #ffffff).
 * @cssproperty --civic-color-text - Text (default #0b0c0c).
 * @cssproperty --civic-color-background - Backgrounds (default #ffffff).
 * @cssproperty --civic-color-muted - Secondary text (default #505a5f).
 * @cssproperty --civic-color-error - Errors (default #d4351c).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-color-border - Borders (default #505a5f).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 */
export class CivicDebate extends CivicElement implements DebateHost {
  static override styles = [...CivicElement.styles, uiStyles, styles];
  static override messages = [...CivicElement.messages, debateMessages];
  static override properties = {
    subject: {},
    sort: {},
    limit: { type: Number },
    phase: state,
    threads: state,
    shown: state,
    waiting: state,
    chosen: state,
    loadingMore: state,
    moreProblem: state,
  };

  subject: string | undefined;
  sort: string | undefined;
  limit: number | undefined;

  private phase: 'loading' | 'ready' | 'error' = 'loading';
  private problem: unknown;
  /** The order chosen with "Sort by" (else `sort`). */
  private chosen: CommentSort | undefined;
  private total = 0;
  private summary: DebateSummary | undefined;
  // Internal state the chunks (forms.ts, live.ts) read and change: see host.ts.
  /** @internal */ threads: CommentThread[] = [];
  /** @internal Threads shown (all those loaded). */ shown = 0;
  /** @internal New comments from the stream, behind the "Show N new comments" button. */ waiting: Comment[] = [];
  /** @internal */ nextCursor: string | null = null;
  /** @internal */ lastEventId = '';
  /** @internal */ loadingMore = false;
  /** @internal */ moreProblem: string | undefined;
  /** @internal */ readonly voting = new Set<string>();
  /** @internal */ readonly problems = new Map<string, string>();
  /** @internal What the reader may do here. */ you: CommentPage['you'] | undefined;

  readonly #announcer = new LiveAnnouncer(this);
  #loadedFor = '';
  #generation = 0;
  #controller: AbortController | undefined;
  #frame: number | undefined;
  #focus: { id: string; until: number } | undefined;
  #forms: Forms | undefined;
  #formsLoading: Promise<Forms> | undefined;
  #live: Live | undefined;
  #liveFor = '';
  #view: View | undefined;
  /** Builds threads as DOM nodes (thread-view.ts), once the view chunk is here. */
  #buildThread: ((view: ThreadView, thread: CommentThread) => HTMLElement) | undefined;
  /** What had focus when an update began (see updated()). */
  #focused: string | undefined;

  get subjectKey(): string {
    return this.subject?.trim() || `page:${location.origin}${location.pathname}`;
  }

  get commentsPath(): string {
    return `/v1/orgs/${encodeURIComponent(this.resolvedOrg)}/comments`;
  }

  get order(): CommentSort {
    return this.chosen ?? (SORTS.includes(this.sort as CommentSort) ? (this.sort as CommentSort) : 'best');
  }

  get signal(): AbortSignal | undefined {
    return this.#controller?.signal;
  }

  /** The live stream in use, if any (for tests). */
  get stream(): EventSource | undefined {
    return this.#live?.source;
  }

  text(key: string, params?: Record<string, string | number>): string {
    return this.t(key, params);
  }

  errorText(error: unknown): string {
    return errorMessage(error, this.localize);
  }

  announce(message: string): void {
    this.#announcer.announce(message);
  }

  reload(): void {
    void this.#load();
  }

  focusSoon(id: string): void {
    this.#focus = { id, until: Date.now() + 5000 };
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#hashChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#hashChanged);
    this.#controller?.abort();
    this.#live?.close();
    this.#live = undefined;
    this.#liveFor = this.#loadedFor = '';
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#focused = (this.renderRoot as ShadowRoot | undefined)?.activeElement?.id || undefined;
    const wanted = JSON.stringify([this.resolvedApi, this.resolvedOrg, this.session?.user?.id ?? '', this.subjectKey, this.order, this.limit]);
    if (wanted !== this.#loadedFor && this.isConnected) {
      this.#loadedFor = wanted;
      void this.#load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.session?.signedIn && this.phase === 'ready' && !customElements.get('civic-sign-in')) void import('@civic-elements/sign-in/define.js');
    // A comment built again (its state changed) replaces the old one: focus goes back to the same
    // button or field in it, found by id.
    const root = this.renderRoot as ShadowRoot;
    this.#placeThreads(root);
    if (this.#focused && !root.activeElement) root.getElementById(this.#focused)?.focus({ preventScroll: true });
    this.#settle();
    const focus = this.#focus;
    if (focus) {
      const target = (this.renderRoot as ShadowRoot).getElementById(focus.id);
      if (target) {
        target.focus();
        target.scrollIntoView?.({ block: 'nearest' });
      }
      if (target || Date.now() > focus.until) this.#focus = undefined;
    }
  }

  /** The forms, votes, pagination and permalinks: a chunk loaded after the first page. */
  #forms$(): Promise<Forms> {
    this.#formsLoading ??= import('./forms.js').then((module) => {
      this.#forms = module.createForms(this);
      this.requestUpdate();
      return this.#forms;
    });
    return this.#formsLoading;
  }

  /** The first page (with the summary and the stream position); then the live stream, and the permalink's comment if the address has one. */
  async #load(): Promise<void> {
    this.#generation++;
    this.#controller?.abort();
    const generation = this.#generation;
    const controller = (this.#controller = new AbortController());
    this.phase = 'loading';
    this.moreProblem = undefined;
    try {
      if (!this.resolvedApi || !this.resolvedOrg) throw new ApiError(404, 'org_not_found', 'No api or org');
      const [page, view] = await Promise.all([
        this.client.get<CommentPage>(this.commentsPath, {
          query: { subject: this.subjectKey, sort: this.order, limit: this.limit },
          signal: controller.signal,
        }),
        loadView(),
      ]);
      if (generation !== this.#generation) return;
      this.#view = view;
      this.#buildThread ??= view.threadBuilder();
      this.threads = page.items;
      this.shown = page.items.length;
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      this.summary = page.summary;
      this.you = page.you;
      this.waiting = [];
      this.phase = 'ready';
      const liveFor = this.resolvedApi + ' ' + this.resolvedOrg + ' ' + this.subjectKey;
      if (liveFor !== this.#liveFor) {
        this.#liveFor = liveFor;
        this.lastEventId = page.lastEventId ?? '';
        const { connect } = await import('./live.js');
        if (generation !== this.#generation || !this.isConnected) return;
        this.#live?.close();
        this.#live = connect(this);
      }
      const forms = await this.#forms$();
      if (generation === this.#generation) void forms.follow(true);
    } catch (error) {
      if (generation !== this.#generation || (error instanceof ApiError && error.code === 'aborted')) return;
      this.phase = 'error';
      this.problem = error;
      this.announce(this.errorText(error));
    }
  }

  readonly #hashChanged = (): void => void this.#forms?.follow(false);

  /** A person pressed a button of a comment, "Show more", or a vote: the chunk does it (once it has arrived). */
  #do(what: (forms: Forms) => unknown): void {
    void this.#forms$().then(what);
  }

  // ─── Rendering ──────────────────────────────────────────────────────────────────────────────────

  protected renderContent(): unknown {
    const phase = this.phase;
    const empty = phase === 'ready' && this.threads.length === 0;
    return html`${this.#announcer.render()}
      <slot name="heading"><h2 class="heading" part="heading">${this.t('debate.heading')}</h2></slot>
      ${this.summary && this.summary.total > 0 && this.#view ? this.#view.renderSummary(this.#threadView(), this.summary) : nothing}
      ${phase === 'ready' ? this.#renderCompose() : nothing}
      ${phase === 'loading' && !this.threads.length ? html`<p class="loading" part="loading">${this.t('debate.loading')}</p>` : nothing}
      ${phase === 'error'
        ? html`<div class="problem" part="error"><p>${this.errorText(this.problem)}</p>
            <button type="button" class="button button--secondary" part="button retry" @click=${() => void this.#load()}>${this.t('debate.retry')}</button></div>`
        : nothing}
      ${this.threads.length && this.#buildThread ? this.#renderThreads(phase === 'loading') : nothing}
      <div class="empty" part="empty" ?hidden=${!empty}><slot name="empty">${empty ? html`<p>${this.t('debate.empty')}</p>` : nothing}</slot></div>
      ${this.#forms?.dialog() ?? nothing}`;
  }

  #renderCompose(): unknown {
    if (!this.session?.signedIn) {
      return html`<div class="signed-out" part="signed-out"><p>${this.t('debate.signed-out')}</p>
        <civic-sign-in compact api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in></div>`;
    }
    if (this.you && !this.you.canComment) return html`<p class="notice" part="notice">${this.you.reason ?? this.t('debate.cannot')}</p>`;
    return html`<div class="compose" part="compose">${this.#forms?.compose() ?? html`<p class="loading" part="loading">${this.t('debate.form.loading')}</p>`}</div>`;
  }

  #threadView(): ThreadView {
    const forms = this.#forms;
    const lang = this.localize.lang;
    // Words said once per render: 500 comments ask for "Reply" and "0 down votes" hundreds of times,
    // and plural rules and number formats are slow to ask.
    const said = new Map<string, string>();
    return {
      host: this,
      t: (key, params) => {
        const id = params ? `${key} ${Object.values(params).join(' ')}` : key;
        let words = said.get(id);
        if (words === undefined) said.set(id, (words = translate(lang, key, params)));
        return words;
      },
      lang,
      signedIn: !!this.session?.signedIn,
      voting: this.voting,
      problems: this.problems,
      vote: (comment, value) => this.#do((chunk) => chunk.vote(comment, value)),
      act: (comment, action) => this.#do((chunk) => chunk.open(comment, action)),
      moreReplies: (thread) => this.#do((chunk) => chunk.moreReplies(thread)),
      below: (comment) => forms?.below(comment) ?? nothing,
      editing: (comment) => forms?.editing === comment.id,
    };
  }

  /**
   * The threads' list items in order (thread-view.ts builds them as DOM nodes, not templates): an item
   * already in its place stays, so a new thread at the top moves nothing and nothing loses focus.
   */
  #placeThreads(root: ShadowRoot): void {
    const list = root.querySelector('.threads');
    if (!list || !this.#buildThread) return;
    const view = this.#threadView();
    const items = this.threads.slice(0, this.shown).map((thread) => this.#buildThread!(view, thread));
    items.forEach((item, at) => list.children[at] !== item && list.insertBefore(item, list.children[at] ?? null));
    while (list.children.length > items.length) list.lastElementChild!.remove();
  }

  /**
   * Every thread is in the DOM at once, but off-screen threads wait to be laid out
   * (`content-visibility: auto` on `.item.later`), so that 500 comments show in one frame. Chromium
   * leaves the threads it skips out of the accessibility tree, where a screen reader's list of buttons
   * would miss them; so they are then laid out, a few a frame, from the top, and stay laid out.
   */
  #settle(): void {
    if (this.#frame !== undefined) return;
    const later = (this.renderRoot as ShadowRoot).querySelectorAll('.threads > .later');
    if (!later.length) return;
    // After the frame is painted (a task after the frame), so that the first screen shows first.
    this.#frame = requestAnimationFrame(() =>
      setTimeout(() => {
        this.#frame = undefined;
        if (!this.isConnected) return;
        for (const item of [...later].slice(0, SETTLE_BATCH)) item.classList.remove('later');
        this.#settle();
      }),
    );
  }

  #renderThreads(refreshing: boolean): TemplateResult {
    const count = this.waiting.length;
    return html`<div class="toolbar" part="toolbar">
        <p class="count">${this.t('debate.count', { count: this.summary?.total ?? this.total })}</p>
        <label class="sort"><span>${this.t('debate.sort')}</span>
          <select class="input select" part="sort" @change=${(event: Event) => (this.chosen = (event.target as HTMLSelectElement).value as CommentSort)}>
            ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === this.order}>${this.t(`debate.sort.${sort}`)}</option>`)}
          </select></label>
      </div>
      ${count ? html`<button type="button" class="button button--secondary new" part="button new" @click=${() => this.#live?.showNew()}>${this.t('debate.new', { count })}</button>` : nothing}
      <ul class="threads" part="list" aria-busy=${refreshing ? 'true' : 'false'}></ul>
      ${this.moreProblem ? html`<p class="error-message" part="error">${this.moreProblem}</p>` : nothing}
      ${this.nextCursor
        ? html`<button type="button" id="more" class="button button--secondary" part="button more" aria-disabled=${this.loadingMore ? 'true' : nothing}
            @click=${() => this.#do((chunk) => chunk.more())}>${this.t(this.loadingMore ? 'debate.more.loading' : 'debate.more')}</button>`
        : nothing}`;
  }
}
