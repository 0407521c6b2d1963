// One report opened in <civic-inbox>: its details and timeline, and the officer's actions on it, each
// through its protocol route: status with a public and an internal note, category and department,
// expected date, merge into another report (found by reference), and removing a photo (confirmed).
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, showDialog, type ApiClient, type LocalizeController } from '@civic-elements/core';
import type { Department, ReportCategory, ReportDetail, ReportMerge, ReportUpdate, StatusStep } from '@civic-elements/protocol';
import { InboxSection } from './controller.js';
import { CivicReportUpdatedEvent, type ReportChange } from './events.js';
import { renderBody, renderSummary, renderTimeline } from './report-details.js';
import {
  CONTROLS, REFERENCE, renderExpected, renderMerge, renderPhotoDialog, renderReassign, renderUpdate, type Drafts, type Form, type FormsView,
} from './report-forms.js';
import { noteChecks, problemOf, splitApiErrors } from './update-checks.js';

export interface ReportViewDeps {
  client: () => ApiClient;
  /** `/v1/orgs/:org/reports`. */
  path: () => string;
  localize: () => LocalizeController;
  announce: (message: string) => void;
  steps: () => readonly StatusStep[];
  categories: () => readonly ReportCategory[];
  departments: () => readonly Department[];
  /** Whether the officer may change the report (admins, officers without departments, or of its department). */
  mayAct: (report: ReportDetail) => boolean;
  back: () => void;
}

export class ReportView extends InboxSection<ReportViewDeps> {
  report: ReportDetail | undefined;
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  /** Whether anything changed since the report was opened (the list then reloads). */
  changed = false;
  #error = '';
  #drafts: Drafts = this.#emptyDrafts();
  #errors: Record<string, string> = {};
  #problems: Partial<Record<Form, string>> = {};
  #notices: Partial<Record<Form, string>> = {};
  #busy: Form | 'find' | '' = '';
  /** The report found by reference to merge this one into. */
  #mergeTarget: ReportDetail | undefined;
  #photo: { id: string; index: number } | undefined;
  #controller: AbortController | undefined;

  override hostUpdated(): void {
    showDialog(this.host.shadowRoot?.querySelector<HTMLDialogElement>('#photo-dialog'));
    super.hostUpdated();
  }

  hostDisconnected(): void {
    this.#controller?.abort();
  }

  #emptyDrafts(report?: ReportDetail): Drafts {
    return {
      status: report?.status ?? '', publicNote: '', internalNote: '', category: report?.category.code ?? '', department: report?.department?.slug ?? '',
      expectedOn: report?.expectedOn ?? '', mergeReference: '', mergeNote: '', photoReason: '',
    };
  }

  /** Opens a report by id or reference; focus moves to its heading. */
  async open(idOrReference: string): Promise<void> {
    this.report = undefined;
    this.changed = false;
    this.#errors = {};
    this.#problems = {};
    this.#notices = {};
    this.#mergeTarget = undefined;
    this.#photo = undefined;
    this.#drafts = this.#emptyDrafts();
    this.focusNext = '#report-heading';
    await this.#load(idOrReference);
  }

  async #load(idOrReference: string): Promise<void> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.status = 'loading';
    this.host.requestUpdate();
    try {
      const report = await this.deps.client().get<ReportDetail>(`${this.deps.path()}/${encodeURIComponent(idOrReference)}`, { signal: controller.signal });
      this.report = report;
      // Keep what the officer is typing; follow the report where the control shows its state.
      const fresh = this.#emptyDrafts(report);
      this.#drafts = { ...this.#drafts, status: fresh.status, category: fresh.category, department: fresh.department, expectedOn: fresh.expectedOn };
      this.status = 'ready';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      this.#error = problemOf(error, this.deps.localize());
      this.status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
      this.host.requestUpdate();
    }
  }

  #change(changes: Partial<Drafts>): void {
    this.#drafts = { ...this.#drafts, ...changes };
    this.host.requestUpdate();
  }

  /** Shows a form's errors next to its controls and in its summary, which takes focus. */
  #fail(form: Form, errors: Record<string, string>, problem = ''): void {
    for (const id of Object.values(CONTROLS[form])) delete this.#errors[id];
    this.#errors = { ...this.#errors, ...errors };
    this.#problems = { ...this.#problems, [form]: problem };
    delete this.#notices[form];
    this.deps.announce([this.t('core.error-summary.title'), ...Object.values(errors), problem].filter(Boolean).join('. '));
    this.focusNext = form === 'photo' ? '#photo-reason' : `#${form}-error-summary`;
    this.host.requestUpdate();
  }

  #clear(form: Form): void {
    for (const id of Object.values(CONTROLS[form])) delete this.#errors[id];
    delete this.#problems[form];
  }

  /** Sends one change of the open report, then reloads it, announces `done` and tells the page. */
  async #send(form: Form, change: ReportChange, request: (id: string) => Promise<unknown>, done: string, reset: Partial<Drafts>): Promise<boolean> {
    const report = this.report;
    if (!report || this.#busy) return false;
    this.#busy = form;
    this.#clear(form);
    delete this.#notices[form];
    this.host.requestUpdate();
    try {
      await request(report.id);
      this.changed = true;
      this.#drafts = { ...this.#drafts, ...reset };
      await this.#load(report.id);
      if (this.report) this.host.dispatchEvent(new CivicReportUpdatedEvent(this.report, change));
      this.#notices = { ...this.#notices, [form]: done };
      this.deps.announce(done);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return false;
      const split = splitApiErrors(error, (path) => CONTROLS[form][path.replace(/^update\./, '')]);
      this.#fail(form, split.errors, split.problem || (Object.keys(split.errors).length ? '' : problemOf(error, this.deps.localize())));
      return false;
    } finally {
      this.#busy = '';
      this.host.requestUpdate();
    }
  }

  #post<R>(path: string, body: unknown): Promise<R> {
    return this.deps.client().post<R>(`${this.deps.path()}/${path}`, body);
  }

  async #submitUpdate(event: Event): Promise<void> {
    event.preventDefault();
    const report = this.report!;
    const d = this.#drafts;
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const errors = noteChecks(d, t, 'update-');
    const body: ReportUpdate = {};
    if (d.status && d.status !== report.status) body.status = d.status;
    if (d.publicNote.trim()) body.publicNote = d.publicNote.trim();
    if (d.internalNote.trim()) body.internalNote = d.internalNote.trim();
    if (Object.keys(body).length === 0) errors['update-status'] = t('inbox.error.nothing-to-change');
    if (Object.keys(errors).length) return this.#fail('update', errors);
    const label = this.deps.steps().find((s) => s.key === body.status)?.label;
    const done = label ? t('inbox.done.status', { reference: report.reference, status: label }) : t('inbox.done.note', { reference: report.reference });
    await this.#send('update', 'status', (id) => this.#post(`${encodeURIComponent(id)}/updates`, body), done, { publicNote: '', internalNote: '' });
  }

  async #submitReassign(event: Event): Promise<void> {
    event.preventDefault();
    const report = this.report!;
    const d = this.#drafts;
    const body: ReportUpdate = {};
    if (d.category && d.category !== report.category.code) body.category = d.category;
    if (d.department !== (report.department?.slug ?? '')) body.department = d.department || null;
    if (Object.keys(body).length === 0) return this.#fail('reassign', { 'reassign-category': this.t('inbox.error.reassign-unchanged') });
    const done = this.t('inbox.done.reassign', { reference: report.reference });
    await this.#send('reassign', 'reassign', (id) => this.#post(`${encodeURIComponent(id)}/updates`, body), done, {});
  }

  async #submitExpected(event: Event | undefined, clear = false): Promise<void> {
    event?.preventDefault();
    const report = this.report!;
    const value = clear ? null : this.#drafts.expectedOn.trim();
    if (value === '') return this.#fail('expected', { 'expected-on': this.t('inbox.error.expected-empty') });
    if (value === report.expectedOn) return this.#fail('expected', { 'expected-on': this.t('inbox.error.expected-unchanged') });
    const done = value ? this.t('inbox.done.expected', { reference: report.reference }) : this.t('inbox.done.expected-cleared', { reference: report.reference });
    const body: ReportUpdate = { expectedOn: value };
    await this.#send('expected', 'expected', (id) => this.#post(`${encodeURIComponent(id)}/updates`, body), done, {});
  }

  /** "Find the report": looks the reference up; the merge button appears once it is found. */
  async #findTarget(): Promise<void> {
    const report = this.report!;
    const reference = this.#drafts.mergeReference.trim().toUpperCase();
    this.#mergeTarget = undefined;
    if (!REFERENCE.test(reference)) return this.#fail('merge', { 'merge-reference': this.t('inbox.error.reference-format') });
    if (reference === report.reference) return this.#fail('merge', { 'merge-reference': this.t('inbox.error.reference-same') });
    this.#busy = 'find';
    this.#clear('merge');
    delete this.#notices.merge;
    this.host.requestUpdate();
    try {
      this.#mergeTarget = await this.deps.client().get<ReportDetail>(`${this.deps.path()}/${encodeURIComponent(reference)}`);
      this.focusNext = '#merge-target';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      const notFound = error instanceof ApiError && error.status === 404;
      this.#busy = '';
      this.#fail('merge', { 'merge-reference': notFound ? this.t('inbox.error.reference-unknown', { reference }) : problemOf(error, this.deps.localize()) });
    } finally {
      this.#busy = '';
      this.host.requestUpdate();
    }
  }

  async #submitMerge(event: Event): Promise<void> {
    event.preventDefault();
    const target = this.#mergeTarget;
    if (!target || target.reference !== this.#drafts.mergeReference.trim().toUpperCase()) return this.#findTarget();
    const report = this.report!;
    const errors = noteChecks({ publicNote: this.#drafts.mergeNote, internalNote: '' }, (k, p) => this.t(k, p), 'merge-');
    if (Object.keys(errors).length) return this.#fail('merge', errors);
    const body: ReportMerge = { into: target.id, ...(this.#drafts.mergeNote.trim() ? { publicNote: this.#drafts.mergeNote.trim() } : {}) };
    const done = this.t('inbox.done.merge', { reference: report.reference, into: target.reference });
    if (await this.#send('merge', 'merge', (id) => this.#post(`${encodeURIComponent(id)}/merge`, body), done, { mergeReference: '', mergeNote: '' })) {
      this.#mergeTarget = undefined;
    }
  }

  #askRemovePhoto(id: string, index: number): void {
    this.#photo = { id, index };
    this.#drafts = { ...this.#drafts, photoReason: '' };
    this.#clear('photo');
    this.focusNext = '#photo-reason';
    this.host.requestUpdate();
  }

  #closePhotoDialog(): void {
    const index = this.#photo?.index;
    if (index === undefined) return;
    this.#photo = undefined;
    // Back to where the officer was: the same photo's button, or the photos' heading once it is gone.
    this.focusNext = this.host.shadowRoot?.querySelector(`#remove-photo-${index}`) && !this.#notices.photo ? `#remove-photo-${index}` : '#photos-heading';
    this.host.requestUpdate();
  }

  async #confirmRemovePhoto(event: Event): Promise<void> {
    event.preventDefault();
    const photo = this.#photo;
    const report = this.report;
    if (!photo || !report) return;
    const reason = this.#drafts.photoReason.trim();
    if (reason.length > 500) return this.#fail('photo', { 'photo-reason': this.t('inbox.error.note-long', { count: 500 }) });
    const done = this.t('inbox.done.photo', { reference: report.reference });
    const path = `${this.deps.path()}/${encodeURIComponent(report.id)}/photos/${encodeURIComponent(photo.id)}`;
    const ok = await this.#send('photo', 'photo-removed', () => this.deps.client().request('DELETE', path, reason ? { query: { reason } } : {}), done, { photoReason: '' });
    if (ok) {
      this.host.shadowRoot?.querySelector<HTMLDialogElement>('#photo-dialog')?.close();
      this.#photo = undefined;
      this.focusNext = '#photos-heading';
    }
  }

  // ─── Rendering ─────────────────────────────────────────────────────────────────────────────────

  render(): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const report = this.report;
    return html`<section class="report" part="report" aria-labelledby="report-heading">
      <p class="back"><button id="back" class="button button--link" part="button" type="button" @click=${this.deps.back}>${t('inbox.back')}</button></p>
      <h3 id="report-heading" class="heading" part="heading" tabindex="-1">${report
        ? t('inbox.report.heading', { reference: report.reference, category: report.category.name })
        : t('inbox.report.loading-heading')}</h3>
      ${this.status === 'loading' && !report ? html`<p class="lead" role="status">${t('inbox.loading')}</p>` : nothing}
      ${this.status === 'error'
        ? html`<div class="notice notice--problem" part="notice"><p>${this.#error}</p>
            <button class="button button--secondary" part="button" type="button" @click=${() => report && void this.#load(report.id)}>${t('inbox.retry')}</button></div>`
        : nothing}
      ${report ? this.#renderReport(report) : nothing}
    </section>`;
  }

  #renderReport(report: ReportDetail): TemplateResult {
    const localize = this.deps.localize();
    const options = {
      t: localize.t.bind(localize), lang: localize.lang, report,
      category: this.deps.categories().find((c) => c.id === report.category.id || c.code === report.category.code),
      removePhoto: (id: string, index: number) => this.#askRemovePhoto(id, index),
    };
    const forms: FormsView = {
      t: options.t, report, drafts: this.#drafts, errors: this.#errors, problems: this.#problems, notices: this.#notices, busy: this.#busy,
      steps: this.deps.steps(), categories: this.deps.categories(), departments: this.deps.departments(), mergeTarget: this.#mergeTarget, photo: this.#photo,
      change: (changes) => this.#change(changes),
      submitUpdate: (event) => void this.#submitUpdate(event),
      submitReassign: (event) => void this.#submitReassign(event),
      submitExpected: (event, clear) => void this.#submitExpected(event, clear),
      findTarget: () => void this.#findTarget(),
      submitMerge: (event) => void this.#submitMerge(event),
      confirmRemovePhoto: (event) => void this.#confirmRemovePhoto(event),
      closePhotoDialog: () => this.#closePhotoDialog(),
    };
    return html`<div class="report__layout">
      <div class="report__main">${renderSummary(options)}${renderBody(options)}${renderTimeline(options)}</div>
      <div class="report__actions" part="actions">
        ${this.deps.mayAct(report)
          ? html`${renderUpdate(forms)}${renderReassign(forms)}${renderExpected(forms)}${report.mergedInto ? nothing : renderMerge(forms)}`
          : html`<div class="notice" part="notice"><p>${report.department
              ? localize.t('inbox.report.not-yours', { department: report.department.name })
              : localize.t('inbox.report.not-yours.none')}</p></div>`}
      </div>
    </div>
    ${this.#photo ? renderPhotoDialog(forms) : nothing}`;
  }
}
