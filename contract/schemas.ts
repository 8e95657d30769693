/**
 * zod schemas for what crosses a trust boundary on the server: the upstream's answers, which the
 * BFF checks before relaying anything. Server-only: the browser never imports zod. Written with
 * zod's mini build, which checks the same and keeps an edge bundle small (full zod is some 90 KB
 * of a Worker's gzip).
 */
import * as z from 'zod/mini';
import type { ErrorBody, UpdateUserResponse } from './api.js';

const nonEmpty = () => z.string().check(z.minLength(1));

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });

export const errorBodySchema = z.object({
  error: nonEmpty(),
  message: z.string(),
  requestId: nonEmpty(),
  fieldErrors: z.optional(z.array(fieldErrorSchema)),
}) satisfies z.ZodMiniType<Omit<ErrorBody, 'error'> & { error: string }>;

export const updateUserResponseSchema = z.object({
  userId: nonEmpty(),
  externalId: nonEmpty(),
  status: nonEmpty(),
  updatedAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodMiniType<UpdateUserResponse>;
