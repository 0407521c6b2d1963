import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import '../src/define.js';
import type { CivicSignIn } from '../src/index.js';
import { api, ORG, latestCode, registeredEmail, until } from '../../core/test/support.js';
import { $, activeId, buttonNamed, click, heading, settled, signedOutEverywhere, text, type } from './helpers.js';

const axe = (window as unknown as { axe: typeof Axe }).axe;

async function typeKeys(value: string): Promise<void> {
  await sendKeys({ type: value });
}

describe('<civic-sign-in> keyboard, compact, languages', () => {
  beforeEach(signedOutEverywhere);

  it('can be used with the keyboard alone', async () => {
    const email = await registeredEmail('Keyboard User');
    const el = await fixture<CivicSignIn>(html`<civic-sign-in api=${api()} org=${ORG}></civic-sign-in>`);
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('email');
    await typeKeys(email);
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(heading(el)).to.equal('Check your email');
    expect(activeId(el)).to.equal('heading');
    await sendKeys({ press: 'Tab' });
    expect(activeId(el)).to.equal('code');
    await typeKeys(await latestCode(email));
    const signedIn = oneEvent(el, 'civic-signed-in');
    await sendKeys({ press: 'Enter' });
    await signedIn;
    await settled(el);
    expect(heading(el)).to.equal('Signed in as Keyboard User');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Sign out');
    const signedOut = oneEvent(el, 'civic-signed-out');
    await sendKeys({ press: 'Enter' });
    await signedOut;
  });

  it('compact: one button opens the flow in a modal dialog, then shows the name', async () => {
    const email = await registeredEmail('Compact Person');
    const el = await fixture<CivicSignIn>(html`<civic-sign-in compact api=${api()} org=${ORG}></civic-sign-in>`);
    const trigger = buttonNamed(el, 'Sign in');
    expect(trigger.getAttribute('aria-haspopup')).to.equal('dialog');
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(false);
    await expect(el).to.be.accessible();

    trigger.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('heading');
    expect(activeId(el)).to.equal('email');
    await expect(el).to.be.accessible();

    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    await type(el, 'code', await latestCode(email));
    $<HTMLButtonElement>(el, 'dialog button[type="submit"]')!.click(); // "Sign in", like the trigger behind the dialog
    await settled(el);
    expect(dialog.open).to.equal(false);
    const named = buttonNamed(el, 'Compact Person');
    await until(() => el.shadowRoot!.activeElement === named, 'focus back on the trigger');
    named.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(heading(el)).to.equal('Signed in as Compact Person');
    await click(el, 'Close');
    expect(dialog.open).to.equal(false);
  });

  it('Arabic: right to left, in Arabic', async () => {
    const el = await fixture<CivicSignIn>(html`<civic-sign-in lang="ar" api=${api()} org=${ORG}></civic-sign-in>`);
    expect($(el, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(heading(el)).to.equal('سجّل الدخول أو أنشئ حسابًا');
    expect(buttonNamed(el, 'متابعة')).to.exist;
    await click(el, 'متابعة');
    expect(text(el)).to.contain('هناك مشكلة');
    expect(text(el)).to.contain('أدخل عنوان بريدك الإلكتروني');
    await expect(el).to.be.accessible();
  });

  it('takes api, org and lang from <civic-config> and follows <html lang>', async () => {
    const config = await fixture(html`<civic-config api=${api()} org=${ORG} lang="it"><civic-sign-in></civic-sign-in></civic-config>`);
    const el = config.querySelector('civic-sign-in')!;
    await el.updateComplete;
    expect(heading(el)).to.equal('Accedi o crea un account');
    expect($(el, 'label[for="email"]')!.textContent).to.equal('Indirizzo email');
    await type(el, 'email', 'sconosciuto.' + Date.now() + '@example.org');
    await click(el, 'Continua');
    await settled(el);
    expect(text(el)).to.contain('Non troviamo un account con questo indirizzo email');
    config.removeAttribute('lang');
    document.documentElement.lang = 'ar';
    try {
      await until(() => heading(el) === 'سجّل الدخول أو أنشئ حسابًا', 'Arabic from <html lang>');
      expect($(el, '.root')!.getAttribute('dir')).to.equal('rtl');
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  it('passes axe with the WCAG 2.2 AA rules (target size included)', async () => {
    const el = await fixture<CivicSignIn>(html`<civic-sign-in api=${api()} org=${ORG}></civic-sign-in>`);
    await click(el, 'Continue'); // with the error summary, whose links are the smallest targets
    const email = await registeredEmail();
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    for (const state of ['code step', 'code step with errors']) {
      const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
      expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
      expect(results.passes.some((rule) => rule.id === 'target-size') || results.inapplicable.some((rule) => rule.id === 'target-size')).to.equal(true);
      await click(el, 'Sign in');
    }
  });

  it('where the organisation allows passwords, offers them', async () => {
    const el = await fixture<CivicSignIn>(html`<civic-sign-in api=${api()} org=${ORG}></civic-sign-in>`);
    const org = await el.client.get<{ passwordSignIn: boolean }>(`/v1/orgs/${ORG}`);
    const email = await registeredEmail();
    await type(el, 'email', email);
    await click(el, 'Continue');
    await settled(el);
    const offered = text(el).includes('Sign in with your password instead');
    expect(offered).to.equal(org.passwordSignIn);
    if (!offered) return;
    await click(el, 'Sign in with your password instead');
    expect(heading(el)).to.equal('Sign in with your password');
    await type(el, 'password', 'not-the-password');
    await click(el, 'Sign in');
    await settled(el);
    expect(text(el)).to.match(/That password is not right|This account has no password/);
    await expect(el).to.be.accessible();
  });
});

describe('<civic-sign-in> rate limits', () => {
  beforeEach(signedOutEverywhere);

  it('says how long to wait, and keeps the email', async () => {
    const { executeServerCommand } = await import('@web/test-runner-commands');
    const limited = await executeServerCommand<string, object>('civic:start-api', { rateLimits: { perEmail: 2, windowSeconds: 600 } });
    const el = await fixture<CivicSignIn>(html`<civic-sign-in api=${limited} org=${ORG}></civic-sign-in>`);
    const email = 'too.many.' + Date.now() + '@example.org';
    await type(el, 'email', email);
    for (let attempt = 0; attempt < 5 && !text(el).includes('too many times'); attempt++) {
      await click(el, 'Continue');
      await settled(el);
    }
    expect(text(el)).to.match(/You have tried too many times\. Wait (\d+ minutes?|\d+ seconds?|a few minutes) and try again\./);
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal(email);
    expect(activeId(el)).to.equal('error-summary');
    await expect(el).to.be.accessible();
  });
});
