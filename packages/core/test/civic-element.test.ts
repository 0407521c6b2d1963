import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml, LitElement } from 'lit';
import { ApiError, CivicElement } from '../src/index.js';
import '../src/define.js';
import { api, closedPort } from './support.js';

class TestWidget extends CivicElement {
  protected renderContent() {
    return litHtml`<p>${this.t('core.error-summary.title')}</p>`;
  }
}
customElements.define('test-widget', TestWidget);

/** A host element with its own shadow root, to check resolution across shadow boundaries. */
class TestHost extends LitElement {
  protected override render() {
    return litHtml`<test-widget></test-widget>`;
  }
}
customElements.define('test-host', TestHost);

const root = (el: TestWidget) => el.shadowRoot!.querySelector('.root')!;

describe('CivicElement', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('uses its own api, org and lang attributes first', async () => {
    const el = await fixture<TestWidget>(html`<civic-config api="http://config.test" org="from-config" lang="it">
      <test-widget api="http://own.test" org="own" lang="ar"></test-widget></civic-config>`).then((c) => c.querySelector<TestWidget>('test-widget')!);
    expect([el.resolvedApi, el.resolvedOrg, el.resolvedLang]).to.deep.equal(['http://own.test', 'own', 'ar']);
  });

  it('falls back to the nearest <civic-config>, across shadow roots, and follows its changes', async () => {
    const config = await fixture(html`<civic-config api="http://config.test" org="camden" lang="it"><test-host></test-host></civic-config>`);
    const host = config.querySelector<TestHost>('test-host')!;
    await host.updateComplete;
    const el = host.shadowRoot!.querySelector<TestWidget>('test-widget')!;
    await el.updateComplete;
    expect([el.resolvedApi, el.resolvedOrg, el.resolvedLang]).to.deep.equal(['http://config.test', 'camden', 'it']);
    expect(root(el).textContent).to.contain('Si è verificato un problema');
    expect(getComputedStyle(config).display).to.equal('contents');
    config.setAttribute('org', 'hackney');
    config.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(el.resolvedOrg).to.equal('hackney');
    expect(root(el).textContent).to.contain('There is a problem');
  });

  it('takes lang from the nearest [lang] ancestor, else <html lang>, and re-renders when it changes', async () => {
    const el = await fixture<TestWidget>(html`<test-widget></test-widget>`);
    expect(el.resolvedLang).to.equal('en');
    document.documentElement.lang = 'it';
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(el.resolvedLang).to.equal('it');
    expect(root(el).textContent).to.contain('Si è verificato un problema');
    const nested = await fixture(html`<div lang="ar"><section><test-widget></test-widget></section></div>`);
    const arabic = nested.querySelector<TestWidget>('test-widget')!;
    await arabic.updateComplete;
    expect(arabic.resolvedLang).to.equal('ar');
  });

  it('renders right to left for Arabic', async () => {
    const el = await fixture<TestWidget>(html`<test-widget lang="ar"></test-widget>`);
    expect(root(el).getAttribute('dir')).to.equal('rtl');
    expect(root(el).textContent).to.contain('هناك مشكلة');
    el.lang = 'en';
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(root(el).getAttribute('dir')).to.equal('ltr');
  });

  it('gives a client for the resolved api, and aborts its requests when removed from the page', async () => {
    const el = await fixture<TestWidget>(html`<test-widget api=${api() + '/'} org="test-council"></test-widget>`);
    expect(el.client.base).to.equal(api());
    // A request that will hang: a server that accepts but never answers is hard to find, so abort at once.
    const pending = el.client.get('/v1/orgs/test-council').catch((e: unknown) => e);
    el.remove();
    const error = await pending;
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).code).to.equal('aborted');
    document.body.append(el);
    const org = await el.client.get<{ slug: string }>('/v1/orgs/test-council');
    expect(org.slug).to.equal('test-council');
    el.remove();
  });

  it('re-resolves when its api attribute changes', async () => {
    const el = await fixture<TestWidget>(html`<test-widget api="http://one.test"></test-widget>`);
    el.api = await closedPort();
    await el.updateComplete;
    expect(el.client.base).to.equal(el.api);
  });
});
