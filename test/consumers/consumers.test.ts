/**
 * The packages as a user gets them: `npm pack`ed, installed by path into fresh apps made from
 * create-vite's own templates (its tsconfig files untouched: standard decorators,
 * `erasableSyntaxOnly`, `verbatimModuleSyntax`), type-checked, built with Vite, and signed in
 * with in Chromium against the packed server's bin, run by `node` in production mode.
 *
 * The app code is the README's: the snippets of packages/elements/README.md are the files under
 * test/consumers/apps/ (readme.test.ts holds them equal).
 *
 * Installs are cached under node_modules/.cache/cloud-login-consumers (keyed by the tarballs'
 * and the dependency list's hashes); a run with unchanged packages only builds and tests.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import {
  cacheDir,
  copyTree,
  createViteTemplates,
  installProject,
  must,
  packWorkspaces,
  root,
  run,
  serveStatic,
  type Ran,
  type StaticServer,
} from './support.ts';

const started = performance.now();
const fixtures = join(root, 'test/consumers/apps');
const project = join(cacheDir, 'project');
const angularProject = join(cacheDir, 'project-angular');
const work = mkdtempSync(join(tmpdir(), 'cl-consumers-'));

/** The apps' own dependencies: create-vite's react-ts template's versions (linters left out). */
const DEPENDENCIES = {
  typescript: '~7.0.2',
  vite: '^8.3.4',
  react: '^19.3.1',
  'react-dom': '^19.3.1',
  '@types/react': '^19.3.0',
  '@types/react-dom': '^19.3.0',
  '@vitejs/plugin-react': '^6.1.2',
  // The Preact and Solid typings are checked too (types only, nothing built).
  preact: '^10.27.0',
  'solid-js': '^1.9.0',
  // create-vite's vue-ts and svelte-ts templates'.
  vue: '^3.5.44',
  '@vitejs/plugin-vue': '^6.0.10',
  svelte: '^5.57.2',
  '@sveltejs/vite-plugin-svelte': '^7.3.1',
};

/**
 * The Angular app's: what `ng new --minimal` puts in package.json, less the router and forms
 * (the app uses neither). Angular 21: Angular 22 asks for Node ^22.22 or ^24.15, and the suite
 * runs on the Node the repository asks for (20.19+, package.json's engines).
 */
const ANGULAR_DEPENDENCIES = {
  '@angular/common': '^21.2.0',
  '@angular/compiler': '^21.2.0',
  '@angular/core': '^21.2.0',
  '@angular/platform-browser': '^21.2.0',
  rxjs: '~7.8.0',
  tslib: '^2.3.0',
  '@angular/build': '^21.2.30',
  '@angular/cli': '^21.2.30',
  '@angular/compiler-cli': '^21.2.0',
  typescript: '~5.9.2',
};

/** The snippets' public URLs, pointed at this run's servers. */
const SNIPPET_API = 'https://auth.example.com';
const SNIPPET_CDN = 'https://cdn.jsdelivr.net/npm/@cloud-login/elements@0.1';
const PASSWORD = 'consumer test 2024';

const bin = (name: string, from = project) => join(from, 'node_modules/.bin', name);
const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let checks: Record<string, Promise<Ran>> = {};
let unpacked = '';
let server: { origin: string; child: ChildProcess; output: () => string } | undefined;
const statics: StaticServer[] = [];
let browser: Browser | undefined;

/**
 * The apps, each served on its own origin from what its build wrote. The Vite apps are
 * create-vite's template with our files over it, in the shared project; the Angular app is the
 * files `ng new` writes (trimmed to what it builds), in a project of its own (Angular's compiler
 * wants TypeScript 5.9, the Vite apps' tsc is 7). Its angular.json keeps Angular's build cache
 * beside the app folder, in CI too: a warm cache halves the build's CPU time.
 */
const APPS = {
  vanilla: { project, template: 'template-vanilla-ts', tsconfig: 'tsconfig.json', dist: 'dist' },
  react: { project, template: 'template-react-ts', tsconfig: 'tsconfig.app.json', dist: 'dist' },
  vue: { project, template: 'template-vue-ts', tsconfig: 'tsconfig.json', dist: 'dist' },
  svelte: { project, template: 'template-svelte-ts', tsconfig: 'tsconfig.json', dist: 'dist' },
  angular: {
    project: angularProject,
    template: undefined,
    tsconfig: 'tsconfig.app.json',
    dist: 'dist/consumer/browser',
  },
} as const;
type App = keyof typeof APPS;
const appNames = Object.keys(APPS) as App[];
const appDir = (name: App) => join(APPS[name].project, 'apps', name);
const origins = {} as Record<App | 'html' | 'cdn', string>;
const timings: string[] = [];

/** An app folder: its template (create-vite's tsconfig files, index.html, vite.config.ts) if any, then our files over it. */
function layOut(name: App, templates: string): string {
  const dir = appDir(name);
  rmSync(dir, { recursive: true, force: true });
  const { template } = APPS[name];
  if (template)
    copyTree(
      join(templates, template),
      dir,
      (entry) => entry === 'src' || entry === 'package.json' || entry.startsWith('_'),
    );
  copyTree(join(fixtures, name), dir);
  // The same project under the strictest consumer settings: every library's .d.ts checked too.
  const strict = {
    extends: `./${APPS[name].tsconfig}`,
    compilerOptions: { strict: true, skipLibCheck: false },
    ...(name === 'react' && { include: ['src', '../other-jsx'] }),
  };
  writeFileSync(join(dir, 'tsconfig.strict.json'), `${JSON.stringify(strict, null, 2)}\n`);
  return dir;
}

/** Preact's and Solid's JSX typings of the package: a file each, checked with the React app (a pragma picks the JSX). */
function layOutOtherJsx(): string {
  const dir = join(project, 'apps/other-jsx');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'preact.tsx'),
    `/** @jsxImportSource preact */\nimport type {} from '@cloud-login/elements/preact';\n` +
      `export const login = <cloud-login provider="default" theme="dark" oncloud-login-success={(event) => console.log(event.detail.account.id)} />;\n`,
  );
  writeFileSync(
    join(dir, 'solid.tsx'),
    `/** @jsxImportSource solid-js */\nimport type {} from '@cloud-login/elements/solid';\n` +
      `export const login = <cloud-login provider="default" theme="dark" on:cloud-login-success={(event) => console.log(event.detail.account.id)} />;\n`,
  );
  // Vue's and Svelte's typings: the tags are known, their events typed (vue-tsc and svelte-check
  // need TypeScript 5's compiler API, which the apps' TypeScript 7 has not; the apps are built).
  writeFileSync(
    join(dir, 'vue-svelte.ts'),
    `import type { GlobalComponents } from 'vue';\nimport type { SvelteHTMLElements } from 'svelte/elements';\n` +
      `import type { CloudLoginSuccessEvent } from '@cloud-login/elements';\n` +
      `import type {} from '@cloud-login/elements/vue';\nimport type {} from '@cloud-login/elements/svelte';\n` +
      `type Handler<T> = T extends ((event: infer E) => void) | undefined ? E : never;\n` +
      `type Props<C> = C extends new (...args: never[]) => { $props: infer P } ? P : never;\n` +
      `export const vue: Handler<Props<GlobalComponents['cloud-login']>['onCloudLoginSuccess']> = null! as CloudLoginSuccessEvent;\n` +
      `export const svelte: Handler<SvelteHTMLElements['cloud-login']['oncloud-login-success']> = null! as CloudLoginSuccessEvent;\n`,
  );
  return dir;
}

/**
 * A loopback SMTP server that accepts and drops every message: in production mode an email
 * registration (`default` verifies its address) needs a sender, as a real deployment has.
 */
function mailSink(): Promise<string> {
  return new Promise((resolve, reject) => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    smtp.on('error', reject);
    smtp.listen(0, '127.0.0.1', () => {
      smtp.server.unref();
      resolve(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`);
    });
  });
}

/** Starts the packed server's bin with `node` (production mode: no --dev) and waits for its URL. */
async function startServer(allowedOrigins: string[]): Promise<NonNullable<typeof server>> {
  const smtpUrl = await mailSink();
  const pkg = join(project, 'node_modules/@cloud-login/server');
  const { bin: bins } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const entry = join(pkg, typeof bins === 'string' ? bins : bins['cloud-login-server']);
  const dataDir = join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [entry], {
    cwd: work,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ALLOWED_ORIGINS: allowedOrigins.join(','),
      SMTP_URL: smtpUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server bin did not listen within 60 s:\n${output}`));
    }, 60_000);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ origin: match[1]!, child, output: () => output });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server bin exited (${code}):\n${output}`));
    });
  });
}

before(
  async () => {
    // A first run (a clean clone, as in CI) installs the apps' own dependencies while the
    // packages build; the installs below then add only the tarballs and their dependencies.
    const preinstall = (dir: string, dependencies: Record<string, string>) =>
      existsSync(join(dir, 'node_modules')) ? undefined : installProject(dir, {}, dependencies);
    const [{ tarballs }, templates, pre, angularPre] = await Promise.all([
      packWorkspaces().then((packed) => {
        timings.push(
          packed.cached
            ? 'tarballs cached'
            : `built and packed in ${Math.round(performance.now() - started)} ms`,
        );
        return packed;
      }),
      createViteTemplates(),
      preinstall(project, DEPENDENCIES),
      preinstall(angularProject, ANGULAR_DEPENDENCIES),
    ]);
    if (pre) timings.push(`apps' dependencies installed meanwhile in ${Math.round(pre.ms)} ms`);
    if (angularPre) timings.push(`Angular's installed meanwhile in ${Math.round(angularPre.ms)} ms`);
    // The Angular app needs only the elements (and the core they depend on).
    const { '@cloud-login/server': _server, ...browserTarballs } = tarballs;
    const [install, angularInstall] = await Promise.all([
      installProject(project, tarballs, DEPENDENCIES),
      installProject(angularProject, browserTarballs, ANGULAR_DEPENDENCIES),
    ]);
    for (const [what, { installed, ms }] of [
      ['apps', install],
      ['Angular app', angularInstall],
    ] as const)
      timings.push(installed ? `${what} installed in ${Math.round(ms)} ms` : `${what} install cached`);

    // Servers first: the app builds below keep both cores busy. The static servers read their
    // folders per request, so the apps' dist/ folders may come later.
    // The CDN files come from the tarball as an npm CDN would unpack it.
    unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    await must('tar', run('tar', ['xzf', tarballs['@cloud-login/elements'], '-C', unpacked]));

    const api = () => [[SNIPPET_API, server?.origin ?? SNIPPET_API] as [string, string]];
    const pages = await Promise.all([
      ...appNames.map((name) => serveStatic(join(appDir(name), APPS[name].dist), api)),
      serveStatic(join(fixtures, 'html'), () => [...api(), [SNIPPET_CDN, origins.cdn]]),
    ]);
    const cdn = await serveStatic(join(unpacked, 'package'));
    statics.push(...pages, cdn);
    [...appNames, 'html' as const].forEach((name, i) => (origins[name] = pages[i]!.origin));
    origins.cdn = cdn.origin;
    server = await startServer(pages.map((page) => page.origin));
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROME_ARGS,
    });

    const { vanilla, react, vue, svelte, angular } = Object.fromEntries(
      appNames.map((name) => [name, layOut(name, templates)]),
    ) as Record<App, string>;
    layOutOtherJsx();
    const tsc = (dir: string, config: string, from = project) =>
      run(bin('tsc', from), ['--noEmit', '-p', config], { cwd: dir });
    const viteBuild = (dir: string) => run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: dir });
    checks = {
      'vanilla tsc': tsc(vanilla, 'tsconfig.json'),
      'vanilla tsc strict': tsc(vanilla, 'tsconfig.strict.json'),
      'vanilla build': viteBuild(vanilla),
      'react tsc': tsc(react, 'tsconfig.app.json'),
      // With Preact's and Solid's JSX files in the same program: one more check of every library's
      // declarations would cost as much again.
      'react, preact and solid tsc strict': tsc(react, 'tsconfig.strict.json'),
      'react build': viteBuild(react),
      'vue build': viteBuild(vue),
      'svelte build': viteBuild(svelte),
      // `ng build` type-checks the templates (strictTemplates, as `ng new` sets it) and builds.
      'angular build': run(bin('ng', angularProject), ['build'], {
        cwd: angular,
        env: { NG_CLI_ANALYTICS: 'false' },
      }),
      // Legacy decorators (experimentalDecorators, as Angular's tsconfig has it), TypeScript 5.9.
      'angular tsc strict': tsc(angular, 'tsconfig.strict.json', angularProject),
    };
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) {
    const exited = new Promise((resolve) => server!.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  await Promise.all(statics.map((s) => s.close()));
  rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  console.log(
    `[figure] consumer suite: ${((performance.now() - started) / 1000).toFixed(1)} s (${timings.join(', ')})`,
  );
});

/** A check's outcome, its time in the suite's figure. */
async function passes(...names: string[]) {
  for (const name of names) {
    const result = await checks[name]!;
    timings.push(`${name} ${(result.ms / 1000).toFixed(1)} s`);
    assert.equal(result.code, 0, `${name}:\n${result.output.slice(-6000)}`);
  }
}

test("a Vite + TypeScript app type-checks with create-vite's tsconfig, and with skipLibCheck: false", () =>
  passes('vanilla tsc', 'vanilla tsc strict'));

test("a React 19 app type-checks <cloud-login> and its oncloud-login-success prop (create-vite's tsconfig, then skipLibCheck: false)", () =>
  passes('react tsc', 'react, preact and solid tsc strict'));

test('the Vite, React 19, Vue 3 and Svelte 5 apps build with vite build', () =>
  passes('vanilla build', 'react build', 'vue build', 'svelte build'));

test("the Angular app builds with ng build (strict templates: (cloud-login-success)'s $event is a CloudLoginSuccessEvent), and type-checks with legacy decorators and skipLibCheck: false", () =>
  passes('angular build', 'angular tsc strict'));

test('node runs the packed server bin, in production mode', async () => {
  assert.doesNotMatch(server!.output(), /dev mode/);
  const config = await fetch(`${server!.origin}/api/default/config`);
  assert.equal(config.status, 200);
  for (const path of [
    '/api/default/dev/outbox?to=a@example.com',
    '/api/jdcloud/dev/outbox?to=a@example.com',
  ]) {
    assert.equal((await fetch(`${server!.origin}${path}`)).status, 404, `${path} is not served`);
  }
});

let accounts = 0;
/** A fresh account on the server, by its HTTP API (what registration would have made). */
async function account(): Promise<string> {
  const email = `consumer-${Date.now()}-${++accounts}@example.com`;
  const answer = await fetch(`${server!.origin}/api/default/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origins.vanilla },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(answer.status, 201, `POST /accounts: ${answer.status} ${await answer.text()}`);
  return email;
}

/**
 * Opens the page and signs in on its <cloud-login> the way a person does (password tab, email,
 * password, "Log in"), then waits for `shown`: the page's own proof that its handler got the
 * account. The page's errors are part of any failure. Returns the URLs the page requested.
 */
async function signsIn(
  url: string,
  shown: (page: Page, email: string) => Promise<unknown>,
): Promise<string[]> {
  const email = await account();
  const requests: string[] = [];
  const errors: string[] = [];
  const page = await browser!.newPage();
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('request', (request) => requests.push(request.url()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('cloud-login') !== undefined, undefined, {
      timeout: 20_000,
    });
    const tab = page.getByRole('tab', { name: 'Password login' });
    if (await tab.count()) await tab.click();
    await page.getByLabel('Email / Phone number').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await shown(page, email);
  } catch (error) {
    throw new Error(`${(error as Error).message}\npage errors: ${errors.join('\n')}`);
  } finally {
    await page.close();
  }
  return requests;
}

const SIGN_INS: Record<App, string> = {
  vanilla: "the Vite app's page defines <cloud-login> and signs in against the server",
  react: 'the React app receives cloud-login-success through its oncloud-login-success prop',
  vue: 'the Vue 3 app receives cloud-login-success through @cloud-login-success',
  svelte: 'the Svelte 5 app receives cloud-login-success through oncloud-login-success',
  angular: 'the Angular app receives cloud-login-success through (cloud-login-success)',
};
for (const app of appNames) {
  test(`${SIGN_INS[app]}, and shows the account`, { timeout: 90_000 }, async () => {
    const build = await checks[`${app} build`]!;
    assert.equal(build.code, 0, `${app} build`);
    await signsIn(`${origins[app]}/`, (page, email) =>
      page.getByText(`Signed in as ${email}`, { exact: true }).waitFor({ timeout: 20_000 }),
    );
  });
}

test(
  'a plain HTML page loading cdn/cloud-login.js from the unpacked tarball on another origin signs in',
  { timeout: 90_000 },
  async () => {
    const requests = await signsIn(`${origins.html}/`, (page, email) =>
      page.waitForFunction((expected) => document.title === expected, `Signed in as ${email}`, {
        timeout: 20_000,
      }),
    );
    const fromCdn = requests.filter((url) => url.startsWith(origins.cdn));
    assert.ok(
      fromCdn.includes(`${origins.cdn}/cdn/cloud-login.js`),
      `the entry came from the CDN origin: ${requests.join(', ')}`,
    );
    assert.ok(
      fromCdn.some((url) => url.startsWith(`${origins.cdn}/cdn/chunks/`)),
      `chunks load relative to the entry: ${fromCdn.join(', ')}`,
    );
  },
);
