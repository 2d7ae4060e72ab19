/// <reference types="node" />
/**
 * Core runs in the browser and in Node. Its tsconfig lists the DOM lib, and the tests need
 * Node's types, so the compiler alone would not notice a stray `process.env` or `document`:
 * this test reads the sources and does. It also keeps the bundle-size decisions from eroding.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(root).map((path) => ({ name: relative(root, path), text: readFileSync(path, 'utf8') }));

/** Source without comments, so prose like "no `document` here" is not a finding. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

test('no Node or DOM APIs in core sources', () => {
  const forbidden = [
    /from ['"]node:/,
    /\bprocess\./,
    /\bBuffer\b/,
    /\brequire\(/,
    /\bdocument\./,
    /\bwindow\./,
    /\blocalStorage\b/,
    /\bcustomElements\b/,
  ];
  const findings = files.flatMap(({ name, text }) =>
    forbidden.filter((re) => re.test(code(text))).map((re) => `${name}: ${re}`),
  );
  assert.deepEqual(findings, []);
});

test('browser-bound modules use zod/mini and never load every phone region', () => {
  const findings = files.flatMap(({ name, text }) => {
    const out: string[] = [];
    if (/from ['"]zod['"]/.test(text)) out.push(`${name}: imports full zod`);
    if (
      name !== 'phone-metadata.ts' &&
      /libphonenumber-js\/(min|max|mobile)|libphonenumber-js['"]|phone-metadata/.test(code(text))
    ) {
      out.push(`${name}: imports full phone metadata`);
    }
    return out;
  });
  assert.deepEqual(findings, []);
  assert.ok(
    files.some((f) => f.name === 'phone.ts'),
    'the scan sees the sources',
  );
});
