import { describe, expect, it } from 'vitest';
import { combineMetrics } from './combine-metrics.js';
import type { MetricFailure, MetricProposal, MetricResult } from './metric-result.js';
import type { MetricKind } from './pod-sample.js';

function proposal(metric: MetricKind, replicas: number): MetricProposal {
  return {
    ok: true,
    metric,
    replicas,
    ratio: 1,
    current: 0,
    measured: 1,
    unready: [],
    missing: [],
    dropped: [],
    reason: '',
  };
}
function failure(metric: MetricKind): MetricFailure {
  return { ok: false, metric, error: `no ${metric} value from any ready replica` };
}

// horizontal.go computeReplicasForMetrics and "Algorithm details" of the HPA documentation.
describe('combineMetrics', () => {
  it.each<[string, MetricResult[], number, number | undefined, MetricKind | undefined]>([
    [
      'takes the largest proposal of several metrics',
      [proposal('cpu', 4), proposal('rps', 7), proposal('memory', 2)],
      3,
      7,
      'rps',
    ],
    ['keeps the first metric on a tie', [proposal('cpu', 5), proposal('rps', 5)], 3, 5, 'cpu'],
    ['scales down when every metric says so', [proposal('cpu', 2), proposal('rps', 1)], 3, 2, 'cpu'],
    ['still scales up when another metric failed', [failure('cpu'), proposal('rps', 6)], 3, 6, 'rps'],
    ['still holds the count when another metric failed', [proposal('cpu', 3), failure('rps')], 3, 3, 'cpu'],
    [
      'skips scaling down when another metric failed',
      [proposal('cpu', 1), failure('rps')],
      3,
      undefined,
      undefined,
    ],
    ['skips scaling when every metric failed', [failure('cpu'), failure('rps')], 3, undefined, undefined],
    ['skips scaling with no metric at all', [], 3, undefined, undefined],
  ])('%s', (_name, results, current, replicas, metric) => {
    const combined = combineMetrics(results, current);
    if (replicas === undefined) expect(combined.ok).toBe(false);
    else expect(combined).toMatchObject({ ok: true, replicas, metric });
  });

  it('says which metrics were invalid and why scaling was skipped', () => {
    const combined = combineMetrics([proposal('cpu', 1), failure('rps')], 3);
    expect(combined).toEqual({
      ok: false,
      reason:
        'not scaling down to 1 while 1 of 2 metrics are invalid; first error is: no rps value from any ready replica',
      invalid: [failure('rps')],
    });
  });
});
