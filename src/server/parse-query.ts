import type { z } from 'zod';
import { BerthError } from '../errors/index.js';

/** Validates URL query parameters, naming each wrong parameter in one BERTH_BAD_REQUEST. */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, string>,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`).join('; ')}`,
      { hint: 'See /api/v1/openapi.json for the parameters.' },
    );
  }
  return parsed.data;
}
