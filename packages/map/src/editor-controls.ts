// Small templates for the project editor's controls: a labelled input, textarea, select, checkbox or
// radio group, each with its hint and inline error wired up with ARIA (the GOV.UK pattern).
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

export interface ControlOptions {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** The localised visually hidden "Error:" prefix. */
  errorPrefix: string;
  value: string;
  onInput: (value: string) => void;
  /** CSS width class (`width-5`, `width-10`, `width-15`). */
  width?: string;
  required?: boolean;
}

const describedBy = (o: { id: string; hint?: string | undefined; error?: string | undefined }) =>
  [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ') || nothing;

const hintLine = (o: { id: string; hint?: string | undefined }) => (o.hint ? html`<div id="${o.id}-hint" class="hint" part="hint">${o.hint}</div>` : nothing);

export const errorLine = (id: string, error: string | undefined, prefix: string) =>
  error ? html`<p id="${id}-error" class="error-message" part="error"><span class="visually-hidden">${prefix} </span>${error}</p>` : nothing;

const field = (error: string | undefined, content: unknown) =>
  html`<div class="field ${error ? 'field--error' : ''}" part="field">${content}</div>`;

const head = (o: ControlOptions) =>
  html`<label class="label" for=${o.id} part="label">${o.label}</label>${hintLine(o)}${errorLine(o.id, o.error, o.errorPrefix)}`;

export function input(o: ControlOptions & { type?: 'text' | 'number' | 'color' | 'email'; inputmode?: string; maxlength?: number; step?: string }): TemplateResult {
  return field(o.error, html`${head(o)}<input id=${o.id} class="input ${o.width ?? ''}" part="input" type=${o.type ?? 'text'}
    inputmode=${o.inputmode ?? nothing} maxlength=${o.maxlength ?? nothing} step=${o.step ?? nothing} ?required=${!!o.required}
    aria-describedby=${describedBy(o)} aria-invalid=${o.error ? 'true' : nothing}
    .value=${live(o.value)} @input=${(event: Event) => o.onInput((event.target as HTMLInputElement).value)} />`);
}

export function textarea(o: ControlOptions & { rows?: number; maxlength?: number }): TemplateResult {
  return field(o.error, html`${head(o)}<textarea id=${o.id} class="input textarea" part="input" rows=${o.rows ?? 4} maxlength=${o.maxlength ?? nothing}
    aria-describedby=${describedBy(o)} aria-invalid=${o.error ? 'true' : nothing}
    .value=${live(o.value)} @input=${(event: Event) => o.onInput((event.target as HTMLTextAreaElement).value)}></textarea>`);
}

export function select(o: ControlOptions & { options: { value: string; label: string }[] }): TemplateResult {
  return field(o.error, html`${head(o)}<select id=${o.id} class="input select ${o.width ?? ''}" part="input"
    aria-describedby=${describedBy(o)} aria-invalid=${o.error ? 'true' : nothing}
    @change=${(event: Event) => o.onInput((event.target as HTMLSelectElement).value)}>
    ${o.options.map((option) => html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`)}
  </select>`);
}

export function checkbox(o: { id: string; label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void }): TemplateResult {
  return html`<div class="field field--checkbox" part="field">
    <div class="choice">
      <input id=${o.id} class="choice__input" type="checkbox" .checked=${live(o.checked)} aria-describedby=${describedBy(o)}
        @change=${(event: Event) => o.onChange((event.target as HTMLInputElement).checked)} />
      <label class="choice__label" for=${o.id}>${o.label}</label>
    </div>
    ${hintLine(o)}
  </div>`;
}

/** Radios in a fieldset; the first radio's id is `${name}-0` (what error summary links point at). */
export function radios(o: {
  name: string; legend: string; hint?: string; error?: string | undefined; errorPrefix: string; value: string; firstId?: string;
  options: { value: string; label: string; hint?: string }[]; onChange: (value: string) => void;
}): TemplateResult {
  const id = o.name;
  return field(o.error, html`<fieldset class="fieldset" part="fieldset" aria-describedby=${describedBy({ id, hint: o.hint, error: o.error })}>
    <legend class="label legend" part="label">${o.legend}</legend>
    ${hintLine({ id, hint: o.hint })}${errorLine(id, o.error, o.errorPrefix)}
    <div class="radios">
      ${o.options.map((option, i) => {
        const optionId = i === 0 && o.firstId ? o.firstId : `${id}-${i}`;
        return html`<div class="choice">
          <input id=${optionId} class="choice__input" type="radio" name=${id} .value=${option.value} .checked=${live(option.value === o.value)}
            aria-describedby=${option.hint ? `${optionId}-hint` : nothing} @change=${() => o.onChange(option.value)} />
          <div>
            <label class="choice__label" for=${optionId}>${option.label}</label>
            ${option.hint ? html`<div id="${optionId}-hint" class="hint choice__hint">${option.hint}</div>` : nothing}
          </div>
        </div>`;
      })}
    </div>
  </fieldset>`);
}
