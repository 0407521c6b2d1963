// <civic-report-list> before it has reports to show: signed out for "mine" and "following", asking for
// the reader's location for "near", the service unreachable, and the same in Arabic, right to left.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { closedPort } from '../../core/test/support.js';
import { $, accessible, announced, buttonIn, loaded, reportList, signedOutEverywhere, textOf, until } from './report-list.helpers.js';

describe('<civic-report-list> states', () => {
  beforeEach(() => signedOutEverywhere());
  afterEach(() => executeServerCommand('civic:geolocation', { reset: true }));

  it('asks a signed-out visitor to sign in for "mine" and "following", with a "Sign in" button', async () => {
    for (const [show, words] of [['mine', 'Sign in to see the problems you have reported'], ['following', 'Sign in to see the reports you follow']] as const) {
      const el = await reportList({ show });
      const prompt = $(el, '.signed-out')!;
      expect(prompt.hidden).to.equal(false);
      expect(textOf(prompt)).to.contain(words);
      const signIn = prompt.querySelector('civic-sign-in')!;
      expect(signIn.hasAttribute('compact')).to.equal(true);
      await until(() => customElements.get('civic-sign-in'), '<civic-sign-in> to be defined');
      await (signIn as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(textOf(signIn.shadowRoot!.querySelector('button'))).to.equal('Sign in');
      expect(!!$(el, '.reports'), 'no list is asked for').to.equal(false);
      await accessible(el, `signed out, show=${show}`);
    }
  });

  it('shows the page\'s own words in the signed-out and empty slots', async () => {
    const el = await reportList({ show: 'mine' }, { children: '<p slot="signed-out">Sign in to your Southwark account.</p><p slot="empty">Nothing yet.</p>' });
    const slot = $<HTMLSlotElement>(el, 'slot[name="signed-out"]')!;
    expect(slot.assignedElements().map((node) => textOf(node))).to.deep.equal(['Sign in to your Southwark account.']);
    expect($(el, '.signed-out civic-sign-in')!.checkVisibility(), 'the default content gives way').to.equal(false);
    expect($(el, '.empty')!.hidden, 'the empty slot is hidden while signed out').to.equal(true);
  });

  it('asks for the reader\'s location for show="near", and says why it could not get it', async () => {
    await executeServerCommand('civic:geolocation', { denied: true });
    const el = await reportList({ show: 'near' });
    expect(textOf($(el, '.locate'))).to.contain('Share your location to see the problems reported near you.');
    await accessible(el, 'asking for the location');
    const button = buttonIn(el.shadowRoot!, 'Use my location');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#locate-error'), 'the refusal to be explained');
    expect(textOf($(el, '#locate-error'))).to.contain('Your browser did not share your location.');
    expect(await announced(el, /did not share your location/)).to.contain('Allow location');
    expect(el.shadowRoot!.activeElement?.id, 'focus stays on the button').to.equal('locate');
    await accessible(el, 'location refused');
  });

  it('says when the service cannot be reached, and tries again', async () => {
    const el = await reportList({}, { apiUrl: await closedPort() });
    const problem = $(el, '.problem')!;
    expect(textOf(problem)).to.contain('We could not connect to the service.');
    expect(await announced(el, /could not connect/)).to.contain('Check your internet connection');
    await accessible(el, 'unreachable');
    const fetches: string[] = [];
    const real = window.fetch;
    window.fetch = (input, init) => {
      fetches.push(String(input));
      return real(input, init);
    };
    try {
      buttonIn(problem, 'Try again').click();
      await until(() => fetches.length > 0, 'a new request');
      await loaded(el);
      expect(fetches[0]).to.match(/\/v1\/orgs\/test-council\/reports\?/);
      expect(!!$(el, '.problem'), 'still unreachable').to.equal(true);
    } finally {
      window.fetch = real;
    }
  });

  it('speaks Arabic, right to left', async () => {
    const el = await reportList({ show: 'mine', lang: 'ar' });
    expect($(el, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(textOf($(el, '.signed-out'))).to.contain('سجّل الدخول لترى المشكلات التي أبلغت عنها');
    await accessible(el, 'Arabic, signed out');
  });
});
