// How <civic-debate> shows a thread: each comment's author, stance, time and permalink, its body in the
// Markdown subset (or why it is not shown), its votes and actions, and its replies nested up to 3 levels.
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatter } from '@civic-elements/core';
import type { Comment, CommentThread, DebateSummary } from '@civic-elements/protocol';
import { renderMarkdown } from './markdown.js';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** What the thread view needs from the element. */
export interface ThreadView {
  t: Translate;
  lang: string;
  signedIn: boolean;
  /** Votes under way, by comment id. */
  voting: ReadonlySet<string>;
  /** Why the last action on a comment failed, by comment id. */
  problems: ReadonlyMap<string, string>;
  vote(comment: Comment, value: 1 | -1): void;
  /** The action buttons a person presses: reply, edit, delete, report (the forms come with a chunk). */
  act(comment: Comment, action: Action): void;
  moreReplies(thread: CommentThread): void;
  /** The reply or edit form, or the delete confirmation, under this comment (from the forms' chunk). */
  below(comment: Comment): unknown;
  /** Whether this comment's body is replaced by its edit form. */
  editing(comment: Comment): boolean;
}
export type Action = 'reply' | 'edit' | 'delete' | 'flag';

/** The id attribute of a comment's article: the permalink's target (`#comment-<id>`). */
export const anchorOf = (id: string): string => `comment-${id}`;
/** An id for something of a comment (ids are opaque: keep what an id attribute can hold). */
export const idOf = (id: string, what: string): string => `c-${id.replace(/[^\w-]/g, '_')}-${what}`;

/** "5 minutes ago"; a date after a month. */
function relative(lang: string, iso: string): string {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  const size = Math.abs(seconds);
  if (size >= 2_592_000) return formatDate(lang, iso);
  const [unit, divisor]: [Intl.RelativeTimeFormatUnit, number] =
    size < 60 ? ['second', 1] : size < 3600 ? ['minute', 60] : size < 86_400 ? ['hour', 3600] : ['day', 86_400];
  return formatter(Intl.RelativeTimeFormat, lang, { numeric: 'auto' }).format(Math.round(seconds / divisor), unit);
}

/**
 * A comment's body as a `<div class="body">` of DOM nodes, built once per comment object and place (an
 * edit or a change from the stream brings a new object): the list re-renders as more threads arrive,
 * and a node can stand in one place only, so the thread and the strongest arguments keep their own.
 */
const bodies = { thread: new WeakMap<Comment, HTMLElement>(), summary: new WeakMap<Comment, HTMLElement>() };
function bodyOf(comment: Comment, where: keyof typeof bodies): HTMLElement {
  let div = bodies[where].get(comment);
  if (!div) {
    div = document.createElement('div');
    div.className = 'body';
    if (where === 'thread') div.setAttribute('part', 'body');
    div.append(renderMarkdown(comment.body));
    bodies[where].set(comment, div);
  }
  return div;
}

/** What shows in place of the text: deleted, hidden with its reason, waiting for a moderator. */
function body(view: ThreadView, comment: Comment): unknown {
  const { t } = view;
  if (comment.status === 'deleted') return html`<p class="gone" part="gone">${t('debate.deleted')}</p>`;
  if (comment.status === 'hidden') {
    return html`<p class="gone" part="gone hidden-reason">${comment.hiddenReason ? t('debate.hidden', { reason: comment.hiddenReason }) : t('debate.hidden.no-reason')}</p>`;
  }
  return html`${comment.status === 'pending'
    ? html`<p class="pending" part="pending">${t(comment.viewer?.mine ? 'debate.pending' : 'debate.pending.other')}</p>`
    : nothing}${comment.body ? bodyOf(comment, 'thread') : nothing}`;
}

function voteButton(view: ThreadView, comment: Comment, value: 1 | -1): TemplateResult {
  const up = value === 1;
  const count = up ? comment.up : comment.down;
  const pressed = comment.viewer?.vote === value;
  return html`<button type="button" class="button button--secondary vote vote--${up ? 'up' : 'down'}" part="button vote vote-${up ? 'up' : 'down'}"
    aria-pressed=${String(pressed)} aria-disabled=${view.voting.has(comment.id) ? 'true' : nothing}
    @click=${() => view.vote(comment, value)}><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path d=${up ? 'M8 2l6 8H2z' : 'M8 14l6-8H2z'} fill=${pressed ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.5"></path></svg><span class="visually-hidden">${view.t(up ? 'debate.vote.up' : 'debate.vote.down')}, ${view.t(up ? 'debate.votes.up' : 'debate.votes.down', { count })}</span><span class="vote__count" aria-hidden="true">${count}</span></button>`;
}

function actions(view: ThreadView, comment: Comment): unknown {
  const { t } = view;
  if (comment.status === 'deleted') return nothing;
  const viewer = comment.viewer;
  const mine = !!viewer?.mine;
  const name = comment.author?.name ?? '';
  const action = (what: Action, label: string, extra: unknown = nothing) =>
    html`<button type="button" class="button button--link action" part="button action ${what}" id=${idOf(comment.id, what)}
      @click=${() => view.act(comment, what)}>${label}${extra}</button>`;
  const published = comment.status === 'published';
  return html`<div class="actions" part="actions">
    ${published ? html`${voteButton(view, comment, 1)}${voteButton(view, comment, -1)}` : nothing}
    ${published ? action('reply', t('debate.reply'), html`<span class="visually-hidden"> ${t('debate.reply.to', { name })}</span>`) : nothing}
    ${viewer?.canEdit ? action('edit', t('debate.edit')) : nothing}
    ${mine ? action('delete', t('debate.delete')) : nothing}
    ${view.signedIn && !mine && published
      ? viewer?.flagged ? html`<span class="flagged" part="flagged">${t('debate.flagged')}</span>` : action('flag', t('debate.flag'))
      : nothing}
  </div>`;
}

/** One comment: a header (author or department, stance, time as its permalink, edited), its body, votes and actions. */
export function renderComment(view: ThreadView, comment: Comment): TemplateResult {
  const { t, lang } = view;
  const metaId = idOf(comment.id, 'meta');
  const problem = view.problems.get(comment.id);
  const official = comment.official;
  return html`<article id=${anchorOf(comment.id)} class="comment comment--${comment.stance} comment--${comment.status}${official ? ' comment--official' : ''}"
      part="comment${official ? ' official' : ''}" tabindex="-1" aria-labelledby=${metaId} data-id=${comment.id}>
    <p class="meta" id=${metaId} part="meta">
      <span class="author" part="author">${comment.author?.name ?? t('debate.deleted-author')}</span>
      ${official ? html`<span class="official" part="official-badge">${t('debate.official', { name: official.department ?? official.organisation })}</span>` : nothing}
      <span class="stance stance--${comment.stance}" part="stance">${t(`debate.stance.${comment.stance}`)}</span>
      <a class="permalink" part="permalink" href="#${anchorOf(comment.id)}"><time datetime=${comment.createdAt} title=${formatDate(lang, comment.createdAt, { dateStyle: 'long', timeStyle: 'short' })}>${relative(lang, comment.createdAt)}</time><span class="visually-hidden">, ${t('debate.permalink')}</span></a>
      ${comment.editedAt ? html`<span class="edited" part="edited">${t('debate.edited')}</span>` : nothing}
    </p>
    ${comment.replyTo
      ? html`<p class="reply-to" part="reply-to"><a href="#${anchorOf(comment.replyTo.id)}">${comment.replyTo.authorName ? t('debate.in-reply-to', { name: comment.replyTo.authorName }) : t('debate.in-reply-to.deleted')}</a></p>`
      : nothing}
    ${view.editing(comment) ? nothing : body(view, comment)}
    ${actions(view, comment)}
    ${problem ? html`<p class="error-message" part="error" role="alert">${problem}</p>` : nothing}
    ${view.below(comment)}
  </article>`;
}

/** A thread: its top-level comment, then its replies nested under their parents (depth 1 and 2). */
export function renderThread(view: ThreadView, thread: CommentThread): TemplateResult {
  const children = new Map<string, Comment[]>();
  for (const reply of thread.replies) {
    const parent = reply.parentId ?? thread.id;
    const list = children.get(parent);
    if (list) list.push(reply);
    else children.set(parent, [reply]);
  }
  const branch = (comment: Comment): TemplateResult => {
    const replies = children.get(comment.id);
    return html`<li class="item depth-${comment.depth}" part="item">${renderComment(view, comment)}${replies
      ? html`<ul class="replies" part="replies">${replies.map(branch)}</ul>`
      : nothing}${comment === thread && thread.moreReplies > 0
      ? html`<button type="button" class="button button--link more-replies" part="button more-replies" @click=${() => view.moreReplies(thread)}>${view.t('debate.more-replies', { count: thread.moreReplies })}</button>`
      : nothing}</li>`;
  };
  return branch(thread);
}

/** The for/against counts, and the strongest arguments of each side in two columns. */
export function renderSummary(view: ThreadView, summary: DebateSummary): TemplateResult {
  const { t } = view;
  const { counts, strongest } = summary;
  const side = (which: 'for' | 'against') => html`<section class="side side--${which}" part="side" aria-labelledby="strongest-${which}">
    <h3 id="strongest-${which}" class="side__heading">${t(`debate.strongest.${which}`)}</h3>
    ${strongest[which].length
      ? html`<ul class="strongest__list">${strongest[which].map((comment) => html`<li class="argument">
          ${bodyOf(comment, 'summary')}
          <p class="meta"><a href="#${anchorOf(comment.id)}">${comment.author?.name ?? ''}</a> · ${t('debate.votes.up', { count: comment.up })}</p></li>`)}</ul>`
      : html`<p class="meta">${t('debate.strongest.none')}</p>`}
  </section>`;
  return html`<div class="summary" part="summary">
    <p part="summary-counts">${t('debate.summary', counts)}</p>
    <div class="strongest" part="strongest">${side('for')}${side('against')}</div>
  </div>`;
}
