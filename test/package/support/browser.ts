/**
 * Headless Chromium for the package's browser tests, driven by playwright-core, and a vite bundle
 * of a test page made in memory. Pages are served by `page.route`, so nothing leaves the machine.
 *
 * @example
 *   const code = await bundle('test/package/fixtures/react-app.ts');
 *   const browser = await launchChromium();
 */
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

interface ChromeFinder {
  findChrome(): string;
  chromeArgs: string[];
}

export async function launchChromium(): Promise<Browser> {
  // find-chrome.js is plain JavaScript shared with the component tests' config.
  const specifier: string = '../../../scripts/find-chrome.js';
  const { findChrome, chromeArgs } = (await import(specifier)) as ChromeFinder;
  return chromium.launch({ executablePath: findChrome(), args: chromeArgs });
}

/**
 * One ES module bundling `entry` and everything it imports (React included), as text; what it
 * imports on demand (the element's French strings) is inlined, as the page serves one file.
 */
export async function bundle(entry: string): Promise<string> {
  const root = new URL('../../../', import.meta.url).pathname;
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      modulePreload: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: `${root}${entry}`,
        output: { format: 'es', codeSplitting: false },
      },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const out of outputs) {
    if (!('output' in out)) continue;
    const chunk = out.output.find((file) => file.type === 'chunk' && file.isEntry);
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error(`vite produced no entry chunk for ${entry}`);
}
