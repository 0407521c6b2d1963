// <civic-debate> and moderation against the real API: the "Report this comment" dialog (reasons, focus,
// Escape), the flag threshold, a hidden comment's public reason, and pre-moderation.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CommentPage } from '@civic-elements/protocol';
import {
  $, accessible, clean, commentsPath, composeReady, debate, moderate, ok, ORG, personWithRole, postComment, registeredSession, shownIds,
  signIn, signOutEverywhere, subject, type, until, withSettings,
  type Timed,
} from './debate.helpers.js';

const active = (el: Element) => el.shadowRoot!.activeElement;
const dialogOpen = (el: Element) => $<HTMLDialogElement>(el, '#flag-dialog')?.open === true;

describe('<civic-debate> moderation', () => {
  afterEach(signOutEverywhere);

  it('reports a comment through a dialog: reasons, focus in and back, Escape closes, then marked as reported', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const author = await registeredSession('Troll Author');
    const comment = await postComment(author.accessToken, key, { body: 'Something rude.' });
    signIn(await registeredSession('Fair Reader'));
    const el = await debate(key);
    await composeReady(el);
    const button = $<HTMLButtonElement>(el, `#c-${comment.id}-flag`)!;
    expect(clean(button.textContent)).to.equal('Report');
    button.focus();
    button.click();
    await until(() => dialogOpen(el), 'the dialog');
    await until(() => $(el, '#flag-dialog')!.contains(active(el)), 'focus inside the dialog');
    expect(clean($(el, '#flag-heading')!.textContent)).to.equal('Report this comment to the moderators');
    expect([...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="flag-reason"]')].map((input) => input.value)).to.deep.equal(
      ['abuse', 'harassment', 'spam', 'off-topic', 'personal-information', 'other'],
    );
    await accessible(el, 'the report dialog');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialogOpen(el), 'Escape to close the dialog');
    await until(() => active(el)?.id === `c-${comment.id}-flag`, 'focus back on Report');

    button.click();
    await until(() => dialogOpen(el), 'the dialog again');
    $<HTMLButtonElement>(el, '#flag-dialog button[type="submit"]')!.click();
    await until(() => $(el, '#flag-dialog .error-message'), 'the missing reason');
    expect(clean($(el, '#flag-dialog .error-message')!.textContent)).to.contain('Choose what is wrong with the comment.');
    await until(() => active(el)?.id === 'flag-reason-abuse', 'focus on the first reason');
    await accessible(el, 'the report dialog with an error');
    $<HTMLInputElement>(el, '#flag-reason-spam')!.click();
    type($<HTMLTextAreaElement>(el, '#flag-note')!, 'It advertises a shop.');
    $<HTMLButtonElement>(el, '#flag-dialog button[type="submit"]')!.click();
    await until(() => $(el, `#comment-${comment.id} .flagged`), 'the comment marked as reported');
    expect(dialogOpen(el)).to.equal(false);
    expect(clean($(el, `#comment-${comment.id} .flagged`)!.textContent)).to.equal('You reported this comment.');
    await until(() => active(el)?.id === `comment-${comment.id}`, 'focus back on the comment');
    const moderator = await personWithRole('moderator');
    const queue = await ok<{ items: { comment: { id: string }; flags: { reason: string; note: string | null }[] }[] }>(
      'GET', `/v1/orgs/${ORG}/moderation/comments?state=flagged&limit=100`, undefined, moderator.accessToken,
    );
    const item = queue.items.find((entry) => entry.comment.id === comment.id);
    expect(item?.flags.map((flag) => [flag.reason, flag.note])).to.deep.equal([['spam', 'It advertises a shop.']]);
  });

  it('takes a comment away from other readers once enough people reported it', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const author = await registeredSession('Flagged Author');
    const keep = await postComment(author.accessToken, key, { body: 'A fine comment.' });
    const flagged = await postComment(author.accessToken, key, { body: 'A comment people report.' });
    const el = await debate(key);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream', 6000);
    expect(shownIds(el)).to.include(flagged.id);
    const settings = await ok<{ flagThreshold: number }>('GET', `/v1/orgs/${ORG}/debate-settings`);
    for (let n = 0; n < settings.flagThreshold; n++) {
      const flagger = await registeredSession(`Flagger ${n}`);
      await ok('POST', `${commentsPath}/${flagged.id}/flags`, { reason: 'abuse' }, flagger.accessToken);
    }
    await until(() => !shownIds(el).includes(flagged.id), 'the comment to go', 6000);
    expect(shownIds(el)).to.deep.equal([keep.id]);
    const fresh = await debate(key);
    expect(shownIds(fresh)).to.deep.equal([keep.id]);
    await accessible(el, 'after a comment was taken away');
  });

  it('shows a hidden comment’s public reason, live and after a reload', async function (this: Timed) {
    this.timeout(15_000);
    const key = subject();
    const author = await registeredSession('Hidden Author');
    const comment = await postComment(author.accessToken, key, { body: 'Personal details of a neighbour.' });
    const el = await debate(key);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream', 6000);
    const moderator = await personWithRole('moderator');
    await moderate(moderator.accessToken, comment.id, 'hide', 'It shared someone’s address.');
    await until(() => $(el, `#comment-${comment.id} .gone`), 'the reason', 6000);
    expect(clean($(el, `#comment-${comment.id} .gone`)!.textContent)).to.equal('A moderator hid this comment: It shared someone’s address.');
    expect($(el, `#comment-${comment.id} .body`) === null).to.equal(true);
    const fresh = await debate(key);
    expect(clean($(fresh, `#comment-${comment.id} [part~="hidden-reason"]`)!.textContent)).to.equal('A moderator hid this comment: It shared someone’s address.');
    expect(fresh.shadowRoot!.textContent).not.to.contain('Personal details');
    await accessible(fresh, 'a hidden comment');
  });

  it('shows a pre-moderated comment to its author as waiting, and to no one else', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const admin = await personWithRole('admin');
    const restore = await withSettings(admin.accessToken, { premoderatedSubjects: [key] });
    try {
      signIn(await registeredSession('Patient Poster'));
      const el = await debate(key);
      await composeReady(el);
      expect(clean($(el, '.compose')!.textContent)).to.contain('Comments here are checked by a moderator before everyone can see them.');
      type($<HTMLTextAreaElement>(el, '#new-body')!, 'Please check me first.');
      $<HTMLButtonElement>(el, '.compose form button[type="submit"]')!.click();
      await until(() => $(el, '.comment .pending'), 'the waiting comment');
      expect(clean($(el, '.comment .pending')!.textContent)).to.equal('Waiting for a moderator: only you can see this comment until it has been checked.');
      expect(clean($(el, '.comment .body')!.textContent)).to.equal('Please check me first.');
      await accessible(el, 'a comment waiting for a moderator');
      await signOutEverywhere();
      const page = await ok<CommentPage>('GET', `${commentsPath}?subject=${encodeURIComponent(key)}`);
      expect(page.items.length).to.equal(0);
      const other = await debate(key);
      expect(other.shadowRoot!.querySelectorAll('.comment').length).to.equal(0);
    } finally {
      await restore();
    }
  });
});
