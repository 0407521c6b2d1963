// The demo host pages' web server: static files from demo/site, with the API's URL filled in
// and a strict Content-Security-Policy, as a partner organisation's own site would send.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const siteDir = fileURLToPath(new URL('site', import.meta.url));

/**
 * Files served from outside the site folder. maplibre's worker must come from the page's own origin:
 * a worker from the API's origin would need a `blob:` shim, which the pages' policy refuses. The maps
 * point their `worker-url` here. The built copy (packages/elements/dist/maplibre, made by `npm run
 * build`) is preferred; the package's own file serves when nothing has been built.
 */
const vendorFiles = {
  '/vendor/maplibre-gl-worker.mjs': [
    fileURLToPath(new URL('../packages/elements/dist/maplibre/maplibre-gl-worker.mjs', import.meta.url)),
    fileURLToPath(new URL('../node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs', import.meta.url)),
  ],
};

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const escapeAttribute = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The policy a careful partner site sends: widgets must work under it (no inline scripts, no eval). */
export function contentSecurityPolicy(apiUrl) {
  const api = new URL(apiUrl).origin;
  // OpenStreetMap's tile server (<civic-map>'s default basemap) answers on the bare host and on a–c.
  const tiles = 'https://tile.openstreetmap.org https://*.tile.openstreetmap.org';
  return [
    "default-src 'self'",
    `script-src 'self' ${api}`,
    `connect-src 'self' ${api} ${tiles}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${api} ${tiles}`,
    `worker-src 'self' ${api}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * A node:http server for the demo pages. HTML pages carry `{{API_URL}}` where the API's base URL
 * goes (the script tag and the widgets' `api` attributes); it is substituted when served, so the
 * same pages work on whatever ports the demo and the tests use.
 */
export function createDemoServer({ apiUrl }) {
  const csp = contentSecurityPolicy(apiUrl);
  const apiAttribute = escapeAttribute(apiUrl.replace(/\/$/, ''));

  return createServer(async (request, response) => {
    const common = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' };
    const fail = (status, message) => {
      response.writeHead(status, { ...common, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : `${message}\n`);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return fail(405, 'Method not allowed');
    }

    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://demo').pathname);
    } catch {
      return fail(400, 'Bad request');
    }
    if (pathname.includes('\0')) return fail(400, 'Bad request');
    if (pathname.endsWith('/')) pathname += 'index.html';
    // Resolve inside the site folder only: `..` segments and absolute tricks end up outside and are refused.
    const vendor = Object.hasOwn(vendorFiles, pathname) ? vendorFiles[pathname] : undefined;
    let file = vendor ? vendor[0] : normalize(join(siteDir, pathname));
    if (!vendor && !file.startsWith(siteDir + sep)) return fail(404, 'Not found');
    const type = contentTypes[extname(file).toLowerCase()];

    let info;
    for (const candidate of vendor ?? [file]) {
      try {
        info = await stat(candidate);
        file = candidate;
        break;
      } catch {
        info = undefined;
      }
    }
    if (!type || !info?.isFile()) return fail(404, 'Not found');

    if (type.startsWith('text/html')) {
      const page = (await readFile(file, 'utf8')).replaceAll('{{API_URL}}', apiAttribute);
      response.writeHead(200, {
        ...common,
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(page),
        'Content-Security-Policy': csp,
        'Cache-Control': 'no-cache',
      });
      return response.end(request.method === 'HEAD' ? undefined : page);
    }
    response.writeHead(200, { ...common, 'Content-Type': type, 'Content-Length': info.size, 'Cache-Control': 'no-cache' });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).on('error', () => response.destroy()).pipe(response);
  });
}
