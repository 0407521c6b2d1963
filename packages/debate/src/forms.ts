// What a person does in <civic-debate>, a chunk loaded after the first page: post a comment, reply, edit,
// delete, report a comment (a dialog), vote, choose reply emails, show more comments or replies, follow
// a permalink. Drafts are kept per subject on the device until posted; every refusal is told next to
// the text, which stays.
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, dialog, errorSummary, registerMessages, showDialog, type SummaryError } from '@civic-elements/core';
import type { Comment, CommentFlagReason, CommentPage, CommentSubscription, CommentThread, CommentThreadAnswer, Stance, VoteResult } from '@civic-elements/protocol';
import { CivicCommentPostedEvent, CivicVoteCastEvent } from './events.js';
import type { DebateHost } from './host.js';
import { en } from './messages-forms.js';
import { anchorOf, idOf, type Action } from './thread-view.js';
import { find, insert, patch } from './threads.js';

/** protocol's MAX_COMMENT_LENGTH (protocol is imported for its types only: zod stays out of the bundle). */
const MAX_COMMENT_LENGTH = 5000;
const STANCES: Stance[] = ['for', 'against', 'neutral', 'question'];
const REASONS: CommentFlagReason[] = ['abuse', 'harassment', 'spam', 'off-topic', 'personal-information', 'other'];
/** Refusals told next to the text, by their own words. */
const REFUSALS = ['rate_limited', 'duplicate_text', 'blocked_word', 'suspended', 'automated', 'edit_window_closed'];

interface Draft {
  stance: Stance;
  body: string;
}

interface FormState extends Draft {
  official: boolean;
  department: string;
  website: string;
  errors: { body?: string; stance?: string; form?: string };
  busy: boolean;
  restored: boolean;
}

const storageKey = (host: DebateHost, form: string): string =>
  `civic-elements.debate:${host.client.base}:${host.resolvedOrg}:${host.subjectKey}:${form}`;

function readDraft(key: string): Draft | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<Draft> | null;
    if (value && typeof value.body === 'string') return { body: value.body, stance: STANCES.includes(value.stance!) ? value.stance! : 'neutral' };
  } catch {
    // a corrupt or blocked store only means no draft
  }
  return undefined;
}

function writeDraft(key: string, draft: Draft | undefined): void {
  try {
    if (draft && draft.body) localStorage.setItem(key, JSON.stringify({ stance: draft.stance, body: draft.body }));
    else localStorage.removeItem(key);
  } catch {
    // storage blocked or full: the draft lives in memory only
  }
}

export function createForms(host: DebateHost) {
  registerMessages('en', en);
  const t = (key: string, params?: Record<string, string | number>) => host.text(key, params);
  const forms = new Map<string, FormState>();
  let replying: string | undefined;
  let editing: string | undefined;
  let deleting: string | undefined;
  let deleteBusy = false;
  let flagging: Comment | undefined;
  let flag: { reason?: CommentFlagReason; note: string; error?: string; busy: boolean } = { note: '', busy: false };
  let subscription: boolean | undefined;
  let subscriptionAsked = false;

  const path = (comment: Pick<Comment, 'id'>, rest = ''): string => `${host.commentsPath}/${encodeURIComponent(comment.id)}${rest}`;
  /** The permalink (`#comment-<id>`) last followed, so that each is followed once. */
  let followed = '';

  /** A comment changed by the reader (edited, deleted, voted, reported). */
  function changed(comment: Partial<Comment> & { id: string }): void {
    const threads = patch(host.threads, comment.id, comment);
    if (threads) host.threads = threads;
  }

  /** A comment the reader posted: shown at once (at the top, or under its parent) and focused. */
  function posted(comment: Comment): void {
    const threads = insert(host.threads, comment);
    if (threads) {
      host.threads = threads;
      if (!comment.parentId) host.shown++;
    }
    host.waiting = host.waiting.filter((known) => known.id !== comment.id);
    host.focusSoon(anchorOf(comment.id));
  }

  const signedOut = (comment: Comment): boolean => {
    host.problems.delete(comment.id);
    if (host.session?.signedIn) return false;
    host.problems.set(comment.id, t('debate.signed-out'));
    host.requestUpdate();
    return true;
  };

  /** A form's state: its draft on the device, else empty (an edit starts from the comment). */
  function state(key: string, comment?: Comment): FormState {
    let form = forms.get(key);
    if (!form) {
      const draft = readDraft(storageKey(host, key));
      const start = draft ?? (key.startsWith('edit:') && comment ? { stance: comment.stance, body: comment.body } : { stance: 'neutral' as Stance, body: '' });
      const official = host.you?.officialAs[0];
      form = { ...start, official: false, department: official?.slug ?? '', website: '', errors: {}, busy: false, restored: !!draft?.body };
      forms.set(key, form);
    }
    return form;
  }

  function save(key: string, form: FormState): void {
    writeDraft(storageKey(host, key), form);
    host.requestUpdate();
  }

  /** An API refusal in plain words, next to the text it concerns. */
  function refusal(error: unknown): FormState['errors'] {
    if (!(error instanceof ApiError)) return { body: `${host.errorText(error)} ${t('debate.form.error.kept')}` };
    const { code, details } = error;
    if (code === 'validation_failed') {
      const body = error.fields['body'];
      const stance = error.fields['stance'];
      if (body || stance) return { body, stance };
      return { form: host.errorText(error) };
    }
    if (code === 'rate_limited') {
      const wait = error.retryAfter;
      return { body: wait ? t('debate.form.error.rate_limited', { wait: new Intl.NumberFormat(host.resolvedLang, { style: 'unit', unit: wait >= 90 ? 'minute' : 'second', unitDisplay: 'long' }).format(wait >= 90 ? Math.ceil(wait / 60) : Math.ceil(wait)) }) : t('debate.form.error.rate_limited.soon') };
    }
    if (code === 'blocked_word') {
      const words = details['words'];
      return { body: words ? t('debate.form.error.blocked_word', { words: String(words) }) : t('debate.form.error.blocked_word.some') };
    }
    if (code === 'suspended') {
      const until = Date.parse(String(details['until'] ?? ''));
      return { body: Number.isFinite(until) ? t('debate.form.error.suspended', { date: new Intl.DateTimeFormat(host.resolvedLang, { dateStyle: 'long', timeStyle: 'short' }).format(until) }) : t('debate.form.error.suspended.some') };
    }
    if (REFUSALS.includes(code)) return { body: t(`debate.form.error.${code}`) };
    return { body: `${host.errorText(error)} ${t('debate.form.error.kept')}` };
  }

  function closeForms(focusId?: string): void {
    replying = editing = deleting = undefined;
    if (focusId) host.focusSoon(focusId);
    host.requestUpdate();
  }

  async function submit(key: string, prefix: string, comment: Comment | undefined, event: Event): Promise<void> {
    event.preventDefault();
    const form = state(key, comment);
    if (form.busy) return;
    const length = form.body.trim().length;
    form.errors = length < 2 ? { body: t('debate.form.error.empty') } : form.body.length > MAX_COMMENT_LENGTH ? { body: t('debate.form.error.long', { max: MAX_COMMENT_LENGTH }) } : {};
    if (form.errors.body) {
      host.focusSoon(`${prefix}-summary`);
      host.requestUpdate();
      return;
    }
    form.busy = true;
    host.requestUpdate();
    const edit = key.startsWith('edit:');
    try {
      if (edit && comment) {
        const saved = await host.client.request<Comment>('PATCH', path(comment), { body: { body: form.body, stance: form.stance } });
        changed(saved);
        forms.delete(key);
        writeDraft(storageKey(host, key), undefined);
        closeForms();
        host.focusSoon(`comment-${saved.id}`);
        host.announce(t('debate.form.saved'));
        return;
      }
      const official = form.official && !comment && (host.you?.officialAs.length ?? 0) > 0;
      const answer = await host.client.post<Comment>(host.commentsPath, {
        subject: host.subjectKey,
        parentId: comment?.id,
        stance: form.stance,
        body: form.body,
        official: official || undefined,
        department: official && form.department ? form.department : undefined,
        website: form.website || undefined,
      });
      forms.delete(key);
      writeDraft(storageKey(host, key), undefined);
      if (comment) closeForms();
      posted(answer);
      host.announce(t(answer.status === 'pending' ? 'debate.form.pending' : 'debate.form.posted'));
      host.dispatchEvent(new CivicCommentPostedEvent(answer));
    } catch (error) {
      form.errors = refusal(error);
      host.announce(form.errors.body ?? form.errors.stance ?? form.errors.form ?? '');
      host.focusSoon(`${prefix}-summary`);
    } finally {
      form.busy = false;
      host.requestUpdate();
    }
  }

  /** The compose, reply or edit form. `comment`: what is replied to or edited. */
  function renderForm(key: string, prefix: string, comment?: Comment): TemplateResult {
    const form = state(key, comment);
    const edit = key.startsWith('edit:');
    const reply = key.startsWith('reply:');
    const bodyId = `${prefix}-body`;
    const { errors } = form;
    const summary: SummaryError[] = [];
    if (errors.stance) summary.push({ message: errors.stance, fieldId: `${prefix}-stance-${form.stance}` });
    if (errors.body) summary.push({ message: errors.body, fieldId: bodyId });
    if (errors.form) summary.push({ message: errors.form });
    const left = MAX_COMMENT_LENGTH - form.body.length;
    const officialAs = !comment ? host.you?.officialAs ?? [] : [];
    const input = (change: (form: FormState, value: string) => void) => (event: Event) => {
      change(form, (event.target as HTMLInputElement).value);
      save(key, form);
    };
    const error = (message: string | undefined, id: string) =>
      message ? html`<p id=${id} class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${message}</p>` : nothing;
    const cancel = () => {
      forms.delete(key);
      writeDraft(storageKey(host, key), undefined);
      closeForms(comment && idOf(comment.id, edit ? 'edit' : 'reply'));
    };
    return html`<form class="form" part="form" novalidate aria-label=${t(edit ? 'debate.form.body.edit' : reply ? 'debate.form.body.reply' : 'debate.form.heading')}
        @submit=${(event: Event) => void submit(key, prefix, comment, event)}>
      ${errorSummary(t('core.error-summary.title'), summary, `${prefix}-summary`)}
      ${form.restored && !edit ? html`<p class="notice" part="notice">${t('debate.form.draft')}</p>` : nothing}
      <fieldset class="field radios-field ${errors.stance ? 'field--error' : ''}" part="field">
        <legend class="legend" part="label">${t('debate.form.stance')}</legend>
        ${error(errors.stance, `${prefix}-stance-error`)}
        <div class="radios">${STANCES.map((stance) => html`<label class="choice"><input type="radio" name="${prefix}-stance" id="${prefix}-stance-${stance}"
          value=${stance} .checked=${form.stance === stance} @change=${input((f, value) => (f.stance = value as Stance))} />${t(`debate.stance.${stance}`)}</label>`)}</div>
      </fieldset>
      <div class="field ${errors.body ? 'field--error' : ''}" part="field">
        <label class="label" for=${bodyId} part="label">${t(edit ? 'debate.form.body.edit' : reply ? 'debate.form.body.reply' : 'debate.form.body')}</label>
        <div id="${prefix}-hint" class="hint" part="hint">${t('debate.form.hint')}</div>
        ${error(errors.body, `${prefix}-error`)}
        <textarea id=${bodyId} name="body" class="input textarea" part="input" rows="5" .value=${form.body}
          aria-describedby="${prefix}-hint ${errors.body ? `${prefix}-error ` : ''}${prefix}-left" aria-invalid=${errors.body ? 'true' : nothing}
          @input=${input((f, value) => (f.body = value))}></textarea>
        <p id="${prefix}-left" class="hint ${left < 0 ? 'error-message' : ''}" part="hint">${t(left < 0 ? 'debate.form.over' : 'debate.form.left', { count: Math.abs(left) })}</p>
      </div>
      ${officialAs.length
        ? html`<div class="field" part="field"><label class="choice"><input type="checkbox" id="${prefix}-official" .checked=${form.official}
            @change=${(event: Event) => { form.official = (event.target as HTMLInputElement).checked; host.requestUpdate(); }} />${t('debate.form.official')}</label>
            ${form.official && officialAs.length > 1
              ? html`<label class="label" for="${prefix}-department">${t('debate.form.official.as')}</label>
                <select id="${prefix}-department" class="input select" part="input" @change=${input((f, value) => (f.department = value))}>
                  ${officialAs.map((as) => html`<option value=${as.slug ?? ''} ?selected=${(as.slug ?? '') === form.department}>${as.name}</option>`)}</select>`
              : nothing}</div>`
        : nothing}
      <div class="visually-hidden" aria-hidden="true" part="honeypot">
        <label for="${prefix}-website">${t('debate.form.honeypot')}</label>
        <input id="${prefix}-website" name="website" type="text" tabindex="-1" autocomplete="off" .value=${form.website} @input=${input((f, value) => (f.website = value))} />
      </div>
      ${!comment && host.you?.premoderated ? html`<p class="notice" part="notice">${t('debate.form.premoderated')}</p>` : nothing}
      <div class="form-actions">
        <button type="submit" class="button button--primary" part="button submit" aria-disabled=${form.busy ? 'true' : nothing}>${form.busy
          ? t('debate.form.sending')
          : t(edit ? 'debate.form.save' : reply ? 'debate.form.post.reply' : 'debate.form.post')}</button>
        ${comment ? html`<button type="button" class="button button--link" part="button cancel" @click=${cancel}>${t('debate.form.cancel')}</button>` : nothing}
      </div>
    </form>`;
  }

  async function remove(comment: Comment): Promise<void> {
    if (deleteBusy) return;
    deleteBusy = true;
    host.requestUpdate();
    try {
      const answer = await host.client.request<Comment | undefined>('DELETE', path(comment));
      changed(answer && typeof answer === 'object' && 'id' in answer ? answer : { ...comment, status: 'deleted', body: '', author: null });
      closeForms(`comment-${comment.id}`);
      host.announce(t('debate.delete.done'));
    } catch (error) {
      host.announce(host.errorText(error));
    } finally {
      deleteBusy = false;
      host.requestUpdate();
    }
  }

  function renderDelete(comment: Comment): TemplateResult {
    const id = idOf(comment.id, 'confirm');
    return html`<div class="confirm notice" part="notice" role="group" aria-labelledby=${id}>
      <p id=${id}>${t('debate.delete.confirm')}</p>
      <div class="form-actions">
        <button type="button" class="button button--primary" part="button confirm-delete" id=${idOf(comment.id, 'delete-yes')} aria-disabled=${deleteBusy ? 'true' : nothing}
          @click=${() => void remove(comment)}>${t('debate.delete.yes')}</button>
        <button type="button" class="button button--link" part="button cancel" @click=${() => closeForms(idOf(comment.id, 'delete'))}>${t('debate.form.cancel')}</button>
      </div>
    </div>`;
  }

  async function sendFlag(event: Event): Promise<void> {
    event.preventDefault();
    const comment = flagging;
    if (!comment || flag.busy) return;
    if (!flag.reason) {
      flag.error = t('debate.flag.choose');
      host.requestUpdate();
      await host.updateComplete;
      (host.renderRoot as ShadowRoot).getElementById('flag-reason-abuse')?.focus();
      return;
    }
    flag.busy = true;
    host.requestUpdate();
    try {
      await host.client.post(path(comment, '/flags'), { reason: flag.reason, note: flag.note.trim() || undefined });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'conflict')) {
        flag.error = host.errorText(error);
        flag.busy = false;
        host.requestUpdate();
        return;
      }
    }
    changed({ ...comment, viewer: { ...(comment.viewer ?? { vote: 0, mine: false, canEdit: false }), flagged: true } });
    flagging = undefined;
    flag = { note: '', busy: false };
    ((host.renderRoot as ShadowRoot).getElementById('flag-dialog') as HTMLDialogElement | null)?.close();
    host.focusSoon(`comment-${comment.id}`);
    host.announce(t('debate.flag.done'));
  }

  async function setSubscription(replies: boolean): Promise<void> {
    const before = subscription;
    subscription = replies;
    host.requestUpdate();
    try {
      const answer = await host.client.request<CommentSubscription>('PUT', `/v1/orgs/${encodeURIComponent(host.resolvedOrg)}/comment-subscription`, { body: { replies } });
      subscription = answer.replies;
      host.announce(t(answer.replies ? 'debate.subscription.on' : 'debate.subscription.off'));
    } catch (error) {
      subscription = before;
      host.announce(host.errorText(error));
    }
    host.requestUpdate();
  }

  function renderSubscription(): unknown {
    if (!subscriptionAsked) {
      subscriptionAsked = true;
      host.client
        .get<CommentSubscription>(`/v1/orgs/${encodeURIComponent(host.resolvedOrg)}/comment-subscription`)
        .then((answer) => (subscription = answer.replies), () => (subscription = true))
        .finally(() => host.requestUpdate());
    }
    if (subscription === undefined) return nothing;
    return html`<div class="subscription" part="subscription"><label class="choice"><input type="checkbox" id="subscription" .checked=${subscription}
      @change=${(event: Event) => void setSubscription((event.target as HTMLInputElement).checked)} />${t('debate.subscription')}</label></div>`;
  }

  return {
    get editing(): string | undefined {
      return editing;
    },

    /** A comment's action button was pressed: its form (or confirmation, or dialog) opens and takes focus. */
    open(comment: Comment, action: Action): void {
      if (signedOut(comment)) return;
      if (action === 'flag') {
        flagging = comment;
        flag = { note: '', busy: false };
        host.requestUpdate();
        void host.updateComplete.then(() => showDialog((host.renderRoot as ShadowRoot).getElementById('flag-dialog') as HTMLDialogElement | null));
        return;
      }
      replying = action === 'reply' ? comment.id : undefined;
      editing = action === 'edit' ? comment.id : undefined;
      deleting = action === 'delete' ? comment.id : undefined;
      host.focusSoon(action === 'delete' ? idOf(comment.id, 'delete-yes') : `${idOf(comment.id, action)}-form-body`);
      host.requestUpdate();
    },

    /** Up or down (the same again takes the vote back). */
    async vote(comment: Comment, value: 1 | -1): Promise<void> {
      if (host.voting.has(comment.id) || signedOut(comment)) return;
      host.voting.add(comment.id);
      host.requestUpdate();
      try {
        const result = await host.client.request<VoteResult>('PUT', path(comment, '/vote'), { body: { value: comment.viewer?.vote === value ? 0 : value } });
        const viewer = comment.viewer ?? { vote: 0, mine: false, canEdit: false, flagged: false };
        changed({ id: comment.id, up: result.up, down: result.down, score: result.score, viewer: { ...viewer, vote: result.vote } });
        host.announce(t(result.vote === 1 ? 'debate.voted.up' : result.vote === -1 ? 'debate.voted.down' : 'debate.voted.none'));
        host.dispatchEvent(new CivicVoteCastEvent(result));
      } catch (error) {
        const message = host.errorText(error);
        host.problems.set(comment.id, message);
        host.announce(message);
      } finally {
        host.voting.delete(comment.id);
        host.requestUpdate();
      }
    },

    /** "Show more comments": the next page, added below; focus moves to the first comment it added. */
    async more(): Promise<void> {
      if (host.loadingMore || !host.nextCursor) return;
      const signal = host.signal;
      host.loadingMore = true;
      host.moreProblem = undefined;
      try {
        const page = await host.client.get<CommentPage>(host.commentsPath, {
          query: { subject: host.subjectKey, sort: host.order, limit: host.limit, cursor: host.nextCursor },
          signal,
        });
        const added = page.items.filter((thread) => !find(host.threads, thread.id));
        host.shown = host.threads.length + added.length;
        host.threads = [...host.threads, ...added];
        host.nextCursor = page.nextCursor;
        if (added[0]) host.focusSoon(anchorOf(added[0].id));
        host.announce(t('debate.more.shown', { count: added.length }));
      } catch (error) {
        if (signal?.aborted) return;
        host.moreProblem = host.errorText(error);
        host.announce(host.moreProblem);
      } finally {
        host.loadingMore = false;
      }
    },

    /** All the replies of a thread that came with only its first 50. */
    async moreReplies(thread: CommentThread): Promise<void> {
      try {
        const answer = await host.client.get<CommentThreadAnswer>(path(thread, '/thread'));
        const first = answer.thread.replies.find((reply) => !thread.replies.some((known) => known.id === reply.id));
        host.threads = host.threads.map((known) => (known.id === thread.id ? answer.thread : known));
        if (first) host.focusSoon(anchorOf(first.id));
      } catch (error) {
        host.problems.set(thread.id, host.errorText(error));
        host.requestUpdate();
      }
    },

    /** A `#comment-<id>` address (on load, or on hashchange): its thread is fetched if need be, shown, and the comment focused. */
    async follow(again: boolean): Promise<void> {
      const id = /^#comment-([\w-]{1,64})$/.exec(location.hash)?.[1];
      if (again) followed = '';
      if (!id || id === followed) return;
      followed = id;
      if (!find(host.threads, id)) {
        try {
          const answer = await host.client.get<CommentThreadAnswer>(path({ id }, '/thread'), { signal: host.signal });
          if (answer.thread.subject !== host.subjectKey) return;
          host.threads = [answer.thread, ...host.threads.filter((thread) => thread.id !== answer.thread.id)];
        } catch (error) {
          if (!host.signal?.aborted) host.announce(t('debate.not-found'));
          return;
        }
      }
      host.shown = host.threads.length;
      host.focusSoon(anchorOf(id));
    },

    compose(): TemplateResult {
      return html`${renderForm('new', 'new')}${renderSubscription()}`;
    },

    below(comment: Comment): unknown {
      if (comment.id === replying) return renderForm(`reply:${comment.id}`, `${idOf(comment.id, 'reply')}-form`, comment);
      if (comment.id === editing) return renderForm(`edit:${comment.id}`, `${idOf(comment.id, 'edit')}-form`, comment);
      if (comment.id === deleting) return renderDelete(comment);
      return nothing;
    },

    dialog(): TemplateResult {
      return dialog({
        id: 'flag-dialog',
        labelledBy: 'flag-heading',
        closeLabel: t('core.dialog.close'),
        onClose: () => {
          const comment = flagging;
          flagging = undefined;
          if (comment) host.focusSoon(idOf(comment.id, 'flag'));
          host.requestUpdate();
        },
        content: html`<h3 id="flag-heading" class="heading">${t('debate.flag.heading')}</h3>
          <form class="form" novalidate @submit=${(event: Event) => void sendFlag(event)}>
            <fieldset class="field ${flag.error ? 'field--error' : ''}" part="field">
              <legend class="legend" part="label">${t('debate.flag.reason')}</legend>
              ${flag.error ? html`<p class="error-message" part="error" role="alert"><span class="visually-hidden">${t('core.error.prefix')} </span>${flag.error}</p>` : nothing}
              <div class="radios">${REASONS.map((reason) => html`<label class="choice"><input type="radio" name="flag-reason" id="flag-reason-${reason}" value=${reason}
                .checked=${flag.reason === reason} @change=${() => { flag.reason = reason; flag.error = undefined; host.requestUpdate(); }} />${t(`debate.flag.reason.${reason}`)}</label>`)}</div>
            </fieldset>
            <div class="field" part="field">
              <label class="label" for="flag-note" part="label">${t('debate.flag.note')}</label>
              <textarea id="flag-note" class="input textarea" part="input" maxlength="500" .value=${flag.note}
                @input=${(event: Event) => (flag.note = (event.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            <button type="submit" class="button button--primary" part="button submit" aria-disabled=${flag.busy ? 'true' : nothing}>${t(flag.busy ? 'debate.form.sending' : 'debate.flag.send')}</button>
          </form>`,
      });
    },
  };
}
