/**
 * The sandbox's public API: the app factory and its control surface, the Node server, the seed
 * users and the seeded randomness.
 *
 * @example
 *   import { createSandbox, serveSandbox, seedUsers } from './sandbox/index.js';
 */
export { createSandbox } from './app.js';
export type { Sandbox, SandboxOptions, SandboxStats } from './app.js';
export { serveSandbox } from './node.js';
export type { RunningSandbox, ServeSandboxOptions } from './node.js';
export { DEFAULT_USERS, seedUsers } from './users.js';
export type { SeedUser, StoredUser } from './users.js';
export type { FaultAction, FaultHandle, FaultMatch, FaultSpec, RandomFaultSpec } from './faults.js';
export { DroppedConnection } from './errors.js';
export { IDEMPOTENCY_TTL_MS } from './idempotency.js';
export { RATE_WINDOW_MS } from './rate-limit.js';
export { IDENTITY_FIELDS } from './status.js';
export { OPTIONAL_ON_CREATE } from './create-user.js';
export { seededRandom, randomUuid, type Random } from './random.js';
export { jsonLineLogger, type LogEntry, type Logger } from './request-log.js';
export { readSandboxConfig, ConfigError, type SandboxConfig } from './config.js';
