import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/orchestrator/index.js';
import { appFixture, type AppPlace } from '../support/app-fixture.js';
import { containersOf } from '../support/docker-cli.js';
import { startLoad } from '../support/http-load.js';
import { testImage } from '../support/test-image.js';

const compose = ({ app, port }: AppPlace, readinessPath = '/v.txt', deadline = '10m') => `
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

const fx = appFixture('ingress', (place) => compose(place));
const { app, url } = fx;
const up = (version: string, extra: string[] = []) => fx.up({ VERSION: version }, extra);
const ps = async (): Promise<AppStatus> =>
  JSON.parse((await fx.berth(['ps', app, '--json'])).stdout) as AppStatus;

describe('the ingress proxy in front of a 3-replica service', () => {
  it('routes a published port to every ready replica', async () => {
    const first = await up('1');
    expect(first.code, first.stderr + fx.daemon.output()).toBe(0);
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
    fx.project.write('compose.yaml', compose(fx, '/missing.txt', '6s'));
    const load = startLoad(url('/v.txt'));
    const bad = await up('3', ['--timeout', '60']);
    const result = await load.stop();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('was rolled back');
    expect(bad.stderr).toContain('progress deadline');
    expect({ non2xx: result.non2xx, errors: result.errors }).toEqual({ non2xx: 0, errors: 0 });
    expect([...result.bodies.keys()]).toEqual(['v=2']);
    const [restored, rolledBack] = await fx.releases();
    expect(rolledBack).toMatchObject({ number: 3, status: 'rolled-back' });
    expect(rolledBack?.message).toContain('rolled back to release 2');
    expect(restored?.reason).toMatch(/^rollback to 2: release 3 not ready within the 6 s progress deadline/);
    const settled = await ps();
    await expect.poll(async () => (await ps()).converged, { timeout: 20_000 }).toBe(true);
    expect(settled.release).toBe(4);
    fx.project.write('compose.yaml', compose(fx));
  });

  it('scales down with zero failed requests', async () => {
    const load = startLoad(url('/v.txt'));
    const scale = await fx.berth(['scale', app, 'web=1']);
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
    const rollback = await fx.berth(['rollback', app, '--to', '1']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('restores release 1');
    expect((await (await fetch(url('/v.txt'))).text()).trim()).toBe('v=1');
  });

  it('keeps serving while the daemon is down and while it comes back', async () => {
    await fx.daemon.stop({ kill: true });
    const load = startLoad(url('/v.txt'));
    await new Promise((r) => setTimeout(r, 1500));
    await fx.startDaemonAgain();
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
    const pid = Number(readFileSync(join(fx.daemon.home, 'ingress', 'caddy.pid'), 'utf8'));
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
