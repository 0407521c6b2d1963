// <civic-poll>'s receipts against the real API: the code shown once after casting, with its copy button
// and what it is for; "Check a receipt" for anyone (counted, no longer counted after a change, badly
// typed, empty), axe in each state.
import { expect } from '@open-wc/testing';
import {
  $, $$, RECEIPT, accessible, announced, castBallot, castButton, castThroughForm, clean, personWithRole, pollElement, seedPoll, signOutEverywhere, signedInResident, tick,
  type Timed, until,
} from './poll.helpers.js';

/** Opens "Check a receipt", types the code and checks it; resolves once an answer or an error shows. */
async function check(el: HTMLElement & { updateComplete: Promise<boolean> }, code: string): Promise<void> {
  const details = $<HTMLDetailsElement>(el, 'details.check')!;
  if (!details.open) $<HTMLElement>(el, 'details.check > summary')!.click();
  await until(() => $(el, '#receipt-check'), 'the receipt form');
  const field = $<HTMLInputElement>(el, '#receipt-check')!;
  const before = $(el, '[part~="check-result"]');
  field.value = code;
  field.dispatchEvent(new Event('input'));
  const button = $<HTMLButtonElement>(el, 'details.check button[type="submit"]')!;
  button.click();
  await el.updateComplete;
  await until(() => button.getAttribute('aria-disabled') !== 'true' && ($(el, '[part~="check-result"]') !== before || $(el, '#receipt-check-error')), 'the answer', 6000);
  await el.updateComplete;
}

const answer = (el: Element) => clean($(el, '[part~="check-result"] strong')?.textContent);

describe('<civic-poll> receipts', () => {
  afterEach(signOutEverywhere);

  it('shows the receipt once, with a copy button and what it is for; it is not shown again on the next visit', async function (this: Timed) {
    this.timeout(15_000);
    const poll = await seedPoll({ kind: 'approval' });
    await signedInResident();
    const el = await pollElement(poll.id);
    tick(el, `#opt-${poll.options[1]!.id}`);
    const code = await castThroughForm(el);
    expect(code).to.match(RECEIPT);
    const panel = $(el, '[part~="receipt"]')!;
    expect(clean(panel.textContent)).to.contain('we show it only this once');
    expect(clean(panel.textContent)).to.contain('If you change your vote, you get a new code and this one stops matching.');
    await accessible(el, 'receipt shown');

    $<HTMLButtonElement>(el, '#copy')!.click();
    await until(() => announced(el) === 'Receipt code copied.' || announced(el) === 'The code is selected: copy it, or write it down.', 'the copy said', 4000);
    if (announced(el) === 'Receipt code copied.') {
      expect(await navigator.clipboard.readText().catch(() => code)).to.equal(code);
      expect(clean($(el, '#copy')!.textContent)).to.equal('Code copied');
    } else {
      // No clipboard for this page: the code is selected for copying by hand.
      expect(String(getSelection())).to.equal(code);
    }

    el.remove();
    const again = await pollElement(poll.id);
    await until(() => $(again, '[part~="voted"]'), 'the voted panel');
    expect($(again, '[part~="receipt"]')).to.equal(null);
    expect(clean(again.shadowRoot!.textContent)).to.not.contain(code);
    expect(clean($(again, '[part~="voted"]')!.textContent)).to.contain(poll.options[1]!.label);
    await accessible(again, 'voted, on a later visit');
  });

  it('checks a receipt: counted (with the ballot and its fingerprint), then no longer counted once the vote changed', async function (this: Timed) {
    this.timeout(20_000);
    const poll = await seedPoll({ kind: 'single', options: ['Swings', 'Slide'] });
    await signedInResident();
    const el = await pollElement(poll.id);
    tick(el, `#opt-${poll.options[0]!.id}`);
    const first = await castThroughForm(el);
    await check(el, first.toLowerCase().replaceAll('-', ' '));
    expect(answer(el)).to.equal('A counted ballot has this receipt.');
    await until(() => announced(el) === 'A counted ballot has this receipt.', 'the answer said');
    expect($$(el, '[part~="check-result"] .summary li').map((li) => clean(li.textContent))).to.deep.equal(['Swings']);
    expect(clean($(el, '[part~="check-result"] .hash')!.textContent)).to.match(/^[0-9a-f]{64}$/);
    await accessible(el, 'receipt counted');

    $<HTMLButtonElement>(el, '#change')!.click();
    await until(() => castButton(el), 'the form again');
    tick(el, `#opt-${poll.options[1]!.id}`);
    const second = await castThroughForm(el);
    await check(el, first);
    expect(answer(el)).to.equal('No counted ballot has this receipt. If the voter changed their vote, only their newest receipt matches.');
    await check(el, second);
    expect(answer(el)).to.equal('A counted ballot has this receipt.');
    expect($$(el, '[part~="check-result"] .summary li').map((li) => clean(li.textContent))).to.deep.equal(['Slide']);
  });

  it('anyone, signed out, can check a receipt; a badly typed one is answered next to the field and kept', async function (this: Timed) {
    this.timeout(15_000);
    const poll = await seedPoll({ kind: 'score', options: ['Wi-Fi', 'Seats'] });
    const voter = await personWithRole('resident');
    const cast = await castBallot(voter.accessToken, poll.id, { kind: 'score', scores: { [poll.options[0]!.id]: 4 } });
    const el = await pollElement(poll.id);
    expect($(el, '[part~="signed-out"]')).to.not.equal(null);

    await check(el, '');
    expect(clean($(el, '#receipt-check-error')!.textContent)).to.equal('Error: Enter a receipt code.');
    await until(() => el.shadowRoot!.activeElement?.id === 'receipt-check', 'focus on the field');

    await check(el, 'not-a-receipt');
    expect(clean($(el, '#receipt-check-error')!.textContent)).to.contain('A receipt is 20 letters and digits');
    expect($<HTMLInputElement>(el, '#receipt-check')!.value).to.equal('not-a-receipt');
    expect($(el, '#receipt-check')!.getAttribute('aria-invalid')).to.equal('true');
    await accessible(el, 'receipt refused');

    await check(el, cast.receipt);
    expect(answer(el)).to.equal('A counted ballot has this receipt.');
    expect($(el, '#receipt-check-error')).to.equal(null);
    expect($$(el, '[part~="check-result"] .summary li').map((li) => clean(li.textContent))).to.deep.equal(['Wi-Fi: 4', 'Seats: 0']);
  });
});
