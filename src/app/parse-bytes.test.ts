import { describe, expect, it } from 'vitest';
import { parseBytes } from './parse-bytes.js';

describe('parseBytes', () => {
  it.each([
    ['100000', 100_000],
    [100000, 100_000],
    ['10b', 10],
    ['1k', 1024],
    ['1kb', 1024],
    ['512m', 512 * 1024 ** 2],
    ['512M', 512 * 1024 ** 2],
    ['2MB', 2 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5GB', 1_610_612_736],
    ['1.3k', 1331],
    ['64 mb', 64 * 1024 ** 2],
  ])('parses %j as %d bytes', (input, expected) => {
    expect(parseBytes(input)).toBe(expected);
  });

  it.each([['12zz'], ['-1m'], ['m'], [''], ['1.5.2g'], [1.5], [-3], ['1tb']])('rejects %j', (input) => {
    expect(parseBytes(input)).toBeUndefined();
  });
});
