// <civic-debate> threads against the real API: replying (three levels, then flat with "In reply to"),
// sorting, permalinks deep in a long thread, editing and deleting, official responses, the summary and
// the strongest arguments, and Arabic right to left.
import { expect, fixture, html } from '@open-wc/testing';
import type { CommentPage } from '@civic-elements/protocol';
import type { CivicDebate } from '../src/index.js';
import {
  $, $$, accessible, api, clean, commentEl, composeReady, debate, ok, ORG, personWithRole, postComment, registeredSession, shownIds,
  signIn, signOutEverywhere, subject, topIds, type, until, vote,
  type Timed,
} from './debate.helpers.js';

const root = (el: CivicDebate) => el.shadowRoot!;
const focused = (el: CivicDebate) => root(el).activeElement;

/** Replies through the element: presses Reply on `id`, types, posts; returns the new comment's id. */
async function replyTo(el: CivicDebate, id: string, text: string): Promise<string> {
  $<HTMLButtonElement>(el, `#c-${id}-reply`)!.click();
  await until(() => focused(el)?.id === `c-${id}-reply-form-body`, 'focus in the reply form');
  const before = new Set(shownIds(el));
  type($<HTMLTextAreaElement>(el, `#c-${id}-reply-form-body`)!, text);
  $<HTMLButtonElement>(el, `#comment-${id} form button[type="submit"]`)!.click();
  await until(() => shownIds(el).some((known) => !before.has(known)), 'the reply');
  const added = shownIds(el).find((known) => !before.has(known))!;
  await until(() => (focused(el) as HTMLElement | null)?.dataset['id'] === added, 'focus on the reply');
  return added;
}

describe('<civic-debate> threads', () => {
  afterEach(async () => {
    await signOutEverywhere();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('replies at levels 1 and 2, then flat under level 2 with "In reply to <name>"', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const ada = await registeredSession('Ada Author');
    const top = await postComment(ada.accessToken, key, { body: 'Plant trees on Elm Street.', stance: 'for' });
    signIn(await registeredSession('Ben Replier'));
    const el = await debate(key);
    await composeReady(el);
    const first = await replyTo(el, top.id, 'Which side of the street?');
    expect(commentEl(el, first)!.closest('li')!.classList.contains('depth-1')).to.equal(true);
    expect(commentEl(el, top.id)!.closest('li')!.contains(commentEl(el, first))).to.equal(true);
    const second = await replyTo(el, first, 'The sunny side, please.');
    expect(commentEl(el, second)!.closest('li')!.classList.contains('depth-2')).to.equal(true);
    expect(commentEl(el, first)!.closest('li')!.contains(commentEl(el, second))).to.equal(true);
    await accessible(el, 'a thread two levels deep');
    // Deeper: shown at level 2, next to what it answers, naming its author.
    const third = await replyTo(el, second, 'Agreed, the sunny side.');
    const article = commentEl(el, third)!;
    expect(article.closest('li')!.classList.contains('depth-2')).to.equal(true);
    expect(commentEl(el, second)!.closest('li')!.contains(article)).to.equal(false);
    expect(clean(article.querySelector('.reply-to')!.textContent)).to.equal('In reply to Ben Replier');
    expect(article.querySelector('.reply-to a')!.getAttribute('href')).to.equal(`#comment-${second}`);
    // What the API says after a reload is the same shape.
    const again = await debate(key);
    expect(shownIds(again)).to.deep.equal([top.id, first, second, third]);
    expect(clean($(again, `#comment-${third} .reply-to`)!.textContent)).to.equal('In reply to Ben Replier');
    await accessible(again, 'a reply shown flat');
  });

  it('sorts by best, newest, oldest and most debated as the API does', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const author = await personWithRole('moderator');
    const voters = await Promise.all([1, 2, 3].map((n) => registeredSession(`Voter ${n}`)));
    const disliked = await postComment(author.accessToken, key, { body: 'Pave the park.', stance: 'for' });
    const debated = await postComment(author.accessToken, key, { body: 'Close the road on Sundays.', stance: 'for' });
    const liked = await postComment(author.accessToken, key, { body: 'More benches.', stance: 'against' });
    const newest = await postComment(author.accessToken, key, { body: 'A question about bins?', stance: 'question' });
    for (const voter of voters) {
      await vote(voter.accessToken, liked.id, 1);
      await vote(voter.accessToken, disliked.id, -1);
    }
    await postComment(voters[0]!.accessToken, key, { body: 'Yes, every Sunday.', parentId: debated.id });
    await postComment(voters[1]!.accessToken, key, { body: 'Only in summer.', parentId: debated.id });
    const apiOrder = async (sort: string) =>
      (await ok<CommentPage>('GET', `/v1/orgs/${ORG}/comments?subject=${encodeURIComponent(key)}&sort=${sort}`)).items.map((item) => item.id);
    const el = await debate(key);
    const orders: Record<string, string[]> = {};
    for (const sort of ['best', 'newest', 'oldest', 'debated']) {
      const select = $<HTMLSelectElement>(el, 'select[part~="sort"]')!;
      if (select.value !== sort) {
        select.value = sort;
        select.dispatchEvent(new Event('change'));
      }
      const expected = await apiOrder(sort);
      await until(() => JSON.stringify(topIds(el)) === JSON.stringify(expected), `the ${sort} order`);
      expect(el.order).to.equal(sort);
      orders[sort] = expected;
    }
    expect(orders['best']![0]).to.equal(liked.id);
    expect(orders['newest']).to.deep.equal([newest.id, liked.id, debated.id, disliked.id]);
    expect(orders['oldest']).to.deep.equal([disliked.id, debated.id, liked.id, newest.id]);
    expect(orders['debated']![0]).to.equal(debated.id);
    expect(orders['best']!.at(-1)).to.equal(disliked.id);
  });

  it('follows a permalink to a reply deep in a long thread that is not on the first page, and focuses it', async function (this: Timed) {
    this.timeout(30_000);
    const key = subject();
    const author = await personWithRole('moderator');
    const thread = await postComment(author.accessToken, key, { body: 'A long thread.' });
    let target = '';
    for (let from = 0; from < 56; from += 8) {
      const batch = await Promise.all(Array.from({ length: 8 }, (_, n) => postComment(author.accessToken, key, { body: `Reply number ${from + n}.`, parentId: thread.id })));
      target = batch.at(-1)!.id;
    }
    for (const n of [1, 2, 3]) await postComment(author.accessToken, key, { body: `A newer thread ${n}.` });
    history.replaceState(null, '', `#comment-${target}`);
    const el = await fixture<CivicDebate>(html`<civic-debate api=${api()} org=${ORG} subject=${key} sort="newest" limit="2"></civic-debate>`);
    await until(() => focused(el)?.id === `comment-${target}`, 'focus on the permalink’s comment', 8000);
    expect(commentEl(el, thread.id) !== null).to.equal(true);
    expect(topIds(el)[0]).to.equal(thread.id);
    expect(clean(commentEl(el, target)!.querySelector('.body')!.textContent)).to.contain('Reply number');
    // A permalink in the page moves focus too.
    const other = topIds(el)[1]!;
    location.hash = `#comment-${other}`;
    await until(() => focused(el)?.id === `comment-${other}`, 'focus after hashchange');
  });

  it('puts a long page in the DOM at once, then lays out the threads off screen too, so that they reach the accessibility tree', async function (this: Timed) {
    this.timeout(30_000);
    const key = subject();
    const author = await personWithRole('moderator');
    for (let from = 0; from < 40; from += 8) {
      await Promise.all(Array.from({ length: 8 }, (_, n) => postComment(author.accessToken, key, { body: `Thread number ${from + n}.\n\n- a point\n- another point`, stance: 'for' })));
    }
    const el = await fixture<CivicDebate>(html`<civic-debate api=${api()} org=${ORG} subject=${key} sort="oldest" limit="40"></civic-debate>`);
    await until(() => topIds(el).length === 40, 'all 40 threads');
    // Those off screen wait to be laid out (content-visibility), then are laid out a few a frame.
    const items = $$(el, '.threads > .item');
    expect(items.length).to.equal(40);
    await until(() => $$(el, '.threads > .later').length === 0, 'every thread laid out', 8000);
    const last = items.at(-1)!.querySelector<HTMLButtonElement>('button[part~="reply"]')!;
    expect(last.getBoundingClientRect().height, 'the last thread has its layout').to.be.greaterThan(0);
    expect(getComputedStyle(items.at(-1)!).contentVisibility).to.equal('visible');
    // The keyboard reaches it, and it is named.
    last.focus();
    expect(focused(el)).to.equal(last);
    expect(last.getAttribute('aria-label')).to.match(/^Reply to /);
    await accessible(el, 'a long page');
  });

  it('edits within the window (marked "edited") and deletes, keeping the thread’s shape', async function (this: Timed) {
    this.timeout(20_000);
    const key = subject();
    const me = await registeredSession('Edna Editor');
    const other = await registeredSession('Otto Other');
    const mine = await postComment(me.accessToken, key, { body: 'First thoughts.', stance: 'neutral' });
    const reply = await postComment(other.accessToken, key, { body: 'A reply that stays.', parentId: mine.id });
    signIn(me);
    const el = await debate(key);
    await composeReady(el);
    $<HTMLButtonElement>(el, `#c-${mine.id}-edit`)!.click();
    await until(() => focused(el)?.id === `c-${mine.id}-edit-form-body`, 'focus in the edit form');
    const field = $<HTMLTextAreaElement>(el, `#c-${mine.id}-edit-form-body`)!;
    expect(field.value).to.equal('First thoughts.');
    type(field, 'Second thoughts: *better*.');
    $<HTMLInputElement>(el, `#c-${mine.id}-edit-form-stance-against`)!.click();
    await accessible(el, 'editing');
    $<HTMLButtonElement>(el, `#comment-${mine.id} form button[type="submit"]`)!.click();
    // The stream may bring the edit before the answer does: wait for the form to close too.
    await until(() => $(el, `#comment-${mine.id} .edited`) && $(el, `#comment-${mine.id} > .body`), 'the edited mark and text');
    expect(clean($(el, `#comment-${mine.id} > .body`)!.textContent)).to.equal('Second thoughts: better.');
    expect(clean($(el, `#comment-${mine.id} .stance`)!.textContent)).to.equal('Against');
    await until(() => focused(el)?.id === `comment-${mine.id}`, 'focus back on the comment');
    const history = await ok<{ items: { body: string }[] }>('GET', `/v1/orgs/${ORG}/comments/${mine.id}/history`, undefined, me.accessToken);
    expect(history.items.map((item) => item.body)).to.deep.equal(['First thoughts.']);

    $<HTMLButtonElement>(el, `#c-${mine.id}-delete`)!.click();
    await until(() => focused(el)?.id === `c-${mine.id}-delete-yes`, 'focus on the confirmation');
    await accessible(el, 'confirming a delete');
    focused(el)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await until(() => $(el, `#comment-${mine.id} .gone`), 'the deleted comment');
    expect(clean($(el, `#comment-${mine.id} .gone`)!.textContent)).to.equal('This comment was deleted.');
    expect(clean($(el, `#comment-${mine.id} .author`)!.textContent)).to.equal('Deleted');
    expect($(el, `#comment-${mine.id} .body`) === null).to.equal(true);
    expect(clean($(el, `#comment-${reply.id} .body`)!.textContent)).to.equal('A reply that stays.');
    expect(commentEl(el, mine.id)!.closest('li')!.contains(commentEl(el, reply.id))).to.equal(true);
    // And so after a reload, for someone else.
    await signOutEverywhere();
    const again = await debate(key);
    expect(shownIds(again)).to.deep.equal([mine.id, reply.id]);
    expect(clean($(again, `#comment-${mine.id} .gone`)!.textContent)).to.equal('This comment was deleted.');
    await accessible(again, 'a deleted comment with a reply');
  });

  it('lets an officer answer as their department, shown as an official response with its badge', async function (this: Timed) {
    this.timeout(15_000);
    const key = subject();
    const resident = await registeredSession('Rita Resident');
    await postComment(resident.accessToken, key, { body: 'When will the pothole be fixed?', stance: 'question' });
    signIn(await personWithRole('officer', ['highways']));
    const el = await debate(key);
    await composeReady(el);
    const official = $<HTMLInputElement>(el, '#new-official')!;
    expect(clean(official.closest('label')!.textContent)).to.equal('Post as an official response');
    official.click();
    // They may speak for the council or for Highways, their department.
    await until(() => $(el, '#new-department'), 'the "Respond for" choice');
    const department = $<HTMLSelectElement>(el, '#new-department')!;
    expect([...department.options].map((option) => option.textContent)).to.deep.equal(['Test Council', 'Highways']);
    department.value = 'highways';
    department.dispatchEvent(new Event('change'));
    await accessible(el, 'answering as a department');
    type($<HTMLTextAreaElement>(el, '#new-body')!, 'We will fix it next week.');
    $<HTMLButtonElement>(el, '.compose form button[type="submit"]')!.click();
    await until(() => $(el, '.comment--official'), 'the official response');
    const answer = $(el, '.comment--official')!;
    expect(answer.getAttribute('part')).to.equal('comment official');
    expect(clean(answer.querySelector('.official')!.textContent)).to.equal('Official response from Highways');
    await accessible(el, 'an official response');
  });

  it('shows the for/against summary and the strongest arguments of each side in two columns', async function (this: Timed) {
    this.timeout(15_000);
    const key = subject();
    const author = await personWithRole('moderator');
    const voters = await Promise.all([1, 2].map((n) => registeredSession(`Fan ${n}`)));
    const strongFor = await postComment(author.accessToken, key, { body: 'Trees cool the street.', stance: 'for' });
    await postComment(author.accessToken, key, { body: 'Trees are pretty.', stance: 'for' });
    const strongAgainst = await postComment(author.accessToken, key, { body: 'Roots lift the pavement.', stance: 'against' });
    await postComment(author.accessToken, key, { body: 'How many trees?', stance: 'question' });
    for (const voter of voters) await vote(voter.accessToken, strongFor.id, 1);
    await vote(voters[0]!.accessToken, strongAgainst.id, 1);
    const el = await debate(key);
    expect(clean($(el, '[part="summary-counts"]')!.textContent)).to.equal('2 for, 1 against, 0 neutral, 1 questions');
    const column = (side: string) => $$(el, `.side--${side} .argument .body`).map((body) => clean(body.textContent));
    expect(column('for')).to.deep.equal(['Trees cool the street.', 'Trees are pretty.']);
    expect(column('against')).to.deep.equal(['Roots lift the pavement.']);
    expect(clean($(el, '.side--for .argument .meta')!.textContent)).to.contain('2 up votes');
    expect($(el, '.side--for .argument .meta a')!.getAttribute('href')).to.equal(`#comment-${strongFor.id}`);
    await accessible(el, 'the summary');
  });

  it('reads right to left in Arabic', async () => {
    const key = subject();
    const author = await registeredSession('سارة');
    await postComment(author.accessToken, key, { body: 'نحتاج إلى **المزيد** من الأشجار.', stance: 'for' });
    const el = await debate(key, { lang: 'ar' });
    await until(() => $(el, '.heading')!.textContent === 'النقاش', 'the Arabic words');
    expect($(el, '[part~="root"]')!.getAttribute('dir')).to.equal('rtl');
    expect(clean($(el, '.body')!.textContent)).to.equal('نحتاج إلى المزيد من الأشجار.');
    expect(clean($(el, '.author')!.textContent)).to.equal('سارة');
    await accessible(el, 'Arabic');
  });
});
