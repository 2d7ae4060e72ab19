// web-test-runner plugin for the end-to-end browser tests (test/browser/**):
// - serverStart: builds the CDN bundle when it is missing or older than the element sources,
//   then starts the reference server (support/auth-server.ts) as a child process on
//   127.0.0.1 with a random port, a temporary data directory and the test page's origins allowed;
// - serves `/__cloud-login/env.js` (the server's URL for the tests), the bundle at
//   `/cloud-login.js` + `/chunks/*` (as a site would host it) from a copy taken at start — so a
//   rebuild of packages/elements/cdn during the run (it is emptied first) cannot pull the
//   files away mid-test — and the test pages in
//   test/browser/pages at `/__cloud-login/pages/*` with `%AUTH_ORIGIN%` (the server) and
//   `%API_BASE%` (the server plus the page's `?lane=`, see auth-server.ts) filled in;
// - serverStop: stops the server and removes its data.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dist = join(root, 'packages/elements/cdn');
const pagesDir = fileURLToPath(new URL('../pages/', import.meta.url));

function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

/** Runs the elements' build script when the bundle is missing or older than its sources. */
function ensureBundle(logger, force = false) {
  const bundle = join(dist, 'cloud-login.js');
  const sources = Math.max(
    newest(join(root, 'packages/elements/src')),
    newest(join(root, 'packages/core/src')),
  );
  if (!force && existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  logger?.log?.('cloud-login e2e: building the bundle (packages/elements/cdn)…');
  const result = spawnSync(process.execPath, [join(root, 'packages/elements/scripts/build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`cloud-login e2e: bundle build failed\n${result.stdout}\n${result.stderr}`);
}

/** Copies the built bundle to `target`; rebuilds once if a concurrent build left it incomplete. */
function snapshotBundle(target, logger) {
  for (let attempt = 0; attempt < 2; attempt++) {
    rmSync(target, { recursive: true, force: true });
    try {
      cpSync(dist, target, { recursive: true });
      const entry = readFileSync(join(target, 'cloud-login.js'), 'utf8');
      const chunks = [...entry.matchAll(/["'`]\.\/(chunks\/[\w-]+\.js)["'`]/g)].map((m) => m[1]);
      if (chunks.every((chunk) => existsSync(join(target, chunk)))) return;
    } catch {
      // missing or half-written: build again below
    }
    ensureBundle(logger, true);
  }
  throw new Error('cloud-login e2e: could not take a complete copy of packages/elements/cdn');
}

/** Starts auth-server.ts and resolves with its URL once it prints the ready line. */
function startServer({ dataDir, origins, bundleDir }) {
  const child = spawn(
    process.execPath,
    ['--conditions=cloud-login-source', '--import', 'tsx', join(root, 'test/browser/support/auth-server.ts')],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, ALLOWED_ORIGINS: origins.join(','), BUNDLE_DIR: bundleDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('did not start within 30 s')), 30_000);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`cloud-login e2e server: ${error.message}\n${output}`));
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /cloud-login-e2e ready (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    // Errors the app logs while tests run show up in the runner's output.
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(`[auth-server] ${chunk}`);
    });
    child.on('exit', (code) => fail(new Error(`exited with ${code}`)));
    child.on('error', fail);
  });
}

export function cloudLoginServerPlugin() {
  let child;
  let url;
  let dataDir;
  let bundleDir;

  return {
    name: 'cloud-login-e2e-server',

    async serverStart({ config, logger }) {
      ensureBundle(logger);
      dataDir = mkdtempSync(join(tmpdir(), 'cloud-login-e2e-'));
      bundleDir = join(dataDir, 'bundle');
      snapshotBundle(bundleDir, logger);
      const port = config.port;
      const hosts = new Set(['localhost', '127.0.0.1', config.hostname].filter(Boolean));
      const origins = [...hosts].map((host) => `http://${host}:${port}`);
      ({ child, url } = await startServer({ dataDir: join(dataDir, 'store'), origins, bundleDir }));
    },

    async serverStop() {
      if (child && child.exitCode === null) {
        child.removeAllListeners('exit');
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(force);
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },

    serve(context) {
      const path = context.path;
      if (path === '/__cloud-login/env.js') {
        return {
          body: `export const API_ORIGIN = ${JSON.stringify(url)};\n`,
          type: 'js',
          headers: { 'cache-control': 'no-store' },
        };
      }
      if (path === '/cloud-login.js' || (path.startsWith('/chunks/') && path.endsWith('.js'))) {
        const file = normalize(join(bundleDir, path));
        if (!file.startsWith(bundleDir + sep) || !existsSync(file)) return undefined;
        return { body: readFileSync(file, 'utf8'), type: 'js', headers: { 'cache-control': 'no-store' } };
      }
      if (path.startsWith('/__cloud-login/pages/') && path.endsWith('.html')) {
        const file = normalize(join(pagesDir, path.slice('/__cloud-login/pages/'.length)));
        if (!file.startsWith(pagesDir) || !existsSync(file)) return undefined;
        const lane = /^[\w-]{1,40}$/.test(context.query.lane ?? '') ? context.query.lane : undefined;
        const body = readFileSync(file, 'utf8')
          .replaceAll('%AUTH_ORIGIN%', url)
          .replaceAll('%API_BASE%', lane ? `${url}/lanes/${lane}` : url);
        return { body, type: 'html', headers: { 'cache-control': 'no-store' } };
      }
      return undefined;
    },

    // The dev server appends its live-reload script to every HTML page; the test pages must stay
    // exactly what a site would write (the plain page: one script tag), so it comes out again.
    // Runs after the dev server's own transform (its plugin is first in the list).
    transform(context) {
      if (!context.path.startsWith('/__cloud-login/pages/') || typeof context.body !== 'string')
        return undefined;
      return context.body.replace(
        /<!-- injected by web-dev-server -->\s*<script[^>]*__web-dev-server__web-socket\.js[^>]*><\/script>/,
        '',
      );
    },
  };
}
