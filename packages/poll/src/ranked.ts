// The ranked ballot, a chunk loaded with a ranked poll: an ordered list of the options ranked, each with
// "Move up", "Move down", "Remove from ranking" and a "Same rank as …" box, dragging by a handle, and
// the options not ranked below it. Moving an option gives it a rank of its own; focus stays on the
// button pressed, and the new rank is said through the live region.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Poll } from '@civic-elements/protocol';
import { optionMore } from './ballot.js';
import type { PollHost } from './host.js';

const styles = css`
  .ranking,
  .unranked {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .rank-item,
  .unranked > li {
    display: grid;
    grid-template-columns: auto auto 1fr;
    align-items: start;
    gap: 0.25em 0.75em;
    margin: 0 0 0.5em;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }
  .unranked > li {
    grid-template-columns: 1fr auto;
    border-style: dashed;
  }
  .rank-item.dragging {
    outline: 3px dashed var(--_primary);
  }
  .grip {
    min-width: 24px;
    min-height: 44px;
    cursor: grab;
    touch-action: none;
    user-select: none;
    color: var(--_muted);
    font-size: 1.3em;
    line-height: 44px;
    text-align: center;
  }
  .rank {
    min-width: 2em;
    font-size: 1.3em;
    font-weight: 700;
    line-height: 44px;
  }
  .rank-body > .more {
    margin-top: 0.25em;
  }
  .rank-label {
    display: block;
    padding-top: 0.6em;
    font-weight: 600;
  }
  .moves,
  .tie {
    grid-column: 3;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.75em;
  }
  .moves .button {
    margin: 0;
  }
  .tie {
    min-height: 44px;
    gap: 0.5em;
    cursor: pointer;
  }
  .tie input {
    width: 1.5em;
    height: 1.5em;
    margin: 0;
    accent-color: var(--_primary);
  }
  .button[aria-disabled='true'] {
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    .rank-item.dragging {
      outline-color: Highlight;
    }
  }
`;

/** The option being dragged, per element. */
const dragging = new WeakMap<PollHost, string>();

/** The rank of each ranked option, in the order shown: an option in `ties` shares the rank of the one above. */
const ranksOf = (host: PollHost): number[] => {
  let rank = 0;
  return host.ranking.map((id, at) => (at && host.ties.has(id) ? rank : ++rank));
};

/** The ranks as the ballot's choices (unranked options have none). */
function sync(host: PollHost): void {
  const ranks = ranksOf(host);
  host.choices = Object.fromEntries(host.ranking.map((id, at) => [id, ranks[at]!]));
}

/** Ranking and ties from the choices (the ballot as cast): by rank, equal ranks in the poll's order. */
export function arrange(host: PollHost, poll: Poll): void {
  const rankOf = (id: string) => host.choices[id] ?? 0;
  const ranked = poll.options.map((option) => option.id).filter((id) => rankOf(id) > 0);
  ranked.sort((a, b) => rankOf(a) - rankOf(b));
  host.ranking = ranked;
  host.ties = new Set(ranked.filter((id, at) => at > 0 && rankOf(id) === rankOf(ranked[at - 1]!)));
  sync(host);
}

/**
 * Puts `id` at index `to` of the ranking without it (-1: takes it out). It gets a rank of its own: it
 * shares no rank with the option above it or below it. The option that followed it keeps sharing a rank
 * only when `id` shared one with the option above it (the group goes on without it).
 */
function moveTo(host: PollHost, id: string, to: number): void {
  const ties = new Set(host.ties);
  const from = host.ranking.indexOf(id);
  const follower = host.ranking[from + 1];
  if (from >= 0 && follower && !ties.has(id)) ties.delete(follower);
  ties.delete(id);
  const order = host.ranking.filter((other) => other !== id);
  if (to >= 0) {
    order.splice(to, 0, id);
    if (order[to + 1]) ties.delete(order[to + 1]!);
  }
  host.ranking = order;
  host.ties = ties;
  sync(host);
}

/** Says where the option is now. */
function tell(host: PollHost, poll: Poll, id: string): void {
  const label = poll.options.find((option) => option.id === id)?.label ?? '';
  const at = host.ranking.indexOf(id);
  if (at < 0) return host.announce(host.text('poll.rank.removed', { label }));
  const ranks = ranksOf(host);
  const rank = ranks[at]!;
  const joint = ranks.filter((other) => other === rank).length > 1;
  host.announce(host.text(joint ? 'poll.rank.now-joint' : 'poll.rank.now', { label, rank, count: ranks.at(-1)! }));
}

/** Drags an option by its handle (pointer: mouse, pen, touch); the ranking changes as it crosses the others. */
function drag(host: PollHost, poll: Poll, id: string, event: PointerEvent): void {
  if (event.button !== 0) return;
  event.preventDefault();
  const grip = event.currentTarget as HTMLElement;
  const list = grip.closest('ol')!;
  grip.setPointerCapture?.(event.pointerId);
  dragging.set(host, id);
  host.requestUpdate();
  const move = (moved: PointerEvent) => {
    const at = host.ranking.indexOf(id);
    let to = 0;
    [...list.children].forEach((item, index) => {
      const box = item.getBoundingClientRect();
      if (index !== at && moved.clientY > box.top + box.height / 2) to++;
    });
    if (to !== at) moveTo(host, id, to);
  };
  const end = () => {
    grip.removeEventListener('pointermove', move);
    grip.removeEventListener('pointerup', end);
    grip.removeEventListener('pointercancel', end);
    dragging.delete(host);
    host.requestUpdate();
    tell(host, poll, id);
  };
  grip.addEventListener('pointermove', move);
  grip.addEventListener('pointerup', end);
  grip.addEventListener('pointercancel', end);
}

export function renderRanked(host: PollHost, poll: Poll): TemplateResult {
  host.adopt(styles);
  const t = host.text.bind(host);
  const labels = new Map(poll.options.map((option) => [option.id, option.label]));
  const ranks = ranksOf(host);
  const count = host.ranking.length;
  const unranked = poll.options.filter((option) => !host.ranking.includes(option.id));
  const hidden = (label: string) => html`<span class="visually-hidden"> ${label}</span>`;
  /** Moves an option a place up (-1) or down (1), adds it at the end, or takes it out; its place is read when pressed (two presses may come before a render). */
  const act = (id: string, how: -1 | 1 | 'add' | 'remove', focus: string) => {
    const at = host.ranking.indexOf(id);
    const to = how === 'remove' ? -1 : how === 'add' ? host.ranking.length : at + how;
    if ((how === 'add') !== (at < 0) || (typeof how === 'number' && (to < 0 || to >= host.ranking.length))) return;
    moveTo(host, id, to);
    host.focusSoon(focus);
    tell(host, poll, id);
  };
  const step = (id: string, at: number, by: -1 | 1, word: string) => {
    const blocked = by < 0 ? at === 0 : at === count - 1;
    return html`<button type="button" id="${word}-${id}" class="button button--secondary" part="button ${word}" aria-disabled=${blocked ? 'true' : nothing}
      @click=${() => act(id, by, `${word}-${id}`)}>${t(`poll.rank.${word}`)}${hidden(labels.get(id)!)}</button>`;
  };
  return html`<p class="hint" id="ballot-hint" part="hint">${t('poll.ranked.hint')}</p>
    <h3 class="subheading">${t('poll.ranked.yours')}</h3>
    ${count ? nothing : html`<p class="hint">${t('poll.ranked.empty')}</p>`}
    <ol class="ranking" part="ranking">
      ${host.ranking.map((id, at) => {
        const option = poll.options.find((candidate) => candidate.id === id)!;
        const rank = ranks[at]!;
        const joint = ranks[at - 1] === rank || ranks[at + 1] === rank;
        return html`<li class="rank-item ${dragging.get(host) === id ? 'dragging' : ''}" part="rank-item" data-id=${id}>
          <span class="grip" part="grip" aria-hidden="true" @pointerdown=${(event: PointerEvent) => drag(host, poll, id, event)}>⠿</span>
          <span class="rank" part="rank"><span aria-hidden="true">${rank}${joint ? '=' : ''}</span><span class="visually-hidden">${t(joint ? 'poll.rank.joint' : 'poll.rank.rank', { rank })}</span></span>
          <div class="rank-body"><span class="rank-label">${option.label}</span>${optionMore(host, option)}</div>
          ${at
            ? html`<label class="tie" part="tie"><input type="checkbox" id="tie-${id}" .checked=${host.ties.has(id)}
                  @change=${(event: Event) => {
                    const ties = new Set(host.ties);
                    if ((event.target as HTMLInputElement).checked) ties.add(id);
                    else ties.delete(id);
                    host.ties = ties;
                    sync(host);
                    tell(host, poll, id);
                  }} />${t('poll.rank.tie', { label: labels.get(host.ranking[at - 1]!)! })}</label>`
            : nothing}
          <div class="moves">
            ${step(id, at, -1, 'up')}${step(id, at, 1, 'down')}
            <button type="button" id="remove-${id}" class="button button--link" part="button remove" @click=${() => act(id, 'remove', `add-${id}`)}>
              ${t('poll.rank.remove')}${hidden(option.label)}
            </button>
          </div>
        </li>`;
      })}
    </ol>
    ${unranked.length
      ? html`<h3 class="subheading">${t('poll.ranked.unranked')}</h3>
          <p class="hint">${t('poll.ranked.unranked.hint')}</p>
          <ul class="unranked" part="unranked">
            ${unranked.map(
              (option) => html`<li>
                <div><span class="rank-label">${option.label}</span>${optionMore(host, option)}</div>
                <button type="button" id="add-${option.id}" class="button button--secondary" part="button add" @click=${() => act(option.id, 'add', `up-${option.id}`)}>
                  ${t('poll.rank.add')}${hidden(option.label)}
                </button>
              </li>`,
            )}
          </ul>`
      : nothing}`;
}
