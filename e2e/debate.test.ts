// End to end: the demo's discussions. On the council page, residents debate the Walworth Road 20 mph
// limit: one posts, another sees it arrive live and replies, and the first finds the reply in the
// outbox. On the community page, opening a garden on the map shows that garden's own discussion.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { appears, aria, buttonNamed, mailFor, newPage, signIn, startDemoForTest, text, type Demo } from './support.js';

let demo: Demo;
before(async () => {
  demo = await startDemoForTest();
});
after(async () => {
  await demo?.close();
});

const OWN_SIGN_IN = 'civic-sign-in:not([compact]) >>> ';
const DEBATE = 'civic-debate >>> ';

/** The council page, scrolled to "Have your say", its discussion loaded. */
async function councilDiscussion(page: Page): Promise<void> {
  await page.goto(`${demo.demoUrl}/council.html`);
  await page.$eval('#have-your-say', (section) => section.scrollIntoView());
  await appears(page, text('civic-debate', 'Official response from Highways'));
}

/** The text of the comment whose body includes `words`, as shown. */
const commentWith = (page: Page, words: string) =>
  page.$$eval('civic-debate', (hosts, wanted) => {
    for (const host of hosts) {
      const comment = [...(host.shadowRoot?.querySelectorAll('[part~="comment"]') ?? [])].find((c) => c.textContent?.includes(wanted));
      if (comment) return comment.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    }
    return '';
  }, words);

test('residents debate on the council page: the seeded thread, a new comment arriving live in another browser, a reply emailed to its author', async () => {
  // Joe has the page open before Amara posts.
  const joe = await newPage(demo);
  await councilDiscussion(joe.page);
  // The seeded debate: the strongest arguments of each side, Highways' answers, Markdown rendered as markup.
  assert.match(await commentWith(joe.page, 'Transport for London’s collision data'), /Official response from Highways/);
  await appears(joe.page, `${DEBATE}[part~="summary"]`);
  await appears(joe.page, `${DEBATE}strong`);

  const amara = await newPage(demo);
  await councilDiscussion(amara.page);
  await signIn(demo, amara.page, 'amara.obi@example.org', 'Amara Obi', OWN_SIGN_IN);
  await appears(amara.page, DEBATE + aria('form', 'Join the discussion'));
  await amara.page.locator(DEBATE + aria('radio', 'For')).click();
  const said = 'As a parent on Merrow Street I support this, **especially** the raised crossings.';
  await amara.page.locator(DEBATE + aria('textbox', 'Your comment')).fill(said);
  // Her draft survives a reload of the page (kept on the device), and she is told.
  await councilDiscussion(amara.page); // navigates to the page again
  await appears(amara.page, DEBATE + aria('textbox', 'Your comment'));
  await appears(amara.page, text('civic-debate', 'We kept what you wrote earlier on this device.'));
  assert.equal(await amara.page.$eval(`${DEBATE}textarea`, (area) => (area as HTMLTextAreaElement).value), said);
  await amara.page.locator(DEBATE + aria('radio', 'For')).click();
  const posted = amara.page.waitForResponse((response) => response.request().method() === 'POST' && /\/comments$/.test(new URL(response.url()).pathname));
  await amara.page.locator(DEBATE + aria('button', 'Post comment')).click();
  assert.equal((await posted).status(), 201);
  await appears(amara.page, text('civic-debate', 'Your comment has been posted.'));
  assert.match(await commentWith(amara.page, 'As a parent on Merrow Street'), /Amara Obi/);

  // In Joe's browser it waits behind a button, and shows when he asks for it.
  await joe.page.bringToFront();
  await appears(joe.page, DEBATE + aria('button', 'Show 1 new comment'));
  assert.equal(await commentWith(joe.page, 'As a parent on Merrow Street'), '', 'not shown until asked for');
  await joe.page.locator(DEBATE + aria('button', 'Show 1 new comment')).click();
  await appears(joe.page, text('civic-debate', 'As a parent on Merrow Street I support this,'));
  assert.ok(await joe.page.$(`${DEBATE}[part~="body"] strong ::-p-text(especially)`), 'its Markdown is rendered');

  // Joe signs in and replies to Amara.
  await signIn(demo, joe.page, 'joe.hennessy@example.org', 'Joe Hennessy', OWN_SIGN_IN);
  const reply = await buttonNamed(joe.page, (name) => name === 'Reply to Amara Obi', 'Reply to Amara Obi');
  await joe.page.locator(DEBATE + aria('button', reply)).click();
  await appears(joe.page, DEBATE + aria('textbox', 'Your reply'));
  await joe.page.locator(DEBATE + aria('textbox', 'Your reply')).fill('Agreed. The crossing by the school is the one that worries me most.');
  await joe.page.locator(DEBATE + aria('button', 'Post reply')).click();
  await appears(joe.page, text('civic-debate', 'Agreed. The crossing by the school is the one that worries me most.'));

  // Amara is told by email.
  const replied = await mailFor(demo, 'amara.obi@example.org', (subject) => subject.startsWith('Joe Hennessy replied to your comment on'));
  assert.match(replied.text, /The crossing by the school is the one that worries me most\./);
  assert.match(replied.text, /council\.html#comment-/);

  assert.deepEqual(joe.errors, [], 'no errors in Joe’s browser');
  assert.deepEqual(amara.errors, [], 'no errors in Amara’s browser');
  await joe.context.close();
  await amara.context.close();
});

test('opening a garden on the community map shows that garden’s discussion under the map', async () => {
  // The seed discusses one garden: find it, as the page would show it.
  const projects = (await (await fetch(`${demo.apiUrl}/v1/orgs/peckham-gardens/projects`)).json()) as { items: { id: string; title: string }[] };
  const project = projects.items.find((p) => p.title === 'Community gardens')!;
  const features = (await (await fetch(`${demo.apiUrl}/v1/orgs/peckham-gardens/projects/${project.id}/contributions?bbox=-0.095,51.455,-0.045,51.485&zoom=18`)).json()) as {
    features: { id: string; properties: { title: string } }[];
  };
  let discussed: { id: string; title: string } | undefined;
  for (const feature of features.features) {
    const page = (await (await fetch(`${demo.apiUrl}/v1/orgs/peckham-gardens/comments?subject=${encodeURIComponent(`contribution:${feature.id}`)}`)).json()) as { total: number };
    if (page.total > 0) discussed = { id: feature.id, title: feature.properties.title };
  }
  assert.ok(discussed, 'the seed has a discussion under a garden');

  const { context, page, errors } = await newPage(demo);
  await page.goto(`${demo.demoUrl}/community.html`);
  await page.locator(aria('link', 'Gardens map')).click();
  const entry = await buttonNamed(page, (name) => name.startsWith(`${discussed.title} `), discussed.title);
  await page.locator(aria('button', entry)).click();
  await appears(page, aria('heading', `Talk about “${discussed.title}”`));
  assert.equal(await page.$eval('#garden-talk civic-debate', (el) => el.getAttribute('subject')), `contribution:${discussed.id}`);
  await appears(page, text('#garden-talk civic-debate', 'Is the path from the Warwick Gardens entrance step-free?'));
  await appears(page, text('#garden-talk civic-debate', 'Official response from'));
  assert.deepEqual(errors, [], 'no script errors, CSP refusals or failed requests');
  await context.close();
});
