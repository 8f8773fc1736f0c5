import { describe, expect, it } from 'vitest';
import { initialAutoscaleState, type AutoscaleState } from './autoscale-state.js';
import type { AutoscaleSpec } from './autoscale-spec.js';
import { decide, type AutoscaleObservation, type ReplicaSample } from './decide.js';

const t0 = 1_700_000_000_000;
const longAgo = t0 - 60 * 60_000;

function observe(
  readings: readonly Partial<ReplicaSample>[],
  reservations = { cpus: 0.5 },
): AutoscaleObservation {
  return {
    currentReplicas: readings.length,
    replicas: readings.map((r, i) => ({ pod: `web-${i + 1}`, ready: true, startedAtMs: longAgo, ...r })),
    reservations,
  };
}
const cpuAt = (cores: number, n: number) => observe(Array.from({ length: n }, () => ({ cpuCores: cores })));

describe('decide', () => {
  const spec: AutoscaleSpec = { min: 1, max: 10, cpuPercent: 50 };

  it('scales up in the first round after CPU doubles, and says why', () => {
    const { replicas, decision } = decide(spec, initialAutoscaleState, cpuAt(0.5, 2), t0);
    expect(replicas).toBe(4);
    expect(decision).toMatchObject({
      replicas: 4,
      recommendation: 4,
      recommendedBy: 'cpu',
      metrics: [{ ok: true, metric: 'cpu', ratio: 2, current: 100, replicas: 4 }],
      reason:
        'cpu resource utilization (percentage of request) above target; the desired count is within the acceptable range',
    });
  });

  it('takes the largest of several metrics', () => {
    const observation = observe([
      { cpuCores: 0.5, rps: 30 },
      { cpuCores: 0.5, rps: 30 },
    ]);
    const { replicas, decision } = decide(
      { ...spec, rpsPerReplica: 10 },
      initialAutoscaleState,
      observation,
      t0,
    );
    expect(replicas).toBe(6);
    expect(decision).toMatchObject({ recommendation: 6, recommendedBy: 'rps' });
    expect(decision.metrics.map((m) => m.ok && m.replicas)).toEqual([4, 6]);
  });

  it('does not scale down while a metric is invalid, but still scales up', () => {
    const withMemory: AutoscaleSpec = { ...spec, memoryPercent: 80 }; // no memory reservation: invalid
    const down = decide(withMemory, initialAutoscaleState, cpuAt(0.05, 4), t0);
    expect(down.replicas).toBe(4);
    expect(down.decision.reason).toContain('not scaling down to 1 while 1 of 2 metrics are invalid');
    expect(down.decision).not.toHaveProperty('recommendation');
    const up = decide(withMemory, initialAutoscaleState, cpuAt(0.5, 2), t0);
    expect(up.replicas).toBe(4);
  });

  it('scales on CPU at 80 % when no metric is given, as autoscaling/v2 defaults', () => {
    // 0.8 of a 0.5 reservation is 160 %: twice the 80 % default, so 2 → 4.
    const { replicas, decision } = decide({ min: 1, max: 10 }, initialAutoscaleState, cpuAt(0.8, 2), t0);
    expect(decision.inputs.spec.cpuPercent).toBe(80);
    expect(replicas).toBe(4);
  });

  it('waits 300 s of sustained low load before scaling down, across rounds', () => {
    let state: AutoscaleState = initialAutoscaleState;
    let current = 4;
    const history: number[] = [];
    for (let round = 0; round <= 20; round++) {
      const load = round === 0 ? 0.25 : 0.05; // 50 % at t0, then 10 %
      const result = decide(spec, state, cpuAt(load, current), t0 + round * 15_000);
      state = result.state;
      current = result.replicas;
      history.push(current);
    }
    expect(history.slice(0, 20)).toEqual(Array(20).fill(4));
    expect(history[20]).toBe(1);
  });

  it('brings a count above max back at once without consulting metrics', () => {
    const { replicas, decision } = decide({ ...spec, max: 3 }, initialAutoscaleState, cpuAt(0.25, 5), t0);
    expect(replicas).toBe(3);
    expect(decision).toMatchObject({
      metrics: [],
      limitedBy: 'max',
      reason: 'Current number of replicas above Spec.MaxReplicas',
    });
  });

  it('records its inputs, as plain data, with every decision', () => {
    const observation = cpuAt(0.25, 2);
    const { decision } = decide(spec, initialAutoscaleState, observation, t0);
    expect(decision.atMs).toBe(t0);
    expect(decision.nextAtMs).toBe(t0 + 15_000);
    expect(decision.inputs.observation).toEqual(observation);
    expect(decision.inputs.spec).toMatchObject({
      min: 1,
      max: 10,
      cpuPercent: 50,
      tolerance: 0.1,
      syncPeriodMs: 15_000,
    });
    expect(decision.inputs.spec.behavior.scaleDown.stabilizationWindowMs).toBe(300_000);
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });

  it('honours a shorter scale-down stabilization window from the spec', () => {
    let state: AutoscaleState = initialAutoscaleState;
    let current = 4;
    for (const round of [0, 1, 2, 3, 4]) {
      const result = decide(
        { ...spec, scaleDownStabilizationMs: 60_000 },
        state,
        cpuAt(0.05, current),
        t0 + round * 15_000,
      );
      state = result.state;
      current = result.replicas;
    }
    expect(current).toBe(1);
  });
});
