import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { getSession, type CivicCodeSentEvent, type CivicSignedInEvent } from '@civic-elements/core';
import '../src/define.js';
import type { CivicSignIn } from '../src/index.js';
import { api, ORG, latestCode, registeredEmail, uniqueEmail, until, outbox } from '../../core/test/support.js';
import { $, activeId, buttonNamed, click, fieldError, heading, settled, signedOutEverywhere, summaryText, text, type } from './helpers.js';

const signIn = () => fixture<CivicSignIn>(html`<civic-sign-in api=${api()} org=${ORG}></civic-sign-in>`);

describe('<civic-sign-in>', () => {
  beforeEach(signedOutEverywhere);

  it('renders the first step: heading, email field with hint, Continue', async () => {
    const el = await signIn();
    expect(heading(el)).to.equal('Sign in or create an account');
    const input = $<HTMLInputElement>(el, '#email')!;
    expect($(el, 'label[for="email"]')!.textContent).to.equal('Email address');
    expect(input.type).to.equal('email');
    expect(input.autocomplete).to.equal('email');
    expect(input.getAttribute('aria-describedby')).to.equal('email-hint');
    expect(buttonNamed(el, 'Continue').type).to.equal('submit');
    expect($(el, '.root')!.getAttribute('dir')).to.equal('ltr');
    await expect(el).to.be.accessible();
  });

  it('lets the page replace the first heading through the heading slot', async () => {
    const el = await fixture<CivicSignIn>(html`<civic-sign-in api=${api()} org=${ORG}><span slot="heading">Join in with Camden</span></civic-sign-in>`);
    const slot = $<HTMLSlotElement>(el, 'slot[name="heading"]')!;
    expect(slot.assignedNodes()[0]!.textContent).to.equal('Join in with Camden');
    expect(slot.hidden).to.equal(false);
  });

  it('checks the email before sending anything: error summary, inline error, focus on the summary', async () => {
    const el = await signIn();
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (requests.push(String(input)), realFetch(input, init));
    try {
      await click(el, 'Continue');
      await el.updateComplete;
      expect(summaryText(el)).to.equal('There is a problem Enter your email address');
      expect(fieldError(el, 'email')).to.equal('Error: Enter your email address');
      expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '#email')!.getAttribute('aria-describedby')).to.equal('email-hint email-error');
      expect(activeId(el)).to.equal('error-summary');
      await expect(el).to.be.accessible();

      await type(el, 'email', 'resident.example.org');
      await click(el, 'Continue');
      expect(fieldError(el, 'email')).to.contain('Enter an email address in the right format, like name@example.com');
      expect(requests.filter((url) => url.includes('/v1/auth/'))).to.deep.equal([]);

      // The summary's link moves focus to the field.
      $<HTMLAnchorElement>(el, '.error-summary a')!.click();
      expect(activeId(el)).to.equal('email');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('unknown email: says so, keeps the email, offers to create an account', async () => {
    const el = await signIn();
    const email = uniqueEmail('newcomer');
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    expect(text(el)).to.contain("We can't find an account for this email address");
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal(email);
    expect(activeId(el)).to.equal('unknown-email');
    await expect(el).to.be.accessible();

    await click(el, 'Create an account');
    expect(heading(el)).to.equal('Create an account');
    expect(activeId(el)).to.equal('heading');
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal(email);
    expect($(el, 'label[for="name"]')!.textContent).to.equal('Your name');
    await expect(el).to.be.accessible();

    await click(el, 'Create account');
    expect(fieldError(el, 'name')).to.contain('Enter your name');
    expect(activeId(el)).to.equal('error-summary');
    await expect(el).to.be.accessible();
  });

  it('register → code → signed in → sign out, with every event', async () => {
    const el = await signIn();
    const email = uniqueEmail('register');
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    await click(el, 'Create an account');
    await type(el, 'name', 'Mary Prince');

    const codeSent = oneEvent<CivicCodeSentEvent>(el, 'civic-code-sent');
    buttonNamed(el, 'Create account').click();
    await el.updateComplete;
    expect(buttonNamed(el, 'Sending').getAttribute('aria-disabled')).to.equal('true'); // busy, still focusable
    expect((await codeSent).email).to.equal(email);
    await settled(el);
    expect(heading(el)).to.equal('Check your email');
    expect(activeId(el)).to.equal('heading');
    expect(text(el)).to.contain(`We've sent a 6-digit code to ${email}. It expires in 10 minutes.`);
    const code = $<HTMLInputElement>(el, '#code')!;
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    await expect(el).to.be.accessible();
    expect((await outbox(email)).length).to.equal(1);

    await type(el, 'code', await latestCode(email));
    const signedIn = oneEvent<CivicSignedInEvent>(el, 'civic-signed-in');
    await click(el, 'Sign in');
    const event = await signedIn;
    expect(event.user.name).to.equal('Mary Prince');
    expect(event.user.email).to.equal(email);
    expect(event.bubbles && event.composed).to.equal(true);
    await settled(el);
    expect(heading(el)).to.equal('Signed in as Mary Prince');
    expect($(el, '[part="account"]')!.textContent).to.equal(email);
    expect(JSON.parse(localStorage.getItem(`civic-elements.session:${api()}`)!).user.name).to.equal('Mary Prince');
    await until(() => $(el, '[role="status"]')!.textContent === 'You are signed in as Mary Prince.', 'the announcement');
    await expect(el).to.be.accessible();

    const token = getSession(api()).accessToken!;
    const signedOut = oneEvent(el, 'civic-signed-out');
    await click(el, 'Sign out');
    await signedOut;
    await settled(el);
    expect(heading(el)).to.equal('Sign in or create an account');
    expect(localStorage.getItem(`civic-elements.session:${api()}`)).to.equal(null);
    expect((await fetch(api() + '/v1/me', { headers: { Authorization: 'Bearer ' + token } })).status).to.equal(401);
  });

  it('signs in again later with the emailed code', async () => {
    const email = await registeredEmail('Walter Tull');
    const el = await signIn();
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    expect(heading(el)).to.equal('Check your email');
    await type(el, 'code', (await latestCode(email)).replace(/(\d{3})/, '$1 ')); // a space typed in the middle is fine
    await click(el, 'Sign in');
    await settled(el);
    expect(heading(el)).to.equal('Signed in as Walter Tull');
  });

  it('wrong code: says how many tries are left, then to send a new code', async () => {
    const email = await registeredEmail();
    const el = await signIn();
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    const right = await latestCode(email);
    const wrong = right === '000000' ? '111111' : '000000';
    await type(el, 'code', wrong);
    await click(el, 'Sign in');
    await settled(el);
    expect(fieldError(el, 'code')).to.match(/That code is not right\. You have \d tries left\./);
    expect(summaryText(el)).to.contain('That code is not right.');
    expect(activeId(el)).to.equal('error-summary');
    await expect(el).to.be.accessible();

    const seen: string[] = [];
    for (let attempt = 0; attempt < 6 && !fieldError(el, 'code').includes('too many wrong codes'); attempt++) {
      await click(el, 'Sign in');
      await settled(el);
      seen.push(fieldError(el, 'code'));
    }
    expect(seen).to.include('Error: That code is not right. You have 1 try left.');
    expect(fieldError(el, 'code')).to.equal('Error: You have entered too many wrong codes. Send a new code.');
    await type(el, 'code', right); // even the right code is refused now
    await click(el, 'Sign in');
    await settled(el);
    expect(fieldError(el, 'code')).to.contain('too many wrong codes');

    const sent = oneEvent<CivicCodeSentEvent>(el, 'civic-code-sent');
    await click(el, 'Send a new code');
    await sent;
    await settled(el);
    expect(summaryText(el)).to.equal('');
    await until(() => $(el, '[role="status"]')!.textContent === `We've sent a new code to ${email}.`, 'the announcement');
    await type(el, 'code', await latestCode(email));
    await click(el, 'Sign in');
    await settled(el);
    expect(heading(el)).to.equal('Signed in as Grace Hopper');
  });

  it('expired code: says so and a new code works', async () => {
    const email = await registeredEmail();
    const el = await signIn();
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    const { expireCodes } = await import('../../core/test/support.js');
    await expireCodes(email);
    await type(el, 'code', await latestCode(email));
    await click(el, 'Sign in');
    await settled(el);
    expect(fieldError(el, 'code')).to.equal('Error: That code has expired. Send a new code.');
    await expect(el).to.be.accessible();
  });

  it('checks the code before sending it', async () => {
    const email = await registeredEmail();
    const el = await signIn();
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    await click(el, 'Sign in');
    expect(fieldError(el, 'code')).to.contain('Enter the 6-digit code from the email');
    await type(el, 'code', '12ab');
    await click(el, 'Sign in');
    expect(fieldError(el, 'code')).to.contain('The code must be 6 digits');
  });

  it('"Use a different email address" goes back with the email still typed', async () => {
    const email = await registeredEmail();
    const el = await signIn();
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    await click(el, 'Use a different email address');
    expect(heading(el)).to.equal('Sign in or create an account');
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal(email);
    expect(activeId(el)).to.equal('heading');
  });

  it('a reload on the code step returns to it, with the email', async () => {
    const email = await registeredEmail();
    const first = await signIn();
    await type(first, 'email', email);
    await click(first, 'Continue');
    await settled(first);
    first.remove();
    const reloaded = await signIn();
    expect(heading(reloaded)).to.equal('Check your email');
    expect(text(reloaded)).to.contain(email);
    await type(reloaded, 'code', await latestCode(email));
    await click(reloaded, 'Sign in');
    await settled(reloaded);
    expect(heading(reloaded)).to.equal('Signed in as Grace Hopper');
    expect(sessionStorage.length).to.equal(0);
  });

  it('network failure: a clear message, and the typed email is kept', async () => {
    const { closedPort } = await import('../../core/test/support.js');
    const el = await fixture<CivicSignIn>(html`<civic-sign-in api=${await closedPort()} org=${ORG}></civic-sign-in>`);
    await type(el, 'email', 'kept@example.org');
    await click(el, 'Continue');
    await settled(el);
    expect(summaryText(el)).to.contain('We could not connect to the service. Check your internet connection and try again.');
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal('kept@example.org');
    expect(activeId(el)).to.equal('error-summary');
    await expect(el).to.be.accessible();
  });

  it('every widget on the page follows the same session', async () => {
    const wrapper = await fixture(html`<div>
      <civic-sign-in api=${api()} org=${ORG}></civic-sign-in>
      <civic-sign-in api=${api() + '/'} org=${ORG}></civic-sign-in>
    </div>`);
    const [one, two] = [...wrapper.querySelectorAll('civic-sign-in')] as [CivicSignIn, CivicSignIn];
    const email = await registeredEmail('Claudia Jones');
    await type(one, 'email', email);
    await click(one, 'Continue');
    await settled(one);
    await type(one, 'code', await latestCode(email));
    await click(one, 'Sign in');
    await settled(one);
    await two.updateComplete;
    expect(heading(two)).to.equal('Signed in as Claudia Jones');
    await click(two, 'Sign out');
    await settled(two);
    await one.updateComplete;
    expect(heading(one)).to.equal('Sign in or create an account');
  });

  it('follows a sign-in and sign-out in another tab (storage event)', async () => {
    const el = await signIn();
    const { registeredSession } = await import('../../core/test/support.js');
    const session = await registeredSession('Dadabhai Naoroji');
    const key = `civic-elements.session:${api()}`;
    localStorage.setItem(key, JSON.stringify(session));
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: localStorage.getItem(key), storageArea: localStorage }));
    await el.updateComplete;
    expect(heading(el)).to.equal('Signed in as Dadabhai Naoroji');
    localStorage.removeItem(key);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: null, storageArea: localStorage }));
    await el.updateComplete;
    expect(heading(el)).to.equal('Sign in or create an account');
  });
});
