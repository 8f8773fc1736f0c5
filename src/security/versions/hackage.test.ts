import { describe, expect, it } from 'vitest';
import { compare, isValid } from './hackage.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('hackage compare()', () => {
  it.each([
    ['0.11.3.0', '<', '1.0'],
    ['1.0', '<', '1.0.0'],
    ['1.0.0', '<', '1.0.0.0'],
    ['1.0.1.0', '>', '1.0.0.0'],
    ['0.1.0.0', '=', '0.1.0.0'],
    ['9.4.7', '<', '9.10.1'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('hackage isValid()', () => {
  it.each(['0', '1.0', '0.1.26.0'])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', '1.0-rc1', '1.0.x', 'v1'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
