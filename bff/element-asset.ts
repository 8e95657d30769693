/**
 * The element's script as a partner's server serves it: the self-contained
 * `boca-user-profile.js` of the installed package, under a file name that carries its content's
 * hash (so it can be cached for a year and a new version gets a new URL), with its Subresource
 * Integrity hash for the `<script integrity>` attribute. `npm run build` writes the same name and
 * hash to `dist/element-asset.json`.
 *
 * @example
 *   const asset = elementAsset();
 *   portal.get(`/assets/${asset.fileName}`, () => new Response(asset.body, { headers: asset.headers }));
 *   // <script type="module" src="/assets/${asset.fileName}" integrity="${asset.integrity}" crossorigin="anonymous">
 *   // and beside it asset.french (boca-user-profile.fr.js), which a French page fetches
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The element's French strings, which it imports from beside its own file for a French page. */
export interface FrenchAsset {
  /** `boca-user-profile.fr.js`: the name the element asks for, beside its own. */
  fileName: string;
  body: Uint8Array<ArrayBuffer>;
  /** Content type, `nosniff` and `no-cache`: the name stays, so it is revalidated, not kept. */
  headers: Readonly<Record<string, string>>;
}

export interface ElementAsset {
  /** `boca-user-profile.<hash>.js`: serve it under this name, cached for good. */
  fileName: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** `sha384-…`, for the script tag's `integrity` attribute. */
  integrity: string;
  /** Content type, a year's immutable caching and `nosniff`: the answer's headers. */
  headers: Readonly<Record<string, string>>;
  /** Serve it too, under its own name: absent only when the build beside the bundle has none. */
  french?: FrenchAsset;
}

export const FRENCH_FILE = 'boca-user-profile.fr.js';

export const ELEMENT_CONTENT_TYPE = 'text/javascript; charset=utf-8';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The name, integrity and headers of a build of the element. */
export function describeElementAsset(body: Uint8Array<ArrayBuffer>): ElementAsset {
  const digest = createHash('sha384').update(body).digest();
  return {
    fileName: `boca-user-profile.${digest.toString('hex').slice(0, 12)}.js`,
    body,
    contentType: ELEMENT_CONTENT_TYPE,
    integrity: `sha384-${digest.toString('base64')}`,
    headers: {
      'content-type': ELEMENT_CONTENT_TYPE,
      'cache-control': IMMUTABLE,
      'x-content-type-options': 'nosniff',
    },
  };
}

// In the package this module is dist/bff/element-asset.js, beside dist/boca-user-profile.js; in
// this repository it is bff/element-asset.ts, and the build is in dist/.
const BUNDLES = [
  new URL('../boca-user-profile.js', import.meta.url),
  new URL('../dist/boca-user-profile.js', import.meta.url),
];
const read = new Map<string, ElementAsset>();

/**
 * The element's self-contained module from the installed package (or `file`), read once.
 * @throws Error saying how to build it when there is none.
 */
export function elementAsset(file?: string | URL): ElementAsset {
  const path = file ?? BUNDLES.find((url) => existsSync(url));
  if (path === undefined) {
    throw new Error('boca-user-profile.js is missing: run `npm run build` first');
  }
  const key = path instanceof URL ? fileURLToPath(path) : path;
  let asset = read.get(key);
  if (!asset) {
    const bytes = readFileSync(key);
    asset = describeElementAsset(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    const french = join(dirname(key), FRENCH_FILE);
    if (existsSync(french)) {
      const text = readFileSync(french);
      asset.french = {
        fileName: FRENCH_FILE,
        body: new Uint8Array(text.buffer, text.byteOffset, text.length),
        headers: {
          'content-type': ELEMENT_CONTENT_TYPE,
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
        },
      };
    }
    read.set(key, asset);
  }
  return asset;
}
