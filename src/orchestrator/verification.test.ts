import { describe, expect, it } from 'vitest';
import type { VerifySpec } from '../app/index.js';
import { startVerification, verificationStep } from './verification.js';

const spec: VerifySpec = {
  windowMs: 30_000,
  intervalMs: 10_000,
  maxErrorRate: 5,
  maxP99Ms: 500,
  failureLimit: 2,
  minRequests: 10,
};
const traffic = (requests: number, errors5xx: number, p99Ms = 50) => ({
  requests,
  errors5xx,
  errorRate: requests ? (100 * errors5xx) / requests : 0,
  p99Ms,
});

describe('verificationStep', () => {
  it('waits for the interval before the first check', () => {
    const step = verificationStep(startVerification(3, 0), spec, traffic(100, 50), 5_000);
    expect(step.outcome).toBe('continue');
    expect(step.state.failed).toBe(0);
  });

  it('fails after failureLimit failed checks and says why', () => {
    const first = verificationStep(startVerification(3, 0), spec, traffic(100, 40), 10_000);
    expect(first.outcome).toBe('continue');
    const second = verificationStep(first.state, spec, traffic(100, 40), 20_000);
    expect(second.outcome).toBe('failed');
    expect(second.message).toBe(
      'verification failed: 5xx rate 40.0% > 5% (40 of 100) (100 requests, 5xx 40.0%, p99 50 ms)',
    );
  });

  it('counts a slow p99 as a failed check', () => {
    const step = verificationStep(
      startVerification(3, 0),
      { ...spec, failureLimit: 1 },
      traffic(100, 0, 900),
      10_000,
    );
    expect(step.outcome).toBe('failed');
    expect(step.message).toContain('p99 900 ms > 500 ms');
  });

  it('verifies at the end of the window when checks passed', () => {
    let state = startVerification(3, 0);
    for (const now of [10_000, 20_000]) state = verificationStep(state, spec, traffic(100, 1), now).state;
    const end = verificationStep(state, spec, traffic(100, 1), 30_000);
    expect(end.outcome).toBe('verified');
    expect(end.message).toBe(
      'verified: 3 checks passed, 0 failed, 0 inconclusive; last judged check: 100 requests, 5xx 1.0%, p99 50 ms',
    );
  });

  it('is inconclusive, and pauses, when there was too little traffic to judge', () => {
    let state = startVerification(3, 0);
    for (const now of [10_000, 20_000]) state = verificationStep(state, spec, traffic(3, 3), now).state;
    const end = verificationStep(state, spec, traffic(0, 0), 30_000);
    expect(end.outcome).toBe('inconclusive');
    expect(end.state.failed).toBe(0);
  });

  it('compares with the previous release and shows both sides in the verdict', () => {
    const relative: VerifySpec = {
      ...spec,
      maxErrorRate: undefined,
      maxErrorRateIncrease: 2,
      failureLimit: 1,
    };
    const before = traffic(400, 4, 40);
    const bad = verificationStep(startVerification(3, 0), relative, traffic(100, 8), 10_000, before);
    expect(bad.outcome).toBe('failed');
    expect(bad.message).toBe(
      'verification failed: 5xx rate 8.0% vs 1.0% before: +7.0 points > +2 (100 requests, 5xx 8.0%, p99 50 ms; previous release: 400 requests, 5xx 1.0%, p99 40 ms)',
    );
    let state = startVerification(3, 0);
    for (const now of [10_000, 20_000])
      state = verificationStep(state, relative, traffic(100, 2), now, before).state;
    const good = verificationStep(state, relative, traffic(100, 2), 30_000, before);
    expect(good.outcome).toBe('verified');
    expect(good.message).toContain('previous release: 400 requests, 5xx 1.0%, p99 40 ms');
  });
});
