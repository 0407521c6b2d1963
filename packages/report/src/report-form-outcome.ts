// What <civic-report-form> shows once it is done: the report sent (its reference and what happens next),
// the report supported instead, or the report queued until the connection comes back.
import { html, nothing, type TemplateResult } from 'lit';
import type { Report, ReportRelation, StatusStep } from '@civic-elements/protocol';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export type Outcome =
  | { kind: 'sent'; report: Report; email: string | null }
  | { kind: 'supported'; report: Report; relation: ReportRelation }
  | { kind: 'queued'; requestId: string };

export interface OutcomeOptions {
  outcome: Outcome;
  /** The workflow step new reports take, to say what it means. */
  firstStep: StatusStep | undefined;
  /** `track-url` with `{reference}` and `{id}` filled in, or ''. */
  trackUrl: string;
  t: Translate;
  another: () => void;
}

export function renderOutcome(o: OutcomeOptions): TemplateResult {
  const { t, outcome } = o;
  const another = html`<button class="button button--secondary" part="button" type="button" @click=${o.another}>${t('report-form.another')}</button>`;
  if (outcome.kind === 'queued') {
    return html`<div id="outcome" class="notice notice--queued" part="notice queued" tabindex="-1" role="region" aria-labelledby="outcome-title">
      <h3 id="outcome-title" class="subheading">${t('report-form.queued.title')}</h3>
      <p>${t('report-form.queued.text')}</p>
      ${another}
    </div>`;
  }
  const { report } = outcome;
  const track = o.trackUrl ? html`<p><a class="link" part="link" href=${o.trackUrl}>${t('report-form.sent.follow')}</a></p>` : nothing;
  if (outcome.kind === 'supported') {
    return html`<div id="outcome" class="success" part="success" tabindex="-1" role="region" aria-labelledby="outcome-title">
      <h3 id="outcome-title" class="success__title">${t('report-form.supported.title')}</h3>
      <p>${t('report-form.supported.text', { reference: report.reference })}</p>
      <p>${t('report-form.supported.count', { count: outcome.relation.supportCount })}</p>
      ${track}
      ${another}
    </div>`;
  }
  const step = o.firstStep;
  return html`<div id="outcome" class="success" part="success" tabindex="-1" role="region" aria-labelledby="outcome-title">
    <h3 id="outcome-title" class="success__title">${t('report-form.sent.title')}</h3>
    <p class="reference" part="reference">${t('report-form.sent.reference', { reference: report.reference })}</p>
    <h4 class="success__subtitle">${t('report-form.sent.next')}</h4>
    <p>${t('report-form.sent.status', { status: report.statusLabel })}${step?.description ? ` ${step.description}` : ''}</p>
    <p>${outcome.email ? t('report-form.sent.email', { email: outcome.email }) : t('report-form.sent.account')} ${t('report-form.sent.quote')}</p>
    ${track}
    ${another}
  </div>`;
}

/** `track-url` for a report: `{reference}` and `{id}` replaced (URL-encoded); '' without a template. */
export const trackUrlFor = (template: string | undefined, report: Report): string =>
  template ? template.replace(/\{reference\}/g, encodeURIComponent(report.reference)).replace(/\{id\}/g, encodeURIComponent(report.id)) : '';
