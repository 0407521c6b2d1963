import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml, LitElement } from 'lit';
import { button, errorSummary, LiveAnnouncer, textField, theme, uiStyles } from '../src/index.js';

class UiSample extends LitElement {
  static override styles = [theme, uiStyles];
  value = '';
  busy = false;
  clicks = 0;
  readonly announcer = new LiveAnnouncer(this);
  protected override render() {
    return litHtml`${this.announcer.render()}
      ${errorSummary('There is a problem', [{ message: 'Enter your email address', fieldId: 'email' }, { message: 'No connection' }])}
      ${textField({ id: 'email', label: 'Email address', hint: 'We send a code', error: 'Enter your email address', errorPrefix: 'Error:', value: this.value, type: 'email', autocomplete: 'email', inputmode: 'email', onInput: (v) => (this.value = v) })}
      ${button({ label: 'Continue', busy: this.busy, busyLabel: 'Sending', onClick: () => (this.clicks += 1) })}`;
  }
}
customElements.define('ui-sample', UiSample);

describe('shared UI', () => {
  it('wires a field: label, hint, error with a hidden prefix, aria-describedby, aria-invalid, autocomplete', async () => {
    const el = await fixture<UiSample>(html`<ui-sample></ui-sample>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(el.shadowRoot!.querySelector('label')!.htmlFor).to.equal('email');
    expect(input.getAttribute('aria-describedby')).to.equal('email-hint email-error');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('autocomplete')).to.equal('email');
    expect(input.getAttribute('inputmode')).to.equal('email');
    expect(el.shadowRoot!.querySelector('#email-error .visually-hidden')!.textContent!.trim()).to.equal('Error:');
    await expect(el).to.be.accessible();
  });

  it('error summary links move focus to their field', async () => {
    const el = await fixture<UiSample>(html`<ui-sample></ui-sample>`);
    const summary = el.shadowRoot!.querySelector('.error-summary')!;
    expect(summary.querySelector('h3')!.textContent).to.equal('There is a problem');
    expect(summary.querySelectorAll('a')).to.have.length(1);
    expect(summary.querySelectorAll('li')).to.have.length(2);
    summary.querySelector('a')!.click();
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('#email'));
  });

  it('a busy button keeps focus, says so, and ignores clicks', async () => {
    const el = await fixture<UiSample>(html`<ui-sample></ui-sample>`);
    const buttonEl = () => el.shadowRoot!.querySelector('button')!;
    buttonEl().click();
    expect(el.clicks).to.equal(1);
    el.busy = true;
    el.requestUpdate();
    await el.updateComplete;
    expect(buttonEl().getAttribute('aria-disabled')).to.equal('true');
    expect(buttonEl().disabled).to.equal(false);
    expect(buttonEl().textContent).to.contain('Sending');
    buttonEl().click();
    expect(el.clicks).to.equal(1);
    const box = buttonEl().getBoundingClientRect();
    expect(box.height).to.be.at.least(24);
    expect(box.width).to.be.at.least(24);
  });

  it('announces through a polite live region, even the same message twice', async () => {
    const el = await fixture<UiSample>(html`<ui-sample></ui-sample>`);
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    el.announcer.announce('Code sent');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await el.updateComplete;
    expect(region.textContent).to.equal('Code sent');
    el.announcer.announce('Code sent');
    await el.updateComplete;
    expect(region.textContent).to.equal('');
  });
});
