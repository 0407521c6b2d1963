// The ballot form, a chunk loaded (while the poll itself is read) for a reader who may vote: a radio group
// (single choice), checkboxes (multiple choice, with a live count; approval), a 0–5 radio group per
// option (score), or the ranked ballot (its own chunk, ranked.ts); the error summary and the errors next
// to the fields; "Cast my vote". It also checks a ballot before it is sent and writes it as the API takes it.
import { css, html, nothing, type TemplateResult } from 'lit';
import { errorSummary, type SummaryError } from '@civic-elements/core';
import type { Ballot, Poll } from '@civic-elements/protocol';
import { hasMore, moreId, optionMore } from './ballot.js';
import type { PollHost } from './host.js';

const styles = css`
  .ballot {
    margin: 0 0 var(--_space);
  }
  .fieldset {
    min-width: 0;
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
  }
  .legend {
    margin-bottom: 0.5em;
    padding: 0;
    font-size: 1.2em;
    font-weight: 600;
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5em;
    margin-bottom: 0.75em;
  }
  .choice__input,
  .point input {
    width: 1.5em;
    height: 1.5em;
    margin: 0.1em 0 0;
    accent-color: var(--_primary);
  }
  .choice__label {
    font-weight: 600;
    cursor: pointer;
  }
  .count--over {
    color: var(--_error);
    font-weight: 600;
  }
  .score {
    margin: 0 0 var(--_space);
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
  }
  .point {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    min-height: 44px;
    cursor: pointer;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 1em;
  }
  .score__legend {
    font-weight: 600;
  }
  .count {
    color: var(--_muted);
  }
`;

/** protocol's scores, 0 to MAX_SCORE (protocol is imported for its types only: zod stays out of the bundle). */
const SCORES = [0, 1, 2, 3, 4, 5];

const chosenCount = (host: PollHost, poll: Poll) => poll.options.filter((option) => (host.choices[option.id] ?? 0) > 0).length;

/** Radios (single choice) or checkboxes (multiple choice, approval), one per option. */
export function choiceControls(host: PollHost, poll: Poll): TemplateResult {
  const single = poll.kind === 'single';
  const pick = (id: string, on: boolean) => {
    host.choices = single ? { [id]: 1 } : { ...host.choices, [id]: on ? 1 : 0 };
  };
  return html`<div class="choices">
    ${poll.options.map(
      (option) => html`<div class="choice" part="choice">
        <input class="choice__input" type=${single ? 'radio' : 'checkbox'} id="opt-${option.id}" name="choice" .checked=${(host.choices[option.id] ?? 0) > 0}
          aria-describedby=${hasMore(option) ? moreId(option) : nothing} @change=${(event: Event) => pick(option.id, (event.target as HTMLInputElement).checked)} />
        <label class="choice__label" for="opt-${option.id}">${option.label}</label>
        ${optionMore(host, option)}
      </div>`,
    )}
  </div>
  ${poll.kind === 'multiple' ? countLine(host, poll) : nothing}`;
}

/** Multiple choice: how many are chosen, said as it changes, and at once when it is too many. */
function countLine(host: PollHost, poll: Poll): TemplateResult {
  const count = chosenCount(host, poll);
  const { min, max } = limits(poll);
  const over = count > max;
  return html`<p class="count ${over ? 'count--over' : ''}" id="ballot-count" part="count" aria-live="polite">
    ${host.text('poll.count', { count })} ${over ? host.text('poll.error.too-many', { count: max }) : count < min ? host.text('poll.error.too-few', { count: min }) : ''}
  </p>`;
}

const limits = (poll: Poll) => ({ min: poll.minChoices ?? 1, max: poll.maxChoices ?? poll.options.length });

/** Score: a radio group from 0 to 5 for each option, its legend the option's label. */
export function scoreControls(host: PollHost, poll: Poll, errors: Record<string, string>): TemplateResult[] {
  return poll.options.map((option) => {
    const error = errors[`scores.${option.id}`];
    return html`<fieldset class="score ${error ? 'field--error' : ''}" part="score" id="score-${option.id}" aria-describedby=${hasMore(option) ? moreId(option) : nothing}>
      <legend class="score__legend">${option.label}</legend>
      ${optionMore(host, option)}
      ${error ? html`<p class="error-message" part="error">${error}</p>` : nothing}
      <div class="scale">
        ${SCORES.map(
          (score) => html`<label class="point"
            ><input type="radio" name="score-${option.id}" id="score-${option.id}-${score}" .checked=${host.choices[option.id] === score}
              @change=${() => (host.choices = { ...host.choices, [option.id]: score })} /><span>${score}</span></label
          >`,
        )}
      </div>
    </fieldset>`;
  });
}

/** The legend of the ballot's fieldset. */
export function legendOf(host: PollHost, poll: Poll): string {
  if (poll.kind !== 'multiple') return host.text(`poll.legend.${poll.kind}`);
  const { min, max } = limits(poll);
  return min === max ? host.text('poll.legend.exactly', { count: min }) : host.text('poll.legend.multiple', { min, max });
}

/** What is wrong with the ballot before it is sent, in words; undefined when nothing is. */
export function ballotProblem(host: PollHost, poll: Poll): string | undefined {
  const count = chosenCount(host, poll);
  const { min, max } = limits(poll);
  if (poll.kind === 'single' && !count) return host.text('poll.error.choose');
  if (poll.kind === 'ranked' && !count) return host.text('poll.error.rank');
  if (poll.kind !== 'multiple') return undefined;
  return count < min ? host.text('poll.error.too-few', { count: min }) : count > max ? host.text('poll.error.too-many', { count: max }) : undefined;
}

/** The ballot as the API takes it, from a value per option. */
export function ballotOf(poll: Poll, choices: Record<string, number>): Ballot {
  const ids = poll.options.map((option) => option.id).filter((id) => choices[id] !== undefined);
  const chosen = ids.filter((id) => choices[id]! > 0);
  const values = (from: string[]) => Object.fromEntries(from.map((id) => [id, choices[id]!]));
  switch (poll.kind) {
    case 'single':
      return { kind: 'single', choice: chosen[0] ?? '' };
    case 'score':
      return { kind: 'score', scores: values(ids) };
    case 'ranked':
      return { kind: 'ranked', ranks: values(chosen) };
    default:
      return { kind: poll.kind, choices: chosen };
  }
}


/** What the form shows besides the choices, and what its buttons do. */
export interface BallotForm {
  /** Why the ballot was refused: `ballot` for the whole of it, `scores.<id>` for one option. */
  errors: Record<string, string>;
  busy: boolean;
  /** Changing a ballot already cast. */
  editing: boolean;
  /** The ranked ballot's controls (its chunk), undefined while it loads. */
  ranked: ((host: PollHost, poll: Poll) => unknown) | undefined;
  cast(event: Event): void;
  cancel(): void;
}

export function renderBallot(host: PollHost, poll: Poll, form: BallotForm): TemplateResult {
  host.adopt(styles);
  const { errors, busy, editing, ranked } = form;
  const t = host.text.bind(host);
  const kind = poll.kind;
  const summary: SummaryError[] = Object.entries(errors).map(([field, message]) => ({ message, fieldId: field === 'ballot' ? 'ballot' : field.replace('scores.', 'score-') }));
  const hint = kind === 'approval' || kind === 'score' ? t(`poll.hint.${kind}`) : '';
  let controls: unknown;
  if (kind === 'score') controls = scoreControls(host, poll, errors);
  else if (kind !== 'ranked') controls = choiceControls(host, poll);
  else controls = ranked ? ranked(host, poll) : html`<p class="loading" part="loading">${t('poll.part.loading')}</p>`;
  return html`<form class="ballot" part="ballot" novalidate @submit=${form.cast}>
    ${errorSummary(t('core.error-summary.title'), summary)}
    <fieldset class="fieldset ${errors['ballot'] ? 'field--error' : ''}" id="ballot" tabindex="-1"
      aria-describedby=${[hint || kind === 'ranked' ? 'ballot-hint' : '', errors['ballot'] ? 'ballot-error' : ''].filter(Boolean).join(' ') || nothing}>
      <legend class="legend" part="legend">${legendOf(host, poll)}</legend>
      ${hint ? html`<p class="hint" id="ballot-hint" part="hint">${hint}</p>` : nothing}
      ${errors['ballot']
        ? html`<p class="error-message" id="ballot-error" part="error"><span class="visually-hidden">${t('core.error.prefix')} </span>${errors['ballot']}</p>`
        : nothing}
      ${controls}
    </fieldset>
    <div class="actions">
      <button type="submit" id="cast" class="button button--primary" part="button cast" aria-disabled=${busy ? 'true' : nothing}>
        ${t(busy ? 'poll.casting' : editing ? 'poll.cast.again' : 'poll.cast')}
      </button>
      ${editing ? html`<button type="button" class="button button--link" part="button cancel" @click=${form.cancel}>${t('poll.cancel')}</button>` : nothing}
    </div>
  </form>`;
}
