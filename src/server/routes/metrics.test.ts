import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricSample } from '../../store/index.js';
import { apiKit, type ApiKit } from '../api-test-kit.js';

let kit: ApiKit;
beforeEach(async () => {
  kit = await apiKit();
  kit.deployApp('shop');
});
afterEach(() => kit.close());

const sample = (replica: string, at: number, cpuCores: number): MetricSample => ({
  app: 'shop',
  service: 'web',
  replica,
  at,
  cpuCores,
  memoryBytes: 1000,
  netRxBps: 10,
  netTxBps: 20,
  blkReadBps: 0,
  blkWriteBps: 0,
});

describe('GET /apps/{app}/metrics', () => {
  it('averages each replica per step and sums replicas per service', async () => {
    const t0 = 1_800_000_000_000; // a multiple of 60 s
    kit.store.metrics.addMany([
      sample('shop-web-1', t0, 0.2),
      sample('shop-web-1', t0 + 10_000, 0.4),
      sample('shop-web-2', t0 + 20_000, 1),
      sample('shop-web-1', t0 + 60_000, 0.5),
    ]);
    const range = `start=${t0}&end=${t0 + 120_000}&step=1m`;
    const byReplica = (await (await kit.get(`/api/v1/apps/shop/metrics?${range}`)).json()) as {
      series: { replica: string; points: { cpuCores: [number, number][] } }[];
    };
    expect(byReplica.series.map((s) => [s.replica, s.points.cpuCores])).toEqual([
      [
        'shop-web-1',
        [
          [t0, expect.closeTo(0.3, 9)],
          [t0 + 60_000, 0.5],
        ],
      ],
      ['shop-web-2', [[t0, 1]]],
    ]);
    const byService = (await (await kit.get(`/api/v1/apps/shop/metrics?${range}&by=service`)).json()) as {
      series: { service: string; points: { cpuCores: [number, number][]; netTxBps: [number, number][] } }[];
    };
    expect(byService.series).toHaveLength(1);
    expect(byService.series[0]?.points.cpuCores).toEqual([
      [t0, expect.closeTo(1.3, 9)],
      [t0 + 60_000, 0.5],
    ]);
    expect(byService.series[0]?.points.netTxBps[0]).toEqual([t0, 40]);
  });

  it('refuses a bad step with the parameter named', async () => {
    const res = await kit.get('/api/v1/apps/shop/metrics?step=often');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('step "often"');
  });

  it('answers 404 for an unknown app', async () => {
    expect((await kit.get('/api/v1/apps/nope/metrics')).status).toBe(404);
  });
});
