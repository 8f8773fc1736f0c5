import { describe, expect, it } from 'vitest';
import { compare, isValid } from './pep440.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('pep440 compare()', () => {
  it.each([
    ['1.0.dev0', '<', '1.0a1'],
    ['1.0a1', '<', '1.0a2.dev1'],
    ['1.0a2.dev1', '<', '1.0a2'],
    ['1.0a2', '<', '1.0b1'],
    ['1.0b1', '<', '1.0rc1'],
    ['1.0rc1', '<', '1.0'],
    ['1.0', '<', '1.0.post1.dev1'],
    ['1.0.post1.dev1', '<', '1.0.post1'],
    ['1.0.post1', '<', '1.1.dev0'],
    ['1.0', '=', '1.0.0'],
    ['1.0', '<', '1.0+local'],
    ['1.0+local.a', '<', '1.0+local.1'],
    ['1.0+local.0', '<', '1.0+local.0.1'],
    ['1!0.1', '>', '2.0'],
    ['1.0-1', '=', '1.0.post1'],
    ['1.0alpha1', '=', '1.0a1'],
    ['1.0c1', '=', '1.0rc1'],
    ['1.0.preview1', '=', '1.0rc1'],
    ['1.0-r2', '=', '1.0.post2'],
    ['V1.0', '=', '1.0'],
    [' 1.0 ', '=', '1.0'],
    ['1.2b3.DEV4', '<', '1.2b3.dev5'],
    // Legacy (non-PEP 440) versions sort before every valid one.
    ['0.1-bulbasaur', '<', '0.0.1'],
    ['0.1-bulbasaur', '<', '0.1-charmander'],
    ['0.9-ivysaur', '<', '0.9.dev0'],
    ['foo', '<', 'foo-1'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('pep440 isValid()', () => {
  it.each(['1.0', '1!2.0.post1.dev3+local.7', 'v1.0', '1.0-1', ' 1.0 ', '2019.12.304'])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', 'foo', '1.0-bulbasaur', '1.0+', '1.0.*', '1..0'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
