// The GOV.UK error summary: "There is a problem", one link per error that moves focus to its field.
import { html, nothing, type TemplateResult } from 'lit';

export interface SummaryError {
  message: string;
  /** The id of the field in error, in the same shadow root; omit for an error no field owns. */
  fieldId?: string;
}

function focusField(event: Event, fieldId: string): void {
  event.preventDefault();
  const root = (event.currentTarget as Element).getRootNode() as ShadowRoot | Document;
  const field = root.getElementById(fieldId) as HTMLElement | null;
  field?.focus();
  const label = field && (root.querySelector(`label[for="${fieldId}"]`) as HTMLElement | null);
  (label ?? field)?.scrollIntoView?.({ block: 'center' });
}

/**
 * Render with `errors` empty to render nothing. Focus `.error-summary` after a failed submit.
 * `follow`, when given, takes a link's field id instead of the default focus (a form in steps shows
 * the step of the field first).
 */
export function errorSummary(title: string, errors: SummaryError[], id = 'error-summary', follow?: (fieldId: string) => void): TemplateResult | typeof nothing {
  if (errors.length === 0) return nothing;
  return html`<div class="error-summary" part="error-summary" tabindex="-1" id=${id} aria-labelledby="${id}-title">
    <h3 class="error-summary__title" id="${id}-title">${title}</h3>
    <ul class="error-summary__list">
      ${errors.map((error) =>
        error.fieldId
          ? html`<li><a href="#${error.fieldId}" @click=${(event: Event) => (follow ? (event.preventDefault(), follow(error.fieldId!)) : focusField(event, error.fieldId!))}>${error.message}</a></li>`
          : html`<li>${error.message}</li>`,
      )}
    </ul>
  </div>`;
}
