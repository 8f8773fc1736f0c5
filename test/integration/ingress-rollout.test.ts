import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/orchestrator/index.js';
import { berth, freePort, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { containersOf, purgeApp, uniqueApp } from '../support/docker-cli.js';
import { startLoad } from '../support/http-load.js';
import { testImage } from '../support/test-image.js';

const app = uniqueApp('ingress');
let daemon: Daemon;
let project: ComposeProject;
let port: number;

const compose = (readinessPath: string, deadline = '10m') => `
name: ${app}
services:
  web:
    image: ${testImage}
    command: ["sh", "-c", "hostname > /www/id.txt; echo v=$$VERSION > /www/v.txt; exec httpd -f -p 8080 -h /www"]
    environment:
      VERSION: \${VERSION:-1}
    ports: ["127.0.0.1:${port}:8080"]
    stop_grace_period: 1s
    deploy:
      replicas: 3
      update_config: { order: start-first, parallelism: 1 }
    x-berth:
      ingress: { drain: 500ms }
      readiness: { http: { port: 8080, path: ${readinessPath} }, period: 1s }
      rollout: { progressDeadline: ${deadline} }
`;

const up = (version: string, extra: string[] = []) =>
  berth(['up', ...extra], { env: { ...daemon.env, VERSION: version }, cwd: project.dir });
const url = (path: string): string => `http://127.0.0.1:${port}${path}`;

beforeAll(async () => {
  port = await freePort();
  project = composeProject(compose('/v.txt'));
  daemon = await startDaemon();
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  project?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('the ingress proxy in front of a 3-replica service', () => {
  it('routes a published port to every ready replica', async () => {
    const first = await up('1');
    expect(first.code, first.stderr + daemon.output()).toBe(0);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) seen.add((await (await fetch(url('/id.txt'))).text()).trim());
    expect(seen.size).toBe(3);
  });

  it('rolls out a new version with zero failed requests under load', async () => {
    const load = startLoad(url('/v.txt'));
    const second = await up('2');
    await new Promise((r) => setTimeout(r, 500));
    const result = await load.stop();
    expect(second.code, second.stderr).toBe(0);
    expect(result.requests).toBeGreaterThan(100);
    expect({ non2xx: result.non2xx, errors: result.errors, first: result.firstError }).toEqual({
      non2xx: 0,
      errors: 0,
      first: undefined,
    });
    expect([...result.bodies.keys()].sort()).toEqual(['v=1', 'v=2']);
    expect(containersOf(app)).toHaveLength(3);
  });

  it('rolls back a release that never becomes ready, which never receives traffic', async () => {
    project.write('compose.yaml', compose('/missing.txt', '6s'));
    const load = startLoad(url('/v.txt'));
    const bad = await up('3', ['--timeout', '60']);
    const result = await load.stop();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('was rolled back');
    expect(bad.stderr).toContain('progress deadline');
    expect({ non2xx: result.non2xx, errors: result.errors }).toEqual({ non2xx: 0, errors: 0 });
    expect([...result.bodies.keys()]).toEqual(['v=2']);
    const releases = JSON.parse((await berth(['releases', app, '--json'], { env: daemon.env })).stdout) as {
      releases: { number: number; status: string; reason: string; message: string | null }[];
    };
    const [restored, rolledBack] = releases.releases;
    expect(rolledBack).toMatchObject({ number: 3, status: 'rolled-back' });
    expect(rolledBack?.message).toContain('rolled back to release 2');
    expect(restored?.reason).toMatch(/^rollback to 2: release 3 not ready within the 6 s progress deadline/);
    const settled = JSON.parse((await berth(['ps', app, '--json'], { env: daemon.env })).stdout) as AppStatus;
    await expect
      .poll(
        async () =>
          (JSON.parse((await berth(['ps', app, '--json'], { env: daemon.env })).stdout) as AppStatus)
            .converged,
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(settled.release).toBe(4);
    project.write('compose.yaml', compose('/v.txt'));
  });

  it('scales down with zero failed requests', async () => {
    const load = startLoad(url('/v.txt'));
    const scale = await berth(['scale', app, 'web=1'], { env: daemon.env });
    await new Promise((r) => setTimeout(r, 300));
    const result = await load.stop();
    expect(scale.code, scale.stderr).toBe(0);
    expect({ non2xx: result.non2xx, errors: result.errors, first: result.firstError }).toEqual({
      non2xx: 0,
      errors: 0,
      first: undefined,
    });
    expect(containersOf(app)).toHaveLength(1);
  });

  it('goes back to any retained release with berth rollback --to', async () => {
    const rollback = await berth(['rollback', app, '--to', '1'], { env: daemon.env });
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('restores release 1');
    expect((await (await fetch(url('/v.txt'))).text()).trim()).toBe('v=1');
  });

  it('keeps serving while the daemon is down and while it comes back', async () => {
    await daemon.stop({ kill: true });
    const load = startLoad(url('/v.txt'));
    await new Promise((r) => setTimeout(r, 1500));
    daemon = await startDaemon({ home: daemon.home });
    await new Promise((r) => setTimeout(r, 2500));
    const result = await load.stop();
    expect(result.requests).toBeGreaterThan(50);
    expect({ non2xx: result.non2xx, errors: result.errors, first: result.firstError }).toEqual({
      non2xx: 0,
      errors: 0,
      first: undefined,
    });
  });

  it('brings the proxy back when it dies while the daemon runs', async () => {
    const pid = Number(readFileSync(join(daemon.home, 'ingress', 'caddy.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await expect
      .poll(
        async () =>
          fetch(url('/v.txt')).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 20_000, interval: 500 },
      )
      .toBe(200);
  });
});
