import { describe, expect, it } from 'vitest';
import { compare, isValid } from './nuget.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('nuget compare()', () => {
  it.each([
    ['1.0', '=', '1.0.0.0'],
    ['1.0.01', '=', '1.0.1.0'],
    ['1.0.0', '<', '1.0.0.1'],
    ['1.0.0.1-alpha', '>', '1.0.0'],
    ['1.0.0-BETA', '=', '1.0.0-beta'],
    ['1.0.0-beta', '<', '1.0.0-beta2'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.10'],
    ['1.0.0-beta+AA', '<', '1.0.0+aa'],
    ['1.0.0+meta', '=', '1.0.0'],
    ['1.999.9999', '<', '2.1.1'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('nuget isValid()', () => {
  it.each(['1', '1.0', '1.0.0.1', '1.0.0-beta.1+build', '1.0.0-BETA'])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', '1.0.0.0.0', 'v1.0', '1.0-', '1.0.0-beta..1'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
