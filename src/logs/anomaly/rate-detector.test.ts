import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { Anomaly, RateDetector } from './index.js';
import type { RateDetectorOptions } from './index.js';

const BUCKET = 10_000;

/** Feed `counts[i]` lines of `key` into bucket i, then close every bucket; returns all anomalies. */
function run(counts: readonly number[], options: RateDetectorOptions = {}, key = 'level:error'): Anomaly[] {
  const detector = new RateDetector(options);
  counts.forEach((n, i) => {
    if (n > 0) detector.observe(key, i * BUCKET + 1, n);
  });
  // The key must be seen once before it is watched; a leading 0 is fed as nothing.
  return detector.advance(counts.length * BUCKET);
}

const steady = (n: number, value: number): number[] => new Array<number>(n).fill(value);

describe('RateDetector', () => {
  it('reports a spike with the key, observed and expected counts, at the bucket start', () => {
    const anomalies = run([...steady(40, 10), 60, ...steady(5, 10)]);
    expect(anomalies).toHaveLength(1);
    const [spike] = anomalies;
    expect(spike).toMatchObject({ kind: 'rate', key: 'level:error', atMs: 40 * BUCKET });
    expect(spike?.details).toMatchObject({ direction: 'spike', observed: 60, bucketMs: BUCKET });
    expect(spike?.kind === 'rate' && spike.details.expected).toBeCloseTo(10, 6);
    expect(spike?.score).toBeCloseTo((60 - 10) / Math.sqrt(10), 6);
    expect(spike?.message).toBe('Rate of level:error rose to 60 per 10 s (expected 10.0).');
    expect(Anomaly.parse(spike)).toEqual(spike);
  });

  it('reports a drop when a busy key goes silent (a bucket without lines counts 0)', () => {
    const anomalies = run([...steady(40, 30), 0, 0]);
    expect(anomalies.map((a) => [a.atMs / BUCKET, a.details])).toEqual([
      [40, expect.objectContaining({ direction: 'drop', observed: 0 })],
      [41, expect.objectContaining({ direction: 'drop', observed: 0 })],
    ]);
    expect(anomalies[0]?.message).toBe('Rate of level:error fell to 0 per 10 s (expected 30.0).');
  });

  it.each([
    { case: '0 → 2 is below minCount 5', observed: 2, minCount: 5, alerts: 0 },
    { case: '0 → 5 meets minCount 5', observed: 5, minCount: 5, alerts: 1 },
    { case: '0 → 3 is only 3 spreads away', observed: 3, minCount: 1, alerts: 0 },
    { case: '0 → 4 is 4 spreads away', observed: 4, minCount: 1, alerts: 1 },
  ])('a key that is usually silent: $case', ({ observed, minCount, alerts }) => {
    const counts = [1, ...steady(39, 0), observed];
    // The first bucket's single line starts the watch; the EWMA then decays towards 0.
    const detector = new RateDetector({ minCount, alpha: 1 });
    counts.forEach((n, i) => n > 0 && detector.observe('T9', i * BUCKET, n));
    expect(detector.advance(counts.length * BUCKET)).toHaveLength(alerts);
  });

  it('does not alert before minHistory buckets were watched', () => {
    expect(run([...steady(10, 10), 500], { minHistory: 30 })).toEqual([]);
    expect(run([...steady(10, 10), 500], { minHistory: 10 })).toHaveLength(1);
  });

  it('widens its band with a noisy baseline (median absolute deviation)', () => {
    const noisy = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 5 : 15));
    expect(run([...noisy, 30])).toEqual([]);
    expect(run([...noisy, 45])).toHaveLength(1);
  });

  it('a burst does not drag the baseline: expected stays near the usual rate', () => {
    const detector = new RateDetector();
    for (let i = 0; i < 40; i++) detector.observe('T1', i * BUCKET, 10);
    for (let i = 40; i < 43; i++) detector.observe('T1', i * BUCKET, 1000);
    const anomalies = detector.advance(43 * BUCKET);
    expect(anomalies.map((a) => a.atMs / BUCKET)).toEqual([40, 41, 42]);
    expect(detector.baseline('T1')?.expected).toBeLessThan(15);
  });

  it('counts lines for an already evaluated bucket as late and ignores them', () => {
    const detector = new RateDetector();
    detector.observe('T1', 0);
    detector.advance(5 * BUCKET);
    detector.observe('T1', 2 * BUCKET, 7);
    expect(detector.lateLines).toBe(7);
    expect(detector.baseline('T1')).toEqual({ expected: expect.any(Number), buckets: 5 });
  });

  it('advance() evaluates each bucket once, however often it is called', () => {
    const detector = new RateDetector({ minHistory: 3, madWindow: 3 });
    for (let i = 0; i < 5; i++) detector.observe('T1', i * BUCKET, 10);
    detector.observe('T1', 5 * BUCKET, 100);
    expect(detector.advance(6 * BUCKET)).toHaveLength(1);
    expect(detector.advance(6 * BUCKET)).toEqual([]);
    expect(detector.advance(6 * BUCKET + 5000)).toEqual([]);
  });

  it('advance() before any line returns nothing', () => {
    expect(new RateDetector().advance(1e12)).toEqual([]);
  });

  it.each<[string, RateDetectorOptions]>([
    ['bucketMs', { bucketMs: 0 }],
    ['alpha', { alpha: 0 }],
    ['alpha', { alpha: 1.5 }],
    ['madWindow', { madWindow: 2 }],
    ['minHistory', { minHistory: 61 }],
    ['minCount', { minCount: -1 }],
    ['threshold', { threshold: 0 }],
  ])('rejects an invalid %s with BERTH_CONFIG', (name, options) => {
    let error: unknown;
    try {
      new RateDetector(options);
    } catch (e) {
      error = e;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_CONFIG');
    expect(String(error)).toContain(name);
  });
});
