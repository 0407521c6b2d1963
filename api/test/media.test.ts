// Photos: real JPEG, PNG and WebP bytes made by sharp; what is refused (wrong bytes, too big, bombs);
// metadata (EXIF, GPS) gone from what is stored; variants served with long cache headers.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, test } from 'node:test';
import sharp from 'sharp';
import { ContributionFeature, Photo } from '@civic-elements/protocol';
import { MAX_UPLOAD_BYTES } from '../src/media/limits.js';
import { sniffImage } from '../src/media/sniff.js';
import { buildTestApp, ORIGIN, OTHER_ORIGIN, type TestApp } from './support/app.js';
import { cast, createProject, INSIDE } from './support/maps.js';

let t: TestApp;
let people: Awaited<ReturnType<typeof cast>>;
beforeEach(async () => {
  t = await buildTestApp();
  people = await cast(t);
});
afterEach(async () => {
  await t.close();
});

// ─── Real image bytes ───────────────────────────────────────────────────────────────────────────

const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '51/1 28/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 4/1 567/100' };
const MAKER = 'CivicTestCam';

/** A noisy (so it does not compress to nothing) landscape photo, 2000×1000, EXIF-rotated 90° clockwise, with GPS. */
async function cameraJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#6a8f3c', noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: MAKER, Model: 'Pocket 3' }, IFD3: GPS })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A PNG with a transparent left half and an opaque red right half. */
async function transparentPng(): Promise<Buffer> {
  const red = await sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
  return sharp({ create: { width: 100, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: red, left: 50, top: 0 }])
    .withExif({ IFD0: { Make: MAKER } })
    .png()
    .toBuffer();
}

const webp = () => sharp({ create: { width: 640, height: 480, channels: 3, background: '#1d70b8' } }).webp().toBuffer();
const gif = () => sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();

/** The tags of an EXIF block's first directory (IFD0), read from its TIFF structure. */
function exifTags(exif: Buffer): Set<number> {
  assert.equal(exif.toString('latin1', 0, 6), 'Exif\0\0');
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  const tags = new Set<number>();
  for (let i = 0; i < u16(ifd0); i++) tags.add(u16(ifd0 + 2 + i * 12));
  return tags;
}
const GPS_IFD = 0x8825;
const MAKE = 0x010f;

/** The markers of a JPEG's segments before the image data (APP1 = EXIF/XMP, APP2 = ICC, APP13 = IPTC). */
function jpegMarkers(bytes: Buffer): number[] {
  assert.equal(bytes.readUInt16BE(0), 0xffd8);
  const markers: number[] = [];
  for (let at = 2; at < bytes.length; ) {
    assert.equal(bytes[at], 0xff, 'segment starts with FF');
    const marker = bytes[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break; // start of scan: image data follows
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return markers;
}

/** Whether a stored JPEG carries any metadata segment, or the camera's name anywhere. */
function carriesMetadata(bytes: Buffer): { exif: boolean; icc: boolean; iptc: boolean; maker: boolean } {
  const markers = jpegMarkers(bytes);
  return { exif: markers.includes(0xe1), icc: markers.includes(0xe2), iptc: markers.includes(0xed), maker: bytes.includes(Buffer.from(MAKER, 'latin1')) };
}
const CLEAN = { exif: false, icc: false, iptc: false, maker: false };

/** A tiny real PNG whose header is rewritten to claim width×height (CRC fixed, so it is a valid header). */
async function pngBomb(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
  // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4), … , CRC over type and data.
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A tiny real JPEG whose frame header (SOF0/SOF2) is rewritten to claim 65000×65000. */
async function jpegBomb(): Promise<Buffer> {
  const jpeg = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).jpeg().toBuffer());
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)) {
      jpeg.writeUInt16BE(65000, i + 5); // height
      jpeg.writeUInt16BE(65000, i + 7); // width
      return jpeg;
    }
  }
  throw new Error('no SOF marker');
}

// ─── Requests ───────────────────────────────────────────────────────────────────────────────────

interface UploadOptions {
  token?: string | undefined;
  type?: string;
  origin?: string;
  org?: string;
}

async function upload(body: Uint8Array | ReadableStream<Uint8Array>, options: UploadOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': options.type ?? 'image/jpeg' };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.origin) headers.Origin = options.origin;
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body: body instanceof ReadableStream ? body : new Uint8Array(body) };
  if (body instanceof ReadableStream) init.duplex = 'half';
  const response = await t.app.request(`/v1/orgs/${options.org ?? 'test-council'}/media`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
}

async function fetchFile(url: string, headers: Record<string, string> = {}) {
  const response = await t.app.request(new URL(url).pathname, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const mediaFiles = () => {
  const dir = join(t.dataDir, 'media');
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.jpg')) : [];
};

// ─── Tests ──────────────────────────────────────────────────────────────────────────────────────

describe('recognising images by their bytes', () => {
  test('JPEG, PNG and WebP by magic numbers; anything else is not an image', async () => {
    assert.equal(sniffImage(await cameraJpeg()), 'image/jpeg');
    assert.equal(sniffImage(await transparentPng()), 'image/png');
    assert.equal(sniffImage(await webp()), 'image/webp');
    assert.equal(sniffImage(await gif()), null);
    assert.equal(sniffImage(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), null);
    assert.equal(sniffImage(Buffer.from('hello')), null);
    assert.equal(sniffImage(new Uint8Array()), null);
  });
});

describe('POST /v1/orgs/:org/media', () => {
  test('a camera JPEG is stored upright, without EXIF or GPS, with 320 px and 1600 px variants', async () => {
    const original = await cameraJpeg();
    // The test photo really carries what must go (otherwise this test could not fail).
    const before = await sharp(original).metadata();
    assert.equal(before.orientation, 6);
    assert.ok(exifTags(before.exif!).has(GPS_IFD), 'the upload has a GPS block');
    assert.ok(exifTags(before.exif!).has(MAKE));
    assert.equal(carriesMetadata(original).exif, true);
    assert.equal(carriesMetadata(original).maker, true);
    assert.ok(original.length > 64 * 1024, 'bigger than the 64 KB limit of other routes');

    const res = await upload(original, { token: people.resident.accessToken, origin: ORIGIN });
    assert.equal(res.status, 201, res.text);
    const photo = Photo.parse(res.json);
    // Turned upright: 2000×1000 rotated by 90° is 1000×2000.
    assert.deepEqual([photo.width, photo.height], [1000, 2000]);
    assert.match(photo.thumb, new RegExp(`/v1/media/${photo.id}/thumb\\.jpg$`));
    assert.match(photo.large, new RegExp(`/v1/media/${photo.id}/large\\.jpg$`));
    assert.equal(res.headers.get('location'), photo.large);

    for (const [url, size] of [
      [photo.thumb, [160, 320]],
      [photo.large, [800, 1600]],
    ] as const) {
      const file = await fetchFile(url);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('content-type'), 'image/jpeg');
      assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
      assert.match(file.headers.get('etag') ?? '', /^"[0-9a-f]{32}-(thumb|large)"$/);
      assert.equal(Number(file.headers.get('content-length')), file.bytes.length);
      const meta = await sharp(file.bytes).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.deepEqual([meta.width, meta.height], size);
      assert.equal(meta.exif, undefined);
      assert.equal(meta.orientation, undefined);
      assert.deepEqual(carriesMetadata(file.bytes), CLEAN);
    }

    // What is on disk, the re-encoded original included, has no metadata either.
    const files = mediaFiles();
    assert.equal(files.length, 3);
    for (const name of files) {
      const bytes = readFileSync(join(t.dataDir, 'media', String(name)));
      const meta = await sharp(join(t.dataDir, 'media', String(name))).metadata();
      assert.equal(meta.exif, undefined, String(name));
      assert.equal(meta.xmp, undefined);
      assert.equal(meta.iptc, undefined);
      assert.deepEqual(carriesMetadata(bytes), CLEAN);
    }
    const stored = files.find((name) => String(name).endsWith('original.jpg'));
    assert.ok(stored);
    const storedMeta = await sharp(join(t.dataDir, 'media', String(stored))).metadata();
    assert.deepEqual([storedMeta.width, storedMeta.height], [1000, 2000]);

    const record = await t.store.media.byId(t.org.id, photo.id);
    assert.ok(record);
    assert.equal(record.mime, 'image/jpeg');
    assert.equal(record.bytes, original.length);
    assert.equal(record.uploaderId, people.resident.user.id);
    assert.match(record.sha256, /^[0-9a-f]{64}$/);
  });

  test('a transparent PNG becomes a JPEG flattened onto white; a small image is not enlarged', async () => {
    const res = await upload(await transparentPng(), { token: people.resident.accessToken, type: 'image/png' });
    assert.equal(res.status, 201, res.text);
    const photo = Photo.parse(res.json);
    assert.deepEqual([photo.width, photo.height], [100, 40]);
    const large = await fetchFile(photo.large);
    const { data, info } = await sharp(large.bytes).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height, info.channels], [100, 40, 3]);
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    assert.ok(pixel(10, 20).every((v) => v > 240), `transparent is white: ${pixel(10, 20)}`);
    const [r, g, b] = pixel(90, 20);
    assert.ok(r! > 200 && g! < 60 && b! < 60, `red stays red: ${pixel(90, 20)}`);
    assert.equal((await t.store.media.byId(t.org.id, photo.id))?.mime, 'image/png');
    assert.deepEqual(carriesMetadata(large.bytes), CLEAN);
  });

  test('a WebP is accepted, and the bytes decide, not the Content-Type', async () => {
    const res = await upload(await webp(), { token: people.resident.accessToken, type: 'application/octet-stream' });
    assert.equal(res.status, 201, res.text);
    const photo = Photo.parse(res.json);
    assert.deepEqual([photo.width, photo.height], [640, 480]);
    assert.equal((await t.store.media.byId(t.org.id, photo.id))?.mime, 'image/webp');
    const thumb = await sharp((await fetchFile(photo.thumb)).bytes).metadata();
    assert.deepEqual([thumb.format, thumb.width, thumb.height], ['jpeg', 320, 240]);

    const png = await upload(await transparentPng(), { token: people.resident.accessToken, type: 'image/jpeg' });
    assert.equal(png.status, 201);
    assert.equal((await t.store.media.byId(t.org.id, png.json.id))?.mime, 'image/png');
  });

  test('wrong bytes with an image Content-Type, a text file, a GIF and a damaged JPEG: 415, nothing stored', async () => {
    const jpegHeadThenJunk = Buffer.concat([(await cameraJpeg()).subarray(0, 600), Buffer.alloc(4000, 0x41)]);
    const cases: [string, Buffer, string][] = [
      ['text as JPEG', Buffer.from('This is not a photo, honestly.'), 'image/jpeg'],
      ['HTML as PNG', Buffer.from('<svg onload="alert(1)"><script>alert(1)</script></svg>'), 'image/png'],
      ['text file', Buffer.from('name,street\nSam,Rye Lane\n'), 'text/plain'],
      ['GIF', await gif(), 'image/gif'],
      ['damaged JPEG', jpegHeadThenJunk, 'image/jpeg'],
      ['PNG signature only', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), 'image/png'],
    ];
    for (const [name, bytes, type] of cases) {
      const res = await upload(bytes, { token: people.resident.accessToken, type });
      assert.equal(res.status, 415, `${name}: ${res.text}`);
      assert.equal(res.json.error.code, 'unsupported_media_type', name);
      assert.ok(res.json.error.message.length > 10);
    }
    assert.deepEqual(mediaFiles(), []);
  });

  test('more than 10 MB is refused with 413, whether its length is declared or it streams in', async () => {
    const tooBig = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0);
    (await cameraJpeg()).copy(tooBig); // a real JPEG start, so only the size is wrong
    const declared = await upload(tooBig, { token: people.resident.accessToken });
    assert.equal(declared.status, 413, declared.text);
    assert.equal(declared.json.error.code, 'payload_too_large');

    // Chunked, with no Content-Length: counted as it arrives.
    const chunk = Buffer.alloc(1024 * 1024, 1);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_UPLOAD_BYTES + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await upload(stream, { token: people.resident.accessToken });
    assert.equal(streamed.status, 413, streamed.text);
    assert.deepEqual(mediaFiles(), []);

    // Exactly at the limit the size is fine (the bytes then are what is wrong).
    const atLimit = await upload(Buffer.alloc(MAX_UPLOAD_BYTES, 0x20), { token: people.resident.accessToken });
    assert.equal(atLimit.status, 415);
  });

  test('decompression bombs (tiny files declaring gigapixels) are refused before decoding: 413', async () => {
    for (const [name, bytes] of [
      ['PNG 50000×50000', await pngBomb(50_000, 50_000)],
      ['PNG 7000×7000 (49 MP)', await pngBomb(7000, 7000)],
      ['JPEG 65000×65000', await jpegBomb()],
    ] as const) {
      assert.ok(bytes.length < 2000, `${name} is tiny: ${bytes.length} bytes`);
      const declared = await sharp(bytes, { limitInputPixels: false }).metadata();
      assert.ok(declared.width * declared.height > 40_000_000, `${name} declares ${declared.width}×${declared.height}`);
      const started = performance.now();
      const res = await upload(bytes, { token: people.resident.accessToken, type: sniffImage(bytes)! });
      assert.equal(res.status, 413, `${name}: ${res.text}`);
      assert.equal(res.json.error.code, 'payload_too_large');
      assert.match(res.json.error.message, /megapixels/);
      assert.ok(performance.now() - started < 2000, 'refused at once, not after decoding');
    }
    // Just under the limit the header is fine; this file's pixel data is missing, so it is unreadable instead.
    const under = await upload(await pngBomb(6000, 6000), { token: people.resident.accessToken, type: 'image/png' });
    assert.equal(under.status, 415, under.text);
    assert.deepEqual(mediaFiles(), []);
  });

  test('anonymous: 401; an unknown organisation: 404; an origin the organisation does not allow: 403; an empty body: 400', async () => {
    const bytes = await webp();
    const anonymous = await upload(bytes);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await upload(bytes, { token: 'x'.repeat(43) })).status, 401);
    const unknown = await upload(bytes, { token: people.resident.accessToken, org: 'no-such-org' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'org_not_found');
    // other.example is another organisation's site: test-council does not accept writes from it.
    const foreign = await upload(bytes, { token: people.resident.accessToken, origin: OTHER_ORIGIN });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.json.error.code, 'origin_not_allowed');
    const stranger = await upload(bytes, { token: people.resident.accessToken, origin: 'http://evil.example' });
    assert.equal(stranger.status, 403);
    const empty = await upload(Buffer.alloc(0), { token: people.resident.accessToken });
    assert.equal(empty.status, 400);
    assert.deepEqual(mediaFiles(), []);
  });

  test('a photo belongs to the organisation it was uploaded to: another cannot use it', async () => {
    const mine = Photo.parse((await upload(await webp(), { token: people.resident.accessToken })).json);
    const theirs = Photo.parse((await upload(await transparentPng(), { token: people.foreignAdmin.accessToken, org: 'other-org', origin: OTHER_ORIGIN })).json);
    assert.ok(await t.store.media.byId(t.org.id, mine.id));
    assert.equal(await t.store.media.byId(t.otherOrg.id, mine.id), null);
    assert.equal(await t.store.media.byId(t.org.id, theirs.id), null);
    assert.deepEqual((await t.store.maps.photosOf(t.org.id, [theirs.id, mine.id])).map((p) => p.id), [mine.id]);

    // Attached to a contribution: this organisation's photo is taken, the other's refused.
    const project = await createProject(t, people.officer.accessToken);
    const garden = project.categories[1]!.id; // Compost bin: no required fields
    const base = `/v1/orgs/test-council/projects/${project.id}/contributions`;
    const body = (photos: string[]) => ({ type: 'Feature', geometry: INSIDE, properties: { category: garden, fields: {}, photos } });
    const refused = await t.call('POST', base, { token: people.resident.accessToken, body: body([theirs.id]) });
    assert.equal(refused.status, 400, refused.text);
    const added = await t.call('POST', base, { token: people.resident.accessToken, body: body([mine.id]) });
    assert.equal(added.status, 201, added.text);
    const feature = ContributionFeature.parse(added.json);
    assert.deepEqual(feature.properties.photos, [mine]);
  });

  test('the same bytes twice: two photos, one set of files', async () => {
    const bytes = await cameraJpeg();
    const first = Photo.parse((await upload(bytes, { token: people.resident.accessToken })).json);
    const second = Photo.parse((await upload(bytes, { token: people.officer.accessToken })).json);
    assert.notEqual(first.id, second.id);
    assert.deepEqual([second.width, second.height], [first.width, first.height]);
    assert.equal(mediaFiles().length, 3);
    assert.deepEqual((await fetchFile(second.thumb)).bytes, (await fetchFile(first.thumb)).bytes);
  });

  test('each person has a number of uploads per window (429 with Retry-After beyond it)', async () => {
    await t.close();
    t = await buildTestApp({ mediaUploadsPerWindow: 2 });
    people = await cast(t);
    const bytes = await webp();
    assert.equal((await upload(bytes, { token: people.resident.accessToken })).status, 201);
    assert.equal((await upload(bytes, { token: people.resident.accessToken })).status, 201);
    const third = await upload(bytes, { token: people.resident.accessToken });
    assert.equal(third.status, 429);
    assert.equal(third.json.error.code, 'rate_limited');
    assert.ok(Number(third.headers.get('retry-after')) > 0);
    // Someone else is not held back.
    assert.equal((await upload(bytes, { token: people.member.accessToken })).status, 201);
  });
});

describe('GET /v1/media/:id/:variant.jpg', () => {
  test('answers 304 to a matching If-None-Match, 404 for unknown ids and variants', async () => {
    const photo = Photo.parse((await upload(await webp(), { token: people.resident.accessToken })).json);
    const first = await fetchFile(photo.thumb);
    const etag = first.headers.get('etag')!;
    const again = await fetchFile(photo.thumb, { 'If-None-Match': `W/"nope", ${etag}` });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);
    assert.equal(again.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await fetchFile(photo.thumb, { 'If-None-Match': '"other"' })).status, 200);
    assert.notEqual((await fetchFile(photo.large)).headers.get('etag'), etag);

    for (const path of [
      `/v1/media/${photo.id}/original.jpg`,
      `/v1/media/${photo.id}/thumb.png`,
      `/v1/media/${photo.id}/thumb`,
      `/v1/media/${photo.id}/..%2F..%2Fcivic.db`,
      '/v1/media/no-such-photo/thumb.jpg',
    ]) {
      const res = await t.call('GET', path);
      assert.equal(res.status, 404, path);
      assert.equal(res.json.error.code, 'not_found');
    }
  });

  test('anyone can load a photo by its URL (no sign-in: an <img> sends none)', async () => {
    const photo = Photo.parse((await upload(await webp(), { token: people.resident.accessToken })).json);
    const res = await t.app.request(new URL(photo.large).pathname, { headers: { Origin: 'http://anyone.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
  });
});

describe('over real HTTP (the test API on 127.0.0.1)', () => {
  test('upload, serve with cache headers, and the 10 MB limit, through the Node server', async () => {
    const { startTestApi } = await import('./support/server.js');
    const api = await startTestApi();
    try {
      const { accessToken } = await api.makeRole('http-resident@test.example', 'test-council', 'resident');
      const post = (body: Uint8Array) =>
        fetch(`${api.url}/v1/orgs/test-council/media`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'image/jpeg' }, body: new Uint8Array(body) });
      const created = await post(await cameraJpeg());
      assert.equal(created.status, 201, await created.clone().text());
      const photo = Photo.parse(await created.json());
      assert.ok(photo.thumb.startsWith(`${api.url}/v1/media/`), photo.thumb);
      const thumb = await fetch(photo.thumb);
      assert.equal(thumb.status, 200);
      assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
      assert.equal(thumb.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      const bytes = Buffer.from(await thumb.arrayBuffer());
      assert.equal((await sharp(bytes).metadata()).width, 160);
      assert.deepEqual(carriesMetadata(bytes), CLEAN);
      const head = await fetch(photo.thumb, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('etag'), thumb.headers.get('etag'));

      const tooBig = await post(Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 0xff));
      assert.equal(tooBig.status, 413);
      assert.equal(((await tooBig.json()) as { error: { code: string } }).error.code, 'payload_too_large');
      // Other routes keep their 64 KB limit.
      const big = await fetch(`${api.url}/v1/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) });
      assert.equal(big.status, 413);
    } finally {
      await api.close();
    }
  });
});
