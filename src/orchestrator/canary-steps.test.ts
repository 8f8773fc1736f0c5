import { describe, expect, it } from 'vitest';
import type { VerifySpec } from '../app/index.js';
import {
  advanceCanary,
  canaryCap,
  canaryWeight,
  startCanary,
  type CanaryObservation,
} from './canary-steps.js';

const steps = [
  { weight: 10, pauseMs: 10_000 },
  { weight: 50, pauseMs: 10_000 },
];
const fresh = () => startCanary({ service: 'web', release: 2, hash: 'h2', steps }, 0);
const seen = (ready: number, over: Partial<CanaryObservation> = {}): CanaryObservation => ({
  replicas: 4,
  canaryReady: Array.from({ length: ready }, (_, i) => `web-${i + 1}`),
  canaryNotReady: [],
  stableReady: 4 - ready,
  publishedPercent: (weight) => weight,
  ...over,
});
const stats = (requests: number, errors5xx: number, p99Ms = 20) => ({
  requests,
  errors5xx,
  errorRate: requests === 0 ? 0 : (100 * errors5xx) / requests,
  p99Ms,
});
const verify: VerifySpec = {
  windowMs: 60_000,
  intervalMs: 5_000,
  maxErrorRate: 5,
  failureLimit: 1,
  minRequests: 5,
};

describe('canaryCap()', () => {
  it.each([
    [3, 34, 2],
    [3, 33, 1],
    [10, 10, 1],
    [10, 1, 1],
    [4, 50, 2],
    [3, 100, 3],
    [3, 67, 2],
    [3, 99, 2],
    [1, 10, 1],
    [1, 100, 1],
  ])('lets %i replicas at weight %i hold %i new replicas', (replicas, weight, cap) => {
    expect(canaryCap(replicas, weight)).toBe(cap);
  });
});

describe('advanceCanary()', () => {
  it('waits at step 1 until its capped replicas are ready, then starts the pause with a canary.step event', () => {
    const waiting = advanceCanary(fresh(), seen(0), undefined, 1000);
    expect(waiting.state.phase).toBe('scaling');
    expect(waiting.events).toEqual([]);
    expect(waiting.message).toBe(
      'canary web step 1/2 at 10%: waiting for 1 replicas of the new version to be ready (0 ready)',
    );

    const reached = advanceCanary(waiting.state, seen(1, { publishedPercent: () => 9.1 }), undefined, 2000);
    expect(reached.state.phase).toBe('pausing');
    expect(reached.events).toEqual([
      {
        kind: 'canary.step',
        message:
          'release 2: canary web step 1/2 at 10%: 9.1% of requests to 1 canary and 3 stable replicas; pausing 10 s',
        data: {
          release: 2,
          service: 'web',
          step: 1,
          steps: 2,
          weight: 10,
          actualPercent: 9.1,
          canary: 1,
          stable: 3,
        },
      },
    ]);
    expect(reached.wakeAt).toBe(12_000);
  });

  it('without verify, passes a step whose canary stayed ready for the whole pause and moves to the next weight', () => {
    const pausing = advanceCanary(fresh(), seen(1), undefined, 0).state;
    expect(advanceCanary(pausing, seen(1), undefined, 9_999).events).toEqual([]);

    const passed = advanceCanary(pausing, seen(1), undefined, 10_000);

    expect(passed.events.map((e) => e.kind)).toEqual(['canary.verified']);
    expect(passed.events[0]?.message).toBe(
      'release 2: canary web step 1/2 at 10% passed (1 canary replicas stayed ready for 10 s)',
    );
    expect(passed.state).toMatchObject({ step: 1, phase: 'scaling', stepStartedAt: 10_000 });
    expect(canaryWeight(passed.state)).toBe(50);
  });

  it('fails the step when a canary replica stops being ready during the pause', () => {
    const pausing = advanceCanary(fresh(), seen(1), undefined, 0).state;

    const lost = advanceCanary(pausing, seen(0, { canaryNotReady: ['shop-web-1-ab12'] }), undefined, 3000);

    expect(lost.verdict).toEqual({
      outcome: 'failed',
      message:
        'canary web step 1/2 at 10% failed: shop-web-1-ab12 stopped being ready during the pause (0/1 ready)',
    });
    expect(lost.events.map((e) => e.kind)).toEqual(['canary.failed']);
    expect(canaryWeight(lost.state)).toBe(0);
  });

  it('judges the canary against the stable replicas of the same window and fails on a 5xx rate over the limit', () => {
    const pausing = advanceCanary(fresh(), seen(1), verify, 0).state;

    const judged = advanceCanary(
      pausing,
      seen(1, { traffic: { canary: stats(10, 6), stable: stats(90, 0) } }),
      verify,
      5_000,
    );

    expect(judged.verdict?.outcome).toBe('failed');
    expect(judged.verdict?.message).toBe(
      'canary web step 1/2 at 10% failed: verification failed: 5xx rate 60.0% > 5% (6 of 10) (10 requests, 5xx 60.0%, p99 20 ms; stable: 90 requests, 5xx 0.0%, p99 20 ms)',
    );
  });

  it('compares with the stable side for relative limits', () => {
    const relative: VerifySpec = { ...verify, maxErrorRate: undefined, maxErrorRateIncrease: 2 };
    const pausing = advanceCanary(fresh(), seen(1), relative, 0).state;
    const traffic = { canary: stats(20, 2), stable: stats(80, 8) };

    const judged = advanceCanary(pausing, seen(1, { traffic }), relative, 5_000);

    expect(judged.verdict).toBeUndefined();
    expect(judged.message).toContain('check passed: 20 requests, 5xx 10.0%');
    const worse = advanceCanary(
      pausing,
      seen(1, { traffic: { canary: stats(20, 4), stable: stats(80, 4) } }),
      relative,
      5_000,
    );
    expect(worse.verdict?.message).toContain('5xx rate 20.0% vs 5.0% on stable: +15.0 points > +2');
  });

  it('checks at least once per pause when the interval is longer than the pause', () => {
    const pausing = advanceCanary(fresh(), seen(1), { ...verify, intervalMs: 60_000 }, 0).state;

    const end = advanceCanary(
      pausing,
      seen(1, { traffic: { canary: stats(10, 0), stable: stats(90, 0) } }),
      { ...verify, intervalMs: 60_000 },
      10_000,
    );

    expect(end.events.map((e) => e.kind)).toEqual(['canary.verified']);
    expect(end.events[0]?.message).toMatch(/passed \(verified: 1 checks passed, 0 failed, 0 inconclusive/);
  });

  it('is inconclusive (the release pauses) when the canary got too few requests in its pause', () => {
    const pausing = advanceCanary(fresh(), seen(1), verify, 0).state;
    const quiet = { traffic: { canary: stats(1, 0), stable: stats(9, 0) } };
    const first = advanceCanary(pausing, seen(1, quiet), verify, 5_000);

    const end = advanceCanary(first.state, seen(1, quiet), verify, 10_000);

    expect(end.verdict).toEqual({
      outcome: 'inconclusive',
      message:
        'canary web step 1/2 at 10%: verification inconclusive (0 checks passed, 0 failed, 2 inconclusive); paused',
    });
    expect(end.state.phase).toBe('pausing');
  });

  it('is promoted after the last step passes, and then sets no weight', () => {
    let state = advanceCanary(fresh(), seen(1), undefined, 0).state;
    state = advanceCanary(state, seen(1), undefined, 10_000).state;
    state = advanceCanary(state, seen(2), undefined, 11_000).state;

    const done = advanceCanary(state, seen(2), undefined, 21_000);

    expect(done.events.map((e) => e.kind)).toEqual(['canary.verified', 'canary.promoted']);
    expect(done.state.phase).toBe('promoted');
    expect(canaryWeight(done.state)).toBeUndefined();
  });
});
