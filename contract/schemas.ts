/**
 * zod schemas for what crosses a trust boundary on the server: the upstream's answers, which the
 * BFF checks before relaying anything. Server-only: the browser never imports zod.
 */
import { z } from 'zod';
import type { ErrorBody, UpdateUserResponse } from './api.js';

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });

export const errorBodySchema = z.object({
  error: z.string().min(1),
  message: z.string(),
  requestId: z.string().min(1),
  fieldErrors: z.array(fieldErrorSchema).optional(),
}) satisfies z.ZodType<Omit<ErrorBody, 'error'> & { error: string }>;

export const updateUserResponseSchema = z.object({
  userId: z.string().min(1),
  externalId: z.string().min(1),
  status: z.string().min(1),
  updatedAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodType<UpdateUserResponse>;
