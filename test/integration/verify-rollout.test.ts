import { describe, expect, it } from 'vitest';
import { appFixture } from '../support/app-fixture.js';
import { cgiWebService } from '../support/cgi-web-service.js';
import { startLoad } from '../support/http-load.js';

// /cgi-bin/app answers "code=$CODE" with the HTTP status in $CODE: a release answering 500 is ready,
// and only the analysis of its traffic can catch it.
const fx = appFixture('verify', (place) =>
  cgiWebService(place, {
    body: '"code=$$CODE"',
    replicas: 2,
    updateConfig: '{ order: start-first }',
    rollout: ['verify: { window: 6s, interval: 2s, maxErrorRate: 5, failureLimit: 1, minRequests: 5 }'],
  }),
);
const { app } = fx;
const up = (code: string) => fx.up({ CODE: code }, ['--timeout', '90']);

describe('rollout verification on the ingress traffic', () => {
  it('verifies a healthy release only after its traffic was analysed', async () => {
    const load = startLoad(fx.url('/cgi-bin/app'), { workers: 2, pauseMs: 50 });
    const first = await up('200');
    await load.stop();
    expect(first.code, first.stderr + fx.daemon.output()).toBe(0);
    const events = (await fx.berth(['events', app])).stdout;
    expect(events).toContain('release 1: verifying traffic');
    expect(events).toMatch(/release 1 is ready \(verified: \d+ checks passed, 0 failed/);
  });

  it('rolls back a release that is ready but answers 5xx', async () => {
    const load = startLoad(fx.url('/cgi-bin/app'), { workers: 2, pauseMs: 50 });
    const bad = await up('500');
    const result = await load.stop();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('was rolled back');
    expect(bad.stderr).toMatch(/verification failed: 5xx rate [\d.]+% > 5%/);
    expect(result.bodies.get('code=500')).toBeGreaterThan(0);
    const releases = await fx.releases();
    expect(releases.slice(0, 2).map((r) => [r.number, r.status])).toEqual([
      [3, expect.stringMatching(/pending|active/)],
      [2, 'rolled-back'],
    ]);
    expect(releases[0]?.reason).toMatch(/^rollback to 1: release 2 verification failed/);
    await expect
      .poll(async () => (await fetch(fx.url('/cgi-bin/app'))).status, { timeout: 30_000 })
      .toBe(200);
  });
});
