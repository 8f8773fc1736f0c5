import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/orchestrator/index.js';
import { berth, freePort, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { containersOf, purgeApp, uniqueApp } from '../support/docker-cli.js';
import { startLoad } from '../support/http-load.js';
import { testImage } from '../support/test-image.js';

// A host made small through BERTH_CAPACITY_CPUS: 1 CPU, shared out by reservations of 0.25 CPU.
const low = uniqueApp('prio-low');
const high = uniqueApp('prio-high');
let daemon: Daemon;
let lowProject: ComposeProject;
let highProject: ComposeProject;
let port: number;

const lowCompose = () => `
name: ${low}
services:
  web:
    image: ${testImage}
    command: ["sh", "-c", "exec httpd -f -p 8080 -h /www"]
    ports: ["127.0.0.1:${port}:8080"]
    stop_grace_period: 1s
    deploy:
      replicas: 4
      resources: { reservations: { cpus: "0.25", memory: 16m } }
    x-berth:
      ingress: { drain: 500ms }
`;

const highCompose = `
name: ${high}
services:
  api:
    image: ${testImage}
    command: ["sleep", "100000"]
    stop_grace_period: 1s
    deploy:
      replicas: 2
      resources: { reservations: { cpus: "0.25", memory: 16m } }
    x-berth: { priority: 1000 }
`;

interface EventView {
  kind: string;
  message: string;
  data: Record<string, unknown>;
}

const status = async (app: string): Promise<AppStatus> =>
  JSON.parse((await berth(['ps', app, '--json'], { env: daemon.env })).stdout) as AppStatus;
const running = async (app: string): Promise<number> => (await status(app)).services[0]?.running ?? -1;
const events = async (app: string): Promise<EventView[]> =>
  (
    JSON.parse((await berth(['events', app, '--json'], { env: daemon.env })).stdout) as {
      events: EventView[];
    }
  ).events;

beforeAll(async () => {
  port = await freePort();
  lowProject = composeProject(lowCompose());
  highProject = composeProject(highCompose);
  daemon = await startDaemon({ env: { BERTH_CAPACITY_CPUS: '1' } });
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(low);
  purgeApp(high);
  lowProject?.remove();
  highProject?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('x-berth.priority: preemption on a host made small by BERTH_CAPACITY_CPUS', () => {
  it('refuses a default-priority app that does not fit next to the low-priority one', async () => {
    const filled = await berth(['up'], { env: daemon.env, cwd: lowProject.dir });
    expect(filled.code, filled.stderr + daemon.output()).toBe(0);
    expect(await running(low)).toBe(4);
    const plain = composeProject(highCompose.replace('    x-berth: { priority: 1000 }\n', ''));
    try {
      const refused = await berth(['up'], { env: daemon.env, cwd: plain.dir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('[BERTH_ADMISSION_RESOURCES]');
      expect(refused.stderr).toContain('the host has 0 CPU free (1 CPU total, 1 CPU reserved by other apps)');
    } finally {
      plain.remove();
    }
  });

  it('evicts the newest low-priority replicas for a higher-priority app, saying who and why', async () => {
    const load = startLoad(`http://127.0.0.1:${port}/`, { workers: 2, pauseMs: 20 });
    const started = Date.now();
    const up = await berth(['up'], { env: daemon.env, cwd: highProject.dir });
    const tookMs = Date.now() - started;
    const traffic = await load.stop();
    expect(up.code, up.stderr + daemon.output()).toBe(0);
    expect(await running(high)).toBe(2);
    await expect.poll(() => running(low), { timeout: 15_000 }).toBe(2);
    expect(containersOf(low)).toHaveLength(2);

    const preempted = (await events(low)).filter((e) => e.kind === 'schedule.preempted');
    expect(preempted.map((e) => e.data['victim'])).toEqual(
      expect.arrayContaining([
        { app: low, service: 'web', replica: 4, priority: 0 },
        { app: low, service: 'web', replica: 3, priority: 0 },
      ]),
    );
    expect(preempted[0]?.message).toMatch(
      new RegExp(
        `^${low}/web\\.[34] \\(priority 0\\) preempted by ${high}/api\\.[12] \\(priority 1000\\), which needs 0.25 CPU, 16 MiB; 0 CPU, `,
      ),
    );
    expect(preempted[0]?.data['needed']).toEqual({ cpus: 0.25, memoryBytes: 16 * 1024 ** 2 });
    expect((await events(high)).filter((e) => e.kind === 'schedule.preempted')).toHaveLength(2);
    const removed = (await events(low)).filter((e) => e.kind === 'replica.removed').map((e) => e.message);
    expect(removed.sort()).toEqual(['web.3 removed (preempted)', 'web.4 removed (preempted)']);

    // The surviving replicas kept serving: the evicted ones left the proxy before they stopped.
    expect(traffic.requests).toBeGreaterThan(20);
    expect(traffic.non2xx + traffic.errors, traffic.firstError).toBe(0);
    console.log(
      `preemption: berth up of the high app took ${tookMs} ms; ${traffic.requests} requests to the low app, 0 failed`,
    );
  });

  it('shows the low-priority service as waiting for capacity, not restarting it', async () => {
    const service = (await status(low)).services[0];
    expect(service).toMatchObject({ desired: 4, running: 2 });
    expect(service?.waiting).toMatch(
      new RegExp(
        `^capacity: 2/4 replicas have room; 2 pending \\(preempted by ${high}/api \\(priority 1000\\)\\): each needs 0.25 CPU, 16 MiB but 0 CPU, `,
      ),
    );
    const ps = await berth(['ps', low], { env: daemon.env });
    expect(ps.stdout).toContain(`${low}/web: capacity: 2/4 replicas have room`);
    // Several resyncs (3 s each) later it is still held back.
    await new Promise((r) => setTimeout(r, 4000));
    expect(containersOf(low)).toHaveLength(2);
    expect((await events(low)).filter((e) => e.kind === 'schedule.pending')).toHaveLength(1);
  });

  it('gives the room back when the high-priority app is removed', async () => {
    const started = Date.now();
    const down = await berth(['down', high], { env: daemon.env });
    expect(down.code, down.stderr).toBe(0);
    await expect.poll(() => running(low), { timeout: 20_000, interval: 250 }).toBe(4);
    console.log(`preemption: low app back to 4 replicas ${Date.now() - started} ms after berth down`);
    const resumed = (await events(low)).find((e) => e.kind === 'schedule.resumed');
    expect(resumed?.message).toBe('web: 2 replicas got room again');
    expect((await status(low)).services[0]?.waiting).toBeUndefined();
  });
});
