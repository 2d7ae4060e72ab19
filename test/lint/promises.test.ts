/**
 * The one type-aware rule (`cloud-login/promises` in eslint.config.mjs) fires where it should: a
 * promise left unawaited in the packages' code is an error; awaited, handed on or marked `void`,
 * it is not; node:test's `test()` needs no await. Snippets are linted as if they were an existing
 * file of a package, whose project gives the types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.mjs') });
const RULE = '@typescript-eslint/no-floating-promises';

async function floating(code: string, file = 'packages/server/src/flows/limits.ts'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  assert.ok(result);
  assert.deepEqual(
    result.messages.filter((message) => message.fatal),
    [],
    'the snippet parsed',
  );
  return result.messages.filter((message) => message.ruleId === RULE).length;
}

const check = 'async function check(): Promise<void> {}\n';

test('a promise nobody awaits in the server, core or an element is an error', async () => {
  assert.equal(await floating(`${check}export function route() {\n  check();\n}\n`), 1);
  for (const file of ['packages/core/src/masks.ts', 'packages/elements/src/flows/login/login.ts'])
    assert.equal(await floating(`${check}export function run() {\n  check();\n}\n`, file), 1, file);
  assert.equal(
    await floating(`${check}export async function route() {\n  check();\n  await check();\n}\n`),
    1,
  );
});

test('awaited, returned, caught or marked void, it is fine; so is node:test', async () => {
  assert.equal(await floating(`${check}export async function route() {\n  await check();\n}\n`), 0);
  assert.equal(await floating(`${check}export function route() {\n  return check();\n}\n`), 0);
  assert.equal(
    await floating(`${check}export function route() {\n  void check();\n  check().catch(() => {});\n}\n`),
    0,
  );
  assert.equal(
    await floating(
      "import { test } from 'node:test';\ntest('x', async () => {});\n",
      'packages/server/src/rate-limit.test.ts',
    ),
    0,
  );
});
