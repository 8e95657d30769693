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
 * `entry` bundled with everything it imports (React included) as ES modules, in memory: file name
 * → code. The entry is `app.js`; lazily imported parts (the element's French strings) are chunks
 * beside it, as a partner's bundler would emit them.
 */
export async function bundle(entry: string): Promise<Map<string, string>> {
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
        output: { format: 'es', entryFileNames: 'app.js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  const files = new Map<string, string>();
  for (const out of Array.isArray(result) ? result : [result]) {
    if (!('output' in out)) continue;
    for (const file of out.output) if (file.type === 'chunk') files.set(file.fileName, file.code);
  }
  if (!files.has('app.js')) throw new Error(`vite produced no entry chunk for ${entry}`);
  return files;
}
