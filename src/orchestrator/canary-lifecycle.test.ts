import { describe, expect, it } from 'vitest';
import type { ManagedContainer } from '../engine/index.js';
import type { Release } from '../store/index.js';
import { desiredState } from './desired-state.js';
import { abortRollout, resumeRollout } from './rollout-control.js';
import { engine, lifecycleKit, t0 } from './testing/lifecycle-kit.js';

// Canary steps through the release lifecycle: a real store, an access log held in memory.
const kit = lifecycleKit();
const deploy = (image: string, now: number, verify = ''): Release =>
  kit.deploy(
    `  web:
    image: ${image}
    ports: ["8080:80"]
    deploy: { replicas: 2, update_config: { monitor: 0s } }
    x-berth:
      ingress: {}
      rollout:
        strategy: canary
        steps: [{ weight: 50, pause: 4s }, { weight: 100, pause: 2s }]
        ${verify}
`,
    image,
    now,
  );
const { pass, replicaAt: replica } = kit;

const current = (n: number) => kit.store.releases.get('shop', n);
const plan = (n: number, observed: ManagedContainer[], now: number) =>
  kit.lifecycle.canaryPlan('shop', current(n), desiredState(current(n)), observed, now);
const canaryEvents = () =>
  kit.store.events
    .list('shop')
    .filter((e) => e.kind.startsWith('canary.'))
    .reverse()
    .map((e) => e.message);

/**
 * Release 1 verified on two replicas, then release 2 with step verification planned: its canary takes
 * slot 1 (10.0.0.4) and slot 2 stays stable (10.0.0.3).
 */
function verifiedCanary(): { canary: ManagedContainer; stable: ManagedContainer } {
  const verify = 'verify: { interval: 2s, maxErrorRate: 5, minRequests: 5 }';
  const v1 = deploy('v1', t0, verify);
  kit.store.releases.markVerified('shop', 1, t0 + 1000);
  const stable = replica(v1, 2, '10.0.0.3');
  const v2 = deploy('v2', t0 + 10_000, verify);
  plan(2, [replica(v1, 1, '10.0.0.2'), stable], t0 + 10_100);
  return { canary: replica(v2, 1, '10.0.0.4'), stable };
}

describe('canary releases in the lifecycle', () => {
  it('steps through the weights, pausing each step, and continues at the recorded step after a daemon restart', async () => {
    const v1 = deploy('v1', t0);
    kit.store.releases.markVerified('shop', 1, t0 + 1000);
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
    kit.restart();
    expect(plan(2, step1, t0 + 12_000).caps).toEqual(new Map([['web', 1]]));
    await pass(2, step1, t0 + 12_000);
    await pass(2, step1, t0 + 16_000);
    expect(plan(2, step1, t0 + 16_100)).toEqual({
      caps: new Map([['web', 2]]),
      splits: [{ service: 'web', canaryHash: hash, percent: 100 }],
    });

    const all = [replica(v2, 1, '10.0.0.4'), replica(v2, 2, '10.0.0.5')];
    await pass(2, all, t0 + 17_000, { converged: true });
    expect(current(2).status).toBe('pending');
    await pass(2, all, t0 + 19_000, { converged: true });

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
    const { canary, stable } = verifiedCanary();
    await pass(2, [canary, stable], t0 + 11_000);
    for (let i = 0; i < 10; i++) {
      kit.log.push({ atMs: t0 + 11_100 + i * 100, upstream: '10.0.0.4:80', status: 500, durationMs: 5 });
      kit.log.push({ atMs: t0 + 11_150 + i * 100, upstream: '10.0.0.3:80', status: 200, durationMs: 5 });
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
    const { canary, stable } = verifiedCanary();
    const observed = [canary, stable];
    for (const at of [11_000, 13_000, 15_000]) await pass(2, observed, t0 + at);

    expect(current(2)).toMatchObject({
      status: 'paused',
      message:
        'canary web step 1/2 at 50%: verification inconclusive (0 checks passed, 0 failed, 2 inconclusive); paused',
    });
    expect(plan(2, observed, t0 + 15_100).splits).toEqual([
      { service: 'web', canaryHash: canary.hash, percent: 50 },
    ]);

    resumeRollout(kit.store, 'shop', 'ada');
    await pass(2, observed, t0 + 20_000);
    expect(canaryEvents().filter((m) => m.includes('step 1/2 at 50%: 50% of requests'))).toHaveLength(2);
    expect(current(2).message).toMatch(/^canary web step 1\/2 at 50%: verifying/);

    await abortRollout({ store: kit.store, engine }, 'shop', 'ada');
    expect(plan(3, observed, t0 + 21_000)).toEqual({
      caps: new Map(),
      splits: [{ service: 'web', canaryHash: canary.hash, percent: 0 }],
    });
  });
});
