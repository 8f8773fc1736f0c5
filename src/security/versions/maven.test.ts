import { describe, expect, it } from 'vitest';
import { compare, isValid } from './maven.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('maven compare()', () => {
  it.each([
    ['1.0-alpha-1', '<', '1.0-beta-1'],
    ['1.0-beta-1', '<', '1.0-milestone-1'],
    ['1.0-milestone-1', '<', '1.0-rc-1'],
    ['1.0-rc-1', '=', '1.0-cr-1'],
    ['1.0-rc-1', '<', '1.0-SNAPSHOT'],
    ['1.0-SNAPSHOT', '<', '1.0'],
    ['1.0', '=', '1.0-ga'],
    ['1.0', '=', '1.0.0-final'],
    ['1.0', '=', '1.0-RELEASE'],
    ['1.0', '<', '1.0-sp-1'],
    ['1.0-sp-1', '<', '1.0-foo'],
    ['1.0-foo', '<', '1.0-1'],
    ['1.0-1', '<', '1.0.1'],
    ['1', '=', '1.0.0'],
    ['1.1', '=', '1.01'],
    ['1a1', '=', '1-alpha-1'],
    ['1b2', '=', '1-beta-2'],
    ['1m3', '=', '1-milestone-3'],
    ['1.0RC1', '=', '1.0-rc-1'],
    ['1.0.0a', '=', '1-a'],
    ['2.0.1-klm', '<', '2.0.1-lmn'],
    ['1.0.9', '<', '1.0.10'],
    ['6.1.0rc3', '<', '6.1.0'],
    ['1234567890.12345', '<', '123456789012345.1H.5-beta'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('maven isValid()', () => {
  it.each(['1.0', '1.0-SNAPSHOT', '2.0.0.RELEASE', 'anything-goes'])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', '1.0 beta', ' 1.0'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
