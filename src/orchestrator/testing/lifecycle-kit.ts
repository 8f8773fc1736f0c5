import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { DockerEngine, ManagedContainer } from '../../engine/index.js';
import type { AccessRecord, Ingress } from '../../ingress/index.js';
import { openStore, type Release, type Store } from '../../store/index.js';
import { desiredState } from '../desired-state.js';
import type { ReplicaHealth } from '../plan-types.js';
import { composeSpec, container } from '../preemption-test-kit.js';
import { ReleaseLifecycle } from '../release-lifecycle.js';

// The release lifecycle of an app "shop" with one service "web" over a real store in a temp dir; the
// engine only answers image look-ups and the ingress answers traffic from an access log held in memory.

/** The tests' clock starts here (ms). */
export const t0 = 1_700_000_000_000;

/** An engine that knows every image (the lifecycle only looks images up). */
export const engine = { findImage: (id: string) => Promise.resolve({ id }) } as unknown as DockerEngine;

/** One reconcile's input besides the release: what ran, and whether the app had converged. */
export interface PassOptions {
  converged?: boolean;
  /** When the running replicas became ready (default: `now`). */
  readySinceMs?: number;
}

export interface LifecycleKit {
  readonly store: Store;
  readonly lifecycle: ReleaseLifecycle;
  /** The proxy's access log the ingress answers from; a test pushes the requests it wants seen. */
  readonly log: AccessRecord[];
  /** A new lifecycle over the same store, as after a daemon restart. */
  restart: () => void;
  /** Creates shop's next release from the Compose text under `services:`, its images `sha256:<image>`. */
  deploy: (services: string, image: string, now: number) => Release;
  /** A running web replica of `release` in `slot`, started 100 ms after the release was created. */
  replica: (release: Release, slot: number, over?: Partial<ManagedContainer>) => ManagedContainer;
  /** The same, reachable at `ip` on shop's network (the address the access log names). */
  replicaAt: (release: Release, slot: number, ip: string) => ManagedContainer;
  /** One reconcile's call of `advance`: every running replica in `observed` is ready. */
  pass: (
    release: Release | number,
    observed: ManagedContainer[],
    now: number,
    options?: PassOptions,
  ) => ReturnType<ReleaseLifecycle['advance']>;
}

/**
 * Registers `beforeEach` (temp home, store, lifecycle, empty access log) and `afterEach` (store closed,
 * home removed) in the calling test file, and answers the kit whose getters reach the current store.
 *
 * @example
 * const kit = lifecycleKit();
 * const v1 = kit.deploy('  web:\n    image: v1\n', 'v1', t0);
 * await kit.pass(v1, [kit.replica(v1, 1)], t0 + 1000, { converged: true });
 */
export function lifecycleKit(): LifecycleKit {
  const log: AccessRecord[] = [];
  const ingress = {
    traffic: {
      poll: () => undefined,
      records: (upstreams: ReadonlySet<string>, sinceMs: number) =>
        log.filter((r) => r.atMs >= sinceMs && upstreams.has(r.upstream)),
    },
  } as unknown as Ingress;
  let home = '';
  let store: Store | undefined;
  let lifecycle: ReleaseLifecycle | undefined;
  let seq = 0;
  const open = (): Store => {
    if (!store) throw new Error('the lifecycle kit opens its store in beforeEach');
    return store;
  };
  const newLifecycle = (): ReleaseLifecycle =>
    new ReleaseLifecycle({ store: open(), engine, ingress, logger: pino({ level: 'silent' }) });

  beforeEach(() => {
    log.length = 0;
    home = mkdtempSync(join(tmpdir(), 'berth-lifecycle-'));
    store = openStore(home);
    lifecycle = newLifecycle();
  });
  afterEach(() => {
    store?.close();
    store = undefined;
    rmSync(home, { recursive: true, force: true });
  });

  const kit: LifecycleKit = {
    get store() {
      return open();
    },
    get lifecycle() {
      if (!lifecycle) throw new Error('the lifecycle kit starts its lifecycle in beforeEach');
      return lifecycle;
    },
    log,
    restart: () => {
      lifecycle = newLifecycle();
    },
    deploy: (services, image, now) =>
      open().releases.create({
        spec: composeSpec('shop', services),
        images: { web: { id: `sha256:${image}` } },
        reason: 'up',
        projectDir: '/p',
        now,
      }),
    replica: (release, slot, over = {}) =>
      container('shop', 'web', slot, {
        id: `c${++seq}`,
        name: `shop-web-${slot}-r${release.number}`,
        release: release.number,
        hash: desiredState(release).services[0]?.hash ?? '',
        startedAt: release.createdAt + 100,
        ...over,
      }),
    replicaAt: (release, slot, ip) =>
      kit.replica(release, slot, {
        id: `c-${ip}`,
        name: `shop-web-${slot}-${ip}`,
        ips: { shop_default: ip },
      }),
    pass: (release, observed, now, options = {}) => {
      const current = open().releases.get('shop', typeof release === 'number' ? release : release.number);
      const health = new Map<string, ReplicaHealth>(
        observed.map((c) => [
          c.id,
          { ready: c.state === 'running', livenessFailed: false, readySinceMs: options.readySinceMs ?? now },
        ]),
      );
      return kit.lifecycle.advance({
        release: current,
        desired: desiredState(current),
        observed,
        health,
        status: {
          app: 'shop',
          release: current.number,
          releaseStatus: current.status,
          converged: options.converged ?? false,
          services: [],
          failures: [],
          observedAt: now,
        },
        settled: true,
        now,
      });
    },
  };
  return kit;
}
