import { describe, expect, it } from 'vitest';
import { applyBehavior, type BehaviorResult } from './apply-behavior.js';
import { initialAutoscaleState, type AutoscaleState } from './autoscale-state.js';
import { resolveBehavior, type ScalingBehavior, type ScalingBehaviorInput } from './behavior.js';

const t0 = 1_700_000_000_000;
const defaults = resolveBehavior({ minReplicas: 1, maxReplicas: 1000 });

/** Runs one round per desired count, `stepMs` apart, feeding each result back as the current count. */
function run(behavior: ScalingBehavior, startReplicas: number, desired: readonly number[], stepMs = 15_000) {
  let state: AutoscaleState = initialAutoscaleState;
  let current = startReplicas;
  return desired.map((desiredReplicas, i): BehaviorResult => {
    const result = applyBehavior(
      state,
      { currentReplicas: current, desiredReplicas },
      t0 + i * stepMs,
      behavior,
    );
    state = result.state;
    current = result.replicas;
    return result;
  });
}
const counts = (results: readonly BehaviorResult[]) => results.map((r) => r.replicas);

describe('applyBehavior: default scale-up policies (max of 4 pods and 100 % per 15 s)', () => {
  it.each([
    [1, 5],
    [2, 6],
    [3, 7],
    [4, 8],
    [5, 10],
    [8, 16],
    [40, 80],
  ])('from %i replicas allows at most %i in one step', (current, allowed) => {
    const [result] = run(defaults, current, [1000]);
    expect(result).toMatchObject({ replicas: allowed, limitedBy: 'scaleUpLimit' });
  });

  it('grows 1 → 5 → 10 → 20 → 40 over successive 15 s periods', () => {
    expect(counts(run(defaults, 1, [100, 100, 100, 100, 100]))).toEqual([5, 10, 20, 40, 80]);
  });

  it('measures the limit from the count at the start of the period, so a second round inside it holds', () => {
    expect(counts(run(defaults, 1, [100, 100, 100], 5_000))).toEqual([5, 5, 5]);
    expect(counts(run(defaults, 1, [100, 100, 100, 100], 7_500))).toEqual([5, 5, 10, 10]);
  });

  it('scales straight to a desired count inside the limit', () => {
    expect(run(defaults, 3, [6])[0]).toEqual(expect.objectContaining({ replicas: 6 }));
    expect(run(defaults, 3, [6])[0]).not.toHaveProperty('limitedBy');
  });
});

describe('applyBehavior: stabilization windows (scale-down: highest of the last 300 s; scale-up: lowest)', () => {
  it('does not scale down on a dip inside 300 s, and does once 300 s have passed', () => {
    // Round 0 at t0 recommends 4; from round 1 (t0 + 15 s) on the metrics ask for 2.
    const results = run(defaults, 4, [4, ...Array<number>(21).fill(2)]);
    expect(counts(results.slice(0, 20))).toEqual(Array(20).fill(4));
    expect(results[1]).toMatchObject({ limitedBy: 'stabilization', stabilizedReplicas: 4 });
    expect(results[20]).toMatchObject({ replicas: 2 }); // t0 + 300 s: the 4 of t0 has left the window
  });

  it('never scales down when the dip is shorter than the window', () => {
    const desired = [4, ...Array<number>(10).fill(2), ...Array<number>(30).fill(4)];
    expect(Math.min(...counts(run(defaults, 4, desired)))).toBe(4);
  });

  it('makes a freshly started autoscaler wait out the window before its first scale-down', () => {
    const results = run(defaults, 4, Array<number>(21).fill(2));
    expect(results[0]).toMatchObject({ replicas: 4, limitedBy: 'stabilization' });
    expect(results[19]?.replicas).toBe(4);
    expect(results[20]?.replicas).toBe(2);
  });

  it('uses the lowest recent recommendation for a scale-up window', () => {
    const behavior = resolveBehavior({
      minReplicas: 1,
      maxReplicas: 100,
      scaleUp: { stabilizationWindowMs: 60_000 },
    });
    // A one-round spike to 8 does not scale up; 8 sustained for the whole 60 s window does (at the
    // policy rate: 3 + 4 = 7, then 8 in the next period).
    expect(counts(run(behavior, 3, [3, 8, 3]))).toEqual([3, 3, 3]);
    expect(counts(run(behavior, 3, [3, 8, 8, 8, 8, 8]))).toEqual([3, 3, 3, 3, 7, 8]);
  });
});

describe('applyBehavior: bounds', () => {
  const bounded = resolveBehavior({
    minReplicas: 2,
    maxReplicas: 10,
    scaleDown: { stabilizationWindowMs: 0 },
  });
  it.each([
    ['clamps a scale-up to max', 8, 20, 10, 'max'],
    ['clamps a scale-down to min', 4, 1, 2, 'min'],
    ['brings a count above max down at once', 12, 12, 10, 'max'],
    ['brings a count below min up at once', 1, 1, 2, 'min'],
  ])('%s', (_name, current, desired, replicas, limitedBy) => {
    const [result] = run(bounded, current, [desired]);
    expect(result).toMatchObject({ replicas, limitedBy });
  });

  it('leaves a service scaled to 0 alone, as the HPA does', () => {
    expect(run(bounded, 0, [5])[0]).toMatchObject({
      replicas: 0,
      reason: 'scaling is disabled since the replica count of the target is zero',
    });
  });
});

// "Scaling policies" and "Example: limit scale down rate" on
// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
describe('applyBehavior: documented scale-down policies', () => {
  const docPolicies: ScalingBehaviorInput = {
    minReplicas: 1,
    maxReplicas: 100,
    scaleDown: {
      stabilizationWindowMs: 0,
      policies: [
        { type: 'Pods', value: 4, periodMs: 60_000 },
        { type: 'Percent', value: 10, periodMs: 60_000 },
      ],
    },
  };

  it('80 → 10: removes 8, then 10 % of 72 rounded up to 8, then 4 at a time below 40', () => {
    const results = run(resolveBehavior(docPolicies), 80, Array<number>(14).fill(10), 60_000);
    expect(counts(results)).toEqual([72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10]);
    expect(results[0]).toMatchObject({ limitedBy: 'scaleDownLimit' });
  });

  it('removes nothing more until the 60 s period has passed', () => {
    expect(counts(run(resolveBehavior(docPolicies), 80, [10, 10, 10, 10, 10], 15_000))).toEqual([
      72, 72, 72, 72, 64,
    ]);
  });

  it('with selectPolicy Min picks the policy that removes fewer pods', () => {
    const behavior = resolveBehavior({
      minReplicas: 1,
      maxReplicas: 100,
      scaleDown: {
        stabilizationWindowMs: 0,
        selectPolicy: 'Min',
        policies: [
          { type: 'Percent', value: 10, periodMs: 60_000 },
          { type: 'Pods', value: 5, periodMs: 60_000 },
        ],
      },
    });
    expect(run(behavior, 100, [1])[0]?.replicas).toBe(95);
    expect(run(behavior, 30, [1])[0]?.replicas).toBe(27);
  });

  it('with selectPolicy Disabled never scales down', () => {
    const behavior = resolveBehavior({
      minReplicas: 1,
      maxReplicas: 100,
      scaleDown: { selectPolicy: 'Disabled', stabilizationWindowMs: 0 },
    });
    expect(run(behavior, 10, [1])[0]).toMatchObject({ replicas: 10, limitedBy: 'scaleDownLimit' });
  });
});

describe('applyBehavior: state', () => {
  it('returns a new state and leaves the given one untouched', () => {
    const before = JSON.stringify(initialAutoscaleState);
    const result = applyBehavior(
      initialAutoscaleState,
      { currentReplicas: 1, desiredReplicas: 9 },
      t0,
      defaults,
    );
    expect(JSON.stringify(initialAutoscaleState)).toBe(before);
    expect(result.state).toEqual({
      recommendations: [
        { replicas: 1, atMs: t0 },
        { replicas: 9, atMs: t0 },
      ],
      scaleUpEvents: [{ change: 4, atMs: t0, outdated: false }],
      scaleDownEvents: [],
    });
  });

  it('keeps the recommendation history bounded by reusing slots that left both windows', () => {
    const results = run(defaults, 4, Array<number>(200).fill(4));
    expect(results.at(-1)?.state.recommendations.length).toBeLessThanOrEqual(22);
  });
});
