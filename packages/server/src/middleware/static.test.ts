/** The dev server's static files: served with a type, never outside their root, no dotfiles. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../testing.ts';

describe('staticFiles', () => {
  let root: string;
  let h: Harness;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'cl-static-'));
    await mkdir(join(root, 'site', 'sub'), { recursive: true });
    await writeFile(join(root, 'site', 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(root, 'site', 'sub', 'app.js'), 'export {};');
    await writeFile(join(root, 'site', '.env'), 'SECRET=1');
    await writeFile(join(root, 'secret.txt'), 'outside');
    await writeFile(join(root, 'bundle.js'), 'console.log(1)');
    h = await createHarness({
      staticFiles: { '/': join(root, 'site'), '/cloud-login.js': join(root, 'bundle.js') },
    });
  });
  after(async () => {
    await h.close();
    await rm(root, { recursive: true, force: true });
  });

  test('files and folders are served with their type; the API still wins', async () => {
    const index = await h.get('/', { headers: { Accept: 'text/html' } });
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    const js = await h.get('/sub/app.js');
    assert.match(js.headers.get('content-type') ?? '', /text\/javascript/);
    // Outside /api, so the files set their own: never sniffed, always revalidated.
    for (const answer of [index, js]) {
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(answer.headers.get('cache-control'), 'no-cache');
    }
    assert.equal((await h.get('/cloud-login.js')).text, 'console.log(1)');
    assert.equal((await h.get('/api/jdcloud/config')).body.provider, 'jdcloud');
  });

  test('scripts can be embedded by other origins (module scripts load in CORS mode)', async () => {
    const bundle = await h.get('/cloud-login.js', { headers: { Origin: 'https://console.example.com' } });
    assert.equal(bundle.status, 200);
    assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
    assert.equal(bundle.headers.get('access-control-allow-credentials'), null);
    const page = await h.get('/', {
      headers: { Accept: 'text/html', Origin: 'https://console.example.com' },
    });
    assert.equal(page.headers.get('access-control-allow-origin'), null);
  });

  test('no way out of the root, no dotfiles, no writes', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/sub/..%2f..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/.env',
      '/sub/%2e%2e/.env',
      '/%00',
    ]) {
      const answer = await h.get(path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.error.code, 'not_found');
    }
    assert.equal((await h.call('POST', '/sub/app.js', { body: {} })).status, 404);
  });
});
