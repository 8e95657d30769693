/**
 * The element's weight on the wire: the gzip -9 size of both bundles of `npm run build`, the
 * self-contained one for a `<script>` tag and the one that leaves Lit to the partner's bundler.
 * The build runs first unless `dist/` is newer than every source it is built from.
 *
 * @example
 *   await buildIfStale();
 *   const sizes = measureBundles(); // [{ file: 'dist/boca-user-profile.js', bytes, gzipBytes }, …]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD_TIMEOUT_MS = 90_000;

export const SELF_CONTAINED = 'dist/boca-user-profile.js';
export const LIT_EXTERNAL = 'dist/lib/boca-user-profile.js';
export const FRENCH = 'dist/boca-user-profile.fr.js';

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

const SOURCES = ['component', 'contract', 'scripts/build.mjs', 'package-lock.json'];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path, { recursive: true }).map(
      (file) => statSync(join(path, String(file))).mtimeMs,
    ),
  );
}

/** Builds the element unless both bundles exist and are newer than its sources; true if it built. */
export async function buildIfStale(): Promise<boolean> {
  const bundles = [SELF_CONTAINED, LIT_EXTERNAL, FRENCH].map((file) => join(ROOT, file));
  if (bundles.every((file) => existsSync(file))) {
    const built = Math.min(...bundles.map((file) => statSync(file).mtimeMs));
    const changed = Math.max(...SOURCES.map((source) => newest(join(ROOT, source))));
    if (built > changed) return false;
  }
  await build();
  return true;
}

export function measureBundles(): BundleSize[] {
  return [
    { file: SELF_CONTAINED, what: 'self-contained (Lit included), minified' },
    { file: LIT_EXTERNAL, what: 'Lit external, for bundlers' },
    { file: FRENCH, what: 'French strings, fetched for a French page' },
  ].map(({ file, what }) => {
    const bytes = readFileSync(join(ROOT, file));
    return { file, what, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

/** The self-contained bundle, as the timing page serves it. */
export const selfContained = (): Buffer => readFileSync(join(ROOT, SELF_CONTAINED));
