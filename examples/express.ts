/**
 * The BFF inside an existing Express 5 server. The partner's portal keeps its own routes and
 * middleware; the BFF answers under `/api` (and `/healthz`) through `@hono/node-server`'s
 * `getRequestListener`, which turns Express's `req`/`res` into the web `Request`/`Response` the
 * BFF speaks. The portal's own `POST /embed-token` route mints the token for its signed-in user and
 * answers `{ token, expiresAt }`.
 *
 * In your server, import from the package instead of this repository:
 *   import { createNodeBff, elementAsset, mintEmbedTokenResponse } from 'boca-user-profile/bff';
 *
 * @example
 *   const { portal, close } = createExpressPortal({ bff: options, userOf: (req) => req.session?.userId });
 *   const server = portal.listen(3000);
 *   // on shutdown: server.close(); await close();
 */
import { getRequestListener } from '@hono/node-server';
import express, { type Express, type Request as ExpressRequest } from 'express';
import {
  createNodeBff,
  elementAsset,
  mintEmbedTokenResponse,
  type BffOptions,
} from '../bff/index.js';
import { createRecords } from './partner-records.js';

export interface ExpressPortalOptions {
  /** The BFF's options: upstream, credentials, secrets, allowed origins. */
  bff: Omit<BffOptions, 'loadProfile' | 'onProfileUpdated'>;
  /** Your own authentication: the signed-in user's `externalId`, or nothing. */
  userOf(request: ExpressRequest): string | undefined;
}

export function createExpressPortal({ bff: options, userOf }: ExpressPortalOptions): {
  portal: Express;
  close(): Promise<void>;
} {
  const records = createRecords();
  const bff = createNodeBff({
    ...options,
    loadProfile: records.load,
    onProfileUpdated: records.update,
  });
  const handle = getRequestListener(bff.app.fetch);

  const portal = express();
  // First, before any body parser: the BFF reads and limits the request body itself. Express
  // strips the mount path from `req.url`; the BFF routes on the full path, so it gets it back.
  portal.use(['/api', '/healthz'], (req, res) => {
    req.url = req.originalUrl;
    void handle(req, res);
  });

  // The portal's own routes and middleware, untouched by the BFF.
  portal.use(express.json());
  // The element's script from the installed package, under its hashed name, cached for good; the
  // page pins it with its integrity hash. Beside it, the French strings a French page fetches.
  portal.get('/assets/:file', (req, res, next) => {
    const asset = elementAsset();
    const file = [asset, asset.french].find((f) => f?.fileName === req.params.file);
    if (!file) return next();
    res.set(file.headers).send(Buffer.from(file.body));
  });
  portal.get('/', (_req, res) => {
    const { fileName, integrity } = elementAsset();
    res.type('html').send(`<!doctype html><title>Portal</title>
<script type="module" src="/assets/${fileName}" integrity="${integrity}" crossorigin="anonymous"></script>
<boca-user-profile api-base="/api"></boca-user-profile>`);
  });
  portal.post('/embed-token', async (req, res) => {
    const externalId = userOf(req);
    if (!externalId) {
      res.status(401).json({ error: 'sign in first' });
      return;
    }
    // The one answer of a token endpoint: { token, expiresAt }.
    res.json(await mintEmbedTokenResponse({ secret: options.sessionSecret, externalId }));
  });

  return { portal, close: bff.close };
}
