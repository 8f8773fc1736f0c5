import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedContainer } from '../engine/index.js';
import { openStore, type Release, type Store } from '../store/index.js';
import { desiredState } from './desired-state.js';
import type { Action } from './plan-types.js';
import { PreemptionScheduler } from './preemption-scheduler.js';
import { composeSpec, container } from './preemption-test-kit.js';

// The scheduler between passes of two apps: a real store, and a host whose containers the test moves.
let home: string;
let store: Store;
let containers: ManagedContainer[];
let woken: string[];
let scheduler: PreemptionScheduler;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-preempt-'));
  store = openStore(home);
  containers = [];
  woken = [];
  scheduler = new PreemptionScheduler({
    engine: {
      hostResources: () => Promise.resolve({ cpus: 2, memoryBytes: 8 * 1024 ** 3 }),
      listManaged: () => Promise.resolve([...containers]),
    },
    store,
    logger: pino({ level: 'silent' }),
    wake: (app) => woken.push(app),
  });
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const deploy = (name: string, services: string): Release => {
  const spec = composeSpec(name, services);
  const images = Object.fromEntries(Object.keys(spec.services).map((s) => [s, { id: 'sha256:abc' }]));
  return store.releases.create({ spec, images, reason: 'up', projectDir: '/p' });
};
const run = (app: string, service: string, replicas: number[]): void => {
  for (const replica of replicas) containers.push(container(app, service, replica));
};
const stop = (app: string, replicas: number[]): void => {
  containers = containers.filter((c) => c.app !== app || !replicas.includes(c.replica));
};
const pass = async (release: Release | undefined, app = release?.app ?? '') => {
  const schedule = await scheduler.schedule(app, release ? desiredState(release) : undefined);
  return {
    replicas: Object.fromEntries((schedule.services ?? []).map((s) => [s.name, s.replicas])),
    waiting: schedule.waiting.map((w) => `${w.service}: ${w.reason}`),
    label: schedule.label,
  };
};
const events = (app: string, kind: string): string[] =>
  store.events
    .list(app)
    .filter((e) => e.kind === kind)
    .map((e) => e.message)
    .reverse();

const lowCompose = `  web:
    image: nginx
    deploy: { replicas: 4, resources: { reservations: { cpus: "0.5", memory: 32m } } }
`;
const highCompose = `  api:
    image: nginx
    deploy: { replicas: 2, resources: { reservations: { cpus: "0.5", memory: 64m } } }
    x-berth: { priority: 1000 }
`;

describe('PreemptionScheduler', () => {
  it('leaves every count alone while no app reserves anything', async () => {
    const release = deploy('plain', '  web:\n    image: nginx\n    deploy: { replicas: 3 }\n');
    expect(await pass(release)).toMatchObject({ replicas: { web: 3 }, waiting: [] });
  });

  it('evicts lower-priority replicas for a higher-priority app and gives them back when it leaves', async () => {
    const low = deploy('low', lowCompose);
    run('low', 'web', [1, 2, 3, 4]);
    expect(await pass(low)).toMatchObject({ replicas: { web: 4 }, waiting: [] });

    // The high-priority app arrives: it waits for two low replicas to stop, and wakes the low app.
    const high = deploy('high', highCompose);
    expect(await pass(high)).toEqual({
      replicas: { api: 0 },
      waiting: ['api: capacity: 0/2 replicas have room; 2 waiting for preempted replicas to stop'],
      label: expect.any(Function) as unknown,
    });
    expect(woken).toEqual(['low']);
    const preempted = [
      'low/web.4 (priority 0) preempted by high/api.1 (priority 1000), which needs 0.5 CPU, 64 MiB; 0 CPU, 7.88 GiB was free',
      'low/web.3 (priority 0) preempted by high/api.2 (priority 1000), which needs 0.5 CPU, 64 MiB; 0 CPU, 7.84 GiB was free',
    ];
    expect(events('low', 'schedule.preempted')).toEqual(preempted);
    expect(events('high', 'schedule.preempted')).toEqual(preempted);

    // The low app's pass removes its two highest slots, labelled as preempted.
    const lowPass = await pass(low);
    expect(lowPass.replicas).toEqual({ web: 2 });
    expect(lowPass.waiting).toEqual([
      'web: capacity: 2/4 replicas have room; 2 replicas preempted by high/api (priority 1000), stopping',
    ]);
    const removals: Action[] = [3, 4].map((replica) => ({
      type: 'remove',
      id: `c${replica}`,
      service: 'web',
      replica,
      why: 'scale-down',
    }));
    expect(lowPass.label(removals).map((a) => a.type === 'remove' && a.why)).toEqual([
      'preempted',
      'preempted',
    ]);
    expect(events('low', 'schedule.preempted')).toHaveLength(2); // recorded once

    // Once they are gone the high app may start, and the low app says why it waits.
    stop('low', [3, 4]);
    const waitingLow = await pass(low);
    expect(waitingLow.replicas).toEqual({ web: 2 });
    expect(waitingLow.waiting[0]).toMatch(
      /^web: capacity: 2\/4 replicas have room; 2 pending \(preempted by high\/api \(priority 1000\)\): each needs 0.5 CPU, 32 MiB but 0 CPU, [\d.]+ GiB is free, and no replica of a priority below 0 runs to preempt$/,
    );
    expect(woken).toEqual(['low', 'high']);
    expect(events('low', 'schedule.pending')).toHaveLength(1);
    expect(await pass(high)).toMatchObject({ replicas: { api: 2 }, waiting: [] });
    run('high', 'api', [1, 2]);

    // The high app is taken down: its containers hold their room until they are gone.
    store.releases.markDown('high');
    expect(await pass(undefined, 'high')).toMatchObject({ replicas: {} });
    expect((await pass(low)).replicas).toEqual({ web: 2 });
    stop('high', [1, 2]);
    await pass(undefined, 'high');
    expect(woken).toEqual(['low', 'high', 'low']);
    expect(await pass(low)).toMatchObject({ replicas: { web: 4 }, waiting: [] });
    expect(events('low', 'schedule.resumed')).toEqual(['web: 2 replicas got room again']);
  });

  it('keeps two apps from taking the same room before either has created its container', async () => {
    const a = deploy('a', lowCompose.replace('replicas: 4', 'replicas: 3'));
    const b = deploy('b', lowCompose.replace('replicas: 4', 'replicas: 3'));
    const first = await pass(a);
    const second = await pass(b);
    expect(first.replicas.web).toBe(3);
    expect(second.replicas.web).toBe(1);
    expect(second.waiting[0]).toContain('2 pending');
  });
});
