import type { Context } from 'hono';
import type { z } from 'zod';
import { BerthError } from '../errors/index.js';

/** Parses and validates a JSON body; every problem names its field. */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  text?: string,
): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = text === undefined ? await c.req.json() : JSON.parse(text);
  } catch (error) {
    throw new BerthError('BERTH_BAD_REQUEST', 'the request body is not valid JSON', {
      hint: 'Send Content-Type: application/json.',
      cause: error,
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new BerthError('BERTH_BAD_REQUEST', `invalid request body: ${problems.join('; ')}`, {
      hint: 'See /api/v1/openapi.json for the request schema.',
    });
  }
  return result.data;
}

/** Like {@link parseBody}, but an empty body counts as `{}` (for calls whose fields are all optional). */
export async function parseOptionalBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  return parseBody(c, schema, text.trim() === '' ? '{}' : text);
}
