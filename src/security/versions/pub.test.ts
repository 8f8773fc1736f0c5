import { describe, expect, it } from 'vitest';
import { compare, isValid } from './pub.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('pub compare()', () => {
  it.each([
    ['1.0.0-pre', '<', '1.0.0-pre+build'],
    ['1.0.0-pre+build', '<', '1.0.0'],
    ['1.0.0', '<', '1.0.0+build'],
    ['1.2.3+9', '<', '1.2.3+10'],
    ['1.2.3+900', '<', '1.2.3+a'],
    ['1.2.3+a', '<', '1.2.3+a.1'],
    ['1.2.3+9a', '>', '1.2.3+1z'],
    ['1.2.3-beta+build', '<', '1.2.3-beta+otherbuild'],
    ['v1.2.3', '=', '1.2.3'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('pub isValid()', () => {
  it.each(['1.2.3', '1.2.3-dev.1', '1.2.3+4', '0.0.1-alpha+build.7'])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', '1.2', 'v1.2.3', '1.2.3.4', '1.2.3-'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });
});
