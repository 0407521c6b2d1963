// Starts the demo exactly as `npm start` does (on free ports, with a fresh data folder) and a Chromium to drive it;
// and what the journeys share: waiting for what a person sees, signing in, reading the accessibility tree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer, { type Browser, type BrowserContext, type Page, type SerializedAXNode } from 'puppeteer-core';
// @ts-expect-error: plain JavaScript module without types
import { chromiumArgs, chromiumHelp, findChromium } from '../scripts/chromium.mjs';
// @ts-expect-error: plain JavaScript module without types
import { freePort, startDemo } from '../demo/server.mjs';

export interface Demo {
  apiUrl: string;
  demoUrl: string;
  browser: Browser;
  /** The newest sign-in code emailed to `to`, read from the demo's outbox. */
  latestCode(to: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDemoForTest(): Promise<Demo> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumHelp);
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-e2e-'));
  const demo = await startDemo({ apiPort: await freePort(), demoPort: await freePort(), dataDir, seed: true, build: false });
  const browser = await puppeteer.launch({ executablePath, headless: true, args: chromiumArgs });
  return {
    apiUrl: demo.apiUrl,
    demoUrl: demo.demoUrl,
    browser,
    async latestCode(to: string) {
      const response = await fetch(`${demo.apiUrl}/dev/outbox.json?to=${encodeURIComponent(to)}`);
      const messages = (await response.json()) as { text: string }[];
      const code = messages[0]?.text.match(/\b(\d{6})\b/)?.[1];
      if (!code) throw new Error(`No sign-in code in the outbox for ${to}`);
      return code;
    },
    async close() {
      await browser.close();
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TIMEOUT = 15_000;
/** What a screen reader calls `name`, in the role `role`. */
export const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;
/** Words inside `host`, shadow roots included. */
export const text = (host: string, words: string) => `${host} >>> ::-p-text(${JSON.stringify(words)})`;

/** A message the demo's outbox holds for `to` whose subject `wanted` accepts, polled: mail is sent after the answer that caused it. */
export async function mailFor(demo: Demo, to: string, wanted: (subject: string) => boolean, timeout = TIMEOUT): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const response = await fetch(`${demo.apiUrl}/dev/outbox.json?to=${encodeURIComponent(to)}`);
    const messages = (await response.json()) as { subject: string; text: string }[];
    const found = messages.find((message) => wanted(message.subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No such mail for ${to} after ${timeout / 1000} s; it has: ${messages.map((m) => m.subject).join(' | ')}`);
    await sleep(200);
  }
}

/** Waits for `selector`, polled from here (waitForSelector missed late changes inside shadow roots in a tab without animation frames). */
export async function appears(page: Page, selector: string, timeout = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.$(selector))) {
    if (Date.now() > deadline) throw new Error(`Nothing matches ${selector} after ${timeout / 1000} s`);
    await sleep(100);
  }
}

/** A fresh browser profile (the demo pages share one origin, so they would share one session) and a page in it. */
export async function newPage(demo: Demo): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await demo.browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewport({ width: 1280, height: 900 });
  await page.bringToFront(); // locator clicks wait for animation frames, which only the front tab gets
  return { context, page, errors: collectErrors(page) };
}

/**
 * Script errors, CSP refusals (Chromium reports them as console errors), failed loads and refused
 * requests for data. Expected: OpenStreetMap's tiles (the demo's basemap) cannot load without internet,
 * and the pages' widgets handle their own 4xx answers (a sign-in widget asking who is signed in).
 */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url ?? '';
    const tile = /^https:\/\/([a-c]\.)?tile\.openstreetmap\.org\//.test(url) && message.text().startsWith('Failed to load resource');
    if (!tile && !/status of 4\d\d/.test(message.text())) errors.push(`${message.text()} (${url})`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && /\/(layers|events|places|projects|elements|vendor|reports|report-categories|report-settings|media|comments|stream)(\/|$)/.test(pathname)) {
      errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  return errors;
}

/**
 * Signs a seeded person in with the code the demo's outbox received, through the page's own
 * <civic-sign-in> (`scope` picks it where other widgets carry a compact one).
 */
export async function signIn(demo: Demo, page: Page, email: string, name: string, scope = ''): Promise<void> {
  await page.locator(scope + aria('textbox', 'Email address')).fill(email);
  await page.locator(scope + aria('button', 'Continue')).click();
  await appears(page, scope + aria('heading', 'Check your email'));
  await page.locator(scope + aria('textbox', 'Code')).fill(await demo.latestCode(email));
  await page.locator(scope + aria('button', 'Sign in')).click();
  await appears(page, scope + aria('heading', `Signed in as ${name}`));
}

/** The names of the page's buttons, read from the accessibility tree as a screen reader would. */
export async function buttonNames(page: Page): Promise<string[]> {
  const names: string[] = [];
  const walk = (node: SerializedAXNode) => {
    if (node.role === 'button' && node.name) names.push(node.name);
    node.children?.forEach(walk);
  };
  const tree = await page.accessibility.snapshot();
  if (tree) walk(tree);
  return names;
}

/** The first button whose accessible name `wanted` accepts; polled, since lists follow maps and answers. */
export async function buttonNamed(page: Page, wanted: (name: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const names = await buttonNames(page);
    const name = names.find(wanted);
    if (name) return name;
    if (Date.now() > deadline) throw new Error(`No button for ${what}. Buttons: ${names.join(' | ')}`);
    await sleep(200);
  }
}

/** The accessible name of what has focus. */
export async function focusedName(page: Page): Promise<string | undefined> {
  const find = (node: SerializedAXNode): SerializedAXNode | undefined => (node.focused ? node : node.children?.map(find).find(Boolean));
  const tree = await page.accessibility.snapshot({ interestingOnly: false });
  return tree ? find(tree)?.name : undefined;
}
