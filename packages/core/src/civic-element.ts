// CivicElement: the base class of every widget: resolved api/org/lang, session, API client, dir.
import { html, LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ApiClient } from './api-client.js';
import { resolveLang, resolveSetting, watchConfig } from './config.js';
import { loadMessages, LocalizeController, registerMessages, type CatalogueSource } from './localize.js';
import { coreMessages } from './messages.js';
import { SessionController } from './session-controller.js';
import { apiKey } from './session.js';
import { theme } from './theme.js';

type Catalogues = Record<string, CatalogueSource>;
const registered = new WeakSet<Catalogues>();
/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };

export abstract class CivicElement extends LitElement {
  static override styles = [theme];
  // Reactive properties are declared here rather than with decorators: it keeps the decorator
  // runtime out of every bundle (DESIGN.md section 7's size budgets).
  static override properties: PropertyDeclarations = {
    api: {},
    org: {},
    resolvedApi: state,
    resolvedOrg: state,
    resolvedLang: state,
  };
  /** Message catalogues (per language) this element's templates use; registered on first use. */
  static messages: Catalogues[] = [coreMessages];

  /** The API's base URL. Falls back to the nearest `<civic-config api>`. */
  declare api?: string;
  /** The organisation's slug. Falls back to the nearest `<civic-config org>`. */
  declare org?: string;

  /** What is in use after resolution (attributes, `<civic-config>`, `<html lang>`). */
  resolvedApi = '';
  resolvedOrg = '';
  resolvedLang = 'en';

  protected readonly localize = new LocalizeController(this, () => this.resolvedLang);
  protected readonly sessionController = new SessionController(this, () => this.resolvedApi || undefined);
  #lifetime = new AbortController();
  #client: ApiClient | undefined;
  #unwatch: (() => void) | undefined;
  #languageLoading: Promise<void> | undefined;

  constructor() {
    super();
    for (const catalogues of (this.constructor as typeof CivicElement).messages) {
      if (registered.has(catalogues)) continue;
      registered.add(catalogues);
      for (const [lang, messages] of Object.entries(catalogues)) registerMessages(lang, messages);
    }
  }

  /** The shared session for the resolved API (undefined without an api). */
  get session() { return this.sessionController.session; }

  /** An API client for the resolved API; its requests are cancelled when the element leaves the page. */
  get client(): ApiClient {
    const session = this.session ?? null;
    if (this.#client?.base !== apiKey(this.resolvedApi) || this.#client.session !== session) {
      this.#client = new ApiClient(this.resolvedApi, { session, signal: this.#lifetime.signal });
    }
    return this.#client;
  }

  /** Shorthand for the localisation controller's t(). */
  protected t(key: string, params?: Record<string, string | number>): string {
    return this.localize.t(key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#lifetime.signal.aborted) {
      this.#lifetime = new AbortController();
      this.#client = undefined;
    }
    this.resolve();
    this.#unwatch = watchConfig(() => this.resolve());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#lifetime.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('org')) this.resolve();
    // Italian and Arabic arrive in chunks of their own: show English meanwhile, then re-render.
    const loading = loadMessages(this.resolvedLang);
    if (loading && loading !== this.#languageLoading) {
      this.#languageLoading = loading;
      void loading.then(() => {
        this.#languageLoading = undefined;
        this.requestUpdate();
      });
    }
  }

  /** Also waits for the words of the element's language, so `await el.updateComplete` shows them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#languageLoading) {
      await this.#languageLoading;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** Re-reads api, org and lang from the element, its <civic-config> ancestors and the document. */
  resolve(): void {
    this.resolvedApi = this.api?.trim() || resolveSetting(this, 'api') || '';
    this.resolvedOrg = this.org?.trim() || resolveSetting(this, 'org') || '';
    this.resolvedLang = resolveLang(this);
  }

  /** Wraps the element's content in a root carrying the direction of its language. */
  protected override render(): TemplateResult {
    return html`<div class="root" part="root" dir=${this.localize.dir} lang=${this.resolvedLang}>${this.renderContent()}</div>`;
  }

  protected abstract renderContent(): unknown;
}
