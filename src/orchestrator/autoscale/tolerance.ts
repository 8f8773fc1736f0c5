/** How far the usage ratio may stray from 1 before the HPA acts, per direction. */
export interface Tolerances {
  scaleUp: number;
  scaleDown: number;
}

/** `--horizontal-pod-autoscaler-tolerance`. */
export const defaultTolerance = 0.1;

export function resolveTolerances(tolerance: number | Tolerances | undefined): Tolerances {
  if (tolerance === undefined) return { scaleUp: defaultTolerance, scaleDown: defaultTolerance };
  if (typeof tolerance === 'number') return { scaleUp: tolerance, scaleDown: tolerance };
  return tolerance;
}

/**
 * Whether a ratio needs no scaling, as replica_calculator.go `Tolerances.isWithin` (Kubernetes 1.33+,
 * KEP-4951): `1 − scaleDown ≤ ratio ≤ 1 + scaleUp`. Both ends are inclusive, so with the default 0.1 a
 * ratio of exactly 1.1 or 0.9 keeps the count. (The older `|1 − ratio| ≤ tolerance` form disagreed at 1.1
 * because 1.1 − 1 > 0.1 in floating point.)
 *
 * @example
 * isWithinTolerance(1.1, { scaleUp: 0.1, scaleDown: 0.1 }); // true
 */
export function isWithinTolerance(ratio: number, tolerances: Tolerances): boolean {
  return 1 - tolerances.scaleDown <= ratio && ratio <= 1 + tolerances.scaleUp;
}
