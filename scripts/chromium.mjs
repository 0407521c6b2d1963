// Finds the Chromium the browser tests drive, or explains how to get one.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);

/** The path of a Chromium binary, or undefined when none is installed. */
export function findChromium() {
  if (process.env.CHROME_PATH && !existsSync(process.env.CHROME_PATH)) return undefined;
  return candidates.find((path) => existsSync(path));
}

export const chromiumHelp = `No Chromium was found for the browser tests.
  On Debian or Ubuntu:  sudo apt-get install -y chromium
  Or point the tests at any Chrome or Chromium:  CHROME_PATH=/path/to/chrome npm test`;

/** Flags that keep a headless Chromium quiet and working as root on a machine without internet. */
export const chromiumArgs = [
  '--no-sandbox',
  // WebGL2 (maplibre) through SwiftShader; --disable-gpu or --use-gl=egl would leave maps without it.
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];
