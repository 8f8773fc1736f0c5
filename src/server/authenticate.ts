import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createHash } from 'node:crypto';
import { authorize, hashApiToken, type Principal } from '../auth/index.js';
import { BerthError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import { tokensMatch } from './auth.js';

const principalKey = 'berthPrincipal';

/** The caller of this request (set by `authenticate`). */
export function principalOf(c: Context): Principal {
  const principal = c.get(principalKey as never) as Principal | undefined;
  if (!principal) throw new BerthError('BERTH_UNAUTHORIZED', 'the request is not authenticated');
  return principal;
}

/** Where the request came from, for the audit log. */
export function sourceOf(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

const adminPrincipal: Principal = { name: 'admin-token', role: 'admin', apps: null };

/** The browser session cookie: a user API token, HttpOnly and SameSite=Strict (issue 7). */
export const sessionCookie = 'berth_session';

/**
 * The CSRF token of a session: derived from the session token (so nothing more is stored), handed to
 * the page at login, and required as `X-CSRF-Token` on every mutating call made with the cookie.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`berth-csrf:${sessionToken}`).digest('base64url');
}

/**
 * Authenticates every API call by its bearer token (the admin token, or a user's API token, stored
 * hashed), checks the caller's role and app scope for the method and path, and writes every mutating
 * call to the audit log with its outcome (issue 7).
 */
export function authenticate(deps: {
  adminToken: string;
  store: Store;
  /** Paths answered without a token (they hold no data or authenticate by themselves). */
  publicPaths?: readonly string[];
}): MiddlewareHandler {
  return async (c, next) => {
    if (deps.publicPaths?.includes(c.req.path)) {
      await next();
      return;
    }
    const header = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const cookie = bearer === undefined ? getCookie(c, sessionCookie) : undefined;
    const token = bearer ?? cookie;
    let principal: Principal | undefined;
    if (token && tokensMatch(token, deps.adminToken)) principal = adminPrincipal;
    else if (token) {
      const found = deps.store.users.useToken(hashApiToken(token));
      if (found) principal = { name: found.user.name, role: found.user.role, apps: found.user.apps };
    }
    const mutating = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const audit = (actor: string, outcome: string): void => {
      if (!mutating) return;
      deps.store.users.audit({
        actor,
        action: c.req.method,
        target: c.req.path,
        outcome,
        source: sourceOf(c),
      });
    };
    if (!principal) {
      audit('anonymous', '401');
      throw new BerthError(
        'BERTH_UNAUTHORIZED',
        header
          ? 'the bearer token is not valid (unknown, expired or revoked)'
          : 'missing Authorization: Bearer header',
        {
          hint: 'Use the token in $BERTH_HOME/admin.token (the CLI finds it by itself on the same machine), `berth login`, or set BERTH_TOKEN.',
        },
      );
    }
    if (
      cookie !== undefined &&
      mutating &&
      !tokensMatch(c.req.header('x-csrf-token') ?? '', csrfTokenOf(cookie))
    ) {
      audit(principal.name, '403');
      throw new BerthError(
        'BERTH_FORBIDDEN',
        'a call made with the session cookie needs its X-CSRF-Token header',
        {
          hint: 'Send the csrfToken the login answered (or GET /api/v1/auth/session) as X-CSRF-Token.',
        },
      );
    }
    const decision = authorize(principal, c.req.method, c.req.path);
    if (!decision.ok) {
      audit(principal.name, '403');
      throw new BerthError('BERTH_FORBIDDEN', decision.reason, {
        hint: 'Ask an admin for a role that allows it: berth user add NAME --role deployer [--apps APP].',
      });
    }
    c.set(principalKey as never, principal as never);
    try {
      await next();
    } finally {
      audit(principal.name, String(c.res.status));
    }
  };
}
