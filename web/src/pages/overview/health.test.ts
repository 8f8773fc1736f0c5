import { describe, expect, it } from 'vitest';
import type { AppStatus, ReleaseSummary, ServiceStatus } from '../../api/types';
import { activeAlerts, anomalies, appHealth, recentReleases, serviceCount, serviceTone } from './health';

const service = (over: Partial<ServiceStatus> = {}): ServiceStatus => ({
  name: 'web',
  desired: 2,
  running: 2,
  ready: 2,
  settled: 2,
  completed: 0,
  replicas: [],
  ...over,
});

const app = (over: Partial<AppStatus> = {}): AppStatus => ({
  app: 'shop',
  release: 3,
  releaseStatus: 'active',
  converged: true,
  services: [service()],
  failures: [],
  observedAt: 0,
  ...over,
});

describe('appHealth', () => {
  it.each([
    ['every replica ready and converged', app(), 'ready'],
    ['no current release', app({ release: null, releaseStatus: null, services: [] }), 'down'],
    ['release pending', app({ releaseStatus: 'pending', converged: false }), 'progressing'],
    ['release failed', app({ releaseStatus: 'failed' }), 'failed'],
    [
      'a crash-looping replica',
      app({ failures: [{ service: 'web', replica: 2, reason: 'exited with code 1' }] }),
      'degraded',
    ],
    ['fewer ready than desired', app({ services: [service({ ready: 1 })], converged: false }), 'degraded'],
    ['a one-shot job that completed', app({ services: [service({ ready: 0, completed: 2 })] }), 'ready'],
    ['old replicas still being replaced', app({ converged: false }), 'progressing'],
  ])('%s reads %s', (_what, status, health) => {
    expect(appHealth(status)).toBe(health);
  });

  it('counts ready (and completed) over desired per service', () => {
    expect(serviceCount(service({ ready: 1 }))).toBe('1/2');
    expect(serviceTone(service({ ready: 1 }))).toBe('warn');
    expect(serviceTone(service({ ready: 0 }))).toBe('bad');
    expect(serviceTone(service())).toBe('ok');
  });
});

describe('overview lists', () => {
  it('lists firing alerts before pending ones, the longest active first', () => {
    const rule = { name: 'errors', expr: 'x', severity: 'high', forMs: 0, state: 'firing' as const };
    const rows = activeAlerts([
      {
        app: 'shop',
        rules: [
          {
            ...rule,
            active: [
              { labels: { a: '1' }, state: 'pending', activeSinceMs: 1, value: 1 },
              { labels: { a: '2' }, state: 'firing', activeSinceMs: 5, value: 9 },
              { labels: { a: '3' }, state: 'firing', activeSinceMs: 2, value: 9 },
            ],
          },
        ],
      },
    ]);
    expect(rows.map((r) => r.alert.labels.a)).toEqual(['3', '2', '1']);
  });

  it('keeps anomaly events of the window only, newest first', () => {
    const event = (id: number, kind: string, at: number) => ({
      id,
      app: 'shop',
      at,
      kind,
      message: '',
      data: {},
    });
    const found = anomalies(
      [
        event(1, 'anomaly.rate', 100),
        event(2, 'release.created', 200),
        event(3, 'anomaly.new-template', 300),
        event(4, 'anomaly.rate', 10),
      ],
      50,
    );
    expect(found.map((e) => e.id)).toEqual([3, 1]);
  });

  it('merges releases of several apps newest first', () => {
    const release = (app: string, number: number, createdAt: string) =>
      ({ app, number, createdAt }) as ReleaseSummary;
    const merged = recentReleases(
      [
        [release('shop', 2, '2026-01-02T00:00:00Z'), release('shop', 1, '2026-01-01T00:00:00Z')],
        [release('blog', 1, '2026-01-03T00:00:00Z')],
      ],
      2,
    );
    expect(merged.map((r) => `${r.app}#${r.number}`)).toEqual(['blog#1', 'shop#2']);
  });
});
