/**
 * The published contract (`GET /openapi.json`, dev mode and production) against Redocly's
 * recommended ruleset, run by Redocly's own CLI (`@redocly/cli`): no error, no warning.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { createHarness, type Harness } from './testing.ts';

const CLI = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cl-openapi-lint-'));
});
after(() => rm(dir, { recursive: true, force: true }));

for (const devMode of [true, false]) {
  test(`/openapi.json (${devMode ? 'dev mode' : 'production'}) lints clean with Redocly's recommended rules`, async () => {
    let h: Harness | undefined;
    try {
      h = await createHarness({ devMode });
      const doc = await h.get('/openapi.json');
      assert.equal(doc.status, 200);
      const file = join(dir, `openapi-${devMode ? 'dev' : 'prod'}.json`);
      await writeFile(file, doc.text);
      // In an empty folder (no stray redocly.yaml), offline: no telemetry, no update check.
      const run = spawnSync(process.execPath, [CLI, 'lint', '--extends=recommended', '--format=json', file], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 120_000,
      });
      const start = run.stdout.indexOf('{');
      assert.ok(
        start >= 0,
        `no JSON report from redocly (exit ${run.status}):\n${run.stdout}\n${run.stderr}`,
      );
      const report = JSON.parse(run.stdout.slice(start)) as LintReport;
      const problems = report.problems.map(
        (p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`,
      );
      assert.deepEqual(problems, []);
      assert.deepEqual([report.totals.errors, report.totals.warnings], [0, 0]);
      assert.equal(run.status, 0);
    } finally {
      await h?.close();
    }
  });
}
