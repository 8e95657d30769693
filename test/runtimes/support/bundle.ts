/**
 * Bundles an example into one ES module for a runtime other than Node, as a partner's deploy tool
 * (wrangler, `deno bundle`, `bun build`) would: every import inlined, minified, browser-style
 * conditions (no `node:` module may be needed).
 *
 * @example
 *   const file = await bundleExample('examples/worker.ts', dir); // dir/worker.mjs
 */
import { join, parse } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../../../', import.meta.url).pathname;

export async function bundleExample(entry: string, outDir: string): Promise<string> {
  const outfile = join(outDir, `${parse(entry).name}.mjs`);
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'silent',
  });
  return outfile;
}
