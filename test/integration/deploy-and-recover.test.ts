import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/orchestrator/index.js';
import { berth, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { containersOf, docker, purgeApp, uniqueApp } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';
import { waitFor } from '../support/wait-for.js';

const app = uniqueApp('shop');

// The scenario: web x3 with an HTTP readiness probe, depending on a healthy db.
const compose = `
name: ${app}
services:
  web:
    image: ${testImage}
    command: ["sh", "-c", "echo web says hello; touch /tmp/alive; exec httpd -f -p 8080 -h /www"]
    deploy:
      replicas: 3
      resources:
        limits: { cpus: "0.5", memory: 64m, pids: 50 }
        reservations: { memory: 8m }
    depends_on:
      db:
        condition: service_healthy
    read_only: true
    stop_grace_period: 1s
    tmpfs: /tmp
    cap_drop: [ALL]
    cpuset: "0"
    security_opt: ["no-new-privileges:true"]
    x-berth:
      readiness:
        http: { port: 8080, path: /index.html }
        period: 1s
      liveness:
        exec: { command: "test -f /tmp/alive" }
        period: 1s
        failureThreshold: 2
  db:
    image: ${testImage}
    command: ["sh", "-c", "echo db ready > /data/state; exec sleep 100000"]
    stop_grace_period: 1s
    volumes: [dbdata:/data]
    healthcheck:
      test: ["CMD", "test", "-f", "/data/state"]
      interval: 1s
volumes:
  dbdata: {}
`;

let daemon: Daemon;
let project: ComposeProject;
const cli = (...args: string[]) => berth(args, { env: daemon.env, cwd: project.dir });
const status = async (): Promise<AppStatus> =>
  JSON.parse((await cli('ps', app, '--json')).stdout) as AppStatus;
const webIds = (s: AppStatus): string[] =>
  s.services.find((x) => x.name === 'web')?.replicas.map((r) => r.id) ?? [];

beforeAll(async () => {
  project = composeProject(compose);
  // A long resync so that recovery below must be driven by engine events and probes.
  daemon = await startDaemon({ env: { BERTH_RESYNC_MS: '120000' } });
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  project?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('berth up of a multi-service app on one Docker host', () => {
  it('ends with every replica ready, in depends_on order, and ps --json shows them', async () => {
    const up = await cli('up');
    expect(up.stderr).toContain(`Release 1 of ${app} recorded.`);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain('release 1 is ready (db 1/1, web 3/3)');

    const s = await status();
    expect(s.converged).toBe(true);
    expect(s.release).toBe(1);
    const web = s.services.find((x) => x.name === 'web');
    expect(web?.replicas.map((r) => [r.replica, r.state, r.ready])).toEqual([
      [1, 'running', true],
      [2, 'running', true],
      [3, 'running', true],
    ]);
    const db = s.services.find((x) => x.name === 'db');
    expect(db?.replicas[0]?.health).toBe('healthy');
    // db became healthy before any web replica started
    const dbReady = db?.replicas[0]?.startedAt ?? 0;
    for (const r of web?.replicas ?? []) expect(r.startedAt).toBeGreaterThan(dbReady);
  });

  it('creates containers with the labels, limits and security options of the spec', () => {
    const ids = containersOf(app);
    expect(ids).toHaveLength(4);
    const inspected = ids.map(
      (id) =>
        (JSON.parse(docker('inspect', id)) as unknown[])[0] as {
          Name: string;
          Config: { Labels: Record<string, string> };
          HostConfig: {
            CpusetCpus: string;
            NanoCpus: number;
            Memory: number;
            PidsLimit: number;
            ReadonlyRootfs: boolean;
            CapDrop: string[];
            SecurityOpt: string[];
            RestartPolicy: { Name: string };
          };
        },
    );
    const webReplica = inspected.find((c) => c.Config.Labels['dev.berth.service'] === 'web');
    expect(webReplica?.Config.Labels).toMatchObject({
      'dev.berth.app': app,
      'dev.berth.service': 'web',
      'dev.berth.release': '1',
    });
    expect(webReplica?.HostConfig).toMatchObject({
      NanoCpus: 500_000_000,
      CpusetCpus: '0',
      Memory: 64 * 1024 * 1024,
      PidsLimit: 50,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      RestartPolicy: { Name: 'no' },
    });
    expect(docker('volume', 'ls', '-q', '--filter', `label=dev.berth.app=${app}`)).toBe(`${app}_dbdata`);
  });

  it('shows the output of the app with berth logs', async () => {
    const logs = await cli('logs', app, 'web', '--tail', '5');
    expect(logs.code).toBe(0);
    // Stored logs are prefixed with service.replica.
    expect(logs.stdout).toMatch(/^web\.1 \| web says hello$/m);
    expect(logs.stdout).not.toContain('db ready');
  });

  it('restarts a replica whose process was killed with SIGKILL, in the same container, without duplicates', async () => {
    const before = await status();
    const victim = before.services.find((x) => x.name === 'web')?.replicas[1];
    if (!victim) throw new Error('no replica 2');
    const pid = docker('inspect', '-f', '{{.State.Pid}}', victim.id);
    process.kill(Number(pid), 'SIGKILL');
    const after = await waitFor('replica 2 restarted and ready', async () => {
      const s = await status();
      const r = s.services.find((x) => x.name === 'web')?.replicas.find((x) => x.replica === 2);
      return s.converged && r && r.restarts >= 1 && r.startedAt > victim.startedAt ? s : undefined;
    });
    expect(webIds(after)).toEqual(webIds(before));
    expect(containersOf(app)).toHaveLength(4);
  });

  it('restarts a replica whose liveness probe fails, which Docker alone never does', async () => {
    const before = await status();
    const victim = before.services.find((x) => x.name === 'web')?.replicas[0];
    if (!victim) throw new Error('no replica 1');
    docker('exec', victim.id, 'rm', '/tmp/alive');
    const after = await waitFor(
      'liveness restart',
      async () => {
        const s = await status();
        const r = s.services.find((x) => x.name === 'web')?.replicas.find((x) => x.replica === 1);
        return s.converged && r && r.startedAt > victim.startedAt && r.ready ? s : undefined;
      },
      20_000,
    );
    expect(webIds(after)).toEqual(webIds(before));
    expect(after.converged).toBe(true);
  });

  it('records what happened as events: probe failures, restarts, the release becoming ready', async () => {
    const events = await cli('events', app);
    expect(events.code, events.stderr).toBe(0);
    expect(events.stdout).toMatch(/probe\.liveness\s+.*web-1-\w+: liveness failed/);
    expect(events.stdout).toMatch(/replica\.restarted\s+web\.1 restarted: liveness probe failed/);
    expect(events.stdout).toMatch(/replica\.restarted\s+web\.2 restarted after exit code 137/);
    expect(events.stdout).toContain('release 1 is ready');
  });

  it('recreates a replica removed behind its back (docker rm -f), keeping one container per slot', async () => {
    const before = await status();
    const victim = before.services.find((x) => x.name === 'web')?.replicas[2];
    if (!victim) throw new Error('no replica 3');
    docker('rm', '-f', victim.id);
    const after = await waitFor('replica 3 recreated', async () => {
      const s = await status();
      const r = s.services.find((x) => x.name === 'web')?.replicas.find((x) => x.replica === 3);
      return s.converged && r && r.id !== victim.id ? s : undefined;
    });
    expect(after.services.find((x) => x.name === 'web')?.replicas.map((r) => r.replica)).toEqual([1, 2, 3]);
    expect(containersOf(app)).toHaveLength(4);
  });

  it('follows new output with berth logs -f', async () => {
    const s = await status();
    const replica = s.services.find((x) => x.name === 'web')?.replicas[0];
    if (!replica) throw new Error('no replica');
    const follow = berth(['logs', app, 'web', '-f', '--tail', '0'], { env: daemon.env, timeoutMs: 4000 });
    await new Promise((r) => setTimeout(r, 1500));
    // PID 1's stdout is the container's log; write a line to it from inside.
    docker('exec', replica.id, 'sh', '-c', 'echo followed-line-42 > /proc/1/fd/1');
    const result = await follow;
    expect(result.stdout).toContain(`web.${replica.replica} | followed-line-42`);
  });

  it('adopts running containers after the daemon is killed with SIGKILL and restarted, without duplicating them', async () => {
    const before = await status();
    await daemon.stop({ kill: true });
    // While Berth is down a replica crashes: nobody restarts it until the daemon is back.
    const victim = before.services.find((x) => x.name === 'web')?.replicas[2];
    if (!victim) throw new Error('no replica 3');
    process.kill(Number(docker('inspect', '-f', '{{.State.Pid}}', victim.id)), 'SIGKILL');
    await waitFor(
      'replica 3 exited',
      () => docker('inspect', '-f', '{{.State.Status}}', victim.id) === 'exited',
    );

    daemon = await startDaemon({ home: daemon.home, env: { BERTH_RESYNC_MS: '120000' } });
    const after = await waitFor('converged after restart', async () => {
      const s = await status();
      return s.converged ? s : undefined;
    });
    expect(webIds(after)).toEqual(webIds(before));
    expect(containersOf(app)).toHaveLength(4);
    expect(after.release).toBe(1);
  });

  it('scales with a new release and lists releases', async () => {
    const scale = await cli('scale', app, 'web=1');
    expect(scale.code, scale.stderr + daemon.output()).toBe(0);
    expect(containersOf(app)).toHaveLength(2);
    const releases = JSON.parse((await cli('releases', app, '--json')).stdout) as {
      releases: { number: number; reason: string; status: string }[];
    };
    expect(releases.releases.map((r) => [r.number, r.reason, r.status])).toEqual([
      [2, 'scale web=1 by admin-token', 'active'],
      [1, 'up by admin-token', 'superseded'],
    ]);
  });

  it('takes the app down, keeping volumes unless asked', async () => {
    const down = await cli('down', app);
    expect(down.code, down.stderr).toBe(0);
    expect(containersOf(app)).toEqual([]);
    expect(docker('network', 'ls', '-q', '--filter', `label=dev.berth.app=${app}`)).toBe('');
    expect(docker('volume', 'ls', '-q', '--filter', `label=dev.berth.app=${app}`)).toBe(`${app}_dbdata`);
    const again = await cli('down', app, '--volumes', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ removedVolumes: [`${app}_dbdata`] });
  });
});
