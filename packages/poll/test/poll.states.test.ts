// <civic-poll>'s states against the real API: signed out (and signing in), not eligible (the API's
// reason), closed, not open yet, not found, a failed cast that keeps the resident's choices, Arabic;
// axe in each.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { getSession } from '@civic-elements/core';
import {
  $, $$, accessible, api, castButton, castThroughForm, clean, focused, pollElement, registeredSession, seedPoll, signOutEverywhere, signedInResident, tick,
  type Timed, until,
} from './poll.helpers.js';

describe('<civic-poll> states', () => {
  afterEach(signOutEverywhere);

  it('signed out: the options to read, a sign-in prompt, the live results; signing in brings the ballot', async function (this: Timed) {
    this.timeout(15_000);
    const poll = await seedPoll({ kind: 'single', options: ['Mon', 'Tue'], ballots: [[1, 0]] });
    const el = await pollElement(poll.id);
    expect($(el, 'form.ballot')).to.equal(null);
    expect($$(el, '[part~="options"] .option__label').map((label) => clean(label.textContent))).to.deep.equal(['Mon', 'Tue']);
    expect(clean($(el, '[part~="signed-out"] p')!.textContent)).to.equal('Sign in to vote. You need an account with a confirmed email address.');
    const signIn = $(el, 'civic-sign-in')!;
    expect([signIn.hasAttribute('compact'), signIn.getAttribute('api'), signIn.getAttribute('org')]).to.deep.equal([true, api(), 'test-council']);
    await until(() => customElements.get('civic-sign-in'), 'the sign-in element');
    expect($(el, '[part~="results"]')).to.not.equal(null);
    await accessible(el, 'signed out');

    getSession(api()).signIn(await registeredSession('Late Arrival'));
    await until(() => castButton(el), 'the ballot after signing in', 6000);
    expect($(el, '[part~="signed-out"]')).to.equal(null);
  });

  it('not eligible: the API’s reason, no ballot', async () => {
    const poll = await seedPoll({ kind: 'ranked', eligibility: 'officer-verified' });
    await signedInResident();
    const el = await pollElement(poll.id);
    expect($(el, 'form.ballot')).to.equal(null);
    expect(clean($(el, '[part~="notice"]')!.textContent)).to.equal('Only residents whom Test Council has verified can vote in this poll. Ask Test Council how to be verified.');
    await accessible(el, 'not eligible');
  });

  it('closed: says when, no ballot and no sign-in prompt, final results', async () => {
    const poll = await seedPoll({ kind: 'multiple', status: 'closed', ballots: [[1, 1, 0], [0, 1, 1]] });
    const el = await pollElement(poll.id);
    expect(clean($(el, '.status-line')!.textContent)).to.match(/^Voting closed on .+\. 2 people have voted\.$/);
    expect($(el, 'form.ballot')).to.equal(null);
    expect($(el, '[part~="signed-out"]')).to.equal(null);
    expect(clean($(el, '[part~="results"] h3')!.textContent)).to.equal('Results');
    expect(el.stream).to.equal(undefined);
    await accessible(el, 'closed');
  });

  it('not open yet: says when voting opens, no ballot', async () => {
    const opensAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const poll = await seedPoll({ kind: 'single', opensAt, results: 'after-close' });
    await signedInResident();
    const el = await pollElement(poll.id);
    expect(clean($(el, '.status-line')!.textContent)).to.match(/^Voting opens on .+\.$/);
    expect($(el, 'form.ballot')).to.equal(null);
  });

  it('a poll that does not exist (or a draft, for a resident): says so, with "Try again"', async () => {
    const draft = await seedPoll({ kind: 'single', status: 'draft' });
    await signedInResident();
    for (const id of [draft.id, 'no-such-poll']) {
      const el = await pollElement(id);
      expect(clean($(el, '[part~="error"] p')!.textContent)).to.equal('We could not find this poll. It may have been taken down.');
      expect(clean($(el, '[part~="retry"]')!.textContent)).to.equal('Try again');
      await accessible(el, 'not found');
    }
  });

  it('a cast that fails (the connection drops) says why and keeps every choice; the next try casts', async function (this: Timed) {
    this.timeout(20_000);
    const poll = await seedPoll({ kind: 'score', options: ['Pool', 'Gym'] });
    await signedInResident();
    const el = await pollElement(poll.id);
    tick(el, `#score-${poll.options[0]!.id}-4`);
    tick(el, `#score-${poll.options[1]!.id}-1`);
    await executeServerCommand('civic:offline', { ms: 2500 });
    await until(() => !navigator.onLine, 'the page to go offline', 3000);
    castButton(el).click();
    await until(() => $(el, '#ballot-error'), 'the error', 6000);
    expect(clean($(el, '#ballot-error')!.textContent)).to.equal('Error: We could not connect to the service. Check your internet connection and try again.');
    await until(() => focused(el)?.id === 'error-summary', 'focus on the error summary');
    expect([$<HTMLInputElement>(el, `#score-${poll.options[0]!.id}-4`)!.checked, $<HTMLInputElement>(el, `#score-${poll.options[1]!.id}-1`)!.checked]).to.deep.equal([true, true]);
    await accessible(el, 'cast failed');
    await until(() => navigator.onLine, 'the page back online', 6000);
    await castThroughForm(el);
    expect($(el, '#ballot-error')).to.equal(null);
  });

  it('another poll id shows that poll afresh: no receipt of the last one, no stream of the last one', async function (this: Timed) {
    this.timeout(15_000);
    const first = await seedPoll({ kind: 'single', title: 'First poll' });
    const second = await seedPoll({ kind: 'approval', title: 'Second poll', status: 'closed' });
    const third = await seedPoll({ kind: 'approval', title: 'Third poll' });
    await signedInResident();
    const el = await pollElement(first.id);
    tick(el, `#opt-${first.options[0]!.id}`);
    await castThroughForm(el);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the first stream', 6000);
    el.poll = second.id;
    await until(() => clean($(el, '.heading')?.textContent) === 'Second poll', 'the second poll', 6000);
    expect($(el, '[part~="receipt"]')).to.equal(null);
    expect($(el, '[part~="voted"]')).to.equal(null);
    expect(el.stream).to.equal(undefined);
    el.poll = third.id;
    await until(() => clean($(el, '.heading')?.textContent) === 'Third poll', 'the third poll', 6000);
    expect($$(el, 'input[type="checkbox"]:checked')).to.have.length(0);
    await until(() => el.stream && new URL(el.stream.url).searchParams.get('topic') === `poll:${third.id}`, 'the third poll’s stream', 6000);
  });

  it('in Arabic: right to left, Arabic words', async () => {
    const poll = await seedPoll({ kind: 'approval', options: ['حديقة', 'مكتبة'], ballots: [[1, 0]] });
    await signedInResident();
    const el = await pollElement(poll.id, { lang: 'ar' });
    await until(() => clean($(el, 'legend')?.textContent) === 'ضع علامة على كل خيار توافق عليه', 'the Arabic words');
    expect($(el, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(clean($(el, '[part~="results"] h3')!.textContent)).to.equal('النتائج حتى الآن');
    await accessible(el, 'Arabic');
  });
});
