#!/usr/bin/env node
// Runs every test of the repository and ends with one plain summary line
// ("N passed, N failed"), which CI reads. Suites: typecheck, node's test runner over every
// *.test.ts outside the browser folders, web-test-runner in Chromium, then the consumer suite
// (test/consumers: the packed packages in fresh apps).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, existsSync, mkdtempSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2); // e.g. `npm test -- node`, `npm test -- browser`, `npm test -- consumers`
const want = (suite) => only.length === 0 || only.includes(suite);

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function run(command, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        if (!capture) target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const bin = (name) => join(root, 'node_modules', '.bin', name);

// Browser tests live in packages/elements/src and test/browser; everything else (the elements'
// build scripts' tests included) runs under node.
const isBrowserTest = (file) => /packages\/elements\/src\/|test\/browser\//.test(file);
// The consumer suite builds and packs the packages (dist/ and cdn/ rewritten in place), so it runs
// on its own, after every suite that loads those files.
const isConsumerTest = (file) => file.startsWith('test/consumers/');
const testFiles = walk(root)
  .filter((file) => file.endsWith('.test.ts') || file.endsWith('.test.mjs'))
  .map((file) => relative(root, file))
  .filter((file) => !file.startsWith('storybook-static') && !isLintTest(file));
// test/lint tests the lint configuration itself: it runs in the lint suite, not the node suite.
function isLintTest(file) {
  return file.startsWith('test/lint/');
}

if (want('typecheck')) {
  console.log('\n== typecheck (tsc -b)');
  const { code } = await run(bin('tsc'), ['-b']);
  if (code === 0) totals.passed += 1;
  else totals.failed += 1;
}

// Prettier's check and ESLint count one pass or failure each, like typecheck; then the tests of
// the lint rules (test/lint) count their tests. `npm test -- lint` runs this suite alone.
if (want('lint')) {
  for (const [name, args] of [
    ['format (prettier --check)', ['run', 'format:check', '--silent']],
    ['lint (eslint)', ['run', 'lint', '--silent']],
  ]) {
    console.log(`\n== ${name}`);
    const { code } = await run('npm', args);
    if (code === 0) totals.passed += 1;
    else totals.failed += 1;
  }
  const files = walk(join(root, 'test', 'lint'))
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => relative(root, file));
  console.log(`\n== lint rule tests (${files.length} files)`);
  const { output } = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...files,
  ]);
  totals.passed += Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
  totals.failed += Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? (files.length ? 1 : 0));
}

// Several suites load built artefacts: the demo and browser suites the CDN bundle, the story
// suite the built Storybook (it refuses a build older than its sources). Build them first.
if (want('node') || want('browser')) {
  for (const [name, args] of [
    ['bundle', ['run', 'build:bundle', '--silent']],
    ['storybook', ['run', 'build-storybook', '--silent']],
  ]) {
    console.log(`\n== build ${name}`);
    const { code } = await run('npm', args);
    if (code === 0) totals.passed += 1;
    else totals.failed += 1;
  }
}

if (want('node')) {
  const files = testFiles.filter((file) => !isBrowserTest(file) && !isConsumerTest(file));
  console.log(`\n== node tests (${files.length} files)`);
  const { output } = await run(process.execPath, [
    '--conditions=cloud-login-source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...files,
  ]);
  const pass = Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
  const fail = Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? (files.length ? 1 : 0));
  const skip = Number(/ℹ skipped (\d+)/.exec(output)?.[1] ?? 0);
  totals.passed += pass;
  totals.failed += fail;
  totals.skipped += skip;
}

if (want('browser') && existsSync(join(root, 'web-test-runner.config.mjs'))) {
  console.log('\n== browser tests (web-test-runner, Chromium)');
  const dir = mkdtempSync(join(tmpdir(), 'cl-wtr-'));
  const summary = join(dir, 'summary.json');
  const { code } = await run(bin('web-test-runner'), ['--config', 'web-test-runner.config.mjs'], {
    env: { CLOUD_LOGIN_WTR_SUMMARY: summary },
  });
  if (existsSync(summary)) {
    const counts = JSON.parse(readFileSync(summary, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (code !== 0 && counts.failed === 0) totals.failed += 1; // the runner failed outside a test
  } else {
    totals.failed += 1;
  }
  rmSync(dir, { recursive: true, force: true });
}

if (want('consumers')) {
  const files = testFiles.filter(isConsumerTest);
  console.log(`\n== consumer tests (the packed tarballs in fresh apps; ${files.length} files)`);
  const { output } = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...files,
  ]);
  totals.passed += Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
  totals.failed += Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? (files.length ? 1 : 0));
  totals.skipped += Number(/ℹ skipped (\d+)/.exec(output)?.[1] ?? 0);
}

console.log('');
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed === 0 ? 0 : 1);
