import { describe, expect, it } from 'vitest';
import { parseDuration, parseSize } from './parse-units.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    [' 90s ', 90_000],
    ['10', undefined],
    ['1 h', undefined],
    ['1w', undefined],
    ['', undefined],
  ])('parseDuration(%j) is %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('parseSize', () => {
  it.each([
    ['512m', 512 * 1024 ** 2],
    ['2g', 2 * 1024 ** 3],
    ['1.5GB', 1.5 * 1024 ** 3],
    ['100', 100],
    ['64k', 65_536],
    ['1t', undefined],
    ['lots', undefined],
  ])('parseSize(%j) is %j', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
});
