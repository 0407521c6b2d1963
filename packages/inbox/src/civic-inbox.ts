// <civic-inbox>: the officer's desk: the organisation's reports by department, status, category and
// age, in a table and on a map; one report opened to act on; several changed at once.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, CivicElement, LiveAnnouncer, fieldsMessages, formStyles, uiStyles } from '@civic-elements/core';
import type { Department, OrgPublic, Report, ReportBulkResult, ReportCategory, ReportCategoryList, ReportPage, ReportSettings, Role } from '@civic-elements/protocol';
import { BulkUpdate } from './bulk-update.js';
import { ModerationQueue } from './moderation-queue.js';
import { styles } from './civic-inbox.styles.js';
import { inboxMessages } from './messages.js';
import { defaultFilters, renderFilters, reportQuery, type Filters } from './report-filters.js';
import { renderTable } from './report-table.js';
import { ReportView } from './report-view.js';
import { problemOf } from './update-checks.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };
/** Roles that work on reports (the API's officers, with or without departments, and admins). */
const STAFF: readonly Role[] = ['officer', 'admin'];
/** Roles that moderate comments (the API's `comments.moderate`). */
const MODERATORS: readonly Role[] = ['moderator', 'officer', 'admin'];
/** The desk's sections: residents' reports (officers and admins) and comments to moderate (moderators too). */
type Tab = 'reports' | 'moderation';
const PAGE = 20;

/**
 * The officer's desk. Reports of the officer's organisation (only their departments' when they work
 * in departments), filtered by department, status, category and age, searched by reference or words,
 * sorted, and paged with "Show more reports"; as a table (the way without a map) and, on request, on
 * `<civic-map layers="reports">`. Opening a report shows its details, photos, answers, reporter and full
 * timeline with internal notes, and lets the officer change its status with a public and an internal
 * note, reassign its category or department, set an expected date, merge it into another report found
 * by reference, and remove an inappropriate photo. Ticking several reports allows one status change
 * and note for all of them, with the outcome of each. Officers and admins of the organisation can use
 * it; anyone else is told that it is for officers.
 *
 * @summary The officer's desk: triage, answer and update residents' reports.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr basemap - Passed to the map: `osm` (default), `none` or a MapLibre style URL.
 * @attr worker-url - Passed to the map: where maplibre's worker loads from (for a strict CSP).
 *
 * @slot heading - The desk's heading (default: an `<h2>` "Reports inbox").
 * @slot signed-out - Shown to signed-out visitors instead of the built-in sign-in (for a page that has its own).
 * @slot empty - Shown when no report matches the filters (default: "No reports match these filters.").
 *
 * @event {CivicReportUpdatedEvent} civic-report-updated - An officer changed a report; `event.report` (ReportDetail), `event.change`.
 * @event {CivicReportsBulkUpdatedEvent} civic-reports-bulk-updated - An officer changed several reports at once; `event.result` ({ updated, failed }).
 * @event {CivicCommentModeratedEvent} civic-comment-moderated - A moderator acted on a comment in the Comments tab; `event.comment`, `event.action`.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart heading - The default heading and the opened report's heading.
 * @csspart tabs - The desk's sections (a tablist); `tab` each section's tab.
 * @csspart filters - The filter form.
 * @csspart table-wrap - The scrolling frame of the table; `table` the table, `row` each report's row.
 * @csspart status-tag - A report's status.
 * @csspart map - The `<civic-map>` of the reports.
 * @csspart bulk - "Change several at once".
 * @csspart report - The opened report; `summary`, `answers`, `photos`, `timeline`, `timeline-entry`, `internal-note`, `actions`, `action-form`, `merge-target` inside it.
 * @csspart field - A control's wrapper (label, hint, error, control); `label`, `hint`, `input`, `error` inside it.
 * @csspart error-summary - A form's "There is a problem" box.
 * @csspart notice - Outcomes, problems and permission messages.
 * @csspart dialog - The "Remove this photo?" confirmation.
 * @csspart queue - The comments to moderate; `queue-item` each, `comment-body` its text, `actions` its buttons.
 * @csspart suspensions - "Suspensions in force"; `moderation-log` the log.
 * @csspart button - Every button (`open` also on each report's reference).
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-color-primary - Buttons and links (default #1d70b8).
 * @cssproperty --civic-color-text - Text (default #0b0c0c).
 * @cssproperty --civic-color-background - Backgrounds (default #ffffff).
 * @cssproperty --civic-color-muted - Secondary text (default #505a5f).
 * @cssproperty --civic-color-error - Errors, "Remove" and "Merge" (default #d4351c).
 * @cssproperty --civic-color-success - Success messages (default #00703c).
 * @cssproperty --civic-color-border - Borders (default #505a5f).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-color-selected - The background of ticked rows (default: the primary colour, faint).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 * @cssproperty --civic-map-height - Height of the map (default `<civic-map>`'s, 28rem).
 */
export class CivicInbox extends CivicElement {
  static override styles = [...CivicElement.styles, uiStyles, formStyles, styles];
  static override messages = [...CivicElement.messages, fieldsMessages, inboxMessages];
  static override properties = {
    basemap: {},
    workerUrl: { attribute: 'worker-url' },
    tab: state,
    view: state,
    orgInfo: state,
    settings: state,
    categories: state,
    setupStatus: state,
    filters: state,
    draft: state,
    reports: state,
    nextCursor: state,
    total: state,
    listStatus: state,
    selected: state,
    mapShown: state,
  };

  /** Passed to the map: `osm` (default), `none` or a MapLibre style URL. */
  declare basemap?: string;
  /** Passed to the map: where maplibre's worker loads from. */
  declare workerUrl?: string;

  private tab: Tab = 'reports';
  private view: 'list' | 'report' = 'list';
  private orgInfo: OrgPublic | undefined;
  private settings: ReportSettings | undefined;
  private categories: ReportCategory[] = [];
  private setupStatus: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  /** The filters the list shows, and those being edited in the form. */
  private filters: Filters = defaultFilters();
  private draft: Filters = defaultFilters();
  private reports: Report[] = [];
  private nextCursor: string | null = null;
  private total: number | undefined;
  /** `more`: the next page is loading; `refresh`: the reports shown are loading again (they stay meanwhile). */
  private listStatus: 'idle' | 'loading' | 'more' | 'refresh' | 'ready' | 'error' = 'idle';
  private selected: ReadonlySet<string> = new Set();
  /** The map is drawn once asked for, then kept (hidden) so it does not load again. */
  private mapShown: boolean | undefined;

  readonly #announcer = new LiveAnnouncer(this);
  readonly #reportView = new ReportView(this, {
    client: () => this.client,
    path: () => this.#path,
    localize: () => this.localize,
    announce: (message) => this.#announcer.announce(message),
    steps: () => this.#choosableSteps,
    categories: () => this.categories,
    departments: () => this.orgInfo?.departments ?? [],
    mayAct: (report) => {
      const mine = this.#membership?.role === 'officer' ? this.#membership.departments : [];
      return mine.length === 0 || (!!report.department && mine.includes(report.department.slug));
    },
    back: () => this.#backToList(),
  });
  readonly #moderation = new ModerationQueue(this, {
    client: () => this.client,
    orgPath: () => this.#orgPath,
    localize: () => this.localize,
    announce: (message) => this.#announcer.announce(message),
    counted: () => this.requestUpdate(),
  });
  readonly #bulk = new BulkUpdate(this, {
    client: () => this.client,
    path: () => this.#path,
    localize: () => this.localize,
    announce: (message) => this.#announcer.announce(message),
    steps: () => this.#choosableSteps,
    selected: () => this.reports.filter((r) => this.selected.has(r.id)).map((r) => r.id),
    referenceOf: (id) => this.#references.get(id) ?? id,
    done: (result) => this.#afterBulk(result),
  });
  /** References of every report seen, for naming the outcome of a bulk change after the list reloaded. */
  #references = new Map<string, string>();
  #key = '';
  #setupError = '';
  #listError = '';
  #list: AbortController | undefined;
  #openedFrom: string | undefined;
  #focus: string | undefined;

  get #orgPath(): string {
    return `/v1/orgs/${encodeURIComponent(this.resolvedOrg)}`;
  }

  get #path(): string {
    return `${this.#orgPath}/reports`;
  }

  get #membership() {
    return this.session?.memberships.find((m) => m.org === this.resolvedOrg);
  }

  get #staff(): boolean {
    return STAFF.includes(this.#membership?.role as Role);
  }

  get #moderator(): boolean {
    return MODERATORS.includes(this.#membership?.role as Role);
  }

  /** The sections this person has: reports for officers and admins, comments for them and moderators. */
  get #tabs(): Tab[] {
    return [...(this.#staff ? (['reports'] as const) : []), ...(this.#moderator ? (['moderation'] as const) : [])];
  }

  /** The steps an officer may move a report to: all but the duplicate step, which only merging reaches. */
  get #choosableSteps() {
    const workflow = this.settings?.workflow;
    return workflow ? workflow.steps.filter((step) => step.key !== workflow.duplicateStep) : [];
  }

  /** The departments the officer works in (all of them when they work in none, or are an admin). */
  get #departments(): Department[] {
    const all = this.orgInfo?.departments ?? [];
    const mine = this.#membership?.role === 'officer' ? this.#membership.departments : [];
    return mine.length ? all.filter((d) => mine.includes(d.slug)) : all;
  }

  /** Opens a report by id or reference, as choosing it in the list does. */
  openReport(idOrReference: string): Promise<void> {
    this.#openedFrom = undefined;
    this.view = 'report';
    return this.#reportView.open(idOrReference);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.resolvedApi || !this.resolvedOrg || !this.isConnected) return;
    const key = `${this.resolvedApi} ${this.resolvedOrg} ${this.session?.user?.id ?? ''} ${this.#membership?.role ?? ''} ${this.#membership?.departments.join(',') ?? ''}`;
    if (key === this.#key) return;
    this.#key = key;
    this.view = 'list';
    this.reports = [];
    this.selected = new Set();
    this.filters = defaultFilters();
    this.draft = defaultFilters();
    this.#bulk.reset();
    this.#list?.abort();
    this.listStatus = 'idle';
    this.#moderation.reset();
    this.tab = this.#tabs[0] ?? 'reports';
    if (this.#moderator) void this.#setUp();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#focus) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
    this.#focus = undefined;
    target?.focus();
  }

  /** The organisation; for officers its workflow, categories and the first page of reports; for moderators alone, the queue. */
  async #setUp(): Promise<void> {
    this.setupStatus = 'loading';
    try {
      const staff = this.#staff;
      const [org, settings, categories] = await Promise.all([
        this.client.get<OrgPublic>(this.#orgPath),
        staff ? this.client.get<ReportSettings>(`${this.#orgPath}/report-settings`) : undefined,
        staff ? this.client.get<ReportCategoryList>(`${this.#orgPath}/report-categories`) : undefined,
      ]);
      this.orgInfo = org;
      this.settings = settings;
      this.categories = categories?.items ?? [];
      this.setupStatus = 'ready';
      if (staff) await this.#load();
      else void this.#moderation.load();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      this.#setupError = problemOf(error, this.localize);
      this.setupStatus = 'error';
    }
  }

  /**
   * Loads the list: the first page, the next one (`more`), or (`keep`) as many reports as are shown
   * now, after a change, so the officer keeps their place.
   */
  async #load(mode: 'first' | 'more' | 'keep' = 'first'): Promise<void> {
    this.#list?.abort();
    const controller = (this.#list = new AbortController());
    const limit = mode === 'keep' ? Math.min(100, Math.max(PAGE, this.reports.length)) : PAGE;
    this.listStatus = mode === 'first' ? 'loading' : mode === 'more' ? 'more' : 'refresh';
    try {
      const page = await this.client.get<ReportPage>(this.#path, {
        query: reportQuery(this.filters, limit, mode === 'more' ? this.nextCursor : undefined),
        signal: controller.signal,
      });
      for (const report of page.items) this.#references.set(report.id, report.reference);
      const before = this.reports.length;
      this.reports = mode === 'more' ? [...this.reports, ...page.items.filter((r) => !this.reports.some((s) => s.id === r.id))] : page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      // Ticks survive a reload only on reports still listed.
      this.selected = new Set([...this.selected].filter((id) => this.reports.some((r) => r.id === id)));
      this.listStatus = 'ready';
      if (mode === 'more') {
        this.#announcer.announce(this.#countText());
        const first = this.reports[before];
        if (first) this.#focus = `#open-${CSS.escape(first.id)}`;
      } else if (mode === 'first') {
        this.#announcer.announce(this.reports.length ? this.#countText() : this.t('inbox.list.empty'));
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      this.#listError = problemOf(error, this.localize);
      this.listStatus = 'error';
    } finally {
      if (this.#list === controller) this.#list = undefined;
    }
  }

  #countText(): string {
    return this.total === undefined
      ? this.t('inbox.list.count', { count: this.reports.length })
      : this.t('inbox.list.count-of', { count: this.reports.length, total: this.total });
  }

  #applyFilters(): void {
    if (this.listStatus === 'loading') return;
    this.filters = { ...this.draft };
    this.selected = new Set();
    this.#bulk.reset();
    void this.#load();
  }

  #clearFilters(): void {
    this.draft = defaultFilters();
    this.#applyFilters();
  }

  #open(report: Report): void {
    this.#openedFrom = report.id;
    this.view = 'report';
    void this.#reportView.open(report.id);
  }

  #backToList(): void {
    this.view = 'list';
    // Back to the row the officer came from, else (or once the reload has taken it away) to the list's heading.
    const from = this.#openedFrom;
    const listed = () => !!from && this.reports.some((r) => r.id === from);
    this.#focus = listed() ? `#open-${CSS.escape(from!)}` : '#reports-heading';
    if (!this.#reportView.changed) return;
    void this.#load('keep').then(() => {
      if (listed() || this.view !== 'list') return;
      this.#focus = '#reports-heading';
      this.requestUpdate();
    });
  }

  async #afterBulk(result: ReportBulkResult): Promise<void> {
    // The reports that could not be changed stay ticked, to try again or look into.
    this.selected = new Set(result.failed.map((f) => f.id));
    await this.#load('keep');
  }

  #toggle(report: Report, checked: boolean): void {
    const selected = new Set(this.selected);
    if (checked) selected.add(report.id);
    else selected.delete(report.id);
    this.selected = selected;
  }

  #toggleAll(checked: boolean): void {
    this.selected = checked ? new Set(this.reports.map((r) => r.id)) : new Set();
  }

  async #toggleMap(): Promise<void> {
    if (this.mapShown === undefined && !customElements.get('civic-map')) {
      // The map's own bundle (maplibre itself loads only once the map is in view).
      await import('@civic-elements/map/define.js').catch(() => undefined);
    }
    this.mapShown = !this.mapShown;
  }

  /** A report chosen on the map opens here too. */
  #mapSelect(event: Event): void {
    const feature = (event as Event & { feature?: { id?: string | number; properties?: { layer?: string; reference?: string } } }).feature;
    if (feature?.properties?.layer !== 'reports') return;
    const id = feature.properties.reference ?? String(feature.id ?? '');
    if (!id) return;
    this.#openedFrom = undefined;
    this.view = 'report';
    void this.#reportView.open(id);
  }

  #tabKeys(event: KeyboardEvent): void {
    const tabs = this.#tabs;
    const index = tabs.indexOf(this.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const rtl = this.localize.dir === 'rtl' && event.key.startsWith('Arrow');
    const target = rtl ? 2 * index - next : next;
    this.#choose(tabs[(target + tabs.length) % tabs.length]!);
    this.#focus = `#tab-${this.tab}`;
  }

  /** Shows a section; the comments queue loads the first time it is shown. */
  #choose(tab: Tab): void {
    this.tab = tab;
    if (tab === 'moderation' && this.#moderation.status === 'idle') void this.#moderation.load();
  }

  // ─── Rendering ─────────────────────────────────────────────────────────────────────────────────

  protected renderContent(): unknown {
    const orgName = this.orgInfo?.name ?? this.resolvedOrg;
    const signedIn = !!this.session?.signedIn;
    return html`${this.#announcer.render()}
      <slot name="heading"><h2 class="heading" part="heading">${this.t('inbox.heading')}</h2></slot>
      <div class="signed-out" ?hidden=${signedIn}>
        <slot name="signed-out">${signedIn
          ? nothing
          : html`<p class="lead">${this.t('inbox.sign-in', { org: orgName })}</p><civic-sign-in api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in>`}</slot>
      </div>
      ${signedIn && !this.#moderator
        ? html`<div class="notice" part="notice"><p>${this.t('inbox.not-officer', { org: orgName })}</p><p>${this.t('inbox.not-officer.ask', { org: orgName })}</p></div>`
        : nothing}
      ${signedIn && this.#moderator ? this.#renderDesk() : nothing}`;
  }

  #renderDesk(): TemplateResult {
    if (this.setupStatus === 'error') {
      return html`<div class="notice notice--problem" part="notice"><p>${this.#setupError}</p>
        <button class="button button--secondary" part="button" type="button" @click=${() => void this.#setUp()}>${this.t('inbox.retry')}</button></div>`;
    }
    if (this.setupStatus !== 'ready') return html`<p class="lead" role="status">${this.t('inbox.loading')}</p>`;
    const tabs = this.#tabs;
    const count = (tab: Tab) => (tab === 'reports' ? this.total : this.#moderation.state === 'waiting' ? this.#moderation.total : undefined);
    return html`<div class="tabs" part="tabs" role="tablist" aria-label=${this.t('inbox.tabs.label')}>
        ${tabs.map((tab) => html`<button id="tab-${tab}" class="tab" part="tab" type="button" role="tab" aria-selected=${String(tab === this.tab)}
          aria-controls="panel-${tab}" tabindex=${tab === this.tab ? 0 : -1} @keydown=${this.#tabKeys}
          @click=${() => this.#choose(tab)}>${this.t(`inbox.tab.${tab}`)}${count(tab) !== undefined
            ? html` <span class="tab__count">(${count(tab)})</span>` : nothing}</button>`)}
      </div>
      ${tabs.includes('reports')
        ? html`<div id="panel-reports" class="panel" role="tabpanel" aria-labelledby="tab-reports" ?hidden=${this.tab !== 'reports'}>
            <div ?hidden=${this.view !== 'list'}>${this.#renderList()}</div>
            ${this.view === 'report' ? this.#reportView.render() : nothing}
          </div>`
        : nothing}
      ${tabs.includes('moderation')
        ? html`<div id="panel-moderation" class="panel" role="tabpanel" aria-labelledby="tab-moderation" ?hidden=${this.tab !== 'moderation'}>
            ${this.tab === 'moderation' || this.#moderation.status !== 'idle' ? this.#moderation.render() : nothing}
          </div>`
        : nothing}`;
  }

  #renderList(): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const departments = this.#departments;
    const ownDepartments = this.#membership?.role === 'officer' && this.#membership.departments.length > 0;
    const empty = this.listStatus === 'ready' && this.reports.length === 0;
    return html`<p class="lead">${ownDepartments
        ? t('inbox.lead.departments', { departments: departments.map((d) => d.name).join(', ') })
        : t('inbox.lead.all', { org: this.orgInfo?.name ?? this.resolvedOrg })}</p>
      ${renderFilters({
        t, errorPrefix: t('core.error.prefix'), draft: this.draft, departments, ownDepartments, steps: this.settings?.workflow.steps ?? [],
        categories: this.categories, busy: this.listStatus === 'loading',
        change: (changes) => (this.draft = { ...this.draft, ...changes }), apply: () => this.#applyFilters(), clear: () => this.#clearFilters(),
      })}
      <div class="results-bar">
        <h3 id="reports-heading" class="subheading" tabindex="-1">${t('inbox.list.heading')}</h3>
        <button class="button button--secondary" part="button" type="button" aria-expanded=${String(!!this.mapShown)} aria-controls="reports-map"
          @click=${() => void this.#toggleMap()}>${t(this.mapShown ? 'inbox.map.hide' : 'inbox.map.show')}</button>
      </div>
      <div id="reports-map" class="map-frame" ?hidden=${!this.mapShown}>
        ${this.mapShown === undefined
          ? nothing
          : html`<p class="hint">${t('inbox.map.hint')}</p>
            <civic-map class="map" part="map" layers="reports" api=${this.resolvedApi} org=${this.resolvedOrg} basemap=${this.basemap ?? nothing}
              worker-url=${this.workerUrl ?? nothing} @civic-feature-select=${(event: Event) => this.#mapSelect(event)}></civic-map>`}
      </div>
      ${this.listStatus === 'loading' ? html`<p class="lead" role="status">${t('inbox.list.loading')}</p>` : nothing}
      ${this.listStatus === 'error'
        ? html`<div class="notice notice--problem" part="notice"><p>${this.#listError}</p>
            <button class="button button--secondary" part="button" type="button" @click=${() => void this.#load()}>${t('inbox.retry')}</button></div>`
        : nothing}
      <div class="empty" part="empty" ?hidden=${!empty}><slot name="empty"><p>${t('inbox.list.empty')}</p></slot></div>
      ${this.reports.length && this.listStatus !== 'loading'
        ? html`${renderTable({
            t, lang: this.localize.lang, reports: this.reports, selected: this.selected, sort: this.filters.sort, caption: this.#countText(),
            toggle: (report, checked) => this.#toggle(report, checked), toggleAll: (checked) => this.#toggleAll(checked), open: (report) => this.#open(report),
          })}
          ${this.nextCursor
            ? html`<button class="button button--secondary" part="button" type="button" aria-disabled=${this.listStatus === 'more' ? 'true' : nothing}
                @click=${() => this.listStatus !== 'more' && void this.#load('more')}>${this.listStatus === 'more'
                  ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('inbox.list.more')}</button>`
            : nothing}
          ${this.#bulk.render()}`
        : nothing}`;
  }
}
