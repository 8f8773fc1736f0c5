import type { z } from 'zod';
import { BerthError } from '../../errors/index.js';

/** Validates a webhook payload; every problem names its field, and the forge and event are quoted. */
export function validatePayload<S extends z.ZodType>(schema: S, payload: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
  throw new BerthError('BERTH_BAD_REQUEST', `invalid ${what} payload: ${problems.join('; ')}`, {
    hint: 'Check that the webhook sends JSON (content type application/json) for the events Berth supports: push, tag push and pull/merge requests.',
  });
}
