import { withInitialRecommendation, type AutoscaleState } from './autoscale-state.js';
import type { ScalingBehavior } from './behavior.js';
import { recordScaleEvent, scaleDownLimit, scaleUpLimit } from './rate-limit.js';
import { stabilize } from './stabilize.js';

export type LimitedBy = 'min' | 'max' | 'scaleUpLimit' | 'scaleDownLimit' | 'stabilization';

export interface Recommendation {
  /** The replica count the service has now (the scale target's spec.replicas). */
  currentReplicas: number;
  /** What the metrics ask for (see combineMetrics). */
  desiredReplicas: number;
}

export interface BehaviorResult {
  replicas: number;
  /** Why the count is what it is, in the words of the HPA's conditions. */
  reason: string;
  limitedBy?: LimitedBy;
  /** The count after the stabilization windows, before the policies and bounds. */
  stabilizedReplicas?: number;
  /** The next state; it assumes the new count gets applied. */
  state: AutoscaleState;
}

/**
 * From a metric recommendation to the count to set, as horizontal.go `reconcileAutoscaler` then
 * `normalizeDesiredReplicasWithBehaviors`:
 *
 * - The first round records the current count as a recommendation (`recordInitialRecommendation`), so a
 *   freshly started autoscaler does not scale down before the window has passed.
 * - A count of 0 disables autoscaling; a count outside [min, max] is brought back to the bound at once.
 * - Otherwise: stabilization windows over the recorded recommendations (scale-down: highest over 300 s by
 *   default; scale-up: lowest over 0 s), then the rate policies of the direction, measured from the count
 *   at the start of each policy period, then [min, max].
 *
 * When the count changes the scale is recorded as an event for later periods.
 *
 * @example
 * applyBehavior(initialAutoscaleState, { currentReplicas: 1, desiredReplicas: 10 }, nowMs, resolveBehavior({ minReplicas: 1, maxReplicas: 20 }));
 * // { replicas: 5, limitedBy: 'scaleUpLimit', ... }
 */
export function applyBehavior(
  state: AutoscaleState,
  recommendation: Recommendation,
  nowMs: number,
  behavior: ScalingBehavior,
): BehaviorResult {
  const { currentReplicas, desiredReplicas } = recommendation;
  const seen = withInitialRecommendation(state, currentReplicas, nowMs);
  const finish = (next: AutoscaleState, outcome: Omit<BehaviorResult, 'state'>): BehaviorResult => ({
    ...outcome,
    state: recordScaleEvent(next, behavior, currentReplicas, outcome.replicas, nowMs),
  });

  if (currentReplicas === 0) {
    return finish(seen, {
      replicas: 0,
      reason: 'scaling is disabled since the replica count of the target is zero',
    });
  }
  if (currentReplicas > behavior.maxReplicas) {
    const reason = 'Current number of replicas above Spec.MaxReplicas';
    return finish(seen, { replicas: behavior.maxReplicas, reason, limitedBy: 'max' });
  }
  if (currentReplicas < behavior.minReplicas) {
    const reason = 'Current number of replicas below Spec.MinReplicas';
    return finish(seen, { replicas: behavior.minReplicas, reason, limitedBy: 'min' });
  }

  const stabilized = stabilize(seen.recommendations, {
    currentReplicas,
    desiredReplicas,
    scaleUpWindowMs: behavior.scaleUp.stabilizationWindowMs,
    scaleDownWindowMs: behavior.scaleDown.stabilizationWindowMs,
    nowMs,
  });
  const next = { ...seen, recommendations: stabilized.recommendations };
  const stabilizedReplicas = stabilized.replicas;
  const limited = limitRate(next, currentReplicas, stabilizedReplicas, nowMs, behavior);
  if (limited !== undefined) return finish(next, { ...limited, stabilizedReplicas });
  if (stabilizedReplicas !== desiredReplicas) {
    const reason =
      desiredReplicas >= currentReplicas
        ? 'recent recommendations were lower than current one, applying the lowest recent recommendation'
        : 'recent recommendations were higher than current one, applying the highest recent recommendation';
    return finish(next, {
      replicas: stabilizedReplicas,
      reason,
      limitedBy: 'stabilization',
      stabilizedReplicas,
    });
  }
  const reason = 'the desired count is within the acceptable range';
  return finish(next, { replicas: stabilizedReplicas, reason, stabilizedReplicas });
}

interface Limited {
  replicas: number;
  reason: string;
  limitedBy: LimitedBy;
}

/** horizontal.go `convertDesiredReplicasWithBehaviorRate`; undefined when nothing limits the count. */
function limitRate(
  state: AutoscaleState,
  currentReplicas: number,
  desiredReplicas: number,
  nowMs: number,
  behavior: ScalingBehavior,
): Limited | undefined {
  if (desiredReplicas > currentReplicas) {
    // Below the current count only while older scale-ups still fill the period; then hold.
    const limit = Math.max(scaleUpLimit(currentReplicas, state, behavior.scaleUp, nowMs), currentReplicas);
    const byRate = behavior.maxReplicas > limit;
    const allowed = byRate ? limit : behavior.maxReplicas;
    if (desiredReplicas <= allowed) return undefined;
    return byRate
      ? {
          replicas: allowed,
          limitedBy: 'scaleUpLimit',
          reason: 'the desired replica count is increasing faster than the maximum scale rate',
        }
      : {
          replicas: allowed,
          limitedBy: 'max',
          reason: 'the desired replica count is more than the maximum replica count',
        };
  }
  if (desiredReplicas < currentReplicas) {
    const limit = Math.min(
      scaleDownLimit(currentReplicas, state, behavior.scaleDown, nowMs),
      currentReplicas,
    );
    const byRate = behavior.minReplicas < limit;
    const allowed = byRate ? limit : behavior.minReplicas;
    if (desiredReplicas >= allowed) return undefined;
    return byRate
      ? {
          replicas: allowed,
          limitedBy: 'scaleDownLimit',
          reason: 'the desired replica count is decreasing faster than the maximum scale rate',
        }
      : {
          replicas: allowed,
          limitedBy: 'min',
          reason: 'the desired replica count is less than the minimum replica count',
        };
  }
  return undefined;
}
