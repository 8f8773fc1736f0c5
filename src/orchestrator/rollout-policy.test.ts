import { describe, expect, it } from 'vitest';
import { desiredState } from './desired-state.js';
import { abortRollout, resumeRollout } from './rollout-control.js';
import { engine, lifecycleKit, t0 } from './testing/lifecycle-kit.js';

// The release lifecycle over a real store; the engine only answers image look-ups and the ingress has
// no traffic (verification is not configured here).
const kit = lifecycleKit();
const { replica, pass } = kit;
const deploy = (updateConfig: string, image: string, now: number) =>
  kit.deploy(
    `  web:\n    image: ${image}\n    deploy:\n      replicas: 2\n      update_config: ${updateConfig}\n`,
    image,
    now,
  );

const kinds = (): string[] =>
  kit.store.events
    .list('shop', { limit: 100 })
    .map((e) => e.kind)
    .reverse();

/** Release 1 verified and running two replicas; release 2 replaces slot 1, whose new replica then crashes. */
async function crashDuringUpdate(updateConfig: string) {
  const v1 = deploy(updateConfig, 'v1', t0);
  kit.store.releases.markVerified('shop', 1, t0 + 1000);
  const v2 = deploy(updateConfig, 'v2', t0 + 10_000);
  const old1 = replica(v1, 1);
  const old2 = replica(v1, 2);
  await pass(v2, [old1, old2], t0 + 10_100);
  const fresh = replica(v2, 1, { startedAt: t0 + 11_000 });
  await pass(v2, [fresh, old2], t0 + 12_000, { readySinceMs: t0 + 12_000 });
  const crashed = { ...fresh, state: 'exited' as const, exitCode: 1, finishedAt: t0 + 14_500 };
  const next = await pass(v2, [crashed, old2], t0 + 14_600);
  return { v1, v2, fresh, old2, next };
}

describe('update_config failure policy on a pending release', () => {
  it('failure_action pause: a replacement crashing within monitor pauses the release and holds the update', async () => {
    const { v2 } = await crashDuringUpdate('{ failure_action: pause, monitor: 5s }');
    const paused = kit.store.releases.get('shop', 2);
    expect(paused.status).toBe('paused');
    expect(paused.message).toBe(
      'update paused: 1 of 2 replacement replicas of web failed (max_failure_ratio 0, failure_action: pause): shop-web-1-r2 exited with code 1 2.5 s after becoming ready (monitor 5.0 s)',
    );
    expect(kinds()).toEqual(['rollout.task-failed', 'rollout.paused']);
    expect(desiredState(kit.store.releases.get('shop', v2.number)).services[0]?.holdReplacements).toBe(true);
  });

  it('resume acknowledges the failure, finishes the update and waits out monitor before activating', async () => {
    const { v2, fresh } = await crashDuringUpdate('{ failure_action: pause, monitor: 5s }');
    resumeRollout(kit.store, 'shop', 'ada');
    expect(kit.store.releases.get('shop', 2)).toMatchObject({ status: 'pending', message: 'resumed by ada' });
    const restarted = { ...fresh, startedAt: t0 + 15_000 };
    const fresh2 = replica(v2, 2, { startedAt: t0 + 16_000 });
    const all = [restarted, fresh2];
    const early = await pass(v2, all, t0 + 17_000, { converged: true, readySinceMs: t0 + 17_000 });
    expect(early.wakeAt).toBe(t0 + 22_000);
    expect(kit.store.releases.get('shop', 2).status).toBe('pending');
    await pass(v2, all, t0 + 22_000, { converged: true, readySinceMs: t0 + 17_000 });
    expect(kit.store.releases.get('shop', 2).status).toBe('active');
    expect(kinds()).toContain('rollout.resumed');
  });

  it('failure_action rollback (the default): the release is rolled back to the last verified one', async () => {
    await crashDuringUpdate('{ monitor: 5s }');
    const releases = kit.store.releases.list('shop');
    expect(releases.map((r) => [r.number, r.status])).toEqual([
      [3, 'pending'],
      [2, 'rolled-back'],
      [1, 'superseded'],
    ]);
    expect(releases[0]?.reason).toMatch(
      /^rollback to 1: release 2 update failed: 1 of 2 replacement replicas/,
    );
  });

  it('failure_action continue: the update goes on and the failure is an event', async () => {
    await crashDuringUpdate('{ failure_action: continue, monitor: 5s }');
    expect(kit.store.releases.get('shop', 2).status).toBe('pending');
    const continued = kit.store.events.list('shop').find((e) => e.kind === 'rollout.continued');
    expect(continued?.message).toContain('release 2 goes on: 1 of 2 replacement replicas of web failed');
  });

  it('max_failure_ratio tolerates failures up to the ratio', async () => {
    await crashDuringUpdate('{ failure_action: pause, max_failure_ratio: 0.5, monitor: 5s }');
    expect(kit.store.releases.get('shop', 2).status).toBe('pending');
    expect(kinds()).toContain('rollout.tolerated');
  });

  it('a crash after the monitor window is not an update failure', async () => {
    const v1 = deploy('{ failure_action: pause, monitor: 1s }', 'v1', t0);
    kit.store.releases.markVerified('shop', 1, t0 + 1000);
    const v2 = deploy('{ failure_action: pause, monitor: 1s }', 'v2', t0 + 10_000);
    await pass(v2, [replica(v1, 1), replica(v1, 2)], t0 + 10_100);
    const fresh = replica(v2, 1, { startedAt: t0 + 11_000 });
    await pass(v2, [fresh, replica(v1, 2)], t0 + 12_000);
    const late = { ...fresh, state: 'exited' as const, exitCode: 1, finishedAt: t0 + 14_000 };
    await pass(v2, [late, replica(v1, 2)], t0 + 14_100);
    expect(kit.store.releases.get('shop', 2).status).toBe('pending');
    expect(kinds()).not.toContain('rollout.task-failed');
  });

  it('abort gives up a paused release and restores the last verified one', async () => {
    await crashDuringUpdate('{ failure_action: pause, monitor: 5s }');
    const result = await abortRollout({ store: kit.store, engine }, 'shop', 'ada');
    expect(result.restored).toBe(1);
    expect(result.aborted.status).toBe('rolled-back');
    expect(result.aborted.message).toMatch(
      /^aborted by ada \(update paused: .*\); rolled back to release 1$/,
    );
    expect(result.release.reason).toBe('rollback to 1: release 2 aborted by ada');
    expect(kit.store.releases.current('shop')?.number).toBe(3);
  });

  it('resume and abort refuse a release that is not paused (or not rolling out)', async () => {
    deploy('{}', 'v1', t0);
    kit.store.releases.markVerified('shop', 1, t0 + 1000);
    expect(() => resumeRollout(kit.store, 'shop', 'ada')).toThrow(
      'release 1 of "shop" is active; only a paused release can be resumed',
    );
    await expect(abortRollout({ store: kit.store, engine }, 'shop', 'ada')).rejects.toMatchObject({
      code: 'BERTH_ROLLOUT_NOT_PAUSED',
    });
  });
});
