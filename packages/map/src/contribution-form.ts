// <civic-contribution-form>: what a resident adds to a map project: a category, its questions and up to 5 photos.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import {
  ApiError, CivicElement, LiveAnnouncer, PhotoList, button, checkFields, cleanInputs, errorMessage, errorSummary, fieldId, fieldsMessages,
  formatNumber, formStyles, photoStyles, renderFields, toFieldValues, uiStyles, type FieldInputs, type SummaryError,
} from '@civic-elements/core';
import type { Category, ContributionCreate, ContributionFeature, Geometry, MapProject } from '@civic-elements/protocol';
import { styles } from './contribution-form.styles.js';
import { readContributionDraft, writeContributionDraft } from './contribution-draft.js';
import { CivicBeforeContributionSubmitEvent, CivicContributionSubmittedEvent } from './form-events.js';
import { formsMessages } from './messages-forms.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };
/** More categories than this show as a select rather than radios. */
const CATEGORY_RADIOS = 6;

type Access = 'unknown' | 'open' | 'signed-out' | 'archived' | 'nobody' | 'members' | 'refused';

/**
 * The form of a map project: a resident chooses what they are adding (the project's category),
 * answers that category's questions, adds up to 5 photos (made smaller in the browser before they
 * are sent) and sends it with the geometry the map drew. Bad answers are explained next to each
 * question and in an error summary; what was typed is kept as a draft until it has been sent.
 * Signed-out residents are shown `<civic-sign-in>`.
 *
 * Usually `<civic-map project="…">` shows it when a resident selects "Add to this map"; a page can
 * also place it beside a `<civic-map mode="draw">` and pass the drawn geometry.
 *
 * @summary Add a contribution to a map project: category, questions, photos.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 *
 * @prop {MapProject} project - The project, as `GET /v1/orgs/:org/projects/:id` answers it.
 * @prop {Geometry | null} geometry - Where the contribution is: set by the map while the resident draws.
 *
 * @event {CivicBeforeContributionSubmitEvent} civic-before-contribution-submit - Cancelable; `event.feature` is about to be sent.
 * @event {CivicContributionSubmittedEvent} civic-contribution-submitted - Stored; `event.feature` as the API answered.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart heading - The form's heading.
 * @csspart form - The form.
 * @csspart location - The line saying what has been drawn on the map.
 * @csspart field - A question's wrapper (label, hint, error, control).
 * @csspart fieldset - A group of radios or checkboxes.
 * @csspart label - A question's label or legend.
 * @csspart hint - A question's hint.
 * @csspart input - A text, number, date or time input, a textarea or a select.
 * @csspart count - The characters-left count under a text question.
 * @csspart error - A question's inline error message.
 * @csspart error-summary - The "There is a problem" box.
 * @csspart photos - The list of photos.
 * @csspart photo - One photo: preview, name, progress and "Remove".
 * @csspart progress - A photo's upload progress bar.
 * @csspart button - Every button.
 * @csspart success - The "Thank you" message after sending.
 * @csspart notice - Why this person cannot add to the project.
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-color-primary - Buttons, links and chosen radios (default #1d70b8).
 * @cssproperty --civic-color-error - Errors (default #d4351c).
 * @cssproperty --civic-color-success - The "Thank you" box (default #00703c).
 * @cssproperty --civic-color-muted - Hints and counts (default #505a5f).
 * @cssproperty --civic-color-border - Input borders (default #505a5f).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 */
export class CivicContributionForm extends CivicElement {
  static override styles = [...CivicElement.styles, uiStyles, formStyles, photoStyles, styles];
  static override messages = [...CivicElement.messages, fieldsMessages, formsMessages];
  static override properties = {
    project: { attribute: false },
    geometry: { attribute: false },
    category: state,
    inputs: state,
    errors: state,
    problem: state,
    busy: state,
    sent: state,
    access: state,
  };

  /** The project, as `GET /v1/orgs/:org/projects/:id` answers it. */
  project: MapProject | undefined;
  /** Where the contribution is: set by the map while the resident draws. */
  geometry: Geometry | null = null;

  /** The chosen category's id. */
  category = '';
  /** What the controls hold, by field key. */
  inputs: FieldInputs = {};
  private errors: Record<string, string> = {};
  private problem = '';
  private busy = false;
  /** The contribution just stored, for the "Thank you" message. */
  private sent: ContributionFeature | undefined;
  /** What this person may do here (`you` from the API, read for the signed-in person). */
  private access: Access = 'unknown';

  readonly #announcer = new LiveAnnouncer(this);
  readonly #photos = new PhotoList(this, {
    api: () => this.resolvedApi,
    org: () => this.resolvedOrg,
    session: () => this.session,
    t: (key, params) => this.t(key, params),
    localize: () => this.localize,
    announce: (message) => this.#announcer.announce(message),
  });
  #draftKey = '';
  #accessKey = '';
  #focus: string | undefined;

  get #ready(): boolean {
    return !!(this.resolvedApi && this.resolvedOrg && this.project);
  }

  /** The categories that take contributions. */
  get #categories(): Category[] {
    return this.project?.categories ?? [];
  }

  get #chosen(): Category | undefined {
    return this.#categories.find((c) => c.id === this.category);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const project = this.project;
    if (!project || !this.#ready) return;
    const key = `${this.resolvedApi} ${this.resolvedOrg} ${project.id}`;
    if (key !== this.#draftKey) {
      this.#draftKey = key;
      const draft = readContributionDraft(this.resolvedApi, this.resolvedOrg, project.id);
      const category = project.categories.find((c) => c.id === draft?.category);
      this.category = category?.id ?? (project.categories.length === 1 ? project.categories[0]!.id : '');
      this.inputs = category ? cleanInputs(category.fields, draft!.inputs) : {};
      this.errors = {};
      this.problem = '';
      this.sent = undefined;
    }
    this.#checkAccess(project);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if ((changed.has('category') || changed.has('inputs')) && this.#ready && this.#draftKey) {
      const answered = Object.values(this.inputs).some((v) => (Array.isArray(v) ? v.length > 0 : v.trim() !== ''));
      const several = this.#categories.length > 1;
      writeContributionDraft(this.resolvedApi, this.resolvedOrg, this.project!.id,
        answered || (several && this.category) ? { category: this.category, inputs: this.inputs } : undefined);
    }
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      this.#focus = undefined;
      target?.focus();
    }
  }

  /** Works out whether this person may add to the project; asks the API what it says for them once per person. */
  #checkAccess(project: MapProject): void {
    const user = this.session?.user;
    let access: Access = project.status === 'archived' ? 'archived' : project.contribute === 'nobody' ? 'nobody' : !user ? 'signed-out' : 'unknown';
    const key = `${project.id} ${user?.id ?? ''}`;
    if (access === 'unknown') {
      if (key === this.#accessKey) return; // the answer for this person is on its way or in
      this.#accessKey = key;
      access = project.you ? (project.you.canContribute ? 'open' : project.contribute === 'members' ? 'members' : 'refused') : 'open';
      this.client
        .get<MapProject>(`/v1/orgs/${encodeURIComponent(this.resolvedOrg)}/projects/${encodeURIComponent(project.id)}`)
        .then((fresh) => {
          if (this.#accessKey !== key || !fresh.you) return;
          this.access = fresh.status === 'archived' ? 'archived' : fresh.you.canContribute ? 'open' : fresh.contribute === 'members' ? 'members' : 'refused';
        })
        .catch(() => undefined); // the form stays open; the API has the last word when it is sent
    } else {
      this.#accessKey = '';
    }
    this.access = access;
  }

  #focusAfterRender(selector: string): void {
    this.#focus = selector;
    this.requestUpdate();
  }

  #setInput(key: string, value: string | string[]): void {
    this.inputs = { ...this.inputs, [key]: value };
  }

  #chooseCategory(id: string): void {
    this.category = id;
    this.errors = {};
    this.problem = '';
  }

  /** Every problem the browser can see before sending, by the id of the control in error. */
  #check(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!this.geometry) errors['location'] = this.t('map-form.location.required');
    const category = this.#chosen;
    if (!category) errors['category'] = this.t('map-form.category.required');
    else for (const [key, message] of Object.entries(checkFields(category.fields, this.inputs, this.t.bind(this)))) errors[fieldId(key)] = message;
    const photoProblem = this.#photos.problem();
    if (photoProblem) errors['photos'] = photoProblem;
    return errors;
  }

  #showErrors(errors: Record<string, string>, problem = ''): void {
    this.errors = errors;
    this.problem = problem;
    this.#announcer.announce([this.t('core.error-summary.title'), ...Object.values(errors), problem].filter(Boolean).join('. '));
    this.#focusAfterRender('.error-summary');
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.project) return;
    const errors = this.#check();
    if (Object.keys(errors).length > 0) return this.#showErrors(errors);
    const category = this.#chosen!;
    const feature: ContributionCreate = {
      type: 'Feature',
      geometry: this.geometry!,
      properties: { category: category.id, fields: toFieldValues(category.fields, this.inputs), photos: this.#photos.ids() },
    };
    if (!this.dispatchEvent(new CivicBeforeContributionSubmitEvent(feature))) return;
    this.busy = true;
    this.errors = {};
    this.problem = '';
    try {
      const path = `/v1/orgs/${encodeURIComponent(this.resolvedOrg)}/projects/${encodeURIComponent(this.project.id)}/contributions`;
      const stored = await this.client.post<ContributionFeature>(path, feature);
      writeContributionDraft(this.resolvedApi, this.resolvedOrg, this.project.id, undefined);
      this.inputs = {};
      this.category = this.#categories.length === 1 ? category.id : '';
      this.#photos.clear();
      this.sent = stored;
      this.dispatchEvent(new CivicContributionSubmittedEvent(stored));
      this.#announcer.announce(this.#sentMessage(stored));
      this.#focusAfterRender('#sent');
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  /** Maps the API's refusal onto the controls: `properties.fields.<key>` next to its question, and so on. */
  #fail(error: unknown): void {
    if (error instanceof ApiError && error.code === 'aborted') return;
    if (!(error instanceof ApiError) || error.code !== 'validation_failed') {
      if (error instanceof ApiError && error.status === 403) this.#accessKey = ''; // ask again what this person may do
      return this.#showErrors({}, errorMessage(error, this.localize));
    }
    const errors: Record<string, string> = {};
    const leftOver: string[] = [];
    const fields = new Set(this.#chosen?.fields.map((f) => f.key));
    for (const [path, message] of Object.entries(error.fields)) {
      const [head, second, third] = path.split('.');
      let id: string | undefined;
      if (head === 'geometry') id = 'location';
      else if (head === 'properties' && second === 'category') id = 'category';
      else if (head === 'properties' && second === 'fields' && third && fields.has(third)) id = fieldId(third);
      else if (head === 'properties' && second === 'photos') {
        id = 'photos';
        if (third !== undefined) this.#photos.markFailed(Number(third), message);
      }
      // The API's own words, already plain English; the first problem of each control is shown.
      if (id) errors[id] ??= message;
      else leftOver.push(message);
    }
    this.#showErrors(errors, leftOver.join(' ') || (Object.keys(errors).length ? '' : errorMessage(error, this.localize)));
  }

  #sentMessage(feature: ContributionFeature): string {
    return this.t(feature.properties.status === 'pending' ? 'map-form.sent.pending' : 'map-form.sent.published', { title: feature.properties.title });
  }

  protected renderContent(): unknown {
    const project = this.project;
    if (!project) return html`${this.#announcer.render()}`;
    return html`${this.#announcer.render()}
      <h2 id="heading" class="heading" part="heading" tabindex="-1">${this.t('map-form.heading', { title: project.title })}</h2>
      ${this.#renderBody(project)}`;
  }

  #renderBody(project: MapProject): unknown {
    switch (this.access) {
      case 'signed-out':
        return html`<p class="lead">${this.t('map-form.sign-in')}</p>
          <civic-sign-in api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in>`;
      case 'archived':
      case 'nobody':
      case 'members':
      case 'refused':
        return html`<p class="notice" part="notice">${this.t(`map-form.closed.${this.access}`)}</p>`;
    }
    if (this.sent) {
      return html`<div id="sent" class="success" part="success" tabindex="-1" role="region" aria-labelledby="sent-title">
        <h3 id="sent-title" class="success__title">${this.t('map-form.sent.title')}</h3>
        <p>${this.#sentMessage(this.sent)}</p>
        ${button({ label: this.t('map-form.add-another'), variant: 'secondary', onClick: () => { this.sent = undefined; this.#focusAfterRender('#heading'); } })}
      </div>`;
    }
    const category = this.#chosen;
    return html`<form part="form" novalidate @submit=${this.#submit}>
      ${this.#summary()}
      ${project.description ? html`<p class="lead">${project.description}</p>` : nothing}
      ${this.#renderLocation()}
      ${this.#renderCategories()}
      ${category
        ? renderFields({
            fields: category.fields, inputs: this.inputs, lang: this.localize.lang,
            errors: Object.fromEntries(category.fields.map((f) => [f.key, this.errors[fieldId(f.key)]]).filter(([, m]) => m)),
            t: (key, params) => this.t(key, params),
            onChange: (key, value) => this.#setInput(key, value),
          })
        : nothing}
      ${this.#photos.render(this.errors['photos'])}
      ${button({ label: this.t('map-form.submit'), busyLabel: this.t('map-form.sending'), type: 'submit', busy: this.busy })}
    </form>`;
  }

  #summary(): unknown {
    // In the order the controls appear in the form.
    const order = ['location', 'category', ...(this.#chosen?.fields.map((f) => fieldId(f.key)) ?? []), 'photos'];
    const errors: SummaryError[] = order.filter((id) => this.errors[id]).map((id) => ({ message: this.errors[id]!, fieldId: id }));
    if (this.problem) errors.push({ message: this.problem });
    return errorSummary(this.t('core.error-summary.title'), errors);
  }

  #renderLocation(): TemplateResult {
    const error = this.errors['location'];
    const geometry = this.geometry;
    const coordinate = (n: number) => formatNumber(this.localize.lang, n, { maximumFractionDigits: 5 });
    let text: string;
    if (!geometry) text = this.t('map-form.location.none');
    else if (geometry.type === 'Point') text = this.t('map-form.location.point', { lat: coordinate(geometry.coordinates[1]), lon: coordinate(geometry.coordinates[0]) });
    else if (geometry.type === 'LineString') text = this.t('map-form.location.line', { count: geometry.coordinates.length });
    else text = this.t('map-form.location.polygon', { count: Math.max(0, (geometry.coordinates[0]?.length ?? 1) - 1) });
    return html`<div class="field ${error ? 'field--error' : ''}" part="field">
      <h3 class="label" id="location-label">${this.t('map-form.location.label')}</h3>
      ${error ? html`<p id="location-error" class="error-message" part="error"><span class="visually-hidden">${this.t('core.error.prefix')} </span>${error}</p>` : nothing}
      <p id="location" class="location" part="location" tabindex="-1" aria-labelledby="location-label location">${text}</p>
    </div>`;
  }

  #renderCategories(): unknown {
    const categories = this.#categories;
    if (categories.length <= 1) return nothing;
    const error = this.errors['category'];
    const errorLine = error
      ? html`<p id="category-error" class="error-message" part="error"><span class="visually-hidden">${this.t('core.error.prefix')} </span>${error}</p>`
      : nothing;
    if (categories.length > CATEGORY_RADIOS) {
      return html`<div class="field ${error ? 'field--error' : ''}" part="field">
        <label class="label" for="category" part="label">${this.t('map-form.category.label')}</label>${errorLine}
        <select id="category" class="input select" part="input" required aria-describedby=${error ? 'category-error' : nothing} aria-invalid=${error ? 'true' : nothing}
          @change=${(event: Event) => this.#chooseCategory((event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.category}>${this.t('fields.select.placeholder')}</option>
          ${categories.map((c) => html`<option value=${c.id} ?selected=${c.id === this.category}>${c.name}</option>`)}
        </select>
      </div>`;
    }
    return html`<div class="field ${error ? 'field--error' : ''}" part="field">
      <fieldset class="fieldset" part="fieldset" aria-describedby=${error ? 'category-error' : nothing}>
        <legend class="label legend" part="label">${this.t('map-form.category.label')}</legend>
        ${errorLine}
        <div class="radios">
          ${categories.map((c, i) => html`<div class="choice">
            <input id=${i === 0 ? 'category' : `category-${i}`} class="choice__input" type="radio" name="category" .value=${c.id}
              .checked=${c.id === this.category} required aria-invalid=${error ? 'true' : nothing}
              @change=${() => this.#chooseCategory(c.id)} />
            <label class="choice__label" for=${i === 0 ? 'category' : `category-${i}`}><span class="swatch" style=${styleMap({ background: c.colour })} aria-hidden="true"></span>${c.name}</label>
          </div>`)}
        </div>
      </fieldset>
    </div>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#photos.clear();
  }
}
