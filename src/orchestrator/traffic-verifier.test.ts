import { describe, expect, it } from 'vitest';
import type { Release } from '../store/index.js';
import { resumeRollout } from './rollout-control.js';
import { lifecycleKit, t0 } from './testing/lifecycle-kit.js';

// Verification through the release lifecycle: a real store, and an access log held in memory.
const kit = lifecycleKit();
const { pass } = kit;
const deploy = (verify: string, image: string, now: number): Release =>
  kit.deploy(
    `  web:
    image: ${image}
    ports: ["8080:80"]
    deploy: { update_config: { monitor: 0s } }
    x-berth:
      ingress: {}
      rollout: { verify: ${verify} }
`,
    image,
    now,
  );
const replica = (release: Release, ip: string) => kit.replicaAt(release, 1, ip);
const requests = (upstream: string, from: number, count: number, status: number, durationMs: number) => {
  for (let i = 0; i < count; i++) kit.log.push({ atMs: from + i * 10, upstream, status, durationMs });
};

describe('verification against the previous release', () => {
  it('fails a release whose 5xx share rose more than maxErrorRateIncrease, showing both sides', async () => {
    const verify = '{ window: 4s, interval: 2s, maxErrorRateIncrease: 5, minRequests: 10 }';
    const v1 = deploy(verify, 'v1', t0);
    kit.store.releases.markVerified('shop', 1, t0 + 1000);
    requests('10.0.0.2:80', t0 + 7000, 100, 200, 20); // the old release, in the 4 s before the deploy
    requests('10.0.0.2:80', t0 + 8000, 2, 500, 20);
    const v2 = deploy(verify, 'v2', t0 + 10_000);
    await pass(v2, [replica(v1, '10.0.0.2')], t0 + 10_100);
    const baseline = kit.store.events.list('shop').find((e) => e.kind === 'release.baseline');
    expect(baseline?.message).toBe(
      'release 2: the previous release in the 4 s before the deploy: 102 requests, 5xx 2.0%, p99 20 ms',
    );
    const fresh = replica(v2, '10.0.0.3');
    await pass(v2, [fresh], t0 + 11_000, { converged: true });
    requests('10.0.0.3:80', t0 + 11_100, 90, 200, 25);
    requests('10.0.0.3:80', t0 + 12_000, 10, 503, 25);
    await pass(v2, [fresh], t0 + 13_000, { converged: true });
    const releases = kit.store.releases.list('shop');
    expect(releases[1]).toMatchObject({ number: 2, status: 'rolled-back' });
    expect(releases[1]?.message).toContain(
      'verification failed: 5xx rate 10.0% vs 2.0% before: +8.0 points > +5 (100 requests, 5xx 10.0%, p99 25 ms; previous release: 102 requests, 5xx 2.0%, p99 20 ms)',
    );
  });

  it('pauses an inconclusive release (too little traffic) and verifies it again after a resume', async () => {
    const verify = '{ window: 4s, interval: 2s, maxErrorRate: 5, minRequests: 10 }';
    const v1 = deploy(verify, 'v1', t0);
    const fresh = replica(v1, '10.0.0.2');
    for (const at of [1000, 3000, 5000]) await pass(v1, [fresh], t0 + at, { converged: true });
    expect(kit.store.releases.get('shop', 1)).toMatchObject({
      status: 'paused',
      message: 'verification inconclusive (0 checks passed, 0 failed, 2 inconclusive); paused',
    });
    resumeRollout(kit.store, 'shop', 'ada');
    requests('10.0.0.2:80', t0 + 6000, 20, 200, 10);
    requests('10.0.0.2:80', t0 + 8000, 20, 200, 10);
    for (const at of [5500, 7500, 9500]) await pass(v1, [fresh], t0 + at, { converged: true });
    expect(kit.store.releases.get('shop', 1).status).toBe('active');
    const kinds = kit.store.events.list('shop').map((e) => e.kind);
    expect(kinds.filter((k) => k === 'release.verifying')).toHaveLength(2);
    expect(kinds).toContain('rollout.paused');
  });
});
