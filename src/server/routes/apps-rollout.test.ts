import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKit, testToken, type ApiKit } from '../api-test-kit.js';

let kit: ApiKit;
beforeEach(async () => {
  kit = await apiKit();
  kit.deployApp('shop');
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

async function userToken(name: string, role: string): Promise<string> {
  const password = `${name} password 123`;
  expect((await call('POST', '/api/v1/users', testToken, { name, password, role })).status).toBe(201);
  const res = await kit.api.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Release 1 verified, release 2 paused half-way through its update. */
function pauseSecondRelease(): void {
  const { store } = kit;
  store.releases.markVerified('shop', 1);
  kit.deployApp('shop');
  store.releases.setStatus('shop', 2, 'paused', 'update paused: 1 of 2 replacement replicas of web failed');
}

describe('POST /apps/{app}/rollout/resume and /abort', () => {
  it('resumes a paused release for a deployer, refuses a viewer, and audits both', async () => {
    pauseSecondRelease();
    const vic = await userToken('vic', 'viewer');
    const dee = await userToken('dee', 'deployer');
    expect((await call('POST', '/api/v1/apps/shop/rollout/resume', vic)).status).toBe(403);
    const res = await call('POST', '/api/v1/apps/shop/rollout/resume', dee);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { release: unknown }).release).toMatchObject({
      number: 2,
      status: 'pending',
      message: 'resumed by dee',
    });
    const audit = kit.store.users.auditLog({ limit: 10 }).map((e) => `${e.actor} ${e.target} ${e.outcome}`);
    expect(audit).toEqual(
      expect.arrayContaining([
        'vic /api/v1/apps/shop/rollout/resume 403',
        'dee /api/v1/apps/shop/rollout/resume 200',
      ]),
    );
  });

  it('answers 409 BERTH_ROLLOUT_NOT_PAUSED when nothing is paused', async () => {
    kit.store.releases.markVerified('shop', 1);
    const res = await call('POST', '/api/v1/apps/shop/rollout/resume', testToken);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BERTH_ROLLOUT_NOT_PAUSED');
  });

  it('aborts a paused release into a new release restoring the last verified one', async () => {
    pauseSecondRelease();
    const res = await call('POST', '/api/v1/apps/shop/rollout/abort', testToken);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { release: { number: number; reason: string }; restored: number };
    expect(body.restored).toBe(1);
    expect(body.release).toMatchObject({
      number: 3,
      reason: 'rollback to 1: release 2 aborted by admin-token',
    });
    const releases = kit.store.releases.list('shop').map((r) => [r.number, r.status]);
    expect(releases).toEqual([
      [3, 'pending'],
      [2, 'rolled-back'],
      [1, 'superseded'],
    ]);
  });
});
