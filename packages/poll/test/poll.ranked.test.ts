// <civic-poll>'s ranked ballot against the real API: by keyboard alone (Tab, Enter, Space on "Add to
// ranking", "Move up", "Move down", "Same rank as", "Remove from ranking"; focus stays on the button
// pressed; each new place said through the live region), by dragging with the mouse, and changed later.
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CivicPoll } from '../src/index.js';
import {
  $, $$, accessible, announced, castButton, clean, focused, myBallot, pollElement, receiptCode, seedPoll, signOutEverywhere, signedInResident, type Timed, until,
} from './poll.helpers.js';

/** The labels of the ranked options in order, each with its rank as shown ("1", "2=", …). */
const ranking = (el: Element) => $$(el, '.rank-item').map((item) => `${clean(item.querySelector('.rank [aria-hidden]')!.textContent)} ${clean(item.querySelector('.rank-label')!.textContent)}`);
const unranked = (el: Element) => $$(el, '.unranked .rank-label').map((label) => clean(label.textContent));

/** Presses Tab (or Shift+Tab) until the element with this id has focus: a person finding a button by keyboard. */
async function tabTo(el: CivicPoll, id: string, back = false): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (focused(el)?.id === id) return;
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
  }
  throw new Error(`Tab never reached #${id} (focus is on #${focused(el)?.id ?? 'nothing'})`);
}

async function press(key: 'Enter' | 'Space', el: CivicPoll): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<civic-poll> ranked ballot', () => {
  afterEach(async () => {
    await resetMouse();
    await signOutEverywhere();
  });

  it('by keyboard alone: add, move up and down (focus stays, the new rank is said), same rank, unrank, cast', async function (this: Timed) {
    this.timeout(30_000);
    const poll = await seedPoll({ kind: 'ranked', options: ['Option A', 'Option B', 'Option C', 'Option D'] });
    const [a, b, c, d] = poll.options.map((o) => o.id);
    const person = await signedInResident();
    const el = await pollElement(poll.id);
    expect(clean($(el, 'legend')!.textContent)).to.equal('Put the options in your order of preference');
    expect(clean($(el, '.ranking + h3, h3 + .hint')?.textContent)).to.equal('You have not ranked any option yet.');
    expect(unranked(el)).to.deep.equal(['Option A', 'Option B', 'Option C', 'Option D']);
    await accessible(el, 'ranked, nothing ranked');

    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, `add-${a}`);
    expect(clean(focused(el)!.textContent)).to.equal('Add to ranking Option A');
    await press('Enter', el);
    await until(() => focused(el)?.id === `up-${a}`, 'focus on the added option’s "Move up"');
    expect(ranking(el)).to.deep.equal(['1 Option A']);
    await until(() => announced(el) === 'Option A: rank 1 of 1.', 'the new place said');
    expect(focused(el)!.getAttribute('aria-disabled')).to.equal('true');

    await tabTo(el, `add-${b}`);
    await press('Space', el);
    await until(() => focused(el)?.id === `up-${b}`, 'focus on B’s "Move up"');
    await tabTo(el, `add-${c}`);
    await press('Enter', el);
    await until(() => focused(el)?.id === `up-${c}`, 'focus on C’s "Move up"');
    expect(ranking(el)).to.deep.equal(['1 Option A', '2 Option B', '3 Option C']);
    expect(unranked(el)).to.deep.equal(['Option D']);

    // Move up twice: focus stays on C's "Move up" as C climbs; at the top the button does nothing.
    await press('Enter', el);
    await until(() => ranking(el)[1] === '2 Option C', 'C moved up');
    expect(focused(el)?.id).to.equal(`up-${c}`);
    await until(() => announced(el) === 'Option C: rank 2 of 3.', 'C’s new rank said');
    await press('Space', el);
    await until(() => ranking(el)[0] === '1 Option C', 'C at the top');
    expect(focused(el)?.id).to.equal(`up-${c}`);
    expect(focused(el)!.getAttribute('aria-disabled')).to.equal('true');
    await press('Enter', el);
    expect(ranking(el)).to.deep.equal(['1 Option C', '2 Option A', '3 Option B']);

    // Move down.
    await tabTo(el, `down-${c}`);
    await press('Space', el);
    await until(() => ranking(el)[1] === '2 Option C', 'C moved down');
    expect(focused(el)?.id).to.equal(`down-${c}`);
    expect(ranking(el)).to.deep.equal(['1 Option A', '2 Option C', '3 Option B']);

    // Same rank: B shares C's rank.
    await tabTo(el, `tie-${b}`);
    expect(clean((focused(el) as HTMLInputElement).labels![0]!.textContent)).to.equal('Same rank as Option C');
    await press('Space', el);
    await until(() => ranking(el)[2] === '2= Option B', 'B and C equal');
    expect(ranking(el)).to.deep.equal(['1 Option A', '2= Option C', '2= Option B']);
    await until(() => announced(el) === 'Option B: joint rank 2.', 'the shared rank said');
    expect(clean($(el, `.rank-item[data-id="${c}"] .rank .visually-hidden`)!.textContent)).to.equal('Joint rank 2');
    await accessible(el, 'ranked, with a tie');

    // Unrank A: it goes back to the options not ranked, focus on its "Add to ranking".
    await tabTo(el, `remove-${a}`, true);
    await press('Enter', el);
    await until(() => focused(el)?.id === `add-${a}`, 'focus on A’s "Add to ranking"');
    await until(() => announced(el) === 'Option A is not ranked now.', 'the removal said');
    expect(ranking(el)).to.deep.equal(['1= Option C', '1= Option B']);
    expect(unranked(el)).to.deep.equal(['Option A', 'Option D']);

    // Cast by keyboard.
    await tabTo(el, 'cast');
    expect(clean(focused(el)!.textContent)).to.equal('Cast my vote');
    await press('Enter', el);
    await until(() => receiptCode(el), 'the receipt', 6000);
    const ballot = (await myBallot(person.accessToken, poll.id)).ballot as { ranks: Record<string, number> };
    expect(ballot.ranks).to.deep.equal({ [c!]: 1, [b!]: 1 });
    expect(d).to.be.a('string');
    expect($$(el, '[part~="voted"] .summary li').map((li) => clean(li.textContent))).to.deep.equal(['Joint rank 1: Option B, Option C']);
    expect(clean($(el, '[part~="voted"]')!.textContent)).to.contain('Not ranked: Option A, Option D');
  });

  it('drags an option by its handle with the mouse; "Change my vote" starts from the ranking as cast', async function (this: Timed) {
    this.timeout(30_000);
    const poll = await seedPoll({ kind: 'ranked', options: ['Red', 'Green', 'Blue'] });
    const [red, green, blue] = poll.options.map((o) => o.id);
    const person = await signedInResident();
    const el = await pollElement(poll.id);
    for (const id of [red, green, blue]) {
      $<HTMLButtonElement>(el, `#add-${id}`)!.click();
      await el.updateComplete;
    }
    expect(ranking(el)).to.deep.equal(['1 Red', '2 Green', '3 Blue']);
    const grip = $(el, `.rank-item[data-id="${red}"] .grip`)!;
    grip.scrollIntoView({ block: 'center' });
    const from = grip.getBoundingClientRect();
    const last = $$(el, '.rank-item')[2]!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(from.x + from.width / 2), Math.round(from.y + from.height / 2)] });
    await sendMouse({ type: 'down' });
    await until(() => $(el, '.rank-item.dragging'), 'the dragged option marked');
    for (const step of [0.3, 0.6, 0.9]) {
      await sendMouse({ type: 'move', position: [Math.round(from.x + from.width / 2), Math.round(from.y + (last.bottom - from.y) * step + 5)] });
    }
    await sendMouse({ type: 'move', position: [Math.round(from.x + from.width / 2), Math.round(last.bottom - 4)] });
    await sendMouse({ type: 'up' });
    await until(() => !$(el, '.rank-item.dragging'), 'the drag to end');
    expect(ranking(el)).to.deep.equal(['1 Green', '2 Blue', '3 Red']);
    await until(() => announced(el) === 'Red: rank 3 of 3.', 'the dropped option’s rank said');

    castButton(el).click();
    await until(() => receiptCode(el), 'the receipt', 6000);
    expect(((await myBallot(person.accessToken, poll.id)).ballot as { ranks: Record<string, number> }).ranks).to.deep.equal({ [green!]: 1, [blue!]: 2, [red!]: 3 });
    $<HTMLButtonElement>(el, '#change')!.click();
    await until(() => castButton(el) && $(el, '.rank-item'), 'the ranked ballot again');
    expect(ranking(el)).to.deep.equal(['1 Green', '2 Blue', '3 Red']);
    await accessible(el, 'changing a ranked ballot');
  });

  it('moving an option out of a tie gives it a rank of its own; the others keep theirs', async () => {
    const poll = await seedPoll({ kind: 'ranked', options: ['North', 'South', 'East', 'West'] });
    await signedInResident();
    const el = await pollElement(poll.id);
    const [north, south, east, west] = poll.options.map((o) => o.id);
    for (const id of [north, south, east, west]) $<HTMLButtonElement>(el, `#add-${id}`)!.click();
    await el.updateComplete;
    for (const id of [south, east]) $<HTMLInputElement>(el, `#tie-${id}`)!.click();
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['1= North', '1= South', '1= East', '2 West']);
    $<HTMLButtonElement>(el, `#down-${south}`)!.click();
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['1= North', '1= East', '2 South', '3 West']);
    $<HTMLButtonElement>(el, `#up-${west}`)!.click();
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['1= North', '1= East', '2 West', '3 South']);
    $<HTMLButtonElement>(el, `#remove-${north}`)!.click();
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['1 East', '2 West', '3 South']);
  });
});
