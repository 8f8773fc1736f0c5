import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/orchestrator/index.js';
import { berth, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { containersOf, docker, purgeApp, uniqueApp } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';

const app = uniqueApp('build');
let daemon: Daemon;
let project: ComposeProject;

beforeAll(async () => {
  project = composeProject(
    `
name: ${app}
services:
  site:
    build:
      context: ./site
      args:
        GREETING: \${GREETING:-unset}
    environment:
      COLOR: \${COLOR}
    command: ["sh", "-c", "echo color=$$COLOR; exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
    deploy:
      replicas: 2
      update_config: { order: start-first, parallelism: 1 }
    x-berth:
      readiness:
        http: { port: 8080, path: /greeting.txt }
        period: 1s
`,
    { '.env': 'GREETING=hello-from-dotenv\n' },
  );
  project.write(
    'site/Dockerfile',
    `FROM ${testImage}\nARG GREETING\nRUN echo "$GREETING" > /www/greeting.txt\n`,
  );
  daemon = await startDaemon();
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  project?.remove();
  if (daemon) removeHome(daemon.home);
  try {
    docker('rmi', '-f', `${app}-site`);
  } catch {
    // already gone
  }
});

const status = async (): Promise<AppStatus> =>
  JSON.parse((await berth(['ps', app, '--json'], { env: daemon.env })).stdout) as AppStatus;

describe('a service built from a Dockerfile', () => {
  it('is built with args interpolated from .env and the environment, then runs ready', async () => {
    const up = await berth(['up'], { env: { ...daemon.env, COLOR: 'teal' }, cwd: project.dir });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain(`site: building ${app}-site`);
    const s = await status();
    const replica = s.services[0]?.replicas[0];
    expect(s.converged).toBe(true);
    expect(docker('exec', replica?.id ?? '', 'cat', '/www/greeting.txt')).toBe('hello-from-dotenv');
    const logs = await berth(['logs', app, '--tail', '10'], { env: daemon.env });
    expect(logs.stdout).toContain('color=teal');
  });

  it('replaces every replica start-first when the spec changes, leaving no old or duplicate containers', async () => {
    const before = await status();
    const oldIds = before.services[0]?.replicas.map((r) => r.id) ?? [];
    project.write('.env', 'GREETING=second-release\n');
    const up = await berth(['up'], { env: { ...daemon.env, COLOR: 'teal' }, cwd: project.dir });
    expect(up.code, up.stderr).toBe(0);
    const after = await status();
    expect(after.release).toBe(2);
    const replicas = after.services[0]?.replicas ?? [];
    expect(replicas.map((r) => [r.replica, r.release, r.outdated, r.ready])).toEqual([
      [1, 2, false, true],
      [2, 2, false, true],
    ]);
    expect(replicas.some((r) => oldIds.includes(r.id))).toBe(false);
    expect(containersOf(app)).toHaveLength(2);
    expect(docker('exec', replicas[0]?.id ?? '', 'cat', '/www/greeting.txt')).toBe('second-release');
  });
});
