// <civic-poll> live against the real API: results arriving through the stream (said politely, focus
// left where it is), the poll closing while it is read, and a dropped stream resumed from its last event.
import { expect } from '@open-wc/testing';
import {
  $, accessible, announced, castBallot, castButton, clean, focused, ok, personWithRole, pollElement, pollPath, seedPoll, signOutEverywhere, signedInResident,
  type Timed, until,
} from './poll.helpers.js';

const tableRows = (el: Element) => [...el.shadowRoot!.querySelectorAll('#results-table tbody tr')].map((row) => [...row.children].map((cell) => clean(cell.textContent)).slice(0, 2));

describe('<civic-poll> live', () => {
  afterEach(signOutEverywhere);

  it('new results arrive while the table is open: "Results updated" is said, focus stays on the button', async function (this: Timed) {
    this.timeout(20_000);
    const poll = await seedPoll({ kind: 'single', options: ['Yes', 'No'], ballots: [[1, 0]] });
    const el = await pollElement(poll.id);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream to open', 6000);
    const toggle = $<HTMLButtonElement>(el, '[part~="table-toggle"]')!;
    toggle.focus();
    toggle.click();
    await el.updateComplete;
    expect(tableRows(el)).to.deep.equal([['Yes (winner)', '1'], ['No', '0']]);

    const voters = await Promise.all([personWithRole('resident'), personWithRole('resident')]);
    await castBallot(voters[0]!.accessToken, poll.id, { kind: 'single', choice: poll.options[1]!.id });
    await castBallot(voters[1]!.accessToken, poll.id, { kind: 'single', choice: poll.options[1]!.id });
    await until(() => tableRows(el)[1]?.[1] === '2', 'the new counts', 8000);
    expect(tableRows(el)).to.deep.equal([['Yes', '1'], ['No (winner)', '2']]);
    expect(clean($(el, '.status-line')!.textContent)).to.contain('3 people have voted.');
    await until(() => announced(el) === 'Results updated.', '"Results updated" said');
    expect(focused(el)).to.equal(toggle);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await accessible(el, 'live results');
  });

  it('the poll closes while a resident is reading it: the ballot goes, the results become final', async function (this: Timed) {
    this.timeout(20_000);
    const poll = await seedPoll({ kind: 'approval', results: 'after-close', ballots: [[1, 1, 0]] });
    await signedInResident();
    const el = await pollElement(poll.id);
    expect(castButton(el)).to.not.equal(null);
    expect($(el, '[part~="results"]')).to.equal(null);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream to open', 6000);
    const officer = await personWithRole('officer');
    await ok('POST', `${pollPath(poll.id)}/close`, undefined, officer.accessToken);
    await until(() => $(el, '[part~="results"]'), 'the final results', 8000);
    expect(clean($(el, '[part~="results"] h3')!.textContent)).to.equal('Results');
    expect(clean($(el, '.status-line')!.textContent)).to.match(/^Voting closed on .+\. 1 person has voted\.$/);
    expect($(el, 'form.ballot')).to.equal(null);
    await until(() => el.stream === undefined, 'the stream closed');
    await accessible(el, 'closed while reading');
  });

  it('opens the stream again after it was dropped, from the last event seen, and gets what it missed', async function (this: Timed) {
    this.timeout(25_000);
    const poll = await seedPoll({ kind: 'single', options: ['Up', 'Down'] });
    const el = await pollElement(poll.id);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream to open', 6000);
    const first = await personWithRole('resident');
    await castBallot(first.accessToken, poll.id, { kind: 'single', choice: poll.options[0]!.id });
    await until(() => clean($(el, '[part~="results"] h3 + p')?.textContent).startsWith('1 ballot counted.'), 'the first results event', 8000);
    const dropped = el.stream!;
    const seen = el.lastEventId;
    expect(seen).to.match(/^\d+$/);
    // The API closes the stream (as a restart does): EventSource gives up, the element must open it again.
    dropped.close();
    dropped.dispatchEvent(new Event('error'));
    const second = await personWithRole('resident');
    await castBallot(second.accessToken, poll.id, { kind: 'single', choice: poll.options[1]!.id });
    await until(() => el.stream !== undefined && el.stream !== dropped, 'a new stream', 8000);
    expect(new URL(el.stream!.url).searchParams.get('lastEventId')).to.equal(seen);
    await until(() => clean($(el, '[part~="results"] h3 + p')?.textContent).startsWith('2 ballots counted.'), 'the missed results', 8000);
  });
});
