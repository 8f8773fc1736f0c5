import { describe, expect, it } from 'vitest';
import { normalUpperTail, upperNormalQuantile } from './normal-quantile.js';

describe('upperNormalQuantile', () => {
  // Reference values from standard normal tables.
  it.each([
    [0.5, 0],
    [0.05, 1.6449],
    [0.025, 1.96],
    [0.001, 3.0902],
    [0.0005, 3.2905],
    [0.975, -1.96],
  ])('P(Z > x) = %f at x = %f', (alpha, x) => {
    expect(upperNormalQuantile(alpha)).toBeCloseTo(x, 3);
  });

  it('normalUpperTail() keeps relative precision far in the tail', () => {
    // P(Z > 6) = 9.866e-10.
    expect(normalUpperTail(6) / 9.866e-10).toBeCloseTo(1, 1);
    expect(normalUpperTail(-6)).toBeCloseTo(1, 8);
  });
});
