import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCompose } from '../app/index.js';
import type { DockerEngine, ManagedContainer } from '../engine/index.js';
import type { AccessRecord, Ingress } from '../ingress/index.js';
import { openStore, type Release, type Store } from '../store/index.js';
import { desiredState } from './desired-state.js';
import { ReleaseLifecycle } from './release-lifecycle.js';
import { abortRollout, resumeRollout } from './rollout-control.js';

// Canary steps through the release lifecycle: a real store, an access log held in memory.
const t0 = 1_700_000_000_000;
const engine = { findImage: (id: string) => Promise.resolve({ id }) } as unknown as DockerEngine;
let log: AccessRecord[] = [];
const ingress = {
  traffic: {
    poll: () => undefined,
    records: (upstreams: ReadonlySet<string>, sinceMs: number) =>
      log.filter((r) => r.atMs >= sinceMs && upstreams.has(r.upstream)),
  },
} as unknown as Ingress;
const newLifecycle = () =>
  new ReleaseLifecycle({ store, engine, ingress, logger: pino({ level: 'silent' }) });

let home: string;
let store: Store;
let lifecycle: ReleaseLifecycle;
beforeEach(() => {
  log = [];
  home = mkdtempSync(join(tmpdir(), 'berth-canary-'));
  store = openStore(home);
  lifecycle = newLifecycle();
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const deploy = (image: string, now: number, verify = ''): Release => {
  const content = `name: shop
services:
  web:
    image: ${image}
    ports: ["8080:80"]
    deploy: { replicas: 2, update_config: { monitor: 0s } }
    x-berth:
      ingress: {}
      rollout:
        strategy: canary
        steps: [{ weight: 50, pause: 4s }, { weight: 100, pause: 2s }]
        ${verify}
`;
  const { spec } = loadCompose({
    file: { path: '/p/compose.yaml', content },
    projectDir: '/p',
    environment: {},
    readFile: () => undefined,
  });
  return store.releases.create({
    spec,
    images: { web: { id: `sha256:${image}` } },
    reason: 'up',
    projectDir: '/p',
    now,
  });
};

const replica = (release: Release, slot: number, ip: string): ManagedContainer => ({
  id: `c-${ip}`,
  name: `shop-web-${slot}-${ip}`,
  app: 'shop',
  service: 'web',
  replica: slot,
  release: release.number,
  hash: desiredState(release).services[0]?.hash ?? '',
  state: 'running',
  health: undefined,
  exitCode: undefined,
  oomKilled: false,
  startedAt: release.createdAt + 100,
  finishedAt: 0,
  ips: { shop_default: ip },
  publishedPorts: [],
});

const current = (n: number) => store.releases.get('shop', n);
const plan = (n: number, observed: ManagedContainer[], now: number) =>
  lifecycle.canaryPlan('shop', current(n), desiredState(current(n)), observed, now);
const pass = (n: number, observed: ManagedContainer[], now: number, converged = false) => {
  const release = current(n);
  return lifecycle.advance({
    release,
    desired: desiredState(release),
    observed,
    health: new Map(observed.map((c) => [c.id, { ready: true, livenessFailed: false, readySinceMs: now }])),
    status: {
      app: 'shop',
      release: release.number,
      releaseStatus: release.status,
      converged,
      services: [],
      failures: [],
      observedAt: now,
    },
    settled: true,
    now,
  });
};
const canaryEvents = () =>
  store.events
    .list('shop')
    .filter((e) => e.kind.startsWith('canary.'))
    .reverse()
    .map((e) => e.message);

describe('canary releases in the lifecycle', () => {
  it('steps through the weights, pausing each step, and continues at the recorded step after a daemon restart', async () => {
    const v1 = deploy('v1', t0);
    store.releases.markVerified('shop', 1, t0 + 1000);
    const old = [replica(v1, 1, '10.0.0.2'), replica(v1, 2, '10.0.0.3')];
    const v2 = deploy('v2', t0 + 10_000);
    const hash = desiredState(v2).services[0]?.hash;

    expect(plan(2, old, t0 + 10_100)).toEqual({
      caps: new Map([['web', 1]]),
      splits: [{ service: 'web', canaryHash: hash, percent: 50 }],
    });
    const step1 = [replica(v2, 1, '10.0.0.4'), old[1] as ManagedContainer];
    expect(await pass(2, step1, t0 + 11_000)).toEqual({ again: true, wakeAt: t0 + 15_000 });
    expect(current(2).message).toBe(
      'canary web step 1/2 at 50%: pausing 4 s, 4 s left (1 canary replicas ready)',
    );

    // A daemon restart: the step comes back from the events and its pause starts over.
    lifecycle = newLifecycle();
    expect(plan(2, step1, t0 + 12_000).caps).toEqual(new Map([['web', 1]]));
    await pass(2, step1, t0 + 12_000);
    await pass(2, step1, t0 + 16_000);
    expect(plan(2, step1, t0 + 16_100)).toEqual({
      caps: new Map([['web', 2]]),
      splits: [{ service: 'web', canaryHash: hash, percent: 100 }],
    });

    const all = [replica(v2, 1, '10.0.0.4'), replica(v2, 2, '10.0.0.5')];
    await pass(2, all, t0 + 17_000, true);
    expect(current(2).status).toBe('pending');
    await pass(2, all, t0 + 19_000, true);

    expect(current(2).status).toBe('active');
    expect(plan(2, all, t0 + 19_200)).toEqual({ caps: new Map(), splits: [] });
    expect(canaryEvents()).toEqual([
      'release 2: canary web step 1/2 at 50%: 50% of requests to 1 canary and 1 stable replicas; pausing 4 s',
      'release 2: canary web step 1/2 at 50%: 50% of requests to 1 canary and 1 stable replicas; pausing 4 s',
      'release 2: canary web step 1/2 at 50% passed (1 canary replicas stayed ready for 4 s)',
      'release 2: canary web step 2/2 at 100%: 100% of requests to 2 canary and 0 stable replicas; pausing 2 s',
      'release 2: canary web step 2/2 at 100% passed (2 canary replicas stayed ready for 2 s)',
      'release 2: canary web promoted after 2 steps; the rolling update replaces the remaining replicas',
    ]);
  });

  it('rolls back a canary that fails its step verification, and the failed replicas get no traffic', async () => {
    const verify = 'verify: { interval: 2s, maxErrorRate: 5, minRequests: 5 }';
    const v1 = deploy('v1', t0, verify);
    store.releases.markVerified('shop', 1, t0 + 1000);
    const stable = replica(v1, 2, '10.0.0.3');
    const v2 = deploy('v2', t0 + 10_000, verify);
    const canary = replica(v2, 1, '10.0.0.4');
    plan(2, [replica(v1, 1, '10.0.0.2'), stable], t0 + 10_100);
    await pass(2, [canary, stable], t0 + 11_000);
    for (let i = 0; i < 10; i++) {
      log.push({ atMs: t0 + 11_100 + i * 100, upstream: '10.0.0.4:80', status: 500, durationMs: 5 });
      log.push({ atMs: t0 + 11_150 + i * 100, upstream: '10.0.0.3:80', status: 200, durationMs: 5 });
    }

    expect(await pass(2, [canary, stable], t0 + 13_000)).toEqual({ again: true });

    expect(current(2)).toMatchObject({ status: 'rolled-back' });
    expect(current(2).message).toBe(
      'canary web step 1/2 at 50% failed: verification failed: 5xx rate 100.0% > 5% (10 of 10) (10 requests, 5xx 100.0%, p99 5 ms; stable: 10 requests, 5xx 0.0%, p99 5 ms); rolled back to release 1',
    );
    expect(current(3).reason).toMatch(/^rollback to 1: release 2 canary web step 1\/2 at 50% failed/);
    expect(plan(3, [canary, stable], t0 + 13_100)).toEqual({
      caps: new Map(),
      splits: [{ service: 'web', canaryHash: canary.hash, percent: 0 }],
    });
    expect(plan(3, [stable], t0 + 20_000).splits).toEqual([]);
  });

  it('pauses a step without enough traffic, starts its pause over on resume, and zeroes the canary on abort', async () => {
    const verify = 'verify: { interval: 2s, maxErrorRate: 5, minRequests: 5 }';
    const v1 = deploy('v1', t0, verify);
    store.releases.markVerified('shop', 1, t0 + 1000);
    const stable = replica(v1, 2, '10.0.0.3');
    const v2 = deploy('v2', t0 + 10_000, verify);
    const canary = replica(v2, 1, '10.0.0.4');
    const observed = [canary, stable];
    plan(2, [replica(v1, 1, '10.0.0.2'), stable], t0 + 10_100);
    for (const at of [11_000, 13_000, 15_000]) await pass(2, observed, t0 + at);

    expect(current(2)).toMatchObject({
      status: 'paused',
      message:
        'canary web step 1/2 at 50%: verification inconclusive (0 checks passed, 0 failed, 2 inconclusive); paused',
    });
    expect(plan(2, observed, t0 + 15_100).splits).toEqual([
      { service: 'web', canaryHash: canary.hash, percent: 50 },
    ]);

    resumeRollout(store, 'shop', 'ada');
    await pass(2, observed, t0 + 20_000);
    expect(canaryEvents().filter((m) => m.includes('step 1/2 at 50%: 50% of requests'))).toHaveLength(2);
    expect(current(2).message).toMatch(/^canary web step 1\/2 at 50%: verifying/);

    await abortRollout({ store, engine }, 'shop', 'ada');
    expect(plan(3, observed, t0 + 21_000)).toEqual({
      caps: new Map(),
      splits: [{ service: 'web', canaryHash: canary.hash, percent: 0 }],
    });
  });
});
