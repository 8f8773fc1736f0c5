import { describe, expect, it } from 'vitest';
import { groupPods } from './pod-groups.js';
import type { MetricKind, PodSample } from './pod-sample.js';

const nowMs = 1_700_000_000_000;
const s = 1000;
const min = 60 * s;
// replica_calculator_test.go runs groupPods with a 2 min CPU initialization period and a 10 s delay.
const timing = { nowMs, cpuInitializationPeriodMs: 2 * min, initialReadinessDelayMs: 10 * s };

// kubernetes/kubernetes replica_calculator_test.go TestGroupPods, in Berth's sample fields.
describe('groupPods', () => {
  it.each<[string, MetricKind, Omit<PodSample, 'pod'>, 'measured' | 'unready' | 'missing' | 'dropped']>([
    ['counts in a ready pod - memory', 'memory', { value: 1, ready: true, startedAtMs: nowMs }, 'measured'],
    [
      'counts in a ready pod with fresh metrics during the initialization period - CPU',
      'cpu',
      {
        value: 1,
        ready: true,
        startedAtMs: nowMs - min,
        readySinceMs: nowMs - 30 * s,
        sampleTimeMs: nowMs,
        windowMs: 30 * s,
      },
      'measured',
    ],
    [
      'sets aside a ready pod without fresh metrics during the initialization period - CPU',
      'cpu',
      {
        value: 1,
        ready: true,
        startedAtMs: nowMs - min,
        readySinceMs: nowMs - 30 * s,
        sampleTimeMs: nowMs,
        windowMs: 60 * s,
      },
      'unready',
    ],
    [
      'sets aside an unready pod that turned unready 6 s after starting - CPU',
      'cpu',
      { value: 1, ready: false, startedAtMs: nowMs - 10 * min, unreadySinceMs: nowMs - 9 * min - 54 * s },
      'unready',
    ],
    [
      'counts in a ready pod without fresh metrics after the initialization period - CPU',
      'cpu',
      {
        value: 1,
        ready: true,
        startedAtMs: nowMs - 3 * min,
        readySinceMs: nowMs - 3 * min,
        sampleTimeMs: nowMs - 2 * min,
        windowMs: min,
      },
      'measured',
    ],
    [
      'counts in an unready pod that was ready after the initialization period - CPU',
      'cpu',
      { value: 1, ready: false, startedAtMs: nowMs - 10 * min, unreadySinceMs: nowMs - 9 * min },
      'measured',
    ],
    [
      'counts in an unready pod that turned unready exactly the delay after starting - CPU',
      'cpu',
      { value: 1, ready: false, startedAtMs: nowMs - 10 * min, unreadySinceMs: nowMs - 9 * min - 50 * s },
      'measured',
    ],
    [
      'sets aside an unready pod that just started - CPU',
      'cpu',
      { value: 1, ready: false, startedAtMs: nowMs },
      'unready',
    ],
    [
      'counts in an unready pod - memory',
      'memory',
      { value: 1, ready: false, startedAtMs: nowMs },
      'measured',
    ],
    ['finds a missing pod', 'cpu', { ready: true, startedAtMs: nowMs - 3 * min }, 'missing'],
    ['sets aside pending pods', 'rps', { ready: false, startedAtMs: nowMs, phase: 'pending' }, 'unready'],
    [
      'drops terminating pods',
      'cpu',
      { value: 1, ready: true, startedAtMs: nowMs, phase: 'terminating' },
      'dropped',
    ],
  ])('%s', (_name, metric, sample, group) => {
    const groups = groupPods([{ pod: 'web-1', ...sample }], metric, timing);
    const names = group === 'measured' ? groups.measured.map((m) => m.pod) : groups[group];
    expect(names).toEqual(['web-1']);
  });
});
