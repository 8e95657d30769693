/**
 * The BFF's configuration from the environment, checked with zod. Every missing or bad variable is
 * reported, not just the first, each on its own line and by name; a secret's value is never
 * repeated (only the origins, which are public, are quoted back).
 *
 * | variable                   | rule                                              |
 * | -------------------------- | ------------------------------------------------- |
 * | `BOCA_API_BASE_URL`        | an http(s) URL without credentials, query or hash |
 * | `BOCA_API_KEY`             | required                                          |
 * | `BOCA_SIGNING_SECRET`      | required                                          |
 * | `BOCA_SESSION_SECRET`      | at least 32 bytes, not the signing secret         |
 * | `BOCA_ALLOWED_ORIGINS`     | comma-separated origins (`https://host[:port]`)   |
 * | `BOCA_UPSTREAM_TIMEOUT_MS` | a positive integer; 10000 by default              |
 * | `BOCA_USER_RATE_LIMIT`     | a positive integer, a minute; 30 by default       |
 * | `BOCA_MAX_UPSTREAM_CONCURRENCY` | a positive integer; 32 by default            |
 * | `BOCA_REDIS_URL`           | `redis://host:port` (optional `/db`); unset: memory |
 * | `BOCA_STORE_FAILURE`       | `open` (default) or `closed`                      |
 * | `BOCA_READONLY_FIELDS`     | comma-separated Partner API field names; none     |
 * | `PORT`                     | 0 to 65535; 8787 by default                       |
 * | `HOST`                     | 127.0.0.1 by default                              |
 *
 * @example
 *   const result = configFromEnv(process.env);
 *   if (!result.ok) for (const problem of result.problems) console.error(problem);
 */
// zod's mini build: the same checks, a tenth of the size in an edge bundle.
import * as z from 'zod/mini';
import { isOrigin } from './origin.js';
import { redisUrlProblem } from './stores/redis-url.js';
import { STORE_FAILURES, type StoreFailure } from './stores/store.js';
import { PROFILE_FIELDS } from '../contract/profile.js';
import { apiBaseUrlProblem, DEFAULTS, unknownFields } from './options.js';
import { MIN_SESSION_SECRET_BYTES } from './token.js';

export interface BffConfig {
  apiBaseUrl: string;
  apiKey: string;
  signingSecret: string;
  sessionSecret: string;
  allowedOrigins: string[];
  upstreamTimeoutMs: number;
  userRateLimit: number;
  maxUpstreamConcurrency: number;
  /** Set: the limits and revocations live in this Redis, shared by every instance. */
  redisUrl?: string;
  storeFailure: StoreFailure;
  readonlyFields: string[];
  port: number;
  host: string;
}

export type ConfigResult = { ok: true; config: BffConfig } | { ok: false; problems: string[] };

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

const encoder = new TextEncoder();

/** An unset or empty variable is missing. */
const blankIsUnset = z.transform((value: unknown) => (value === '' ? undefined : value));

const variable = (name: string, meaning: string) =>
  z.pipe(blankIsUnset, z.string({ error: `${name} is missing: ${meaning}` }));

const optional = <T extends z.ZodMiniType>(schema: T) => z.pipe(blankIsUnset, z.optional(schema));

const wholeNumber = (name: string, min: number, max: number, meaning: string) =>
  z.pipe(
    z.string().check(
      z.refine((text) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max, {
        error: `${name} must be ${meaning}`,
      }),
    ),
    z.transform(Number),
  );

const schema = z.object({
  BOCA_API_BASE_URL: variable(
    'BOCA_API_BASE_URL',
    'the Partner API base URL, e.g. https://partner-api.bocaraton.com',
  ).check(
    z.superRefine((value, context) => {
      const problem = apiBaseUrlProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: `BOCA_API_BASE_URL ${problem}` });
    }),
  ),
  BOCA_API_KEY: variable('BOCA_API_KEY', "the partner's API key"),
  BOCA_SIGNING_SECRET: variable('BOCA_SIGNING_SECRET', "the partner's request signing secret"),
  BOCA_SESSION_SECRET: variable(
    'BOCA_SESSION_SECRET',
    `the secret for embed tokens, at least ${MIN_SESSION_SECRET_BYTES} bytes`,
  ).check(
    z.refine((value) => encoder.encode(value).length >= MIN_SESSION_SECRET_BYTES, {
      error: `BOCA_SESSION_SECRET must be at least ${MIN_SESSION_SECRET_BYTES} bytes`,
    }),
  ),
  BOCA_ALLOWED_ORIGINS: z
    .pipe(
      variable(
        'BOCA_ALLOWED_ORIGINS',
        'the comma-separated origins of the partner portal, e.g. https://portal.example.com',
      ),
      z.transform((value: string) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      ),
    )
    .check(
      z.superRefine((origins, context) => {
        if (origins.length === 0) {
          context.addIssue({ code: 'custom', message: 'BOCA_ALLOWED_ORIGINS lists no origin' });
        }
        for (const origin of origins) {
          if (isOrigin(origin)) continue;
          context.addIssue({
            code: 'custom',
            message: `BOCA_ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin (scheme, host and optional port, e.g. https://portal.example.com, no path or trailing slash)`,
          });
        }
      }),
    ),
  BOCA_UPSTREAM_TIMEOUT_MS: optional(
    wholeNumber(
      'BOCA_UPSTREAM_TIMEOUT_MS',
      1,
      2_147_483_647,
      'a positive whole number of milliseconds',
    ),
  ),
  BOCA_USER_RATE_LIMIT: optional(
    wholeNumber(
      'BOCA_USER_RATE_LIMIT',
      1,
      1_000_000,
      'a positive whole number of requests a minute per user',
    ),
  ),
  BOCA_MAX_UPSTREAM_CONCURRENCY: optional(
    wholeNumber(
      'BOCA_MAX_UPSTREAM_CONCURRENCY',
      1,
      100_000,
      'a positive whole number of upstream requests in flight',
    ),
  ),
  // The URL may hold a password: a problem is named, the value never repeated.
  BOCA_REDIS_URL: optional(
    z.string().check(
      z.superRefine((value: string, context) => {
        const problem = redisUrlProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: `BOCA_REDIS_URL ${problem}` });
      }),
    ),
  ),
  BOCA_STORE_FAILURE: optional(
    z.enum(STORE_FAILURES as [StoreFailure, ...StoreFailure[]], {
      error:
        'BOCA_STORE_FAILURE must be open (requests pass while the store is unreachable) or closed (they get a 503)',
    }),
  ),
  BOCA_READONLY_FIELDS: optional(
    z
      .pipe(
        z.string(),
        z.transform((value: string) =>
          value
            .split(',')
            .map((field) => field.trim())
            .filter(Boolean),
        ),
      )
      .check(
        z.superRefine((fields, context) => {
          for (const field of unknownFields(fields)) {
            context.addIssue({
              code: 'custom',
              message: `BOCA_READONLY_FIELDS: ${JSON.stringify(field)} is not a field of the Partner API (one of ${PROFILE_FIELDS.join(', ')})`,
            });
          }
        }),
      ),
  ),
  PORT: optional(wholeNumber('PORT', 0, 65_535, 'a port number from 0 to 65535')),
  HOST: optional(z.string()),
});

/** Reads and checks the configuration; every problem is named, no secret is shown. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ConfigResult {
  const parsed = schema.safeParse(env, { reportInput: false });
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  // Checked by hand so that it is reported alongside every other problem.
  const session = env.BOCA_SESSION_SECRET;
  if (session && session === env.BOCA_SIGNING_SECRET) {
    problems.push('BOCA_SESSION_SECRET must not be the same as BOCA_SIGNING_SECRET');
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const value = parsed.data;
  return {
    ok: true,
    config: {
      apiBaseUrl: value.BOCA_API_BASE_URL,
      apiKey: value.BOCA_API_KEY,
      signingSecret: value.BOCA_SIGNING_SECRET,
      sessionSecret: value.BOCA_SESSION_SECRET,
      allowedOrigins: value.BOCA_ALLOWED_ORIGINS,
      upstreamTimeoutMs: value.BOCA_UPSTREAM_TIMEOUT_MS ?? DEFAULTS.upstreamTimeoutMs,
      userRateLimit: value.BOCA_USER_RATE_LIMIT ?? DEFAULTS.userRateLimit,
      maxUpstreamConcurrency:
        value.BOCA_MAX_UPSTREAM_CONCURRENCY ?? DEFAULTS.maxUpstreamConcurrency,
      ...(value.BOCA_REDIS_URL === undefined ? {} : { redisUrl: value.BOCA_REDIS_URL }),
      storeFailure: value.BOCA_STORE_FAILURE ?? DEFAULTS.storeFailure,
      readonlyFields: value.BOCA_READONLY_FIELDS ?? [],
      port: value.PORT ?? DEFAULT_PORT,
      host: value.HOST ?? DEFAULT_HOST,
    },
  };
}
