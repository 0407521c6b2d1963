// The options as a list, an option's description, picture and place, and a ballot as a value per option:
// what the first paint and the chunks share. The ballot form is a chunk (ballot-form.ts), and so is the
// ranked ballot (ranked.ts).
import { html, nothing, type TemplateResult } from 'lit';
import type { Ballot, Poll, PollOption } from '@civic-elements/protocol';
import type { PollHost } from './host.js';

export const hasMore = (option: PollOption) => !!(option.description || option.image || option.location);
export const moreId = (option: PollOption) => `more-${option.id}`;

/** An option's description, picture and place: outside its label, so that the map link is a link of its own. */
export function optionMore(host: PollHost, option: PollOption): TemplateResult | typeof nothing {
  if (!hasMore(option)) return nothing;
  const { description, image, location } = option;
  const [lon, lat] = location?.coordinates ?? [];
  return html`<div class="more" id=${moreId(option)} part="option-more">
    ${description ? html`<p class="description" part="option-description">${description}</p>` : nothing}
    ${image ? html`<img class="image" part="option-image" src=${image.thumb} alt=${image.alt} loading="lazy" />` : nothing}
    ${location
      ? html`<a class="map" part="option-map" href="https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}" target="_blank" rel="noopener"
          >${host.text('poll.map', { label: option.label })}</a>`
      : nothing}
  </div>`;
}

/** The options, to read (when the reader does not vote now). */
export const optionList = (host: PollHost, poll: Poll): TemplateResult =>
  html`<h3 class="subheading">${host.text('poll.options')}</h3>
    <ul class="options" part="options">
      ${poll.options.map((option) => html`<li class="option" part="option"><span class="option__label">${option.label}</span>${optionMore(host, option)}</li>`)}
    </ul>`;

/** A value per option from a ballot the API holds. */
export function choicesOf(ballot: Ballot): Record<string, number> {
  switch (ballot.kind) {
    case 'single':
      return ballot.choice ? { [ballot.choice]: 1 } : {};
    case 'score':
      return { ...ballot.scores };
    case 'ranked':
      return { ...ballot.ranks };
    default:
      return Object.fromEntries(ballot.choices.map((id) => [id, 1]));
  }
}
