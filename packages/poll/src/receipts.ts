// Receipts, a chunk loaded after a ballot is cast, for a reader who has voted, or when "Check a receipt"
// opens: the receipt code shown once (with a copy button and what it is for), the ballot as counted,
// and the form anyone can use to check a receipt against the published ballot set.
import { css, html, nothing, type TemplateResult } from 'lit';
import { ApiError, formatDate, textField } from '@civic-elements/core';
import type { Ballot, BallotReceipt, MyBallot, Poll, ReceiptStatus } from '@civic-elements/protocol';
import { choicesOf } from './ballot.js';
import type { PollHost } from './host.js';

const styles = css`
  .panel {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 4px solid var(--_success);
    border-radius: var(--_radius);
  }
  .panel:focus {
    outline: 3px solid var(--_focus);
  }
  .panel h3 {
    margin: 0 0 0.5em;
    font-size: 1.2em;
  }
  .code {
    font-size: 1.4em;
    font-weight: 700;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .voted {
    margin: 0 0 var(--_space);
  }
  .voted h3 {
    margin: 0 0 0.5em;
    font-size: 1.2em;
  }
  .summary {
    margin: 0 0 0.5em;
    padding-inline-start: 1.25em;
  }
  .hash {
    font-family: monospace;
    overflow-wrap: anywhere;
  }
  .check form {
    margin-top: 0.5em;
  }
`;

interface Check {
  value: string;
  error?: string;
  busy?: boolean;
  result?: ReceiptStatus;
}
/** "Check a receipt": what is typed and the last answer, per element. */
const checks = new WeakMap<PollHost, Check>();
/** Whether the receipt's copy button has copied it. */
const copied = new WeakMap<BallotReceipt, boolean>();

/** The ballot in words: what was chosen, the scores, or the ranking (equal ranks together, then those not ranked). */
export function summary(host: PollHost, poll: Poll, ballot: Ballot): TemplateResult {
  const values = choicesOf(ballot);
  const t = host.text.bind(host);
  const options = poll.options;
  if (ballot.kind === 'score') {
    return html`<ul class="summary">${options.map((option) => html`<li>${t('poll.summary.score', { label: option.label, score: values[option.id] ?? 0 })}</li>`)}</ul>`;
  }
  const chosen = options.filter((option) => (values[option.id] ?? 0) > 0);
  if (ballot.kind !== 'ranked') {
    return chosen.length ? html`<ul class="summary">${chosen.map((option) => html`<li>${option.label}</li>`)}</ul>` : html`<p>${t('poll.summary.none')}</p>`;
  }
  const ranks = [...new Set(chosen.map((option) => values[option.id]!))].sort((a, b) => a - b);
  const rest = options.filter((option) => !values[option.id]);
  return html`<ul class="summary">
      ${ranks.map((rank) => {
        const tier = chosen.filter((option) => values[option.id] === rank).map((option) => option.label);
        return html`<li>${t(tier.length > 1 ? 'poll.rank.joint' : 'poll.rank.rank', { rank })}: ${tier.join(', ')}</li>`;
      })}
    </ul>
    ${rest.length ? html`<p>${t('poll.summary.unranked', { labels: rest.map((option) => option.label).join(', ') })}</p>` : nothing}`;
}

/** The receipt of the ballot just cast: shown once, with a copy button and what it is for. */
export function renderReceipt(host: PollHost, receipt: BallotReceipt): TemplateResult {
  host.adopt(styles);
  const t = host.text.bind(host);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt.receipt);
      copied.set(receipt, true);
      host.announce(t('poll.receipt.copied'));
    } catch {
      // No clipboard (an older browser, or permission refused): select the code so that it can be copied by hand.
      const code = (host.renderRoot as ShadowRoot).getElementById('receipt-code');
      if (code) getSelection()?.selectAllChildren(code);
      host.announce(t('poll.receipt.select'));
    }
    host.requestUpdate();
  };
  return html`<div class="panel" part="receipt" id="receipt" tabindex="-1" aria-labelledby="receipt-heading">
    <h3 id="receipt-heading">${t(receipt.changed ? 'poll.receipt.changed' : 'poll.receipt.counted')}</h3>
    <p>${t('poll.receipt.code')}</p>
    <p class="code" part="receipt-code"><code id="receipt-code">${receipt.receipt}</code></p>
    <button type="button" id="copy" class="button button--secondary" part="button copy" @click=${() => void copy()}>
      ${t(copied.get(receipt) ? 'poll.receipt.copy.done' : 'poll.receipt.copy')}
    </button>
    <p>${t('poll.receipt.once')}</p>
    <p>${t('poll.receipt.what')}</p>
    <p>${t('poll.receipt.change')}</p>
  </div>`;
}

/** "You have voted": when, and the ballot as counted. */
export function renderVoted(host: PollHost, poll: Poll, mine: MyBallot): TemplateResult {
  host.adopt(styles);
  const t = host.text.bind(host);
  const date = (iso: string) => formatDate(host.resolvedLang, iso, { dateStyle: 'long', timeStyle: 'short' });
  return html`<div class="voted" part="voted">
    <h3>${t('poll.voted')}</h3>
    ${mine.votedAt ? html`<p>${t('poll.voted.on', { date: date(mine.votedAt) })}${mine.changedAt ? ' ' + t('poll.voted.changed', { date: date(mine.changedAt) }) : ''}</p>` : nothing}
    ${mine.ballot ? html`<p>${t('poll.voted.ballot')}</p>${summary(host, poll, mine.ballot)}` : nothing}
    ${poll.acceptingBallots && poll.you?.canVote ? html`<p>${t('poll.voted.until')}</p>` : nothing}
  </div>`;
}

async function verify(host: PollHost, check: Check): Promise<void> {
  const t = host.text.bind(host);
  check.result = undefined;
  check.error = check.value.trim() ? undefined : t('poll.check.empty');
  if (check.error || check.busy) {
    host.requestUpdate();
    if (check.error) host.focusSoon('receipt-check');
    return;
  }
  check.busy = true;
  host.requestUpdate();
  try {
    check.result = await host.client.post<ReceiptStatus>(host.pollPath + '/verify-receipt', { receipt: check.value });
    host.announce(t(check.result.counted ? 'poll.check.counted' : 'poll.check.missing'));
  } catch (error) {
    check.error = (error instanceof ApiError && error.fields['receipt']) || host.errorText(error);
    host.focusSoon('receipt-check');
  } finally {
    check.busy = false;
    host.requestUpdate();
  }
}

/** "Check a receipt": anyone types a receipt code and learns whether a counted ballot has it. */
export function renderCheck(host: PollHost, poll: Poll): TemplateResult {
  host.adopt(styles);
  const t = host.text.bind(host);
  let check = checks.get(host);
  if (!check) checks.set(host, (check = { value: '' }));
  const state = check;
  const result = state.result;
  return html`<form novalidate @submit=${(event: Event) => (event.preventDefault(), void verify(host, state))}>
      <p>${t('poll.check.lead')}</p>
      ${textField({
        id: 'receipt-check',
        label: t('poll.check.label'),
        hint: t('poll.check.hint'),
        ...(state.error ? { error: state.error } : {}),
        errorPrefix: t('core.error.prefix'),
        value: state.value,
        autocomplete: 'off',
        autocapitalize: 'off',
        spellcheck: false,
        maxlength: 60,
        onInput: (value) => (state.value = value),
      })}
      <button type="submit" class="button button--secondary" part="button check" aria-disabled=${state.busy ? 'true' : nothing}>${t(state.busy ? 'poll.check.busy' : 'poll.check.submit')}</button>
    </form>
    ${result
      ? html`<div class="check-result" part="check-result">
          <p><strong>${t(result.counted ? 'poll.check.counted' : 'poll.check.missing')}</strong></p>
          ${result.ballot ? summary(host, poll, result.ballot) : nothing}
          <p>${t('poll.check.hash')} <span class="hash">${result.receiptHash}</span></p>
        </div>`
      : nothing}`;
}
