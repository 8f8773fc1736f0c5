import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { containersOf, purgeApp, uniqueApp } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';

const app = uniqueApp('daemon');
let daemon: Daemon;
let project: ComposeProject;

beforeAll(async () => {
  project = composeProject(`
name: ${app}
services:
  api:
    image: ${testImage}
    command: ["sleep", "100000"]
    stop_grace_period: 1s
`);
  daemon = await startDaemon();
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  project?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('berth server', () => {
  it('creates an admin token readable only by its owner, and the CLI finds it by itself', async () => {
    const mode = statSync(join(daemon.home, 'admin.token')).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
    const version = await berth(['version', '--json'], { env: daemon.env });
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout)).toMatchObject({
      server: { berth: expect.any(String), engine: { apiVersion: expect.any(String) } },
    });
  });

  it('refuses API calls without the token', async () => {
    const res = await fetch(`${daemon.url}/api/v1/apps`);
    expect(res.status).toBe(401);
    const wrong = await berth(['ps'], { env: { ...daemon.env, BERTH_TOKEN: 'not-the-token' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('BERTH_UNAUTHORIZED');
  });

  it('writes structured JSON logs', () => {
    const line = daemon
      .output()
      .split('\n')
      .find((l) => l.startsWith('{'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 30, msg: expect.any(String) });
  });

  it('shuts down gracefully on SIGTERM, leaving the app running, and keeps its releases across restarts', async () => {
    const up = await berth(['up'], { env: daemon.env, cwd: project.dir });
    expect(up.code, up.stderr).toBe(0);
    const code = await daemon.stop();
    expect(code).toBe(0);
    expect(daemon.output()).toContain('"msg":"stopped"');
    expect(containersOf(app)).toHaveLength(1);

    daemon = await startDaemon({ home: daemon.home });
    const releases = JSON.parse((await berth(['releases', app, '--json'], { env: daemon.env })).stdout) as {
      releases: { number: number }[];
    };
    expect(releases.releases.map((r) => r.number)).toEqual([1]);
    expect(containersOf(app)).toHaveLength(1);
  });
});
