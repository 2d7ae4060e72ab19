/**
 * Compression and caching (packages/server/README.md, "Compression and caching"): encodings
 * negotiated from precompressed siblings or compressed once, `Vary`, `Content-Length`, cache
 * headers per mount, strong ETags and 304s; JSON answers compressed above a threshold.
 * Headers and bodies only.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../testing.ts';
import { negotiate } from './encodings.ts';

/** An answer's raw bytes (fetch through `app.request` does not decode them). */
async function raw(h: Harness, path: string, headers: Record<string, string> = {}) {
  const answer = await h.app.request(path, { headers });
  return { status: answer.status, headers: answer.headers, bytes: Buffer.from(await answer.arrayBuffer()) };
}

const script = `export const greeting = ${JSON.stringify('hello '.repeat(200))};\n`;
const entry = `import './chunks/a-1234.js';\n// ${'entry '.repeat(150)}\n`;
const demoScript = `// A comment the minifier drops.\nexport function longName(argument) {\n  return argument + ${JSON.stringify('x'.repeat(600))};\n}\n`;

describe('static files: compression and caching', () => {
  let root: string;
  let h: Harness;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'cl-static-cache-'));
    await mkdir(join(root, 'cdn', 'chunks'), { recursive: true });
    await mkdir(join(root, 'demo'), { recursive: true });
    await writeFile(join(root, 'cdn', 'cloud-login.js'), entry);
    await writeFile(join(root, 'cdn', 'chunks', 'a-1234.js'), script);
    // Siblings whose content marks them, so a test can tell they were served.
    await writeFile(join(root, 'cdn', 'chunks', 'a-1234.js.br'), brotliCompressSync(`${script}// br\n`));
    await writeFile(join(root, 'cdn', 'chunks', 'a-1234.js.gz'), gzipSync(`${script}// gz\n`));
    await writeFile(join(root, 'cdn', 'chunks', 'tiny-1234.js'), 'export {};');
    await writeFile(join(root, 'demo', 'demo.js'), demoScript);
    await writeFile(join(root, 'demo', 'logo.png'), Buffer.alloc(2048, 7));
    h = await createHarness({
      staticFiles: {
        '/cloud-login.js': { path: join(root, 'cdn', 'cloud-login.js'), cache: { maxAge: 300 } },
        '/chunks': { path: join(root, 'cdn', 'chunks'), cache: 'immutable' },
        '/': { path: join(root, 'demo'), minify: true },
      },
    });
  });
  after(async () => {
    await h.close();
    await rm(root, { recursive: true, force: true });
  });

  test('Accept-Encoding picks brotli, gzip or identity; the precompressed files are what is sent', async () => {
    const path = '/chunks/a-1234.js';
    const br = await raw(h, path, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(brotliDecompressSync(br.bytes).toString(), `${script}// br\n`);
    const gz = await raw(h, path, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(gz.bytes).toString(), `${script}// gz\n`);
    const preferGzip = await raw(h, path, { 'Accept-Encoding': 'br;q=0.5, gzip' });
    assert.equal(preferGzip.headers.get('content-encoding'), 'gzip');
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const plain = await raw(h, path, accept ? { 'Accept-Encoding': accept } : {});
      assert.equal(plain.headers.get('content-encoding'), null, String(accept));
      assert.equal(plain.bytes.toString(), script);
    }
    for (const answer of [br, gz]) {
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('vary'), 'Accept-Encoding');
      assert.equal(answer.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(answer.headers.get('content-length'), String(answer.bytes.length));
    }
  });

  test('without a precompressed file, the file is compressed here; tiny and binary files are not', async () => {
    const br = await raw(h, '/cloud-login.js', { 'Accept-Encoding': 'br' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(brotliDecompressSync(br.bytes).toString(), entry);
    assert.ok(br.bytes.length < entry.length / 4);
    for (const path of ['/chunks/tiny-1234.js', '/logo.png']) {
      const answer = await raw(h, path, { 'Accept-Encoding': 'br, gzip' });
      assert.equal(answer.headers.get('content-encoding'), null, path);
      assert.equal(answer.headers.get('vary'), null, path);
    }
  });

  test('hashed chunks are immutable for a year; the entry is short-lived; other files revalidate', async () => {
    const chunk = await raw(h, '/chunks/a-1234.js');
    assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const main = await raw(h, '/cloud-login.js');
    assert.equal(main.headers.get('cache-control'), 'public, max-age=300');
    const demo = await raw(h, '/demo.js');
    assert.equal(demo.headers.get('cache-control'), 'no-cache');
  });

  test('a strong ETag per representation; If-None-Match answers 304 without a body', async () => {
    const identity = await raw(h, '/cloud-login.js');
    const br = await raw(h, '/cloud-login.js', { 'Accept-Encoding': 'br' });
    const gz = await raw(h, '/cloud-login.js', { 'Accept-Encoding': 'gzip' });
    const tags = [identity, br, gz].map((a) => a.headers.get('etag') ?? '');
    for (const tag of tags) assert.match(tag, /^"[\w-]+(\.br|\.gz)?"$/);
    assert.equal(new Set(tags).size, 3, 'each representation has its own tag');

    const again = await raw(h, '/cloud-login.js', { 'Accept-Encoding': 'br', 'If-None-Match': tags[1]! });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);
    assert.equal(again.headers.get('etag'), tags[1]);
    assert.equal(again.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(again.headers.get('vary'), 'Accept-Encoding');
    // A cache that stored another representation revalidates it too (weak comparison).
    const other = await raw(h, '/cloud-login.js', { 'If-None-Match': `"nope", W/${tags[2]!}` });
    assert.equal(other.status, 304);
    const stale = await raw(h, '/cloud-login.js', { 'If-None-Match': '"nope"' });
    assert.equal(stale.status, 200);
    assert.equal(stale.bytes.toString(), entry);
  });

  test('a changed file gets a new ETag and its new bytes', async () => {
    const before = await raw(h, '/chunks/tiny-1234.js');
    await writeFile(join(root, 'cdn', 'chunks', 'tiny-1234.js'), 'export const changed = 1;');
    const after = await raw(h, '/chunks/tiny-1234.js', { 'If-None-Match': before.headers.get('etag')! });
    assert.equal(after.status, 200);
    assert.equal(after.bytes.toString(), 'export const changed = 1;');
    assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
  });

  test('HEAD answers the headers of GET, without the body', async () => {
    const head = await h.app.request('/chunks/a-1234.js', {
      method: 'HEAD',
      headers: { 'Accept-Encoding': 'gzip' },
    });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-encoding'), 'gzip');
    assert.equal(head.headers.get('content-length'), String(gzipSync(`${script}// gz\n`).length));
    assert.equal((await head.arrayBuffer()).byteLength, 0);
  });

  test('a mount with `minify` serves its scripts minified (and compressed from those bytes)', async () => {
    const plain = (await raw(h, '/demo.js')).bytes.toString();
    assert.ok(plain.length < demoScript.length, plain);
    assert.doesNotMatch(plain, /A comment the minifier drops/);
    assert.match(plain, /export/);
    const gz = await raw(h, '/demo.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gunzipSync(gz.bytes).toString(), plain);
  });
});

describe('JSON answers: compressed from a threshold', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ compression: { threshold: 1024 } });
  });
  after(() => h.close());

  test('a large JSON answer is compressed when accepted; a small one is not', async () => {
    const big = await raw(h, '/openapi.json', { 'Accept-Encoding': 'br, gzip' });
    assert.equal(big.status, 200);
    assert.equal(big.headers.get('content-encoding'), 'br');
    assert.match(big.headers.get('vary') ?? '', /Accept-Encoding/);
    assert.equal(big.headers.get('content-length'), String(big.bytes.length));
    const document = JSON.parse(brotliDecompressSync(big.bytes).toString());
    assert.equal(typeof document.openapi, 'string');
    const gz = await raw(h, '/openapi.json', { 'Accept-Encoding': 'gzip' });
    assert.deepEqual(JSON.parse(gunzipSync(gz.bytes).toString()), document);
    const plain = await raw(h, '/openapi.json');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.deepEqual(JSON.parse(plain.bytes.toString()), document);

    const small = await raw(h, '/api/jdcloud/session', { 'Accept-Encoding': 'br, gzip' });
    assert.equal(small.status, 401);
    assert.equal(small.headers.get('content-encoding'), null);
    assert.equal(JSON.parse(small.bytes.toString()).error.code, 'unauthenticated');
  });

  test('compression: false sends every answer as it is', async () => {
    const off = await createHarness({ compression: false });
    try {
      const answer = await raw(off, '/openapi.json', { 'Accept-Encoding': 'br, gzip' });
      assert.equal(answer.headers.get('content-encoding'), null);
      assert.equal(answer.headers.get('vary'), null);
    } finally {
      await off.close();
    }
  });
});

test('negotiate: q-values, wildcards, and identity as the last resort', () => {
  const both = ['br', 'gzip'] as const;
  assert.equal(negotiate('gzip, br', both), 'br');
  assert.equal(negotiate('br;q=0.1, gzip;q=0.9', both), 'gzip');
  assert.equal(negotiate('*', both), 'br');
  assert.equal(negotiate('*;q=0.5, identity', both), 'identity');
  assert.equal(negotiate('br', ['gzip']), 'identity');
  assert.equal(negotiate('identity;q=0', []), 'identity');
  assert.equal(negotiate(undefined, both), 'identity');
});
