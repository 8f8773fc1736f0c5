import { describe, expect, it } from 'vitest';
import { maxDnsRecords, weightedUpstreams } from './weighted-upstreams.js';

const count = (list: string[], address: string): number => list.filter((u) => u === address).length;

describe('weightedUpstreams()', () => {
  it('gives one canary of four replicas a tenth of the records at 10%', () => {
    const stable = ['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80'];

    const result = weightedUpstreams(stable, ['10.0.0.9:80'], 10);

    expect(result.actualPercent).toBeCloseTo(10, 0);
    expect(count(result.upstreams, '10.0.0.9:80') / result.upstreams.length).toBeCloseTo(0.1, 2);
    expect(result.upstreams.length).toBeLessThanOrEqual(maxDnsRecords);
    for (const s of stable) expect(count(result.upstreams, s)).toBe(count(result.upstreams, stable[0] ?? ''));
  });

  it.each([
    [5, 1, 1],
    [25, 3, 1],
    [50, 2, 2],
    [75, 1, 3],
  ])('reaches %i%% with %i stable and %i canary replicas', (percent, stableCount, canaryCount) => {
    const stable = Array.from({ length: stableCount }, (_, i) => `10.0.1.${i}:80`);
    const canary = Array.from({ length: canaryCount }, (_, i) => `10.0.2.${i}:80`);

    const result = weightedUpstreams(stable, canary, percent);

    const share = result.upstreams.filter((u) => canary.includes(u)).length / result.upstreams.length;
    expect(Math.abs(share * 100 - percent)).toBeLessThanOrEqual(2.5);
    expect(result.actualPercent).toBeCloseTo(share * 100, 0);
  });

  it('interleaves the canary instead of sending it bursts', () => {
    const result = weightedUpstreams(['a', 'b'], ['c'], 50);

    expect(result.upstreams).not.toContain(undefined);
    const positions = result.upstreams.flatMap((u, i) => (u === 'c' ? [i] : []));
    const gaps = positions.slice(1).map((p, i) => p - (positions[i] ?? 0));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it('sends everything to the stable side at 0% and to the canary at 100%', () => {
    expect(weightedUpstreams(['a'], ['c'], 0)).toEqual({ upstreams: ['a'], actualPercent: 0 });
    expect(weightedUpstreams(['a'], ['c'], 100)).toEqual({ upstreams: ['c'], actualPercent: 100 });
    expect(weightedUpstreams([], ['c'], 10)).toEqual({ upstreams: ['c'], actualPercent: 100 });
    expect(weightedUpstreams(['a'], [], 10)).toEqual({ upstreams: ['a'], actualPercent: 0 });
  });

  it('never publishes more records than fit a DNS answer', () => {
    const stable = Array.from({ length: 10 }, (_, i) => `s${i}`);

    const result = weightedUpstreams(stable, ['c1', 'c2'], 1);

    expect(result.upstreams.length).toBeLessThanOrEqual(maxDnsRecords);
    expect(new Set(result.upstreams).size).toBe(12);
  });
});
