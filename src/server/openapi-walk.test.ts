import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Role } from '../store/index.js';
import { apiKit, testToken as adminToken, type ApiKit } from './api-test-kit.js';
import {
  exampleRequest,
  openApiDocument,
  operationsOf,
  type BerthRole,
  type DocumentedOperation,
} from './openapi/index.js';

/**
 * Issue 7, "Done when": a viewer token gets 403 on every mutating endpoint. The walk takes every
 * operation from the OpenAPI document (which a parity test keeps equal to the app's routes) and sends
 * it, with the document's example parameters and body, as a viewer and as a deployer.
 */

/** Mutating operations a viewer may call, each with why; the walk fails if the document has any other. */
const viewerMayCall: Record<string, string> = {
  'POST /api/v1/auth/login': 'public: logging in is how a viewer gets a token',
  'POST /hooks/{app}/{forge}': 'authenticated by the forge’s signature over the body, not by a bearer token',
  'POST /api/v1/auth/logout': 'every user may end their own session',
  'POST /api/v1/tokens':
    'every user creates their own API tokens (for another user: admins only, tested below)',
  'DELETE /api/v1/tokens/{id}':
    'every user revokes their own API tokens (another user’s: admins only, tested below)',
};

const rank: Record<BerthRole, number> = { public: -1, signature: -1, viewer: 0, deployer: 1, admin: 2 };
const mutating = (op: DocumentedOperation): boolean => !['get', 'head', 'options'].includes(op.method);
const name = (op: DocumentedOperation): string => `${op.method.toUpperCase()} ${op.url}`;
const operations = operationsOf(openApiDocument('0.0.0-test'));
const roleOf = (op: DocumentedOperation): BerthRole => op.operation['x-berth-role'] ?? 'public';

/** Every operation that needs more than `role`, by the document's x-berth-role. */
const above = (role: Role): [string, DocumentedOperation][] =>
  operations.filter((op) => rank[roleOf(op)] > rank[role]).map((op) => [name(op), op]);

let kit: ApiKit;
const tokens: Record<string, string> = {};
const password = 'correct horse battery staple';

async function call(
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return kit.api.request(path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function auditSince(afterId: number): Promise<AuditEntry[]> {
  const res = await call(adminToken, 'GET', '/api/v1/audit?limit=50');
  const { entries } = (await res.json()) as { entries: AuditEntry[] };
  return entries.filter((e) => e.id > afterId);
}
const lastAuditId = async (): Promise<number> => (await auditSince(0))[0]?.id ?? 0;

/** As a user would: an admin adds the user, the user logs in and makes an API token with the login token. */
async function userToken(user: string, role: Role): Promise<string> {
  expect((await call(adminToken, 'POST', '/api/v1/users', { name: user, password, role })).status).toBe(201);
  const login = await call(undefined, 'POST', '/api/v1/auth/login', { name: user, password });
  const { token: loginToken } = (await login.json()) as { token: string };
  const created = await call(loginToken, 'POST', '/api/v1/tokens', { name: 'openapi walk' });
  expect(created.status).toBe(201);
  return ((await created.json()) as { token: string }).token;
}

beforeAll(async () => {
  kit = await apiKit();
  kit.deployApp('shop');
  tokens['viewer'] = await userToken('vic', 'viewer');
  tokens['deployer'] = await userToken('dora', 'deployer');
});
afterAll(() => kit.close());

describe('the OpenAPI walk (issue 7)', () => {
  it('walks the document the daemon serves', async () => {
    const served = (await (await call(tokens['viewer'], 'GET', '/api/v1/openapi.json')).json()) as object;
    expect(operationsOf(served as Parameters<typeof operationsOf>[0]).map(name)).toEqual(
      operations.map(name),
    );
  });

  it('finds no mutating operation a viewer may call besides the listed ones', () => {
    const open = operations.filter((op) => mutating(op) && rank[roleOf(op)] < rank.deployer).map(name);
    expect(open.sort()).toEqual(Object.keys(viewerMayCall).sort());
  });

  describe.each(['viewer', 'deployer'] as const)('as a %s', (role) => {
    it.each(above(role))(
      'gets 403 BERTH_FORBIDDEN on %s (with its example body, and a malformed one), audited when mutating',
      async (_name, op) => {
        const { method, path, body } = exampleRequest(op);
        const before = await lastAuditId();
        // A malformed body too: the role is checked before the body is read, so that is a 403 as well.
        const bodies = op.operation.requestBody ? [body, '{"not json'] : [undefined];
        for (const sent of bodies) {
          const res = await call(tokens[role], method, path, sent);
          expect(res.status, `${method} ${path}`).toBe(403);
          expect(await res.json()).toMatchObject({ error: { code: 'BERTH_FORBIDDEN' } });
        }
        const refused = (await auditSince(before)).filter(
          (e) => e.actor === (role === 'viewer' ? 'vic' : 'dora') && e.action === method && e.target === path,
        );
        expect(refused.map((e) => e.outcome)).toEqual(mutating(op) ? bodies.map(() => '403') : []);
      },
    );
  });

  it('walks every mutating operation but the listed ones as a viewer, and every admin one as a deployer', () => {
    const walked = above('viewer').filter(([, op]) => mutating(op)).length;
    expect(walked).toBe(operations.filter(mutating).length - Object.keys(viewerMayCall).length);
    expect(walked).toBeGreaterThanOrEqual(15);
    expect(above('deployer').map(([n]) => n)).toEqual(
      expect.arrayContaining(['POST /api/v1/users', 'DELETE /api/v1/users/{name}', 'GET /api/v1/audit']),
    );
  });

  it('lets a viewer end their session and manage their own tokens', async () => {
    const created = await call(tokens['viewer'], 'POST', '/api/v1/tokens', { name: 'spare' });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: number; token: string };
    expect((await call(token, 'POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await call(tokens['viewer'], 'DELETE', `/api/v1/tokens/${id}`)).status).toBe(200);
    expect((await call(token, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('refuses another user’s tokens to everyone but admins', async () => {
    const before = await lastAuditId();
    const forOther = await call(tokens['deployer'], 'POST', '/api/v1/tokens', { name: 'x', user: 'vic' });
    expect(forOther.status).toBe(403);
    expect(await forOther.json()).toMatchObject({ error: { code: 'BERTH_FORBIDDEN' } });
    expect((await auditSince(before)).map((e) => [e.actor, e.action, e.target, e.outcome])).toContainEqual([
      'dora',
      'POST',
      '/api/v1/tokens',
      '403',
    ]);
    // Revoking a token that is not yours answers as if it did not exist, and the token keeps working.
    const dorasTokens = (await (await call(tokens['deployer'], 'GET', '/api/v1/tokens')).json()) as {
      tokens: { id: number }[];
    };
    const id = dorasTokens.tokens[0]?.id;
    expect((await call(tokens['viewer'], 'DELETE', `/api/v1/tokens/${id}`)).status).toBe(422);
    expect((await call(tokens['deployer'], 'GET', '/api/v1/auth/session')).status).toBe(200);
    expect((await call(adminToken, 'POST', '/api/v1/tokens', { name: 'y', user: 'vic' })).status).toBe(201);
  });
});
