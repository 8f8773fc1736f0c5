import type Docker from 'dockerode';
import { testImage } from '../../test/support/test-image.js';
import { purge } from './bench-app.js';
import { runningFor } from './container-state.js';
import type { EngineEvents } from './engine-events.js';
import type { Cleanup } from './run-bench.js';

/**
 * What Docker alone achieves, for comparison with Berth's figures: a container created without Berth
 * (labelled `dev.berth.app=<name>` only so cleanup finds it), running `cmd` with a 1 s stop timeout.
 */
export async function plainContainer(
  engine: Docker,
  cleanup: Cleanup,
  name: string,
  cmd: string[],
  restartPolicy: 'no' | 'always',
): Promise<string> {
  cleanup.add(`purge ${name}`, () => purge(name));
  const container = await engine.createContainer({
    name,
    Image: testImage,
    Cmd: cmd,
    StopTimeout: 1,
    Labels: { 'dev.berth.app': name },
    HostConfig: { RestartPolicy: { Name: restartPolicy } },
  });
  await container.start();
  return container.id;
}

/**
 * SIGKILL -> start with Docker's own `restart: always` (its first restart waits 100 ms; the delay
 * resets after 10 s of running, moby daemon/restartmanager). Returns one duration per kill.
 */
export async function dockerCrashRestart(id: string, events: EngineEvents, kills: number): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < kills; i++) {
    const before = await runningFor(id, 10_500);
    const mark = events.mark();
    const killedAt = Date.now();
    process.kill(before.pid, 'SIGKILL');
    const start = await events.next('start', (e) => e.action === 'start' && e.id === id, 30_000, mark);
    durations.push(start.atMs - killedAt);
  }
  return durations;
}

/** `docker restart -t 1` -> start: the engine's share of a liveness restart (grace, then start). */
export async function dockerRestart(
  engine: Docker,
  id: string,
  events: EngineEvents,
  times: number,
): Promise<{ toDieMs: number; toStartMs: number }[]> {
  const results: { toDieMs: number; toStartMs: number }[] = [];
  for (let i = 0; i < times; i++) {
    await runningFor(id, 1000);
    const mark = events.mark();
    const calledAt = Date.now();
    await engine.getContainer(id).restart({ t: 1 });
    const die = await events.next('die', (e) => e.action === 'die' && e.id === id, 30_000, mark);
    const start = await events.next('start', (e) => e.action === 'start' && e.id === id, 30_000, mark);
    results.push({ toDieMs: die.atMs - calledAt, toStartMs: start.atMs - calledAt });
  }
  return results;
}
