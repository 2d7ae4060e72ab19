// What scripts/frameworks.mjs makes of the committed manifest (the consumer tests type-check the
// outputs in real React, Vue and Svelte apps; these are the names a framework relies on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { attributeType, generateFrameworks } from './frameworks.mjs';

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const out = generateFrameworks(manifest, '0.0.0-test');

test('attribute types: literals and primitives kept, lists written as strings', () => {
  assert.equal(attributeType("'light' | 'dark' | undefined"), "'light' | 'dark'");
  assert.equal(attributeType('string | undefined'), 'string');
  assert.equal(attributeType('boolean'), 'boolean');
  assert.equal(attributeType('string[] | undefined'), 'string');
});

test('React 19 and Preact: event props are "on" + the exact event name', () => {
  for (const file of ['react.d.ts', 'preact.d.ts', 'svelte.d.ts']) {
    assert.match(out[file], /'oncloud-login-success'\?: \(event: CloudLoginSuccessEvent\) => void;/, file);
    assert.match(
      out[file],
      /'cloud-login': Base<ElementOf<'cloud-login'>, CloudLogin(JSX|Preact|Svelte)Props>/,
      file,
    );
    assert.match(out[file], /'return-to'\?: string;/, file);
  }
  assert.match(out['solid.d.ts'], /'on:cloud-login-success'\?: \(event: CloudLoginSuccessEvent\) => void;/);
  assert.match(out['vue.d.ts'], /onCloudLoginSuccess\?: \(event: CloudLoginSuccessEvent\) => void;/);
  assert.match(out['vue.d.ts'], /'cloud-login': DefineComponent<CloudLoginVueProps>;/);
});

test('editor data: every element, its attributes and their values', () => {
  const vscode = JSON.parse(out['vscode.html-custom-data.json']);
  const login = vscode.tags.find((t) => t.name === 'cloud-login');
  assert.ok(login.description.length > 20);
  assert.deepEqual(login.attributes.find((a) => a.name === 'theme').values, [
    { name: 'light' },
    { name: 'dark' },
  ]);
  const webTypes = JSON.parse(out['web-types.json']);
  assert.equal(webTypes.name, '@cloud-login/elements');
  const element = webTypes.contributions.html.elements.find((e) => e.name === 'cloud-login');
  assert.ok(
    element.js.events.some(
      (e) => e.name === 'cloud-login-success' && e.value.type === 'CloudLoginSuccessEvent',
    ),
  );
});
