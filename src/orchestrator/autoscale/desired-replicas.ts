import type { MetricProposal, MetricResult } from './metric-result.js';
import { groupPods, type PodGroups } from './pod-groups.js';
import type { MetricKind, PodSample } from './pod-sample.js';
import { isWithinTolerance, resolveTolerances, type Tolerances } from './tolerance.js';
import { metricUsageRatio, resourceUtilizationRatio, toMilli, type UsageMeasure } from './usage-ratio.js';

/** A target as in autoscaling/v2 MetricTarget: `Utilization` (whole percent of the request) or `AverageValue`. */
export type MetricTarget = { utilizationPercent: number } | { averageValue: number };

export interface DesiredReplicasInput {
  metric: MetricKind;
  currentReplicas: number;
  target: MetricTarget;
  pods: readonly PodSample[];
  /**
   * Each replica's request (Compose `deploy.resources.reservations`) in the value's unit, needed for a
   * utilization target: one number for every replica, or one per replica name.
   */
  requests?: number | Readonly<Record<string, number>>;
  /** Default 0.1 both ways. */
  tolerance?: number | Tolerances;
  /** Default 5 min. */
  cpuInitializationPeriodMs?: number;
  /** Default 30 s. */
  initialReadinessDelayMs?: number;
  nowMs: number;
}

/** `--horizontal-pod-autoscaler-cpu-initialization-period`. */
export const defaultCpuInitializationPeriodMs = 5 * 60_000;
/** `--horizontal-pod-autoscaler-initial-readiness-delay`. */
export const defaultInitialReadinessDelayMs = 30_000;

interface UsageModel {
  measure(usage: ReadonlyMap<string, bigint>): UsageMeasure | string;
  /** The value assumed for a replica without metrics on a scale-down. */
  assumedOnScaleDown(pod: string): bigint;
}

/**
 * The replica count one metric asks for, following kubernetes/kubernetes
 * pkg/controller/podautoscaler/replica_calculator.go (`GetResourceReplicas` for a utilization target,
 * `calcPlainMetricReplicas` for an average value) and the "Algorithm details" of
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/:
 *
 * 1. ratio = current ÷ target over the measured replicas (see {@link groupPods} for who is set aside).
 * 2. No missing replicas, and no set-aside replicas on a scale-up: keep the count inside the tolerance,
 *    else ⌈ratio × measured⌉.
 * 3. Otherwise missing replicas count as using 100 % of their request (or the target, if above 100 %) /
 *    exactly the target value on a scale-down and 0 on a scale-up; set-aside replicas count 0 on a
 *    scale-up. If the new ratio is inside the tolerance or reverses direction, keep the count; else
 *    ⌈newRatio × replicas considered⌉, unless that count itself moves the wrong way.
 *
 * @example
 * desiredReplicas({ metric: 'cpu', currentReplicas: 2, target: { averageValue: 0.1 }, nowMs,
 *   pods: [{ pod: 'a', value: 0.2, ready: true, startedAtMs: 0 }, { pod: 'b', value: 0.2, ready: true, startedAtMs: 0 }] });
 * // { ok: true, replicas: 4, ratio: 2, ... }
 */
export function desiredReplicas(input: DesiredReplicasInput): MetricResult {
  const { metric, currentReplicas } = input;
  const fail = (error: string): MetricResult => ({ ok: false, metric, error });
  if (input.pods.length === 0) return fail('the service has no replicas to measure');
  const groups = groupPods(input.pods, metric, {
    nowMs: input.nowMs,
    cpuInitializationPeriodMs: input.cpuInitializationPeriodMs ?? defaultCpuInitializationPeriodMs,
    initialReadinessDelayMs: input.initialReadinessDelayMs ?? defaultInitialReadinessDelayMs,
  });
  if (groups.measured.length === 0) {
    return fail(`no ${metric} value from any ready replica (replicas might be unready or missing metrics)`);
  }
  const model = usageModel(input, groups);
  if (typeof model === 'string') return fail(model);

  const usage = new Map(groups.measured.map(({ pod, value }) => [pod, toMilli(value)]));
  const first = model.measure(usage);
  if (typeof first === 'string') return fail(first);
  const tolerances = resolveTolerances(input.tolerance);
  const base = {
    ok: true,
    metric,
    ratio: first.ratio,
    current: first.current,
    measured: groups.measured.length,
    unready: groups.unready,
    missing: groups.missing,
    dropped: groups.dropped,
  } as const;
  const propose = (
    replicas: number,
    reason: string,
    extra: Partial<MetricProposal> = {},
  ): MetricProposal => ({
    ...base,
    ...extra,
    replicas,
    reason,
  });

  const scaleUpWithUnready = groups.unready.length > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && groups.missing.length === 0) {
    if (isWithinTolerance(first.ratio, tolerances)) return propose(currentReplicas, 'ratio within tolerance');
    return propose(Math.ceil(first.ratio * groups.measured.length), 'ratio applied to measured replicas');
  }

  const adjusted = new Map(usage);
  if (first.ratio < 1) for (const pod of groups.missing) adjusted.set(pod, model.assumedOnScaleDown(pod));
  else if (first.ratio > 1) for (const pod of groups.missing) adjusted.set(pod, 0n);
  if (scaleUpWithUnready) for (const pod of groups.unready) adjusted.set(pod, 0n);

  const second = model.measure(adjusted);
  if (typeof second === 'string') return fail(second);
  const extra = { adjustedRatio: second.ratio };
  const reverses = (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1);
  if (isWithinTolerance(second.ratio, tolerances) || reverses) {
    return propose(
      currentReplicas,
      'ratio with missing and unready replicas within tolerance or reversed',
      extra,
    );
  }
  const replicas = Math.ceil(second.ratio * adjusted.size);
  if ((second.ratio < 1 && replicas > currentReplicas) || (second.ratio > 1 && replicas < currentReplicas)) {
    return propose(
      currentReplicas,
      'counting missing and unready replicas would reverse the direction',
      extra,
    );
  }
  return propose(replicas, 'ratio applied with missing and unready replicas counted conservatively', extra);
}

function usageModel(input: DesiredReplicasInput, groups: PodGroups): UsageModel | string {
  const { target, metric } = input;
  if ('averageValue' in target) {
    if (!(target.averageValue > 0)) return `the ${metric} target must be above 0, got ${target.averageValue}`;
    const targetMilli = toMilli(target.averageValue);
    return {
      measure: (usage) => metricUsageRatio(usage, targetMilli),
      assumedOnScaleDown: () => targetMilli,
    };
  }
  const percent = target.utilizationPercent;
  if (metric === 'rps') return 'requests per second take an average value target, not a utilization';
  if (!Number.isInteger(percent) || percent < 1) {
    return `the ${metric} utilization target must be a whole percent of at least 1, got ${percent}`;
  }
  const requests = requestMap(input, [
    ...groups.measured.map((m) => m.pod),
    ...groups.unready,
    ...groups.missing,
  ]);
  if (typeof requests === 'string') return requests;
  // replica_calculator.go: a missing pod counts as using its whole request, or the target when above 100 %.
  const fallbackPercent = BigInt(Math.max(100, percent));
  return {
    measure: (usage) => resourceUtilizationRatio(usage, requests, percent),
    assumedOnScaleDown: (pod) => ((requests.get(pod) ?? 0n) * fallbackPercent) / 100n,
  };
}

function requestMap(input: DesiredReplicasInput, pods: readonly string[]): Map<string, bigint> | string {
  const map = new Map<string, bigint>();
  for (const pod of pods) {
    const request = typeof input.requests === 'number' ? input.requests : input.requests?.[pod];
    if (request === undefined) {
      const field = input.metric === 'cpu' ? 'cpus' : 'memory';
      return `${input.metric} utilization needs a reservation on every replica, and replica "${pod}" has none; set deploy.resources.reservations.${field}`;
    }
    map.set(pod, toMilli(request));
  }
  return map;
}
