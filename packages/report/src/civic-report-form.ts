// <civic-report-form>: a resident reports a local problem: what it is, where, details and photos, then
// "check your report"; similar reports nearby are offered first; drafts and an offline queue keep it safe.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  ApiError, CivicElement, LiveAnnouncer, Task, errorMessage, errorSummary, fieldId, formStyles, photoStyles, uiStyles,
  type FieldInputs, type PhotoList, type SavedPhoto, type SummaryError,
} from '@civic-elements/core';
import type { Point, Report, ReportCategory, ReportCategoryList, ReportCreate, ReportPage, ReportRelation, ReportSettings } from '@civic-elements/protocol';
import { styles } from './civic-report-form.styles.js';
import { reportFormMessages } from './messages-form.js';
import { renderCategoryChooser } from './report-form-categories.js';
import { CivicBeforeReportSubmitEvent, CivicReportSubmittedEvent, CivicReportSupportedEvent } from './report-form-events.js';
import type { Outcome } from './report-form-outcome.js';
import { sendQueue, type QueueOutcome } from './report-form-queue.js';
import { NONE, mapApiFields, stepOf, stepsShown } from './report-form-steps.js';
import { enqueue, readDraft, readQueue, writeDraft, type ReportDraft, type Step } from './report-form-storage.js';

/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };
/** The longest side of a photo sent with a report, in pixels. */
const PHOTO_SIDE = 2048;
/** How often a waiting queue is tried again while the page is open and online (ms). */
const QUEUE_RETRY = 30_000;

interface Setup {
  categories: ReportCategory[];
  settings: ReportSettings;
}

const newRequestId = (): string => crypto.randomUUID();

/** A report not started yet. */
const EMPTY_DRAFT = (): ReportDraft => ({ step: 'category', category: '', inputs: {}, location: null, description: '', photos: [], email: '', name: '', requestId: newRequestId() });

/** The steps after the first, loaded while the resident chooses a category. */
type Later = typeof import('./report-form-later.js');

/**
 * Report a problem (a pothole, fly-tipping, a broken street light) one question at a time: what it
 * is (a searchable list grouped by kind, then that kind's own questions), where it is (a map, address
 * search or "use my location", through `<civic-map mode="pick">`, loaded when that step is shown),
 * whether it is one of the similar open reports nearby (choosing one supports and follows it instead
 * of filing a duplicate), a description and up to 5 photos (made smaller in the browser, uploaded
 * with a progress bar each), then "Check your report" and send. Signed-in residents report with
 * their account; where the organisation allows it, others give an email address for updates; else
 * they are asked to sign in.
 *
 * What is typed is kept on the device (per organisation) until it has been sent: a failed submit or a
 * reload loses nothing. Offline, the report is queued and sent once when the connection returns.
 * The confirmation gives the reference and how to follow progress.
 *
 * @summary Report a local problem: category, place, details, photos; nearby duplicates; offline queue.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr basemap - The map's base map (`osm` by default, `none`, or a MapLibre style URL), as `<civic-map basemap>`.
 * @attr worker-url - Where maplibre's worker script is, as `<civic-map worker-url>`.
 * @attr track-url - A page where a resident follows a report: `{reference}` and `{id}` are filled in (e.g. `/my-reports?ref={reference}`).
 *
 * @event {CivicBeforeReportSubmitEvent} civic-before-report-submit - Cancelable; `event.report` is about to be sent.
 * @event {CivicReportSubmittedEvent} civic-report-submitted - Stored (at once, or later from the offline queue); `event.detail` is `{ id, reference }`.
 * @event {CivicReportSupportedEvent} civic-report-supported - The resident supported a report nearby instead; `event.detail` is `{ id, reference }`.
 *
 * @slot heading - Replaces the "Report a problem" heading.
 * @slot intro - Text under the heading, before the first question.
 * @slot confirmation - Shown in the confirmation, under what happens next (e.g. a link to the page's report list).
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart heading - The form's heading.
 * @csspart step - "Step 2 of 5" above each step's title.
 * @csspart step-title - Each step's title ("What is the problem?").
 * @csspart form - Each step's form.
 * @csspart field - A control's wrapper (label, hint, error, control).
 * @csspart label - A label or legend.
 * @csspart hint - A hint under a label.
 * @csspart input - Inputs, the textarea and selects.
 * @csspart search - The category search input (also `input`).
 * @csspart count - The number of matching categories; the characters left.
 * @csspart categories - The category choices; `group` each group's fieldset, `group-name` its legend.
 * @csspart map - The `<civic-map mode="pick">`.
 * @csspart nearby - The "Is it one of these?" choices.
 * @csspart photos - The list of photos; `photo` each, `progress` its upload bar.
 * @csspart answers - "Check your report"; `answer` each row.
 * @csspart error - An inline error message.
 * @csspart error-summary - The "There is a problem" box.
 * @csspart notice - A notice (draft kept, queued, closed).
 * @csspart success - The confirmation; `reference` the reference in it.
 * @csspart button - Every button.
 * @csspart link - The "Follow its progress" link.
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-color-primary - Buttons, links and chosen radios (default #1d70b8).
 * @cssproperty --civic-color-text - Text (default #0b0c0c).
 * @cssproperty --civic-color-background - Backgrounds (default #ffffff).
 * @cssproperty --civic-color-error - Errors (default #d4351c).
 * @cssproperty --civic-color-success - The confirmation's border (default #00703c).
 * @cssproperty --civic-color-muted - Hints and counts (default #505a5f).
 * @cssproperty --civic-color-border - Input borders (default #505a5f).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 * @cssproperty --civic-map-height - The map's height (default 28rem).
 */
export class CivicReportForm extends CivicElement {
  static override styles = [...CivicElement.styles, uiStyles, formStyles, photoStyles, styles];
  static override messages = [...CivicElement.messages, reportFormMessages];
  static override properties = {
    basemap: {},
    workerUrl: { attribute: 'worker-url' },
    trackUrl: { attribute: 'track-url' },
    step: state,
    category: state,
    query: state,
    inputs: state,
    location: state,
    description: state,
    email: state,
    contactName: state,
    nearby: state,
    nearbyChoice: state,
    errors: state,
    problem: state,
    busy: state,
    outcome: state,
    notices: state,
    restored: state,
  };

  basemap: string | undefined;
  workerUrl: string | undefined;
  trackUrl: string | undefined;

  /** The step shown. */
  step: Step = 'category';
  /** The chosen category's code. */
  category = '';
  private query = '';
  /** What the category's questions hold, by field key. */
  inputs: FieldInputs = {};
  location: Point | null = null;
  description = '';
  email = '';
  contactName = '';
  /** Similar open reports near the place (undefined: not looked for since the place or category changed). */
  private nearby: Report[] | undefined;
  private nearbyChoice = '';
  /** Messages by the id of the control they are about. */
  private errors: Record<string, string> = {};
  /** A problem not about one control (the service refused, no connection). */
  private problem = '';
  private busy = false;
  private outcome: Outcome | undefined;
  /** Short messages above the form (a queued report arrived). */
  private notices: string[] = [];
  /** The form holds a draft kept from an earlier visit. */
  private restored = false;

  readonly #announcer = new LiveAnnouncer(this);
  // Run again when the API or organisation changes (the client follows the API).
  readonly #setup = new Task<[string, string], Setup>(this, async ([, org], signal) => {
    const path = `/v1/orgs/${encodeURIComponent(org)}`;
    const [list, settings] = await Promise.all([
      this.client.get<ReportCategoryList>(`${path}/report-categories`, { signal }),
      this.client.get<ReportSettings>(`${path}/report-settings`, { signal }),
    ]);
    return { categories: list.items.filter((c) => c.active), settings };
  });
  #later: Later | undefined;
  #laterLoading: Promise<void> | undefined;
  /** The photos' uploads and list (made with the later steps). */
  #photos: PhotoList | undefined;
  /** The photos uploaded so far (kept in the draft). */
  #savedPhotos: SavedPhoto[] = [];
  #requestId = newRequestId();
  #setupKey = '';
  #focus: string | undefined;
  /** The resident came to this step from "Check your report": Continue goes back there. */
  #returning = false;
  #mapLoading: Promise<unknown> | undefined;
  #signInLoading: Promise<unknown> | undefined;
  #retry: ReturnType<typeof setInterval> | undefined;

  get #ready(): boolean {
    return !!(this.resolvedApi && this.resolvedOrg);
  }

  get #categories(): ReportCategory[] {
    return this.#setup.value?.categories ?? [];
  }

  get #chosen(): ReportCategory | undefined {
    return this.#categories.find((c) => c.code === this.category);
  }

  get #orgPath(): string {
    return `/v1/orgs/${encodeURIComponent(this.resolvedOrg)}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#sendQueue);
    this.#retry = setInterval(() => {
      if (navigator.onLine && this.#ready && readQueue(this.resolvedApi, this.resolvedOrg).length) this.#sendQueue();
    }, QUEUE_RETRY);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#sendQueue);
    clearInterval(this.#retry);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.#ready) return;
    const key = `${this.resolvedApi} ${this.resolvedOrg}`;
    if (key === this.#setupKey) return;
    // Another API or organisation: its own draft, or a new report.
    if (this.#setupKey) this.#apply(EMPTY_DRAFT());
    this.#setupKey = key;
    this.#restoreDraft();
    this.#load();
    this.#sendQueue();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#setup.status === 'complete' || this.outcome) this.#loadLater();
    const keys = ['step', 'category', 'inputs', 'location', 'description', 'email', 'contactName'] as const;
    if (keys.some((k) => changed.has(k))) this.#saveDraft();
    if (this.step === 'location' && !this.outcome) this.#loadMap();
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      // What waits for the later steps to arrive is focused once they have.
      if (target || this.#later) this.#focus = undefined;
      target?.focus();
    }
  }

  #load(): void {
    this.#setup.run(this.resolvedApi, this.resolvedOrg).then(
      () => {
        // A draft's category that no longer takes reports: the resident chooses again, the rest is kept.
        if (this.category && !this.#chosen) {
          this.category = '';
          this.step = 'category';
        }
        // A restored draft in the middle of the journey: look for nearby reports again.
        if (this.step === 'nearby' && this.nearby === undefined) void this.#findNearby();
      },
      () => undefined, // shown by the task's error state
    );
  }

  #loadMap(): void {
    this.#mapLoading ??= import('@civic-elements/map/define.js').then(
      () => this.requestUpdate(),
      () => {
        this.#mapLoading = undefined; // another try when the step is shown again
        this.problem = this.t('error.network');
      },
    );
  }

  /** Loads the later steps (and makes the photo list, which needs them). */
  #loadLater(): void {
    this.#laterLoading ??= import('./report-form-later.js').then(
      (later) => {
        this.#later = later;
        this.#photos = new later.PhotoList(this, {
          api: () => this.resolvedApi,
          org: () => this.resolvedOrg,
          session: () => this.session,
          t: (key, params) => this.t(key, params),
          localize: () => this.localize,
          announce: (message) => this.#announcer.announce(message),
          maxSide: PHOTO_SIDE,
          changed: (photos) => {
            this.#savedPhotos = photos;
            this.#saveDraft();
          },
        });
        this.#photos.restore(this.#savedPhotos);
        this.requestUpdate();
      },
      () => {
        this.#laterLoading = undefined; // tried again on the next update
      },
    );
  }

  #loadSignIn(): void {
    this.#signInLoading ??= import('@civic-elements/sign-in/define.js').catch(() => (this.#signInLoading = undefined));
  }

  #focusAfterRender(selector: string): void {
    this.#focus = selector;
    this.requestUpdate();
  }

  // ─── The draft ────────────────────────────────────────────────────────────────────────────────

  #restoreDraft(): void {
    const draft = readDraft(this.resolvedApi, this.resolvedOrg);
    if (!draft) return;
    this.#apply(draft);
    this.restored = true;
  }

  #apply(draft: ReportDraft): void {
    this.step = draft.step;
    this.category = draft.category;
    this.inputs = draft.inputs;
    this.location = draft.location;
    this.description = draft.description;
    this.email = draft.email;
    this.contactName = draft.name;
    this.#requestId = draft.requestId;
    this.nearby = undefined;
    this.nearbyChoice = '';
    this.#savedPhotos = draft.photos;
    this.#photos?.restore(draft.photos);
  }

  get #draft(): ReportDraft {
    return {
      step: this.step, category: this.category, inputs: this.inputs, location: this.location, description: this.description,
      photos: this.#savedPhotos, email: this.email, name: this.contactName, requestId: this.#requestId,
    };
  }

  /** Keeps what the resident has entered, once they have entered anything. */
  #saveDraft(): void {
    if (!this.#setupKey || this.outcome) return;
    const started = this.category || this.location || this.description.trim() || this.#savedPhotos.length;
    writeDraft(this.resolvedApi, this.resolvedOrg, started ? this.#draft : undefined);
  }

  /** Forgets the report in hand and starts a new one at the first step. */
  #startAgain(focus = '#step-title'): void {
    writeDraft(this.resolvedApi, this.resolvedOrg, undefined);
    this.#apply(EMPTY_DRAFT());
    this.query = '';
    this.errors = {};
    this.problem = '';
    this.outcome = undefined;
    this.restored = false;
    this.#returning = false;
    this.#focusAfterRender(focus);
  }

  // ─── Moving between steps ─────────────────────────────────────────────────────────────────────

  #steps(): Step[] {
    return stepsShown(!!this.nearby?.length);
  }

  #go(step: Step, focus = '#step-title'): void {
    this.step = step;
    this.problem = '';
    this.#focusAfterRender(focus);
  }

  #back(): void {
    const steps = this.#steps();
    const previous = steps[steps.indexOf(this.step) - 1];
    this.#returning = false;
    if (previous) this.#go(previous);
  }

  /** From the error summary or "Change": the step of that control, with focus on it. */
  #goTo(id: string): void {
    const step = stepOf(id);
    this.#returning = this.step === 'send' && step !== 'send';
    if (step === 'location') this.#go(step, '#location');
    else this.#go(step, `#${CSS.escape(id)}`);
  }

  /** The problems the browser can see in the controls of `step`, by control id. */
  #check(step: Step): Record<string, string> {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const category = this.#chosen;
    if (step === 'category' && !category) return { category: t('report-form.category.required') };
    if (step === 'location' && !this.location) return { location: t('report-form.location.required') };
    if (step === 'nearby' && !this.nearbyChoice) return { nearby: t('report-form.nearby.required') };
    if ((step === 'details' || step === 'send') && category && this.#later && this.#photos) {
      return this.#later.checkDetails({ ...this.#details(category), photos: this.#photos }, step, t);
    }
    return {};
  }

  #details(category: ReportCategory) {
    return { category, inputs: this.inputs, description: this.description, email: this.email, anonymous: this.#anonymous };
  }

  /** Replaces the messages of `step`'s controls with `found`; shows them if there are any. */
  #settle(step: Step, found: Record<string, string>): boolean {
    const kept = Object.fromEntries(Object.entries(this.errors).filter(([id]) => stepOf(id) !== step));
    this.errors = { ...kept, ...found };
    if (Object.keys(found).length === 0) return true;
    this.#announcer.announce([this.t('core.error-summary.title'), ...Object.values(found)].join('. '));
    this.#focusAfterRender('.error-summary');
    return false;
  }

  async #continue(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const step = this.step;
    if (step === 'location') this.location = this.#mapValue() ?? this.location;
    if (!this.#settle(step, this.#check(step))) return;
    switch (step) {
      case 'category':
        return this.#go('location');
      case 'location':
        return this.#afterLocation();
      case 'nearby':
        return this.nearbyChoice === NONE ? this.#go(this.#returning ? 'send' : 'details') : this.#support(this.nearbyChoice);
      case 'details':
        return this.#go('send');
      case 'send':
        return this.#submit();
    }
  }

  /** After the place: the similar reports nearby, if there are any, else the details. */
  async #afterLocation(): Promise<void> {
    this.busy = true;
    this.#announcer.announce(this.t('report-form.nearby.checking'));
    const reports = await this.#findNearby();
    this.busy = false;
    if (reports.length) this.#go('nearby');
    else this.#go(this.#returning ? 'send' : 'details');
  }

  /** The open reports of the chosen category near the chosen place (none when the service cannot say). */
  async #findNearby(): Promise<Report[]> {
    const settings = this.#setup.value?.settings;
    const location = this.location;
    if (!settings || !location || !this.category) return [];
    try {
      const page = await this.client.get<ReportPage>(`${this.#orgPath}/reports`, {
        query: {
          near: `${location.coordinates[0]},${location.coordinates[1]}`, radius: settings.nearbyRadius,
          category: this.category, open: true, sort: 'nearest', limit: 5,
        },
      });
      this.nearby = page.items;
    } catch {
      this.nearby = []; // reporting goes on without the check
    }
    if (!this.nearby.some((r) => r.id === this.nearbyChoice)) this.nearbyChoice = '';
    if (this.step === 'nearby' && this.nearby.length === 0) this.step = 'details';
    return this.nearby;
  }

  /** The place chosen in the map (its `value`), read when leaving the step: a cleared place is null. */
  #mapValue(): Point | null | undefined {
    const map = this.renderRoot.querySelector('civic-map') as (HTMLElement & { value?: Point | null }) | null;
    return map && customElements.get('civic-map') ? (map.value ?? null) : undefined;
  }

  #picked(event: Event): void {
    const point = (event as Event & { point?: Point }).point;
    if (!point) return;
    if (this.location?.coordinates.join() !== point.coordinates.join()) this.nearby = undefined;
    this.location = point;
    if (this.errors['location']) this.#settle('location', {});
  }

  #chooseCategory(code: string): void {
    if (code === this.category) return;
    this.category = code; // answers to another category's questions stay in `inputs`, unused
    this.nearby = undefined;
    // Answers to the previous category's questions are about another problem.
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([id]) => !id.startsWith('field-') && id !== 'category'));
  }

  // ─── Sending ──────────────────────────────────────────────────────────────────────────────────

  get #anonymous(): boolean {
    return !this.session?.signedIn;
  }

  /** Supports (and so follows) a report nearby instead of filing a new one. */
  async #support(id: string): Promise<void> {
    const report = this.nearby?.find((r) => r.id === id);
    if (!report) return;
    if (this.#anonymous) {
      this.#loadSignIn();
      this.#settle('nearby', { nearby: this.t('report-form.nearby.sign-in') });
      return;
    }
    this.busy = true;
    try {
      const relation = await this.client.request<ReportRelation>('PUT', `${this.#orgPath}/reports/${encodeURIComponent(id)}/support`);
      writeDraft(this.resolvedApi, this.resolvedOrg, undefined);
      this.#clearPhotos();
      this.outcome = { kind: 'supported', report, relation };
      this.dispatchEvent(new CivicReportSupportedEvent(report, relation));
      this.#announcer.announce(this.t('report-form.supported.announce', { reference: report.reference }));
      this.#focusAfterRender('#outcome');
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  #clearPhotos(): void {
    this.#photos?.clear();
    this.#savedPhotos = [];
  }

  #body(later: Later, category: ReportCategory): ReportCreate & { clientRequestId: string } {
    const body: ReportCreate & { clientRequestId: string } = {
      category: category.code,
      description: this.description.trim(),
      location: this.location!,
      fields: later.toFieldValues(category.fields, later.answersFor(category, this.inputs)),
      photos: this.#savedPhotos.map((saved) => saved.photo.id),
      clientRequestId: this.#requestId,
    };
    if (this.#anonymous) {
      body.email = this.email.trim();
      if (this.contactName.trim()) body.name = this.contactName.trim();
    }
    return body;
  }

  async #submit(): Promise<void> {
    // Every step's checks again: a restored draft or a changed category can leave one unanswered.
    const errors = { ...this.#check('category'), ...this.#check('location'), ...this.#check('details'), ...this.#check('send') };
    if (Object.keys(errors).length) return this.#showErrors(errors);
    const later = this.#later;
    if (!later) return;
    const body = this.#body(later, this.#chosen!);
    if (!this.dispatchEvent(new CivicBeforeReportSubmitEvent(body))) return;
    if (!navigator.onLine) return this.#queue(body);
    this.busy = true;
    this.errors = {};
    this.problem = '';
    try {
      const report = await this.client.post<Report>(`${this.#orgPath}/reports`, body);
      this.#sent(report, body.email ?? null);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'network') this.#queue(body);
      else this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  #sent(report: Report, email: string | null): void {
    writeDraft(this.resolvedApi, this.resolvedOrg, undefined);
    this.#clearPhotos();
    this.outcome = { kind: 'sent', report, email };
    this.restored = false;
    this.dispatchEvent(new CivicReportSubmittedEvent(report));
    this.#announcer.announce(this.t('report-form.sent.announce', { reference: report.reference }));
    this.#focusAfterRender('#outcome');
  }

  /** No connection: the report waits on this device and goes when the connection is back. */
  #queue(body: ReportCreate & { clientRequestId: string }): void {
    enqueue(this.resolvedApi, this.resolvedOrg, { body, user: this.session?.user?.id ?? null, draft: this.#draft });
    writeDraft(this.resolvedApi, this.resolvedOrg, undefined);
    this.outcome = { kind: 'queued', requestId: body.clientRequestId };
    this.#announcer.announce(this.t('report-form.queued.announce'));
    this.#focusAfterRender('#outcome');
  }

  /** Sends what waits in the queue (an arrow function: it is the `online` listener). */
  readonly #sendQueue = (): void => {
    if (!this.#ready || !readQueue(this.resolvedApi, this.resolvedOrg).length) return;
    void sendQueue(this.resolvedApi, this.resolvedOrg, this.client, (outcome) => this.#queueDone(outcome));
  };

  #queueDone(done: QueueOutcome): void {
    const { item } = done;
    const waiting = this.outcome?.kind === 'queued' && this.outcome.requestId === item.body.clientRequestId;
    if ('report' in done) {
      if (waiting) return this.#sent(done.report, item.body.email ?? null);
      this.notices = [...this.notices, this.t('report-form.queue-sent', { reference: done.report.reference })];
      this.dispatchEvent(new CivicReportSubmittedEvent(done.report));
      this.#announcer.announce(this.notices.at(-1)!);
      return;
    }
    // Refused for good: it becomes the draft again (unless another report is under way), with the reasons.
    this.notices = [...this.notices, this.t('report-form.queue-refused')];
    if (waiting || !readDraft(this.resolvedApi, this.resolvedOrg)) {
      this.outcome = undefined;
      this.#apply({ ...item.draft, step: 'send' });
      this.#saveDraft();
      this.#fail(done.error);
    } else {
      this.#announcer.announce(this.notices.at(-1)!);
    }
  }

  #showErrors(errors: Record<string, string>, problem = ''): void {
    this.errors = errors;
    this.problem = problem;
    this.#announcer.announce([this.t('core.error-summary.title'), ...Object.values(errors), problem].filter(Boolean).join('. '));
    this.#focusAfterRender('.error-summary');
  }

  /** The API's refusal next to the controls (their steps show them), and all of it in the summary. */
  #fail(error: unknown): void {
    if (error instanceof ApiError && error.code === 'aborted') return;
    if (!(error instanceof ApiError) || error.code !== 'validation_failed') return this.#showErrors(this.errors, errorMessage(error, this.localize));
    const { errors, rest, photos } = mapApiFields(error.fields, this.#chosen);
    for (const [index, message] of photos) this.#photos?.markFailed(index, message);
    this.#showErrors(errors, rest.join(' ') || (Object.keys(errors).length ? '' : errorMessage(error, this.localize)));
  }

  // ─── Rendering ────────────────────────────────────────────────────────────────────────────────

  protected renderContent(): unknown {
    const outcome = this.outcome;
    return html`${this.#announcer.render()}
      <slot name="heading"><h2 id="heading" class="heading" part="heading" tabindex="-1">${this.t('report-form.heading')}</h2></slot>
      <div ?hidden=${!!outcome}><slot name="intro"></slot></div>
      ${this.notices.map((notice) => html`<p class="notice" part="notice">${notice}</p>`)}
      ${outcome
        ? this.#renderOutcome(outcome)
        : this.#setup.render({
            initial: () => html`<p class="notice" part="notice">${this.t('report-form.loading')}</p>`,
            pending: () => html`<p class="notice" part="notice">${this.t('report-form.loading')}</p>`,
            error: (error) => html`<div class="notice" part="notice" role="alert">
              <p>${this.t('report-form.load-failed', { reason: errorMessage(error, this.localize) })}</p>
              <button class="button button--secondary" part="button" type="button" @click=${() => this.#load()}>${this.t('report-form.retry')}</button>
            </div>`,
            complete: (setup) => this.#renderJourney(setup),
          })}
      <div class="confirmation" ?hidden=${!outcome || outcome.kind === 'queued'}><slot name="confirmation"></slot></div>`;
  }

  #renderOutcome(outcome: Outcome): unknown {
    const later = this.#later;
    if (!later) return html`<p class="notice" part="notice">${this.t('report-form.loading')}</p>`;
    return later.renderOutcome({
      outcome,
      firstStep: this.#setup.value?.settings.workflow.steps[0],
      trackUrl: outcome.kind === 'queued' ? '' : later.trackUrlFor(this.trackUrl, outcome.report),
      t: (key, params) => this.t(key, params),
      another: () => this.#startAgain(),
    });
  }

  #renderJourney(setup: Setup): unknown {
    if (setup.categories.length === 0) return html`<p class="notice" part="notice">${this.t('report-form.closed')}</p>`;
    if (this.#anonymous && !setup.settings.anonymousReports) {
      this.#loadSignIn();
      return html`<p class="lead">${this.t('report-form.sign-in')}</p>
        <civic-sign-in api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in>`;
    }
    const steps = this.#steps();
    const step = steps.includes(this.step) ? this.step : 'details';
    return html`${this.restored
        ? html`<div class="notice" part="notice">
            <p>${this.t('report-form.draft')}</p>
            <button class="button button--link" part="button" type="button" @click=${() => {
              this.#startAgain();
              this.#announcer.announce(this.t('report-form.started-again'));
            }}>${this.t('report-form.start-again')}</button>
          </div>`
        : nothing}
      <form part="form" novalidate @submit=${this.#continue}>
        ${this.#summary(step)}
        <p class="caption" part="step">${this.t('report-form.step', { n: steps.indexOf(step) + 1, count: steps.length })}</p>
        <h3 id="step-title" class="subheading" part="step-title" tabindex="-1">${this.t(`report-form.${step === 'send' ? 'check' : step}.title`)}</h3>
        ${this.#renderStep(step, setup)}
        <div class="actions">
          <button class="button button--primary" part="button" type="submit" aria-disabled=${this.busy ? 'true' : nothing}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}<span>${this.t(this.#submitLabel(step))}</span>
          </button>
          ${step !== 'category' ? html`<button class="button button--link" part="button" type="button" @click=${() => this.#back()}>${this.t('report-form.back')}</button>` : nothing}
        </div>
      </form>`;
  }

  #submitLabel(step: Step): string {
    if (step === 'send') return this.busy ? 'report-form.sending' : 'report-form.submit';
    if (step === 'nearby' && this.nearbyChoice && this.nearbyChoice !== NONE) return 'report-form.nearby.support';
    return 'report-form.continue';
  }

  #summary(step: Step): unknown {
    const category = this.#chosen;
    // In the order the controls come in the journey; "Check your report" lists every step's.
    const order = ['category', 'location', 'nearby', ...(category?.fields.map((f) => fieldId(f.key)) ?? []), 'description', 'photos', 'email', 'name'];
    const errors: SummaryError[] = order
      .filter((id) => this.errors[id] && (step === 'send' || stepOf(id) === step))
      .map((id) => ({ message: this.errors[id]!, fieldId: id }));
    if (this.problem) errors.push({ message: this.problem });
    return errorSummary(this.t('core.error-summary.title'), errors, 'error-summary', (id) => this.#goTo(id));
  }

  #renderStep(step: Step, setup: Setup): unknown {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const later = this.#later;
    const category = this.#chosen;
    if (step !== 'category' && step !== 'location' && (!later || !this.#photos || !category)) {
      return html`<p class="notice" part="notice">${t('report-form.loading')}</p>`;
    }
    switch (step) {
      case 'category':
        return renderCategoryChooser({
          categories: setup.categories, query: this.query, chosen: this.category, error: this.errors['category'], t,
          search: (query) => (this.query = query),
          choose: (code) => this.#chooseCategory(code),
        });
      case 'location':
        return this.#renderLocation();
      case 'nearby':
        return html`${later!.renderNearby({
            reports: this.nearby ?? [], chosen: this.nearbyChoice, error: this.errors['nearby'], t, lang: this.localize.lang,
            choose: (id) => (this.nearbyChoice = id),
          })}
          ${this.errors['nearby'] && this.#anonymous && this.nearbyChoice !== NONE
            ? html`<civic-sign-in api=${this.resolvedApi} org=${this.resolvedOrg}></civic-sign-in>`
            : nothing}`;
      case 'details':
        return later!.renderDetails({
          ...this.#details(category!), photos: this.#photos!, errors: this.errors, t, lang: this.localize.lang,
          input: (key, value) => (this.inputs = { ...this.inputs, [key]: value }),
          describe: (text) => (this.description = text),
        });
      case 'send':
        return later!.renderCheck({
          category: category!, inputs: this.inputs, location: this.location, description: this.description, photos: this.#savedPhotos,
          account: this.session?.user?.email ?? null, email: this.email, name: this.contactName, api: this.resolvedApi, org: this.resolvedOrg,
          errors: this.errors, t, lang: this.localize.lang,
          change: (id) => this.#goTo(id),
          setEmail: (value) => (this.email = value),
          setName: (value) => (this.contactName = value),
          signIn: () => this.#loadSignIn(),
        });
    }
  }

  #renderLocation(): TemplateResult {
    const error = this.errors['location'];
    const defined = !!customElements.get('civic-map');
    return html`<div id="location" class="field ${error ? 'field--error' : ''}" part="field" tabindex="-1" aria-labelledby="step-title">
      <p class="hint" part="hint">${this.t('report-form.location.hint')}</p>
      ${error ? html`<p id="location-error" class="error-message" part="error"><span class="visually-hidden">${this.t('core.error.prefix')} </span>${error}</p>` : nothing}
      ${defined ? nothing : html`<p class="notice" part="notice">${this.t('report-form.location.loading')}</p>`}
      <civic-map class="map" part="map" mode="pick" name="location" api=${this.resolvedApi} org=${this.resolvedOrg}
        basemap=${this.basemap ?? nothing} worker-url=${this.workerUrl ?? nothing} .value=${this.location}
        @civic-location-picked=${this.#picked}></civic-map>
    </div>`;
  }
}
