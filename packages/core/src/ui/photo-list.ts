// The photos of a form (<civic-contribution-form>, <civic-report-form>): choose up to 5, each made
// smaller, uploaded with a progress bar, removable.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Photo } from '@civic-elements/protocol';
import { ApiError } from '../api-error.js';
import { errorMessage } from '../error-message.js';
import type { LocalizeController } from '../localize.js';
import type { Session } from '../session.js';
import { downscaleToJpeg, uploadPhoto } from './photo-upload.js';

/** The most photos a contribution or a report carries (the API's limit). */
export const MAX_PHOTOS = 5;

type Translate = (key: string, params?: Record<string, string | number>) => string;

interface Entry {
  /** A number for DOM ids, never reused within the page. */
  id: number;
  name: string;
  state: 'resizing' | 'uploading' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  /** A blob: URL of the resized JPEG, until the API's thumbnail is there. */
  preview?: string;
  photo?: Photo;
  error?: string;
  controller: AbortController;
}

export interface PhotoListDeps {
  api: () => string;
  org: () => string;
  session: () => Session | undefined;
  t: Translate;
  localize: () => Pick<LocalizeController, 't' | 'duration'>;
  announce: (message: string) => void;
  /** The longest side of an uploaded photo in pixels (default photo-upload.ts's MAX_SIDE). */
  maxSide?: number;
  /** After a photo finished uploading or was removed: the uploaded photos, in order (to keep them in a draft). */
  changed?: (photos: SavedPhoto[]) => void;
}

/** An uploaded photo and the name of the file it came from, as a draft keeps it. */
export interface SavedPhoto {
  name: string;
  photo: Photo;
}

let nextId = 1;

export class PhotoList implements ReactiveController {
  #entries: Entry[] = [];
  #focus: string | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly deps: PhotoListDeps) {
    host.addController(this);
  }

  /** The ids of the uploaded photos, in order. */
  ids(): string[] {
    return this.saved().map((p) => p.photo.id);
  }

  /** The uploaded photos, in order. */
  saved(): SavedPhoto[] {
    return this.#entries.filter((e) => e.state === 'done' && e.photo).map((e) => ({ name: e.name, photo: e.photo! }));
  }

  /** Shows photos uploaded before (a draft's), replacing any in the list. */
  restore(photos: readonly SavedPhoto[]): void {
    this.clear();
    this.#entries = photos.slice(0, MAX_PHOTOS).map(({ name, photo }) => ({
      id: nextId++, name, state: 'done', progress: 1, photo, controller: new AbortController(),
    }));
    this.host.requestUpdate();
  }

  /** Why the form cannot be sent yet because of its photos, if it cannot. */
  problem(): string | undefined {
    if (this.#entries.some((e) => e.state === 'resizing' || e.state === 'uploading')) return this.deps.t('photos.wait');
    if (this.#entries.some((e) => e.state === 'failed')) return this.deps.t('photos.failed');
    return undefined;
  }

  /** The API refused the photo at `index` of the ids sent. */
  markFailed(index: number, message: string): void {
    const entry = this.#entries.filter((e) => e.state === 'done')[index];
    if (!entry) return;
    entry.state = 'failed';
    entry.error = message;
    this.host.requestUpdate();
  }

  /** Forgets every photo (after sending), stopping uploads under way. */
  clear(): void {
    for (const entry of this.#entries) this.#forget(entry);
    this.#entries = [];
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#focus) return;
    const target = this.host.shadowRoot?.querySelector<HTMLElement>(this.#focus);
    this.#focus = undefined;
    target?.focus();
  }

  hostDisconnected(): void {
    // Uploads do not outlive the form; a stopped one can be added again.
    for (const entry of this.#entries) {
      if (entry.state === 'resizing' || entry.state === 'uploading') {
        entry.controller.abort();
        entry.state = 'failed';
        entry.error = this.deps.t('photo.stopped');
      }
    }
  }

  #forget(entry: Entry): void {
    entry.controller.abort();
    if (entry.preview) URL.revokeObjectURL(entry.preview);
  }

  #add(input: HTMLInputElement): void {
    const files = [...(input.files ?? [])];
    input.value = ''; // so that choosing the same file again is a change
    const room = MAX_PHOTOS - this.#entries.length;
    if (files.length > room) this.deps.announce(this.deps.t('photos.too-many', { count: MAX_PHOTOS }));
    for (const file of files.slice(0, Math.max(0, room))) {
      const entry: Entry = { id: nextId++, name: file.name, state: 'resizing', progress: 0, controller: new AbortController() };
      this.#entries = [...this.#entries, entry];
      void this.#process(entry, file);
    }
    this.host.requestUpdate();
  }

  async #process(entry: Entry, file: File): Promise<void> {
    const { t } = this.deps;
    try {
      const { blob } = await downscaleToJpeg(file, this.deps.maxSide);
      if (entry.controller.signal.aborted) return;
      entry.preview = URL.createObjectURL(blob);
      entry.state = 'uploading';
      this.host.requestUpdate();
      entry.photo = await uploadPhoto({
        api: this.deps.api(),
        org: this.deps.org(),
        session: this.deps.session(),
        blob,
        signal: entry.controller.signal,
        onProgress: (fraction) => {
          entry.progress = fraction;
          this.host.requestUpdate();
        },
      });
      entry.state = 'done';
      entry.progress = 1;
      this.deps.announce(t('photo.uploaded', { n: this.#entries.indexOf(entry) + 1 }));
      this.deps.changed?.(this.saved());
    } catch (error) {
      if (!this.#entries.includes(entry) || (error instanceof ApiError && error.code === 'aborted')) return;
      entry.state = 'failed';
      entry.error = this.#message(error);
      this.deps.announce(t('photo.failed', { n: this.#entries.indexOf(entry) + 1, reason: entry.error }));
    } finally {
      this.host.requestUpdate();
    }
  }

  #message(error: unknown): string {
    const code = error instanceof ApiError ? error.code : '';
    if (code === 'not_an_image' || code === 'unsupported_media_type' || code === 'invalid_image') return this.deps.t('photo.not-image');
    if (code === 'payload_too_large') return this.deps.t('photo.too-big');
    return errorMessage(error, this.deps.localize());
  }

  #remove(entry: Entry): void {
    const n = this.#entries.indexOf(entry) + 1;
    this.#forget(entry);
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.deps.announce(this.deps.t('photo.removed', { n }));
    this.deps.changed?.(this.saved());
    this.#focus = '#photos';
    this.host.requestUpdate();
  }

  /** The file input and the list; `error` is the form's message for the photos, if any. */
  render(error: string | undefined): TemplateResult {
    const { t } = this.deps;
    const full = this.#entries.length >= MAX_PHOTOS;
    const describedBy = ['photos-hint', error ? 'photos-error' : ''].filter(Boolean).join(' ');
    return html`<div class="field ${error ? 'field--error' : ''}" part="field">
      <label class="label" for="photos" part="label">${t('photos.label')} <span class="field-marker">${t('fields.marker.optional')}</span></label>
      <div id="photos-hint" class="hint" part="hint">${full ? t('photos.full', { count: MAX_PHOTOS }) : t('photos.hint', { count: MAX_PHOTOS })}</div>
      ${error ? html`<p id="photos-error" class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${error}</p>` : nothing}
      <input id="photos" class="input" part="input" type="file" accept="image/jpeg,image/png,image/webp" multiple ?disabled=${full}
        aria-describedby=${describedBy} @change=${(event: Event) => this.#add(event.target as HTMLInputElement)} />
      ${this.#entries.length
        ? html`<ul class="photos" part="photos" aria-label=${t('photos.list')}>${this.#entries.map((entry, i) => this.#renderEntry(entry, i + 1))}</ul>`
        : nothing}
    </div>`;
  }

  #renderEntry(entry: Entry, n: number): TemplateResult {
    const { t } = this.deps;
    const id = `photo-${entry.id}`;
    const percent = Math.round(entry.progress * 100);
    const status =
      entry.state === 'resizing' ? t('photo.resizing')
      : entry.state === 'uploading' ? t('photo.uploading', { percent })
      : entry.state === 'done' ? t('photo.done')
      : entry.error ?? '';
    const source = entry.photo?.thumb ?? entry.preview;
    return html`<li class="photo ${entry.state === 'failed' ? 'photo--failed' : ''}" part="photo" data-state=${entry.state}>
      ${source ? html`<img class="photo__preview" src=${source} alt="" width="80" height="80" />` : html`<span class="photo__preview" aria-hidden="true"></span>`}
      <div class="photo__body">
        <p class="photo__name" id="${id}-name">${t('photo.name', { n, name: entry.name })}</p>
        <p class="photo__status" id="${id}-status">${status}</p>
        ${entry.state === 'resizing' || entry.state === 'uploading'
          ? html`<progress class="progress" part="progress" max="100" value=${entry.state === 'uploading' ? percent : nothing}
              aria-labelledby="${id}-name" aria-describedby="${id}-status"></progress>`
          : nothing}
      </div>
      <button id="${id}-remove" class="button button--link photo__remove" part="button" type="button" @click=${() => this.#remove(entry)}>
        ${t('photo.remove')}<span class="visually-hidden"> ${t('photo.name-short', { n })}</span>
      </button>
    </li>`;
  }
}
