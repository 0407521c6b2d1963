// "Change several at once" in <civic-inbox>: one status change and notes for the selected reports
// (POST /v1/orgs/:org/reports/bulk), then which were changed and which were not, and why.
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, errorMessage, errorSummary, type ApiClient, type LocalizeController } from '@civic-elements/core';
import type { ReportBulkResult, ReportBulkUpdate, ReportUpdate, StatusStep } from '@civic-elements/protocol';
import { select, textarea } from './controls.js';
import { InboxSection } from './controller.js';
import { CivicReportsBulkUpdatedEvent } from './events.js';
import { failureMessage, noteChecks, splitApiErrors } from './update-checks.js';

export interface BulkDeps {
  client: () => ApiClient;
  path: () => string;
  localize: () => LocalizeController;
  announce: (message: string) => void;
  steps: () => readonly StatusStep[];
  /** The ids of the selected reports, in list order. */
  selected: () => string[];
  referenceOf: (id: string) => string;
  /** Called with the outcome once the API answered (the list reloads; the failures stay selected). */
  done: (result: ReportBulkResult) => Promise<void>;
}

interface Draft {
  status: string;
  publicNote: string;
  internalNote: string;
}

const emptyDraft = (): Draft => ({ status: '', publicNote: '', internalNote: '' });

export class BulkUpdate extends InboxSection<BulkDeps> {
  draft: Draft = emptyDraft();
  errors: Record<string, string> = {};
  problem = '';
  busy = false;
  result: ReportBulkResult | undefined;

  /** Forgets the outcome of the last change (the filters changed). */
  reset(): void {
    this.result = undefined;
    this.errors = {};
    this.problem = '';
  }

  #change(changes: Partial<Draft>): void {
    this.draft = { ...this.draft, ...changes };
    this.host.requestUpdate();
  }

  #show(errors: Record<string, string>, problem: string): void {
    this.errors = errors;
    this.problem = problem;
    this.deps.announce([this.t('core.error-summary.title'), ...Object.values(errors), problem].filter(Boolean).join('. '));
    this.focusNext = '#bulk-error-summary';
    this.host.requestUpdate();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const ids = this.deps.selected();
    const { status } = this.draft;
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const errors = noteChecks(this.draft, t, 'bulk-');
    if (!status && !this.draft.publicNote.trim() && !this.draft.internalNote.trim()) errors['bulk-status'] = t('inbox.error.nothing-to-change');
    if (ids.length === 0) return this.#show(errors, t('inbox.bulk.none-selected'));
    if (Object.keys(errors).length) return this.#show(errors, '');
    const update: ReportUpdate = {};
    if (status) update.status = status;
    if (this.draft.publicNote.trim()) update.publicNote = this.draft.publicNote.trim();
    if (this.draft.internalNote.trim()) update.internalNote = this.draft.internalNote.trim();
    const body: ReportBulkUpdate = { ids, update };
    this.busy = true;
    this.errors = {};
    this.problem = '';
    this.result = undefined;
    this.host.requestUpdate();
    try {
      const result = await this.deps.client().post<ReportBulkResult>(`${this.deps.path()}/bulk`, body);
      this.host.dispatchEvent(new CivicReportsBulkUpdatedEvent(result));
      this.result = result;
      if (result.failed.length === 0) this.draft = emptyDraft();
      await this.deps.done(result);
      this.deps.announce(this.#summary(result));
      this.focusNext = '#bulk-result';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      const split = splitApiErrors(error, (path) => ({ 'update.status': 'bulk-status', 'update.publicNote': 'bulk-public-note', 'update.internalNote': 'bulk-internal-note' })[path]);
      this.#show(split.errors, split.problem || (Object.keys(split.errors).length ? '' : errorMessage(error, this.deps.localize())));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The outcome in words, as the notice shows it: what was updated, what was not and why. */
  #summary(result: ReportBulkResult): string {
    const { referenceOf, localize } = this.deps;
    return [
      result.updated.length ? `${this.t('inbox.bulk.updated', { count: result.updated.length })} ${result.updated.map(referenceOf).join(', ')}.` : '',
      result.failed.length
        ? `${this.t('inbox.bulk.failed', { count: result.failed.length })} ${result.failed.map((f) => `${referenceOf(f.id)}: ${failureMessage(f, localize())}`).join(' ')}`
        : '',
      this.#kept(result) ? this.t('inbox.bulk.failed.kept') : '',
    ].filter(Boolean).join(' ');
  }

  /** Whether any report that failed is still in the list, and so still ticked. */
  #kept(result: ReportBulkResult): boolean {
    const selected = this.deps.selected();
    return result.failed.some((f) => selected.includes(f.id));
  }

  render(): TemplateResult {
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const count = this.deps.selected().length;
    const prefix = t('core.error.prefix');
    const summary = Object.entries(this.errors).map(([fieldId, message]) => ({ fieldId, message }));
    if (this.problem) summary.push({ fieldId: 'select-all', message: this.problem });
    return html`<section class="bulk" part="bulk" aria-labelledby="bulk-heading">
      <h3 id="bulk-heading" class="subheading">${t('inbox.bulk.heading')}</h3>
      ${this.#renderResult()}
      <p class="bulk__count">${t('inbox.bulk.selected', { count })}</p>
      <form novalidate @submit=${(event: Event) => void this.#submit(event)}>
        ${errorSummary(t('core.error-summary.title'), summary, 'bulk-error-summary')}
        ${select({ id: 'bulk-status', label: t('inbox.bulk.status'), errorPrefix: prefix, error: this.errors['bulk-status'], value: this.draft.status,
          onInput: (status) => this.#change({ status }),
          options: [{ value: '', label: t('inbox.bulk.status.keep') }, ...this.deps.steps().map((s) => ({ value: s.key, label: s.label }))] })}
        ${textarea({ id: 'bulk-public-note', label: t('inbox.update.public-note'), hint: t('inbox.update.public-note.hint'), errorPrefix: prefix,
          error: this.errors['bulk-public-note'], maxlength: 2000, value: this.draft.publicNote, onInput: (publicNote) => this.#change({ publicNote }) })}
        ${textarea({ id: 'bulk-internal-note', label: t('inbox.update.internal-note'), hint: t('inbox.update.internal-note.hint'), errorPrefix: prefix,
          error: this.errors['bulk-internal-note'], maxlength: 2000, value: this.draft.internalNote, onInput: (internalNote) => this.#change({ internalNote }) })}
        <button class="button button--primary" part="button" type="submit" aria-disabled=${this.busy ? 'true' : nothing}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('inbox.bulk.submit', { count })}</button>
      </form>
    </section>`;
  }

  #renderResult(): unknown {
    const result = this.result;
    if (!result) return nothing;
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const failed = result.failed.length > 0;
    return html`<div id="bulk-result" class=${failed ? 'notice notice--problem' : 'success'} part="notice" tabindex="-1">
      ${result.updated.length
        ? html`<p>${t('inbox.bulk.updated', { count: result.updated.length })}
            ${result.updated.map((id) => this.deps.referenceOf(id)).join(', ')}</p>`
        : nothing}
      ${failed
        ? html`<p>${t('inbox.bulk.failed', { count: result.failed.length })}</p>
            <ul class="bulk__failures">${result.failed.map((f) => html`<li>${this.deps.referenceOf(f.id)}: ${failureMessage(f, this.deps.localize())}</li>`)}</ul>
            ${this.#kept(result) ? html`<p>${t('inbox.bulk.failed.kept')}</p>` : nothing}`
        : nothing}
    </div>`;
  }
}
