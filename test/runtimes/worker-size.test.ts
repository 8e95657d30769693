/**
 * The Worker as a partner deploys it (examples/worker.ts bundled and minified, as wrangler does)
 * stays edge-sized: at most 40 KB gzip. zod's full build alone was some 90 KB of it; the BFF
 * checks the upstream's answers and its configuration with zod's mini build instead.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { bundleExample } from './support/bundle.js';

export const WORKER_BUDGET_GZIP = 40 * 1024;

describe('the built Worker (examples/worker.ts)', () => {
  it(`is at most ${WORKER_BUDGET_GZIP / 1024} KB gzip`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'boca-worker-size-'));
    try {
      const bytes = readFileSync(await bundleExample('examples/worker.ts', dir));
      const gzip = gzipSync(bytes, { level: 9 }).length;
      // Printed in every run's report, so the size is measured in CI, not only bounded.
      t.diagnostic(`the built Worker: ${(gzip / 1024).toFixed(1)} KB gzip -9`);
      assert.ok(gzip <= WORKER_BUDGET_GZIP, `${(gzip / 1024).toFixed(1)} KB gzip`);
      // zod's locales come only with its full build (or a namespace import that keeps them all).
      assert.doesNotMatch(bytes.toString('utf8'), /Nieprawidłowe|Недопустимый/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
