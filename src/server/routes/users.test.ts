import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from '../api-test-kit.js';

let kit: ApiKit;
beforeEach(async () => {
  kit = await apiKit();
  kit.deployApp('shop');
  kit.deployApp('bank');
});
afterEach(() => kit.close());

const call = (method: string, path: string, token: string, body?: unknown) =>
  Promise.resolve(
    kit.api.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

async function login(name: string, password: string): Promise<string> {
  const res = await kit.api.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('users, roles, tokens and the audit log', () => {
  it('lets a viewer read but not change, scopes a deployer to its apps, and audits it all', async () => {
    expect(
      (
        await call('POST', '/api/v1/users', testToken, {
          name: 'vic',
          password: 'viewer password 1',
          role: 'viewer',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('POST', '/api/v1/users', testToken, {
          name: 'dee',
          password: 'deployer password',
          role: 'deployer',
          apps: ['shop'],
        })
      ).status,
    ).toBe(201);
    const vic = await login('vic', 'viewer password 1');
    const dee = await login('dee', 'deployer password');

    expect((await call('GET', '/api/v1/apps/shop/releases', vic)).status).toBe(200);
    const refused = await call('POST', '/api/v1/apps/shop/scale', vic, { services: { web: 2 } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'BERTH_FORBIDDEN',
      message: 'POST /api/v1/apps/shop/scale needs the deployer role; vic is a viewer',
    });
    expect((await call('GET', '/api/v1/apps/bank/releases', dee)).status).toBe(403);
    expect((await call('GET', '/api/v1/users', dee)).status).toBe(403);

    const audit = (await (await call('GET', '/api/v1/audit', testToken)).json()) as {
      entries: { actor: string; action: string; target: string; outcome: string }[];
    };
    const lines = audit.entries.map((e) => `${e.actor} ${e.action} ${e.target} ${e.outcome}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'vic POST /api/v1/apps/shop/scale 403',
        'vic login /api/v1/auth/login ok',
        'admin-token POST /api/v1/users 201',
      ]),
    );
  });

  it('filters the audit log by actor and by outcome class, newest first', async () => {
    await call('POST', '/api/v1/users', testToken, {
      name: 'vic',
      password: 'viewer password 1',
      role: 'viewer',
    });
    const vic = await login('vic', 'viewer password 1');
    await call('POST', '/api/v1/apps/shop/scale', vic, { replicas: { web: 2 } });
    await call('DELETE', '/api/v1/users/nobody', testToken);
    const lines = async (query: string): Promise<string[]> =>
      (
        (await (await call('GET', `/api/v1/audit?${query}`, testToken)).json()) as {
          entries: { actor: string; action: string; target: string; outcome: string }[];
        }
      ).entries.map((e) => `${e.actor} ${e.action} ${e.target} ${e.outcome}`);

    expect(await lines('actor=vic')).toEqual([
      'vic POST /api/v1/apps/shop/scale 403',
      'vic login /api/v1/auth/login ok',
    ]);
    expect(await lines('outcome=denied')).toEqual(['vic POST /api/v1/apps/shop/scale 403']);
    expect(await lines('outcome=error')).toEqual(['admin-token DELETE /api/v1/users/nobody 422']);
    expect(await lines('outcome=ok&actor=admin-token')).toEqual(['admin-token POST /api/v1/users 201']);
    expect(await lines('outcome=ok&limit=1')).toEqual(['vic login /api/v1/auth/login ok']);
    expect((await call('GET', '/api/v1/audit?outcome=maybe', testToken)).status).toBe(422);
  });

  it('refuses wrong passwords, throttles after 5 failures, and never reveals which users exist', async () => {
    await call('POST', '/api/v1/users', testToken, {
      name: 'vic',
      password: 'viewer password 1',
      role: 'viewer',
    });
    const attempt = (name: string, password: string) =>
      Promise.resolve(
        kit.api.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, password }),
        }),
      );
    const unknown = await attempt('nobody', 'whatever password');
    const wrong = await attempt('vic', 'not the password');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      ((await wrong.json()) as { error: { message: string } }).error.message,
    );
    for (let i = 0; i < 4; i++) await attempt('vic', 'not the password');
    const throttled = await attempt('vic', 'viewer password 1');
    expect(throttled.status).toBe(401);
    expect(throttled.headers.get('retry-after')).not.toBeNull();
  });

  it('revokes a token so it no longer works, and makes expired tokens fail', async () => {
    await call('POST', '/api/v1/users', testToken, {
      name: 'ada',
      password: 'admin password 12',
      role: 'admin',
    });
    const created = (await (
      await call('POST', '/api/v1/tokens', testToken, { name: 'ci', user: 'ada' })
    ).json()) as {
      id: number;
      token: string;
    };
    expect((await call('GET', '/api/v1/users', created.token)).status).toBe(200);
    expect((await call('DELETE', `/api/v1/tokens/${created.id}`, created.token)).status).toBe(200);
    expect((await call('GET', '/api/v1/users', created.token)).status).toBe(401);
    expect(JSON.stringify(kit.store.users.tokens())).not.toContain(created.token);
  });

  it('gives browsers an HttpOnly SameSite=Strict session cookie and requires the CSRF token to change anything', async () => {
    await call('POST', '/api/v1/users', testToken, {
      name: 'dee',
      password: 'deployer password',
      role: 'deployer',
    });
    const login = await kit.api.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'dee', password: 'deployer password', session: true }),
    });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^berth_session=berth_[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const { csrfToken } = (await login.json()) as { csrfToken: string; token?: string };
    const cookie = setCookie.split(';')[0] ?? '';
    const withCookie = (method: string, path: string, headers: Record<string, string> = {}) =>
      Promise.resolve(
        kit.api.request(path, {
          method,
          headers: { cookie, 'content-type': 'application/json', ...headers },
          body: method === 'GET' ? null : '{}',
        }),
      );
    expect((await withCookie('GET', '/api/v1/apps/shop/releases')).status).toBe(200);
    const forged = await withCookie('POST', '/api/v1/apps/shop/pipelines/runs');
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toContain('X-CSRF-Token');
    const session = (await (await withCookie('GET', '/api/v1/auth/session')).json()) as {
      user: { name: string };
      csrfToken: string;
    };
    expect(session).toEqual({ user: { name: 'dee', role: 'deployer', apps: null }, csrfToken });
    expect((await withCookie('POST', '/api/v1/auth/logout', { 'x-csrf-token': csrfToken })).status).toBe(200);
    expect((await withCookie('GET', '/api/v1/apps/shop/releases')).status).toBe(401);
  });
});
