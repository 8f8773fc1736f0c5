import { describe, expect, it } from 'vitest';
import type { VerifySpec } from '../app/index.js';
import type { TrafficStats } from '../ingress/index.js';
import { describeSides, judgeTraffic } from './traffic-comparison.js';

const spec: VerifySpec = { windowMs: 30_000, intervalMs: 10_000, failureLimit: 1, minRequests: 10 };
const traffic = (requests: number, errors5xx: number, p99Ms?: number): TrafficStats => ({
  requests,
  errors5xx,
  errorRate: requests ? (100 * errors5xx) / requests : 0,
  p99Ms,
});

describe('judgeTraffic', () => {
  it.each([
    [
      'absolute 5xx over the limit',
      { maxErrorRate: 5 },
      traffic(100, 10, 50),
      undefined,
      ['5xx rate 10.0% > 5% (10 of 100)'],
    ],
    ['absolute 5xx within the limit', { maxErrorRate: 5 }, traffic(100, 5, 50), undefined, []],
    [
      'absolute p99 over the limit',
      { maxP99Ms: 100 },
      traffic(100, 0, 150),
      undefined,
      ['p99 150 ms > 100 ms'],
    ],
    [
      '5xx rising more than allowed over the previous release',
      { maxErrorRateIncrease: 2 },
      traffic(100, 5, 50),
      traffic(200, 2, 50),
      ['5xx rate 5.0% vs 1.0% before: +4.0 points > +2'],
    ],
    [
      '5xx rising within the allowance (the old release already failed some)',
      { maxErrorRateIncrease: 2 },
      traffic(100, 12, 50),
      traffic(200, 20, 50),
      [],
    ],
    [
      'no usable baseline: its 5xx share counts as 0 %',
      { maxErrorRateIncrease: 2 },
      traffic(100, 3, 50),
      traffic(5, 5, 50),
      ['5xx rate 3.0% vs no baseline (0%) before: +3.0 points > +2'],
    ],
    [
      'p99 more than maxP99Ratio times the previous release',
      { maxP99Ratio: 1.5 },
      traffic(100, 0, 90),
      traffic(200, 0, 40),
      ['p99 90 ms vs 40 ms before: x2.25 > x1.5'],
    ],
    ['p99 within the ratio', { maxP99Ratio: 1.5 }, traffic(100, 0, 55), traffic(200, 0, 40), []],
    [
      'p99 ratio without a usable baseline is not judged',
      { maxP99Ratio: 1.5 },
      traffic(100, 0, 900),
      undefined,
      [],
    ],
    [
      'absolute and relative limits together',
      { maxErrorRate: 1, maxErrorRateIncrease: 0.5 },
      traffic(100, 2, 50),
      traffic(100, 0, 50),
      ['5xx rate 2.0% > 1% (2 of 100)', '5xx rate 2.0% vs 0.0% before: +2.0 points > +0.5'],
    ],
  ] as const)('%s', (_what, limits, now, before, problems) => {
    expect(judgeTraffic({ ...spec, ...limits }, now, before).problems).toEqual(problems);
  });
});

describe('describeSides', () => {
  it('shows only the new numbers when no relative limit is set', () => {
    expect(describeSides({ ...spec, maxErrorRate: 1 }, traffic(100, 1, 40), traffic(200, 0, 30))).toBe(
      '100 requests, 5xx 1.0%, p99 40 ms',
    );
  });

  it('shows both sides with relative limits, and says when the baseline is thin or missing', () => {
    const relative = { ...spec, maxP99Ratio: 2 };
    expect(describeSides(relative, traffic(100, 1, 40), traffic(200, 0, 30))).toBe(
      '100 requests, 5xx 1.0%, p99 40 ms; previous release: 200 requests, 5xx 0.0%, p99 30 ms',
    );
    expect(describeSides(relative, traffic(100, 1, 40), traffic(4, 0, 30))).toContain(
      'previous release: 4 requests (< minRequests 10)',
    );
    expect(describeSides(relative, traffic(100, 1, 40), undefined)).toContain(
      'previous release: no requests before the deploy',
    );
  });
});
