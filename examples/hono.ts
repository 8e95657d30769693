/**
 * The BFF inside an existing Hono app: `portal.route('/', bff.app)` adds its routes
 * (`/api/profile`, `/healthz`) next to the portal's own, whose pages and middleware it leaves
 * alone. Serve the portal as usual (`serve` from `@hono/node-server` on Node). To put the BFF
 * under a prefix, mount it there: `portal.route('/boca', bff.app)` answers `/boca/api/profile`.
 *
 * In your server, import from the package instead of this repository:
 *   import { createNodeBff, elementAsset, mintEmbedTokenResponse } from 'boca-user-profile/bff';
 *
 * @example
 *   const { portal, close } = createHonoPortal({ bff: options, userOf: (c) => c.get('userId') });
 *   serve({ fetch: portal.fetch, port: 3000 });
 */
import { Hono, type Context } from 'hono';
import {
  createNodeBff,
  elementAsset,
  mintEmbedTokenResponse,
  type BffOptions,
} from '../bff/index.js';
import { createRecords } from './partner-records.js';

export interface HonoPortalOptions {
  /** The BFF's options: upstream, credentials, secrets, allowed origins. */
  bff: Omit<BffOptions, 'loadProfile' | 'onProfileUpdated'>;
  /** Your own authentication: the signed-in user's `externalId`, or nothing. */
  userOf(c: Context): string | undefined;
}

export function createHonoPortal({ bff: options, userOf }: HonoPortalOptions): {
  portal: Hono;
  close(): Promise<void>;
} {
  const records = createRecords();
  const bff = createNodeBff({
    ...options,
    loadProfile: records.load,
    onProfileUpdated: records.update,
  });

  const portal = new Hono();
  // The element's script from the installed package, under its hashed name, cached for good; the
  // page pins it with its integrity hash. Beside it, the French strings a French page fetches.
  portal.get('/assets/:file', (c) => {
    const asset = elementAsset();
    const file = [asset, asset.french].find((f) => f?.fileName === c.req.param('file'));
    if (!file) return c.notFound();
    return c.body(file.body, 200, file.headers);
  });
  portal.get('/', (c) => {
    const { fileName, integrity } = elementAsset();
    return c.html(`<!doctype html><title>Portal</title>
<script type="module" src="/assets/${fileName}" integrity="${integrity}" crossorigin="anonymous"></script>
<boca-user-profile api-base="/api"></boca-user-profile>`);
  });
  portal.post('/embed-token', async (c) => {
    const externalId = userOf(c);
    if (!externalId) return c.json({ error: 'sign in first' }, 401);
    // The one answer of a token endpoint: { token, expiresAt }.
    return c.json(await mintEmbedTokenResponse({ secret: options.sessionSecret, externalId }));
  });
  portal.route('/', bff.app);

  return { portal, close: bff.close };
}
