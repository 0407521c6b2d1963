// Address search for the location field: GET /v1/geocode as the person types (debounced, stale requests cancelled), results as buttons.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { button, errorMessage, type ApiClient, type LocalizeController } from '@civic-elements/core';
import type { GeocodeResult, GeocodeResults } from '@civic-elements/protocol';

/** Waits this long after the last keystroke before asking the API. */
export const SEARCH_DEBOUNCE_MS = 300;
const MIN_LENGTH = 2;

export interface AddressSearchOptions {
  localize: Pick<LocalizeController, 't' | 'duration'>;
  announce(message: string): void;
  client(): ApiClient;
  org(): string;
  /** Whether a result lies inside the field's area (results outside are marked, and refused when chosen). */
  inArea(result: GeocodeResult): boolean;
  /** The person chose a result. */
  choose(result: GeocodeResult): void;
  disabled(): boolean;
}

type Status = 'idle' | 'searching' | 'done' | 'too-short' | 'error';

/**
 * The search part of the location field: a labelled search input, a Search button and the results as
 * a list of buttons (arrow keys move between the input and the results, Escape goes back to the input).
 * Its ids (`civic-pick-search…`) are unique within the host's shadow root.
 */
export class AddressSearch {
  query = '';
  results: GeocodeResult[] = [];
  status: Status = 'idle';
  error: unknown;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: AddressSearchOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: AddressSearchOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Words in the host's language (an arrow function: it is handed around). */
  readonly #t = (key: string, params?: Record<string, string | number>): string => this.#options.localize.t(key, params);

  /** The search input (the field's anchor for validity messages). */
  get input(): HTMLInputElement | null {
    return this.#host.shadowRoot?.getElementById('civic-pick-search') as HTMLInputElement | null;
  }

  /** Stops a pending or running search (the host left the page, or the field was reset). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#request?.abort();
    this.#request = undefined;
  }

  clear(): void {
    this.cancel();
    this.query = '';
    this.results = [];
    this.status = 'idle';
    this.#host.requestUpdate();
  }

  /** Searches now for the current words (Enter, or the Search button). */
  async search(): Promise<void> {
    clearTimeout(this.#timer);
    const q = this.query.trim();
    if (q.length < MIN_LENGTH) {
      this.#request?.abort();
      this.results = [];
      this.status = 'too-short';
      this.#host.requestUpdate();
      return;
    }
    this.#request?.abort();
    const request = (this.#request = new AbortController());
    this.status = 'searching';
    this.#host.requestUpdate();
    try {
      const { results } = await this.#options.client().get<GeocodeResults>('/v1/geocode', {
        query: { org: this.#options.org(), q, limit: 8 },
        signal: request.signal,
        auth: false,
      });
      if (request.signal.aborted) return;
      this.results = results;
      this.status = 'done';
      const t = this.#t;
      this.#options.announce(results.length > 0 ? t('map-pick.search.results', { count: results.length }) : t('map-pick.search.none', { q }));
    } catch (error) {
      if (request.signal.aborted) return; // a newer search took over
      this.results = [];
      this.status = 'error';
      this.error = error;
      this.#options.announce(errorMessage(error, this.#options.localize));
    } finally {
      if (this.#request === request) this.#request = undefined;
      this.#host.requestUpdate();
    }
  }

  readonly #onInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    if (this.query.trim().length < MIN_LENGTH) {
      this.#request?.abort();
      this.results = [];
      this.status = 'idle';
      this.#host.requestUpdate();
      return;
    }
    this.#timer = setTimeout(() => void this.search(), SEARCH_DEBOUNCE_MS);
  };

  readonly #onInputKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') {
      event.preventDefault(); // never submit a surrounding form from here
      void this.search();
    } else if (event.key === 'ArrowDown' && this.results.length > 0) {
      event.preventDefault();
      this.#resultButtons()[0]?.focus();
    } else if (event.key === 'Escape' && (this.results.length > 0 || this.query)) {
      event.preventDefault();
      this.clear();
    }
  };

  readonly #onResultKeyDown = (event: KeyboardEvent): void => {
    const buttons = this.#resultButtons();
    const index = buttons.indexOf(event.currentTarget as HTMLButtonElement);
    const target =
      event.key === 'ArrowDown' ? buttons[Math.min(index + 1, buttons.length - 1)]
      : event.key === 'ArrowUp' ? (index === 0 ? this.input : buttons[index - 1])
      : event.key === 'Home' ? buttons[0]
      : event.key === 'End' ? buttons[buttons.length - 1]
      : event.key === 'Escape' ? this.input
      : undefined;
    if (!target) return;
    event.preventDefault();
    if (event.key === 'Escape') this.results = [];
    target.focus();
    this.#host.requestUpdate();
  };

  #resultButtons(): HTMLButtonElement[] {
    return [...(this.#host.shadowRoot?.querySelectorAll<HTMLButtonElement>('.civic-search__result') ?? [])];
  }

  #statusText(): TemplateResult | string {
    const t = this.#t;
    switch (this.status) {
      case 'idle': return '';
      case 'searching': return t('map-pick.search.searching');
      case 'too-short': return t('map-pick.search.too-short');
      case 'error': return html`<span class="error-message">${errorMessage(this.error, this.#options.localize)}</span>`;
      case 'done': return this.results.length > 0 ? t('map-pick.search.results', { count: this.results.length }) : t('map-pick.search.none', { q: this.query.trim() });
    }
  }

  render(): TemplateResult {
    const t = this.#t;
    const disabled = this.#options.disabled();
    return html`<div class="field civic-search" part="search">
      <label class="label" for="civic-pick-search" part="label">${t('map-pick.search.label')}</label>
      <div id="civic-pick-search-hint" class="hint" part="hint">${t('map-pick.search.hint')}</div>
      <div class="civic-search__row">
        <input
          id="civic-pick-search"
          class="input"
          part="input"
          type="search"
          autocomplete="off"
          spellcheck="false"
          enterkeyhint="search"
          .value=${this.query}
          ?disabled=${disabled}
          aria-describedby="civic-pick-search-hint civic-pick-search-status"
          @input=${this.#onInput}
          @keydown=${this.#onInputKeyDown}
        />
        ${disabled ? nothing : button({ label: t('map-pick.search.button'), variant: 'secondary', busy: this.status === 'searching', busyLabel: t('map-pick.search.searching'), onClick: () => void this.search() })}
      </div>
      <p id="civic-pick-search-status" class="hint civic-search__status" part="search-status">${this.#statusText()}</p>
      ${this.results.length > 0
        ? html`<ul class="civic-search__results" part="search-results" aria-label=${t('map-pick.search.results-label')}>
            ${this.results.map((result) => {
              const outside = !this.#options.inArea(result);
              return html`<li>
                <button type="button" class="civic-search__result" part="search-result" @click=${() => this.#options.choose(result)} @keydown=${this.#onResultKeyDown}>
                  <span>${result.label}</span>${outside ? html` <span class="civic-search__outside">(${t('map-pick.search.outside')})</span>` : nothing}
                </button>
              </li>`;
            })}
          </ul>`
        : nothing}
    </div>`;
  }
}
