// <civic-poll>'s results against the real API: the SVG chart's words, the table alternative behind its
// button, score averages and spread, the Schulze ranking with ties as ties, the pairwise matrix and the
// strongest paths (Wikipedia's 45-voter example), the ballot downloads, and results kept until closing.
import { expect } from '@open-wc/testing';
import { $, $$, accessible, api, clean, pollElement, seedPoll, signOutEverywhere } from './poll.helpers.js';

const rows = (table: Element) => [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => clean(cell.textContent)));

/** The cell of a pairwise table at the row and column with these labels. */
function cell(table: Element, row: string, column: string): string {
  const columns = [...table.querySelectorAll('thead th')].map((th) => clean(th.textContent));
  const line = [...table.querySelectorAll('tbody tr')].find((tr) => clean(tr.querySelector('th')!.textContent) === row)!;
  return clean(line.children[columns.indexOf(column)]!.textContent);
}

describe('<civic-poll> results', () => {
  afterEach(signOutEverywhere);

  it('single choice, closed: turnout, winner, an SVG chart with its numbers in words, a table behind a button, downloads', async () => {
    const poll = await seedPoll({ kind: 'single', status: 'closed', options: ['Option A', 'Option B', 'Option C'], ballots: [[1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0]] });
    const el = await pollElement(poll.id);
    expect(clean($(el, '.status-line')!.textContent)).to.match(/^Voting closed on .+\. 4 people have voted\.$/);
    expect($(el, 'form.ballot')).to.equal(null);
    const results = $(el, '[part~="results"]')!;
    expect(clean(results.querySelector('h3')!.textContent)).to.equal('Results');
    expect(clean(results.querySelector('h3 + p')!.textContent)).to.equal('4 ballots counted. Winner: Option A.');
    const chart = $(el, 'svg[part~="chart"]')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')).to.equal('Votes for each option: Option A, 3 (75%); Option B, 1 (25%); Option C, 0 (0%)');
    expect(chart.querySelectorAll('rect.bar').length).to.equal(3);
    expect(chart.querySelectorAll('rect.bar--winner').length).to.equal(1);

    const toggle = $<HTMLButtonElement>(el, '[part~="table-toggle"]')!;
    expect([clean(toggle.textContent), toggle.getAttribute('aria-expanded'), toggle.getAttribute('aria-controls')]).to.deep.equal(['Show as a table', 'false', 'results-table']);
    const table = $<HTMLTableElement>(el, '#results-table')!;
    expect(table.checkVisibility()).to.equal(false);
    toggle.click();
    await el.updateComplete;
    expect([clean(toggle.textContent), toggle.getAttribute('aria-expanded')]).to.deep.equal(['Hide the table', 'true']);
    expect(table.checkVisibility()).to.equal(true);
    expect(clean(table.caption!.textContent)).to.equal('Votes for each option');
    expect([...table.querySelectorAll('thead th')].map((th) => [clean(th.textContent), th.getAttribute('scope')])).to.deep.equal([['Option', 'col'], ['Votes', 'col'], ['Share of ballots', 'col']]);
    expect(rows(table)).to.deep.equal([['Option A (winner)', '3', '75%'], ['Option B', '1', '25%'], ['Option C', '0', '0%']]);
    expect(table.querySelector('tbody th')!.getAttribute('scope')).to.equal('row');
    await accessible(el, 'results with the table');

    const links = $$<HTMLAnchorElement>(el, '[part~="downloads"] a');
    expect(links.map((a) => clean(a.textContent))).to.deep.equal(['Download the ballots (CSV)', 'Download the ballots (JSON)']);
    expect(links[0]!.href).to.equal(`${api()}/v1/orgs/test-council/polls/${poll.id}/ballots.csv`);
    const csv = await fetch(links[0]!.href);
    expect(csv.status).to.equal(200);
    const json = (await (await fetch(links[1]!.href)).json()) as { turnout: number };
    expect(json.turnout).to.equal(4);
  });

  it('score: averages in the chart, and the spread of scores in the table', async () => {
    const poll = await seedPoll({ kind: 'score', status: 'closed', options: ['Parks', 'Roads'], ballots: [[5, 1], [4, 2], [3, 0]] });
    const el = await pollElement(poll.id);
    expect($(el, 'svg[part~="chart"]')!.getAttribute('aria-label')).to.equal('Average score of each option, out of 5: Parks, 4; Roads, 1');
    $<HTMLButtonElement>(el, '[part~="table-toggle"]')!.click();
    await el.updateComplete;
    const table = $<HTMLTableElement>(el, '#results-table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => clean(th.textContent))).to.deep.equal([
      'Option', 'Average score', 'Total score', 'Ballots giving 0', 'Ballots giving 1', 'Ballots giving 2', 'Ballots giving 3', 'Ballots giving 4', 'Ballots giving 5',
    ]);
    expect(rows(table)).to.deep.equal([
      ['Parks (winner)', '4', '12', '0', '0', '0', '1', '1', '1'],
      ['Roads', '1', '3', '1', '1', '1', '0', '0', '0'],
    ]);
    await accessible(el, 'score results');
  });

  it('ranked: the Schulze ranking of Wikipedia’s 45-voter example (E > A > C > B > D), the pairwise matrix and the strongest paths', async () => {
    // Ranks per option in the order A, B, C, D, E, and how many voters cast each.
    const groups: [number, number[]][] = [
      [5, [1, 3, 2, 5, 4]], // A C B E D
      [5, [1, 5, 4, 2, 3]], // A D E C B
      [8, [4, 1, 5, 3, 2]], // B E D A C
      [3, [2, 3, 1, 5, 4]], // C A B E D
      [7, [2, 4, 1, 5, 3]], // C A E B D
      [2, [3, 2, 1, 4, 5]], // C B A D E
      [7, [5, 4, 2, 1, 3]], // D C E B A
      [8, [3, 2, 5, 4, 1]], // E B A D C
    ];
    const poll = await seedPoll({ kind: 'ranked', status: 'closed', options: ['A', 'B', 'C', 'D', 'E'], ballots: groups.flatMap(([count, ranks]) => Array.from({ length: count }, () => ranks)) });
    const el = await pollElement(poll.id);
    expect(clean($(el, '[part~="results"] h3 + p')!.textContent)).to.equal('45 ballots counted. Winner: E.');
    expect($$(el, '[part~="ranking-result"] li').map((li) => clean(li.textContent))).to.deep.equal(['1st E (winner)', '2nd A', '3rd C', '4th B', '5th D']);
    const matrix = $<HTMLTableElement>(el, 'table[part~="matrix"]')!;
    expect(clean(matrix.caption!.textContent)).to.equal('How many voters preferred the option in the row to the option in the column');
    expect([...matrix.querySelectorAll('thead th')].map((th) => clean(th.textContent))).to.deep.equal(['Option', 'E', 'A', 'C', 'B', 'D']);
    expect([...matrix.querySelectorAll('th')].every((th) => th.getAttribute('scope'))).to.equal(true);
    expect([cell(matrix, 'A', 'B'), cell(matrix, 'B', 'A'), cell(matrix, 'E', 'D'), cell(matrix, 'C', 'D')]).to.deep.equal(['20', '25 (stronger)', '31 (stronger)', '17']);
    expect(cell(matrix, 'A', 'A')).to.equal('–the same option');
    const paths = $<HTMLTableElement>(el, 'table[part~="paths"]')!;
    expect(clean(paths.caption!.textContent)).to.contain('strongest path');
    // Wikipedia's table of strongest paths.
    expect([cell(paths, 'A', 'B'), cell(paths, 'E', 'A'), cell(paths, 'A', 'E'), cell(paths, 'D', 'A')]).to.deep.equal(['28 (stronger)', '25 (stronger)', '24', '25']);
    for (const details of $$<HTMLDetailsElement>(el, 'details.matrices')) details.open = true;
    await accessible(el, 'ranked results');
  });

  it('ranked: a tie is shown as a tie (joint winners, "Joint 1st")', async () => {
    const poll = await seedPoll({ kind: 'ranked', status: 'closed', options: ['Library', 'Lido', 'Lights'], ballots: [[1, 2, 3], [2, 1, 3]] });
    const el = await pollElement(poll.id);
    expect(clean($(el, '[part~="results"] h3 + p')!.textContent)).to.equal('2 ballots counted. Joint winners: Library and Lido.');
    expect($$(el, '[part~="ranking-result"] li').map((li) => clean(li.textContent))).to.deep.equal(['Joint 1st Library and Lido (joint winners)', '3rd Lights']);
    const matrix = $<HTMLTableElement>(el, 'table[part~="matrix"]')!;
    expect([cell(matrix, 'Library', 'Lido'), cell(matrix, 'Lido', 'Library')]).to.deep.equal(['1', '1']);
  });

  it('live results of an open poll are "Results so far"; with no ballots, says so', async () => {
    const poll = await seedPoll({ kind: 'approval' });
    const el = await pollElement(poll.id);
    expect(clean($(el, '[part~="results"] h3')!.textContent)).to.equal('Results so far');
    expect(clean($(el, '[part~="results"]')!.textContent)).to.contain('No one has voted yet.');
    expect($(el, 'svg')).to.equal(null);
  });

  it('results published only after closing: a notice with the closing time, no results', async () => {
    const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const poll = await seedPoll({ kind: 'single', results: 'after-close', closesAt, ballots: [[1, 0, 0]] });
    const el = await pollElement(poll.id);
    expect($(el, '[part~="results"]')).to.equal(null);
    expect(clean($(el, '[part~="notice"]')!.textContent)).to.match(/^The results will be published when the poll closes, on .+\.$/);
    expect(clean($(el, '.status-line')!.textContent)).to.match(/^Open for voting until .+\.$/);
    await accessible(el, 'results later');
  });
});
