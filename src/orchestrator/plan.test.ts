import { describe, expect, it } from 'vitest';
import type { ManagedContainer } from '../engine/index.js';
import type { RestartRecord } from './backoff.js';
import { plan } from './plan.js';
import type { DesiredService, PlanInput, ReplicaHealth } from './plan-types.js';

const backoff = { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 };
const now = 1_000_000_000;

const service = (over: Partial<DesiredService> = {}): DesiredService => ({
  name: 'web',
  replicas: 3,
  hash: 'h1',
  dependsOn: {},
  restartPolicy: { condition: 'any' },
  order: 'start-first',
  parallelism: 1,
  ...over,
});

let seq = 0;
const container = (over: Partial<ManagedContainer> = {}): ManagedContainer => ({
  id: `c${++seq}`,
  name: 'x',
  app: 'shop',
  service: 'web',
  replica: 1,
  release: 1,
  hash: 'h1',
  state: 'running',
  health: undefined,
  exitCode: undefined,
  oomKilled: false,
  startedAt: now - 60_000,
  finishedAt: 0,
  ips: {},
  publishedPorts: [],
  ...over,
});

const input = (over: Partial<PlanInput> & { ready?: string[]; dead?: string[] } = {}): PlanInput => {
  const health = new Map<string, ReplicaHealth>();
  for (const c of over.observed ?? [])
    health.set(c.id, { ready: c.state === 'running', livenessFailed: false });
  for (const id of over.ready ?? []) health.set(id, { ready: true, livenessFailed: false });
  for (const id of over.dead ?? []) health.set(id, { ready: false, livenessFailed: true });
  return { desired: [service()], observed: [], health, restarts: new Map(), now, backoff, ...over };
};

const kinds = (p: ReturnType<typeof plan>): string[] =>
  p.actions.map(
    (a) =>
      `${a.type}:${a.service}.${a.replica}${a.type === 'remove' ? `:${a.why}` : a.type === 'start' ? `:${a.why}` : ''}`,
  );

describe('plan()', () => {
  it('creates every missing replica of a fresh app', () => {
    expect(kinds(plan(input()))).toEqual(['create:web.1', 'create:web.2', 'create:web.3']);
  });

  it('does nothing when every replica runs the desired configuration', () => {
    const observed = [1, 2, 3].map((replica) => container({ replica }));
    expect(plan(input({ observed })).actions).toEqual([]);
  });

  it('is idempotent: the same observation gives the same actions', () => {
    const observed = [container({ replica: 1 }), container({ replica: 5 })];
    expect(plan(input({ observed }))).toEqual(plan(input({ observed })));
  });

  it('removes replicas above the desired count when scaling down', () => {
    const observed = [1, 2, 3, 4, 5].map((replica) => container({ replica }));
    expect(kinds(plan(input({ observed })))).toEqual(['remove:web.4:scale-down', 'remove:web.5:scale-down']);
  });

  it('removes a duplicate of the same slot left by an interrupted create, keeping the running one', () => {
    const running = container({ replica: 1 });
    const stray = container({ replica: 1, state: 'created', startedAt: 0 });
    const observed = [stray, running, container({ replica: 2 }), container({ replica: 3 })];
    const result = plan(input({ observed }));
    expect(result.actions).toEqual([
      { type: 'remove', id: stray.id, service: 'web', replica: 1, why: 'duplicate' },
    ]);
  });

  it('removes containers of services no longer in the spec, and everything when the app is down', () => {
    const observed = [
      container({ service: 'old' }),
      container({ replica: 1 }),
      container({ replica: 2 }),
      container({ replica: 3 }),
    ];
    expect(kinds(plan(input({ observed })))).toEqual(['remove:old.1:not-in-spec']);
    expect(kinds(plan(input({ observed, desired: undefined })))).toEqual([
      'remove:old.1:app-down',
      'remove:web.1:app-down',
      'remove:web.2:app-down',
      'remove:web.3:app-down',
    ]);
  });

  it('restarts a crashed replica at once the first time', () => {
    const crashed = container({
      replica: 1,
      state: 'exited',
      exitCode: 1,
      startedAt: now - 5000,
      finishedAt: now - 10,
    });
    const observed = [crashed, container({ replica: 2 }), container({ replica: 3 })];
    expect(plan(input({ observed })).actions).toEqual([
      { type: 'start', id: crashed.id, service: 'web', replica: 1, why: 'crash', attempt: 1 },
    ]);
  });

  it('waits out the CrashLoopBackOff delay before a repeated restart and says when to wake up', () => {
    const crashed = container({
      replica: 1,
      state: 'exited',
      exitCode: 1,
      startedAt: now - 2000,
      finishedAt: now - 1000,
    });
    const restarts = new Map<string, RestartRecord>([
      [crashed.id, { attempts: 2, total: 2, lastRestartAt: now - 2000 }],
    ]);
    const observed = [crashed, container({ replica: 2 }), container({ replica: 3 })];
    const result = plan(input({ observed, restarts }));
    expect(result.actions).toEqual([]);
    expect(result.wakeAt).toBe(now - 1000 + 20_000);
    const later = plan(input({ observed, restarts, now: now + 19_000 }));
    expect(later.actions).toEqual([
      { type: 'start', id: crashed.id, service: 'web', replica: 1, why: 'crash', attempt: 3 },
    ]);
  });

  it('starts a fresh crash loop when the replica had run longer than the reset time', () => {
    const crashed = container({
      replica: 1,
      state: 'exited',
      exitCode: 2,
      startedAt: now - 700_000,
      finishedAt: now - 1,
    });
    const restarts = new Map<string, RestartRecord>([
      [crashed.id, { attempts: 6, total: 6, lastRestartAt: now - 700_000 }],
    ]);
    const result = plan(input({ observed: [crashed], restarts, desired: [service({ replicas: 1 })] }));
    expect(result.actions).toEqual([
      { type: 'start', id: crashed.id, service: 'web', replica: 1, why: 'crash', attempt: 1 },
    ]);
  });

  it('honours restart_policy none, on-failure with exit 0, and max_attempts', () => {
    const exited0 = container({ replica: 1, state: 'exited', exitCode: 0, finishedAt: now - 1 });
    const none = plan(
      input({
        observed: [exited0],
        desired: [service({ replicas: 1, restartPolicy: { condition: 'none' } })],
      }),
    );
    expect(none.actions).toEqual([]);
    expect(none.givenUp[0]?.reason).toContain('restart_policy: none');
    const onFailure = plan(
      input({
        observed: [exited0],
        desired: [service({ replicas: 1, restartPolicy: { condition: 'on-failure' } })],
      }),
    );
    expect(onFailure.actions).toEqual([]);
    const failed = container({ replica: 1, state: 'exited', exitCode: 3, finishedAt: now - 1 });
    const restarts = new Map([[failed.id, { attempts: 1, total: 2, lastRestartAt: now - 100_000 }]]);
    const capped = plan(
      input({
        observed: [failed],
        restarts,
        desired: [service({ replicas: 1, restartPolicy: { condition: 'any', maxAttempts: 2 } })],
      }),
    );
    expect(capped.actions).toEqual([]);
    expect(capped.givenUp[0]?.reason).toContain('max_attempts');
  });

  it('restarts a running replica whose liveness probe failed', () => {
    const sick = container({ replica: 1 });
    const result = plan(input({ observed: [sick], dead: [sick.id], desired: [service({ replicas: 1 })] }));
    expect(result.actions).toEqual([
      { type: 'restart', id: sick.id, service: 'web', replica: 1, why: 'liveness', attempt: 1 },
    ]);
  });

  it('backs off repeated liveness restarts and honours restart_policy none', () => {
    const sick = container({ replica: 1, startedAt: now - 5000 });
    const restarts = new Map<string, RestartRecord>([
      [sick.id, { attempts: 1, total: 1, lastRestartAt: now - 5000 }],
    ]);
    const waiting = plan(
      input({ observed: [sick], dead: [sick.id], restarts, desired: [service({ replicas: 1 })] }),
    );
    expect(waiting.actions).toEqual([]);
    expect(waiting.wakeAt).toBe(now - 5000 + 10_000);
    const none = plan(
      input({
        observed: [sick],
        dead: [sick.id],
        desired: [service({ replicas: 1, restartPolicy: { condition: 'none' } })],
      }),
    );
    expect(none.actions).toEqual([]);
    expect(none.givenUp[0]?.reason).toBe('liveness probe failed (restart_policy: none)');
  });

  it('holds back a service until its service_healthy dependency is ready', () => {
    const db = service({ name: 'db', replicas: 1, hash: 'd1' });
    const web = service({
      dependsOn: { db: { condition: 'service_healthy', restart: false, required: true } },
    });
    const dbRunning = container({ service: 'db', hash: 'd1' });
    const notReady = input({ desired: [db, web], observed: [dbRunning] });
    notReady.health = new Map([[dbRunning.id, { ready: false, livenessFailed: false }]]);
    const waiting = plan(notReady);
    expect(waiting.actions).toEqual([]);
    expect(waiting.waiting).toEqual([{ service: 'web', reason: 'waiting for "db" to be healthy (0/1)' }]);
    const ready = plan(input({ desired: [db, web], observed: [dbRunning], ready: [dbRunning.id] }));
    expect(kinds(ready)).toEqual(['create:web.1', 'create:web.2', 'create:web.3']);
  });

  it('creates a dependant once a service_started dependency runs', () => {
    const db = service({ name: 'db', replicas: 1, hash: 'd1' });
    const web = service({
      replicas: 1,
      dependsOn: { db: { condition: 'service_started', restart: false, required: true } },
    });
    expect(kinds(plan(input({ desired: [db, web] })))).toEqual(['create:db.1']);
    const running = container({ service: 'db', hash: 'd1' });
    expect(kinds(plan(input({ desired: [db, web], observed: [running] })))).toEqual(['create:web.1']);
  });

  describe('replacing replicas of a changed configuration', () => {
    const old = (replica: number): ManagedContainer => container({ replica, hash: 'h0' });

    it('start-first: creates one new replica at a time (parallelism 1), keeping the old ones serving', () => {
      const observed = [old(1), old(2), old(3)];
      expect(kinds(plan(input({ observed })))).toEqual(['create:web.1']);
    });

    it('start-first: removes the old replica once its replacement is ready, then moves to the next slot', () => {
      const fresh = container({ replica: 1, hash: 'h1' });
      const observed = [old(1), fresh, old(2), old(3)];
      expect(kinds(plan(input({ observed, ready: [fresh.id] })))).toEqual([
        'remove:web.1:replaced',
        'create:web.2',
      ]);
    });

    it('start-first: waits while the replacement is not ready yet', () => {
      const fresh = container({ replica: 1, hash: 'h1' });
      const observed = [old(1), fresh, old(2), old(3)];
      const pending = input({ observed });
      pending.health = new Map([[fresh.id, { ready: false, livenessFailed: false }]]);
      expect(plan(pending).actions).toEqual([]);
    });

    it('stop-first: removes the old replica before creating its replacement', () => {
      const observed = [old(1), old(2), old(3)];
      const desired = [service({ order: 'stop-first', parallelism: 2 })];
      expect(kinds(plan(input({ observed, desired })))).toEqual([
        'remove:web.1:replaced',
        'remove:web.2:replaced',
      ]);
      expect(kinds(plan(input({ observed: [old(3)], desired })))).toEqual(['create:web.1', 'create:web.2']);
    });

    it('update_config.delay holds the next batch until the delay after the last replacement was ready', () => {
      const desired = [service({ batchDelayMs: 5000 })];
      const fresh = container({ replica: 1, hash: 'h1' });
      const observed = [old(1), fresh, old(2), old(3)];
      const at = (readySinceMs: number) => {
        const p = input({ observed, desired });
        p.health = new Map([[fresh.id, { ready: true, livenessFailed: false, readySinceMs }]]);
        return plan(p);
      };
      const early = at(now - 2000);
      expect(kinds(early)).toEqual(['remove:web.1:replaced']);
      expect(early.wakeAt).toBe(now + 3000);
      expect(kinds(at(now - 6000))).toEqual(['remove:web.1:replaced', 'create:web.2']);
      // The first batch never waits.
      expect(kinds(plan(input({ observed: [old(1), old(2), old(3)], desired })))).toEqual(['create:web.1']);
    });

    it('a paused update starts no new replacement but finishes the one in flight', () => {
      const desired = [service({ holdReplacements: true })];
      expect(kinds(plan(input({ observed: [old(1), old(2), old(3)], desired })))).toEqual([]);
      const fresh = container({ replica: 1, hash: 'h1' });
      const observed = [old(1), fresh, old(2), old(3)];
      // The new replica of slot 1 is ready: its old replica goes, slots 2 and 3 keep their old ones.
      expect(kinds(plan(input({ observed, desired, ready: [fresh.id] })))).toEqual(['remove:web.1:replaced']);
    });

    it('parallelism 0 replaces every slot at once', () => {
      const observed = [old(1), old(2), old(3)];
      expect(kinds(plan(input({ observed, desired: [service({ parallelism: 0 })] })))).toEqual([
        'create:web.1',
        'create:web.2',
        'create:web.3',
      ]);
    });
  });
});
