// Component tests in a real headless Chromium (never a DOM emulation).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { findChrome, chromeArgs } from './scripts/find-chrome.js';

/** Writes the totals for scripts/test.mjs, which prints the repository's single summary line. */
function totalsReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) continue;
          if (test.passed) passed++;
          else failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load has no results but must still count as a failure.
        if (!session.passed && (!session.testResults || session.errors?.length)) failed++;
      }
      if (file) writeFileSync(file, JSON.stringify({ passed, failed }));
    },
  };
}

/** Serves the strict-CSP fixture page with its policy, as a partner portal might. */
function strictCsp(context, next) {
  if (context.path.endsWith('/test/component/fixtures/csp.html')) {
    context.set('Content-Security-Policy', "script-src 'self'; style-src 'self'");
  }
  return next();
}

export default {
  files: ['test/component/**/*.test.ts'],
  nodeResolve: true,
  middleware: [strictCsp],
  // Lit's development build says so once per page; it is expected in tests.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), args: chromeArgs } })],
  plugins: [
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  reporters: [
    defaultReporter(),
    summaryReporter({ flatten: false }),
    totalsReporter(process.env.WTR_RESULTS),
  ],
};
