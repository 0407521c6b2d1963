// <civic-report-list>: reports of local problems (a resident's own, those they follow, those near a
// place, or a category's) with their status and public timeline, to follow and support.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, CivicElement, LiveAnnouncer, button, errorMessage, uiStyles } from '@civic-elements/core';
import type { Report, ReportDetail, ReportPage, ReportRelation } from '@civic-elements/protocol';
import { styles } from './civic-report-list.styles.js';
import { CivicReportFollowChangeEvent, CivicReportOpenEvent, CivicReportSupportChangeEvent } from './report-list-events.js';
import { distance } from './report-list-format.js';
import { countText, renderItem } from './report-list-item.js';
import { parsePoint, radiusOf, reportQuery, showOf, type Show } from './report-list-query.js';
import { idOf, type Opened } from './report-list-view.js';
import { reportListMessages } from './messages-list.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };

type Phase = 'loading' | 'ready' | 'error' | 'signed-out' | 'locate';
/** What <civic-report-form> tells the page when a report is stored or supported (composed events). */
const REPORT_CHANGES = ['civic-report-submitted', 'civic-report-supported'] as const;
type Relation = 'follow' | 'support';

/**
 * Reports of local problems, newest first (nearest first near a place): each with its category,
 * status (open or closed, in words and by a shape), reference, date, address and how many people
 * support it. "Show details and progress" opens its description, photos and public timeline, with
 * "Follow" and "Support (+1)" for signed-in residents and a prompt to sign in for others. More
 * reports come with "Show more".
 *
 * @summary Reports with their status and public timeline; follow and support them.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr show - Whose reports: `all` (default), `mine` (the signed-in resident's), `following` (those they follow)
 *   or `near` (near the `near` place, else near the reader, who is asked to share their location).
 * @attr near - `lon,lat`: only reports within `radius` of this place, nearest first, each with its distance.
 * @attr {number} radius - Metres around `near` (10 to 5000, default 500).
 * @attr category - Category codes, comma-separated: only reports in these categories.
 * @attr status - Status step keys, comma-separated: only reports at these steps.
 * @attr open - Present (or `true`): open reports only; `false`: closed reports only; absent: both.
 * @attr sort - `newest` (default), `oldest`, `updated`, `supported`, or `nearest` (the default near a place).
 * @attr {number} limit - Reports per page (1 to 100, default 10).
 * @attr {number} heading-level - The level of each report's heading (default 3; its details' headings are one below).
 *
 * @slot empty - Shown when there are no reports to list (default: a sentence that fits `show`).
 * @slot signed-out - Shown to signed-out visitors for `show="mine"` and `show="following"` (default: a sentence and a "Sign in" button).
 *
 * @event {CivicReportOpenEvent} civic-report-open - A person opened a report's details; `event.report` has its timeline, `event.detail` is `{ id, reference }`.
 * @event {CivicReportFollowChangeEvent} civic-report-follow-change - A person followed or stopped following a report; `event.relation`.
 * @event {CivicReportSupportChangeEvent} civic-report-support-change - A person supported a report or took their support back; `event.relation`.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart count - "Showing 10 of 23 reports".
 * @csspart list - The list of reports; `report` each report.
 * @csspart report-title - A report's heading (its category).
 * @csspart state - The open or closed badge (also `state-open` or `state-closed`).
 * @csspart status-label - The status step's name.
 * @csspart facts - Reference, date, place and support; `fact` each of them, `reference` the reference.
 * @csspart toggle - The "Show details and progress" button.
 * @csspart details - A report's details: `description`, `department`, `expected`, `notice`, `photos`, `photo`,
 *   `details-heading`, `timeline`, `entry`, `note`, `actions`, `sign-in`.
 * @csspart follow - The "Follow" button (`unfollow` once following); `support` and `unsupport` likewise.
 * @csspart more - The "Show more reports" button.
 * @csspart empty - The wrapper of the `empty` slot.
 * @csspart signed-out - The wrapper of the `signed-out` slot.
 * @csspart locate - `show="near"` without `near`: the "Use my location" prompt.
 * @csspart loading - "Loading…" text.
 * @csspart error - A problem, with its "Try again" button, or next to the buttons it concerns.
 * @csspart button - Every button.
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-report-open-color - Open reports' edge and badge (default #1d70b8).
 * @cssproperty --civic-report-closed-color - Closed reports' edge and badge (default #00703c).
 * @cssproperty --civic-report-gap - Space between reports (default the base spacing).
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
export class CivicReportList extends CivicElement {
  static override styles = [...CivicElement.styles, uiStyles, styles];
  static override messages = [...CivicElement.messages, reportListMessages];
  static override properties = {
    show: {},
    near: {},
    radius: { type: Number },
    category: {},
    status: {},
    open: {},
    sort: {},
    limit: { type: Number },
    headingLevel: { attribute: 'heading-level', type: Number },
    phase: state,
    reports: state,
    nextCursor: state,
    total: state,
    problem: state,
    loadingMore: state,
    moreProblem: state,
    place: state,
    locating: state,
    locateProblem: state,
  };

  show: string | undefined;
  near: string | undefined;
  radius: number | undefined;
  category: string | undefined;
  status: string | undefined;
  /** `''` or `'true'`: open reports only; `'false'`: closed only; null or undefined: both. */
  open: string | null | undefined;
  sort: string | undefined;
  limit: number | undefined;
  headingLevel = 3;

  private phase: Phase = 'loading';
  private reports: Report[] = [];
  private nextCursor: string | null = null;
  private total: number | undefined;
  private problem: unknown;
  private loadingMore = false;
  private moreProblem: string | undefined;
  /** The reader's location, once shared (`show="near"` without `near`). */
  private place: [number, number] | undefined;
  private locating = false;
  private locateProblem: string | undefined;

  /** Reports whose details are open, by id. */
  readonly #opened = new Map<string, Opened>();
  readonly #announcer = new LiveAnnouncer(this);
  /** What the reports on show were asked with; a change asks again. */
  #loadedFor = '';
  #generation = 0;
  #controller: AbortController | undefined;
  /** An element (by id) to focus as soon as it is rendered, and until when to wait for it. */
  #focus: { id: string; until: number } | undefined;
  #signedInAs = '';

  get #show(): Show {
    return showOf(this.show);
  }

  /** Where "near" is: the `near` attribute, else (for `show="near"`) the reader's shared location. */
  get #place(): [number, number] | undefined {
    return parsePoint(this.near) ?? (this.#show === 'near' ? this.place : undefined);
  }

  get #path(): string {
    return `/v1/orgs/${encodeURIComponent(this.resolvedOrg)}/reports`;
  }

  get #query(): Record<string, string | number> {
    return reportQuery(this, this.#place);
  }

  /** What the list needs before it can ask: a signed-in person, or the reader's location. */
  get #waitingFor(): 'signed-out' | 'locate' | undefined {
    const show = this.#show;
    if ((show === 'mine' || show === 'following') && !this.session?.signedIn) return 'signed-out';
    if (show === 'near' && !this.#place) return 'locate';
    return undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of REPORT_CHANGES) document.addEventListener(type, this.#reportsChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of REPORT_CHANGES) document.removeEventListener(type, this.#reportsChanged);
    this.#controller?.abort();
    this.#loadedFor = ''; // back on the page, it asks again
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const user = this.session?.user?.id ?? '';
    if (user !== this.#signedInAs) {
      // Signed in from a report's "Sign in" button: focus goes to that report's "Follow", which replaces it.
      const from = this.shadowRoot?.activeElement?.closest<HTMLElement>('.report[data-id]')?.dataset['id'];
      if (user && from && this.#opened.has(from)) this.#focusSoon(idOf({ id: from }, 'follow'));
      this.#signedInAs = user;
    }
    const waiting = this.#waitingFor;
    // The person matters even for everyone's reports: `viewer` says what they follow and support.
    const wanted = JSON.stringify([this.resolvedApi, this.resolvedOrg, user, waiting ?? this.#query]);
    if (wanted === this.#loadedFor || !this.isConnected) return;
    this.#loadedFor = wanted;
    if (waiting) {
      this.#cancel();
      this.phase = waiting;
      this.reports = [];
      this.#opened.clear();
    } else {
      void this.#load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.phase === 'signed-out' || this.#opened.size) this.#defineSignIn();
    const focus = this.#focus;
    if (focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(focus.id)}`);
      target?.focus();
      if (target || Date.now() > focus.until) this.#focus = undefined;
    }
  }

  /** Focuses the element with this id once it is rendered (within a few seconds: after that, focus is left alone). */
  #focusSoon(id: string): void {
    this.#focus = { id, until: Date.now() + 5000 };
  }

  /** `<civic-sign-in>` comes with the script-tag bundle; a page that loads the report bundle alone gets it on first need. */
  #defineSignIn(): void {
    if (!customElements.get('civic-sign-in')) void import('@civic-elements/sign-in/define.js');
  }

  /** A report sent or supported on the page (by <civic-report-form>): the list asks again, so that it is there. */
  readonly #reportsChanged = (): void => {
    if (this.isConnected && !this.#waitingFor && this.#loadedFor) void this.#load();
  };

  #cancel(): void {
    this.#generation++;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  /** The first page; open details stay open and are fetched again (the person, or the report, may have changed). */
  async #load(): Promise<void> {
    this.#cancel();
    const generation = this.#generation;
    const controller = (this.#controller = new AbortController());
    this.phase = 'loading';
    this.problem = undefined;
    this.moreProblem = undefined;
    try {
      if (!this.resolvedApi || !this.resolvedOrg) throw new ApiError(404, 'org_not_found', 'No api or org');
      const page = await this.client.get<ReportPage>(this.#path, { query: this.#query, signal: controller.signal });
      if (generation !== this.#generation) return;
      this.reports = page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      this.phase = 'ready';
      const shown = new Set(page.items.map((report) => report.id));
      for (const id of this.#opened.keys()) {
        if (shown.has(id)) void this.#fetchDetail(id, false);
        else this.#opened.delete(id);
      }
    } catch (error) {
      if (generation !== this.#generation || (error instanceof ApiError && error.code === 'aborted')) return;
      this.phase = 'error';
      this.problem = error;
      this.#announcer.announce(errorMessage(error, this.localize));
    }
  }

  /** "Show more": the next page after the last, added below; focus moves to the first report it added. */
  async #more(): Promise<void> {
    if (this.loadingMore || !this.nextCursor) return;
    const generation = this.#generation;
    this.loadingMore = true;
    this.moreProblem = undefined;
    try {
      const page = await this.client.get<ReportPage>(this.#path, { query: { ...this.#query, cursor: this.nextCursor }, signal: this.#controller?.signal });
      if (generation !== this.#generation) return;
      const known = new Set(this.reports.map((report) => report.id));
      const added = page.items.filter((report) => !known.has(report.id));
      this.reports = [...this.reports, ...added];
      this.nextCursor = page.nextCursor;
      this.total = page.total ?? this.total;
      if (added[0]) this.#focusSoon(idOf(added[0], 'title'));
      this.#announcer.announce(this.t('report-list.more.shown', { count: added.length }));
    } catch (error) {
      if (generation !== this.#generation || (error instanceof ApiError && error.code === 'aborted')) return;
      this.moreProblem = errorMessage(error, this.localize);
      this.#announcer.announce(this.moreProblem);
    } finally {
      if (generation === this.#generation) this.loadingMore = false;
    }
  }

  #toggle(report: Report): void {
    if (this.#opened.delete(report.id)) {
      this.requestUpdate();
      return;
    }
    this.#opened.set(report.id, { status: 'loading' });
    this.requestUpdate();
    void this.#fetchDetail(report.id, true);
  }

  /** A report with its timeline; `opening` when a person has just asked for it (the event says so). */
  async #fetchDetail(id: string, opening: boolean): Promise<void> {
    const generation = this.#generation;
    const opened = this.#opened.get(id);
    if (!opened) return;
    if (opening) {
      opened.status = 'loading';
      this.requestUpdate();
    }
    try {
      const detail = await this.client.get<ReportDetail>(`${this.#path}/${encodeURIComponent(id)}`, { signal: this.#controller?.signal });
      if (generation !== this.#generation || this.#opened.get(id) !== opened) return;
      opened.status = 'ready';
      opened.detail = detail;
      opened.error = undefined;
      // The list's copy takes the fresh status and counts (and keeps its distance from the place asked about).
      const { timeline: _timeline, ...fresh } = detail;
      this.#replace(id, (report) => ({ ...fresh, ...(report.distance === undefined ? {} : { distance: report.distance }) }));
      if (opening) this.dispatchEvent(new CivicReportOpenEvent(detail));
    } catch (error) {
      if (generation !== this.#generation || this.#opened.get(id) !== opened || (error instanceof ApiError && error.code === 'aborted')) return;
      opened.status = 'error';
      opened.error = errorMessage(error, this.localize);
      this.#announcer.announce(opened.error);
    }
    this.requestUpdate();
  }

  #replace(id: string, change: (report: Report) => Report): void {
    this.reports = this.reports.map((report) => (report.id === id ? change(report) : report));
  }

  /** Follow or support, or undo it: PUT or DELETE `…/reports/:id/follow` (or `/support`); the counts come back. */
  async #relate(id: string, relation: Relation): Promise<void> {
    const opened = this.#opened.get(id);
    const report = this.reports.find((candidate) => candidate.id === id);
    if (!opened || !report || opened.busy || !this.session?.signedIn) return;
    const viewer = report.viewer ?? opened.detail?.viewer;
    const on = !(relation === 'follow' ? viewer?.following : viewer?.supported);
    opened.busy = relation;
    opened.problem = undefined;
    this.requestUpdate();
    try {
      const answer = await this.client.request<ReportRelation>(on ? 'PUT' : 'DELETE', `${this.#path}/${encodeURIComponent(id)}/${relation}`);
      const apply = <R extends Report>(target: R): R => ({
        ...target,
        supportCount: answer.supportCount,
        followerCount: answer.followerCount,
        viewer: { mine: target.viewer?.mine ?? false, following: answer.following, supported: answer.supported },
      });
      this.#replace(id, apply);
      if (opened.detail) opened.detail = apply(opened.detail);
      const updated = this.reports.find((candidate) => candidate.id === id) ?? report;
      const reference = report.reference;
      if (relation === 'follow') {
        this.#announcer.announce(this.t(answer.following ? 'report-list.announce.followed' : 'report-list.announce.unfollowed', { reference }));
        this.dispatchEvent(new CivicReportFollowChangeEvent(updated, answer));
      } else {
        this.#announcer.announce(answer.supported
          ? this.t('report-list.announce.supported', { reference, count: answer.supportCount })
          : this.t('report-list.announce.unsupported', { reference }));
        this.dispatchEvent(new CivicReportSupportChangeEvent(updated, answer));
      }
    } catch (error) {
      opened.problem = errorMessage(error, this.localize);
      this.#announcer.announce(opened.problem);
    } finally {
      opened.busy = undefined;
      this.requestUpdate();
    }
  }

  /** "Use my location": the reader's position becomes the place (and the list loads for it). */
  #locate(): void {
    if (this.locating) return;
    const geolocation = globalThis.navigator?.geolocation;
    this.locateProblem = undefined;
    if (!geolocation) {
      this.locateProblem = this.t('report-list.locate.unsupported');
      this.#announcer.announce(this.locateProblem);
      return;
    }
    this.locating = true;
    this.#announcer.announce(this.t('report-list.locate.busy'));
    geolocation.getCurrentPosition(
      ({ coords }) => {
        this.locating = false;
        this.place = [Math.round(coords.longitude * 1e6) / 1e6, Math.round(coords.latitude * 1e6) / 1e6];
      },
      (error) => {
        // GeolocationPositionError: 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT.
        this.locating = false;
        this.locateProblem = this.t(error.code === 1 ? 'report-list.locate.denied' : 'report-list.locate.unavailable');
        this.#announcer.announce(this.locateProblem);
        this.#focusSoon('locate');
      },
      { timeout: 15_000, maximumAge: 60_000 },
    );
  }

  #emptyText(): string {
    const show = this.#show;
    if (show === 'mine' || show === 'following') return this.t(`report-list.empty.${show}`);
    const filtered = [this.category, this.status].some((value) => value?.trim()) || (this.open !== null && this.open !== undefined);
    if (filtered) return this.t('report-list.empty.filtered');
    return this.#place ? this.t('report-list.empty.near', { distance: distance(this.localize.lang, radiusOf(this.radius)) }) : this.t('report-list.empty.all');
  }

  protected renderContent(): unknown {
    const phase = this.phase;
    const empty = phase === 'ready' && this.reports.length === 0;
    return html`${this.#announcer.render()}
      <div class="signed-out" part="signed-out" ?hidden=${phase !== 'signed-out'}>
        <slot name="signed-out">${phase === 'signed-out'
          ? html`<p>${this.t(`report-list.signed-out.${this.#show === 'following' ? 'following' : 'mine'}`)}</p>
            <civic-sign-in compact api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in>`
          : nothing}</slot>
      </div>
      ${phase === 'locate' ? this.#renderLocate() : nothing}
      ${phase === 'loading' && !this.reports.length ? html`<p class="loading" part="loading">${this.t('report-list.loading')}</p>` : nothing}
      ${phase === 'error'
        ? html`<div class="problem" part="error"><p>${errorMessage(this.problem, this.localize)}</p>
            ${button({ label: this.t('report-list.retry'), variant: 'secondary', onClick: () => void this.#load() })}</div>`
        : nothing}
      ${(phase === 'ready' || phase === 'loading') && this.reports.length ? this.#renderReports(phase === 'loading') : nothing}
      <div class="empty" part="empty" ?hidden=${!empty}><slot name="empty">${empty ? html`<p>${this.#emptyText()}</p>` : nothing}</slot></div>`;
  }

  #renderLocate(): TemplateResult {
    return html`<div class="locate" part="locate">
      <p id="locate-hint">${this.t('report-list.locate.hint')}</p>
      ${this.locateProblem
        ? html`<p id="locate-error" class="error-message" part="error"><span class="visually-hidden">${this.t('core.error.prefix')} </span>${this.locateProblem}</p>`
        : nothing}
      ${button({
        id: 'locate', label: this.t('report-list.locate'), variant: 'secondary', part: 'button locate-button',
        busy: this.locating, busyLabel: this.t('report-list.locate.busy'), onClick: () => this.#locate(),
      })}
    </div>`;
  }

  /** The reports; `refreshing` while they are asked for again (they stay, so that nobody loses their place). */
  #renderReports(refreshing: boolean): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const common = {
      t, lang: this.localize.lang, level: Number.isFinite(this.headingLevel) ? this.headingLevel : 3,
      signedIn: !!this.session?.signedIn, api: this.resolvedApi, org: this.resolvedOrg,
    };
    return html`<p class="count" part="count">${countText(t, this.reports.length, this.total)}</p>
      <ul class="reports" part="list" aria-busy=${refreshing ? 'true' : 'false'}>
        ${this.reports.map((report) => renderItem({
          ...common, report, opened: this.#opened.get(report.id),
          toggle: () => this.#toggle(report),
          retry: () => void this.#fetchDetail(report.id, true),
          follow: () => void this.#relate(report.id, 'follow'),
          support: () => void this.#relate(report.id, 'support'),
        }))}
      </ul>
      ${this.moreProblem ? html`<p class="error-message" part="error">${this.moreProblem}</p>` : nothing}
      ${this.nextCursor
        ? button({
          id: 'more', label: this.t('report-list.more'), variant: 'secondary', part: 'button more',
          busy: this.loadingMore, busyLabel: this.t('report-list.more.loading'), onClick: () => void this.#more(),
        })
        : nothing}`;
  }
}
