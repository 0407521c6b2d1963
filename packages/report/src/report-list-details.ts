// A report's details in <civic-report-list>: its description, photos, who handles it, its public
// timeline (oldest first), and "Follow" and "Support (+1)" for the signed-in, a sign-in prompt for others.
import { html, nothing, type TemplateResult } from 'lit';
import { button } from '@civic-elements/core';
import type { ReportDetail, TimelineEntry } from '@civic-elements/protocol';
import { day, when } from './report-list-format.js';
import { heading, idOf, type ItemView, type Opened, type Translate } from './report-list-view.js';

/** What happened, in words: "Status changed to Fixed", "Passed to Highways". */
export function entryTitle(entry: TimelineEntry, lang: string, t: Translate): string {
  switch (entry.kind) {
    case 'status':
      return t('report-list.timeline.status', { status: entry.statusLabel ?? entry.status ?? '' });
    case 'category':
    case 'department':
    case 'merged':
      return t(`report-list.timeline.${entry.kind}`, { to: entry.to ?? '' });
    case 'expected':
      return entry.expectedOn ? t('report-list.timeline.expected', { date: day(lang, entry.expectedOn) }) : t('report-list.timeline.expected-cleared');
    default:
      return t(`report-list.timeline.${entry.kind}`);
  }
}

function timeline(view: ItemView, detail: ReportDetail): TemplateResult {
  const { t, lang } = view;
  return html`${heading(view.level + 1, idOf(detail, 'timeline'), 'details__heading', t('report-list.timeline'), 'details-heading')}
    <ol class="timeline" part="timeline" aria-labelledby=${idOf(detail, 'timeline')}>
      ${detail.timeline.map((entry) => html`<li class="entry entry--${entry.kind}" part="entry">
        <p class="entry__title">${entryTitle(entry, lang, t)}</p>
        <p class="entry__meta">${when(lang, entry.at, t, true)}<span class="entry__by"> · ${t('report-list.timeline.by', { name: entry.by.name })}</span></p>
        ${entry.publicNote ? html`<p class="entry__note" part="note">${entry.publicNote}</p>` : nothing}
      </li>`)}
    </ol>`;
}

function photos(view: ItemView, detail: ReportDetail): TemplateResult | typeof nothing {
  if (!detail.photos.length) return nothing;
  const { t } = view;
  const count = detail.photos.length;
  return html`${heading(view.level + 1, idOf(detail, 'photos'), 'details__heading', t('report-list.photos'), 'details-heading')}
    <ul class="photos" part="photos" aria-labelledby=${idOf(detail, 'photos')}>
      ${detail.photos.map((photo, i) => html`<li><a href=${photo.large} target="_blank" rel="noopener" part="photo"
        ><img src=${photo.thumb} width=${photo.width} height=${photo.height} loading="lazy" decoding="async"
          alt=${t('report-list.photo', { n: i + 1, count, reference: detail.reference })} /></a></li>`)}
    </ul>`;
}

/** Follow and support for the signed-in; for others, a prompt with a "Sign in" button. */
function actions(view: ItemView, opened: Opened, detail: ReportDetail): TemplateResult {
  const { t } = view;
  if (!view.signedIn) {
    return html`<div class="actions actions--signed-out" part="actions sign-in">
      <p class="sign-in__text">${t('report-list.sign-in')}</p>
      <civic-sign-in compact api=${view.api} org=${view.org}></civic-sign-in>
    </div>`;
  }
  const viewer = view.report.viewer ?? detail.viewer;
  const following = !!viewer?.following;
  const supported = !!viewer?.supported;
  const mine = !!viewer?.mine;
  const problemId = idOf(detail, 'problem');
  return html`<div class="actions" part="actions" aria-describedby=${opened.problem ? problemId : nothing}>
    ${mine ? html`<p class="actions__note" part="note">${t('report-list.mine')}</p>` : nothing}
    ${following && !mine ? html`<p class="actions__note" part="note">${t('report-list.following')}</p>` : nothing}
    ${supported ? html`<p class="actions__note" part="note">${t('report-list.supported')}</p>` : nothing}
    <div class="actions__buttons">
      ${button({
        id: idOf(detail, 'follow'), label: t(following ? 'report-list.unfollow' : 'report-list.follow'), variant: 'secondary', part: `button ${following ? 'unfollow' : 'follow'}`,
        busy: opened.busy === 'follow', onClick: view.follow,
      })}
      ${mine ? nothing : button({
        label: t(supported ? 'report-list.unsupport' : 'report-list.support-button'), variant: supported ? 'secondary' : 'primary',
        part: `button ${supported ? 'unsupport' : 'support'}`, busy: opened.busy === 'support', onClick: view.support,
      })}
    </div>
    ${opened.problem
      ? html`<p id=${problemId} class="error-message" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${opened.problem}</p>`
      : nothing}
  </div>`;
}

export function renderDetails(view: ItemView, opened: Opened): TemplateResult {
  const { t, lang } = view;
  if (opened.status === 'loading') return html`<p class="loading" part="loading">${t('report-list.details.loading')}</p>`;
  if (opened.status === 'error' || !opened.detail) {
    return html`<div class="problem" part="error"><p>${opened.error}</p>
      ${button({ label: t('report-list.retry'), variant: 'secondary', onClick: view.retry })}</div>`;
  }
  const detail = opened.detail;
  return html`${detail.mergedInto ? html`<p class="notice" part="notice">${t('report-list.merged', { reference: detail.mergedInto.reference })}</p>` : nothing}
    <p class="description" part="description">${detail.description}</p>
    ${detail.department ? html`<p class="meta" part="department">${t('report-list.department', { name: detail.department.name })}</p>` : nothing}
    ${detail.expectedOn && detail.open ? html`<p class="meta" part="expected">${t('report-list.expected', { date: day(lang, detail.expectedOn) })}</p>` : nothing}
    ${photos(view, detail)}
    ${timeline(view, detail)}
    ${actions(view, opened, detail)}`;
}
