/**
 * The demo page's files: the portal's HTML, stylesheets and logo from `demo/public/`, its script
 * compiled from `demo/client/` with esbuild when the demo starts, and the element's own bundle
 * and its French strings from `dist/`, built first when missing or older than their sources. A
 * fixed list of files: nothing else on disk can be asked for.
 *
 * @example
 *   const assets = await loadAssets();
 *   app.get('/assets/:name', (c) => assets.respond(c.req.param('name')) ?? c.notFound());
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const publicDir = join(root, 'demo', 'public');
export const ELEMENT_BUNDLE = join(root, 'dist', 'boca-user-profile.js');
/** The element's French strings, which it fetches from beside its own file for a French page. */
const ELEMENT_FRENCH = join(root, 'dist', 'boca-user-profile.fr.js');
const ELEMENT_SOURCES = [join(root, 'component'), join(root, 'contract')];

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
};

interface Asset {
  body: string;
  type: string;
}

/** The newest modification time of the files under the given folders. */
function newestChange(folders: string[]): number {
  let newest = 0;
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder, { recursive: true })) {
      newest = Math.max(newest, statSync(join(folder, String(name))).mtimeMs);
    }
  }
  return newest;
}

/** Whether `npm run build` must run before the element's bundle can be served. */
export function elementBuildIsStale(): boolean {
  if (!existsSync(ELEMENT_BUNDLE)) return true;
  return statSync(ELEMENT_BUNDLE).mtimeMs < newestChange(ELEMENT_SOURCES);
}

/** Runs the element's build (`npm run build`), so that nothing has to be built by hand first. */
export function buildElement(log: (line: string) => void = () => {}): Promise<void> {
  log('Building <boca-user-profile> (npm run build)…');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`The element's build failed (exit ${code}):\n${errors.slice(-2000)}`)),
    );
  });
}

/** The page's script: demo/client/main.ts and what it imports, as one ES module. */
async function buildClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'demo', 'client', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

export interface LoadAssetsOptions {
  /** Build the element when its bundle is missing or stale (default true). */
  buildIfStale?: boolean;
  log?: (line: string) => void;
}

export async function loadAssets(options: LoadAssetsOptions = {}) {
  const { buildIfStale = true, log } = options;
  if (buildIfStale && elementBuildIsStale()) await buildElement(log);
  if (!existsSync(ELEMENT_BUNDLE)) {
    throw new Error(`The element's bundle is missing (${ELEMENT_BUNDLE}): run npm run build.`);
  }
  const files = new Map<string, Asset>();
  for (const name of readdirSync(publicDir)) {
    const type = TYPES[name.split('.').pop() ?? ''];
    if (type) files.set(name, { body: readFileSync(join(publicDir, name), 'utf8'), type });
  }
  files.set('demo.js', { body: await buildClient(), type: TYPES.js! });
  files.set('boca-user-profile.js', {
    body: readFileSync(ELEMENT_BUNDLE, 'utf8'),
    type: TYPES.js!,
  });
  files.set('boca-user-profile.fr.js', {
    body: readFileSync(ELEMENT_FRENCH, 'utf8'),
    type: TYPES.js!,
  });
  const page = files.get('index.html')!;
  files.delete('index.html');

  return {
    page: page.body,
    /** The named asset as a response, or undefined when there is no such file. */
    respond(name: string): Response | undefined {
      const asset = files.get(name);
      if (!asset) return undefined;
      return new Response(asset.body, {
        headers: { 'content-type': asset.type, 'cache-control': 'no-cache' },
      });
    },
  };
}

export type Assets = Awaited<ReturnType<typeof loadAssets>>;
