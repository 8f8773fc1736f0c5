import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { BerthError, type ErrorKind } from '../errors/index.js';

/** The only place error kinds become HTTP statuses. */
export const statusOfKind: Record<ErrorKind, ContentfulStatusCode> = {
  usage: 400,
  invalid: 422,
  conflict: 409,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  failed: 500,
  internal: 500,
};

export function toBerthError(error: unknown): BerthError {
  if (error instanceof BerthError) return error;
  return new BerthError('BERTH_INTERNAL', error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}

export function errorResponse(c: Context, error: unknown, logger: Logger): Response {
  const berth = toBerthError(error);
  if (berth.kind === 'internal') logger.error({ err: error, path: c.req.path }, 'request failed');
  else logger.info({ code: berth.code, path: c.req.path, method: c.req.method }, 'request refused');
  return c.json({ error: berth.toJSON() }, statusOfKind[berth.kind]);
}
