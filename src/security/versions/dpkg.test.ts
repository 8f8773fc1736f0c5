import { describe, expect, it } from 'vitest';
import { compare, isValid } from './dpkg.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('dpkg compare()', () => {
  it.each([
    ['1.0~rc1', '<', '1.0'],
    ['1.0~~', '<', '1.0~'],
    ['1.0~', '<', '1.0'],
    ['1.0', '<', '1.0+deb12u1'],
    ['1.0', '<', '1.0a'],
    ['1.0+', '<', '1.0.'],
    ['1.0a', '<', '1.0.'],
    ['1.0+', '<', '1.0.'],
    ['1.2.3-1~deb7u1', '<', '1.2.3-1'],
    ['1.2.3-1', '<', '1.2.3-1+deb7u1'],
    ['2.7.4+reloaded2-13ubuntu1', '<', '2.7.4+reloaded2-13+deb9u1'],
    ['0.0.0', '=', '0.0.0-0'],
    ['0.0.0', '=', '0:0.0.0'],
    ['1.01', '=', '1.1'],
    ['0.9', '<', '0.10'],
    ['1:0.1', '>', '2.0'],
    ['10:1', '>', '9:2'],
    ['1.0-1', '<', '1.0-1.1'],
    ['1.0-1-2', '>', '1.0-1-1'],
    ['1:2:3-1', '>', '1:2:2-1'],
    ['2:0.0.44-1', '<', '2:0.0.44-nobin'],
    [' 1.0-1 ', '=', '1.0-1'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });

  it('still orders a version whose epoch is not a number, as part of the upstream version', () => {
    expect(compare('a:1', 'a:2')).toBe(-1);
    expect(compare('1.0', 'a:1')).toBe(-1);
  });
});

describe('dpkg isValid()', () => {
  it.each(['1.0', '1:2.3-4', '2.7.4+reloaded2-13+deb9u1', '1.0~rc1-0ubuntu1', '1:2:3-4', '0'])(
    'accepts %j',
    (v) => {
      expect(isValid(v)).toBe(true);
    },
  );

  it.each(['', 'abc', 'a:1.0', ':1.0', '1.0-', '1.0 1', '1.0-1:2', '1.0-1_2', '1:', '1.0!'])(
    'rejects %j',
    (v) => {
      expect(isValid(v)).toBe(false);
    },
  );
});
