import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFixture } from '../support/app-fixture.js';
import { cgiWebService } from '../support/cgi-web-service.js';

// /cgi-bin/app answers "$VERSION" with the HTTP status in $CODE: a version answering 500 is ready, and
// only the canary's traffic verification can catch it.
const fx = appFixture('canary', (place) =>
  cgiWebService(place, {
    body: '"$$VERSION"',
    replicas: 3,
    updateConfig: '{ order: start-first, parallelism: 0, monitor: 1s }',
    rollout: [
      'strategy: canary',
      'steps: [{ weight: 34, pause: 8s }, { weight: 100, pause: 3s }]',
      'verify: { window: 3s, interval: 2s, maxErrorRate: 5, minRequests: 5 }',
    ],
  }),
);
const { app } = fx;

const up = (version: string, code: string) => fx.up({ VERSION: version, CODE: code }, ['--timeout', '120']);

interface Sample {
  at: number;
  body: string;
}

/** Sequential requests from `workers` loops through the proxy, each answer kept with its time. */
function sample(workers = 3): { stop: () => Promise<Sample[]> } {
  const samples: Sample[] = [];
  let running = true;
  const loop = async (): Promise<void> => {
    while (running) {
      try {
        const res = await fetch(fx.url('/cgi-bin/app'), {
          signal: AbortSignal.timeout(5000),
        });
        samples.push({ at: Date.now(), body: `${res.status} ${(await res.text()).trim()}` });
      } catch (error) {
        samples.push({ at: Date.now(), body: `error ${String(error)}` });
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

interface CanaryView {
  service: string;
  step: number | null;
  weight: number | null;
}
interface ReleaseView {
  number: number;
  status: string;
  reason: string;
  message: string | null;
  canary?: CanaryView[];
}
const releases = async (): Promise<ReleaseView[]> => {
  const token = readFileSync(join(fx.daemon.home, 'admin.token'), 'utf8').trim();
  const res = await fetch(`${fx.daemon.url}/api/v1/apps/${app}/releases`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { releases: ReleaseView[] }).releases;
};

/** Polls the release view until `test` holds for release `n`; returns when it first did. */
async function when(n: number, test: (r: ReleaseView) => boolean, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const release = (await releases()).find((r) => r.number === n);
    if (release && test(release)) return Date.now();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`release ${n} never matched:\n${JSON.stringify(await releases(), null, 2)}`);
}

const share = (samples: readonly Sample[], body: string): number =>
  samples.filter((s) => s.body === body).length / Math.max(1, samples.length);

describe('canary releases through the ingress', () => {
  it('sends about a third of the requests to v2 at the 34% step, then completes with all traffic on v2', async () => {
    const load = sample();
    const first = await up('v1', '200');
    expect(first.code, first.stderr + fx.daemon.output()).toBe(0);
    const deployedAt = Date.now();

    const second = up('v2', '200');
    const atStep1 = await when(
      2,
      (r) => r.canary?.[0]?.step === 1 && /pausing|verifying/.test(r.message ?? ''),
    );
    const table = (await fx.berth(['releases', app])).stdout;
    const atStep2 = await when(2, (r) => r.canary?.[0]?.step === 2);
    const done = await second;
    const samples = await load.stop();
    expect(done.code, done.stderr + fx.daemon.output()).toBe(0);

    // The step's pause, leaving out the proxy's 1 s DNS refresh at either end.
    const step1 = samples.filter((s) => s.at > atStep1 + 1000 && s.at < atStep2 - 1000);
    const v2 = share(step1, '200 v2');
    console.log(
      `canary step 1 (34%): ${step1.length} requests, v2 ${(v2 * 100).toFixed(1)}%, v1 ${(share(step1, '200 v1') * 100).toFixed(1)}%`,
    );
    expect(step1.length).toBeGreaterThan(50);
    expect(v2).toBeGreaterThan(0.2);
    expect(v2).toBeLessThan(0.5);
    expect(share(step1, '200 v1') + v2).toBe(1);
    // Nothing failed from the moment v1 was up (before it, nothing listened on the port).
    expect(samples.filter((s) => s.at > deployedAt && !s.body.startsWith('200 '))).toEqual([]);

    expect((await releases())[0]).toMatchObject({ number: 2, status: 'active' });
    const after: string[] = [];
    for (let i = 0; i < 12; i++) after.push((await (await fetch(fx.url('/cgi-bin/app'))).text()).trim());
    expect(new Set(after)).toEqual(new Set(['v2']));
    const events = (await fx.berth(['events', app])).stdout;
    console.log(
      events
        .split('\n')
        .filter((l) => l.includes('canary.'))
        .join('\n'),
    );
    console.log(table);
    expect(table).toMatch(/^2\s+\S+ \S+\s+pending\s+up by .*canary web step 1\/2 at 34%: verifying/m);
    expect(table).toContain('Release 2 canary web: step 1/2 at 34% (steps: 34% for 8 s, 100% for 3 s)');
    expect(events).toMatch(
      /canary\.step\s+release 2: canary web step 1\/2 at 34%: 33\.3% of requests to 2 canary and 1 stable replicas/,
    );
    expect(events).toMatch(/canary\.verified\s+release 2: canary web step 1\/2 at 34% passed \(verified: /);
    expect(events).toMatch(/canary\.promoted\s+release 2: canary web promoted after 2 steps/);
  });

  it('rolls back a canary answering 500s at its first step, which never got more than its share', async () => {
    const load = sample();
    const bad = await up('v3', '500');
    const samples = await load.stop();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('was rolled back');
    expect(bad.stderr).toMatch(
      /canary web step 1\/2 at 34% failed: verification failed: 5xx rate [\d.]+% > 5%/,
    );

    const list = await releases();
    expect(list.find((r) => r.number === 3)).toMatchObject({
      status: 'rolled-back',
      canary: [{ service: 'web', step: 1, weight: 34 }],
    });
    expect(list[0]?.reason).toMatch(/^rollback to 2: release 3 canary web step 1\/2 at 34% failed/);

    // v3's share in every second of the rollout stayed at its step's weight (plus round-robin jitter).
    const v3 = samples.filter((s) => s.body === '500 v3');
    expect(v3.length).toBeGreaterThan(0);
    const seconds = new Map<number, Sample[]>();
    for (const s of samples)
      seconds.set(Math.floor(s.at / 1000), [...(seconds.get(Math.floor(s.at / 1000)) ?? []), s]);
    const worst = Math.max(
      ...[...seconds.values()].filter((w) => w.length >= 20).map((w) => share(w, '500 v3')),
    );
    console.log(
      `failed canary: ${samples.length} requests, ${v3.length} from v3 (${((100 * v3.length) / samples.length).toFixed(1)}%), worst second ${(worst * 100).toFixed(1)}%`,
    );
    expect(worst).toBeLessThanOrEqual(0.45);
    expect(samples.filter((s) => s.body !== '500 v3' && s.body !== '200 v2')).toEqual([]);

    await expect
      .poll(async () => (await fetch(fx.url('/cgi-bin/app'))).status, { timeout: 30_000 })
      .toBe(200);
    const events = (await fx.berth(['events', app])).stdout;
    expect(events).toMatch(/canary\.failed\s+release 3: canary web step 1\/2 at 34% failed/);
  });

  it('goes on with the recorded step after the daemon is killed mid-canary, starting its pause over', async () => {
    const release = ((await releases())[0]?.number ?? 0) + 1;
    const load = sample();
    const deploy = up('v4', '200');
    await when(release, (r) => r.canary?.[0]?.step === 1 && /verifying/.test(r.message ?? ''));
    await fx.daemon.stop({ kill: true });
    await deploy; // the CLI loses the daemon; the release goes on without it
    const downAt = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    await fx.startDaemonAgain();
    const restartedAt = Date.now();
    await when(release, (r) => r.status === 'active', 90_000);
    const samples = await load.stop();

    const kinds = (await fx.berth(['events', app, '--json', '--limit', '500'])).stdout;
    const steps = (JSON.parse(kinds) as { events: { kind: string; message: string }[] }).events.filter(
      (e) => e.kind === 'canary.step' && e.message.includes(`release ${release}: canary web step 1/2`),
    );
    expect(steps).toHaveLength(2);
    const during = samples.filter((s) => s.at > downAt);
    console.log(
      `daemon killed at step 1 and restarted after ${((restartedAt - downAt) / 1000).toFixed(1)} s: ${during.length} requests since, ${during.filter((s) => !s.body.startsWith('200 ')).length} failed`,
    );
    expect(during.filter((s) => !s.body.startsWith('200 '))).toEqual([]);
    const after: string[] = [];
    for (let i = 0; i < 6; i++) after.push((await (await fetch(fx.url('/cgi-bin/app'))).text()).trim());
    expect(new Set(after)).toEqual(new Set(['v4']));
  });
});
