// The "Comments" tab of <civic-inbox>: the moderation queue of the organisation's discussions
// (GET /v1/orgs/:org/moderation/comments): comments waiting for approval, flagged ones and hidden ones,
// each with its flags; approve, dismiss the flags, hide with a public reason, restore, and suspend the
// author from commenting for a while. The suspensions in force (to lift one) and the moderation log.
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, formatDate, type ApiClient, type LocalizeController } from '@civic-elements/core';
import type {
  Comment,
  CommentModeration,
  ModerationLogPage,
  ModerationQueueItem,
  ModerationQueuePage,
  ModerationQueueState,
  Suspension,
  SuspensionList,
} from '@civic-elements/protocol';
import { select, textarea } from './controls.js';
import { InboxSection } from './controller.js';
import { CivicCommentModeratedEvent } from './events.js';
import { problemOf, splitApiErrors } from './update-checks.js';

export interface ModerationDeps {
  client: () => ApiClient;
  /** `/v1/orgs/<slug>`. */
  orgPath: () => string;
  localize: () => LocalizeController;
  announce: (message: string) => void;
  /** The queue's size changed (for the tab's count). */
  counted: () => void;
}

const STATES: readonly ModerationQueueState[] = ['waiting', 'flagged', 'hidden'];
const PAGE = 20;
/** How long a suspension can be chosen for, in days. */
const SUSPENSION_DAYS = [1, 7, 30, 90, 365] as const;
/** The longest public reason or suspension reason the API takes. */
const REASON_MAX = 500;

type Action = CommentModeration['action'];
/** The open inline form of an item: hide (public reason) or suspend (days and reason). */
type Opened = { id: string; form: 'hide' | 'suspend' } | undefined;

export class ModerationQueue extends InboxSection<ModerationDeps> {
  state: ModerationQueueState = 'waiting';
  items: ModerationQueueItem[] = [];
  total: number | undefined;
  nextCursor: string | null = null;
  status: 'idle' | 'loading' | 'more' | 'ready' | 'error' = 'idle';
  problem = '';
  opened: Opened;
  reason = '';
  days = '7';
  errors: Record<string, string> = {};
  busy = '';
  /** The last outcome, shown above the list. */
  notice = '';
  /** Loaded when "Suspensions in force" is first opened (and again after a suspension). */
  suspensions: Suspension[] | 'loading' | undefined;
  /** Loaded each time "Moderation log" is opened. */
  log: ModerationLogPage['items'] | 'loading' | undefined;
  #controller: AbortController | undefined;

  hostDisconnected(): void {
    this.#controller?.abort();
  }

  #update(): void {
    this.host.requestUpdate();
  }

  /** Everything forgotten (another person or organisation). */
  reset(): void {
    this.#controller?.abort();
    Object.assign(this, { state: 'waiting', items: [], total: undefined, nextCursor: null, status: 'idle', problem: '', opened: undefined, notice: '', suspensions: undefined, log: undefined });
  }

  /** The first page of the queue in its state (once the tab is first shown, and on "Try again"). */
  async load(mode: 'first' | 'more' = 'first'): Promise<void> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.status = mode === 'first' ? 'loading' : 'more';
    this.#update();
    try {
      const page = await this.deps.client().get<ModerationQueuePage>(`${this.deps.orgPath()}/moderation/comments`, {
        query: { state: this.state, limit: PAGE, ...(mode === 'more' && this.nextCursor ? { cursor: this.nextCursor } : {}) },
        signal: controller.signal,
      });
      const before = this.items.length;
      this.items = mode === 'more' ? [...this.items, ...page.items.filter((i) => !this.items.some((s) => s.comment.id === i.comment.id))] : page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      this.status = 'ready';
      this.deps.counted();
      if (mode === 'more') {
        const first = this.items[before];
        if (first) this.focusNext = `#mod-${CSS.escape(first.comment.id)}`;
      }
      this.deps.announce(this.#countText());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      this.problem = problemOf(error, this.deps.localize());
      this.status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
      this.#update();
    }
  }

  #countText(): string {
    return this.t(`inbox.mod.count.${this.state}`, { count: this.total ?? this.items.length });
  }

  #choose(state: ModerationQueueState): void {
    if (state === this.state) return;
    this.state = state;
    this.opened = undefined;
    this.notice = '';
    void this.load();
  }

  #open(id: string, form: 'hide' | 'suspend'): void {
    this.opened = { id, form };
    this.reason = '';
    this.days = '7';
    this.errors = {};
    this.focusNext = `#${form}-reason`;
    this.#update();
  }

  #close(id: string): void {
    this.opened = undefined;
    this.errors = {};
    this.focusNext = `#mod-${CSS.escape(id)}`;
    this.#update();
  }

  /** An item acted on leaves the list (it no longer belongs to this state); focus goes to the next one, else the heading. */
  #remove(item: ModerationQueueItem, notice: string): void {
    const index = this.items.indexOf(item);
    this.items = this.items.filter((i) => i !== item);
    if (this.total !== undefined) this.total = Math.max(0, this.total - 1);
    const next = this.items[index] ?? this.items[index - 1];
    this.focusNext = next ? `#mod-${CSS.escape(next.comment.id)}` : '#moderation-heading';
    this.notice = notice;
    this.opened = undefined;
    this.deps.announce(notice);
    this.deps.counted();
  }

  async #moderate(item: ModerationQueueItem, action: Action, event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.busy) return;
    const reason = this.reason.trim();
    if (action === 'hide') {
      const error = reason.length < 3 ? this.t('inbox.mod.error.reason') : reason.length > REASON_MAX ? this.t('inbox.error.note-long', { count: REASON_MAX }) : '';
      if (error) return this.#refuse({ 'hide-reason': error });
    }
    this.busy = `${action}-${item.comment.id}`;
    this.#update();
    try {
      const body: CommentModeration = action === 'hide' ? { action, reason } : { action };
      const comment = await this.deps.client().post<Comment>(`${this.deps.orgPath()}/comments/${encodeURIComponent(item.comment.id)}/moderation`, body);
      this.host.dispatchEvent(new CivicCommentModeratedEvent(comment, action));
      this.#remove(item, this.t(`inbox.mod.done.${action}`, { name: this.#authorName(item.comment) }));
    } catch (error) {
      this.#failed(error, action === 'hide' ? 'hide-reason' : undefined);
    } finally {
      this.busy = '';
      this.#update();
    }
  }

  async #suspend(item: ModerationQueueItem, event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || !item.comment.author) return;
    const reason = this.reason.trim();
    const error = reason.length < 3 ? this.t('inbox.mod.error.reason-suspend') : reason.length > REASON_MAX ? this.t('inbox.error.note-long', { count: REASON_MAX }) : '';
    if (error) return this.#refuse({ 'suspend-reason': error });
    this.busy = `suspend-${item.comment.id}`;
    this.#update();
    try {
      const suspension = await this.deps.client().post<Suspension>(`${this.deps.orgPath()}/suspensions`, { userId: item.comment.author.id, days: Number(this.days), reason });
      const until = formatDate(this.deps.localize().lang, suspension.until, { dateStyle: 'long' });
      // The comment stays in the queue (it still needs a decision); the author's standing shows on each of theirs.
      for (const other of this.items) if (other.comment.author?.id === suspension.user.id) other.authorSuspendedUntil = suspension.until;
      this.suspensions = undefined;
      this.notice = this.t('inbox.mod.done.suspend', { name: suspension.user.name, date: until });
      this.deps.announce(this.notice);
      this.#close(item.comment.id);
    } catch (error) {
      this.#failed(error, 'suspend-reason');
    } finally {
      this.busy = '';
      this.#update();
    }
  }

  #refuse(errors: Record<string, string>): void {
    this.errors = errors;
    this.deps.announce(Object.values(errors).join('. '));
    this.focusNext = `#${Object.keys(errors)[0]}`;
    this.#update();
  }

  #failed(error: unknown, control: string | undefined): void {
    const { errors, problem } = splitApiErrors(error, (path) => (path === 'reason' ? control : undefined));
    const message = problem || Object.values(errors)[0] || problemOf(error, this.deps.localize());
    if (control) this.#refuse({ [control]: Object.keys(errors).length ? errors[control]! : message });
    else {
      this.notice = message;
      this.deps.announce(message);
    }
  }

  async #loadSuspensions(): Promise<void> {
    this.suspensions = 'loading';
    this.#update();
    try {
      this.suspensions = (await this.deps.client().get<SuspensionList>(`${this.deps.orgPath()}/suspensions`)).items;
    } catch (error) {
      this.notice = problemOf(error, this.deps.localize());
      this.suspensions = [];
    }
    this.#update();
  }

  async #lift(suspension: Suspension): Promise<void> {
    if (this.busy) return;
    this.busy = `lift-${suspension.id}`;
    this.#update();
    try {
      await this.deps.client().request('DELETE', `${this.deps.orgPath()}/suspensions/${encodeURIComponent(suspension.id)}`);
      if (Array.isArray(this.suspensions)) this.suspensions = this.suspensions.filter((s) => s.id !== suspension.id);
      for (const item of this.items) if (item.comment.author?.id === suspension.user.id) item.authorSuspendedUntil = null;
      this.notice = this.t('inbox.mod.done.lift', { name: suspension.user.name });
      this.deps.announce(this.notice);
      this.focusNext = '#suspensions-summary';
    } catch (error) {
      this.notice = problemOf(error, this.deps.localize());
    } finally {
      this.busy = '';
      this.#update();
    }
  }

  async #loadLog(): Promise<void> {
    this.log = 'loading';
    this.#update();
    try {
      this.log = (await this.deps.client().get<ModerationLogPage>(`${this.deps.orgPath()}/moderation/log`, { query: { limit: 30 } })).items;
    } catch (error) {
      this.notice = problemOf(error, this.deps.localize());
      this.log = [];
    }
    this.#update();
  }

  #authorName(comment: Comment): string {
    return comment.author?.name ?? this.t('inbox.mod.deleted-author');
  }

  // ─── Rendering ─────────────────────────────────────────────────────────────────────────────────

  render(): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    return html`<h3 id="moderation-heading" class="subheading" tabindex="-1">${t('inbox.mod.heading')}</h3>
      <p class="lead">${t('inbox.mod.lead')}</p>
      <fieldset class="fieldset mod-states" part="filters">
        <legend class="legend">${t('inbox.mod.show')}</legend>
        <div class="radios radios--inline">
          ${STATES.map((state) => html`<div class="choice">
            <input id="mod-state-${state}" class="choice__input" type="radio" name="mod-state" .checked=${this.state === state}
              @change=${() => this.#choose(state)} />
            <label class="choice__label" for="mod-state-${state}">${t(`inbox.mod.state.${state}`)}</label>
          </div>`)}
        </div>
      </fieldset>
      ${this.notice ? html`<div class="notice" part="notice"><p>${this.notice}</p></div>` : nothing}
      ${this.status === 'loading' ? html`<p class="lead" role="status">${t('inbox.list.loading')}</p>` : nothing}
      ${this.status === 'error'
        ? html`<div class="notice notice--problem" part="notice"><p>${this.problem}</p>
            <button class="button button--secondary" part="button" type="button" @click=${() => void this.load()}>${t('inbox.retry')}</button></div>`
        : nothing}
      ${this.status === 'ready' || this.status === 'more'
        ? this.items.length
          ? html`<p class="count">${this.#countText()}</p>
              <ol class="queue" part="queue">${this.items.map((item) => html`<li>${this.#renderItem(item)}</li>`)}</ol>
              ${this.nextCursor
                ? html`<button class="button button--secondary" part="button" type="button" aria-disabled=${this.status === 'more' ? 'true' : nothing}
                    @click=${() => this.status !== 'more' && void this.load('more')}>${t('inbox.mod.more')}</button>`
                : nothing}`
          : html`<p class="empty" part="empty">${t(`inbox.mod.empty.${this.state}`)}</p>`
        : nothing}
      ${this.#renderSuspensions()} ${this.#renderLog()}`;
  }

  #renderItem(item: ModerationQueueItem): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const { comment } = item;
    const id = comment.id;
    const localize = this.deps.localize();
    const busy = (action: string) => this.busy === `${action}-${id}`;
    const button = (action: Action, variant = 'secondary') => html`<button class="button button--${variant}" part="button" type="button"
      aria-disabled=${busy(action) ? 'true' : nothing} @click=${() => void this.#moderate(item, action)}>${t(`inbox.mod.action.${action}`)}</button>`;
    const opened = this.opened?.id === id ? this.opened.form : undefined;
    const where = item.subjectTitle;
    return html`<article class="queue-item" part="queue-item" aria-labelledby="mod-${id}">
      <h4 id="mod-${id}" class="queue-item__title" tabindex="-1">${t('inbox.mod.item', { name: this.#authorName(comment), where })}</h4>
      <p class="muted">${t(`inbox.mod.stance.${comment.stance}`)} · <time datetime=${comment.createdAt}>${formatDate(localize.lang, comment.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>${
        comment.official ? html` · ${t('inbox.mod.official', { name: comment.official.department ?? comment.official.organisation })}` : nothing}</p>
      <blockquote class="queue-item__body" part="comment-body">${comment.body}</blockquote>
      ${comment.status === 'hidden' && comment.hiddenReason ? html`<p class="muted">${t('inbox.mod.hidden-reason', { reason: comment.hiddenReason })}</p>` : nothing}
      ${item.flags.length
        ? html`<h5 class="queue-item__subheading">${t('inbox.mod.flags', { count: item.flags.length })}</h5>
            <ul class="queue-item__flags">${item.flags.map((flag) => html`<li>${t(`inbox.mod.reason.${flag.reason}`)}${flag.note ? html`: ${flag.note}` : nothing}</li>`)}</ul>`
        : nothing}
      ${item.authorSuspendedUntil
        ? html`<p class="notice" part="notice">${t('inbox.mod.suspended', { name: this.#authorName(comment), date: formatDate(localize.lang, item.authorSuspendedUntil, { dateStyle: 'long' }) })}</p>`
        : nothing}
      <div class="queue-item__actions" part="actions">
        ${comment.status === 'pending' ? button('approve', 'primary') : nothing}
        ${comment.status === 'published' && item.flags.length ? button('dismiss') : nothing}
        ${comment.status === 'hidden' ? button('restore') : nothing}
        ${comment.status !== 'hidden' && comment.status !== 'deleted'
          ? html`<button class="button button--warning" part="button" type="button" aria-expanded=${String(opened === 'hide')}
              @click=${() => (opened === 'hide' ? this.#close(id) : this.#open(id, 'hide'))}>${t('inbox.mod.action.hide-open')}</button>`
          : nothing}
        ${comment.author && !item.authorSuspendedUntil
          ? html`<button class="button button--secondary" part="button" type="button" aria-expanded=${String(opened === 'suspend')}
              @click=${() => (opened === 'suspend' ? this.#close(id) : this.#open(id, 'suspend'))}>${t('inbox.mod.action.suspend-open', { name: comment.author.name })}</button>`
          : nothing}
      </div>
      ${opened === 'hide' ? this.#renderHide(item) : nothing}
      ${opened === 'suspend' ? this.#renderSuspend(item) : nothing}
    </article>`;
  }

  #renderHide(item: ModerationQueueItem): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    return html`<form class="action-form" part="action-form" novalidate @submit=${(event: Event) => void this.#moderate(item, 'hide', event)}>
      ${textarea({ id: 'hide-reason', label: t('inbox.mod.hide.reason'), hint: t('inbox.mod.hide.reason.hint'), errorPrefix: t('core.error.prefix'),
        error: this.errors['hide-reason'], value: this.reason, maxlength: REASON_MAX, onInput: (reason) => { this.reason = reason; } })}
      <div class="button-group">
        <button class="button button--warning" part="button" type="submit" aria-disabled=${this.busy ? 'true' : nothing}>${t('inbox.mod.action.hide')}</button>
        <button class="button button--secondary" part="button" type="button" @click=${() => this.#close(item.comment.id)}>${t('inbox.mod.cancel')}</button>
      </div>
    </form>`;
  }

  #renderSuspend(item: ModerationQueueItem): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const name = this.#authorName(item.comment);
    return html`<form class="action-form" part="action-form" novalidate @submit=${(event: Event) => void this.#suspend(item, event)}>
      ${select({ id: 'suspend-days', label: t('inbox.mod.suspend.days', { name }), errorPrefix: t('core.error.prefix'), value: this.days,
        onInput: (days) => { this.days = days; }, options: SUSPENSION_DAYS.map((days) => ({ value: String(days), label: t('inbox.mod.suspend.for', { count: days }) })) })}
      ${textarea({ id: 'suspend-reason', label: t('inbox.mod.suspend.reason'), hint: t('inbox.mod.suspend.reason.hint'), errorPrefix: t('core.error.prefix'),
        error: this.errors['suspend-reason'], value: this.reason, maxlength: REASON_MAX, onInput: (reason) => { this.reason = reason; } })}
      <div class="button-group">
        <button class="button button--warning" part="button" type="submit" aria-disabled=${this.busy ? 'true' : nothing}>${t('inbox.mod.action.suspend', { name })}</button>
        <button class="button button--secondary" part="button" type="button" @click=${() => this.#close(item.comment.id)}>${t('inbox.mod.cancel')}</button>
      </div>
    </form>`;
  }

  #renderSuspensions(): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const localize = this.deps.localize();
    return html`<details class="disclosure" part="suspensions" @toggle=${(event: Event) => {
        if ((event.target as HTMLDetailsElement).open && this.suspensions === undefined) void this.#loadSuspensions();
      }}>
      <summary id="suspensions-summary">${t('inbox.mod.suspensions')}</summary>
      ${this.suspensions === undefined
        ? nothing
        : this.suspensions === 'loading'
        ? html`<p class="lead" role="status">${t('inbox.loading')}</p>`
        : this.suspensions.length
          ? html`<ul class="plain-list">${this.suspensions.map((s) => html`<li>
              ${t('inbox.mod.suspension', { name: s.user.name, date: formatDate(localize.lang, s.until, { dateStyle: 'long' }), reason: s.reason })}
              <button class="button button--secondary button--small" part="button" type="button" aria-disabled=${this.busy === `lift-${s.id}` ? 'true' : nothing}
                @click=${() => void this.#lift(s)}>${t('inbox.mod.lift', { name: s.user.name })}</button></li>`)}</ul>`
          : html`<p>${t('inbox.mod.suspensions.none')}</p>`}
    </details>`;
  }

  #renderLog(): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const localize = this.deps.localize();
    return html`<details class="disclosure" part="moderation-log" @toggle=${(event: Event) => {
        if ((event.target as HTMLDetailsElement).open) void this.#loadLog();
      }}>
      <summary>${t('inbox.mod.log')}</summary>
      ${this.log === undefined
        ? nothing
        : this.log === 'loading'
        ? html`<p class="lead" role="status">${t('inbox.loading')}</p>`
        : this.log.length
          ? html`<ul class="plain-list">${this.log.map((entry) => html`<li>
              <time datetime=${entry.at}>${formatDate(localize.lang, entry.at, { dateStyle: 'medium', timeStyle: 'short' })}</time>:
              ${t(`inbox.mod.log.${entry.action}`, { name: entry.moderator?.name ?? '' })}${entry.reason ? html` (${entry.reason})` : nothing}</li>`)}</ul>`
          : html`<p>${t('inbox.mod.log.none')}</p>`}
    </details>`;
  }
}

