// <civic-map-project-editor>: an officer's set-up of map projects: list, create, edit, archive, and each project's moderation queue.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  ApiError, CivicElement, LiveAnnouncer, button, errorMessage, errorSummary, fieldsMessages, formStyles, uiStyles, type SummaryError,
} from '@civic-elements/core';
import { bboxPolygon } from '@civic-elements/protocol/geometry-checks';
import type { MapProject, OrgPublic, Polygon, Role } from '@civic-elements/protocol';
import { renderCategories } from './category-editor.js';
import { input, radios, textarea } from './editor-controls.js';
import type { CivicGeometryChangeEvent } from './events.js';
import { CivicProjectSavedEvent } from './form-events.js';
import { formsMessages } from './messages-forms.js';
import { styles } from './project-editor.styles.js';
import { checkDraft, controlFor, draftFromProject, memberEmails, newProjectDraft, requestBody, type ProjectDraft } from './project-draft.js';
import { ReviewQueue } from './review-queue.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };
/** Roles that may set up map projects and moderate them (the API's `maps.manage` and `maps.moderate`). */
const STAFF: readonly Role[] = ['officer', 'moderator', 'admin'];

type View = 'list' | 'edit' | 'review';

/**
 * Where officers set up participatory map projects: the organisation's projects, and a form to
 * create or change one (title, description, area drawn on a map or the organisation's whole area,
 * who may contribute, publish at once or review first, categories with their colour, symbol and
 * questions, members), archive or restore it, and each project's moderation queue (approve, reject,
 * restore, with a note). Officers, moderators and admins of the organisation can use it; anyone
 * else is told that they need to be an officer.
 *
 * @summary Officers' set-up of map projects, and their moderation queue.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr basemap - Passed to the area map: `osm` (default), `none` or a MapLibre style URL.
 * @attr worker-url - Passed to the area map: where maplibre's worker loads from (for a strict CSP).
 *
 * @slot signed-out - Shown to signed-out visitors instead of the built-in sign-in (for a page that has its own).
 *
 * @event {CivicProjectSavedEvent} civic-project-saved - A project was created, changed, archived or restored; `event.project`.
 * @event {CivicContributionModeratedEvent} civic-contribution-moderated - A contribution was approved, rejected or restored; `event.feature`, `event.action`.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart heading - Each view's heading.
 * @csspart form - The project form.
 * @csspart field - A control's wrapper (label, hint, error, control).
 * @csspart fieldset - A group of radios.
 * @csspart label - A control's label or legend.
 * @csspart hint - A control's hint.
 * @csspart input - Text inputs, textareas and selects.
 * @csspart error - An inline error message.
 * @csspart error-summary - The "There is a problem" box.
 * @csspart projects - The list of projects.
 * @csspart project - One project in the list.
 * @csspart category - One category's fieldset.
 * @csspart question - One question of a category.
 * @csspart area-map - The `<civic-map>` the area is drawn on.
 * @csspart review-item - One contribution in the moderation queue.
 * @csspart notice - Success and permission messages.
 * @csspart button - Every button.
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-color-primary - Buttons and links (default #1d70b8).
 * @cssproperty --civic-color-error - Errors and "Reject" (default #d4351c).
 * @cssproperty --civic-color-success - Success messages (default #00703c).
 * @cssproperty --civic-color-muted - Hints (default #505a5f).
 * @cssproperty --civic-color-border - Borders (default #505a5f).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 * @cssproperty --civic-map-height - Height of the area map (default `<civic-map>`'s, 28rem).
 */
export class CivicMapProjectEditor extends CivicElement {
  static override styles = [...CivicElement.styles, uiStyles, formStyles, styles];
  static override messages = [...CivicElement.messages, fieldsMessages, formsMessages];
  static override properties = {
    basemap: {},
    workerUrl: { attribute: 'worker-url' },
    view: state,
    orgInfo: state,
    projects: state,
    listStatus: state,
    draft: state,
    errors: state,
    problem: state,
    busy: state,
    notice: state,
  };

  /** Passed to the area map: `osm` (default), `none` or a MapLibre style URL. */
  declare basemap?: string;
  /** Passed to the area map: where maplibre's worker loads from. */
  declare workerUrl?: string;

  view: View = 'list';
  private orgInfo: OrgPublic | undefined;
  private projects: MapProject[] = [];
  private listStatus: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  private draft: ProjectDraft = newProjectDraft();
  private errors: Record<string, string> = {};
  private problem = '';
  private busy = '';
  /** The outcome of the last save, shown (and focused) above the list. */
  private notice = '';

  readonly #announcer = new LiveAnnouncer(this);
  readonly #review = new ReviewQueue(this, {
    client: () => this.client,
    org: () => this.resolvedOrg,
    localize: () => this.localize,
    announce: (message) => this.#announcer.announce(message),
  });
  #orgKey = '';
  #listKey = '';
  #listError = '';
  #areaProblem = '';
  #extentArea: [OrgPublic['map']['extent'], Polygon] | undefined;
  #focus: string | undefined;

  get #path(): string {
    return `/v1/orgs/${encodeURIComponent(this.resolvedOrg)}/projects`;
  }

  /** The signed-in person's role in this organisation, if they are a member. */
  get #role(): Role | undefined {
    return this.session?.memberships.find((m) => m.org === this.resolvedOrg)?.role;
  }

  get #staff(): boolean {
    return STAFF.includes(this.#role!);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.resolvedApi || !this.resolvedOrg || !this.isConnected) return;
    const orgKey = `${this.resolvedApi} ${this.resolvedOrg}`;
    if (orgKey !== this.#orgKey) {
      this.#orgKey = orgKey;
      this.client.get<OrgPublic>(`/v1/orgs/${encodeURIComponent(this.resolvedOrg)}`).then(
        (org) => (this.orgInfo = org),
        () => undefined, // the name only words the messages; the list shows its own error
      );
    }
    const listKey = `${orgKey} ${this.session?.user?.id ?? ''} ${this.#staff}`;
    if (listKey !== this.#listKey) {
      this.#listKey = listKey;
      this.view = 'list';
      this.projects = [];
      if (this.#staff) void this.#loadList();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      this.#focus = undefined;
      target?.focus();
    }
  }

  #focusAfterRender(selector: string): void {
    this.#focus = selector;
    this.requestUpdate();
  }

  async #loadList(): Promise<void> {
    this.listStatus = 'loading';
    try {
      const projects: MapProject[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: MapProject[]; nextCursor: string | null } = await this.client.get(this.#path, { query: { limit: 100, ...(cursor ? { cursor } : {}) } });
        projects.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      this.projects = projects;
      this.listStatus = 'ready';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      this.#listError = errorMessage(error, this.localize);
      this.listStatus = 'error';
    }
  }

  #show(view: View, focus = '#view-heading'): void {
    this.view = view;
    this.errors = {};
    this.problem = '';
    this.#focusAfterRender(focus);
  }

  #create(): void {
    this.draft = newProjectDraft();
    this.#areaProblem = '';
    this.notice = '';
    this.#show('edit');
  }

  async #edit(project: MapProject): Promise<void> {
    this.notice = '';
    this.#areaProblem = '';
    let members: string[] = [];
    if (project.contribute === 'members') {
      members = await this.client.get<{ emails: string[] }>(`${this.#path}/${encodeURIComponent(project.id)}/members`).then((r) => r.emails, () => []);
    }
    this.draft = draftFromProject(project, this.orgInfo?.map.extent, members);
    this.#show('edit');
  }

  #openReview(project: MapProject): void {
    this.notice = '';
    void this.#review.load(project);
    this.#show('review');
  }

  #backToList(notice = ''): void {
    this.notice = notice;
    void this.#loadList();
    this.#show('list', notice ? '#notice' : '#view-heading');
  }

  #change(changes: Partial<ProjectDraft>): void {
    this.draft = { ...this.draft, ...changes };
  }

  #showErrors(errors: Record<string, string>, problem = ''): void {
    this.errors = errors;
    this.problem = problem;
    this.#announcer.announce([this.t('core.error-summary.title'), ...Object.values(errors), problem].filter(Boolean).join('. '));
    this.#focusAfterRender('.error-summary');
  }

  /** The API refused: its messages next to the controls they are about, the rest in the summary. */
  #fail(error: unknown): void {
    if (error instanceof ApiError && error.code === 'aborted') return;
    if (!(error instanceof ApiError) || error.code !== 'validation_failed') return this.#showErrors({}, errorMessage(error, this.localize));
    const errors: Record<string, string> = {};
    const leftOver: string[] = [];
    for (const [path, message] of Object.entries(error.fields)) {
      const id = controlFor(path);
      if (id && (id !== 'members' || this.draft.contribute === 'members')) errors[id] ??= message;
      else leftOver.push(message);
    }
    this.#showErrors(errors, leftOver.join(' ') || (Object.keys(errors).length ? '' : errorMessage(error, this.localize)));
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.orgInfo) return;
    const draft = this.draft;
    const errors = checkDraft(draft, (key, params) => this.t(key, params), this.#areaProblem);
    if (Object.keys(errors).length) return this.#showErrors(errors);
    this.busy = 'save';
    this.errors = {};
    this.problem = '';
    try {
      const body = requestBody(draft, this.orgInfo.map.extent);
      const project = draft.id
        ? await this.client.request<MapProject>('PATCH', `${this.#path}/${encodeURIComponent(draft.id)}`, { body })
        : await this.client.post<MapProject>(this.#path, body);
      this.dispatchEvent(new CivicProjectSavedEvent(project));
      if (draft.contribute === 'members') {
        try {
          await this.client.request('PUT', `${this.#path}/${encodeURIComponent(project.id)}/members`, { body: { emails: memberEmails(draft.members) } });
        } catch (error) {
          // The project is saved: the next save changes it rather than creating a second one.
          this.draft = draftFromProject(project, this.orgInfo.map.extent, memberEmails(draft.members));
          return this.#fail(error);
        }
      }
      const notice = this.t(draft.id ? 'map-editor.saved' : 'map-editor.created', { title: project.title });
      this.#announcer.announce(notice);
      this.#backToList(notice);
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = '';
    }
  }

  async #setStatus(status: 'active' | 'archived'): Promise<void> {
    const id = this.draft.id;
    if (this.busy || !id) return;
    this.busy = status;
    try {
      const project = await this.client.request<MapProject>('PATCH', `${this.#path}/${encodeURIComponent(id)}`, { body: { status } });
      this.dispatchEvent(new CivicProjectSavedEvent(project));
      const notice = this.t(status === 'archived' ? 'map-editor.archived' : 'map-editor.restored', { title: project.title });
      this.#announcer.announce(notice);
      this.#backToList(notice);
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = '';
    }
  }

  protected renderContent(): unknown {
    return html`${this.#announcer.render()}${this.#renderView()}`;
  }

  #renderView(): unknown {
    const orgName = this.orgInfo?.name ?? this.resolvedOrg;
    if (!this.session?.signedIn) {
      return html`<h2 id="view-heading" class="heading" part="heading" tabindex="-1">${this.t('map-editor.heading')}</h2>
        <slot name="signed-out"><p class="lead">${this.t('map-editor.sign-in', { org: orgName })}</p>
          <civic-sign-in api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in></slot>`;
    }
    if (!this.#staff) {
      return html`<h2 id="view-heading" class="heading" part="heading" tabindex="-1">${this.t('map-editor.heading')}</h2>
        <div class="notice" part="notice"><p>${this.t('map-editor.not-officer', { org: orgName })}</p>
          <p>${this.t('map-editor.not-officer.ask', { org: orgName })}</p></div>`;
    }
    switch (this.view) {
      case 'list':
        return this.#renderList();
      case 'edit':
        return this.#renderEdit();
      case 'review':
        return this.#review.render(() => this.#backToList());
    }
  }

  #renderList(): TemplateResult {
    return html`<h2 id="view-heading" class="heading" part="heading" tabindex="-1">${this.t('map-editor.heading')}</h2>
      ${this.notice ? html`<div id="notice" class="success" part="notice" tabindex="-1" role="status"><p>${this.notice}</p></div>` : nothing}
      <p class="lead">${this.t('map-editor.lead', { org: this.orgInfo?.name ?? this.resolvedOrg })}</p>
      ${button({ label: this.t('map-editor.create'), onClick: () => this.#create() })}
      ${this.listStatus === 'loading' && this.projects.length === 0 ? html`<p class="lead" role="status">${this.t('map-editor.loading')}</p>` : nothing}
      ${this.listStatus === 'error'
        ? html`<div class="notice" part="notice"><p>${this.#listError}</p>${button({ label: this.t('map-editor.retry'), variant: 'secondary', onClick: () => void this.#loadList() })}</div>`
        : nothing}
      ${this.listStatus === 'ready' && this.projects.length === 0 ? html`<p class="lead">${this.t('map-editor.empty')}</p>` : nothing}
      ${this.projects.length
        ? html`<ul class="projects" part="projects">${this.projects.map((project) => this.#renderProject(project))}</ul>`
        : nothing}`;
  }

  #renderProject(project: MapProject): TemplateResult {
    const meta = [
      this.t(`map-editor.project.${project.status}`),
      this.t('map-editor.project.contributions', { count: project.contributionCount }),
      this.t(`map-editor.contribute.${project.contribute}.short`),
      this.t(`map-editor.moderation.${project.moderation}.short`),
    ];
    return html`<li class="project ${project.status === 'archived' ? 'project--archived' : ''}" part="project">
      <h3 class="project__title">${project.title}</h3>
      <p class="project__meta">${meta.join(' · ')}</p>
      <div class="actions">
        <button class="button button--secondary" part="button" type="button" @click=${() => void this.#edit(project)}>${this.t('map-editor.edit')}<span class="visually-hidden"> ${project.title}</span></button>
        <button class="button button--secondary" part="button" type="button" @click=${() => this.#openReview(project)}>${this.t('map-editor.review')}<span class="visually-hidden"> ${this.t('map-editor.context.project', { title: project.title })}</span></button>
      </div>
    </li>`;
  }

  #summary(): unknown {
    const errors: SummaryError[] = Object.entries(this.errors).map(([fieldId, message]) => ({ message, fieldId }));
    if (this.problem) errors.push({ message: this.problem });
    return errorSummary(this.t('core.error-summary.title'), errors);
  }

  #renderEdit(): TemplateResult {
    const draft = this.draft;
    const prefix = this.t('core.error.prefix');
    const orgName = this.orgInfo?.name ?? this.resolvedOrg;
    const option = (group: string, value: string) => ({ value, label: this.t(`map-editor.${group}.${value}`), hint: this.t(`map-editor.${group}.${value}.hint`) });
    return html`<p class="back">${button({ label: this.t('map-editor.back'), variant: 'link', onClick: () => this.#backToList() })}</p>
      <h2 id="view-heading" class="heading" part="heading" tabindex="-1">${draft.id ? this.t('map-editor.edit.heading', { title: draft.title }) : this.t('map-editor.create.heading')}</h2>
      ${draft.status === 'archived' ? html`<p class="notice" part="notice">${this.t('map-editor.archived.notice')}</p>` : nothing}
      <form part="form" novalidate @submit=${this.#save}>
        ${this.#summary()}
        ${input({ id: 'title', label: this.t('map-editor.title'), hint: this.t('map-editor.title.hint'), errorPrefix: prefix, error: this.errors['title'],
          maxlength: 140, value: draft.title, onInput: (title) => this.#change({ title }) })}
        ${textarea({ id: 'description', label: this.t('map-editor.description'), hint: this.t('map-editor.description.hint'), errorPrefix: prefix,
          error: this.errors['description'], maxlength: 5000, rows: 5, value: draft.description, onInput: (description) => this.#change({ description }) })}
        ${this.#renderArea(orgName)}
        ${radios({ name: 'contribute', legend: this.t('map-editor.contribute'), errorPrefix: prefix, error: this.errors['contribute-0'], value: draft.contribute,
          options: ['residents', 'members', 'nobody'].map((v) => option('contribute', v)), onChange: (v) => this.#change({ contribute: v as ProjectDraft['contribute'] }) })}
        ${draft.contribute === 'members'
          ? textarea({ id: 'members', label: this.t('map-editor.members'), hint: this.t('map-editor.members.hint'), errorPrefix: prefix, error: this.errors['members'],
              rows: 4, value: draft.members, onInput: (members) => this.#change({ members }) })
          : nothing}
        ${radios({ name: 'moderation', legend: this.t('map-editor.moderation'), errorPrefix: prefix, error: this.errors['moderation-0'], value: draft.moderation,
          options: ['publish', 'review'].map((v) => option('moderation', v)), onChange: (v) => this.#change({ moderation: v as ProjectDraft['moderation'] }) })}
        ${renderCategories({
          categories: draft.categories, errors: this.errors, t: (key, params) => this.t(key, params),
          change: (categories, focus) => {
            this.#change({ categories });
            if (focus) this.#focusAfterRender(`#${focus}`);
          },
        })}
        <div class="actions form-actions">
          ${button({ label: this.t(draft.id ? 'map-editor.save' : 'map-editor.create.submit'), busyLabel: this.t('map-editor.saving'), type: 'submit', busy: this.busy === 'save' })}
          ${draft.id
            ? draft.status === 'active'
              ? button({ label: this.t('map-editor.archive'), variant: 'secondary', busy: this.busy === 'archived', onClick: () => void this.#setStatus('archived') })
              : button({ label: this.t('map-editor.restore'), variant: 'secondary', busy: this.busy === 'active', onClick: () => void this.#setStatus('active') })
            : nothing}
        </div>
      </form>`;
  }

  #renderArea(orgName: string): TemplateResult {
    const draft = this.draft;
    const error = this.errors['area'];
    const extent = this.orgInfo?.map.extent;
    return html`<div class="area">
      ${radios({
        name: 'area-mode', firstId: 'area', legend: this.t('map-editor.area'), hint: this.t('map-editor.area.hint'), errorPrefix: this.t('core.error.prefix'), error,
        value: draft.areaMode,
        options: [
          { value: 'org', label: this.t('map-editor.area.org', { org: orgName }) },
          { value: 'draw', label: this.t('map-editor.area.draw') },
        ],
        onChange: (mode) => this.#change({ areaMode: mode as ProjectDraft['areaMode'] }),
      })}
      ${draft.areaMode === 'draw'
        ? html`<civic-map class="area-map" part="area-map" mode="draw" geometry-type="polygon" name="area" required
            api=${this.resolvedApi} org=${this.resolvedOrg} basemap=${this.basemap ?? nothing} worker-url=${this.workerUrl ?? nothing}
            .value=${draft.area} .area=${this.#orgArea(extent)}
            @civic-geometry-change=${(event: CivicGeometryChangeEvent) => this.#areaChanged(event)}></civic-map>`
        : nothing}
    </div>`;
  }

  /** The organisation's extent as a polygon: the same object from one render to the next, so the map does not recheck its drawing each time. */
  #orgArea(extent: OrgPublic['map']['extent'] | undefined): Polygon | undefined {
    if (!extent) return undefined;
    if (this.#extentArea?.[0] !== extent) this.#extentArea = [extent, bboxPolygon(extent)];
    return this.#extentArea[1];
  }

  #areaChanged(event: CivicGeometryChangeEvent): void {
    const { geometry, problems } = event;
    this.#areaProblem = problems.length ? this.t('map-editor.error.area.invalid') : '';
    this.#change({ area: geometry?.type === 'Polygon' ? geometry : null });
  }
}
