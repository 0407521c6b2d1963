// The registration civic-elements.js uses (define.ts): <civic-poll>'s code loads only when a <civic-poll>
// appears on the page, then the element works as if defined up front.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/define.js';
import { api, ORG, until } from '../../core/test/support.js';

describe('<civic-poll> in civic-elements.js', () => {
  it('is not defined until a <civic-poll> is on the page; then it loads and shows the poll', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(customElements.get('civic-poll')).to.equal(undefined);
    expect(customElements.get('civic-config')).to.not.equal(undefined);
    const poll = await executeServerCommand<{ id: string }, object>('civic:seed-poll', { kind: 'single', title: 'Loaded when used' });
    const wrapper = await fixture(html`<div><civic-poll api=${api()} org=${ORG} poll=${poll.id}></civic-poll></div>`);
    await until(() => customElements.get('civic-poll'), 'the definition to load', 6000);
    const element = wrapper.querySelector('civic-poll')!;
    await until(() => element.shadowRoot?.querySelector('.heading'), 'the poll to show', 6000);
    expect(element.shadowRoot!.querySelector('.heading')!.textContent!.trim()).to.equal('Loaded when used');
  });
});
