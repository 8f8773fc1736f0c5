import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['2us', 0.002],
    ['2µs', 0.002],
    ['100ns', 0.0001],
    ['0.1s', 100],
    ['1h2m3s4ms', 3_723_004],
    ['0', 0],
    [0, 0],
    [' 5s ', 5000],
  ])('parses %j as %d ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([['10'], [10], ['-5s'], ['5 s'], ['5d'], ['s'], [''], ['1m30'], ['abc']])('rejects %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});
