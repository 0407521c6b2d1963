// The "Comments" tab of <civic-inbox>: the moderation queue of discussions, against the real API.
// Comments are made on a report of this file's own (its subject is pre-moderated while the file runs).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Comment, DebateSettings, ModerationLogPage, ReportCategoryCreate, ReportDetail, SessionResponse, SuspensionList } from '@civic-elements/protocol';
import '../src/define.js';
import type { CivicInbox } from '../src/civic-inbox.js';
import type { CivicCommentModeratedEvent } from '../src/events.js';
import {
  $, $$, ORG, PLACE, accessible, activeId, announced, api, call, clean, createCategory, createReport, fieldError, personWithRole,
  settled, signIn, signedOutEverywhere, text, type, until,
} from './inbox.helpers.js';

type Timed = { timeout(ms: number): void };

const run = Math.random().toString(36).slice(2, 7);
let admin: SessionResponse;
let author: SessionResponse;
let flaggers: SessionResponse[];
let subject: string;
let subjectReport: ReportDetail;
let settingsBefore: DebateSettings;

const post = (body: string, stance = 'for', token = author.accessToken) =>
  call<Comment>('POST', `/v1/orgs/${ORG}/comments`, { subject, stance, body }, token);
const flag = (id: string, token: string, reason = 'abuse', note?: string) =>
  call('POST', `/v1/orgs/${ORG}/comments/${id}/flags`, { reason, ...(note ? { note } : {}) }, token);
const commentsOf = (token?: string) => call<{ items: (Comment & { replies: Comment[] })[] }>('GET', `/v1/orgs/${ORG}/comments?subject=${encodeURIComponent(subject)}&sort=newest&limit=100`, undefined, token);

before(async function (this: Timed) {
  this.timeout(20_000);
  admin = await personWithRole('admin');
  author = await personWithRole('resident');
  flaggers = [await personWithRole('resident'), await personWithRole('resident')];
  const category: ReportCategoryCreate = { code: `mod-${run}`, name: `Broken bench ${run}`, group: 'Parks', description: '', keywords: [], department: null, fields: [], active: true };
  await createCategory(admin.accessToken, category);
  subjectReport = await createReport(author.accessToken, { category: category.code, description: 'The bench by the pond is broken.', location: PLACE, photos: [], fields: {} });
  subject = `report:${subjectReport.id}`;
  // This subject's comments wait for a moderator; a comment is hidden for review after 3 flags (the default).
  settingsBefore = await call<DebateSettings>('GET', `/v1/orgs/${ORG}/debate-settings`, undefined, admin.accessToken);
  await call('PUT', `/v1/orgs/${ORG}/debate-settings`, { ...settingsBefore, premoderatedSubjects: [...settingsBefore.premoderatedSubjects, subject], flagThreshold: 3 }, admin.accessToken);
});

after(async () => {
  await call('PUT', `/v1/orgs/${ORG}/debate-settings`, settingsBefore, admin.accessToken);
  await signedOutEverywhere();
});

afterEach(async () => {
  await signedOutEverywhere();
});

/** A moderator's inbox: only the "Comments" tab, its queue loaded. */
async function moderatorInbox(person?: SessionResponse): Promise<{ el: CivicInbox; moderator: SessionResponse }> {
  const moderator = person ?? (await personWithRole('moderator'));
  signIn(moderator);
  const el = await fixture<CivicInbox>(html`<civic-inbox api=${api()} org=${ORG} basemap="none" lang="en"></civic-inbox>`);
  await customElements.whenDefined('civic-inbox');
  await until(() => $(el, '#moderation-heading'), 'the comments tab');
  await settled(el);
  return { el, moderator };
}

const items = (el: Element) => $$(el, '.queue-item');
const itemOf = (el: Element, id: string) => $<HTMLElement>(el, `article[aria-labelledby="mod-${id}"]`);
const bodyOf = (el: Element, id: string) => itemOf(el, id)?.querySelector('.queue-item__body')?.textContent ?? '';
async function show(el: CivicInbox, state: 'waiting' | 'flagged' | 'hidden'): Promise<void> {
  $<HTMLInputElement>(el, `#mod-state-${state}`)!.click();
  await settled(el);
}
function buttonIn(item: HTMLElement | null, name: string): HTMLButtonElement {
  const button = [...(item?.querySelectorAll('button') ?? [])].find((b) => clean(b.textContent) === name);
  if (!button) throw new Error(`no "${name}" in ${clean(item?.textContent)}`);
  return button;
}

describe('<civic-inbox> comments to moderate', () => {
  it('shows a moderator only the comments tab, with a waiting comment exactly as written; approving publishes it', async function (this: Timed) {
    this.timeout(30_000);
    const written = 'Fix it <b>now</b> & put it back by the pond: it was *lovely*.\nSecond line.';
    const waiting = await post(written);
    expect(waiting.status).to.equal('pending');
    const { el } = await moderatorInbox();
    expect($$(el, '[role="tab"]').map((tab) => clean(tab.textContent).replace(/ \(\d+\)$/, ''))).to.deep.equal(['Comments']);
    expect($(el, '#panel-reports')).to.equal(null);
    await until(() => itemOf(el, waiting.id), 'the waiting comment');
    // Plain text, never markup: the tags and the asterisks are shown as typed.
    expect(bodyOf(el, waiting.id)).to.equal(written);
    expect(itemOf(el, waiting.id)!.querySelector('b')).to.equal(null);
    expect(clean(itemOf(el, waiting.id)!.querySelector('h4')?.textContent)).to.contain(' on ');
    await accessible(el, 'waiting');

    const moderated = oneEvent(el, 'civic-comment-moderated') as Promise<CivicCommentModeratedEvent>;
    buttonIn(itemOf(el, waiting.id), 'Approve').click();
    const event = await moderated;
    expect([event.action, event.comment.status]).to.deep.equal(['approve', 'published']);
    await until(() => !itemOf(el, waiting.id), 'the approved comment to leave the list');
    await until(() => announced(el).includes('is published.'), 'the outcome announced');
    // Everyone can read it now.
    const published = (await commentsOf()).items.find((c) => c.id === waiting.id);
    expect(published?.body).to.equal(written);
  });

  it('hides a flagged comment with a public reason (required), then restores it', async function (this: Timed) {
    this.timeout(30_000);
    const waiting = await post('The council never listens to anyone round here.', 'against');
    await call('POST', `/v1/orgs/${ORG}/comments/${waiting.id}/moderation`, { action: 'approve' }, admin.accessToken);
    await flag(waiting.id, flaggers[0]!.accessToken, 'off-topic', 'Nothing to do with the bench.');
    const { el } = await moderatorInbox();
    await show(el, 'flagged');
    await until(() => itemOf(el, waiting.id), 'the flagged comment');
    const item = () => itemOf(el, waiting.id);
    expect(clean(item()!.querySelector('.queue-item__flags')?.textContent)).to.equal('Off topic: Nothing to do with the bench.');
    await accessible(el, 'flagged');

    // "Hide…" opens the reason; sending it empty says why, next to the field, with focus on it.
    buttonIn(item(), 'Hide…').click();
    await el.updateComplete;
    expect(activeId(el)).to.equal('hide-reason');
    buttonIn(item(), 'Hide the comment').click();
    await el.updateComplete;
    expect(fieldError(el, 'hide-reason')).to.equal('Error: Give the reason people will read in place of the comment');
    expect(activeId(el)).to.equal('hide-reason');
    await accessible(el, 'hide reason missing');
    await type(el, 'hide-reason', 'Removed: off topic.');
    buttonIn(item(), 'Hide the comment').click();
    await until(() => !item(), 'the hidden comment to leave the flagged list');
    const hidden = (await commentsOf()).items.find((c) => c.id === waiting.id)!;
    expect([hidden.status, hidden.hiddenReason, hidden.body]).to.deep.equal(['hidden', 'Removed: off topic.', '']);

    // Among the hidden ones, "Restore" shows it again.
    await show(el, 'hidden');
    await until(() => item(), 'the comment among the hidden ones');
    expect(clean(item()!.textContent)).to.contain('Hidden because: Removed: off topic.');
    await accessible(el, 'hidden');
    buttonIn(item(), 'Restore').click();
    await until(() => !item(), 'the restored comment to leave the hidden list');
    expect((await commentsOf()).items.find((c) => c.id === waiting.id)?.status).to.equal('published');
  });

  it('suspends an author, who is then refused with the reason; lifting it lets them comment again; the log has it all', async function (this: Timed) {
    this.timeout(30_000);
    const rude = await personWithRole('resident');
    const waiting = await post('You lot are useless, every one of you.', 'against', rude.accessToken);
    const { el, moderator } = await moderatorInbox();
    await until(() => itemOf(el, waiting.id), 'the waiting comment');
    const item = () => itemOf(el, waiting.id);
    buttonIn(item(), `Suspend ${rude.user.name}…`).click();
    await el.updateComplete;
    expect(activeId(el)).to.equal('suspend-reason');
    ($<HTMLSelectElement>(el, '#suspend-days')!).value = '30';
    $<HTMLSelectElement>(el, '#suspend-days')!.dispatchEvent(new Event('change'));
    await type(el, 'suspend-reason', 'Personal abuse of council staff.');
    await accessible(el, 'suspend form');
    buttonIn(item(), `Suspend ${rude.user.name}`).click();
    await until(() => text(el).includes(`${rude.user.name} may not comment until`), 'the suspension');
    // The comment still waits for a decision, now marked with its author's suspension.
    expect(clean(item()?.textContent)).to.contain(`${rude.user.name} may not comment until`);

    // The author is told why when they try again.
    const refused = await fetch(`${api()}/v1/orgs/${ORG}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${rude.accessToken}` },
      body: JSON.stringify({ subject, stance: 'against', body: 'Let me post again.' }),
    });
    expect(refused.status).to.equal(403);
    const problem = (await refused.json()) as { error: { code: string; message: string } };
    expect(problem.error.code).to.equal('suspended');
    expect(problem.error.message).to.contain('Personal abuse of council staff.');

    // "Suspensions in force" lists it; lifting it lets them comment.
    const suspensions = $<HTMLDetailsElement>(el, '[part~="suspensions"]')!;
    $<HTMLElement>(el, '#suspensions-summary')!.click();
    await until(() => suspensions.open && clean(suspensions.textContent).includes('Personal abuse of council staff.'), 'the suspensions');
    await accessible(el, 'suspensions');
    buttonIn(suspensions, `Lift the suspension of ${rude.user.name}`).click();
    await until(() => announced(el).includes(`${rude.user.name} may comment again.`), 'the suspension lifted');
    expect((await call<SuspensionList>('GET', `/v1/orgs/${ORG}/suspensions`, undefined, moderator.accessToken)).items.some((s) => s.user.id === rude.user.id)).to.equal(false);
    expect((await post('Sorry, I was angry. The bench does need fixing.', 'for', rude.accessToken)).status).to.equal('pending');

    // The log has the suspension and its lifting, by this moderator.
    const log = $<HTMLDetailsElement>(el, '[part~="moderation-log"]')!;
    log.querySelector('summary')!.click();
    await until(() => clean(log.textContent).includes(`${moderator.user.name} lifted a suspension`), 'the log');
    expect(clean(log.textContent)).to.contain(`${moderator.user.name} suspended someone (Personal abuse of council staff.)`);
    const entries = await call<ModerationLogPage>('GET', `/v1/orgs/${ORG}/moderation/log?limit=10`, undefined, moderator.accessToken);
    expect(entries.items.slice(0, 2).map((e) => e.action)).to.deep.equal(['lift', 'suspend']);
    // Clean up this file's waiting comments for the other tests.
    for (const comment of (await commentsOf(admin.accessToken)).items.filter((c) => c.status === 'pending')) {
      await call('POST', `/v1/orgs/${ORG}/comments/${comment.id}/moderation`, { action: 'approve' }, admin.accessToken);
    }
  });

  it('works with the keyboard alone: choose a state, act on a comment, focus moves to the next', async function (this: Timed) {
    this.timeout(30_000);
    const first = await post('First of two waiting comments about the bench.');
    const second = await post('Second of two waiting comments about the bench.');
    const { el } = await moderatorInbox();
    await until(() => itemOf(el, first.id) && itemOf(el, second.id), 'both waiting comments');
    // Tab to the first comment's "Approve" (the newest is listed last: oldest first) and press Enter.
    $<HTMLInputElement>(el, '#mod-state-waiting')!.focus();
    const approveFirst = buttonIn(itemOf(el, first.id), 'Approve');
    for (let i = 0; i < 40 && el.shadowRoot!.activeElement !== approveFirst; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(approveFirst);
    await sendKeys({ press: 'Enter' });
    await until(() => !itemOf(el, first.id), 'the first comment approved');
    await el.updateComplete;
    // Focus is on the next comment's heading, so the moderator carries on from there.
    expect(activeId(el)).to.equal(`mod-${second.id}`);
    await sendKeys({ press: 'Tab' });
    expect(clean((el.shadowRoot!.activeElement as HTMLElement).textContent)).to.equal('Approve');
    await sendKeys({ press: 'Enter' });
    await until(() => !itemOf(el, second.id), 'the second comment approved');
    await accessible(el, 'after keyboard approvals');
    expect(items(el).some((i) => i.getAttribute('aria-labelledby') === `mod-${second.id}`)).to.equal(false);
  });

  it('tells a resident the inbox is not for them', async () => {
    signIn(author);
    const el = await fixture<CivicInbox>(html`<civic-inbox api=${api()} org=${ORG} basemap="none" lang="en"></civic-inbox>`);
    await customElements.whenDefined('civic-inbox');
    await until(() => text(el).includes('The reports inbox is for officers of'), 'the refusal');
    expect($(el, '[role="tablist"]')).to.equal(null);
  });
});
