/** A metric recommendation as recorded before stabilization (horizontal.go `timestampedRecommendation`). */
export interface TimestampedRecommendation {
  replicas: number;
  atMs: number;
}

/** A scale the autoscaler carried out (horizontal.go `timestampedScaleEvent`). */
export interface ScaleEvent {
  /** Replicas added or removed, never negative. */
  change: number;
  atMs: number;
  /** Older than the longest policy period when last checked; its slot is reused. */
  outdated: boolean;
}

/**
 * What the autoscaler remembers between rounds for one service: the per-HPA maps of the Kubernetes
 * controller (`recommendations`, `scaleUpEvents`, `scaleDownEvents`), kept as a value so the core stays
 * pure. Each round takes the old state and returns the new one.
 */
export interface AutoscaleState {
  readonly recommendations: readonly TimestampedRecommendation[];
  readonly scaleUpEvents: readonly ScaleEvent[];
  readonly scaleDownEvents: readonly ScaleEvent[];
}

/** The state of a service the autoscaler has not seen yet. */
export const initialAutoscaleState: AutoscaleState = Object.freeze({
  recommendations: [],
  scaleUpEvents: [],
  scaleDownEvents: [],
});

/**
 * horizontal.go `recordInitialRecommendation`: the first round remembers the current count as a
 * recommendation, so a freshly started autoscaler waits out the scale-down window before shrinking.
 */
export function withInitialRecommendation(
  state: AutoscaleState,
  currentReplicas: number,
  nowMs: number,
): AutoscaleState {
  if (state.recommendations.length > 0) return state;
  return { ...state, recommendations: [{ replicas: currentReplicas, atMs: nowMs }] };
}
