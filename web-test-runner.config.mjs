// Browser tests of the elements (packages/elements/src/**/*.test.ts), in the Debian Chromium.
// `npm test` at the root reads the counts this config writes to CLOUD_LOGIN_WTR_SUMMARY.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { cloudLoginServerPlugin } from './test/browser/support/server-plugin.mjs';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';
// Third-party login's identity-provider windows, driven as a person would (test/browser/idp-driver.mjs).
import { idpDriverPlugin } from './test/browser/idp-driver.mjs';

// esbuildPlugin reads this file raw (it ignores `extends`), so it must be the one that literally
// holds experimentalDecorators + useDefineForClassFields: false.
const tsconfig = fileURLToPath(new URL('./tsconfig.base.json', import.meta.url));

/** Writes `{passed, failed, skipped}` for scripts/test.mjs, which prints the plain summary line. */
function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.CLOUD_LOGIN_WTR_SUMMARY;
      if (!file) return;
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const visit = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) counts.skipped += 1;
          else if (test.passed) counts.passed += 1;
          else counts.failed += 1;
        }
        suite.suites.forEach(visit);
      };
      for (const session of sessions) {
        if (session.testResults) visit(session.testResults);
        // A file that failed to load has no test results but errors: count it once.
        else if (session.errors?.length) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: [
    fileURLToPath(new URL('./packages/elements/src/**/*.test.ts', import.meta.url)),
    // End-to-end: the elements against the real server, which the plugin below starts.
    fileURLToPath(new URL('./test/browser/**/*.test.ts', import.meta.url)),
  ],
  // `cloud-login-source`: the workspace's packages from their TypeScript sources, not dist/.
  nodeResolve: { exportConditions: ['cloud-login-source', 'browser', 'import'] },
  // One page at a time: Chromium pauses animation frames and layout observers in background
  // tabs, so with two pages the one behind hung on `fixture()` (which waits for a frame) and on
  // fields that load their code once laid out.
  concurrency: 1,
  // A whole file (several full flows with argon2 work on the server) may take minutes on a
  // busy two-core machine; the default 120 s cut one off mid-run.
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 5000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig, target: 'es2022' }),
    cloudLoginServerPlugin(),
    idpDriverPlugin(),
  ],
  browsers: [
    chromeLauncher({
      // Test files run in parallel pages; a page in the background must not have its timers
      // and animation frames throttled, or fixtures waiting for a frame hang.
      launchOptions: chromiumLaunchOptions([
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
      ]),
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countsReporter()],
};
