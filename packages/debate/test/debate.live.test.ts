// <civic-debate> live against the real API: new comments wait behind "Show N new comments" without
// moving what is being read, votes update in place, and a dropped stream resumes from its last event.
import { expect } from '@open-wc/testing';
import {
  $, accessible, clean, commentEl, debate, personWithRole, postComment, registeredSession, signOutEverywhere, subject, topIds, until, vote,
  type Timed,
} from './debate.helpers.js';

describe('<civic-debate> live', () => {
  afterEach(signOutEverywhere);

  it('holds a new comment behind "Show 1 new comment" without moving the others, then shows and focuses it; votes update in place', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const author = await personWithRole('moderator');
    const older = await postComment(author.accessToken, key, { body: 'The first comment.', stance: 'for' });
    const newer = await postComment(author.accessToken, key, { body: 'The second comment.', stance: 'against' });
    const el = await debate(key, { sort: 'newest' });
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream to open', 6000);
    const before = topIds(el);
    expect(before).to.deep.equal([newer.id, older.id]);
    const reading = commentEl(el, newer.id)!;
    // Measured once the page has settled (the sign-in prompt arrives as a chunk).
    await until(() => customElements.get('civic-sign-in'), 'the sign-in prompt');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const top = reading.getBoundingClientRect().top;

    const other = await registeredSession('Nina Newcomer');
    const fresh = await postComment(other.accessToken, key, { body: 'Arrived while you were reading.', stance: 'neutral' });
    await until(() => $(el, '[part~="new"]'), 'the "new comments" button', 6000);
    expect(clean($(el, '[part~="new"]')!.textContent)).to.equal('Show 1 new comment');
    expect(topIds(el)).to.deep.equal(before);
    expect(commentEl(el, newer.id) === reading).to.equal(true);
    // The button sits above the list: the list may shift by the button's height, never by a comment.
    expect(Math.abs(reading.getBoundingClientRect().top - top)).to.be.lessThan($(el, '[part~="new"]')!.getBoundingClientRect().height + 24);
    await accessible(el, 'a new comment waiting');

    $<HTMLButtonElement>(el, '[part~="new"]')!.click();
    await until(() => topIds(el)[0] === fresh.id, 'the new comment at the top');
    expect($(el, '[part~="new"]') === null).to.equal(true);
    await until(() => el.shadowRoot!.activeElement?.id === `comment-${fresh.id}`, 'focus on the new comment');

    // A vote through the API: the count changes in place, the article stays the same node.
    const voter = await registeredSession('Vic Voter');
    await vote(voter.accessToken, older.id, -1);
    await until(() => $(el, `#comment-${older.id} .vote--down`)!.textContent === '1', 'the down vote to arrive', 6000);
    expect($(el, `#comment-${older.id} .vote--up`)!.textContent).to.equal('0');
    expect(topIds(el)).to.deep.equal([fresh.id, newer.id, older.id]);
  });

  it('opens the stream again after it was dropped, from the last event seen, and gets what it missed', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const author = await personWithRole('moderator');
    const first = await postComment(author.accessToken, key, { body: 'Before the drop.' });
    const el = await debate(key);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream to open', 6000);
    // One event seen, so there is a position to resume from.
    await vote(author.accessToken, first.id, 0).catch(() => undefined);
    const voter = await registeredSession('Early Voter');
    await vote(voter.accessToken, first.id, 1);
    await until(() => $(el, `#comment-${first.id} .vote--up`)!.textContent === '1', 'the vote event');
    const dropped = el.stream!;
    const seen = new URL(dropped.url).searchParams.get('lastEventId');
    // The API closes the stream (as a restart does): EventSource gives up, the element must open it again.
    dropped.close();
    dropped.dispatchEvent(new Event('error'));
    const missed = await postComment(author.accessToken, key, { body: 'Posted while the stream was down.' });
    await until(() => el.stream !== undefined && el.stream !== dropped, 'a new stream', 8000);
    const resumed = new URL(el.stream!.url).searchParams.get('lastEventId');
    expect(resumed !== null && resumed !== '' && resumed !== seen, `resumes after the last event seen (${seen} → ${resumed})`).to.equal(true);
    await until(() => $(el, '[part~="new"]'), 'the missed comment', 8000);
    $<HTMLButtonElement>(el, '[part~="new"]')!.click();
    await until(() => topIds(el)[0] === missed.id, 'the missed comment shown');
  });

  it('loads the page afresh when the stream says events were forgotten (a page asleep for days)', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const author = await personWithRole('moderator');
    const first = await postComment(author.accessToken, key, { body: 'Already here.' });
    const el = await debate(key);
    await until(() => el.stream?.readyState === EventSource.OPEN, 'the stream to open', 6000);
    const later = await postComment(author.accessToken, key, { body: 'Came while the page slept.' });
    await until(() => $(el, '[part~="new"]'), 'the new comment waiting');
    // What the API sends a stream resumed from before the events it keeps (api/test/debate-stream.test.ts).
    el.stream!.dispatchEvent(new MessageEvent('reset', { data: '{}' }));
    await until(() => topIds(el).includes(later.id), 'the page loaded afresh, with the comment in it');
    expect(topIds(el)).to.include(first.id);
    expect($(el, '[part~="new"]'), 'nothing left waiting').to.equal(null);
  });
});
