import { describe, expect, it } from 'vitest';
import { compare, isValid } from './cran.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('cran compare()', () => {
  it.each([
    ['1.0-1', '<', '1.0-2'],
    ['1.0-2', '<', '1.0.10'],
    ['0.1-0', '=', '0.01.0'],
    ['0.9', '<', '0.75'],
    ['1.0', '<', '1.0.0'],
    ['1.0.0', '<', '1.0-1'],
    ['0.3.2.0', '>', '0.3.2'],
    ['1.5', '<', '1.5.4'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('cran isValid()', () => {
  it.each(['1.0', '0.1-2', '1.2.3.4', '2024.01-15'])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', '1', '1.0a', 'v1.0', '1..0', '1.0-'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
