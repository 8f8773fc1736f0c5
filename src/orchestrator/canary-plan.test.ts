import { describe, expect, it } from 'vitest';
import { loadCompose } from '../app/index.js';
import type { ManagedContainer } from '../engine/index.js';
import type { Release } from '../store/index.js';
import { canaryProgress } from './canary-progress.js';
import { desiredState } from './desired-state.js';
import { ingressRoutes } from './ingress-routes.js';
import { plan } from './plan.js';
import type { DesiredService, PlanInput, ReplicaHealth } from './plan-types.js';

const now = 1_000_000_000;
const backoff = { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 };
let seq = 0;
const container = (over: Partial<ManagedContainer> = {}): ManagedContainer => ({
  id: `c${++seq}`,
  name: `web-${seq}`,
  app: 'shop',
  service: 'web',
  replica: 1,
  release: 1,
  hash: 'old',
  state: 'running',
  health: undefined,
  exitCode: undefined,
  oomKilled: false,
  startedAt: now - 60_000,
  finishedAt: 0,
  ips: { shop_default: `10.0.0.${seq}` },
  publishedPorts: [],
  ...over,
});
const web = (over: Partial<DesiredService> = {}): DesiredService => ({
  name: 'web',
  replicas: 4,
  hash: 'new',
  dependsOn: {},
  restartPolicy: { condition: 'any' },
  order: 'start-first',
  parallelism: 0,
  ...over,
});
const allReady = (observed: readonly ManagedContainer[]): Map<string, ReplicaHealth> =>
  new Map(observed.map((c) => [c.id, { ready: true, livenessFailed: false }]));
const input = (observed: ManagedContainer[], over: Partial<PlanInput> = {}): PlanInput => ({
  desired: [web()],
  observed,
  health: allReady(observed),
  restarts: new Map(),
  now,
  backoff,
  ...over,
});
const creates = (p: ReturnType<typeof plan>): number[] =>
  p.actions.filter((a) => a.type === 'create').map((a) => a.replica);

describe('plan() under a canary cap', () => {
  it('starts replacements only in as many slots as the step allows', () => {
    const old = [1, 2, 3, 4].map((replica) => container({ replica }));

    const capped = plan(input(old, { replacementCaps: new Map([['web', 1]]) }));

    expect(creates(capped)).toEqual([1]);
    expect(creates(plan(input(old)))).toEqual([1, 2, 3, 4]);
  });

  it('counts slots that already hold the new configuration, so the old replicas elsewhere stay', () => {
    const observed = [
      container({ replica: 1, hash: 'new', release: 2 }),
      ...[2, 3, 4].map((replica) => container({ replica })),
    ];

    expect(plan(input(observed, { replacementCaps: new Map([['web', 1]]) })).actions).toEqual([]);
    expect(creates(plan(input(observed, { replacementCaps: new Map([['web', 2]]) })))).toEqual([2]);
  });

  it('counts a slot emptied by a stop-first replacement as taken by the new configuration', () => {
    const observed = [2, 3, 4].map((replica) => container({ replica }));

    const result = plan(
      input(observed, { desired: [web({ order: 'stop-first' })], replacementCaps: new Map([['web', 1]]) }),
    );

    expect(result.actions.map((a) => `${a.type}:${a.replica}`)).toEqual(['create:1']);
  });
});

const release = (compose: string): Release => {
  const { spec } = loadCompose({
    file: { path: '/p/compose.yaml', content: compose },
    projectDir: '/p',
    environment: {},
    readFile: () => undefined,
  });
  return {
    app: 'shop',
    number: 2,
    createdAt: now,
    spec,
    images: { web: { id: 'sha256:web' } },
    reason: 'up',
    status: 'pending',
    message: null,
    verifiedAt: null,
    pipelineRun: null,
  };
};
const canaryCompose = `name: shop
services:
  web:
    image: web
    ports: ["8080:80"]
    deploy: { replicas: 4 }
    x-berth:
      ingress: {}
      rollout: { strategy: canary, steps: [{ weight: 25, pause: 10s }, { weight: 100, pause: 5s }] }
`;

describe('ingressRoutes() with a canary split', () => {
  const desired = desiredState(release(canaryCompose));
  const hash = desired.services[0]?.hash ?? '';
  const stable = [1, 2, 3].map((replica) => container({ replica }));
  const canary = container({ replica: 4, hash, release: 2 });
  const observed = [...stable, canary];
  const share = (upstreams: string[]): number =>
    upstreams.filter((u) => u.startsWith(`${canary.ips['shop_default'] ?? ''}:`)).length / upstreams.length;

  it('repeats the stable replicas so the canary gets the step weight of the records', () => {
    const [route] = ingressRoutes(desired, observed, allReady(observed), new Set(), undefined, [
      { service: 'web', canaryHash: hash, percent: 10 },
    ]);

    expect(share(route?.upstreams ?? [])).toBeCloseTo(0.1, 1);
    expect(route?.upstreams.length).toBeLessThanOrEqual(24);
  });

  it('gives a zeroed canary no records while stable replicas are ready, and all of them when none is', () => {
    const zero = [{ service: 'web', canaryHash: hash, percent: 0 }];

    const [route] = ingressRoutes(desired, observed, allReady(observed), new Set(), undefined, zero);
    const [alone] = ingressRoutes(desired, [canary], allReady([canary]), new Set(), undefined, zero);

    expect(share(route?.upstreams ?? [])).toBe(0);
    expect(route?.upstreams).toHaveLength(3);
    expect(alone?.upstreams).toEqual([`${canary.ips['shop_default'] ?? ''}:80`]);
  });

  it('lists every ready replica once without a split', () => {
    const [route] = ingressRoutes(desired, observed, allReady(observed), new Set());

    expect(new Set(route?.upstreams).size).toBe(4);
    expect(route?.upstreams).toHaveLength(4);
  });
});

describe('canaryProgress()', () => {
  it('reads the step and weight back from the release message', () => {
    const pending = {
      ...release(canaryCompose),
      message: 'canary web step 1/2 at 25%: verifying: 1 checks passed, 0 failed, 0 inconclusive',
    };

    expect(canaryProgress(pending)).toEqual([
      {
        service: 'web',
        steps: [
          { weight: 25, pauseMs: 10_000 },
          { weight: 100, pauseMs: 5_000 },
        ],
        step: 1,
        weight: 25,
        promoted: false,
      },
    ]);
    expect(canaryProgress({ ...pending, message: null })[0]).toMatchObject({ step: null, weight: null });
  });

  it('is empty for a release without canary services', () => {
    expect(canaryProgress(release(canaryCompose.replace(/rollout: .*\n/, '')))).toEqual([]);
  });
});
