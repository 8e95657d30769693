/**
 * The element's weight on the wire: builds it (`npm run build`, as a partner's copy would be
 * built) and takes the gzip -9 size of both bundles, the self-contained one for a `<script>` tag
 * and the one that leaves Lit to the partner's bundler.
 *
 * @example
 *   const sizes = await buildAndMeasure(); // [{ file: 'dist/boca-user-profile.js', bytes, gzipBytes }, …]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD_TIMEOUT_MS = 90_000;

export const SELF_CONTAINED = 'dist/boca-user-profile.js';
export const LIT_EXTERNAL = 'dist/lib/boca-user-profile.js';

export interface BundleSize {
  file: string;
  what: string;
  bytes: number;
  gzipBytes: number;
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/build.mjs')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`npm run build failed (${signal ?? code}):\n${stderr.slice(-2000)}`));
    });
  });
}

export async function buildAndMeasure(): Promise<BundleSize[]> {
  await build();
  return [
    { file: SELF_CONTAINED, what: 'self-contained (Lit included), minified' },
    { file: LIT_EXTERNAL, what: 'Lit external, for bundlers' },
  ].map(({ file, what }) => {
    const bytes = readFileSync(join(ROOT, file));
    return { file, what, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

/** The self-contained bundle, as the timing page serves it. */
export const selfContained = (): Buffer => readFileSync(join(ROOT, SELF_CONTAINED));
