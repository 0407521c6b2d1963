// <civic-sign-in>: register, verify the email with a one-time code, sign in and out; shows who is signed in.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  ApiError, CivicCodeSentEvent, CivicElement, CivicSignedInEvent, CivicSignedOutEvent, LiveAnnouncer,
  button, dialog, errorMessage, errorSummary, showDialog, textField, uiStyles, type SummaryError,
} from '@civic-elements/core';
import type { CodeSent, OrgPublic, SessionResponse, User } from '@civic-elements/protocol';
import { styles } from './civic-sign-in.styles.js';
import { readDraft, writeDraft, type Draft } from './draft.js';
import { signInMessages } from './messages.js';
import { checkCode, checkEmail, checkPassword, checkRegistration, cleanCode, type Field, type FieldErrors } from './validate.js';

type Step = Draft['step'];

/** The id of a field's input: its name, but `new-password` for newPassword. */
const fieldId = (field: Field): string => (field === 'newPassword' ? 'new-password' : field);
/** Options of the reactive properties that are internal state (one object, shared). */
const state = { state: true };
/** API field names (validation_failed) → our fields, per step. */
const API_FIELDS: Record<string, Field> = { email: 'email', name: 'name', code: 'code' };

/**
 * Sign in to Civic Elements, or create an account, with a 6-digit code sent by email (or a password,
 * where the organisation allows one). Shows who is signed in, with a "Sign out" button. Every widget
 * on the page, and every tab of the site, follows the same session.
 *
 * @summary Register, verify an email with a one-time code, sign in and out.
 *
 * @attr api - The API's base URL (else the nearest `<civic-config api>`).
 * @attr org - The organisation's slug (else the nearest `<civic-config org>`).
 * @attr lang - The language (en, it, ar; else the nearest `lang` ancestor, else `<html lang>`).
 * @attr {boolean} compact - Render one button ("Sign in", or the person's name) that opens the flow in a dialog.
 *
 * @slot heading - Replaces the heading of the first step ("Sign in or create an account").
 *
 * @event {CivicCodeSentEvent} civic-code-sent - A code was emailed; `event.email`.
 * @event {CivicSignedInEvent} civic-signed-in - The resident signed in; `event.user`.
 * @event {CivicSignedOutEvent} civic-signed-out - The resident signed out.
 *
 * @csspart root - The wrapper of everything, carrying `dir`.
 * @csspart heading - The heading of each step.
 * @csspart form - Each step's form.
 * @csspart field - A field's wrapper (label, hint, error, input).
 * @csspart label - A field's label.
 * @csspart hint - A field's hint.
 * @csspart input - A text input.
 * @csspart error - A field's inline error message.
 * @csspart error-summary - The "There is a problem" box.
 * @csspart notice - The "we can't find an account" message.
 * @csspart button - Every button.
 * @csspart trigger - The compact mode's button.
 * @csspart dialog - The compact mode's dialog.
 * @csspart account - The signed-in email address.
 * @csspart status - The visually hidden live region.
 *
 * @cssproperty --civic-color-primary - Buttons and links (default #1d70b8).
 * @cssproperty --civic-color-primary-text - Text on primary buttons (default #ffffff).
 * @cssproperty --civic-color-text - Text (default #0b0c0c).
 * @cssproperty --civic-color-background - Background of inputs and the dialog (default #ffffff).
 * @cssproperty --civic-color-muted - Hints (default #505a5f).
 * @cssproperty --civic-color-error - Errors (default #d4351c).
 * @cssproperty --civic-color-success - Success (default #00703c).
 * @cssproperty --civic-color-focus - The focus highlight (default #ffdd00).
 * @cssproperty --civic-color-link - Links and link buttons (default the primary colour).
 * @cssproperty --civic-color-border - Input borders (default #505a5f).
 * @cssproperty --civic-font-family - Font (default: the host page's own font).
 * @cssproperty --civic-font-size - Base font size (default 1rem).
 * @cssproperty --civic-radius - Corner radius (default 0).
 * @cssproperty --civic-space - Base spacing (default 1rem).
 */
export class CivicSignIn extends CivicElement {
  static override styles = [...CivicElement.styles, uiStyles, styles];
  static override messages = [...CivicElement.messages, signInMessages];
  static override properties = {
    compact: { type: Boolean, reflect: true },
    step: state,
    email: state,
    name: state,
    newPassword: state,
    password: state,
    code: state,
    errors: state,
    problem: state,
    unknownEmail: state,
    busy: state,
    passwordSignIn: state,
  };

  /** Render one button that opens the flow in a modal dialog. */
  compact = false;

  step: Step = 'email';
  email = '';
  name = '';
  newPassword = '';
  password = '';
  code = '';
  private errors: FieldErrors = {};
  private problem = '';
  private unknownEmail = false;
  private busy = '';
  private passwordSignIn = false;

  readonly #announcer = new LiveAnnouncer(this);
  #focus: string | undefined;
  #draftKey = '';
  #orgKey = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = `${this.resolvedApi} ${this.resolvedOrg}`;
    if (this.#ready && key !== this.#draftKey) {
      this.#draftKey = key;
      const draft = this.session?.signedIn ? undefined : readDraft(this.resolvedApi, this.resolvedOrg);
      if (draft) Object.assign(this, draft); // exactly step, email and name
    }
    if (this.#ready && key !== this.#orgKey && this.isConnected) {
      this.#orgKey = key;
      this.client.get<OrgPublic>(`/v1/orgs/${encodeURIComponent(this.resolvedOrg)}`)
        .then((org) => (this.passwordSignIn = org.passwordSignIn === true))
        .catch(() => (this.passwordSignIn = false));
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if ((changed.has('step') || changed.has('email') || changed.has('name')) && this.#ready && !this.session?.signedIn) {
      const inProgress = this.step !== 'email' || this.email;
      writeDraft(this.resolvedApi, this.resolvedOrg, inProgress ? { step: this.step, email: this.email, name: this.name } : undefined);
    }
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      this.#focus = undefined;
      target?.focus();
    }
  }

  /** Whether the element knows its API and organisation. */
  get #ready(): boolean {
    return !!(this.resolvedApi && this.resolvedOrg);
  }

  /** Focus `selector` once the next render is done. */
  #focusAfterRender(selector: string): void {
    this.#focus = selector;
    this.requestUpdate();
  }

  #go(step: Step): void {
    this.step = step;
    this.errors = {};
    this.problem = '';
    this.unknownEmail = false;
    this.#focusAfterRender('#heading');
  }

  /**
   * Posts `body` (with the organisation) to the API, one request at a time, showing `name` as busy.
   * Resolves with the answer, or with false once the failure is shown. Requests are cancelled when
   * the element leaves the page (the client's lifetime signal).
   */
  async #post<T>(name: string, path: string, body: object, auth?: false): Promise<T | false> {
    if (this.busy) return false;
    this.busy = name;
    this.problem = '';
    try {
      if (!this.#ready) throw new ApiError(0, 'org_not_found', 'No api or org');
      return await this.client.post<T>(path, { org: this.resolvedOrg, ...body }, { auth });
    } catch (error) {
      this.#fail(error);
      return false;
    } finally {
      this.busy = '';
    }
  }

  /** Shows client-side errors, if any, in the summary and by the fields. */
  #invalid(errors: FieldErrors): boolean {
    const keys = Object.entries(errors) as [Field, string][];
    this.errors = Object.fromEntries(keys.map(([field, key]) => [field, this.t(key)]));
    this.problem = '';
    this.unknownEmail = false;
    if (keys.length === 0) return false;
    this.#focusAfterRender('.error-summary');
    return true;
  }

  #fail(error: unknown): void {
    if (error instanceof ApiError && error.code === 'aborted') return;
    const errors: FieldErrors = {};
    const apiError = error instanceof ApiError ? error : undefined;
    const code = apiError?.code;
    const message = errorMessage(error, this.localize);
    let problem = '';
    if (code === 'unknown_email' && (this.step === 'email' || this.step === 'password')) {
      this.step = 'email';
      this.errors = {};
      this.unknownEmail = true;
      this.#announcer.announce(this.t('sign-in.unknown-email'));
      this.#focusAfterRender('#unknown-email');
      return;
    }
    const triesLeft = apiError?.details['triesLeft'];
    if (code === 'wrong_code' && typeof triesLeft === 'number') {
      errors.code = this.t('sign-in.error.wrong-code', { count: triesLeft });
    } else if (['wrong_code', 'code_expired', 'code_exhausted', 'no_code'].includes(code!)) {
      errors.code = message;
    } else if (code === 'wrong_password' || code === 'no_password') {
      errors.password = message;
    } else if (code === 'validation_failed') {
      for (const [name, text] of Object.entries(apiError!.fields)) {
        const field = name === 'password' ? (this.step === 'register' ? 'newPassword' : 'password') : API_FIELDS[name];
        if (field) errors[field] = text; // the API's own words, already plain English
      }
      if (Object.keys(errors).length === 0) problem = message;
    } else {
      problem = message;
    }
    this.errors = errors;
    this.problem = problem;
    this.unknownEmail = false;
    this.#announcer.announce([this.t('core.error-summary.title'), ...Object.values(errors), problem].filter(Boolean).join('. '));
    this.#focusAfterRender('.error-summary');
  }

  #codeSent(email: string, again: boolean): void {
    this.code = '';
    this.dispatchEvent(new CivicCodeSentEvent(email));
    this.#announcer.announce(this.t(again ? 'sign-in.resent' : 'sign-in.code.sent', { email }));
    if (again) {
      this.errors = {};
      this.problem = '';
      this.#focusAfterRender('#code');
    } else {
      this.#go('code');
    }
  }

  async #sendCode(again = false): Promise<void> {
    const email = this.email.trim();
    if (await this.#post<CodeSent>(again ? 'resend' : 'continue', '/v1/auth/code', { email, locale: this.localize.language })) this.#codeSent(email, again);
  }

  #onSubmitEmail(event: Event): void {
    event.preventDefault();
    if (!this.#invalid(checkEmail(this.email))) void this.#sendCode();
  }

  async #onSubmitRegistration(event: Event): Promise<void> {
    event.preventDefault();
    if (this.#invalid(checkRegistration(this.name, this.email, this.newPassword, this.passwordSignIn))) return;
    const email = this.email.trim();
    const body = {
      email, name: this.name.trim(), locale: this.localize.language,
      ...(this.passwordSignIn && this.newPassword ? { password: this.newPassword } : {}),
    };
    if (await this.#post<CodeSent>('register', '/v1/auth/register', body)) {
      this.newPassword = '';
      this.#codeSent(email, false);
    }
  }

  async #signIn(credentials: { code: string } | { password: string }): Promise<void> {
    const session = await this.#post<SessionResponse>('sign-in', '/v1/auth/sign-in', { email: this.email.trim(), ...credentials }, false);
    if (!session) return;
    writeDraft(this.resolvedApi, this.resolvedOrg, undefined);
    this.code = this.password = '';
    this.step = 'email';
    this.errors = {};
    this.session?.signIn(session);
    this.dispatchEvent(new CivicSignedInEvent(session.user));
    this.#announcer.announce(this.t('sign-in.signed-in.announce', { name: session.user.name }));
    this.#closeDialog();
    this.#focusAfterRender(this.compact ? '[part~="trigger"]' : '#heading');
  }

  #onSubmitCode(event: Event): void {
    event.preventDefault();
    if (!this.#invalid(checkCode(this.code))) void this.#signIn({ code: cleanCode(this.code) });
  }

  #onSubmitPassword(event: Event): void {
    event.preventDefault();
    if (!this.#invalid(checkPassword(this.password))) void this.#signIn({ password: this.password });
  }

  async #signOut(): Promise<void> {
    if (this.busy) return;
    this.busy = 'sign-out';
    await this.session?.signOut();
    this.busy = '';
    this.dispatchEvent(new CivicSignedOutEvent());
    this.#announcer.announce(this.t('sign-in.signed-out'));
    this.#closeDialog();
    this.#go('email');
    if (this.compact) this.#focusAfterRender('[part~="trigger"]');
  }

  #openDialog(): void {
    showDialog(this.renderRoot.querySelector('dialog'));
    this.#focusAfterRender(this.session?.signedIn ? '#heading' : this.step === 'email' ? '#email' : '#heading');
  }

  #closeDialog(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  protected renderContent(): unknown {
    if (!this.compact) return this.#renderFlow();
    const user = this.session?.user;
    return html`${this.#announcer.render()}
      ${button({ label: user ? user.name : this.t('sign-in.trigger'), variant: user ? 'secondary' : 'primary', part: 'button trigger', haspopup: 'dialog', onClick: () => this.#openDialog() })}
      ${dialog({ id: 'dialog', labelledBy: 'heading', closeLabel: this.t('core.dialog.close'), content: this.#renderFlow(), onClose: () => this.requestUpdate() })}`;
  }

  #renderFlow(): TemplateResult {
    const user = this.session?.user;
    // The first step's heading is the slot's (its fallback text, or the page's own words).
    const heading = user
      ? this.t('sign-in.signed-in.heading', { name: user.name })
      : this.step === 'email' ? '' : this.t(`sign-in.${this.step}.heading`);
    return html`<div class="flow">
      ${this.#announcer.render()}
      <h2 id="heading" class="heading" part="heading" tabindex="-1"><slot name="heading" ?hidden=${heading !== ''}>${this.t('sign-in.heading')}</slot>${heading}</h2>
      ${user ? this.#renderSignedIn(user) : this.#renderStep()}
    </div>`;
  }

  #renderSignedIn(user: User): TemplateResult {
    return html`<p class="account" part="account">${user.email}</p>
      ${button({ label: this.t('sign-in.sign-out'), variant: 'secondary', busy: this.busy === 'sign-out', onClick: () => void this.#signOut() })}`;
  }

  #summary(): unknown {
    const errors: SummaryError[] = (Object.entries(this.errors) as [Field, string][]).map(([field, message]) => ({ message, fieldId: fieldId(field) }));
    if (this.problem) errors.push({ message: this.problem });
    return errorSummary(this.t('core.error-summary.title'), errors);
  }

  /** A field labelled by the message `sign-in.<id>.label`, with the hint `sign-in.<id>.hint` unless `hint` is false. */
  #field(field: Field, options: Partial<Parameters<typeof textField>[0]>, hint = true): TemplateResult {
    const id = fieldId(field);
    return textField({
      id, label: this.t(`sign-in.${id}.label`), hint: hint ? this.t(`sign-in.${id}.hint`) : '', errorPrefix: this.t('core.error.prefix'),
      error: this.errors[field], value: this[field], onInput: (value) => (this[field] = value), ...options,
    });
  }

  /** A link-style button in a paragraph of its own, labelled by the message `key`. */
  #link(key: string, onClick: () => void): TemplateResult {
    return html`<p class="action">${button({ label: this.t(key), variant: 'link', onClick })}</p>`;
  }

  #emailField(): TemplateResult {
    return this.#field('email', { type: 'email', autocomplete: 'email', inputmode: 'email', spellcheck: false, autocapitalize: 'none' });
  }

  #renderStep(): TemplateResult {
    /** The submit button, labelled by the message `label` (and `busyLabel` while `name` is busy). */
    const submit = (label: string, busyLabel: string, name: string) =>
      button({ label: this.t(label), busyLabel: this.t(busyLabel), type: 'submit', busy: this.busy === name });
    switch (this.step) {
      case 'email':
        return html`<form part="form" novalidate @submit=${this.#onSubmitEmail}>
          ${this.#summary()} ${this.#emailField()}
          ${this.unknownEmail
            ? html`<div id="unknown-email" class="notice" part="notice" tabindex="-1">
                <p>${this.t('sign-in.unknown-email')}</p>
                ${button({ label: this.t('sign-in.create-account'), variant: 'secondary', onClick: () => this.#go('register') })}
              </div>`
            : nothing}
          ${submit('sign-in.continue', 'sign-in.sending', 'continue')}
        </form>`;
      case 'register':
        return html`<form part="form" novalidate @submit=${this.#onSubmitRegistration}>
            ${this.#summary()}
            ${this.#field('name', { autocomplete: 'name', autocapitalize: 'words', spellcheck: false })}
            ${this.#emailField()}
            ${this.passwordSignIn
              ? this.#field('newPassword', { type: 'password', autocomplete: 'new-password' })
              : nothing}
            ${submit('sign-in.register.submit', 'sign-in.sending', 'register')}
          </form>
          ${this.#link('sign-in.change-email', () => this.#go('email'))}`;
      case 'code':
        return html`<p class="lead">${this.t('sign-in.code.sent', { email: this.email.trim() })}</p>
          <form part="form" novalidate @submit=${this.#onSubmitCode}>
            ${this.#summary()}
            ${this.#field('code', {
              inputmode: 'numeric', autocomplete: 'one-time-code', spellcheck: false, width: 'width-10', maxlength: 12,
            })}
            ${submit('sign-in.submit', 'sign-in.signing-in', 'sign-in')}
          </form>
          ${this.#link(this.busy === 'resend' ? 'sign-in.sending' : 'sign-in.resend', () => void this.#sendCode(true))}
          ${this.#link('sign-in.change-email', () => this.#go('email'))}
          ${this.passwordSignIn ? this.#link('sign-in.use-password', () => this.#go('password')) : nothing}`;
      case 'password':
        return html`<form part="form" novalidate @submit=${this.#onSubmitPassword}>
            ${this.#summary()} ${this.#emailField()}
            ${this.#field('password', { type: 'password', autocomplete: 'current-password' }, false)}
            ${submit('sign-in.submit', 'sign-in.signing-in', 'sign-in')}
          </form>
          ${this.#link('sign-in.use-code', () => void this.#sendCode())}`;
    }
  }
}
