import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/orchestrator/index.js';
import { berth, removeHome, startDaemon, type Daemon } from '../support/berth-process.js';
import { composeProject, type ComposeProject } from '../support/compose-project.js';
import { purgeApp, uniqueApp } from '../support/docker-cli.js';
import { testImage } from '../support/test-image.js';

const app = uniqueApp('crash');
let daemon: Daemon;
let project: ComposeProject;

/** Collects `docker events` die/start times for the app's containers while `body` runs. */
async function recordEvents(body: () => Promise<void>): Promise<{ action: string; timeMs: number }[]> {
  const child = spawn('docker', [
    'events',
    '--filter',
    `label=dev.berth.app=${app}`,
    '--filter',
    'event=die',
    '--filter',
    'event=start',
    '--format',
    '{{json .}}',
  ]);
  const events: { action: string; timeMs: number }[] = [];
  let pending = '';
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const e = JSON.parse(line) as { Action: string; timeNano: number };
      events.push({ action: e.Action, timeMs: e.timeNano / 1e6 });
    }
  });
  await new Promise((r) => setTimeout(r, 300));
  try {
    await body();
  } finally {
    child.kill();
  }
  return events;
}

beforeAll(async () => {
  project = composeProject(`
name: ${app}
services:
  worker:
    image: ${testImage}
    command: ["sh", "-c", "echo boom; exit 3"]
`);
  // Backoff: first restart immediate, then 1 s, 2 s, 4 s (cap) — kubelet semantics, scaled down.
  // A long resync: every restart below must come from the engine's events, not from a periodic pass.
  daemon = await startDaemon({
    env: { BERTH_BACKOFF_INITIAL_MS: '1000', BERTH_BACKOFF_MAX_MS: '4000', BERTH_RESYNC_MS: '120000' },
  });
});

afterAll(async () => {
  await daemon?.stop();
  purgeApp(app);
  project?.remove();
  if (daemon) removeHome(daemon.home);
});

describe('a crash-looping service', () => {
  let up: Awaited<ReturnType<typeof berth>>;

  it('makes berth up fail, naming the replica and its exit code', async () => {
    const events = await recordEvents(async () => {
      up = await berth(['up', '--timeout', '60'], { env: daemon.env, cwd: project.dir });
      // let the loop run long enough to observe three restart delays
      await new Promise((r) => setTimeout(r, 8_500));
    });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('[BERTH_ROLLOUT_FAILED]');
    expect(up.stderr).toMatch(new RegExp(`${app}-worker-1-\\w+: exited with code 3`));

    // die -> next start gaps follow CrashLoopBackOff: ~0, 1 s, 2 s, 4 s
    const gaps: number[] = [];
    for (let i = 0; i < events.length - 1; i++) {
      const [a, b] = [events[i], events[i + 1]];
      if (a?.action === 'die' && b?.action === 'start') gaps.push(b.timeMs - a.timeMs);
    }
    expect(gaps.length).toBeGreaterThanOrEqual(4);
    const [first, second, third, fourth] = gaps;
    // "immediate" (the bench measures ~0.4 s); generous here so a loaded CI machine does not flake
    expect(first).toBeLessThan(1500);
    expect(second).toBeGreaterThanOrEqual(1000);
    expect(second).toBeLessThan(1000 * 1.1 + 400);
    expect(third).toBeGreaterThanOrEqual(2000);
    expect(third).toBeLessThan(2000 * 1.1 + 400);
    expect(fourth).toBeGreaterThanOrEqual(4000);
    expect(fourth).toBeLessThan(4000 * 1.1 + 400);
  });

  it('shows the restarts and the last exit code in berth ps', async () => {
    const status = JSON.parse((await berth(['ps', app, '--json'], { env: daemon.env })).stdout) as AppStatus;
    const replica = status.services[0]?.replicas[0];
    expect(replica?.restarts).toBeGreaterThanOrEqual(4);
    expect(replica?.exitCode ?? 3).toBe(3);
    expect(status.converged).toBe(false);
  });
});
