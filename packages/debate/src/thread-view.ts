// How <civic-debate> shows a thread: each comment's author, stance, time and permalink, its body in the
// Markdown subset (or why it is not shown), its votes and actions, and its replies nested up to 3 levels.
import { html, nothing, render, type TemplateResult } from 'lit';
import { formatDate, formatter } from '@civic-elements/core';
import type { Comment, CommentThread, DebateSummary } from '@civic-elements/protocol';
import { renderMarkdown } from './markdown.js';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** What the thread view needs from the element. */
export interface ThreadView {
  /** The element: `this` of the forms' event handlers. */
  host: HTMLElement;
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

/** "5 minutes ago"; a date after a month. Said once per language, amount and unit: a page of comments says "2 hours ago" many times, and Intl is slow to ask. */
const said = new Map<string, string>();
const NUMERIC_AUTO = { numeric: 'auto' } as const;
function relative(lang: string, iso: string): string {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  const size = Math.abs(seconds);
  if (size >= 2_592_000) return formatDate(lang, iso);
  const [unit, divisor]: [Intl.RelativeTimeFormatUnit, number] =
    size < 60 ? ['second', 1] : size < 3600 ? ['minute', 60] : size < 86_400 ? ['hour', 3600] : ['day', 86_400];
  const amount = Math.round(seconds / divisor);
  const key = `${lang} ${amount} ${unit}`;
  let words = said.get(key);
  if (words === undefined) said.set(key, (words = formatter(Intl.RelativeTimeFormat, lang, NUMERIC_AUTO).format(amount, unit)));
  return words;
}
const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };

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

/**
 * An element of `tag` with a class (and a part, the same words unless given) holding `text`: a copy of
 * one made before with the same class and part (copying an element's attributes is one call, setting
 * them three, and 500 comments make 10,000 elements).
 */
const made = new Map<string, HTMLElement>();
function element(tag: string, className: string, text?: string, part = className): HTMLElement {
  const kind = `${tag} ${className} ${part}`;
  let model = made.get(kind);
  if (!model) {
    model = document.createElement(tag);
    if (className) model.className = className;
    if (part) model.setAttribute('part', part);
    if (tag === 'button') model.setAttribute('type', 'button');
    made.set(kind, model);
  }
  const node = model.cloneNode() as HTMLElement;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A button of a comment: its id (`c-<comment>-<what>`, which says what it does, and brings focus back when the comment is built again), words and name. */
function button(className: string, part: string, id: string, words: string, name?: string): HTMLButtonElement {
  const node = element('button', className, words, part) as HTMLButtonElement;
  node.id = id;
  if (name) node.setAttribute('aria-label', name);
  return node;
}

/** What shows in place of the text: deleted, hidden with its reason, waiting for a moderator; then the body. */
function appendBody(view: ThreadView, comment: Comment, article: HTMLElement): void {
  const { t } = view;
  if (comment.status === 'deleted') article.append(element('p', 'gone', t('debate.deleted'), 'gone'));
  else if (comment.status === 'hidden') {
    article.append(element('p', 'gone', comment.hiddenReason ? t('debate.hidden', { reason: comment.hiddenReason }) : t('debate.hidden.no-reason'), 'gone hidden-reason'));
  } else {
    if (comment.status === 'pending') article.append(element('p', 'pending', t(comment.viewer?.mine ? 'debate.pending' : 'debate.pending.other')));
    if (comment.body) article.append(bodyOf(comment, 'thread'));
  }
}

/**
 * A vote button: its arrow drawn by CSS (`.vote::before`), its count the visible text, and its name
 * saying both ("Vote up, 3 up votes"). One element and one text node: a page of 500 comments has 1000.
 */
function voteButton(view: ThreadView, comment: Comment, value: 1 | -1): HTMLButtonElement {
  const up = value === 1;
  const count = up ? comment.up : comment.down;
  const name = `${view.t(up ? 'debate.vote.up' : 'debate.vote.down')}, ${view.t(up ? 'debate.votes.up' : 'debate.votes.down', { count })}`;
  const way = up ? 'up' : 'down';
  const node = button(`button button--secondary vote vote--${way}`, `button vote vote-${way}`, idOf(comment.id, way), String(count), name);
  node.setAttribute('aria-pressed', String(comment.viewer?.vote === value));
  if (view.voting.has(comment.id)) node.setAttribute('aria-disabled', 'true');
  return node;
}

/** The votes and the buttons a person presses: reply, edit, delete, report. */
function appendActions(view: ThreadView, comment: Comment, article: HTMLElement): void {
  const { t } = view;
  if (comment.status === 'deleted') return;
  const viewer = comment.viewer;
  const mine = !!viewer?.mine;
  const row = element('div', 'actions');
  // A name longer than the words shown ("Reply to Amara Obi" for "Reply") starts with those words.
  const action = (what: Action, words: string, name?: string) =>
    row.append(button('button button--link action', `button action ${what}`, idOf(comment.id, what), words, name));
  const published = comment.status === 'published';
  if (published) {
    row.append(voteButton(view, comment, 1), voteButton(view, comment, -1));
    action('reply', t('debate.reply'), `${t('debate.reply')} ${t('debate.reply.to', { name: comment.author?.name ?? '' })}`);
  }
  if (viewer?.canEdit) action('edit', t('debate.edit'));
  if (mine) action('delete', t('debate.delete'));
  if (view.signedIn && !mine && published) {
    if (viewer?.flagged) row.append(element('span', 'flagged', t('debate.flagged')));
    else action('flag', t('debate.flag'));
  }
  article.append(row);
}

/** One comment as DOM nodes: a header (author or department, stance, time as its permalink, edited), its body, votes and actions. */
function buildComment(view: ThreadView, comment: Comment): HTMLElement {
  const { t, lang } = view;
  const official = comment.official;
  const article = element('article', `comment comment--${comment.stance} comment--${comment.status}${official ? ' comment--official' : ''}`, undefined, `comment${official ? ' official' : ''}`);
  article.id = anchorOf(comment.id);
  article.tabIndex = -1;
  article.dataset['id'] = comment.id;
  const metaId = idOf(comment.id, 'meta');
  article.setAttribute('aria-labelledby', metaId);
  // One listener for the comment's buttons, which its ids name (not those of a form under it).
  const prefix = idOf(comment.id, '');
  article.addEventListener('click', (event) => {
    const pressed = (event.target as Element).closest('button');
    if (!pressed?.parentElement?.classList.contains('actions') || !pressed.id.startsWith(prefix)) return;
    const what = pressed.id.slice(prefix.length);
    if (what === 'up' || what === 'down') view.vote(comment, what === 'up' ? 1 : -1);
    else view.act(comment, what as Action);
  });

  const meta = element('p', 'meta');
  meta.id = metaId;
  meta.append(element('span', 'author', comment.author?.name ?? t('debate.deleted-author')));
  if (official) meta.append(element('span', 'official', t('debate.official', { name: official.department ?? official.organisation }), 'official-badge'));
  meta.append(element('span', `stance stance--${comment.stance}`, t(`debate.stance.${comment.stance}`), 'stance'));
  const when = relative(lang, comment.createdAt);
  const link = element('a', 'permalink');
  link.setAttribute('href', `#${anchorOf(comment.id)}`);
  link.setAttribute('aria-label', `${when}, ${t('debate.permalink')}`);
  const time = element('time', '', when, '');
  time.setAttribute('datetime', comment.createdAt);
  // The full date shows on hover: written when the pointer first comes (a page of 500 would format 500 dates).
  link.addEventListener('pointerenter', () => (time.title ||= formatDate(lang, comment.createdAt, LONG_DATE)), { once: true });
  link.append(time);
  meta.append(link);
  if (comment.editedAt) meta.append(element('span', 'edited', t('debate.edited')));
  article.append(meta);

  if (comment.replyTo) {
    const back = element('a', '', comment.replyTo.authorName ? t('debate.in-reply-to', { name: comment.replyTo.authorName }) : t('debate.in-reply-to.deleted'), '');
    back.setAttribute('href', `#${anchorOf(comment.replyTo.id)}`);
    article.appendChild(element('p', 'reply-to')).append(back);
  }
  if (!view.editing(comment)) appendBody(view, comment, article);
  appendActions(view, comment, article);
  const problem = view.problems.get(comment.id);
  if (problem) article.appendChild(element('p', 'error-message', problem, 'error')).setAttribute('role', 'alert');
  return article;
}

/**
 * Comments are built as DOM nodes, once per comment object and state (threads are replaced, never
 * changed in place: threads.ts), not as Lit templates: 500 comments cost their own nodes and no
 * template parts, which halves the time to build them. What changes a comment (a vote under way, a
 * problem, an edit form, the language, signing in) builds it again, in its place; focus comes back by
 * id (the element sees to that). The reply or edit form under a comment is Lit's, rendered into a
 * container of its own that moves with the comment. Each element has its own builder.
 */
export function threadBuilder(): (view: ThreadView, thread: CommentThread) => HTMLElement {
  const built = new WeakMap<Comment, { key: string; article: HTMLElement }>();
  const belowOf = new Map<string, HTMLElement>();
  /** Each thread's list item and the comments placed in it, kept while the thread object is the same. */
  const threadItems = new WeakMap<CommentThread, { item: HTMLElement; articles: Map<string, HTMLElement> }>();

  const commentNode = (view: ThreadView, comment: Comment): HTMLElement => {
    const key = `${view.lang} ${view.signedIn} ${view.voting.has(comment.id)} ${view.problems.get(comment.id) ?? ''} ${view.editing(comment)}`;
    let made = built.get(comment);
    if (made?.key !== key) built.set(comment, (made = { key, article: buildComment(view, comment) }));
    const below = view.below(comment);
    let container = belowOf.get(comment.id);
    if (below !== nothing || container) {
      if (!container) belowOf.set(comment.id, (container = element('div', 'below', undefined, '')));
      if (container.parentNode !== made.article) made.article.append(container);
      render(below, container, { host: view.host });
      if (below === nothing) belowOf.delete(comment.id);
    }
    return made.article;
  };

  /** A thread as a list item: its top-level comment, then its replies nested under their parents (depth 1 and 2). */
  return (view, thread) => {
    const known = threadItems.get(thread);
    if (known) {
      // The same thread: only comments whose state changed are built again, in their place.
      for (const comment of [thread, ...thread.replies]) {
        const article = commentNode(view, comment);
        const old = known.articles.get(comment.id);
        if (old !== article) {
          old?.replaceWith(article);
          known.articles.set(comment.id, article);
        }
      }
      return known.item;
    }
    const children = new Map<string, Comment[]>();
    for (const reply of thread.replies) {
      const parent = reply.parentId ?? thread.id;
      const list = children.get(parent);
      if (list) list.push(reply);
      else children.set(parent, [reply]);
    }
    const articles = new Map<string, HTMLElement>();
    const branch = (comment: Comment): HTMLElement => {
      const item = element('li', `item depth-${comment.depth}`, undefined, 'item');
      const article = commentNode(view, comment);
      articles.set(comment.id, article);
      item.append(article);
      const replies = children.get(comment.id);
      if (replies) item.appendChild(element('ul', 'replies')).append(...replies.map(branch));
      if (comment === thread && thread.moreReplies > 0) {
        const more = button('button button--link more-replies', 'button more-replies', idOf(thread.id, 'more-replies'), view.t('debate.more-replies', { count: thread.moreReplies }));
      more.addEventListener('click', () => view.moreReplies(thread));
      item.append(more);
      }
      return item;
    };
    const item = branch(thread);
    item.classList.add('later');
    threadItems.set(thread, { item, articles });
    return item;
  };
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
