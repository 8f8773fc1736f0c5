import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../../src/orchestrator/index.js';
import { appFixture } from '../../support/app-fixture.js';
import { startLoad } from '../../support/http-load.js';
import { testImage } from '../../support/test-image.js';

// Version 2 crashes once, 3 s after it starts (about 2 s after its readiness probe passes), then runs
// normally: the shared volume remembers the crash. `delay` keeps the second batch waiting long enough
// for the failure policy to pause the update before slot 2 is touched.
const fx = appFixture(
  'pause',
  ({ app, port }) => `
name: ${app}
services:
  web:
    image: ${testImage}
    command:
      - sh
      - -c
      - >-
        echo $$VERSION > /www/index.html;
        if test "$$VERSION" = v2 && ! test -f /flags/crashed; then
        touch /flags/crashed; httpd -f -p 8080 -h /www & sleep 3; exit 1; fi;
        exec httpd -f -p 8080 -h /www
    environment: { VERSION: "\${VERSION:-v1}" }
    ports: ["127.0.0.1:${port}:8080"]
    volumes: [flags:/flags]
    stop_grace_period: 1s
    deploy:
      replicas: 2
      update_config: { order: start-first, parallelism: 1, delay: 8s, monitor: 5s, failure_action: pause }
    x-berth:
      ingress: { drain: 500ms }
      readiness: { http: { port: 8080, path: /index.html }, period: 1s }
volumes:
  flags: {}
`,
);
const { app, url } = fx;

const up = (version: string) => fx.up({ VERSION: version }, ['--timeout', '90']);

describe('update_config.failure_action: pause', () => {
  it('pauses an update whose new replica crashes within monitor, and the old replica keeps serving', async () => {
    const first = await up('v1');
    expect(first.code, first.stderr + fx.daemon.output()).toBe(0);

    const load = startLoad(url(), { workers: 2, pauseMs: 50 });
    const second = await up('v2');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`release 2 of "${app}" was paused`);
    expect(second.stderr).toMatch(
      /update paused: 1 of 2 replacement replicas of web failed \(max_failure_ratio 0, failure_action: pause\): \S+-web-1-\S+ exited with code 1 [\d.]+ s after becoming ready \(monitor 5\.0 s\)/,
    );
    // While paused, nothing more is replaced: slot 2 still runs v1 and answers.
    await new Promise((r) => setTimeout(r, 4000));
    const during = await load.stop();
    expect(during.bodies.get('v1'), JSON.stringify([...during.bodies])).toBeGreaterThan(0);
    expect((await fx.releases())[0]).toMatchObject({ number: 2, status: 'paused' });
    const status = JSON.parse((await fx.berth(['ps', app, '--json'])).stdout) as AppStatus;
    const slot2 = status.services[0]?.replicas.filter((r) => r.replica === 2) ?? [];
    expect(slot2.map((r) => [r.release, r.state, r.ready])).toEqual([[1, 'running', true]]);
    console.log(
      `while paused: ${during.requests} requests, ${during.non2xx} non-2xx, ${during.errors} errors, bodies ${JSON.stringify([...during.bodies])}`,
    );

    const table = (await fx.berth(['releases', app])).stdout;
    expect(table).toMatch(/^2\s+\S+ \S+\s+paused\s+up by /m);
    expect(table).toContain(`Continue with: berth rollout resume ${app}`);
    const events = (await fx.berth(['events', app])).stdout;
    expect(events).toMatch(
      /rollout\.task-failed\s+release 2: replacement replica failed: \S+ exited with code 1/,
    );
    expect(events).toMatch(/rollout\.paused\s+release 2 paused: update paused: 1 of 2/);
  });

  it('berth rollout resume finishes the update', async () => {
    const load = startLoad(url(), { workers: 2, pauseMs: 50 });
    const resumed = await fx.berth(['rollout', 'resume', app, '--timeout', '60']);
    expect(resumed.code, resumed.stderr + fx.daemon.output()).toBe(0);
    expect(resumed.stdout).toContain(`Release 2 of ${app} resumed.`);
    expect(resumed.stdout).toContain(`${app}: release 2 is ready`);
    const result = await load.stop();
    console.log(
      `resume: ${result.requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors, bodies ${JSON.stringify([...result.bodies])}`,
    );
    expect((await fx.releases())[0]).toMatchObject({ number: 2, status: 'active' });
    const bodies = new Set<string>();
    for (let i = 0; i < 10; i++) bodies.add((await (await fetch(url())).text()).trim());
    expect([...bodies]).toEqual(['v2']);
    const events = (await fx.berth(['events', app])).stdout;
    expect(events).toMatch(/rollout\.resumed\s+release 2 resumed by admin-token/);
  });
});
