import type { TimestampedRecommendation } from './autoscale-state.js';

export interface StabilizeInput {
  currentReplicas: number;
  desiredReplicas: number;
  scaleUpWindowMs: number;
  scaleDownWindowMs: number;
  nowMs: number;
}

export interface Stabilized {
  replicas: number;
  recommendations: readonly TimestampedRecommendation[];
}

/**
 * horizontal.go `stabilizeRecommendationWithBehaviors`: the result is the current count pulled up to the
 * lowest recommendation of the scale-up window and down to the highest of the scale-down window (each
 * window including this round's). The raw recommendation is then recorded, reusing the slot of one that
 * has left both windows. Windows are open at the old end, as Go's `time.After`.
 *
 * @example
 * stabilize([{ replicas: 4, atMs: 0 }], { currentReplicas: 4, desiredReplicas: 2, scaleUpWindowMs: 0, scaleDownWindowMs: 300_000, nowMs: 15_000 }).replicas; // 4
 */
export function stabilize(
  recommendations: readonly TimestampedRecommendation[],
  input: StabilizeInput,
): Stabilized {
  const upCutoffMs = input.nowMs - input.scaleUpWindowMs;
  const downCutoffMs = input.nowMs - input.scaleDownWindowMs;
  let upRecommendation = input.desiredReplicas;
  let downRecommendation = input.desiredReplicas;
  let oldIndex = -1;
  recommendations.forEach((rec, index) => {
    if (rec.atMs > upCutoffMs) upRecommendation = Math.min(rec.replicas, upRecommendation);
    if (rec.atMs > downCutoffMs) downRecommendation = Math.max(rec.replicas, downRecommendation);
    if (rec.atMs < upCutoffMs && rec.atMs < downCutoffMs) oldIndex = index;
  });
  let replicas = input.currentReplicas;
  if (replicas < upRecommendation) replicas = upRecommendation;
  if (replicas > downRecommendation) replicas = downRecommendation;
  const entry = { replicas: input.desiredReplicas, atMs: input.nowMs };
  return {
    replicas,
    recommendations: oldIndex >= 0 ? recommendations.with(oldIndex, entry) : [...recommendations, entry],
  };
}
