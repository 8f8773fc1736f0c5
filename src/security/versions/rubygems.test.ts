import { describe, expect, it } from 'vitest';
import { compare, isValid } from './rubygems.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('rubygems compare()', () => {
  it.each([
    ['3.2', '<', '3.10'],
    ['1.0.0.beta1', '<', '1.0.0'],
    ['1.0.0.rc1', '<', '1.0.0'],
    ['1.0.a9', '<', '1.0.a10'],
    ['1.0.a2', '=', '1.0.a.2'],
    ['1.0.a.9', '<', '1.0.b.9'],
    ['1.0.b1', '>', '1.0.a.2'],
    ['1', '>', '1beta'],
    ['1.0', '=', '1'],
    ['1.0.0', '=', '1.0'],
    ['1.0.a.0', '=', '1.0.a'],
    // `-` reads as `.pre.` (Gem::Version.new).
    ['1.0-1', '=', '1.0.pre.1'],
    ['1.0-1', '<', '1.0'],
    ['1.0-1', '>', '1.0.a'],
    ['1.0.A', '<', '1.0.a'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('rubygems isValid()', () => {
  it.each(['1', '1.0.0', '1.0.0.beta1', '1.0-1', ' 1.0 ', ''])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['a', '1.0..1', '1.0_beta', 'v1.0', '1.0 1'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
