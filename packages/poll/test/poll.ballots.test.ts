// <civic-poll> against the real API: casting and changing a ballot of each simple kind (single choice,
// multiple choice with its limits, approval, score), the receipt each time, civic-ballot-cast, axe.
import { expect, oneEvent } from '@open-wc/testing';
import {
  $, $$, RECEIPT, accessible, castButton, castThroughForm, clean, focused, myBallot, pollElement, receiptCode, seedPoll, signOutEverywhere, signedInResident, tick,
  type Timed, until,
} from './poll.helpers.js';

describe('<civic-poll> ballots', () => {
  afterEach(signOutEverywhere);

  it('single choice: a radio group with the options’ descriptions, pictures and places; cast, receipt, then change the vote', async function (this: Timed) {
    this.timeout(20_000);
    const picture = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3" fill="green"/></svg>');
    const poll = await seedPoll({
      kind: 'single',
      title: 'Where should the new bench go?',
      options: [
        { label: 'By the pond', description: 'In the shade of the willow.', image: { url: picture, alt: 'The pond and its willow' }, location: [-0.0921, 51.4839] },
        'Near the playground',
        'At the main gate',
      ],
    });
    const person = await signedInResident();
    const el = await pollElement(poll.id);
    expect(clean($(el, '.heading')!.textContent)).to.equal('Where should the new bench go?');
    expect(clean($(el, 'legend')!.textContent)).to.equal('Choose one option');
    const radios = $$<HTMLInputElement>(el, 'input[type="radio"][name="choice"]');
    expect(radios.map((r) => clean($(el, `label[for="${r.id}"]`)!.textContent))).to.deep.equal(['By the pond', 'Near the playground', 'At the main gate']);
    const pond = poll.options[0]!.id;
    expect(radios[0]!.getAttribute('aria-describedby')).to.equal(`more-${pond}`);
    expect(clean($(el, `#more-${pond} .description`)!.textContent)).to.equal('In the shade of the willow.');
    expect($<HTMLImageElement>(el, `#more-${pond} img`)!.alt).to.equal('The pond and its willow');
    expect($<HTMLAnchorElement>(el, `#more-${pond} a.map`)!.href).to.contain('mlat=51.4839&mlon=-0.0921');
    await accessible(el, 'single ballot');

    tick(el, `#opt-${poll.options[1]!.id}`);
    const cast = oneEvent(el, 'civic-ballot-cast');
    const code = await castThroughForm(el);
    const event = await cast;
    expect(event.detail).to.deep.equal({ pollId: poll.id, changed: false });
    expect(code).to.match(RECEIPT);
    expect(clean($(el, '#receipt-heading')!.textContent)).to.equal('Your vote has been counted');
    await until(() => focused(el)?.id === 'receipt', 'focus on the receipt');
    expect(clean($(el, '[part~="voted"]')!.textContent)).to.contain('Near the playground');
    expect((await myBallot(person.accessToken, poll.id)).ballot).to.deep.equal({ kind: 'single', choice: poll.options[1]!.id });
    await accessible(el, 'receipt');

    // Change: the form comes back with the ballot as cast, focus on it.
    $<HTMLButtonElement>(el, '#change')!.click();
    await until(() => castButton(el), 'the form again');
    expect($<HTMLInputElement>(el, `#opt-${poll.options[1]!.id}`)!.checked).to.equal(true);
    expect(clean(castButton(el).textContent)).to.equal('Cast my new vote');
    await until(() => focused(el)?.id === 'ballot', 'focus on the ballot');
    tick(el, `#opt-${poll.options[2]!.id}`);
    const changed = oneEvent(el, 'civic-ballot-cast');
    const second = await castThroughForm(el);
    expect((await changed).detail.changed).to.equal(true);
    expect(second).to.not.equal(code);
    expect(clean($(el, '#receipt-heading')!.textContent)).to.equal('Your vote has been changed');
    expect((await myBallot(person.accessToken, poll.id)).ballot).to.deep.equal({ kind: 'single', choice: poll.options[2]!.id });
  });

  it('single choice: casting with nothing chosen says so next to the options and sends nothing', async () => {
    const poll = await seedPoll({ kind: 'single' });
    const person = await signedInResident();
    const el = await pollElement(poll.id);
    castButton(el).click();
    await until(() => $(el, '#ballot-error'), 'the error');
    expect(clean($(el, '#ballot-error')!.textContent)).to.equal('Error: Choose an option.');
    expect(clean($(el, '.error-summary')!.textContent)).to.contain('There is a problem');
    await until(() => focused(el)?.id === 'error-summary', 'focus on the error summary');
    expect($(el, '#ballot')!.getAttribute('aria-describedby')).to.contain('ballot-error');
    expect((await myBallot(person.accessToken, poll.id)).voted).to.equal(false);
    await accessible(el, 'nothing chosen');
  });

  it('multiple choice: a live count, "too many" at once, a refused cast keeps every tick; within the limits it casts', async function (this: Timed) {
    this.timeout(15_000);
    const poll = await seedPoll({ kind: 'multiple', minChoices: 2, maxChoices: 3, options: ['Trees', 'Benches', 'Bins', 'Lights', 'Planters'] });
    const person = await signedInResident();
    const el = await pollElement(poll.id);
    expect(clean($(el, 'legend')!.textContent)).to.equal('Choose between 2 and 3 options');
    const count = () => clean($(el, '#ballot-count')!.textContent);
    expect($(el, '#ballot-count')!.getAttribute('aria-live')).to.equal('polite');
    expect(count()).to.equal('You have chosen 0 options. Choose at least 2 options.');
    const [a, b, c, d] = poll.options.map((o) => `#opt-${o.id}`);
    tick(el, a!);
    await el.updateComplete;
    expect(count()).to.equal('You have chosen 1 option. Choose at least 2 options.');
    tick(el, b!);
    tick(el, c!);
    tick(el, d!);
    await el.updateComplete;
    expect(count()).to.equal('You have chosen 4 options. Choose no more than 3 options: untick some.');
    expect($(el, '#ballot-count')!.classList.contains('count--over')).to.equal(true);
    castButton(el).click();
    await until(() => $(el, '#ballot-error'), 'the error next to the options');
    expect(clean($(el, '#ballot-error')!.textContent)).to.contain('Choose no more than 3 options');
    expect([a, b, c, d].map((s) => $<HTMLInputElement>(el, s!)!.checked)).to.deep.equal([true, true, true, true]);
    await accessible(el, 'too many');
    tick(el, d!);
    await castThroughForm(el);
    const ballot = (await myBallot(person.accessToken, poll.id)).ballot as { choices: string[] };
    expect([...ballot.choices].sort()).to.deep.equal([poll.options[0]!.id, poll.options[1]!.id, poll.options[2]!.id].sort());
  });

  it('approval: tick any number; change the vote to fewer', async function (this: Timed) {
    this.timeout(15_000);
    const poll = await seedPoll({ kind: 'approval', options: ['Library', 'Pool', 'Park', 'Market'] });
    const person = await signedInResident();
    const el = await pollElement(poll.id);
    expect(clean($(el, 'legend')!.textContent)).to.equal('Tick every option you approve of');
    expect(clean($(el, '#ballot-hint')!.textContent)).to.equal('You can tick as many as you like, or none.');
    expect($$(el, 'input[type="checkbox"][name="choice"]').length).to.equal(4);
    expect($(el, '#ballot-count')).to.equal(null);
    tick(el, `#opt-${poll.options[0]!.id}`);
    tick(el, `#opt-${poll.options[2]!.id}`);
    tick(el, `#opt-${poll.options[3]!.id}`);
    await castThroughForm(el);
    expect(((await myBallot(person.accessToken, poll.id)).ballot as { choices: string[] }).choices).to.have.length(3);
    $<HTMLButtonElement>(el, '#change')!.click();
    await until(() => castButton(el), 'the form again');
    expect(poll.options.map((o) => $<HTMLInputElement>(el, `#opt-${o.id}`)!.checked)).to.deep.equal([true, false, true, true]);
    tick(el, `#opt-${poll.options[2]!.id}`);
    tick(el, `#opt-${poll.options[3]!.id}`);
    await castThroughForm(el);
    expect((await myBallot(person.accessToken, poll.id)).ballot).to.deep.equal({ kind: 'approval', choices: [poll.options[0]!.id] });
    expect(clean($(el, '[part~="voted"] .summary')!.textContent)).to.equal('Library');
  });

  it('score: a 0–5 radio group per option, its legend the option; left out scores 0; change one score', async function (this: Timed) {
    this.timeout(15_000);
    const poll = await seedPoll({ kind: 'score', options: ['Cycle lanes', 'Bus stops', 'Pavements'] });
    const person = await signedInResident();
    const el = await pollElement(poll.id);
    const groups = $$<HTMLFieldSetElement>(el, 'fieldset.score');
    expect(groups.map((g) => clean(g.querySelector('legend')!.textContent))).to.deep.equal(['Cycle lanes', 'Bus stops', 'Pavements']);
    expect([...groups[0]!.querySelectorAll('label')].map((l) => clean(l.textContent))).to.deep.equal(['0', '1', '2', '3', '4', '5']);
    await accessible(el, 'score ballot');
    const [cycle, bus] = poll.options.map((o) => o.id);
    tick(el, `#score-${cycle}-5`);
    tick(el, `#score-${bus}-2`);
    await castThroughForm(el);
    expect((await myBallot(person.accessToken, poll.id)).ballot).to.deep.include({ kind: 'score' });
    const scores = ((await myBallot(person.accessToken, poll.id)).ballot as { scores: Record<string, number> }).scores;
    expect([scores[cycle!], scores[bus!], scores[poll.options[2]!.id] ?? 0]).to.deep.equal([5, 2, 0]);
    expect($$(el, '[part~="voted"] .summary li').map((li) => clean(li.textContent))).to.deep.equal(['Cycle lanes: 5', 'Bus stops: 2', 'Pavements: 0']);

    $<HTMLButtonElement>(el, '#change')!.click();
    await until(() => castButton(el), 'the form again');
    expect($<HTMLInputElement>(el, `#score-${cycle}-5`)!.checked).to.equal(true);
    tick(el, `#score-${bus}-4`);
    await castThroughForm(el);
    const changed = ((await myBallot(person.accessToken, poll.id)).ballot as { scores: Record<string, number> }).scores;
    expect([changed[cycle!], changed[bus!]]).to.deep.equal([5, 4]);
    expect(receiptCode(el)).to.match(RECEIPT);
  });

  it('giving up a change puts back the ballot as cast', async () => {
    const poll = await seedPoll({ kind: 'single' });
    await signedInResident();
    const el = await pollElement(poll.id);
    tick(el, `#opt-${poll.options[0]!.id}`);
    await castThroughForm(el);
    $<HTMLButtonElement>(el, '#change')!.click();
    await until(() => castButton(el), 'the form again');
    tick(el, `#opt-${poll.options[1]!.id}`);
    $<HTMLButtonElement>(el, '[part~="cancel"]')!.click();
    await until(() => $(el, '#change'), 'the voted panel');
    await until(() => focused(el)?.id === 'change', 'focus back on "Change my vote"');
    $<HTMLButtonElement>(el, '#change')!.click();
    await until(() => castButton(el), 'the form again');
    expect($<HTMLInputElement>(el, `#opt-${poll.options[0]!.id}`)!.checked).to.equal(true);
  });
});
