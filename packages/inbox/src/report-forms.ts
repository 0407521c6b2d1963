// The officer's forms on an opened report in <civic-inbox>: status and notes, category and department,
// expected date, merge into another report, and the "Remove photo?" confirmation. Templates only: the
// drafts, errors and actions are ReportView's (report-view.ts).
import { html, nothing, type TemplateResult } from 'lit';
import { dialog, errorSummary, type SummaryError } from '@civic-elements/core';
import type { Department, ReportCategory, ReportDetail, StatusStep } from '@civic-elements/protocol';
import { input, select, textarea } from './controls.js';
import { categoryChoices } from './report-filters.js';

/** What a report reference looks like (protocol's ReportReference; the element imports protocol as types only). */
export const REFERENCE = /^[A-Z]{2,4}-\d{4,9}$/;

export type Form = 'update' | 'reassign' | 'expected' | 'merge' | 'photo';

export interface Drafts {
  status: string;
  publicNote: string;
  internalNote: string;
  category: string;
  department: string;
  expectedOn: string;
  mergeReference: string;
  mergeNote: string;
  photoReason: string;
}

/** Which control an API field path of each form is about. */
export const CONTROLS: Record<Form, Record<string, string>> = {
  update: { status: 'update-status', publicNote: 'update-public-note', internalNote: 'update-internal-note' },
  reassign: { category: 'reassign-category', department: 'reassign-department' },
  expected: { expectedOn: 'expected-on' },
  merge: { into: 'merge-reference', publicNote: 'merge-public-note' },
  photo: { reason: 'photo-reason' },
};

export interface FormsView {
  t: (key: string, params?: Record<string, string | number>) => string;
  report: ReportDetail;
  drafts: Drafts;
  /** Messages by control id. */
  errors: Record<string, string>;
  /** What went wrong with a form that no control owns. */
  problems: Partial<Record<Form, string>>;
  /** The last success of each form. */
  notices: Partial<Record<Form, string>>;
  busy: Form | 'find' | '';
  /** The steps the officer may choose (the duplicate step is reached only by merging). */
  steps: readonly StatusStep[];
  categories: readonly ReportCategory[];
  departments: readonly Department[];
  mergeTarget: ReportDetail | undefined;
  photo: { id: string; index: number } | undefined;
  change: (changes: Partial<Drafts>) => void;
  submitUpdate: (event: Event) => void;
  submitReassign: (event: Event) => void;
  submitExpected: (event: Event | undefined, clear?: boolean) => void;
  findTarget: () => void;
  submitMerge: (event: Event) => void;
  confirmRemovePhoto: (event: Event) => void;
  closePhotoDialog: () => void;
}

/** A form's frame: its heading, its last success, its error summary. */
function frame(v: FormsView, form: Form, heading: string, submit: (event: Event) => void, content: unknown): TemplateResult {
  const errors: SummaryError[] = Object.values(CONTROLS[form]).filter((id) => v.errors[id]).map((fieldId) => ({ fieldId, message: v.errors[fieldId]! }));
  const problem = v.problems[form];
  if (problem) errors.push({ message: problem });
  return html`<form class="action-form" part="action-form" aria-labelledby="${form}-heading" novalidate @submit=${submit}>
    <h4 id="${form}-heading" class="action-form__heading">${heading}</h4>
    ${v.notices[form] ? html`<p class="success success--small" part="notice">${v.notices[form]}</p>` : nothing}
    ${errorSummary(v.t('core.error-summary.title'), errors, `${form}-error-summary`)}
    ${content}
  </form>`;
}

/** A button that stays focusable while its request runs (aria-disabled, with a spinner). */
function action(v: FormsView, form: Form | 'find', label: string, variant = 'primary', type: 'submit' | 'button' = 'submit', onClick?: () => void): TemplateResult {
  const busy = v.busy === form;
  return html`<button class="button button--${variant}" part="button" type=${type} aria-disabled=${busy ? 'true' : nothing}
    @click=${(event: Event) => {
      if (busy) event.preventDefault();
      else onClick?.();
    }}>${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${label}</button>`;
}

export function renderUpdate(v: FormsView): TemplateResult {
  const { t, report, drafts: d } = v;
  const prefix = t('core.error.prefix');
  const choices = v.steps.some((s) => s.key === report.status) ? v.steps : [{ key: report.status, label: report.statusLabel }, ...v.steps];
  return frame(v, 'update', t('inbox.update.heading'), v.submitUpdate, html`
    ${select({ id: 'update-status', label: t('inbox.update.status'), errorPrefix: prefix, error: v.errors['update-status'], value: d.status,
      onInput: (status) => v.change({ status }),
      options: choices.map((s) => ({ value: s.key, label: s.key === report.status ? t('inbox.update.status.current', { status: s.label }) : s.label })) })}
    ${textarea({ id: 'update-public-note', label: t('inbox.update.public-note'), hint: t('inbox.update.public-note.hint'), errorPrefix: prefix,
      error: v.errors['update-public-note'], maxlength: 2000, value: d.publicNote, onInput: (publicNote) => v.change({ publicNote }) })}
    ${textarea({ id: 'update-internal-note', label: t('inbox.update.internal-note'), hint: t('inbox.update.internal-note.hint'), errorPrefix: prefix,
      error: v.errors['update-internal-note'], maxlength: 2000, value: d.internalNote, onInput: (internalNote) => v.change({ internalNote }) })}
    ${action(v, 'update', t('inbox.update.submit'))}`);
}

export function renderReassign(v: FormsView): TemplateResult {
  const { t, report } = v;
  const prefix = t('core.error.prefix');
  const categories = v.categories.filter((c) => c.active || c.code === report.category.code);
  const current = categories.some((c) => c.code === report.category.code) ? [] : [{ value: report.category.code, label: report.category.name }];
  return frame(v, 'reassign', t('inbox.reassign.heading'), v.submitReassign, html`
    ${select({ id: 'reassign-category', label: t('inbox.reassign.category'), errorPrefix: prefix, error: v.errors['reassign-category'], value: v.drafts.category,
      onInput: (category) => v.change({ category }), options: [...current, ...categoryChoices(categories)] })}
    ${select({ id: 'reassign-department', label: t('inbox.reassign.department'), hint: t('inbox.reassign.department.hint'), errorPrefix: prefix,
      error: v.errors['reassign-department'], value: v.drafts.department, onInput: (department) => v.change({ department }),
      options: [{ value: '', label: t('inbox.department.none') }, ...v.departments.map((d) => ({ value: d.slug, label: d.name }))] })}
    ${action(v, 'reassign', t('inbox.reassign.submit'))}`);
}

export function renderExpected(v: FormsView): TemplateResult {
  const { t } = v;
  return frame(v, 'expected', t('inbox.expected.heading'), (event) => v.submitExpected(event), html`
    ${input({ id: 'expected-on', type: 'date', label: t('inbox.expected.date'), hint: t('inbox.expected.date.hint'), errorPrefix: t('core.error.prefix'),
      error: v.errors['expected-on'], width: 'width-15', value: v.drafts.expectedOn, onInput: (expectedOn) => v.change({ expectedOn }) })}
    <div class="actions">
      ${action(v, 'expected', t('inbox.expected.submit'))}
      ${v.report.expectedOn
        ? html`<button class="button button--link" part="button" type="button" @click=${() => v.submitExpected(undefined, true)}>${t('inbox.expected.clear')}</button>`
        : nothing}
    </div>`);
}

export function renderMerge(v: FormsView): TemplateResult {
  const { t, report } = v;
  const prefix = t('core.error.prefix');
  const target = v.mergeTarget;
  const found = target && target.reference === v.drafts.mergeReference.trim().toUpperCase() ? target : undefined;
  return frame(v, 'merge', t('inbox.merge.heading'), v.submitMerge, html`
    <p class="hint">${t('inbox.merge.lead')}</p>
    ${input({ id: 'merge-reference', label: t('inbox.merge.reference'), hint: t('inbox.merge.reference.hint'), errorPrefix: prefix, width: 'width-15',
      error: v.errors['merge-reference'], maxlength: 20, autocomplete: 'off', value: v.drafts.mergeReference,
      onInput: (mergeReference) => v.change({ mergeReference }) })}
    ${action(v, 'find', t('inbox.merge.find'), 'secondary', 'button', v.findTarget)}
    ${found
      ? html`<div id="merge-target" class="merge-target" part="merge-target" tabindex="-1">
          <p><strong>${t('inbox.report.heading', { reference: found.reference, category: found.category.name })}</strong></p>
          <p>${found.statusLabel}${found.address ? html` · ${found.address}` : nothing}</p>
          <p class="muted">${found.description}</p>
        </div>
        ${textarea({ id: 'merge-public-note', label: t('inbox.merge.note'), hint: t('inbox.merge.note.hint'), errorPrefix: prefix,
          error: v.errors['merge-public-note'], maxlength: 2000, value: v.drafts.mergeNote, onInput: (mergeNote) => v.change({ mergeNote }) })}
        ${action(v, 'merge', t('inbox.merge.submit', { reference: report.reference, into: found.reference }), 'warning')}`
      : nothing}`);
}

export function renderPhotoDialog(v: FormsView): TemplateResult {
  const { t, report } = v;
  const photo = v.photo!;
  const image = report.photos.find((p) => p.id === photo.id);
  const problem = v.problems.photo;
  return dialog({
    id: 'photo-dialog', labelledBy: 'photo-dialog-heading', closeLabel: t('core.dialog.close'), onClose: v.closePhotoDialog,
    content: html`<form novalidate @submit=${v.confirmRemovePhoto}>
      <h2 id="photo-dialog-heading" class="subheading">${t('inbox.photo.confirm.heading', { n: photo.index + 1 })}</h2>
      ${image ? html`<img class="dialog__photo" src=${image.thumb} width="120" height="120" alt=${t('inbox.report.photo', { n: photo.index + 1, reference: report.reference })} />` : nothing}
      <p>${t('inbox.photo.confirm.lead')}</p>
      ${problem ? html`<p class="error-message" part="error" role="alert">${problem}</p>` : nothing}
      ${textarea({ id: 'photo-reason', label: t('inbox.photo.reason'), hint: t('inbox.photo.reason.hint'), errorPrefix: t('core.error.prefix'),
        error: v.errors['photo-reason'], maxlength: 500, rows: 2, value: v.drafts.photoReason, onInput: (photoReason) => v.change({ photoReason }) })}
      <div class="actions">
        ${action(v, 'photo', t('inbox.photo.confirm.submit'), 'warning')}
        <button class="button button--secondary" part="button" type="button"
          @click=${(event: Event) => ((event.currentTarget as Element).closest('dialog') as HTMLDialogElement).close()}>${t('inbox.photo.confirm.cancel')}</button>
      </div>
    </form>`,
  });
}
