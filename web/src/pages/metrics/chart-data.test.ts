import { describe, expect, it } from 'vitest';
import {
  alignSeries,
  formatBytes,
  formatCores,
  formatRate,
  hasSamples,
  latest,
  rangeOf,
  seriesLabels,
} from './chart-data';
import type { MetricName, MetricSeries } from './types';

function series(
  service: string,
  replica: string | undefined,
  points: Partial<Record<MetricName, [number, number][]>>,
): MetricSeries {
  return {
    service,
    ...(replica === undefined ? {} : { replica }),
    points: {
      cpuCores: [],
      memoryBytes: [],
      netRxBps: [],
      netTxBps: [],
      blkReadBps: [],
      blkWriteBps: [],
      ...points,
    },
  };
}

describe('metrics chart data', () => {
  it('aligns series on the union of their buckets, in seconds, leaving gaps as null', () => {
    const web = series('web', undefined, {
      cpuCores: [
        [10_000, 0.5],
        [30_000, 0.7],
      ],
    });
    const worker = series('worker', undefined, {
      cpuCores: [
        [20_000, 1],
        [30_000, 2],
      ],
    });

    expect(alignSeries([web, worker], 'cpuCores')).toEqual({
      xs: [10, 20, 30],
      ys: [
        [0.5, null, 0.7],
        [null, 1, 2],
      ],
    });
    expect(alignSeries([web], 'memoryBytes')).toEqual({ xs: [], ys: [[]] });
  });

  it('names replicas by service and slot, adding the container hash only when a slot repeats', () => {
    const labels = seriesLabels(
      [
        series('web', 'shop-web-1-aaaa1111', {}),
        series('web', 'shop-web-1-bbbb2222', {}),
        series('web', 'shop-web-2-cccc3333', {}),
        series('api', 'other-name', {}),
      ],
      'shop',
    );
    expect(labels).toEqual(['web.1 (aaaa1111)', 'web.1 (bbbb2222)', 'web.2', 'other-name']);
    expect(seriesLabels([series('web', undefined, {})], 'shop')).toEqual(['web']);
  });

  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [12.34 * 1024 * 1024, '12.3 MiB'],
    [300 * 1024 * 1024, '300 MiB'],
    [2 * 1024 ** 3, '2.0 GiB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [0, '0'],
    [0.0042, '0.0042'],
    [0.0134, '0.013'],
    [0.25, '0.250'],
    [1.5, '1.50'],
  ])('formats %d cores as %s', (cores, text) => {
    expect(formatCores(cores)).toBe(text);
  });

  it('formats rates per second and reads the newest point', () => {
    expect(formatRate(2048)).toBe('2.0 KiB/s');
    const s = series('web', undefined, {
      memoryBytes: [
        [1, 10],
        [2, 20],
      ],
    });
    expect(latest(s, 'memoryBytes')).toBe(20);
    expect(latest(s, 'cpuCores')).toBeUndefined();
  });

  it('tells an answer without samples from one with samples', () => {
    expect(hasSamples([])).toBe(false);
    expect(hasSamples([series('web', undefined, {})])).toBe(false);
    expect(hasSamples([series('web', undefined, { netRxBps: [[1, 0]] })])).toBe(true);
  });

  it('falls back to the 1 h range for an unknown range in the URL', () => {
    expect(rangeOf('6h')).toMatchObject({ key: '6h', ms: 21_600_000 });
    expect(rangeOf('3y').key).toBe('1h');
    expect(rangeOf(null).key).toBe('1h');
  });
});
