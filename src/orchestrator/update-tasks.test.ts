import { describe, expect, it } from 'vitest';
import { watchTasks, type TaskObservation, type TaskWatch } from './update-tasks.js';

const t0 = 1_000_000;

const seen = (over: Partial<TaskObservation> = {}): TaskObservation => ({
  id: 'c1',
  name: 'shop-web-1-aaaa',
  service: 'web',
  replica: 1,
  state: 'running',
  startedAt: t0,
  finishedAt: 0,
  exitCode: undefined,
  completed: false,
  ready: true,
  readySinceMs: t0 + 1000,
  livenessFailed: false,
  failure: undefined,
  monitorMs: 5000,
  ...over,
});

/** The memory after the task was first seen ready at t0 + 1 s. */
const readyWatch = (): Map<string, TaskWatch> => watchTasks(new Map(), [seen()], t0 + 1000).tasks;

describe('watchTasks (update_config.monitor)', () => {
  it('monitors a replacement from the moment it is ready until monitor has passed', () => {
    const first = watchTasks(new Map(), [seen()], t0 + 1000);
    expect(first.failed).toEqual([]);
    expect(first.monitoringUntil).toBe(t0 + 6000);
    const later = watchTasks(first.tasks, [seen()], t0 + 6000);
    expect(later.tasks.get('c1')?.passed).toBe(true);
    expect(later.monitoringUntil).toBeUndefined();
  });

  it.each([
    [
      'exits 2 s after becoming ready',
      seen({ state: 'exited', exitCode: 1, finishedAt: t0 + 3000 }),
      t0 + 3100,
      'shop-web-1-aaaa exited with code 1 2.0 s after becoming ready (monitor 5.0 s)',
    ],
    [
      'was restarted (the exit itself was not seen)',
      seen({ startedAt: t0 + 4000, ready: false }),
      t0 + 4100,
      'shop-web-1-aaaa restarted 3.0 s after becoming ready (monitor 5.0 s)',
    ],
    [
      'stops being ready',
      seen({ ready: false }),
      t0 + 2500,
      'shop-web-1-aaaa stopped being ready 1.5 s after becoming ready (monitor 5.0 s)',
    ],
    [
      'fails its liveness probe',
      seen({ livenessFailed: true }),
      t0 + 2000,
      'shop-web-1-aaaa failed its liveness probe 1.0 s after becoming ready (monitor 5.0 s)',
    ],
    [
      'is reported crash-looping by the status',
      seen({
        state: 'exited',
        ready: false,
        failure: 'shop-web-1-aaaa: exited with code 3; restart pending',
      }),
      t0 + 2000,
      'shop-web-1-aaaa: exited with code 3; restart pending',
    ],
  ])('counts a replacement that %s within monitor as failed', (_what, observation, now, reason) => {
    const result = watchTasks(readyWatch(), [observation], now);
    expect(result.failed.map((t) => t.failed)).toEqual([reason]);
    expect(result.tasks.get('c1')?.failed).toBe(reason);
  });

  it('counts an exit before the replacement was ever ready (Swarm: a task that never got running)', () => {
    const result = watchTasks(
      new Map(),
      [seen({ ready: false, readySinceMs: undefined, state: 'exited', exitCode: 2, finishedAt: t0 + 500 })],
      t0 + 600,
    );
    expect(result.failed[0]?.failed).toBe('shop-web-1-aaaa exited with code 2 before becoming ready');
  });

  it('does not count an exit after the monitor window: the update is done with that replica', () => {
    const watch = readyWatch();
    const exitedLate = seen({ state: 'exited', exitCode: 1, finishedAt: t0 + 7000 });
    expect(watchTasks(watch, [exitedLate], t0 + 7100).failed).toEqual([]);
  });

  it('does not count a one-shot replica that completed with code 0', () => {
    const done = seen({ state: 'exited', exitCode: 0, completed: true, finishedAt: t0 + 2000 });
    expect(watchTasks(readyWatch(), [done], t0 + 2100).failed).toEqual([]);
  });

  it('reports a failed replacement once, however often it is seen again', () => {
    const crashed = seen({ state: 'exited', exitCode: 1, finishedAt: t0 + 3000 });
    const first = watchTasks(readyWatch(), [crashed], t0 + 3100);
    const again = watchTasks(first.tasks, [crashed], t0 + 3200);
    expect(first.failed).toHaveLength(1);
    expect(again.failed).toEqual([]);
  });

  it('with monitor 0 a ready replacement is done at once', () => {
    const result = watchTasks(new Map(), [seen({ monitorMs: 0 })], t0 + 1000);
    expect(result.tasks.get('c1')?.passed).toBe(true);
    expect(result.monitoringUntil).toBeUndefined();
  });
});
