// Starts the demo exactly as `npm start` does (on free ports, with a fresh data folder) and a Chromium to drive it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
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
