// /elements/*: the built element bundles, for any web page to load (ELEMENTS_DIR).
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import { notFound } from '../../http/errors.js';
import type { AppEnv } from '../../http/env.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export function elementRoutes(dir: string) {
  const root = resolve(dir);
  return new Hono<AppEnv>().get('/*', async (c) => {
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path.replace(/^\/elements\/?/, ''));
    } catch {
      throw notFound();
    }
    const file = resolve(root, relative);
    // Refuse anything outside the folder (`..`, encoded or not), hidden files and unknown types.
    const type = TYPES[extname(file)];
    if (!file.startsWith(root + sep) || relative.includes('\0') || relative.split(/[\\/]/).some((p) => p.startsWith('.')) || !type) {
      throw notFound();
    }
    try {
      if (!(await stat(file)).isFile()) throw notFound();
      const bytes = await readFile(file);
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': type,
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=300',
      });
    } catch {
      throw notFound();
    }
  });
}
