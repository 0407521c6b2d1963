// End to end: a resident registers and signs in on the council's demo page, as a person would.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startDemoForTest, type Demo } from './support.js';

let demo: Demo;
before(async () => {
  demo = await startDemoForTest();
});
after(async () => {
  await demo?.close();
});

/** Script errors, CSP refusals and failed loads; a 4xx answer the widget handles (unknown email, wrong code) is expected. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/status of 4\d\d/.test(text)) errors.push(text);
  });
  return errors;
}

const textbox = (name: string) => `::-p-aria([name="${name}"][role="textbox"])`;
const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;

/** The page's own sign-in, not the compact ones inside other widgets (the report list offers one) nor their buttons. */
const own = (selector: string) => `civic-sign-in:not([compact]) >>> ${selector}`;

async function typeOwn(page: Page, name: string, text: string) {
  await page.locator(own(textbox(name))).fill(text);
}

async function type(page: Page, name: string, text: string) {
  await page.locator(textbox(name)).fill(text);
}

/** Waits until some <civic-sign-in> on the page shows `text` (its shadow root included). */
async function waitForText(page: Page, text: string) {
  await page.waitForFunction(
    (wanted) => [...document.querySelectorAll('civic-sign-in')].some((el) => el.shadowRoot?.textContent?.includes(wanted)),
    { timeout: 15_000, polling: 100 }, // polled: a background tab gets no animation frames
    text,
  );
}

async function signedInHeading(page: Page, name: string) {
  await page.waitForSelector(`::-p-aria([name="Signed in as ${name}"][role="heading"])`, { timeout: 15_000 });
}

test('a resident registers on the council page with the emailed code, stays signed in across a reload and tabs, and signs out', async () => {
  const page = await demo.browser.newPage();
  const errors = collectErrors(page);

  await page.goto(`${demo.demoUrl}/council.html`);
  const email = `ada.${Date.now()}@example.org`;

  // A new address: the widget says it has no account for it and offers to create one, keeping the email.
  await typeOwn(page, 'Email address', email);
  await page.locator(own(button('Continue'))).click();
  await page.locator(own(button('Create an account'))).click();
  await typeOwn(page, 'Your name', 'Ada Okafor');
  const emailKept = await page.$eval(`civic-sign-in >>> input[type="email"]`, (input) => (input as HTMLInputElement).value);
  assert.equal(emailKept, email);
  await page.locator(own(button('Create account'))).click();

  // The code arrives in the outbox; a wrong one is refused with how many tries are left.
  await page.waitForSelector('::-p-aria([name="Check your email"][role="heading"])');
  const code = await demo.latestCode(email);
  await typeOwn(page, 'Code', code === '000000' ? '111111' : '000000');
  await page.locator(own(button('Sign in'))).click();
  await waitForText(page, 'You have 4 tries left');
  await typeOwn(page, 'Code', code);
  await page.locator(own(button('Sign in'))).click();
  await signedInHeading(page, 'Ada Okafor');
  await waitForText(page, email);

  // Reload: still signed in. Another tab of the same site: signed in there too.
  await page.reload();
  await signedInHeading(page, 'Ada Okafor');
  const officerTab = await demo.browser.newPage();
  await officerTab.goto(`${demo.demoUrl}/officer.html`);
  await signedInHeading(officerTab, 'Ada Okafor');

  // Signing out in one tab signs the other out at once; the API no longer accepts the old token.
  const token = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('civic-elements.session:'));
    return key ? (JSON.parse(localStorage.getItem(key) ?? '{}') as { accessToken?: string }).accessToken : undefined;
  });
  assert.ok(token, 'the session is kept in the host page storage under the namespaced key');
  await page.bringToFront(); // a background tab gets no animation frames, which clicks wait for
  await page.locator(own(button('Sign out'))).click();
  await waitForText(page, 'You have signed out');
  await waitForText(officerTab, 'Email address');
  const me = await fetch(`${demo.apiUrl}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status, 401);

  // Signing in again later needs only the email and a new code.
  await typeOwn(page, 'Email address', email);
  await page.locator(own(button('Continue'))).click();
  await page.waitForSelector('::-p-aria([name="Check your email"][role="heading"])');
  await typeOwn(page, 'Code', await demo.latestCode(email));
  await page.locator(own(button('Sign in'))).click();
  await signedInHeading(page, 'Ada Okafor');

  assert.deepEqual(errors, [], 'no script errors and no refused requests on the page');
  await page.close();
  await officerTab.close();
});

test('the NHS page signs in through the compact header button and its dialog, under the page CSP', async () => {
  // A new browser profile: the demo pages share one origin, so they share one session.
  const context = await demo.browser.createBrowserContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  const response = await page.goto(`${demo.demoUrl}/nhs.html`);
  assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);

  await page.locator(button('Sign in')).click();
  const email = 'officer@south-london-health.example';
  await type(page, 'Email address', email);
  await page.locator(button('Continue')).click();
  await page.waitForSelector('::-p-aria([name="Check your email"][role="heading"])');
  await type(page, 'Code', await demo.latestCode(email));
  await page.locator(`civic-sign-in >>> dialog form button[type="submit"]`).click();
  await waitForText(page, 'Signed in as');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the community page in Arabic loads the Arabic words as a chunk of their own and renders right to left', async () => {
  const context = await demo.browser.createBrowserContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  const chunks: string[] = [];
  page.on('response', (response) => response.url().includes('/elements/chunks/') && chunks.push(response.url()));

  await page.goto(`${demo.demoUrl}/community.html?lang=ar`);
  await page.waitForSelector('::-p-aria([name="عنوان البريد الإلكتروني"][role="textbox"])', { timeout: 15_000 });
  const dir = await page.$eval('civic-sign-in', (el) => el.shadowRoot?.querySelector('[dir]')?.getAttribute('dir'));
  assert.equal(dir, 'rtl');
  assert.ok(chunks.length > 0 && chunks.every((url) => /messages\.ar/.test(url)), `only Arabic chunks load: ${chunks.join(', ')}`);

  // An English page downloads no language chunk at all.
  const english = await context.newPage();
  const englishChunks: string[] = [];
  english.on('response', (response) => response.url().includes('/elements/chunks/') && englishChunks.push(response.url()));
  await english.goto(`${demo.demoUrl}/council.html`);
  await english.waitForSelector(textbox('Email address'));
  // (The report form's later steps are a chunk too, fetched while a resident picks a category: not words.)
  assert.deepEqual(englishChunks.filter((url) => /messages\.(ar|it)/.test(url)), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every demo page, with its widget in it, passes axe (WCAG 2.2 AA rules)', async () => {
  const context = await demo.browser.createBrowserContext();
  const page = await context.newPage();
  await page.setBypassCSP(true); // only so that axe itself can be injected
  const axePath = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
  for (const name of ['index', 'council', 'nhs', 'community', 'officer']) {
    await page.goto(`${demo.demoUrl}/${name}.html`);
    if (name !== 'index') await page.waitForFunction(() => !!document.querySelector('civic-sign-in')?.shadowRoot?.querySelector('button'));
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
    assert.deepEqual(violations, [], `${name}.html`);
  }
  await context.close();
});
