import { describe, expect, it } from 'vitest';
import { BloomCache } from './bloom-cache.js';

const bloom = (bytes: number, fill = 1): Uint8Array => new Uint8Array(bytes).fill(fill);

describe('BloomCache', () => {
  it('returns a cached bloom by block id until it is deleted', () => {
    const cache = new BloomCache(1000);
    const b = bloom(100, 7);
    cache.set(3, b);
    expect(cache.get(3)).toBe(b);
    expect(cache.get(4)).toBeUndefined();
    cache.delete(3);
    expect(cache.get(3)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('never holds more than maxBytes: the oldest blooms are evicted first', () => {
    const cache = new BloomCache(250);
    for (let id = 1; id <= 5; id++) cache.set(id, bloom(100));
    expect(cache.bytes).toBeLessThanOrEqual(250);
    expect([1, 2, 3, 4, 5].map((id) => cache.get(id) !== undefined)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('replacing a block id counts its bytes once', () => {
    const cache = new BloomCache(1000);
    cache.set(1, bloom(100));
    cache.set(1, bloom(300));
    expect(cache.bytes).toBe(300);
    expect(cache.size).toBe(1);
  });

  it.each([
    ['is off (0 bytes)', 0, 10],
    ['is smaller than the bloom', 50, 51],
  ])('keeps nothing when the cache %s', (_name, maxBytes, bloomBytes) => {
    const cache = new BloomCache(maxBytes);
    expect(cache.accepts(bloomBytes)).toBe(false);
    cache.set(1, bloom(bloomBytes));
    expect(cache.get(1)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
