import { describe, expect, it } from 'vitest';
import { canRollBackTo, eventGroup, releaseOrigin, releaseState, shortImageId } from './release-view';
import { currentUsage, formatBytes, formatCpu, trendsByReplica } from './replica-metrics';
import { mergeEvents } from './use-live-events';

describe('releaseState', () => {
  it.each([
    [{ status: 'pending', verifiedAt: null }, 'progressing', 'info'],
    [{ status: 'active', verifiedAt: null }, 'active', 'ok'],
    [{ status: 'active', verifiedAt: '2026-01-01T00:00:00Z' }, 'verified', 'ok'],
    [{ status: 'paused', verifiedAt: null }, 'paused', 'warn'],
    [{ status: 'failed', verifiedAt: null }, 'failed', 'bad'],
    [{ status: 'rolled-back', verifiedAt: null }, 'rolled-back', 'warn'],
    [{ status: 'superseded', verifiedAt: '2026-01-01T00:00:00Z' }, 'superseded', 'neutral'],
  ])('%o reads %s', (release, status, tone) => {
    expect(releaseState(release)).toEqual({ status, tone });
  });
});

describe('releaseOrigin', () => {
  it.each([
    ['up by ada', 'ada', 'up'],
    ['scale web=3 worker=0 by dee', 'dee', 'scale web=3 worker=0'],
    ['rollback to 2 (manual, by ada)', 'ada', 'rollback to 2'],
    ['pipeline shop run 7 (abc1234)', 'pipeline', 'pipeline shop run 7 (abc1234)'],
    [
      'rollback to 2: release 3 not ready within the 20 s progress deadline',
      'berth (automatic)',
      'rollback to 2: release 3 not ready within the 20 s progress deadline',
    ],
    ['up', '', 'up'],
  ])('%s was made by "%s" for "%s"', (reason, who, why) => {
    expect(releaseOrigin(reason)).toEqual({ who, why });
  });
});

describe('release helpers', () => {
  it('shortens image ids as docker does', () => {
    expect(shortImageId('sha256:fb84d3f8a1b2c3d4e5f60718')).toBe('fb84d3f8a1b2');
    expect(shortImageId(undefined)).toBe('');
  });

  it('offers a rollback to any settled release but the current one', () => {
    expect(canRollBackTo({ number: 1, status: 'superseded' }, 2)).toBe(true);
    expect(canRollBackTo({ number: 2, status: 'active' }, 2)).toBe(false);
    expect(canRollBackTo({ number: 3, status: 'pending' }, 2)).toBe(false);
    expect(canRollBackTo({ number: 1, status: 'superseded' }, null)).toBe(true);
  });

  it('groups event kinds by their prefix', () => {
    expect(eventGroup('replica.created')).toBe('replica');
    expect(eventGroup('anomaly.new-template')).toBe('anomaly');
    expect(eventGroup('custom')).toBe('custom');
  });
});

describe('replica metrics', () => {
  it('indexes CPU and memory trends by container name, skipping per-service series', () => {
    const trends = trendsByReplica({
      series: [
        {
          service: 'web',
          replica: 'shop-web-1-aa',
          points: {
            cpuCores: [
              [0, 0.1],
              [10_000, 0.2],
            ],
            memoryBytes: [
              [0, 1024],
              [10_000, 2048],
            ],
          },
        },
        { service: 'web', points: { cpuCores: [[0, 9]], memoryBytes: [[0, 9]] } },
      ],
    });
    expect([...trends.keys()]).toEqual(['shop-web-1-aa']);
    expect(trends.get('shop-web-1-aa')).toEqual({ cpuCores: [0.1, 0.2], memoryBytes: [1024, 2048] });
    expect(trendsByReplica(undefined).size).toBe(0);
  });

  it.each([
    [0, '0 B'],
    [1536, '1.50 KiB'],
    [12.5 * 1024 * 1024, '12.5 MiB'],
    [300 * 1024 * 1024, '300 MiB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('sums the newest sample of the current replicas only', () => {
    const trends = new Map([
      ['a', { cpuCores: [0.5, 0.1], memoryBytes: [10, 100] }],
      ['b', { cpuCores: [0.2], memoryBytes: [50] }],
      ['gone', { cpuCores: [9], memoryBytes: [9] }],
    ]);
    const usage = currentUsage(['a', 'b', 'new'], trends);
    expect(usage?.cpuCores).toBeCloseTo(0.3);
    expect(usage?.memoryBytes).toBe(150);
    expect(currentUsage(['new'], trends)).toBeUndefined();
  });

  it('formats CPU as percent of one core', () => {
    expect(formatCpu(0.125)).toBe('13 %');
    expect(formatCpu(0.0123)).toBe('1.2 %');
    expect(formatCpu(1.5)).toBe('150 %');
  });
});

describe('mergeEvents', () => {
  const event = (id: number) => ({
    id,
    app: 'shop',
    at: id,
    kind: 'replica.created',
    message: `#${id}`,
    data: {},
  });

  it('keeps events newest first without the duplicates a reconnect sends again', () => {
    const merged = mergeEvents([event(3), event(2)], [event(2), event(3), event(4), event(1)]);
    expect(merged.map((e) => e.id)).toEqual([4, 3, 2, 1]);
  });

  it('keeps at most the newest 1000', () => {
    const many = Array.from({ length: 1005 }, (_, i) => event(i + 1));
    const merged = mergeEvents([], many);
    expect(merged).toHaveLength(1000);
    expect(merged[0]?.id).toBe(1005);
  });
});
