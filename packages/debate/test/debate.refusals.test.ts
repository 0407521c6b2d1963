// <civic-debate> refusals, drafts and keyboard-only use against the real API: every refusal keeps the text
// and says why next to the field; drafts survive a reload; posting, replying, voting and reporting with
// the keyboard alone.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { CivicDebate } from '../src/index.js';
import {
  $, accessible, api, clean, commentsPath, composeReady, debate, ok, ORG, personWithRole, postComment, registeredSession, shownIds,
  signIn, signOutEverywhere, subject, type, until, withSettings,
  type Timed,
} from './debate.helpers.js';

const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Posts `text` through the compose form and waits for the refusal next to the field. */
async function refused(el: CivicDebate, text: string, prefix = 'new'): Promise<string> {
  const field = $<HTMLTextAreaElement>(el, `#${prefix}-body`)!;
  type(field, text);
  $<HTMLButtonElement>(el, `#${prefix}-body`)!.closest('form')!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await el.updateComplete; // the form is sending: an earlier message has gone
  await until(() => $(el, `#${prefix}-error`) && !$(el, 'form [aria-disabled="true"]'), 'the message next to the field', 6000);
  expect($<HTMLTextAreaElement>(el, `#${prefix}-body`)!.value, 'the text is kept').to.equal(text);
  expect($(el, `#${prefix}-body`)!.getAttribute('aria-invalid')).to.equal('true');
  expect($(el, `#${prefix}-body`)!.getAttribute('aria-describedby')).to.contain(`${prefix}-error`);
  await until(() => active(el)?.id === `${prefix}-summary`, 'focus on the error summary');
  const message = clean($(el, `#${prefix}-error`)!.textContent);
  expect(clean($(el, `#${prefix}-summary`)!.textContent)).to.contain(message.replace(/^Error:\s*/, ''));
  return message;
}

/** Presses Tab (or Shift+Tab) until `check` holds for the focused element, at most `max` times. */
async function tabTo(el: Element, check: (focused: HTMLElement | null) => boolean, what: string, max = 40): Promise<void> {
  for (let n = 0; n < max; n++) {
    if (check(active(el))) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('<civic-debate> refusals, drafts and the keyboard', () => {
  afterEach(signOutEverywhere);

  it('keeps the text and says why for duplicate_text, blocked_word, automated and rate_limited', async function (this: Timed) {
    this.timeout(30_000);
    const key = subject();
    const admin = await personWithRole('admin');
    const resident = await registeredSession('Rex Refused');
    await postComment(resident.accessToken, key, { body: 'Fix the lights on Oak Road.' });
    signIn(resident);
    const el = await debate(key);
    await composeReady(el);
    expect(await refused(el, 'fix the  LIGHTS on Oak Road.')).to.contain('You have already posted this comment.');
    await accessible(el, 'refused: duplicate');

    const restoreWords = await withSettings(admin.accessToken, { blockedWords: ['rubbish', 'scum'] });
    try {
      expect(await refused(el, 'This is rubbish, total rubbish.')).to.contain('Your comment contains words this site does not allow: rubbish.');
    } finally {
      await restoreWords();
    }

    $<HTMLInputElement>(el, '#new-website')!.value = 'https://spam.example';
    $<HTMLInputElement>(el, '#new-website')!.dispatchEvent(new Event('input'));
    expect(await refused(el, 'Buy cheap watches.')).to.contain('Your comment looked as if a program sent it.');
    $<HTMLInputElement>(el, '#new-website')!.value = '';
    $<HTMLInputElement>(el, '#new-website')!.dispatchEvent(new Event('input'));

    const restoreLimit = await withSettings(admin.accessToken, { rateLimit: { comments: 1, minutes: 10 } });
    try {
      const message = await refused(el, 'One more thought about lighting.');
      expect(message).to.match(/You have posted several comments in a short time\. Wait \d+ minutes? and try again\. Your comment is kept here\./);
      await accessible(el, 'refused: rate limited');
    } finally {
      await restoreLimit();
    }
    // The draft was kept on the device all along; now it posts.
    $<HTMLButtonElement>(el, '.compose form button[type="submit"]')!.click();
    await until(() => shownIds(el).length === 2, 'the comment posted after all');
    expect($(el, '#new-error') === null).to.equal(true);
    expect($<HTMLTextAreaElement>(el, '#new-body')!.value).to.equal('');
  });

  it('keeps the text and says why when the person is suspended, and when the edit window closed', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const resident = await registeredSession('Sid Suspended');
    const mine = await postComment(resident.accessToken, key, { body: 'An early comment.' });
    signIn(resident);
    const el = await debate(key);
    await composeReady(el);
    // Editing: the window closes while the form is open.
    $<HTMLButtonElement>(el, `#c-${mine.id}-edit`)!.click();
    await until(() => $(el, `#c-${mine.id}-edit-form-body`), 'the edit form');
    expect(await executeServerCommand('civic:backdate-comment', { id: mine.id, minutes: 20 })).to.equal(1);
    expect(await refused(el, 'An early comment, edited late.', `c-${mine.id}-edit-form`)).to.contain('Comments can be changed only in the 15 minutes after posting.');
    $<HTMLButtonElement>(el, `#comment-${mine.id} button[part~="cancel"]`)!.click();

    const moderator = await personWithRole('moderator');
    await ok('POST', `/v1/orgs/${ORG}/suspensions`, { userId: resident.user.id, days: 2, reason: 'Repeated abuse.' }, moderator.accessToken);
    const message = await refused(el, 'Am I still allowed to post?');
    expect(message).to.match(/You cannot comment here until .+\. Your comment is kept on this device\./);
    await accessible(el, 'refused: suspended');
  });

  it('keeps a draft through a reload, says so, and forgets it once posted', async function (this: Timed) {
    this.timeout(15_000);
    const key = subject();
    signIn(await registeredSession('Dora Draft'));
    const first = await debate(key);
    await composeReady(first);
    $<HTMLInputElement>(first, '#new-stance-against')!.click();
    type($<HTMLTextAreaElement>(first, '#new-body')!, 'Half a thought about the bus stop');
    first.remove();
    const el = await fixture<CivicDebate>(html`<civic-debate api=${api()} org=${ORG} subject=${key}></civic-debate>`);
    await composeReady(el);
    expect($<HTMLTextAreaElement>(el, '#new-body')!.value).to.equal('Half a thought about the bus stop');
    expect($<HTMLInputElement>(el, '#new-stance-against')!.checked).to.equal(true);
    expect(clean($(el, '.compose')!.textContent)).to.contain('We kept what you wrote earlier on this device.');
    await accessible(el, 'a restored draft');
    $<HTMLButtonElement>(el, '.compose form button[type="submit"]')!.click();
    await until(() => shownIds(el).length === 1, 'the comment');
    const again = await debate(key);
    await composeReady(again);
    expect($<HTMLTextAreaElement>(again, '#new-body')!.value).to.equal('');
  });

  it('posts, replies, votes and reports with the keyboard alone', async function (this: Timed) {
    this.timeout(30_000);
    const key = subject();
    const other = await registeredSession('Kim Other');
    const theirs = await postComment(other.accessToken, key, { body: 'Their comment.', stance: 'for' });
    signIn(await registeredSession('Kay Keys'));
    const el = await debate(key);
    await composeReady(el);
    // Posting: a stance with the arrow keys, the text, then Enter on the button.
    await tabTo(el, (f) => f?.getAttribute('name') === 'new-stance', 'the stance');
    await sendKeys({ press: 'ArrowDown' });
    expect(active(el)!.id).to.not.equal('');
    const stance = (active(el) as HTMLInputElement).value;
    await tabTo(el, (f) => f?.id === 'new-body', 'the comment field');
    await sendKeys({ type: 'Typed with keys only.' });
    await tabTo(el, (f) => f?.matches('.compose button[type="submit"]') ?? false, 'Post comment');
    await sendKeys({ press: 'Enter' });
    await until(() => shownIds(el).length === 2, 'the new comment');
    const mine = shownIds(el).find((id) => id !== theirs.id)!;
    expect(clean($(el, `#comment-${mine} .body`)!.textContent)).to.equal('Typed with keys only.');
    expect($(el, `#comment-${mine}`)!.classList.contains(`comment--${stance}`)).to.equal(true);

    // Voting: Tab to "Vote up" on their comment, Space.
    await tabTo(el, (f) => f === $(el, `#comment-${theirs.id} .vote--up`), 'Vote up');
    await sendKeys({ press: 'Space' });
    await until(() => $(el, `#comment-${theirs.id} .vote--up`)!.getAttribute('aria-pressed') === 'true', 'the vote');

    // Replying: Tab to Reply, Enter; focus lands in the reply field.
    await tabTo(el, (f) => f?.id === `c-${theirs.id}-reply`, 'Reply');
    await sendKeys({ press: 'Enter' });
    await until(() => active(el)?.id === `c-${theirs.id}-reply-form-body`, 'focus in the reply field');
    await sendKeys({ type: 'A reply by keyboard.' });
    await tabTo(el, (f) => f?.matches(`#comment-${theirs.id} form button[type="submit"]`) ?? false, 'Post reply');
    await sendKeys({ press: 'Enter' });
    await until(() => shownIds(el).length === 3, 'the reply');

    // Reporting: Tab to Report, Enter, choose a reason with the keyboard, send.
    $<HTMLElement>(el, `#comment-${theirs.id}`)!.focus();
    await tabTo(el, (f) => f?.id === `c-${theirs.id}-flag`, 'Report');
    await sendKeys({ press: 'Enter' });
    await until(() => $<HTMLDialogElement>(el, '#flag-dialog')!.open, 'the dialog');
    await tabTo(el, (f) => f?.getAttribute('name') === 'flag-reason', 'the reasons', 10);
    await sendKeys({ press: 'Space' });
    await until(() => (active(el) as HTMLInputElement).checked, 'a reason chosen');
    await tabTo(el, (f) => f?.matches('#flag-dialog button[type="submit"]') ?? false, 'Send report', 10);
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, `#comment-${theirs.id} .flagged`), 'the comment marked as reported');
    await accessible(el, 'after keyboard use');
  });
});
