// Horizontal autoscaling: the Kubernetes HPA algorithm as pure functions, plus Docker stats formulas.
export {
  desiredReplicas,
  defaultCpuInitializationPeriodMs,
  defaultInitialReadinessDelayMs,
} from './desired-replicas.js';
export type { DesiredReplicasInput, MetricTarget } from './desired-replicas.js';
export type { MetricKind, PodSample } from './pod-sample.js';
export type { MetricFailure, MetricProposal, MetricResult } from './metric-result.js';
export { defaultTolerance, isWithinTolerance } from './tolerance.js';
export type { Tolerances } from './tolerance.js';
export { combineMetrics } from './combine-metrics.js';
export type { CombinedRecommendation } from './combine-metrics.js';
export { applyBehavior } from './apply-behavior.js';
export type { BehaviorResult, LimitedBy, Recommendation } from './apply-behavior.js';
export {
  defaultScaleDownRules,
  defaultScaleDownStabilizationMs,
  defaultScaleUpRules,
  resolveBehavior,
} from './behavior.js';
export type { ScalingBehavior, ScalingBehaviorInput, ScalingPolicy, ScalingRules } from './behavior.js';
export { initialAutoscaleState } from './autoscale-state.js';
export type { AutoscaleState, ScaleEvent, TimestampedRecommendation } from './autoscale-state.js';
export { defaultCpuPercent, defaultSyncPeriodMs, resolveAutoscaleSpec } from './autoscale-spec.js';
export type { AutoscaleSpec, ResolvedAutoscaleSpec } from './autoscale-spec.js';
export { decide } from './decide.js';
export type { AutoscaleDecision, AutoscaleObservation, DecideResult, ReplicaSample } from './decide.js';
