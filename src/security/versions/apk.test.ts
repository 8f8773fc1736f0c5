import { describe, expect, it } from 'vitest';
import { compare, isValid } from './apk.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('apk compare()', () => {
  it.each([
    ['1.2_alpha', '<', '1.2_beta'],
    ['1.2_beta', '<', '1.2_pre'],
    ['1.2_pre', '<', '1.2_rc'],
    ['1.2_rc1', '<', '1.2'],
    ['1.2', '<', '1.2_cvs'],
    ['1.2_cvs', '<', '1.2_svn'],
    ['1.2_svn', '<', '1.2_git'],
    ['1.2_git', '<', '1.2_hg'],
    ['1.2_hg', '<', '1.2_p1'],
    ['1.2_rc1', '<', '1.2_rc2'],
    ['1.2_p9', '<', '1.2_p10'],
    ['1.0-r2', '<', '1.0-r10'],
    ['1.0', '=', '1.0-r0'],
    ['1.0', '>', '1'],
    ['1.2.0', '>', '1.2'],
    ['1-r1', '<', '1.00'],
    ['1.0-r1', '=', '1.0-r01'],
    ['1.2.3a', '<', '1.2.3b'],
    ['1.2.3', '<', '1.2.3a'],
    ['1.2.3b', '>', '1.2.0d'],
    ['1.01', '<', '1.1'],
    ['1.10', '>', '1.9'],
    ['10', '>', '9'],
    ['1.0~abc123-r1', '=', '1.0~def456-r1'],
    ['1.0_alpha_pre2', '<', '1.0_alpha'],
    ['6.6.2p1', '>', '6.6.2_p1'],
    ['1.2', '>', '1.2_blah'],
    ['a', '<', 'b'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('apk isValid()', () => {
  it.each([
    '1.2.3',
    '1.2.3-r0',
    '1.2.3b',
    '1.2.3_rc1',
    '1.2.3_git20230101-r1',
    '1.2.3b_p1~abcdef-r2',
    '20240101',
  ])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', 'a', '1.2.3A', '1.2.3-R1', '1.2.3_blah', '1.2.3-r', '1..2', '.1', '1.2.3-1'])(
    'rejects %j',
    (v) => {
      expect(isValid(v)).toBe(false);
    },
  );
});
