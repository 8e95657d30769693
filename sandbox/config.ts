/**
 * The sandbox's configuration from the environment, for `npm run sandbox`: every variable is
 * optional, and a bad one is a clear error naming it (never a stack trace).
 *
 *   SANDBOX_PORT            port (default 4010; 0 picks a free one)
 *   SANDBOX_API_KEY         API key (default the public `sandbox-api-key`)
 *   SANDBOX_SIGNING_SECRET  signing secret (default the public `sandbox-signing-secret`)
 *   SANDBOX_RATE_LIMIT      requests per minute per API key (default 600)
 *
 * @example
 *   const config = readSandboxConfig(process.env); // throws ConfigError('SANDBOX_PORT must be …')
 */

export interface SandboxConfig {
  port: number;
  rateLimit: number;
  /** `undefined`: the public default. */
  apiKey: string | undefined;
  /** `undefined`: the public default. */
  signingSecret: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** A whole number from the environment, or the default when unset or empty. */
function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`,
    );
  }
  return value;
}

export function readSandboxConfig(env: Env): SandboxConfig {
  return {
    port: wholeNumber(env, 'SANDBOX_PORT', 4010, 0, 65535),
    rateLimit: wholeNumber(env, 'SANDBOX_RATE_LIMIT', 600, 1, Number.MAX_SAFE_INTEGER),
    apiKey: env.SANDBOX_API_KEY || undefined,
    signingSecret: env.SANDBOX_SIGNING_SECRET || undefined,
  };
}
