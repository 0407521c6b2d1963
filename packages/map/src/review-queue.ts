// The moderation queue of one map project, inside <civic-map-project-editor>: contributions waiting
// for approval or flagged for review (approve or reject, with a note), and removed ones (restore).
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, errorMessage, formatDate, formatNumber, type ApiClient, type LocalizeController } from '@civic-elements/core';
import type {
  ContributionFeature, FieldDefinition, FieldValue, Flag, LayerFeatureCollection, MapProject, ModerationAction, ReviewItem, ReviewQueue as ReviewPage,
} from '@civic-elements/protocol';
import { errorLine } from './editor-controls.js';
import { CivicContributionModeratedEvent } from './form-events.js';

type Action = ModerationAction['action'];

export interface ReviewQueueDeps {
  client: () => ApiClient;
  org: () => string;
  localize: () => LocalizeController;
  announce: (message: string) => void;
}

/** An answer as a reader sees it: "Yes", an option's label, a date in their language. */
export function formatAnswer(field: FieldDefinition, value: FieldValue | undefined, localize: LocalizeController): string {
  if (value === undefined || value === null || value === '') return '';
  const lang = localize.lang;
  switch (field.type) {
    case 'boolean':
      return localize.t(value === true ? 'fields.yes' : 'fields.no');
    case 'choice':
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case 'multichoice':
      return (Array.isArray(value) ? value : []).map((v) => field.options.find((o) => o.value === v)?.label ?? v).join(', ');
    case 'number':
      return typeof value === 'number' ? `${formatNumber(lang, value)}${field.unit ? ` ${field.unit}` : ''}` : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(lang, `${value}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' }) : String(value);
    case 'datetime':
      return typeof value === 'string' ? formatDate(lang, value, { dateStyle: 'long', timeStyle: 'short' }) : String(value);
    default:
      return String(value);
  }
}

export class ReviewQueue implements ReactiveController {
  project: MapProject | undefined;
  items: ReviewItem[] = [];
  removed: ContributionFeature[] = [];
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  #error = '';
  #notes: Record<string, string> = {};
  #noteErrors: Record<string, string> = {};
  #busy = '';
  /** The outcome of the last action, shown (and focused) above the queue. */
  #notice = '';
  #focus: string | undefined;
  #controller: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly deps: ReviewQueueDeps) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.#focus) return;
    const target = this.host.shadowRoot?.querySelector<HTMLElement>(this.#focus);
    this.#focus = undefined;
    target?.focus();
  }

  hostDisconnected(): void {
    this.#controller?.abort();
  }

  #path(): string {
    return `/v1/orgs/${encodeURIComponent(this.deps.org())}/projects/${encodeURIComponent(this.project!.id)}`;
  }

  /** Loads the queue (every page) and the removed contributions of `project`. */
  async load(project: MapProject, notice = ''): Promise<void> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.project = project;
    this.status = 'loading';
    this.#notice = notice;
    this.host.requestUpdate();
    try {
      const client = this.deps.client();
      const items: ReviewItem[] = [];
      let cursor: string | null = null;
      do {
        const page: ReviewPage = await client.get(`${this.#path()}/review`, {
          query: { limit: 100, ...(cursor ? { cursor } : {}) },
          signal: controller.signal,
        });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const removed = await client.get<LayerFeatureCollection>(`${this.#path()}/contributions`, {
        query: { bbox: project.bbox.join(','), zoom: 24, status: 'deleted' },
        signal: controller.signal,
      });
      this.items = items;
      this.removed = removed.features.filter((f): f is ContributionFeature => f.properties.layer === 'contributions' && !('cluster' in f.properties));
      this.status = 'ready';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      this.#error = errorMessage(error, this.deps.localize());
      this.status = 'error';
    } finally {
      this.host.requestUpdate();
    }
  }

  async #act(feature: ContributionFeature, action: Action): Promise<void> {
    if (this.#busy) return;
    const t = (key: string, params?: Record<string, string | number>) => this.deps.localize().t(key, params);
    const note = (this.#notes[feature.id] ?? '').trim();
    if (note.length > 500) {
      this.#noteErrors = { ...this.#noteErrors, [feature.id]: t('map-editor.review.note.long', { count: 500 }) };
      this.#focus = `#note-${CSS.escape(feature.id)}`;
      this.host.requestUpdate();
      return;
    }
    this.#busy = `${feature.id}:${action}`;
    this.host.requestUpdate();
    try {
      const body: ModerationAction = { action, ...(note ? { note } : {}) };
      const updated = await this.deps.client().post<ContributionFeature>(`${this.#path()}/contributions/${encodeURIComponent(feature.id)}/moderation`, body);
      this.host.dispatchEvent(new CivicContributionModeratedEvent(updated, action));
      delete this.#notes[feature.id];
      const message = t(`map-editor.review.done.${action}`, { title: feature.properties.title });
      this.#busy = '';
      await this.load(this.project!, message);
      this.deps.announce(message);
      this.#focus = '#review-notice';
    } catch (error) {
      this.#busy = '';
      this.#notice = '';
      this.#error = errorMessage(error, this.deps.localize());
      this.#noteErrors = { ...this.#noteErrors, [feature.id]: this.#error };
      this.deps.announce(this.#error);
      this.#focus = `#note-${CSS.escape(feature.id)}`;
    } finally {
      this.host.requestUpdate();
    }
  }

  render(onBack: () => void): TemplateResult {
    const localize = this.deps.localize();
    const t = localize.t.bind(localize);
    const project = this.project;
    return html`<section class="review" aria-labelledby="view-heading">
      <p class="back">${this.#backButton(onBack)}</p>
      <h2 id="view-heading" class="heading" tabindex="-1">${t('map-editor.review.heading', { title: project?.title ?? '' })}</h2>
      ${this.#notice ? html`<div id="review-notice" class="success" part="notice" tabindex="-1" role="status"><p>${this.#notice}</p></div>` : nothing}
      ${this.status === 'loading' && !this.items.length ? html`<p class="lead" role="status">${t('map-editor.loading')}</p>` : nothing}
      ${this.status === 'error'
        ? html`<div class="notice" part="notice"><p>${this.#error}</p>
            <button class="button button--secondary" part="button" type="button" @click=${() => project && void this.load(project)}>${t('map-editor.retry')}</button></div>`
        : nothing}
      ${this.status === 'ready' || this.items.length ? this.#renderQueue() : nothing}
    </section>`;
  }

  #backButton(onBack: () => void): TemplateResult {
    return html`<button class="button button--link" part="button" type="button" @click=${onBack}>${this.deps.localize().t('map-editor.back')}</button>`;
  }

  #renderQueue(): TemplateResult {
    const t = this.deps.localize().t.bind(this.deps.localize());
    return html`<h3 class="subheading">${t('map-editor.review.waiting', { count: this.items.length })}</h3>
      ${this.items.length === 0
        ? html`<p class="lead">${t('map-editor.review.empty')}</p>`
        : html`<ul class="review__list">${this.items.map((item) => this.#renderItem(item.feature, item.flags, ['approve', 'reject']))}</ul>`}
      <h3 class="subheading">${t('map-editor.review.removed', { count: this.removed.length })}</h3>
      ${this.removed.length === 0
        ? html`<p class="lead">${t('map-editor.review.removed.empty')}</p>`
        : html`<ul class="review__list">${this.removed.map((feature) => this.#renderItem(feature, [], ['restore']))}</ul>`}`;
  }

  #renderItem(feature: ContributionFeature, flags: Flag[], actions: Action[]): TemplateResult {
    const localize = this.deps.localize();
    const t = localize.t.bind(localize);
    const p = feature.properties;
    const category = this.project?.categories.find((c) => c.id === p.category);
    const noteId = `note-${feature.id}`;
    const noteError = this.#noteErrors[feature.id];
    const answers = (category?.fields ?? []).map((field) => [field.label, formatAnswer(field, p.fields[field.key], localize)] as const).filter(([, v]) => v);
    return html`<li class="review-item" part="review-item">
      <h4 class="review-item__title">${p.title}</h4>
      <p class="review-item__meta">${[
        category?.name,
        t(`map-editor.status.${p.status}`),
        t('map-editor.review.added', { date: formatDate(localize.lang, p.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) }),
        p.author ? t('map-editor.review.by', { name: p.author.name }) : '',
      ].filter(Boolean).join(' · ')}</p>
      ${flags.length
        ? html`<p class="review-item__flags-title">${t('map-editor.review.flags', { count: flags.length })}</p>
            <ul class="review-item__flags">${flags.map((flag) => html`<li>${t(`map-editor.flag.${flag.reason}`)}${flag.note ? html`: “${flag.note}”` : nothing}</li>`)}</ul>`
        : nothing}
      ${answers.length ? html`<dl class="answers">${answers.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>` : nothing}
      ${p.photos.length
        ? html`<ul class="thumbs">${p.photos.map((photo, i) => html`<li><a href=${photo.large} target="_blank" rel="noopener"><img src=${photo.thumb} width="96" height="96"
            alt=${t('map-editor.review.photo', { n: i + 1, title: p.title })} /></a></li>`)}</ul>`
        : nothing}
      <div class="field ${noteError ? 'field--error' : ''}">
        <label class="label" for=${noteId}>${t('map-editor.review.note')}</label>
        <div id="${noteId}-hint" class="hint">${t('map-editor.review.note.hint')}</div>
        ${errorLine(noteId, noteError, t('core.error.prefix'))}
        <textarea id=${noteId} class="input textarea" rows="2" maxlength="500" aria-describedby="${noteId}-hint${noteError ? ` ${noteId}-error` : ''}"
          .value=${this.#notes[feature.id] ?? ''} @input=${(event: Event) => (this.#notes[feature.id] = (event.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <div class="actions">
        ${actions.map((action) => {
          const busy = this.#busy === `${feature.id}:${action}`;
          return html`<button class="button ${action === 'reject' ? 'button--warning' : action === 'approve' ? 'button--primary' : 'button--secondary'}" part="button" type="button"
            aria-disabled=${busy ? 'true' : nothing} @click=${() => void this.#act(feature, action)}>
            ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(`map-editor.review.${action}`)}<span class="visually-hidden"> ${p.title}</span></button>`;
        })}
      </div>
    </li>`;
  }
}
