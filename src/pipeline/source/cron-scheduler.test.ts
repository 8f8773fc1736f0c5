import { describe, expect, it } from 'vitest';
import { CronScheduler, type CronJob } from './cron-scheduler.js';
import { FakeClock } from './testing/fake-clock.js';

type Step = ['advance', number] | ['until', string] | ['jump', number];
const minute = 60_000;
const hour = 60 * minute;

/** Runs one job from `start` (a UTC time on 2025-06-01) and returns "scheduled@wall" for each fire. */
async function fires(
  schedule: string,
  start: string,
  steps: Step[],
  options: { graceMs?: number; lastFiredAt?: string } = {},
): Promise<string[]> {
  const day = '2025-06-01T';
  const clock = new FakeClock(`${day}${start}Z`);
  const seen: string[] = [];
  const job: CronJob = {
    key: 'shop/nightly',
    schedule,
    ...(options.lastFiredAt === undefined ? {} : { lastFiredAt: new Date(`${day}${options.lastFiredAt}Z`) }),
  };
  const scheduler = new CronScheduler(
    {
      clock,
      ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
      onFire: (_, at) =>
        void seen.push(
          `${at.toISOString().slice(11, 16)}@${new Date(clock.now()).toISOString().slice(11, 19)}`,
        ),
      onError: () => {},
    },
    [job],
  );
  scheduler.start();
  for (const [kind, value] of steps) {
    if (kind === 'advance') await clock.advance(value);
    else if (kind === 'until') await clock.advanceTo(`${day}${value}Z`);
    else clock.jump(value);
  }
  scheduler.stop();
  return seen;
}

describe('CronScheduler', () => {
  it.each<[string, string, string, Step[], { graceMs?: number; lastFiredAt?: string }, string[]]>([
    [
      'fires each scheduled minute on time',
      '*/15 * * * *',
      '12:07:00',
      [['until', '13:00:30']],
      {},
      ['12:15@12:15:00', '12:30@12:30:00', '12:45@12:45:00', '13:00@13:00:00'],
    ],
    [
      'on start, fires the minute just missed when it is within the grace window',
      '0 3 * * *',
      '03:04:10',
      [['until', '03:30:00']],
      {},
      ['03:00@03:04:10'],
    ],
    [
      'on start, skips a missed minute older than the grace window',
      '0 3 * * *',
      '03:06:00',
      [['until', '23:59:00']],
      {},
      [],
    ],
    [
      'on start, fires only the latest of many missed minutes, not the backlog',
      '* * * * *',
      '12:00:30',
      [['until', '12:02:00']],
      {},
      ['12:00@12:00:30', '12:01@12:01:00', '12:02@12:02:00'],
    ],
    [
      'on start, does not fire again a minute the store says already fired',
      '0 3 * * *',
      '03:00:40',
      [['until', '04:00:00']],
      { lastFiredAt: '03:00:00' },
      [],
    ],
    [
      'with graceMs 0, never fires late',
      '*/15 * * * *',
      '12:00:30',
      [['until', '12:20:00']],
      { graceMs: 0 },
      ['12:15@12:15:00'],
    ],
    [
      'after the wall clock steps two hours forward, fires once, not once per skipped minute',
      '* * * * *',
      '12:00:30',
      [
        ['advance', 10_000],
        ['jump', 2 * hour],
        ['advance', 80_000],
      ],
      {},
      ['12:00@12:00:30', '14:01@14:01:00', '14:02@14:02:00'],
    ],
    [
      'after the wall clock steps back an hour, does not repeat the hour it already fired',
      '0 * * * *',
      '12:59:30',
      [
        ['advance', minute],
        ['jump', -hour],
        ['advance', 2 * hour],
      ],
      {},
      ['13:00@13:00:00', '14:00@14:00:00'],
    ],
    [
      'after a suspend past the fire time, skips it when it is older than the grace window',
      '0 3 * * *',
      '02:00:00',
      [
        ['advance', 30 * minute],
        ['jump', hour],
        ['advance', 5 * minute],
      ],
      {},
      [],
    ],
    [
      'after a suspend past the fire time, fires it late when the grace window allows',
      '0 3 * * *',
      '02:00:00',
      [
        ['advance', 30 * minute],
        ['jump', hour],
        ['advance', 5 * minute],
      ],
      { graceMs: hour },
      ['03:00@03:31:00'],
    ],
    [
      'keeps waking while a distant fire time approaches, and fires exactly on it',
      '30 23 * * *',
      '00:00:00',
      [['until', '23:45:00']],
      {},
      ['23:30@23:30:00'],
    ],
  ])('%s', async (_, schedule, start, steps, options, expected) => {
    expect(await fires(schedule, start, steps, options)).toEqual(expected);
  });

  it('does not fire a minute again when stopped and started within it', async () => {
    const clock = new FakeClock('2025-06-01T03:00:10Z');
    let calls = 0;
    const scheduler = new CronScheduler({ clock, onFire: () => void calls++, onError: () => {} }, [
      { key: 'nightly', schedule: '0 3 * * *' },
    ]);
    scheduler.start();
    scheduler.stop();
    await clock.advance(30_000);
    scheduler.start();
    scheduler.stop();
    expect(calls).toBe(1);
  });

  it('lists the next fire times, soonest first', () => {
    const clock = new FakeClock('2025-06-01T12:00:30Z');
    const scheduler = new CronScheduler({ clock, graceMs: 0, onFire: () => {}, onError: () => {} }, [
      { key: 'b/daily', schedule: '@daily' },
      { key: 'a/hourly', schedule: '@hourly' },
      { key: 'c/never-in-june', schedule: '0 0 1 1 *' },
    ]);
    expect(scheduler.upcoming()).toEqual([]);
    scheduler.start();
    expect(scheduler.upcoming()).toEqual([
      { key: 'a/hourly', at: new Date('2025-06-01T13:00:00Z') },
      { key: 'b/daily', at: new Date('2025-06-02T00:00:00Z') },
      { key: 'c/never-in-june', at: new Date('2026-01-01T00:00:00Z') },
    ]);
    scheduler.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('hands a failing or rejecting onFire to onError and keeps firing', async () => {
    const clock = new FakeClock('2025-06-01T12:00:30Z');
    const errors: string[] = [];
    let calls = 0;
    const scheduler = new CronScheduler(
      {
        clock,
        graceMs: 0,
        onFire: (job) => {
          calls++;
          if (job.key === 'sync') throw new Error('sync failed');
          return Promise.reject(new Error('async failed'));
        },
        onError: (job, error) => errors.push(`${job.key}: ${(error as Error).message}`),
      },
      [
        { key: 'sync', schedule: '* * * * *' },
        { key: 'async', schedule: '* * * * *' },
      ],
    );
    scheduler.start();
    await clock.advance(2 * minute);
    expect(calls).toBe(4);
    expect(errors).toEqual([
      'sync: sync failed',
      'async: async failed',
      'sync: sync failed',
      'async: async failed',
    ]);
    scheduler.stop();
  });

  it('set() keeps unchanged jobs, reschedules changed ones without catch-up, and drops removed ones', async () => {
    const clock = new FakeClock('2025-06-01T12:00:00Z');
    const seen: string[] = [];
    const scheduler = new CronScheduler<CronJob & { branch: string }>({
      clock,
      onFire: (job, at) => void seen.push(`${job.key}:${job.branch}@${at.toISOString().slice(11, 16)}`),
      onError: () => {},
    });
    scheduler.set([
      { key: 'a', schedule: '*/10 * * * *', branch: 'main' },
      { key: 'b', schedule: '*/10 * * * *', branch: 'main' },
    ]);
    scheduler.start();
    await clock.advance(5 * minute);
    scheduler.set([
      { key: 'a', schedule: '*/10 * * * *', branch: 'release' },
      { key: 'c', schedule: '*/5 * * * *', branch: 'main' },
    ]);
    await clock.advance(10 * minute);
    expect(seen).toEqual(['a:main@12:00', 'b:main@12:00', 'a:release@12:10', 'c:main@12:10', 'c:main@12:15']);
    scheduler.stop();
  });

  it.each([
    [[{ key: 'x', schedule: '0 0 30 2 *' }], 'cron job "x": schedule "0 0 30 2 *" the schedule never fires'],
    [[{ key: 'x', schedule: '61 * * * *' }], 'cron job "x": schedule "61 * * * *" minute "61"'],
    [
      [
        { key: 'x', schedule: '@daily' },
        { key: 'x', schedule: '@hourly' },
      ],
      'cron job "x" is listed twice',
    ],
  ])('set() refuses %j and keeps the jobs it had', (jobs, message) => {
    const scheduler = new CronScheduler({ onFire: () => {}, onError: () => {} }, [
      { key: 'kept', schedule: '@daily' },
    ]);
    expect(() => scheduler.set(jobs)).toThrow(
      expect.objectContaining({ code: 'BERTH_PIPELINE_INVALID', message: expect.stringContaining(message) }),
    );
    scheduler.start();
    expect(scheduler.upcoming().map((u) => u.key)).toEqual(['kept']);
    scheduler.stop();
  });
});
