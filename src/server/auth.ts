import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { BerthError } from '../errors/index.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time comparison (hashing first makes lengths equal, so length leaks nothing either). */
export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Requires `Authorization: Bearer <token>` on every request it guards. */
export function bearerAuth(expected: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !tokensMatch(match[1], expected)) {
      throw new BerthError(
        'BERTH_UNAUTHORIZED',
        header ? 'the bearer token is not valid' : 'missing Authorization: Bearer header',
        {
          hint: 'Use the token in $BERTH_HOME/admin.token (the CLI finds it by itself on the same machine) or set BERTH_TOKEN.',
        },
      );
    }
    await next();
  };
}
