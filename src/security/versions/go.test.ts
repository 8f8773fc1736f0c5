import { describe, expect, it } from 'vitest';
import { compare, isValid } from './go.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('go compare()', () => {
  it.each([
    ['v1.2.3', '=', '1.2.3'],
    ['1.2.3', '<', 'v1.10.0'],
    // Pseudo-versions (go.dev/ref/mod#pseudo-versions) sort as pre-releases of the next version.
    ['v0.0.0-20200101000000-abcdef123456', '<', 'v0.0.1'],
    ['v0.0.0-20200101000000-abcdef123456', '<', 'v0.0.0-20210101000000-123456abcdef'],
    ['v1.2.3', '<', 'v1.2.4-0.20230101120000-abcdef123456'],
    ['v1.2.4-0.20230101120000-abcdef123456', '<', 'v1.2.4'],
    ['v1.2.4-pre', '<', 'v1.2.4-pre.0.20230101120000-abcdef123456'],
    ['v1.2.4-pre.0.20230101120000-abcdef123456', '<', 'v1.2.4-pre.1'],
    ['v2.0.0+incompatible', '=', 'v2.0.0'],
    ['2.0.0+incompatible', '<', '2.0.1'],
    ['1.21.0-rc.2', '<', '1.21.0'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('go isValid()', () => {
  it.each(['v1.2.3', '1.2.3', 'v0.0.0-20200101000000-abcdef123456', 'v2.0.0+incompatible', 'v1.0.0-rc.1'])(
    'accepts %j',
    (v) => {
      expect(isValid(v)).toBe(true);
    },
  );

  it.each(['', 'v1.2', '1', 'v1.2.3+meta', 'v01.2.3', 'go1.22.3', 'V1.2.3', '=1.2.3'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
