import { describe, expect, it } from 'vitest';
import { composeSpec, container, release } from './preemption-test-kit.js';
import { replicaUnits } from './preemption-units.js';

const shop = composeSpec(
  'shop',
  `  web:
    image: nginx
    deploy: { replicas: 3, resources: { reservations: { cpus: "0.5", memory: 64m } } }
    x-berth: { priority: 100 }
  job:
    image: busybox
    restart: "no"
    deploy: { resources: { reservations: { cpus: "1" } } }
  free:
    image: busybox
`,
);

describe('replicaUnits()', () => {
  it('makes one unit per replica slot of the services that reserve something', () => {
    const { units } = replicaUnits({
      releases: [release(shop, 7)],
      containers: [container('shop', 'web', 1), container('shop', 'web', 2), container('shop', 'free', 1)],
      bound: new Map(),
      leftoverRequest: () => ({ cpus: 0, memoryBytes: 0 }),
    });
    expect(units.map((u) => `${u.service}.${u.replica}:${u.holding ? 'holds' : 'waits'}`)).toEqual([
      'web.3:waits',
      'web.2:holds',
      'web.1:holds',
      'job.1:waits',
    ]);
    expect(units[0]).toMatchObject({
      app: 'shop',
      priority: 100,
      preemptionPolicy: 'PreemptLowerPriority',
      request: { cpus: 0.5, memoryBytes: 64 * 1024 ** 2 },
      queuedAt: 7,
    });
  });

  it('counts a crashed replica waiting for its restart, but not a job that completed', () => {
    const { units } = replicaUnits({
      releases: [release(shop)],
      containers: [
        container('shop', 'web', 1, { state: 'exited', exitCode: 1 }),
        container('shop', 'job', 1, { state: 'exited', exitCode: 0 }),
      ],
      bound: new Map(),
      leftoverRequest: () => ({ cpus: 0, memoryBytes: 0 }),
    });
    const holding = Object.fromEntries(units.map((u) => [`${u.service}.${u.replica}`, u.holding]));
    expect(holding).toMatchObject({ 'web.1': true, 'job.1': false });
  });

  it('treats a slot given room before its container exists as holding it', () => {
    const { units } = replicaUnits({
      releases: [release(shop)],
      containers: [],
      bound: new Map([['shop/web/2', 5000]]),
      leftoverRequest: () => ({ cpus: 0, memoryBytes: 0 }),
    });
    expect(units.find((u) => u.service === 'web' && u.replica === 2)).toMatchObject({
      holding: true,
      startedAt: 5000,
    });
  });

  it('never makes a higher slot older than a lower one, so a service loses its highest slots first', () => {
    const { units } = replicaUnits({
      releases: [release(shop)],
      // Slot 1 restarted after a crash: it is the newest container, yet slots 2 and 3 must go first.
      containers: [
        container('shop', 'web', 1, { startedAt: 9000 }),
        container('shop', 'web', 2, { startedAt: 2000 }),
        container('shop', 'web', 3, { startedAt: 3000 }),
      ],
      bound: new Map(),
      leftoverRequest: () => ({ cpus: 0, memoryBytes: 0 }),
    });
    const web = units.filter((u) => u.service === 'web');
    expect(web.map((u) => [u.replica, u.startedAt])).toEqual([
      [3, 9000],
      [2, 9000],
      [1, 9000],
    ]);
  });

  it('adds up what running containers outside every slot still reserve', () => {
    const { leftover } = replicaUnits({
      releases: [release(shop)],
      containers: [
        container('shop', 'web', 4), // scaled down, still stopping
        container('gone', 'api', 1), // app taken down
        container('gone', 'api', 2, { state: 'exited', exitCode: 137 }),
        container('shop', 'free', 1),
      ],
      bound: new Map(),
      leftoverRequest: (c) => ({ cpus: c.app === 'gone' ? 2 : 0.5, memoryBytes: 0 }),
    });
    expect(leftover).toEqual({ cpus: 2.5, memoryBytes: 0 });
  });
});
