import { describe, expect, it } from 'vitest';
import { authorize, type Principal } from './authorize.js';
import { LoginLimiter } from './login-limiter.js';
import { hashPassword, verifyPassword } from './password.js';

const viewer: Principal = { name: 'vic', role: 'viewer', apps: null };
const deployer: Principal = { name: 'dee', role: 'deployer', apps: ['shop'] };
const admin: Principal = { name: 'ada', role: 'admin', apps: null };

describe('authorize', () => {
  it.each([
    [viewer, 'GET', '/api/v1/apps/shop/releases', true],
    [viewer, 'POST', '/api/v1/apps/shop/rollback', false],
    [viewer, 'POST', '/api/v1/apps/shop/pipelines/runs/3/approve', false],
    [viewer, 'POST', '/api/v1/tokens', true],
    [deployer, 'POST', '/api/v1/apps/shop/pipelines/runs/3/approve', true],
    [deployer, 'POST', '/api/v1/apps/bank/scale', false],
    [deployer, 'GET', '/api/v1/apps/bank', false],
    [deployer, 'POST', '/api/v1/apps', true],
    [viewer, 'POST', '/api/v1/apps', false],
    [deployer, 'GET', '/api/v1/users', false],
    [deployer, 'POST', '/api/v1/logs/delete', false],
    [admin, 'DELETE', '/api/v1/users/vic', true],
    [admin, 'POST', '/loki/api/v1/push', true],
  ] as const)('%o %s %s -> %s', (principal, method, path, ok) => {
    expect(authorize(principal, method, path).ok).toBe(ok);
  });

  it('says why a call is refused', () => {
    expect(authorize(viewer, 'POST', '/api/v1/apps/shop/scale')).toEqual({
      ok: false,
      reason: 'POST /api/v1/apps/shop/scale needs the deployer role; vic is a viewer',
    });
  });
});

describe('passwords', () => {
  it('verifies the right password only, and refuses short ones', () => {
    const hash = hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(verifyPassword('correct horse battery', hash)).toBe(true);
    expect(verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(verifyPassword('x', 'garbage')).toBe(false);
    expect(() => hashPassword('short')).toThrow('fewer than 12');
  });
});

describe('LoginLimiter', () => {
  it('locks a key after 5 failures in the window and unlocks after it', () => {
    const limiter = new LoginLimiter(5, 60_000);
    for (let i = 0; i < 5; i++) limiter.fail('vic', i * 1000);
    expect(limiter.retryAfterMs('vic', 5000)).toBe(59_000);
    expect(limiter.retryAfterMs('other', 5000)).toBe(0);
    expect(limiter.retryAfterMs('vic', 70_000)).toBe(0);
  });
});
