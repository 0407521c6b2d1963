// A text field: visible label above, hint, inline error with a hidden "Error:" prefix, wired with ARIA.
import { html, nothing, type TemplateResult } from 'lit';

export interface TextFieldOptions {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  /** The localised visually-hidden prefix of the error ("Error:"). */
  errorPrefix: string;
  value: string;
  type?: 'text' | 'email' | 'password' | 'tel';
  autocomplete?: string;
  inputmode?: 'text' | 'email' | 'numeric' | 'tel';
  spellcheck?: boolean;
  autocapitalize?: 'off' | 'none' | 'words' | 'sentences';
  maxlength?: number;
  /** A CSS width class, e.g. `width-10` for a code. */
  width?: string;
  onInput: (value: string) => void;
}

export function textField(o: TextFieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : '';
  const errorId = o.error ? `${o.id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="field ${o.error ? 'field--error' : ''}" part="field">
    <label class="label" for=${o.id} part="label">${o.label}</label>
    ${o.hint ? html`<div id=${hintId} class="hint" part="hint">${o.hint}</div>` : nothing}
    ${o.error
      ? html`<p id=${errorId} class="error-message" part="error"><span class="visually-hidden">${o.errorPrefix} </span>${o.error}</p>`
      : nothing}
    <input
      id=${o.id}
      name=${o.name ?? o.id}
      class="input ${o.width ?? ''}"
      part="input"
      type=${o.type ?? 'text'}
      .value=${o.value}
      autocomplete=${o.autocomplete ?? nothing}
      inputmode=${o.inputmode ?? nothing}
      autocapitalize=${o.autocapitalize ?? nothing}
      maxlength=${o.maxlength ?? nothing}
      spellcheck=${o.spellcheck === undefined ? nothing : String(o.spellcheck)}
      aria-describedby=${describedBy || nothing}
      aria-invalid=${o.error ? 'true' : nothing}
      @input=${(event: InputEvent) => o.onInput((event.target as HTMLInputElement).value)}
    />
  </div>`;
}
