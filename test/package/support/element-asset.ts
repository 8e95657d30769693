/**
 * Checks that a portal page loads the element the way `elementAsset()` is meant to be served:
 * a hashed file name, its SRI hash on the script tag (and matching the bytes), a year's immutable
 * caching, the JavaScript content type, the French strings served beside it; an unknown asset name
 * is not served. Builds the element
 * first when `dist/` has none (or an old one).
 *
 * @example
 *   before(ensureElementBuilt);
 *   await assertServesElement(`${url}/`);
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildElement, elementBuildIsStale } from '../../../demo/assets.js';

export async function ensureElementBuilt(): Promise<void> {
  if (elementBuildIsStale()) await buildElement();
}

export async function assertServesElement(pageUrl: string): Promise<void> {
  const html = await (await fetch(pageUrl)).text();
  const tag =
    /<script type="module" src="([^"]+)" integrity="([^"]+)" crossorigin="anonymous">/.exec(html);
  assert.ok(tag, `no pinned script tag in ${html}`);
  const [, src, integrity] = tag;
  assert.match(src!, /^\/assets\/boca-user-profile\.[0-9a-f]{12}\.js$/);
  const script = await fetch(new URL(src!, pageUrl));
  assert.equal(script.status, 200);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const body = Buffer.from(await script.arrayBuffer());
  assert.equal(integrity, `sha384-${createHash('sha384').update(body).digest('base64')}`);
  assert.match(body.toString('utf8'), /customElements\.define|boca-user-profile/);
  // The French strings the element imports from beside itself, for a French page.
  const french = /import\(`(\.\/boca-user-profile\.fr\.js)`\)/.exec(body.toString('utf8'));
  assert.ok(french, 'the element does not import its French strings from beside itself');
  const strings = await fetch(new URL(french[1]!, script.url));
  assert.equal(strings.status, 200);
  assert.equal(strings.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.match(await strings.text(), /Courriel/);
  const other = await fetch(new URL('/assets/boca-user-profile.000000000000.js', pageUrl));
  assert.equal(other.status, 404);
}
