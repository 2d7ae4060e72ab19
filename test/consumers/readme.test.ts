/**
 * The framework guide in packages/elements/README.md shows the apps the consumer suite builds:
 * each `<!-- snippet: path -->` block is that file, character for character.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './support.ts';

const readme = readFileSync(join(root, 'packages/elements/README.md'), 'utf8');
const SNIPPET = /<!-- snippet: (\S+) -->\n\n?```\w*\n([\s\S]*?)```\n/g;

/** The `### heading` sections of "## Frameworks", each with its snippets' paths. */
function frameworkSections(): Map<string, string[]> {
  const start = readme.indexOf('\n## Frameworks\n');
  assert.ok(start >= 0, 'the README has a "## Frameworks" section');
  const end = readme.indexOf('\n## ', start + 1);
  const body = readme.slice(start, end < 0 ? undefined : end);
  const sections = new Map<string, string[]>();
  for (const part of body.split('\n### ').slice(1)) {
    const heading = part.slice(0, part.indexOf('\n'));
    sections.set(
      heading,
      [...part.matchAll(SNIPPET)].map((m) => m[1]!),
    );
  }
  return sections;
}

test('every README snippet is the file the consumer tests build', () => {
  const snippets = [...readme.matchAll(SNIPPET)];
  assert.ok(snippets.length >= 7, `snippets found: ${snippets.length}`);
  for (const [, path, code] of snippets) {
    assert.equal(code, readFileSync(join(root, path!), 'utf8'), `the README's copy of ${path}`);
  }
});

test('a guide with a snippet for plain HTML, Vite, React 19, Vue 3, Angular and Svelte', () => {
  const sections = frameworkSections();
  for (const name of ['Plain HTML', 'Vite', 'React 19', 'Vue 3', 'Angular', 'Svelte']) {
    const heading = [...sections.keys()].find((h) => h.startsWith(name));
    assert.ok(heading, `a "### ${name}" section (have: ${[...sections.keys()].join(', ')})`);
    assert.ok(sections.get(heading)!.length > 0, `"${heading}" shows a snippet`);
  }
});

test('the Angular snippet declares CUSTOM_ELEMENTS_SCHEMA under strict templates, the Vue one isCustomElement', () => {
  const app = join(root, 'test/consumers/apps/angular');
  const angular = readFileSync(join(app, 'src/app/login.component.ts'), 'utf8');
  assert.match(angular, /import \{[^}]*\bCUSTOM_ELEMENTS_SCHEMA\b[^}]*\} from '@angular\/core';/);
  assert.match(angular, /schemas: \[CUSTOM_ELEMENTS_SCHEMA\]/);
  // The consumer suite's `ng build` proves the binding's `$event` typed only under strictTemplates.
  assert.match(angular, /\(cloud-login-success\)="signedIn\(\$event\)"/);
  assert.match(angular, /signedIn\(event: CloudLoginSuccessEvent\)/);
  assert.match(readFileSync(join(app, 'tsconfig.json'), 'utf8'), /"strictTemplates": true/);
  const vue = readFileSync(join(root, 'test/consumers/apps/vue/vite.config.ts'), 'utf8');
  assert.match(vue, /isCustomElement: \(tag\) => tag\.startsWith\('cloud-'\)/);
});

test('the root README points at the guide', () => {
  assert.match(readFileSync(join(root, 'README.md'), 'utf8'), /packages\/elements\/README\.md#frameworks/);
});
