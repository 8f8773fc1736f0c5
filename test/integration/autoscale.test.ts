import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/orchestrator/index.js';
import { berth, freePort, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { startLoad } from '../support/http-load.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { docker, purgeApp, uniqueApp } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';

const app = uniqueApp('scale');
const webApp = uniqueApp('rps');
let daemon: Daemon;
let project: ComposeProject;
let idleSince = 0;

// A replica burns a full core while /tmp/burn exists: far above 50 % of its 0.1 CPU reservation.
const compose = `
name: ${app}
services:
  worker:
    image: ${testImage}
    command: ["sh", "-c", "while true; do if [ -f /tmp/burn ]; then :; else sleep 0.2; fi; done"]
    stop_grace_period: 1s
    deploy:
      replicas: 1
      resources:
        reservations: { cpus: "0.1" }
    x-berth:
      autoscale: { min: 1, max: 3, cpu: 50, syncPeriod: 2s, scaleDownStabilization: 6s }
`;

const status = async (): Promise<AppStatus> =>
  JSON.parse((await berth(['ps', app, '--json'], { env: daemon.env })).stdout) as AppStatus;
const replicas = async (): Promise<number> => (await status()).services[0]?.desired ?? -1;

beforeAll(async () => {
  project = composeProject(compose);
  daemon = await startDaemon();
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  purgeApp(webApp);
  project?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('x-berth.autoscale (Kubernetes HPA on one host)', () => {
  it('scales up under CPU load, limited by max, and records each decision with its inputs', async () => {
    const up = await berth(['up'], { env: daemon.env, cwd: project.dir });
    expect(up.code, up.stderr).toBe(0);
    const first = (await status()).services[0]?.replicas[0];
    if (!first) throw new Error('no replica');
    docker('exec', first.id, 'touch', '/tmp/burn');
    await expect.poll(replicas, { timeout: 30_000, interval: 1000 }).toBe(3);
    const events = JSON.parse((await berth(['events', app, '--json'], { env: daemon.env })).stdout) as {
      events: {
        kind: string;
        message: string;
        data: { decision?: { inputs?: { observation?: { replicas?: unknown[] } } } };
      }[];
    };
    const decision = events.events.find((e) => e.kind === 'autoscale.decision');
    expect(decision?.message).toMatch(/worker: 1 -> 3 replicas/);
    expect(decision?.data.decision?.inputs?.observation?.replicas?.length).toBe(1);
    const releases = (await berth(['releases', app], { env: daemon.env })).stdout;
    expect(releases).toContain('autoscale worker 1->3');
    docker('exec', first.id, 'rm', '/tmp/burn');
    idleSince = Date.now();
  });

  it('scales back down only after the stabilisation window', async () => {
    await expect.poll(replicas, { timeout: 40_000, interval: 500 }).toBe(1);
    // The window (6 s) counts from the last high recommendation, which can precede the load's end by up
    // to one sync period (2 s): so at least 4 s after the load stopped.
    expect(Date.now() - idleSince).toBeGreaterThanOrEqual(4000);
  });
});

describe('x-berth.autoscale on requests per second at the ingress', () => {
  it('scales a web service up while it gets more requests than its per-replica target', async () => {
    const port = await freePort();
    const web = composeProject(`
name: ${webApp}
services:
  web:
    image: ${testImage}
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    ports: ["127.0.0.1:${port}:8080"]
    stop_grace_period: 1s
    x-berth:
      ingress: {}
      readiness: { http: { port: 8080, path: / }, period: 1s }
      autoscale: { min: 1, max: 3, rps: 5, syncPeriod: 2s, scaleDownStabilization: 5m }
`);
    try {
      const up = await berth(['up'], { env: daemon.env, cwd: web.dir });
      expect(up.code, up.stderr).toBe(0);
      const load = startLoad(`http://127.0.0.1:${port}/`, { workers: 2, pauseMs: 20 });
      try {
        await expect
          .poll(
            async () =>
              (JSON.parse((await berth(['ps', webApp, '--json'], { env: daemon.env })).stdout) as AppStatus)
                .services[0]?.desired,
            {
              timeout: 30_000,
              interval: 1000,
            },
          )
          .toBe(3);
      } finally {
        await load.stop();
      }
      const events = (await berth(['events', webApp], { env: daemon.env })).stdout;
      expect(events).toMatch(/autoscale\.decision\s+web: 1 -> 3 replicas/);
    } finally {
      web.remove();
    }
  });
});
