// Small templates for the inbox's controls: a labelled select, input, textarea or checkbox with its hint
// and inline error wired up with ARIA (the GOV.UK pattern), and the option lists they share.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

export interface ControlOptions {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** The localised visually hidden "Error:" prefix. */
  errorPrefix: string;
  value: string;
  onInput: (value: string) => void;
  /** A CSS width class (`width-10`, `width-15`). */
  width?: string;
}

export interface Choice {
  value: string;
  label: string;
}

/** Options, some of them in groups (`<optgroup>`). */
export type ChoiceList = (Choice | { group: string; options: Choice[] })[];

const describedBy = (o: { id: string; hint?: string | undefined; error?: string | undefined }) =>
  [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ') || nothing;

export const errorLine = (id: string, error: string | undefined, prefix: string) =>
  error ? html`<p id="${id}-error" class="error-message" part="error"><span class="visually-hidden">${prefix} </span>${error}</p>` : nothing;

const head = (o: ControlOptions) => html`<label class="label" for=${o.id} part="label">${o.label}</label>
  ${o.hint ? html`<div id="${o.id}-hint" class="hint" part="hint">${o.hint}</div>` : nothing}${errorLine(o.id, o.error, o.errorPrefix)}`;

const field = (o: ControlOptions, control: TemplateResult) =>
  html`<div class="field ${o.error ? 'field--error' : ''}" part="field">${head(o)}${control}</div>`;

export function select(o: ControlOptions & { options: ChoiceList }): TemplateResult {
  const option = (choice: Choice) => html`<option value=${choice.value} ?selected=${choice.value === o.value}>${choice.label}</option>`;
  return field(o, html`<select id=${o.id} class="input select ${o.width ?? ''}" part="input" aria-describedby=${describedBy(o)}
    aria-invalid=${o.error ? 'true' : nothing} .value=${live(o.value)} @change=${(event: Event) => o.onInput((event.target as HTMLSelectElement).value)}>
    ${o.options.map((choice) => ('group' in choice ? html`<optgroup label=${choice.group}>${choice.options.map(option)}</optgroup>` : option(choice)))}
  </select>`);
}

export function input(o: ControlOptions & { type?: 'text' | 'date' | 'search'; maxlength?: number; autocomplete?: string }): TemplateResult {
  return field(o, html`<input id=${o.id} class="input ${o.width ?? ''}" part="input" type=${o.type ?? 'text'} maxlength=${o.maxlength ?? nothing}
    autocomplete=${o.autocomplete ?? nothing} spellcheck="false" aria-describedby=${describedBy(o)} aria-invalid=${o.error ? 'true' : nothing}
    .value=${live(o.value)} @input=${(event: Event) => o.onInput((event.target as HTMLInputElement).value)} />`);
}

export function textarea(o: ControlOptions & { rows?: number; maxlength?: number }): TemplateResult {
  return field(o, html`<textarea id=${o.id} class="input textarea" part="input" rows=${o.rows ?? 3} maxlength=${o.maxlength ?? nothing}
    aria-describedby=${describedBy(o)} aria-invalid=${o.error ? 'true' : nothing}
    .value=${live(o.value)} @input=${(event: Event) => o.onInput((event.target as HTMLTextAreaElement).value)}></textarea>`);
}
