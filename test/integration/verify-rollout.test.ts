import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, freePort, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { purgeApp, uniqueApp } from '../support/docker-cli.js';
import { startLoad } from '../support/http-load.js';
import { testImage } from '../support/test-image.js';

const app = uniqueApp('verify');
let daemon: Daemon;
let project: ComposeProject;
let port: number;

// /cgi-bin/app answers with the HTTP status in $CODE; readiness only checks a static file, so a release
// answering 500 is "ready" and only traffic analysis can catch it.
const compose = () => `
name: ${app}
services:
  web:
    image: ${testImage}
    command:
      - sh
      - -c
      - >-
        echo ok > /www/ready.txt; mkdir -p /www/cgi-bin;
        printf '#!/bin/sh\\necho "Status: %s"\\necho "Content-Type: text/plain"\\necho\\necho code=%s\\n' "$$CODE" "$$CODE" > /www/cgi-bin/app;
        /bin/busybox chmod +x /www/cgi-bin/app; exec httpd -f -p 8080 -h /www
    environment: { CODE: "\${CODE:-200}" }
    ports: ["127.0.0.1:${port}:8080"]
    stop_grace_period: 1s
    deploy: { replicas: 2, update_config: { order: start-first } }
    x-berth:
      ingress: { drain: 500ms }
      readiness: { http: { port: 8080, path: /ready.txt }, period: 1s }
      rollout:
        verify: { window: 6s, interval: 2s, maxErrorRate: 5, failureLimit: 1, minRequests: 5 }
`;

const up = (code: string) =>
  berth(['up', '--timeout', '90'], { env: { ...daemon.env, CODE: code }, cwd: project.dir });

beforeAll(async () => {
  port = await freePort();
  project = composeProject(compose());
  daemon = await startDaemon();
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  project?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('rollout verification on the ingress traffic', () => {
  it('verifies a healthy release only after its traffic was analysed', async () => {
    const load = startLoad(`http://127.0.0.1:${port}/cgi-bin/app`, { workers: 2, pauseMs: 50 });
    const first = await up('200');
    await load.stop();
    expect(first.code, first.stderr + daemon.output()).toBe(0);
    const events = (await berth(['events', app], { env: daemon.env })).stdout;
    expect(events).toContain('release 1: verifying traffic');
    expect(events).toMatch(/release 1 is ready \(verified: \d+ checks passed, 0 failed/);
  });

  it('rolls back a release that is ready but answers 5xx', async () => {
    const load = startLoad(`http://127.0.0.1:${port}/cgi-bin/app`, { workers: 2, pauseMs: 50 });
    const bad = await up('500');
    const result = await load.stop();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('was rolled back');
    expect(bad.stderr).toMatch(/verification failed: 5xx rate [\d.]+% > 5%/);
    expect(result.bodies.get('code=500')).toBeGreaterThan(0);
    const releases = JSON.parse((await berth(['releases', app, '--json'], { env: daemon.env })).stdout) as {
      releases: { number: number; status: string; reason: string }[];
    };
    expect(releases.releases.slice(0, 2).map((r) => [r.number, r.status])).toEqual([
      [3, expect.stringMatching(/pending|active/)],
      [2, 'rolled-back'],
    ]);
    expect(releases.releases[0]?.reason).toMatch(/^rollback to 1: release 2 verification failed/);
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/cgi-bin/app`)).status, { timeout: 30_000 })
      .toBe(200);
  });
});
