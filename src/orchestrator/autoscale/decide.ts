import { applyBehavior, type LimitedBy } from './apply-behavior.js';
import { withInitialRecommendation, type AutoscaleState } from './autoscale-state.js';
import { resolveAutoscaleSpec, type AutoscaleSpec, type ResolvedAutoscaleSpec } from './autoscale-spec.js';
import { combineMetrics } from './combine-metrics.js';
import { desiredReplicas, type MetricTarget } from './desired-replicas.js';
import type { MetricResult } from './metric-result.js';
import type { MetricKind, PodSample } from './pod-sample.js';

/** One replica's readings for every metric, plus its lifecycle (see {@link PodSample}). */
export interface ReplicaSample extends Omit<PodSample, 'value'> {
  /** CPU in use, in cores (averaged over the last stats frames, see `src/metrics`). */
  cpuCores?: number;
  /** Memory in use (without reclaimable page cache). */
  memoryBytes?: number;
  /** Requests per second the replica served. */
  rps?: number;
}

/** What the caller observed this round. */
export interface AutoscaleObservation {
  /** The service's replica count now (its desired count, as the HPA reads scale.spec.replicas). */
  currentReplicas: number;
  replicas: readonly ReplicaSample[];
  /** Each replica's `deploy.resources.reservations`, the "request" that utilization divides by. */
  reservations?: { cpus?: number; memoryBytes?: number };
}

/** Everything one round decided and why: meant to be stored as an event as it is. */
export interface AutoscaleDecision {
  atMs: number;
  inputs: { spec: ResolvedAutoscaleSpec; observation: AutoscaleObservation };
  /** One entry per configured metric, with its ratio; empty when metrics were not consulted. */
  metrics: readonly MetricResult[];
  /** The combined metric recommendation before stabilization, policies and bounds. */
  recommendation?: number;
  recommendedBy?: MetricKind;
  stabilizedReplicas?: number;
  replicas: number;
  limitedBy?: LimitedBy;
  reason: string;
  /** When the next round is due. */
  nextAtMs: number;
}

export interface DecideResult {
  replicas: number;
  decision: AutoscaleDecision;
  state: AutoscaleState;
}

const metricNames: Record<MetricKind, string> = {
  cpu: 'cpu resource utilization (percentage of request)',
  memory: 'memory resource utilization (percentage of request)',
  rps: 'pods metric rps',
};

/**
 * One autoscaling round for one service, the whole Kubernetes HPA pipeline (horizontal.go
 * `reconcileAutoscaler`): per-metric {@link desiredReplicas}, {@link combineMetrics}, then
 * {@link applyBehavior}. Pure: pass the returned state to the next round, `syncPeriodMs` later.
 *
 * @example
 * let state = initialAutoscaleState;
 * const { replicas, decision, state: next } = decide({ min: 1, max: 10, cpuPercent: 50 }, state, observation, Date.now());
 * state = next; // store `decision` as an event; scale to `replicas` if it changed
 */
export function decide(
  spec: AutoscaleSpec,
  state: AutoscaleState,
  observation: AutoscaleObservation,
  nowMs: number,
): DecideResult {
  const resolved = resolveAutoscaleSpec(spec);
  const current = observation.currentReplicas;
  const base = {
    atMs: nowMs,
    inputs: { spec: resolved, observation },
    nextAtMs: nowMs + resolved.syncPeriodMs,
  };
  // Kubernetes consults metrics only when the count is inside [min, max] and not 0.
  const inRange = current > 0 && current >= resolved.min && current <= resolved.max;
  const metrics = inRange ? measureAll(resolved, observation, nowMs) : [];
  let desired = current;
  let recommendedBy: MetricKind | undefined;
  let metricReason: string | undefined;
  if (inRange) {
    const combined = combineMetrics(metrics, current);
    if (!combined.ok) {
      const decision = { ...base, metrics, replicas: current, reason: combined.reason };
      return { replicas: current, decision, state: withInitialRecommendation(state, current, nowMs) };
    }
    desired = combined.replicas;
    recommendedBy = combined.metric;
    if (desired > current) metricReason = `${metricNames[combined.metric]} above target`;
    else if (desired < current) metricReason = 'All metrics below target';
    else metricReason = 'recommended size matches current size';
  }
  const outcome = applyBehavior(
    state,
    { currentReplicas: current, desiredReplicas: desired },
    nowMs,
    resolved.behavior,
  );
  const decision: AutoscaleDecision = {
    ...base,
    metrics,
    ...(inRange ? { recommendation: desired } : {}),
    ...(recommendedBy === undefined ? {} : { recommendedBy }),
    ...(outcome.stabilizedReplicas === undefined ? {} : { stabilizedReplicas: outcome.stabilizedReplicas }),
    replicas: outcome.replicas,
    ...(outcome.limitedBy === undefined ? {} : { limitedBy: outcome.limitedBy }),
    reason: metricReason === undefined ? outcome.reason : `${metricReason}; ${outcome.reason}`,
  };
  return { replicas: outcome.replicas, decision, state: outcome.state };
}

function measureAll(
  spec: ResolvedAutoscaleSpec,
  observation: AutoscaleObservation,
  nowMs: number,
): MetricResult[] {
  const measure = (
    metric: MetricKind,
    target: MetricTarget,
    read: (sample: ReplicaSample) => number | undefined,
    requests?: number,
  ): MetricResult =>
    desiredReplicas({
      metric,
      currentReplicas: observation.currentReplicas,
      target,
      pods: observation.replicas.map((sample) => toPodSample(sample, read(sample))),
      ...(requests === undefined ? {} : { requests }),
      tolerance: spec.tolerance,
      cpuInitializationPeriodMs: spec.cpuInitializationPeriodMs,
      initialReadinessDelayMs: spec.initialReadinessDelayMs,
      nowMs,
    });
  const results: MetricResult[] = [];
  const { cpus, memoryBytes } = observation.reservations ?? {};
  if (spec.cpuPercent !== undefined) {
    results.push(measure('cpu', { utilizationPercent: spec.cpuPercent }, (s) => s.cpuCores, cpus));
  }
  if (spec.memoryPercent !== undefined) {
    results.push(
      measure('memory', { utilizationPercent: spec.memoryPercent }, (s) => s.memoryBytes, memoryBytes),
    );
  }
  if (spec.rpsPerReplica !== undefined) {
    results.push(measure('rps', { averageValue: spec.rpsPerReplica }, (s) => s.rps));
  }
  return results;
}

function toPodSample(sample: ReplicaSample, value: number | undefined): PodSample {
  const { cpuCores: _cpu, memoryBytes: _memory, rps: _rps, ...pod } = sample;
  return value === undefined ? pod : { ...pod, value };
}
