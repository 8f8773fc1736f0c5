import { describe, expect, it } from 'vitest';
import { desiredReplicas, type DesiredReplicasInput } from './desired-replicas.js';
import type { PodSample } from './pod-sample.js';

const nowMs = 1_700_000_000_000;
const tenMinutesAgo = nowMs - 10 * 60_000;

/** A ready replica started long enough ago to be past the CPU initialization period. */
function pod(name: string, value: number | undefined, extra: Partial<PodSample> = {}): PodSample {
  return {
    pod: name,
    ...(value === undefined ? {} : { value }),
    ready: true,
    startedAtMs: tenMinutesAgo,
    ...extra,
  };
}
/** Not ready since it started (never became ready), like a pod whose Ready condition is False. */
const unready: Partial<PodSample> = { ready: false };
/** Started now and ready, but its sample predates one window after readiness ("hot CPU"). */
const hotCpu: Partial<PodSample> = {
  startedAtMs: nowMs,
  readySinceMs: nowMs,
  sampleTimeMs: nowMs,
  windowMs: 60_000,
};
const terminating: Partial<PodSample> = { phase: 'terminating' };
const pending: Partial<PodSample> = { phase: 'pending' };

function pods(
  values: readonly (number | undefined)[],
  extras: readonly Partial<PodSample>[] = [],
): PodSample[] {
  return values.map((value, i) => pod(`web-${i}`, value, extras[i]));
}

function cpu(
  currentReplicas: number,
  podList: PodSample[],
  utilizationPercent: number,
  extra: Partial<DesiredReplicasInput> = {},
) {
  return desiredReplicas({
    metric: 'cpu',
    currentReplicas,
    target: { utilizationPercent },
    pods: podList,
    requests: 1,
    nowMs,
    ...extra,
  });
}

describe('desiredReplicas: worked examples of the Kubernetes HPA documentation', () => {
  it.each([
    ['200m against a 100m target doubles', 3, 0.2, 6, 2],
    ['50m against a 100m target halves', 4, 0.05, 2, 0.5],
  ])('%s', (_name, current, usage, expected, ratio) => {
    const result = desiredReplicas({
      metric: 'cpu',
      currentReplicas: current,
      target: { averageValue: 0.1 },
      pods: pods(Array.from({ length: current }, () => usage)),
      nowMs,
    });
    expect(result).toMatchObject({ ok: true, replicas: expected, ratio });
  });

  it('doubles at 200 % utilization of a 100 % target as well', () => {
    expect(cpu(3, pods([0.2, 0.2, 0.2]), 100, { requests: 0.1 })).toMatchObject({
      replicas: 6,
      current: 200,
    });
  });

  it.each([
    ['exactly 1.1 keeps the count', 110, 3, 3],
    ['exactly 0.9 keeps the count', 90, 3, 3],
    ['1.11 scales up', 111, 3, 4],
    ['0.89 scales down', 89, 10, 9],
    ['1.0 keeps the count', 100, 3, 3],
  ])('tolerance edge: a ratio of %s', (_name, rps, current, expected) => {
    const result = desiredReplicas({
      metric: 'rps',
      currentReplicas: current,
      target: { averageValue: 100 },
      pods: pods(Array.from({ length: current }, () => rps)),
      nowMs,
    });
    expect(result).toMatchObject({ ok: true, replicas: expected });
  });

  it('compares whole-percent utilization, so 110.9 % of a 100 % target is within tolerance', () => {
    expect(cpu(3, pods([1.109, 1.109, 1.109]), 100)).toMatchObject({ replicas: 3, current: 110 });
    expect(cpu(3, pods([1.11, 1.11, 1.11]), 100)).toMatchObject({ replicas: 4, current: 111 });
  });

  it('treats missing replicas as at 100 % of their request when scaling down, which damps the change', () => {
    // 2 measured at 20 %, 2 missing: 20 % → 60 % once the missing count as 100 %, so 3 instead of 1.
    const result = cpu(4, pods([0.2, 0.2, undefined, undefined]), 100);
    expect(result).toMatchObject({
      replicas: 3,
      ratio: 0.2,
      adjustedRatio: 0.6,
      missing: ['web-2', 'web-3'],
    });
  });

  it('treats missing replicas as at 0 % when scaling up, which damps the change', () => {
    // 2 measured at 200 %, 2 missing: 200 % → 100 %, within tolerance, so no change.
    expect(cpu(4, pods([2, 2, undefined, undefined]), 100)).toMatchObject({ replicas: 4, adjustedRatio: 1 });
  });

  it('treats not-yet-ready replicas as at 0 % only when scaling up', () => {
    // Ready replicas at 160 % would ask for 4; with the not-ready one at 0 % it is 106 %: within tolerance.
    const up = cpu(3, pods([1, 1.6, 1.6], [unready]), 100);
    expect(up).toMatchObject({ replicas: 3, ratio: 1.6, adjustedRatio: 1.06, unready: ['web-0'] });
    const down = cpu(3, pods([1, 0.3, 0.3], [unready]), 100);
    expect(down).toMatchObject({ replicas: 1, ratio: 0.3, unready: ['web-0'] });
    expect(down).not.toHaveProperty('adjustedRatio');
  });

  it('takes no action when counting missing replicas would reverse the direction', () => {
    // measured 90 % says scale down; with 1 missing at 100 % the ratio is 0.95: within tolerance.
    expect(cpu(2, pods([0.9, undefined]), 100)).toMatchObject({ replicas: 2, ratio: 0.9 });
    // measured 85 % of a 50 % target says up; 2 missing at 0 %: 28 % says down, so hold.
    expect(cpu(3, pods([0.85, undefined, undefined]), 50)).toMatchObject({
      replicas: 3,
      adjustedRatio: 0.56,
    });
  });
});

// kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator_test.go, TestReplicaCalcResourceScale,
// TestReplicaCalcResourceMissingMetrics and TestReplicaCalcResourceTolerance. Upstream pods have two
// containers with equal requests and usage; one replica with half of each gives the same utilization.
describe('desiredReplicas: CPU utilization cases of replica_calculator_test.go', () => {
  it.each([
    ['scale up', 3, pods([0.3, 0.5, 0.7]), 30, 5, 50],
    ['scale up: unready pod scales less', 3, pods([0.3, 0.5, 0.7], [unready]), 30, 4, 60],
    ['scale up: hot-CPU pod scales less', 3, pods([0.3, 0.5, 0.7], [hotCpu]), 30, 4, 60],
    ['no scale: unready pods ignored', 3, pods([0.4, 0.5, 0.7], [{}, unready, unready]), 30, 3, 40],
    ['no scale: hot-CPU pods ignored', 3, pods([0.4, 0.5, 0.7], [{}, hotCpu, hotCpu]), 30, 3, 40],
    [
      'scale up: failed pods ignored',
      2,
      pods([0.5, 0.7, 1, 9], [{}, {}, terminating, terminating]),
      30,
      4,
      60,
    ],
    ['scale down', 5, pods([0.1, 0.3, 0.5, 0.25, 0.25]), 50, 3, 28],
    [
      'scale down: exclude unready pods',
      5,
      pods([0.1, 0.3, 0.5, 0.25, 0.25], [{}, {}, {}, unready, unready]),
      50,
      2,
      30,
    ],
    [
      'scale down: exclude unscheduled pods',
      5,
      pods([0.1, undefined, undefined, undefined, undefined], [{}, pending, pending, pending, pending]),
      50,
      1,
      10,
    ],
    [
      'scale down: ignore hot-CPU pods',
      5,
      pods([0.1, 0.3, 0.5, 0.25, 0.25], [{}, {}, {}, hotCpu, hotCpu]),
      50,
      2,
      30,
    ],
    [
      'scale down: pods being deleted are ignored',
      5,
      pods([0.1, 0.3, 0.5, 0.25, 0.25, 1, 1], [{}, {}, {}, {}, {}, terminating, terminating]),
      50,
      3,
      28,
    ],
    ['some pods missing metrics scales down', 4, pods([0.4, 0.095, undefined, undefined]), 100, 3, 24],
    ['no change: metric equal to target', 2, pods([1, undefined]), 100, 2, 100],
    ['no change: metric above target', 2, pods([1.9, undefined]), 100, 2, 190],
    ['no change: metric below target', 2, pods([0.6, undefined]), 100, 2, 60],
    ['no change: unready pod metric missing', 3, pods([0.1, 0.45, undefined], [unready]), 50, 3, 45],
    ['no change: hot-CPU pod metric missing', 3, pods([0.1, 0.45, undefined], [hotCpu]), 50, 3, 45],
    ['scale up: unready pod metric missing', 3, pods([0.1, 2, undefined], [unready]), 50, 4, 200],
    [
      'scale up: hot-CPU pod metric missing',
      3,
      pods([0.1, 2, undefined], [{ ...hotCpu, ready: false }]),
      50,
      4,
      200,
    ],
    ['scale down: unready pod metric missing', 4, pods([0.1, 0.1, 0.1, undefined], [unready]), 50, 3, 10],
    ['rolling update with maxSurge: extra pod missing metric', 2, pods([0.1, 0.1, undefined]), 50, 2, 10],
  ])('%s', (_name, current, podList, target, expected, utilization) => {
    expect(cpu(current, podList, target)).toMatchObject({
      ok: true,
      replicas: expected,
      current: utilization,
    });
  });

  it('scale down: target over 100 counts a missing pod at the target, not at 100 %', () => {
    const requests = { 'web-0': 1, 'web-1': 1, 'web-2': 2, 'web-3': 2 };
    const result = cpu(4, pods([0.2, 0.1, 0.1, undefined], [unready]), 300, { requests });
    expect(result).toMatchObject({ ok: true, replicas: 2, current: 6 });
  });

  const mixedRequests = { 'web-0': 0.9, 'web-1': 1, 'web-2': 1.1 };
  it.each([
    ['within default tolerance', [1.01, 1.03, 1.02], undefined, 3, 102],
    ['outside 0% tolerance', [0.909, 1.01, 1.111], 0, 4, 101],
    ['within 200% scale-up tolerance', [1.89, 1.91, 1.9], { scaleUp: 2, scaleDown: 0.1 }, 3, 190],
    ['outside 8% scale-up tolerance', [1.1, 1.08, 1.09], { scaleUp: 0.08, scaleDown: 2 }, 4, 109],
    ['within 36% scale-down tolerance', [0.66, 0.64, 0.65], { scaleUp: 0.1, scaleDown: 0.36 }, 3, 65],
    ['outside 34% scale-down tolerance', [0.66, 0.64, 0.65], { scaleUp: 0.1, scaleDown: 0.34 }, 2, 65],
  ])('tolerance: %s', (_name, values, tolerance, expected, utilization) => {
    const result = cpu(3, pods(values), 100, {
      requests: mixedRequests,
      ...(tolerance === undefined ? {} : { tolerance }),
    });
    expect(result).toMatchObject({ ok: true, replicas: expected, current: utilization });
  });

  it('fails, naming the replica and the Compose key, when a replica has no reservation', () => {
    const result = cpu(1, pods([0.2]), 100, { requests: {} });
    expect(result).toMatchObject({ ok: false, metric: 'cpu' });
    expect(!result.ok && result.error).toContain(
      'replica "web-0" has none; set deploy.resources.reservations.cpus',
    );
  });

  it('fails when no ready replica has a value', () => {
    expect(cpu(2, pods([0.5, undefined], [unready]), 50)).toMatchObject({ ok: false });
    expect(cpu(0, [], 50)).toMatchObject({ ok: false, error: 'the service has no replicas to measure' });
  });
});

// replica_calculator_test.go TestReplicaCalcPodMetric: per-pod custom metrics (averageValue), where
// readiness is not considered, only pending pods are set aside.
describe('desiredReplicas: requests per second (average value)', () => {
  const rps = (
    current: number,
    podList: PodSample[],
    target: number,
    extra: Partial<DesiredReplicasInput> = {},
  ) =>
    desiredReplicas({
      metric: 'rps',
      currentReplicas: current,
      target: { averageValue: target },
      pods: podList,
      nowMs,
      ...extra,
    });

  it.each([
    ['scale up', 3, pods([20, 10, 30]), 15, 4, 20],
    [
      'scale up: unready hot-CPU pod scales less',
      3,
      pods([50, 10, 30], [{}, {}, { ...hotCpu, ready: false }]),
      15,
      6,
      30,
    ],
    [
      'scale up: unready hot-CPU pods avoid scale-down',
      3,
      pods([50, 15, 30], [{ ...hotCpu, ready: false }, {}, { ...hotCpu, ready: false }]),
      15,
      7,
      31.666,
    ],
    ['scale down', 5, pods([12, 12, 12, 12, 12]), 20, 3, 12],
    ['within default tolerance', 3, pods([20, 21, 21]), 20, 3, 20.666],
    ['no change: missing metrics', 5, pods([20, 19, 21, undefined, undefined]), 20, 5, 20],
    ['rolling update with maxSurge: extra pod missing metric', 2, pods([10, 10, undefined]), 17, 2, 10],
  ])('%s', (_name, current, podList, target, expected, average) => {
    expect(rps(current, podList, target)).toMatchObject({ ok: true, replicas: expected, current: average });
  });

  it('outside a configurable 1 % scale-up tolerance', () => {
    const result = rps(3, pods([20, 21, 21]), 20, { tolerance: { scaleUp: 0.01, scaleDown: 0.1 } });
    expect(result).toMatchObject({ replicas: 4 });
  });

  it('rejects a utilization target', () => {
    const result = desiredReplicas({
      metric: 'rps',
      currentReplicas: 1,
      target: { utilizationPercent: 50 },
      pods: pods([1]),
      nowMs,
    });
    expect(result).toMatchObject({ ok: false });
  });
});

describe('desiredReplicas: memory', () => {
  it('counts not-ready replicas as Kubernetes does (only CPU sets them aside)', () => {
    const gib = 2 ** 30;
    const podList = pods([2 * gib, 2 * gib], [unready]);
    const memory = desiredReplicas({
      metric: 'memory',
      currentReplicas: 2,
      target: { utilizationPercent: 100 },
      pods: podList,
      requests: gib,
      nowMs,
    });
    expect(memory).toMatchObject({ ok: true, replicas: 4, current: 200, unready: [] });
    const asCpu = desiredReplicas({
      metric: 'cpu',
      currentReplicas: 2,
      target: { utilizationPercent: 100 },
      pods: pods([2, 2], [unready]),
      requests: 1,
      nowMs,
    });
    expect(asCpu).toMatchObject({ ok: true, replicas: 2, adjustedRatio: 1, unready: ['web-0'] });
  });
});
