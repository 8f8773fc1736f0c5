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
import { resumeRollout } from './rollout-control.js';

// Verification through the release lifecycle: a real store, and an access log held in memory.
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

let home: string;
let store: Store;
let lifecycle: ReleaseLifecycle;
beforeEach(() => {
  log = [];
  home = mkdtempSync(join(tmpdir(), 'berth-verify-'));
  store = openStore(home);
  lifecycle = new ReleaseLifecycle({ store, engine, ingress, logger: pino({ level: 'silent' }) });
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const deploy = (verify: string, image: string, now: number): Release => {
  const content = `name: shop
services:
  web:
    image: ${image}
    ports: ["8080:80"]
    deploy: { update_config: { monitor: 0s } }
    x-berth:
      ingress: {}
      rollout: { verify: ${verify} }
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

const replica = (release: Release, ip: string): ManagedContainer => ({
  id: `c-${ip}`,
  name: `shop-web-1-${ip}`,
  app: 'shop',
  service: 'web',
  replica: 1,
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

const requests = (upstream: string, from: number, count: number, status: number, durationMs: number) => {
  for (let i = 0; i < count; i++) log.push({ atMs: from + i * 10, upstream, status, durationMs });
};

const pass = (release: Release, observed: ManagedContainer[], now: number, converged: boolean) => {
  const current = store.releases.get('shop', release.number);
  return lifecycle.advance({
    release: current,
    desired: desiredState(current),
    observed,
    health: new Map(observed.map((c) => [c.id, { ready: true, livenessFailed: false, readySinceMs: now }])),
    status: {
      app: 'shop',
      release: current.number,
      releaseStatus: current.status,
      converged,
      services: [],
      failures: [],
      observedAt: now,
    },
    settled: true,
    now,
  });
};

describe('verification against the previous release', () => {
  it('fails a release whose 5xx share rose more than maxErrorRateIncrease, showing both sides', async () => {
    const verify = '{ window: 4s, interval: 2s, maxErrorRateIncrease: 5, minRequests: 10 }';
    const v1 = deploy(verify, 'v1', t0);
    store.releases.markVerified('shop', 1, t0 + 1000);
    requests('10.0.0.2:80', t0 + 7000, 100, 200, 20); // the old release, in the 4 s before the deploy
    requests('10.0.0.2:80', t0 + 8000, 2, 500, 20);
    const v2 = deploy(verify, 'v2', t0 + 10_000);
    await pass(v2, [replica(v1, '10.0.0.2')], t0 + 10_100, false);
    const baseline = store.events.list('shop').find((e) => e.kind === 'release.baseline');
    expect(baseline?.message).toBe(
      'release 2: the previous release in the 4 s before the deploy: 102 requests, 5xx 2.0%, p99 20 ms',
    );
    const fresh = replica(v2, '10.0.0.3');
    await pass(v2, [fresh], t0 + 11_000, true);
    requests('10.0.0.3:80', t0 + 11_100, 90, 200, 25);
    requests('10.0.0.3:80', t0 + 12_000, 10, 503, 25);
    await pass(v2, [fresh], t0 + 13_000, true);
    const releases = store.releases.list('shop');
    expect(releases[1]).toMatchObject({ number: 2, status: 'rolled-back' });
    expect(releases[1]?.message).toContain(
      'verification failed: 5xx rate 10.0% vs 2.0% before: +8.0 points > +5 (100 requests, 5xx 10.0%, p99 25 ms; previous release: 102 requests, 5xx 2.0%, p99 20 ms)',
    );
  });

  it('pauses an inconclusive release (too little traffic) and verifies it again after a resume', async () => {
    const verify = '{ window: 4s, interval: 2s, maxErrorRate: 5, minRequests: 10 }';
    const v1 = deploy(verify, 'v1', t0);
    const fresh = replica(v1, '10.0.0.2');
    for (const at of [1000, 3000, 5000]) await pass(v1, [fresh], t0 + at, true);
    expect(store.releases.get('shop', 1)).toMatchObject({
      status: 'paused',
      message: 'verification inconclusive (0 checks passed, 0 failed, 2 inconclusive); paused',
    });
    resumeRollout(store, 'shop', 'ada');
    requests('10.0.0.2:80', t0 + 6000, 20, 200, 10);
    requests('10.0.0.2:80', t0 + 8000, 20, 200, 10);
    for (const at of [5500, 7500, 9500]) await pass(v1, [fresh], t0 + at, true);
    expect(store.releases.get('shop', 1).status).toBe('active');
    const kinds = store.events.list('shop').map((e) => e.kind);
    expect(kinds.filter((k) => k === 'release.verifying')).toHaveLength(2);
    expect(kinds).toContain('rollout.paused');
  });
});
