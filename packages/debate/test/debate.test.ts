// <civic-debate> against the real API: posting, voting, axe. (More journeys: see the report.)
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { getSession } from '@civic-elements/core';
import '../src/define.js';
import type { CivicDebate } from '../src/index.js';
import { api, ORG, registeredSession, until } from '../../core/test/support.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const axe = (window as unknown as { axe: typeof Axe }).axe;
let counter = 0;
const subject = () => `page:${location.origin}/debate-test/${Date.now().toString(36)}-${counter++}`;

async function debate(subjectKey: string): Promise<CivicDebate> {
  const el = await fixture<CivicDebate>(html`<civic-debate api=${api()} org=${ORG} subject=${subjectKey}></civic-debate>`);
  await until(() => !$(el, '.loading'), 'the discussion to load', 8000);
  await el.updateComplete;
  return el;
}

async function accessible(el: Element, state: string): Promise<void> {
  await expect(el).to.be.accessible();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
  expect(results.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}

describe('<civic-debate>', () => {
  afterEach(async () => {
    await getSession(api()).signOut();
    localStorage.clear();
  });

  it('asks a signed-out reader to sign in, and is accessible empty', async () => {
    const el = await debate(subject());
    expect($(el, '.signed-out')!.textContent).to.contain('Sign in to join the discussion');
    expect($(el, '.empty')!.hidden).to.equal(false);
    await accessible(el, 'empty, signed out');
  });

  it('posts a comment with a stance through the form, keeps no draft after, and says so', async () => {
    getSession(api()).signIn(await registeredSession('Ada Lovelace'));
    const el = await debate(subject());
    await until(() => $(el, '#new-body'), 'the compose form');
    await accessible(el, 'compose form');
    const body = $<HTMLTextAreaElement>(el, '#new-body')!;
    $<HTMLInputElement>(el, '#new-stance-for')!.click();
    body.value = 'We need **more** trees on *this* street.';
    body.dispatchEvent(new Event('input'));
    const posted = oneEvent(el, 'civic-comment-posted');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    const event = await posted;
    expect(event.detail.parentId).to.equal(null);
    await until(() => $(el, '.comment'), 'the comment');
    const comment = $(el, '.comment')!;
    expect(comment.querySelector('.body')!.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('<p>We need <strong>more</strong> trees on <em>this</em> street.</p>');
    expect(comment.querySelector('.stance')!.textContent).to.equal('For');
    await until(() => el.shadowRoot!.activeElement === comment, 'focus on the new comment');
    await accessible(el, 'one comment');
  });

  it('keeps the text and says why when the API refuses it', async () => {
    getSession(api()).signIn(await registeredSession('Grace Hopper'));
    const el = await debate(subject());
    await until(() => $(el, '#new-body'), 'the compose form');
    const body = $<HTMLTextAreaElement>(el, '#new-body')!;
    body.value = ' x ';
    body.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => $(el, '#new-error'), 'the error next to the field');
    expect($(el, '#new-error')!.textContent).to.contain('at least 2 characters');
    expect($<HTMLTextAreaElement>(el, '#new-body')!.value).to.equal(' x ');
    await accessible(el, 'refused');
  });

  it('votes a comment up and takes the vote back (aria-pressed, counts, civic-vote-cast)', async () => {
    const key = subject();
    const author = await registeredSession('Author');
    const response = await fetch(`${api()}/v1/orgs/${ORG}/comments`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${author.accessToken}` },
      body: JSON.stringify({ subject: key, stance: 'against', body: 'Not here, please.' }),
    });
    expect(response.status, await response.clone().text()).to.equal(201);
    getSession(api()).signIn(await registeredSession('Voter'));
    const el = await debate(key);
    await until(() => $(el, '.vote--up'), 'the vote buttons');
    const up = $<HTMLButtonElement>(el, '.vote--up')!;
    expect(up.getAttribute('aria-pressed')).to.equal('false');
    const cast = oneEvent(el, 'civic-vote-cast');
    up.focus();
    up.click();
    expect((await cast).detail.value).to.equal(1);
    await until(() => $(el, '.vote--up')!.getAttribute('aria-pressed') === 'true', 'the vote to show');
    expect($(el, '.vote--up')!.textContent).to.equal('1');
    // The comment was built again with its new count: focus is still on its "Vote up".
    expect(el.shadowRoot!.activeElement, 'focus stays on the button pressed').to.equal($(el, '.vote--up'));
    $<HTMLButtonElement>(el, '.vote--up')!.click();
    await until(() => $(el, '.vote--up')!.getAttribute('aria-pressed') === 'false', 'the vote taken back');
    expect($$(el, '.vote').map((n) => n.textContent)).to.deep.equal(['0', '0']);
  });
});
