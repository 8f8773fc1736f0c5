/**
 * P(Z > x) for a standard normal Z, via erfc from Abramowitz & Stegun 7.1.26 (absolute error of erf < 1.5e-7):
 * plenty for choosing a detection threshold. The tail is computed directly, not as 1 − CDF, so small tails keep
 * their relative precision.
 */
export function normalUpperTail(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const tail = (poly * Math.exp(-z * z)) / 2;
  return x >= 0 ? tail : 1 - tail;
}

/**
 * The upper-tail normal quantile: the x with P(Z > x) = alpha, found by bisection on `normalUpperTail`.
 *
 * @example
 * upperNormalQuantile(0.001); // ≈ 3.090
 */
export function upperNormalQuantile(alpha: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalUpperTail(mid) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
