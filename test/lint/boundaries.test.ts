/**
 * The lint rules that guard the architecture fire where they should: each import boundary of
 * eslint.config.mjs (core imports neither side; elements and server never each other; blocks
 * never flows) rejects a snippet linted as if it sat at the path in question, and lets the
 * imports that are fine through. The files need not exist: `lintText` only uses the path to
 * pick the config, so the zones are proven before their folders are there.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: join(root, 'eslint.config.mjs'),
  // The snippets' paths need not exist, and a type-aware rule needs a file its project knows
  // (test/lint/promises.test.ts tests that rule): here, without types.
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
});

/** Messages of one rule for `code` linted as the repository file `file`. */
async function problems(file: string, code: string, rule = 'boundaries/imports'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  assert.ok(result, `no lint result for ${file}`);
  const fatal = result.messages.filter((message) => message.fatal);
  assert.deepEqual(fatal, [], `${file} did not parse`);
  return result.messages.filter((message) => message.ruleId === rule).map((message) => message.message);
}

async function rejects(file: string, code: string, folder: string): Promise<void> {
  const messages = await problems(file, code);
  assert.equal(
    messages.length,
    1,
    `expected one boundary error for ${file}:\n${code}\ngot ${JSON.stringify(messages)}`,
  );
  assert.match(messages[0]!, new RegExp(`must not import ${folder}`));
}

async function accepts(file: string, code: string): Promise<void> {
  assert.deepEqual(await problems(file, code), [], `${file} should be allowed:\n${code}`);
}

describe('import boundaries', () => {
  test('core imports neither elements nor server, by name or by path', async () => {
    const file = 'packages/core/src/rules/example.ts';
    await rejects(file, `import { x } from '@cloud-login/elements';`, 'packages/elements/');
    await rejects(file, `import { x } from '@cloud-login/elements/login/login.ts';`, 'packages/elements/');
    await rejects(file, `import type { Store } from '@cloud-login/server';`, 'packages/server/');
    await rejects(file, `import { x } from '../../../elements/src/index.ts';`, 'packages/elements/');
    await rejects(file, `import { x } from '../../../server/src/app.ts';`, 'packages/server/');
    await rejects(file, `export * from '../../../server/src/app.ts';`, 'packages/server/');
    await rejects(file, `export { x } from '@cloud-login/elements';`, 'packages/elements/');
    await rejects(file, `const m = await import('@cloud-login/server');`, 'packages/server/');
    await rejects(file, 'const m = await import(`../../../elements/src/index.ts`);', 'packages/elements/');
    await rejects(file, `type S = import('@cloud-login/server').Store;`, 'packages/server/');
    await accepts(
      file,
      [
        `import { z } from 'zod/mini';`,
        `import { PRESETS } from '../presets/index.ts';`,
        `import type { Preset } from '@cloud-login/core';`,
        `export * from './phone.ts';`,
      ].join('\n'),
    );
  });

  test('elements never import the server', async () => {
    const file = 'packages/elements/src/flows/login/example.ts';
    await rejects(file, `import { createApp } from '@cloud-login/server';`, 'packages/server/');
    await rejects(file, `import { createApp } from '../../../../server/src/app.ts';`, 'packages/server/');
    await rejects(file, `const m = await import('@cloud-login/server');`, 'packages/server/');
    await rejects(
      'packages/elements/scripts/example.mjs',
      `import '../../server/src/cli.ts';`,
      'packages/server/',
    );
    await accepts(
      file,
      [
        `import { createClient } from '@cloud-login/core';`,
        `import { html } from 'lit';`,
        `import { x } from '../../blocks/qr-panel/qr-panel.ts';`,
      ].join('\n'),
    );
  });

  test('the server imports no elements code, only their published files', async () => {
    const file = 'packages/server/src/routes/example.ts';
    await rejects(file, `import '@cloud-login/elements';`, 'packages/elements/');
    await rejects(file, `import { x } from '@cloud-login/elements/login/login.ts';`, 'packages/elements/');
    await rejects(file, `import { x } from '../../../elements/src/index.ts';`, 'packages/elements/');
    await rejects(file, `const m = await import('@cloud-login/elements');`, 'packages/elements/');
    await accepts(
      file,
      [
        `import pkg from '@cloud-login/elements/package.json' with { type: 'json' };`,
        `const bundle = await import('@cloud-login/elements/cdn/cloud-login.js');`,
        `const where = import.meta.resolve('@cloud-login/elements/cdn/cloud-login.js');`,
        `import { PRESETS } from '@cloud-login/core';`,
        `import { Hono } from 'hono';`,
      ].join('\n'),
    );
  });

  test('blocks never import flows', async () => {
    const file = 'packages/elements/src/blocks/qr-panel/example.ts';
    const flows = 'packages/elements/src/flows/';
    await rejects(file, `import { LoginElement } from '../../flows/login/login.ts';`, flows);
    await rejects(file, `import type { LoginEvent } from '../../flows/login/events.ts';`, flows);
    await rejects(file, `export { messages } from '../../flows/register/messages.ts';`, flows);
    await rejects(file, `const m = await import('../../flows/account-security/account-security.ts');`, flows);
    await rejects('packages/elements/src/blocks/example.ts', `import '../flows/index.ts';`, flows);
    await accepts(
      file,
      [
        `import { FormPanel } from '../../base/form-panel.ts';`,
        `import { x } from '../agreements/agreements.ts';`,
        `import { y } from '../../controllers/roving-tabs.ts';`,
      ].join('\n'),
    );
    // Flows may use blocks, and a folder merely named like one is not the flows folder.
    await accepts(
      'packages/elements/src/flows/login/example.ts',
      `import '../../blocks/qr-panel/qr-panel.ts';`,
    );
    await accepts('packages/server/src/flows/example.ts', `import '../routes/x.ts';`);
  });

  test('tests, stories and the demo sit outside every zone', async () => {
    const code = `import '@cloud-login/elements';\nimport { createApp } from '@cloud-login/server';`;
    await accepts('test/security/example.test.ts', code);
    await accepts('stories/example.stories.ts', code);
  });
});

describe('web component rules', () => {
  test('eslint-plugin-lit checks the elements’ templates', async () => {
    const code = `import { html } from 'lit';\nexport const t = (a: string) => html\`<p .title=\${a} .title=\${a}></p>\`;`;
    const messages = await problems(
      'packages/elements/src/blocks/example.ts',
      code,
      'lit/no-duplicate-template-bindings',
    );
    assert.equal(messages.length, 1);
  });

  test('eslint-plugin-wc checks the elements’ classes', async () => {
    const code = `export class X extends HTMLElement {\n  constructor() {\n    super();\n    this.setAttribute('role', 'group');\n  }\n}`;
    const messages = await problems(
      'packages/elements/src/base/example.ts',
      code,
      'wc/no-constructor-attributes',
    );
    assert.equal(messages.length, 1);
  });
});
