import { describe, expect, it } from 'vitest';
import { can } from './session';

describe('can()', () => {
  it.each([
    [{ name: 'vic', role: 'viewer', apps: null }, 'deployer', undefined, false],
    [{ name: 'dee', role: 'deployer', apps: null }, 'deployer', 'shop', true],
    [{ name: 'dee', role: 'deployer', apps: ['blog'] }, 'deployer', 'shop', false],
    [{ name: 'dee', role: 'deployer', apps: ['shop'] }, 'viewer', 'shop', true],
    [{ name: 'ada', role: 'admin', apps: null }, 'admin', undefined, true],
  ] as const)('%j needs %s for %s: %s', (user, need, app, allowed) => {
    expect(can({ ...user, apps: user.apps ? [...user.apps] : null }, need, app)).toBe(allowed);
  });
});
