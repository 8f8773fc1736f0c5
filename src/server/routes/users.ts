import { Hono } from 'hono';
import { z } from 'zod';
import {
  generateApiToken,
  hashApiToken,
  hashPassword,
  LoginLimiter,
  verifyPassword,
} from '../../auth/index.js';
import { BerthError } from '../../errors/index.js';
import { auditOutcomeClasses, roles } from '../../store/index.js';
import type { ApiDeps } from '../api-deps.js';
import { parseBody } from '../parse-body.js';
import { parseQuery } from '../parse-query.js';
import { setCookie, deleteCookie, getCookie } from 'hono/cookie';
import { csrfTokenOf, principalOf, sessionCookie, sourceOf } from '../authenticate.js';

const userName = z.string().regex(/^[a-z][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, ".", "_" and "-"');
export const AddUserSchema = z
  .object({
    name: userName,
    password: z.string().max(1024),
    role: z.enum(roles),
    apps: z.array(z.string().max(63)).min(1).optional(),
  })
  .strict();
export const CreateTokenSchema = z
  .object({
    name: z.string().min(1).max(64),
    expiresInDays: z.number().int().min(1).max(3650).default(90),
    user: userName.optional(),
  })
  .strict();
/** `GET /audit` filters (the dashboard's audit view); `limit` and `before` stay lenient as before. */
export const AuditFilterSchema = z.object({
  actor: z.string().min(1).max(128).optional(),
  outcome: z.enum(auditOutcomeClasses).optional(),
});
export const LoginSchema = z
  .object({
    name: userName,
    password: z.string().max(1024),
    expiresInDays: z.number().int().min(1).max(90).default(30),
    /** Browser login: the token goes into an HttpOnly, SameSite=Strict cookie instead of the body. */
    session: z.boolean().default(false),
  })
  .strict();

const dayMs = 86_400_000;

/** Users (admin), API tokens (each user their own; admins all) and the audit log (admin). */
export function userRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/users', (c) => c.json({ users: deps.store.users.list() }));
  routes.post('/users', async (c) => {
    const body = await parseBody(c, AddUserSchema);
    if (deps.store.users.get(body.name)) {
      throw new BerthError('BERTH_BAD_REQUEST', `user "${body.name}" exists already`, {
        hint: `Remove it first (berth user rm ${body.name}) or pick another name.`,
      });
    }
    const user = deps.store.users.add({
      name: body.name,
      passwordHash: hashPassword(body.password),
      role: body.role,
      apps: body.apps ?? null,
    });
    return c.json(user, 201);
  });
  routes.delete('/users/:name', (c) => {
    if (!deps.store.users.remove(c.req.param('name'))) {
      throw new BerthError('BERTH_BAD_REQUEST', `no user "${c.req.param('name')}"`, {
        hint: 'List users: berth user ls',
      });
    }
    return c.json({ name: c.req.param('name'), removed: true });
  });

  routes.get('/tokens', (c) => {
    const me = principalOf(c);
    return c.json({
      tokens: deps.store.users.tokens(
        me.role === 'admin' && c.req.query('all') === '1' ? undefined : me.name,
      ),
    });
  });
  routes.post('/tokens', async (c) => {
    const me = principalOf(c);
    const body = await parseBody(c, CreateTokenSchema);
    const owner = body.user ?? me.name;
    if (owner !== me.name && me.role !== 'admin') {
      throw new BerthError('BERTH_FORBIDDEN', 'only admins create tokens for other users');
    }
    if (!deps.store.users.get(owner)) {
      throw new BerthError('BERTH_BAD_REQUEST', `no user "${owner}"`, {
        hint: 'The admin token is not a user: create a user first (berth user add NAME --role admin) and name it with --user.',
      });
    }
    const token = generateApiToken();
    const record = deps.store.users.addToken({
      user: owner,
      name: body.name,
      hash: hashApiToken(token),
      expiresAt: Date.now() + body.expiresInDays * dayMs,
    });
    return c.json({ ...record, token }, 201);
  });
  routes.delete('/tokens/:id', (c) => {
    const me = principalOf(c);
    const id = Number(c.req.param('id'));
    const existing = deps.store.users.tokens().find((t) => t.id === id);
    if (!existing || (existing.user !== me.name && me.role !== 'admin')) {
      throw new BerthError('BERTH_BAD_REQUEST', `no token ${c.req.param('id')} of yours`, {
        hint: 'List them: berth token ls',
      });
    }
    return c.json(deps.store.users.revokeToken(id));
  });

  routes.get('/audit', (c) => {
    const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000);
    const before = Number(c.req.query('before'));
    const { actor, outcome } = parseQuery(AuditFilterSchema, c.req.query(), 'audit query');
    return c.json({
      entries: deps.store.users.auditLog({
        limit,
        ...(before > 0 ? { beforeId: before } : {}),
        ...(actor === undefined ? {} : { actor }),
        ...(outcome === undefined ? {} : { outcome }),
      }),
    });
  });
  return routes;
}

/**
 * POST /api/v1/auth/login: a user name and password give an API token (default 30 days). Failed
 * attempts are throttled per user and per address; every attempt is audited.
 */
export function loginRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  const limiter = new LoginLimiter();
  routes.post('/login', async (c) => {
    const body = await parseBody(c, LoginSchema);
    const source = sourceOf(c);
    const keys = [`user:${body.name}`, `source:${source}`];
    const now = Date.now();
    const wait = Math.max(...keys.map((k) => limiter.retryAfterMs(k, now)));
    const audit = (outcome: string): void =>
      deps.store.users.audit({
        actor: body.name,
        action: 'login',
        target: '/api/v1/auth/login',
        outcome,
        source,
      });
    if (wait > 0) {
      audit('throttled');
      c.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new BerthError(
        'BERTH_UNAUTHORIZED',
        `too many failed logins; try again in ${Math.ceil(wait / 1000)} s`,
      );
    }
    const hash = deps.store.users.passwordHash(body.name);
    // Verify against a dummy hash for unknown users so timing does not reveal who exists.
    const ok = verifyPassword(body.password, hash ?? dummyHash) && hash !== undefined;
    if (!ok) {
      for (const k of keys) limiter.fail(k, now);
      audit('failed');
      throw new BerthError('BERTH_UNAUTHORIZED', 'wrong user name or password');
    }
    for (const k of keys) limiter.succeed(k);
    audit('ok');
    const token = generateApiToken();
    const record = deps.store.users.addToken({
      user: body.name,
      name: `login ${new Date(now).toISOString()}`,
      hash: hashApiToken(token),
      expiresAt: now + body.expiresInDays * dayMs,
    });
    const user = deps.store.users.get(body.name);
    if (body.session) {
      setCookie(c, sessionCookie, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        expires: new Date(record.expiresAt ?? now),
      });
      return c.json({ user, csrfToken: csrfTokenOf(token), expiresAt: record.expiresAt });
    }
    return c.json({ user, token, expiresAt: record.expiresAt });
  });
  return routes;
}

/** GET /api/v1/auth/session (who am I, and the CSRF token) and POST /api/v1/auth/logout. */
export function sessionRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/session', (c) => {
    const me = principalOf(c);
    const cookie = getCookie(c, sessionCookie);
    return c.json({ user: me, ...(cookie ? { csrfToken: csrfTokenOf(cookie) } : {}) });
  });
  routes.post('/logout', (c) => {
    const cookie = getCookie(c, sessionCookie);
    if (cookie) {
      deps.store.users.revokeTokenByHash(hashApiToken(cookie));
      deleteCookie(c, sessionCookie, { path: '/' });
    }
    return c.json({ loggedOut: true });
  });
  return routes;
}

const dummyHash = hashPassword('not-a-real-password-for-timing');
