import { describe, expect, it } from 'vitest';
import { compare, isValid, isValidStrict } from './semver.js';

const order = { '<': -1, '=': 0, '>': 1 } as const;

describe('semver compare()', () => {
  it.each([
    ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '<', '1.0.0-alpha.beta'],
    ['1.0.0-alpha.beta', '<', '1.0.0-beta'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.11'],
    ['1.0.0-rc.1', '<', '1.0.0'],
    ['1.2.3-5-Foo', '<', '1.2.3-5-foo'],
    ['1.2.3-r100', '<', '1.2.3-r2'],
    ['0.9.9', '<', '0.10.0'],
    ['v1.2.3', '=', '1.2.3'],
    ['=1.2.3', '=', '1.2.3'],
    ['1.2.3+build.7', '=', '1.2.3'],
    ['1.2.3-beta+a', '=', '1.2.3-beta+b'],
    ['1.2.3beta', '=', '1.2.3-beta'],
    ['1.2', '=', '1.2.0'],
    ['1.2', '<', '1.2.1'],
    ['1.2.3-01', '=', '1.2.3-1'],
    ['999999999999999999999.0.0', '>', '1.0.0'],
    ['1.0.0-99999999999999999999', '>', '1.0.0-99999999999999999998'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
    // node-semver's loose mode would read these as 1.2.3-4.5 and 3.6.4-0.0.0-...
    ['1.2.34.5', '>', '1.2.33'],
    ['3.6.40.0.0-20260407035653-2f416e5253f1', '>', '3.6.25'],
  ] as const)('puts %s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(order[op]);
    expect(compare(b, a)).toBe(-order[op] || 0);
  });
});

describe('semver isValid()', () => {
  it.each(['1.2.3', 'v1.2.3', '=1.2.3', ' 1.2.3 ', '1.2.3-beta.1+build'])('accepts %j', (v) => {
    expect(isValid(v)).toBe(true);
  });

  it.each(['', '1.2', '1.2.3.4', '1.2.34.5', '1.2.3beta', '01.2.3', 'latest', '1.2.x'])('rejects %j', (v) => {
    expect(isValid(v)).toBe(false);
  });

  it.each([
    ['1.2.3-rc.1+b', true],
    ['v1.2.3', false],
    ['=1.2.3', false],
    [' 1.2.3', false],
    ['1.2.3beta', false],
    ['01.2.3', false],
  ])('isValidStrict(%j) is %s', (v, valid) => {
    expect(isValidStrict(v)).toBe(valid);
  });
});
