// The results, a chunk loaded when the reader may see them: turnout and winners; for single choice,
// multiple choice, approval and score an SVG bar chart (role="img" with its numbers in words) with a
// table alternative behind a button; for ranked polls the Schulze ranking (ties as ties), the pairwise
// matrix and the strongest paths as tables; and the anonymised ballots to download.
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { directionOf, formatNumber, formatter } from '@civic-elements/core';
import type { OptionResult, PollResults } from '@civic-elements/protocol';
import type { PollHost } from './host.js';

const styles = css`
  .results {
    margin: calc(var(--_space) * 1.5) 0 var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .results .heading {
    font-size: 1.3em;
  }
  .chart {
    display: block;
    width: 100%;
    max-width: 40em;
    margin: 0 0 0.5em;
  }
  .chart text {
    fill: currentColor;
    font: inherit;
    font-size: 15px;
  }
  .bar {
    fill: var(--civic-poll-bar-color, var(--_primary));
  }
  .bar--winner {
    fill: var(--civic-poll-winner-color, var(--_success));
  }
  .table-wrap {
    max-width: 100%;
    margin: 0 0 var(--_space);
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
  }
  caption {
    margin-bottom: 0.5em;
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.35em 0.6em;
    border: 1px solid var(--_border);
    text-align: end;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
  }
  .win {
    font-weight: 700;
    background: color-mix(in srgb, var(--civic-poll-winner-color, var(--_success)) 15%, transparent);
  }
  .tiers {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .tiers li {
    margin: 0 0 0.25em;
  }
  .place {
    display: inline-block;
    min-width: 5em;
    font-weight: 700;
  }
  .matrices > summary,
  .downloads a {
    min-height: 24px;
    color: var(--_link);
  }
  .matrices {
    margin: 0 0 0.5em;
  }
  .matrices > summary {
    cursor: pointer;
    text-decoration: underline;
  }
  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  @media (forced-colors: active) {
    .bar {
      fill: CanvasText;
    }
    .bar--winner {
      fill: Highlight;
    }
  }
`;

/** Whether the table alternative is shown, per element. */
const tables = new WeakMap<PollHost, boolean>();

const WIDTH = 600;
const ROW = 46;

/** "1st", "Joint 2nd": a place in words, by the language's ordinal rules. */
function place(host: PollHost, n: number, joint: boolean): string {
  const ordinal = host.text(`poll.ordinal.${formatter(Intl.PluralRules, host.resolvedLang, { type: 'ordinal' }).select(n)}`, { n });
  return joint ? host.text('poll.place.joint', { place: ordinal }) : ordinal;
}

const list = (host: PollHost, items: string[]) => formatter(Intl.ListFormat, host.resolvedLang, { type: 'conjunction' }).format(items);

interface Bar {
  option: OptionResult;
  value: number;
  /** The value as shown ("5 (42%)", "3.4"). */
  shown: string;
}

/** A horizontal bar per option (label above its bar, its value after it), mirrored for right-to-left languages. */
function chart(host: PollHost, bars: Bar[], max: number, winners: Set<string>, title: string): TemplateResult {
  const rtl = directionOf(host.resolvedLang) === 'rtl';
  const room = WIDTH - 140;
  const x = (at: number, width = 0) => (rtl ? WIDTH - at - width : at);
  const words = `${title}: ${bars.map((bar) => host.text('poll.chart.item', { label: bar.option.label, value: bar.shown })).join('; ')}`;
  return html`<svg class="chart" part="chart" role="img" aria-label=${words} viewBox="0 0 ${WIDTH} ${bars.length * ROW}" preserveAspectRatio="xMinYMin meet">
    ${bars.map((bar, at) => {
      const width = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * room) : 0;
      const label = bar.option.label.length > 70 ? bar.option.label.slice(0, 69) + '…' : bar.option.label;
      return svg`<text x=${x(0)} y=${at * ROW + 15} text-anchor="start" direction=${rtl ? 'rtl' : 'ltr'}>${label}</text>
        <rect class="bar ${winners.has(bar.option.id) ? 'bar--winner' : ''}" x=${x(0, width)} y=${at * ROW + 21} width=${width} height="18"></rect>
        <text x=${x(width + 8)} y=${at * ROW + 35} text-anchor="start" direction=${rtl ? 'rtl' : 'ltr'}>${bar.shown}</text>`;
    })}
  </svg>`;
}

/** The chart's numbers as a real table, behind a "Show as a table" button. */
function table(host: PollHost, caption: string, head: string[], rows: TemplateResult[]): TemplateResult {
  const shown = tables.get(host) ?? false;
  return html`<button type="button" class="button button--secondary" part="button table-toggle" aria-expanded=${shown ? 'true' : 'false'} aria-controls="results-table"
      @click=${() => {
        tables.set(host, !shown);
        host.requestUpdate();
      }}>${host.text(shown ? 'poll.table.hide' : 'poll.table.show')}</button>
    <div class="table-wrap" ?hidden=${!shown}>
      <table id="results-table" part="table">
        <caption>${caption}</caption>
        <thead><tr>${head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead>
        <tbody>${rows}</tbody>
      </table>
    </div>`;
}

const winnerMark = (host: PollHost, id: string, winners: Set<string>) => (winners.has(id) ? ` (${host.text('poll.winner')})` : '');

/** A pairwise table: `m[i][j]` for the options in `order`; a cell is marked where the row beats the column. */
function matrix(host: PollHost, results: PollResults, m: number[][], order: number[], caption: string, part: string): TemplateResult {
  const labels = results.options.map((option) => option.label);
  return html`<div class="table-wrap"><table part=${part}>
    <caption>${caption}</caption>
    <thead><tr><th scope="col"><span class="visually-hidden">${host.text('poll.matrix.corner')}</span></th>${order.map((j) => html`<th scope="col">${labels[j]}</th>`)}</tr></thead>
    <tbody>
      ${order.map(
        (i) => html`<tr><th scope="row">${labels[i]}</th>${order.map((j) => {
          if (i === j) return html`<td><span aria-hidden="true">–</span><span class="visually-hidden">${host.text('poll.matrix.self')}</span></td>`;
          const value = m[i]![j]!;
          const win = value > m[j]![i]!;
          return html`<td class=${win ? 'win' : ''}>${formatNumber(host.resolvedLang, value)}${win ? html`<span class="visually-hidden"> ${host.text('poll.matrix.win')}</span>` : nothing}</td>`;
        })}</tr>`,
      )}
    </tbody>
  </table></div>`;
}

function ranked(host: PollHost, results: PollResults, winners: Set<string>): TemplateResult {
  const schulze = results.schulze!;
  const index = new Map(results.options.map((option, at) => [option.id, at]));
  const labelOf = (id: string) => results.options[index.get(id)!]!.label;
  const order = schulze.ranking.flat().map((id) => index.get(id)!);
  let placed = 1;
  return html`<h4 class="subheading">${host.text('poll.ranking')}</h4>
    <ol class="tiers" part="ranking-result">
      ${schulze.ranking.map((tier) => {
        const words = html`<li><span class="place">${place(host, placed, tier.length > 1)}</span> ${list(host, tier.map(labelOf))}${tier.some((id) => winners.has(id)) ? ` (${host.text(tier.length > 1 ? 'poll.winners.joint' : 'poll.winner')})` : ''}</li>`;
        placed += tier.length;
        return words;
      })}
    </ol>
    <details class="matrices">
      <summary>${host.text('poll.matrix.pairwise')}</summary>
      ${matrix(host, results, schulze.d, order, host.text('poll.matrix.pairwise.caption'), 'matrix')}
    </details>
    <details class="matrices">
      <summary>${host.text('poll.matrix.paths')}</summary>
      ${matrix(host, results, schulze.p, order, host.text('poll.matrix.paths.caption'), 'paths')}
    </details>`;
}

function counted(host: PollHost, results: PollResults, winners: Set<string>): TemplateResult {
  const lang = host.resolvedLang;
  const options = results.options;
  const mark = (option: OptionResult) => winnerMark(host, option.id, winners);
  if (results.kind === 'score') {
    const mean = (option: OptionResult) => formatNumber(lang, option.scoreMean ?? 0, { maximumFractionDigits: 2 });
    const bars = options.map((option) => ({ option, value: option.scoreMean ?? 0, shown: mean(option) }));
    return html`${chart(host, bars, 5, winners, host.text('poll.chart.scores'))}
      ${table(
        host,
        host.text('poll.table.scores'),
        [host.text('poll.table.option'), host.text('poll.table.mean'), host.text('poll.table.sum'), ...[0, 1, 2, 3, 4, 5].map((score) => host.text('poll.table.gave', { score }))],
        options.map(
          (option) => html`<tr><th scope="row">${option.label}${mark(option)}</th><td>${mean(option)}</td><td>${formatNumber(lang, option.scoreSum ?? 0)}</td>
            ${(option.scoreCounts ?? []).map((count) => html`<td>${formatNumber(lang, count)}</td>`)}</tr>`,
        ),
      )}`;
  }
  const share = (option: OptionResult) => formatNumber(lang, option.share ?? 0, { style: 'percent', maximumFractionDigits: 1 });
  const bars = options.map((option) => ({ option, value: option.votes ?? 0, shown: `${formatNumber(lang, option.votes ?? 0)} (${share(option)})` }));
  return html`${chart(host, bars, Math.max(...bars.map((bar) => bar.value)), winners, host.text('poll.chart.votes'))}
    ${table(
      host,
      host.text('poll.table.votes'),
      [host.text('poll.table.option'), host.text('poll.table.count'), host.text('poll.table.share')],
      options.map((option) => html`<tr><th scope="row">${option.label}${mark(option)}</th><td>${formatNumber(lang, option.votes ?? 0)}</td><td>${share(option)}</td></tr>`),
    )}`;
}

export function renderResults(host: PollHost, results: PollResults): TemplateResult {
  host.adopt(styles);
  const winners = new Set(results.winners);
  const names = results.options.filter((option) => winners.has(option.id)).map((option) => option.label);
  const files = `${host.client.base}${host.pollPath}/ballots`;
  return html`<section class="results" part="results" aria-labelledby="results-heading">
    <h3 class="heading" id="results-heading">${host.text(results.final ? 'poll.results.final' : 'poll.results.live')}</h3>
    <p>${host.text('poll.results.turnout', { count: results.turnout })}
      ${names.length ? host.text(names.length > 1 ? 'poll.results.winners' : 'poll.results.winner', { names: list(host, names) }) : ''}</p>
    ${results.turnout === 0
      ? html`<p>${host.text('poll.results.none')}</p>`
      : html`${results.kind === 'ranked' ? ranked(host, results, winners) : counted(host, results, winners)}
          <h4 class="subheading">${host.text('poll.download')}</h4>
          <p class="hint">${host.text('poll.download.hint')}</p>
          <ul class="downloads" part="downloads">
            <li><a href="${files}.csv" download>${host.text('poll.download.csv')}</a></li>
            <li><a href="${files}.json" download>${host.text('poll.download.json')}</a></li>
          </ul>`}
  </section>`;
}
