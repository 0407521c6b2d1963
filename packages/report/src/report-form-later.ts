// The steps of <civic-report-form> after the first (similar reports nearby, the details with the category's
// questions and photos, "Check your report") and the confirmation, in a chunk of their own: the form loads
// it while the resident chooses a category, so that a page showing only the first step downloads less.
import { html, nothing, type TemplateResult } from 'lit';
import { checkFields, cleanInputs, fieldId, fieldsMessages, registerMessages, renderFields, textField, type FieldInputs, type PhotoList, type SavedPhoto } from '@civic-elements/core';
import type { Point, ReportCategory } from '@civic-elements/protocol';
import { renderAnswers } from './report-form-answers.js';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, looksLikeEmail } from './report-form-steps.js';

export { PhotoList, toFieldValues } from '@civic-elements/core';
export { renderNearby } from './report-form-nearby.js';
export { renderOutcome, trackUrlFor } from './report-form-outcome.js';

// The words of the questions and photos, in the registry every element reads.
for (const [lang, messages] of Object.entries(fieldsMessages)) registerMessages(lang, messages);

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The answers kept for the category's questions (answers to another category's questions are left out). */
export const answersFor = (category: ReportCategory, inputs: FieldInputs): FieldInputs => cleanInputs(category.fields, inputs);

export interface DetailsState {
  category: ReportCategory;
  inputs: FieldInputs;
  description: string;
  email: string;
  anonymous: boolean;
  photos: PhotoList;
}

/** The problems in the details step (questions, description, photos) and the contact step (email), by control id. */
export function checkDetails(s: DetailsState, step: 'details' | 'send', t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (step === 'details') {
    for (const [key, message] of Object.entries(checkFields(s.category.fields, answersFor(s.category, s.inputs), t))) errors[fieldId(key)] = message;
    const length = s.description.trim().length;
    if (length === 0) errors['description'] = t('report-form.description.required');
    else if (length < DESCRIPTION_MIN) errors['description'] = t('report-form.description.short', { count: DESCRIPTION_MIN });
    else if (length > DESCRIPTION_MAX) errors['description'] = t('report-form.description.long', { count: DESCRIPTION_MAX });
    const photos = s.photos.problem();
    if (photos) errors['photos'] = photos;
  } else if (s.anonymous) {
    if (!s.email.trim()) errors['email'] = t('report-form.email.required');
    else if (!looksLikeEmail(s.email)) errors['email'] = t('report-form.email.invalid');
  }
  return errors;
}

const errorLine = (id: string, error: string | undefined, t: Translate) =>
  error ? html`<p id="${id}-error" class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${error}</p>` : nothing;

export interface DetailsOptions extends DetailsState {
  errors: Record<string, string>;
  t: Translate;
  lang: string;
  input: (key: string, value: string | string[]) => void;
  describe: (text: string) => void;
}

/** The category's questions, the description (with the characters left) and the photos. */
export function renderDetails(o: DetailsOptions): TemplateResult {
  const { t } = o;
  const error = o.errors['description'];
  const left = DESCRIPTION_MAX - o.description.trim().length;
  return html`${renderFields({
      fields: o.category.fields, inputs: answersFor(o.category, o.inputs), lang: o.lang, t,
      errors: Object.fromEntries(o.category.fields.map((f) => [f.key, o.errors[fieldId(f.key)]]).filter(([, m]) => m)),
      onChange: o.input,
    })}
    <div class="field ${error ? 'field--error' : ''}" part="field">
      <label class="label" for="description" part="label">${t('report-form.description.label')}</label>
      <div id="description-hint" class="hint" part="hint">${t('report-form.description.hint')}</div>
      ${errorLine('description', error, t)}
      <textarea id="description" class="input textarea" part="input" rows="5" .value=${o.description}
        aria-describedby="description-hint description-count${error ? ' description-error' : ''}" aria-invalid=${error ? 'true' : nothing}
        @input=${(event: InputEvent) => o.describe((event.target as HTMLTextAreaElement).value)}></textarea>
      <p id="description-count" class="count ${left < 0 ? 'count--over' : ''}" part="count">
        ${left < 0 ? t('fields.count.over', { count: -left }) : t('fields.count.left', { count: left })}
      </p>
    </div>
    ${o.photos.render(o.errors['photos'])}`;
}

export interface CheckOptions {
  category: ReportCategory;
  inputs: FieldInputs;
  location: Point | null;
  description: string;
  photos: readonly SavedPhoto[];
  /** The signed-in person's address, or null for a report without an account. */
  account: string | null;
  email: string;
  name: string;
  api: string;
  org: string;
  errors: Record<string, string>;
  t: Translate;
  lang: string;
  change: (id: string) => void;
  setEmail: (value: string) => void;
  setName: (value: string) => void;
  signIn: () => void;
}

/** "Check your report": the answers with their "Change" buttons, then how the resident hears back. */
export function renderCheck(o: CheckOptions): TemplateResult {
  const { t } = o;
  return html`${renderAnswers({ ...o, inputs: answersFor(o.category, o.inputs) })}
    <h4 class="subheading">${t('report-form.contact.title')}</h4>
    ${o.account
      ? html`<p>${t('report-form.contact.signed-in', { email: o.account })}</p>`
      : html`${textField({
            id: 'email', label: t('report-form.email.label'), hint: t('report-form.email.hint'), error: o.errors['email'],
            errorPrefix: t('core.error.prefix'), value: o.email, type: 'email', autocomplete: 'email', spellcheck: false, onInput: o.setEmail,
          })}
          ${textField({
            id: 'name', label: `${t('report-form.name.label')} ${t('fields.marker.optional')}`, error: o.errors['name'],
            errorPrefix: t('core.error.prefix'), value: o.name, autocomplete: 'name', maxlength: 120, onInput: o.setName,
          })}
          <details class="sign-in-instead" @toggle=${o.signIn}>
            <summary part="button">${t('report-form.sign-in-instead')}</summary>
            <civic-sign-in api=${o.api} org=${o.org}></civic-sign-in>
          </details>`}`;
}
