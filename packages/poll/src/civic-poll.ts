// <civic-poll>: a poll's options and ballot (single, multiple, approval, score, ranked), casting and
// changing a ballot with a receipt, checking a receipt, and results that update live.
import { html, nothing, type CSSResult, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, CivicElement, LiveAnnouncer, errorMessage, formatDate, registerMessages, uiStyles } from '@civic-elements/core';
import type { BallotReceipt, MyBallot, Poll, PollResults } from '@civic-elements/protocol';
import { choicesOf, optionList } from './ballot.js';
import { styles } from './civic-poll.styles.js';
import { CivicBallotCastEvent } from './events.js';
import type { PollHost } from './host.js';
import { pollMessages } from './messages.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };

// The heavier parts are chunks, loaded when a poll needs them (their English words come with them).
const chunks = {
  form: () => import('./ballot-form.js'),
  ranked: () => import('./ranked.js'),
  results: () => import('./results.js'),
  receipts: () => import('./receipts.js'),
  consultation: () => import('./consultation.js'),
};
type Chunks = { [K in keyof typeof chunks]: Awaited<ReturnType<(typeof chunks)[K]>> };
type Live = ReturnType<typeof import('./live.js').connect>;
let words$: Promise<void> | undefined;
const words = () => (words$ ??= import('./messages-more.js').then((module) => registerMessages('en', module.en)));

/**
 * A poll: its question, options (with a description, a picture and a place on the map), the ballot of
 * its kind, and its results. Single choice is a radio group; multiple choice and approval are
 * checkboxes (with a live count for multiple choice); score is a 0–5 radio group per option; ranked is
 * an ordered list with "Move up" and "Move down" buttons, dragging, equal ranks and unranked options.
 * A cast ballot gives a receipt code, shown once, that anyone can check against the published ballot
 * set; a ballot can be changed until the poll closes. Results show as an SVG chart with a table
 * alternative (ranked polls: the Schulze ranking, ties included, the pairwise matrix and the strongest
 * paths), update live while the poll shows them, and the anonymised ballots download as CSV and JSON.
 *
 * @summary A poll: ballot, receipt, and live results.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr poll - The poll's id.
 * @attr consultation - A consultation's id (instead of `poll`): whichever phase it is in (see docs/elements/civic-poll.md).
 *
 * @slot heading - Replaces the heading (the poll's title).
 *
 * @event {CivicBallotCastEvent} civic-ballot-cast - A person cast or changed their ballot; `event.detail` `{ pollId, changed }`.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart heading - The poll's title.
 * @csspart status-line - Whether voting is open, and the turnout.
 * @csspart description - The poll's description.
 * @csspart options - The list of options (when not voting); `option` each, `option-more`, `option-description`, `option-image`, `option-map` their pieces.
 * @csspart ballot - The ballot form; `legend`, `hint`, `choice`, `count`, `score`, `error`, `error-summary` its pieces.
 * @csspart ranking - The ranked ballot's list; `rank-item` each ranked option, `rank` its number, `grip` its drag handle, `tie` its "same rank" box, `unranked` the options not ranked.
 * @csspart receipt - The receipt panel after casting; `receipt-code` the code.
 * @csspart voted - "You have voted", with the ballot counted.
 * @csspart results - The results; `chart`, `table`, `ranking-result`, `matrix`, `paths`, `downloads` their pieces.
 * @csspart check - "Check a receipt"; `check-result` its answer.
 * @csspart signed-out - The sign-in prompt.
 * @csspart notice - Why the reader cannot vote, or when results come.
 * @csspart loading - "Loading…" text.
 * @csspart error - A problem, next to what it concerns.
 * @csspart button - Every button; also `retry`, `cast`, `cancel`, `change`, `add`, `remove`, `up`, `down`, `copy`, `check`, `table-toggle`.
 * @csspart status - The visually hidden live region.
 * @csspart phases - A consultation's phases (an ordered list); `phase` each, the current one with `aria-current="step"`.
 * @csspart you - What the reader may do in a consultation; `vote` its ranked vote, `outcome` its result once closed.
 * @csspart proposal - A consultation's proposal (in `proposals`); `proposal-title`, `proposal-summary`, `count`, `progress`, `discuss`, `suggestions`, `suggestion`, `suggestion-form`, `revise` its pieces; `propose` the form to propose one.
 *
 * @cssproperty --civic-poll-bar-color - The bars of the results chart (default: the primary colour).
 * @cssproperty --civic-poll-winner-color - The winners' bars (default #00703c).
 * @cssproperty --civic-color-primary - Buttons and links (default #1d70b8).
 * @cssproperty --civic-color-primary-text - Text on primary buttons (default #ffffff).
 * @cssproperty --civic-color-text - Text (default #0b0c0c).
 * @cssproperty --civic-color-background - Backgrounds (default #ffffff).
 * @cssproperty --civic-color-muted - Secondary text (default #505a5f).
 * @cssproperty --civic-color-error - Errors (default #d4351c).
 * @cssproperty --civic-color-success - The receipt panel's edge (default #00703c).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-color-border - Borders (default #505a5f).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 */
export class CivicPoll extends CivicElement implements PollHost {
  static override styles = [...CivicElement.styles, uiStyles, styles];
  static override messages = [...CivicElement.messages, pollMessages];
  static override properties = {
    poll: {},
    consultation: {},
    vote: state,
    phase: state,
    pollInfo: state,
    mine: state,
    choices: state,
    editing: state,
    busy: state,
    errors: state,
    receipt: state,
    results: state,
  };

  /** The poll's id. */
  poll: string | undefined;
  /** A consultation's id (instead of `poll`). */
  consultation: string | undefined;
  /** @internal The consultation's vote (its poll), from the voting phase on. */ vote: string | undefined;

  /** @internal */ pollInfo: Poll | undefined;
  /** @internal */ mine: MyBallot | undefined;
  /** @internal */ results: PollResults | undefined;
  /** @internal */ choices: Record<string, number> = {};
  /** @internal */ ranking: string[] = [];
  /** @internal */ ties = new Set<string>();
  /** @internal */ lastEventId = '';
  private phase: 'loading' | 'ready' | 'error' = 'loading';
  private problem: unknown;
  /** Changing a ballot already cast. */
  private editing = false;
  private busy = false;
  /** Why the ballot was refused: `ballot` for the whole of it, `scores.<id>` for one option. */
  private errors: Record<string, string> = {};
  /** The receipt of the ballot cast here (shown until the element leaves the page). */
  private receipt: BallotReceipt | undefined;

  readonly #announcer = new LiveAnnouncer(this);
  readonly #chunks: Partial<Chunks> = {};
  #loadedFor = '';
  #choicesFor = '';
  #generation = 0;
  #controller: AbortController | undefined;
  #live: Live | undefined;
  /** The poll whose stream is open. */
  #liveFor = '';
  #focus: { id: string; until: number } | undefined;
  #adopted = new Set<CSSResult>();
  #view: { render(): unknown } | undefined;

  get pollPath(): string {
    return `/v1/orgs/${encodeURIComponent(this.resolvedOrg)}/polls/${encodeURIComponent(this.#pollId)}`;
  }

  get #pollId(): string {
    return (this.consultation ? this.vote : this.poll)?.trim() ?? '';
  }

  /** The live stream in use, if any (for tests). */
  get stream(): EventSource | undefined {
    return this.#live?.source;
  }

  text(key: string, params?: Record<string, string | number>): string {
    return this.t(key, params);
  }

  errorText(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.code === 'not_found') return this.t('poll.not-found');
      // The API says why in a resident's words (who may vote, when it opens or closed).
      if (error.code === 'not_eligible' || error.code === 'poll_not_open') return error.message;
    }
    return errorMessage(error, this.localize);
  }

  announce(message: string): void {
    this.#announcer.announce(message);
  }

  focusSoon(id: string): void {
    this.#focus = { id, until: Date.now() + 5000 };
    this.requestUpdate();
  }

  adopt(styles: CSSResult): void {
    const root = this.renderRoot as ShadowRoot;
    if (this.#adopted.has(styles) || !styles.styleSheet) return;
    this.#adopted.add(styles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
  }

  refresh(): void {
    void this.#load(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
    this.#live?.close();
    this.#live = undefined;
    this.#loadedFor = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.consultation && !this.#view) void this.#need('consultation').then((module) => (this.#view ??= new module.ConsultationView(this)));
    const wanted = JSON.stringify([this.resolvedApi, this.resolvedOrg, this.session?.user?.id ?? '', this.#pollId]);
    if (wanted !== this.#loadedFor && this.isConnected && (!this.consultation || this.vote)) {
      this.#loadedFor = wanted;
      void this.#load(false);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.phase === 'ready' && !this.session?.signedIn && !customElements.get('civic-sign-in')) void import('@civic-elements/sign-in/define.js');
    const focus = this.#focus;
    if (focus) {
      const target = (this.renderRoot as ShadowRoot).getElementById(focus.id);
      target?.focus();
      if (target || Date.now() > focus.until) this.#focus = undefined;
    }
  }

  /** A chunk (and the chunks' words), once. */
  async #need<K extends keyof Chunks>(name: K): Promise<Chunks[K]> {
    const [module] = await Promise.all([chunks[name](), words()]);
    if (!this.#chunks[name]) {
      this.#chunks[name] = module as Chunks[K];
      this.requestUpdate();
    }
    return module as Chunks[K];
  }

  /**
   * The poll (with what the reader may do), then together: the reader's ballot if they voted, the
   * results if they may see them, and the chunks these need; the live stream while the poll is open.
   * `quiet` keeps what is shown while it reloads (after a vote, or when the stream says the poll changed).
   */
  async #load(quiet: boolean): Promise<void> {
    const generation = ++this.#generation;
    this.#controller?.abort();
    const { signal } = (this.#controller = new AbortController());
    if (!quiet) this.phase = 'loading';
    try {
      if (!this.resolvedApi || !this.resolvedOrg || !this.#pollId) throw new ApiError(404, 'org_not_found', 'No api, org or poll');
      const path = this.pollPath;
      // The ballot form is read together with the poll when the reader may be able to vote.
      if (this.session?.signedIn) void this.#need('form').catch(() => undefined);
      const info = await this.client.get<Poll>(path, { signal });
      const you = info.you;
      const [, mine, results] = await Promise.all([
        you?.canVote ? this.#need('form') : undefined,
        you?.voted ? this.client.get<MyBallot>(path + '/ballot', { signal }) : undefined,
        you?.canSeeResults ? this.client.get<PollResults>(path + '/results', { signal }) : undefined,
        info.kind === 'ranked' ? this.#need('ranked') : undefined,
        you?.canSeeResults ? this.#need('results') : undefined,
        you?.voted ? this.#need('receipts') : undefined,
      ]);
      if (generation !== this.#generation) return;
      // A new poll or reader starts afresh, from their ballot as cast (or an empty one); a reload keeps
      // what is being filled in, and the receipt shown.
      const choicesFor = path + ' ' + (this.session?.user?.id ?? '');
      const fresh = choicesFor !== this.#choicesFor;
      if (fresh) {
        this.#choicesFor = choicesFor;
        this.receipt = this.results = undefined;
        this.editing = false;
        this.errors = {};
      }
      if (fresh || (!this.editing && mine?.ballot)) this.#useChoices(info, mine?.ballot ? choicesOf(mine.ballot) : {});
      if (results && !this.results) this.lastEventId = results.lastEventId ?? '';
      this.pollInfo = info;
      this.mine = mine;
      this.results = results;
      this.phase = 'ready';
      if (info.status !== 'open' || this.#liveFor !== info.id) {
        this.#live?.close();
        this.#live = undefined;
      }
      if (info.status === 'open' && !this.#live) {
        const { connect } = await import('./live.js');
        if (generation !== this.#generation || !this.isConnected || this.#live) return;
        this.#liveFor = info.id;
        this.#live = connect(this);
      }
    } catch (error) {
      if (generation !== this.#generation || (error instanceof ApiError && error.code === 'aborted')) return;
      this.phase = 'error';
      this.problem = error;
      this.announce(this.errorText(error));
    }
  }

  #useChoices(info: Poll, choices: Record<string, number>): void {
    this.choices = choices;
    if (info.kind === 'ranked') this.#chunks.ranked?.arrange(this, info);
  }

  /** Casts (or changes) the ballot; the choices stay whatever the answer. */
  async #cast(event: Event): Promise<void> {
    event.preventDefault();
    const info = this.pollInfo;
    const form = this.#chunks.form;
    if (this.busy || !info || !form) return;
    const problem = form.ballotProblem(this, info);
    this.errors = problem ? { ballot: problem } : {};
    if (problem) return this.focusSoon('error-summary');
    this.busy = true;
    try {
      const receipt = await this.client.request<BallotReceipt>('PUT', this.pollPath + '/ballot', { body: form.ballotOf(info, this.choices) });
      await this.#need('receipts');
      const now = new Date().toISOString();
      this.receipt = receipt;
      this.mine = { voted: true, votedAt: this.mine?.votedAt ?? now, changedAt: receipt.changed ? now : null, ballot: receipt.ballot };
      this.editing = false;
      this.focusSoon('receipt');
      this.dispatchEvent(new CivicBallotCastEvent(info.id, receipt.changed));
      void this.#load(true);
    } catch (error) {
      // The API's words for what is wrong: a score next to its option, anything else next to the ballot.
      const fields = Object.entries(error instanceof ApiError ? error.fields : {});
      const scores = fields.filter(([field]) => field.startsWith('scores.'));
      const other = fields.find(([field]) => !field.startsWith('scores.'));
      const errors: Record<string, string> = Object.fromEntries(scores);
      if (other || !scores.length) errors['ballot'] = other?.[1] ?? this.errorText(error);
      this.errors = errors;
      this.focusSoon('error-summary');
      if (error instanceof ApiError && (error.code === 'not_eligible' || error.code === 'poll_not_open')) void this.#load(true);
    } finally {
      this.busy = false;
    }
  }

  #edit(on: boolean): void {
    this.editing = on;
    this.errors = {};
    // Back to the ballot as cast when the change is given up.
    if (!on && this.mine?.ballot && this.pollInfo) this.#useChoices(this.pollInfo, choicesOf(this.mine.ballot));
    this.focusSoon(on ? 'ballot' : 'change');
  }

  // ─── Rendering ──────────────────────────────────────────────────────────────────────────────────

  protected renderContent(): unknown {
    return html`${this.#announcer.render()}${this.consultation ? (this.#view?.render() ?? html`<p class="loading" part="loading">${this.t('poll.part.loading')}</p>`) : this.pollPart()}`;
  }

  /** @internal The poll: its heading (not in a consultation's vote), status, ballot, results and receipts. */
  pollPart(): unknown {
    const info = this.pollInfo;
    const { receipts, results } = this.#chunks;
    return html`${this.consultation ? nothing : html`<slot name="heading">${info ? html`<h2 class="heading" part="heading">${info.title}</h2>` : nothing}</slot>`}
      ${this.phase === 'loading' && !info ? html`<p class="loading" part="loading">${this.t('poll.loading')}</p>` : nothing}
      ${this.phase === 'error'
        ? html`<div class="problem" part="error"><p>${this.errorText(this.problem)}</p>
            <button type="button" class="button button--secondary" part="button retry" @click=${() => void this.#load(false)}>${this.t('poll.retry')}</button></div>`
        : nothing}
      ${info && this.phase !== 'error'
        ? html`<p class="status-line" part="status-line">${this.#statusText(info)}</p>
            ${info.description ? html`<p class="description" part="description">${info.description}</p>` : nothing}
            ${this.#renderVote(info)}
            ${this.results && results ? results.renderResults(this, this.results) : info.you?.canSeeResults ? nothing : this.#resultsLater(info)}
            <details class="check" part="check" @toggle=${(event: Event) => (event.target as HTMLDetailsElement).open && void this.#need('receipts')}>
              <summary>${this.t('poll.check')}</summary>
              ${receipts ? receipts.renderCheck(this, info) : html`<p class="hint" part="loading">${this.t('poll.part.loading')}</p>`}
            </details>`
        : nothing}`;
  }

  #date(iso: string): string {
    return formatDate(this.resolvedLang, iso, { dateStyle: 'long', timeStyle: 'short' });
  }

  #statusText(info: Poll): string {
    let status: string;
    if (info.status === 'draft') status = this.t('poll.status.draft');
    else if (info.status === 'closed') status = info.closedAt ? this.t('poll.status.closed-on', { date: this.#date(info.closedAt) }) : this.t('poll.status.closed');
    else if (!info.acceptingBallots && info.opensAt) status = this.t('poll.status.opens', { date: this.#date(info.opensAt) });
    else status = info.closesAt ? this.t('poll.status.until', { date: this.#date(info.closesAt) }) : this.t('poll.status.open');
    return info.turnout === null ? status : `${status} ${this.t('poll.turnout', { count: this.results?.turnout ?? info.turnout })}`;
  }

  #resultsLater(info: Poll): TemplateResult | typeof nothing {
    if (info.status !== 'open') return nothing;
    return html`<p class="notice" part="notice">${info.closesAt ? this.t('poll.results.later-on', { date: this.#date(info.closesAt) }) : this.t('poll.results.later')}</p>`;
  }

  #renderVote(info: Poll): unknown {
    const you = info.you;
    const accepting = info.acceptingBallots;
    if (accepting && you?.canVote && (this.editing || !this.mine?.voted)) return this.#renderBallot(info);
    const receipts = this.#chunks.receipts;
    const voted = this.mine?.voted && receipts;
    let notice: unknown = nothing;
    if (accepting && !this.session?.signedIn) {
      notice = html`<div class="signed-out" part="signed-out"><p>${this.t('poll.signed-out')}</p>
        <civic-sign-in compact api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in></div>`;
    } else if (accepting && !you?.canVote && !this.mine?.voted) {
      notice = html`<p class="notice" part="notice">${you?.reason ?? this.t('poll.cannot')}</p>`;
    }
    // A refusal that ended the ballot (the poll closed meanwhile) is still told.
    const refused = this.errors['ballot'];
    return html`${optionList(this, info)}${notice}
      ${refused ? html`<p class="error-message" part="error">${refused}</p>` : nothing}
      ${this.receipt && receipts ? receipts.renderReceipt(this, this.receipt) : nothing}
      ${voted ? receipts.renderVoted(this, info, this.mine!) : nothing}
      ${voted && accepting && you?.canVote
        ? html`<button type="button" id="change" class="button button--secondary" part="button change" @click=${() => this.#edit(true)}>${this.t('poll.change')}</button>`
        : nothing}`;
  }

  #renderBallot(info: Poll): unknown {
    const { form, ranked } = this.#chunks;
    if (!form) return html`<p class="loading" part="loading">${this.t('poll.part.loading')}</p>`;
    return form.renderBallot(this, info, {
      errors: this.errors,
      busy: this.busy,
      editing: this.editing,
      ranked: ranked?.renderRanked,
      cast: (event) => void this.#cast(event),
      cancel: () => this.#edit(false),
    });
  }
}
