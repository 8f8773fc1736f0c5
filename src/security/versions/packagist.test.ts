import { describe, expect, it } from 'vitest';
import { compare, isValid } from './packagist.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('packagist compare()', () => {
  it.each([
    ['1.0-dev', '<', '1.0a1'],
    ['1.0a1', '<', '1.0b1'],
    ['1.0b1', '<', '1.0RC1'],
    ['1.0RC1', '=', '1.0rc1'],
    ['1.0rc1', '<', '1.0'],
    ['1.0', '<', '1.0pl1'],
    ['1.0', '<', '1.0.0'],
    ['v1.0', '=', '1.0'],
    ['V1.0.0', '=', 'v1.0.0'],
    ['1.25.0-beta2.1', '=', '1.25.0-b.2.1'],
    ['dev-foo', '<', '1.26.0'],
    ['4.3-2RC1', '<', '4.3-2RC2'],
    ['1.2.3.#.beta', '<', '1.2.3'],
    ['10', '>', '2'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('packagist isValid()', () => {
  it.each([
    '1.0',
    'v1.2.3',
    '1.2.3.4',
    '1.0.0-beta2',
    '1.0.0RC1',
    '1.0-dev',
    '2.0.x-dev',
    'dev-main',
    '1.0.0+build.1',
  ])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', 'foo', '1.0.0.0.0', '1.0-foo'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
