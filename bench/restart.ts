/**
 * Restart latency, next to what Docker alone does. (a) A replica's process is SIGKILLed from the host:
 * time until the engine starts it again. Target (issue): the first restart under 1 s. (b) A liveness
 * probe starts failing: time until the replica runs again. Target: period x failureThreshold + timeout
 * + 1 s. Usage:
 *   npx tsx bench/restart.ts [--kills 5] [--liveness 3] [--floor 3]
 */
import Docker from 'dockerode';
import { parseArgs } from 'node:util';
import { berth, type Daemon } from '../test/support/berth-process.js';
import { containersOf, docker } from '../test/support/docker-cli.js';
import { ensureTestImage, testImage } from '../test/support/test-image.js';
import { benchApp, benchDaemon, benchName } from './support/bench-app.js';
import { containerState, runningFor } from './support/container-state.js';
import { dockerCrashRestart, dockerRestart, plainContainer } from './support/engine-floor.js';
import { foreignContainers, loadAverage } from './support/engine-context.js';
import { EngineEvents } from './support/engine-events.js';
import { countFlag } from './support/flags.js';
import { runBench, type Cleanup } from './support/run-bench.js';
import { max, median, ms, verdict } from './support/stats.js';
import { table } from './support/table.js';

const { values: flags } = parseArgs({
  options: {
    kills: { type: 'string', default: '5' },
    liveness: { type: 'string', default: '3' },
    floor: { type: 'string', default: '3' },
  },
});
const kills = countFlag('kills', flags.kills);
const livenessRounds = countFlag('liveness', flags.liveness);
const floorRounds = countFlag('floor', flags.floor);
/** A replica that ran this long before crashing starts a new crash loop: its restart is immediate. */
const backoffResetMs = 3000;
const crashTargetMs = 1000;
const probe = { periodMs: 1000, timeoutMs: 1000, failureThreshold: 3 };
const livenessTargetMs = probe.periodMs * probe.failureThreshold + probe.timeoutMs + 1000;
const httpd = ['sh', '-c', 'touch /tmp/alive; exec httpd -f -p 8080 -h /www'];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function deploy(cleanup: Cleanup, daemon: Daemon, name: string, compose: string): Promise<string> {
  const project = benchApp(cleanup, daemon, name, compose);
  const up = await berth(['up', '-f', project.file], { env: daemon.env, timeoutMs: 120_000 });
  if (up.code !== 0) throw new Error(`berth up ${name} exited ${up.code}:\n${up.stderr}`);
  const [id] = containersOf(name);
  if (id === undefined) throw new Error(`${name} has no container after berth up`);
  return id;
}

/** The crash-loop attempt number Berth logged for the restart (1 = immediate first restart). */
async function restartAttempt(daemon: Daemon, logMark: number): Promise<number | undefined> {
  const deadline = Date.now() + 2000; // the log line may trail the engine's start event
  for (;;) {
    for (const line of daemon.output().slice(logMark).split('\n')) {
      if (!line.includes('replica restarted after crash')) continue;
      try {
        return (JSON.parse(line) as { attempt?: number }).attempt;
      } catch {
        return undefined;
      }
    }
    if (Date.now() > deadline) return undefined;
    await sleep(50);
  }
}

interface CrashSample {
  killToStartMs: number;
  dieToStartMs: number;
  attempt: number | undefined;
}

async function crashRestarts(engine: Docker, daemon: Daemon, cleanup: Cleanup): Promise<CrashSample[]> {
  const name = benchName('crash');
  const compose = `
name: ${name}
services:
  sleeper:
    image: ${testImage}
    command: ["sleep", "100000"]
    stop_grace_period: 1s
`;
  const id = await deploy(cleanup, daemon, name, compose);
  const events = await EngineEvents.watch(engine, `dev.berth.app=${name}`);
  const samples: CrashSample[] = [];
  try {
    for (let i = 1; i <= kills; i++) {
      // Past the reset time, Berth treats the crash as the first of a new loop (restart without delay).
      const before = await runningFor(id, backoffResetMs + 500);
      const mark = events.mark();
      const logMark = daemon.output().length;
      const killedAt = Date.now();
      process.kill(before.pid, 'SIGKILL');
      const die = await events.next('die', (e) => e.action === 'die', 10_000, mark);
      const start = await events.next('start', (e) => e.action === 'start', 60_000, mark);
      const after = containerState(id);
      if (!after.running || after.startedAtMs <= before.startedAtMs)
        throw new Error(`${id.slice(0, 12)} was not running again with a new StartedAt`);
      samples.push({
        killToStartMs: start.atMs - killedAt,
        dieToStartMs: start.atMs - die.atMs,
        attempt: await restartAttempt(daemon, logMark),
      });
      console.log(`  kill ${i}: restarted ${ms(start.atMs - killedAt)} after SIGKILL`);
    }
  } finally {
    events.stop();
  }
  return samples;
}

interface LivenessSample {
  execMs: number;
  rmToKillMs: number;
  rmToDieMs: number;
  rmToStartMs: number;
}

async function livenessRestarts(engine: Docker, daemon: Daemon, cleanup: Cleanup): Promise<LivenessSample[]> {
  const name = benchName('liveness');
  const compose = `
name: ${name}
services:
  web:
    image: ${testImage}
    command: ${JSON.stringify(httpd)}
    stop_grace_period: 1s
    x-berth:
      liveness:
        exec: { command: "test -f /tmp/alive" }
        period: ${probe.periodMs / 1000}s
        timeout: ${probe.timeoutMs / 1000}s
        failureThreshold: ${probe.failureThreshold}
`;
  const id = await deploy(cleanup, daemon, name, compose);
  const events = await EngineEvents.watch(engine, `dev.berth.app=${name}`);
  const samples: LivenessSample[] = [];
  try {
    for (let i = 1; i <= livenessRounds; i++) {
      // A few passing probes first, so the loop is in its steady state when the file disappears.
      const before = await runningFor(id, 3000);
      // At a random phase of the probe period: otherwise the removal lands just after a probe each time
      // (the loop and this wait both start with the container), which always measures the worst case.
      await sleep(Math.random() * probe.periodMs);
      const mark = events.mark();
      // Timed from before the exec: the file is gone somewhere within the exec's duration (reported).
      const removedAt = Date.now();
      docker('exec', id, 'rm', '/tmp/alive');
      const execMs = Date.now() - removedAt;
      const kill = await events.next('kill', (e) => e.action === 'kill', 30_000, mark);
      const die = await events.next('die', (e) => e.action === 'die', 30_000, mark);
      const start = await events.next('start', (e) => e.action === 'start', 30_000, mark);
      const after = containerState(id);
      if (!after.running || after.startedAtMs <= before.startedAtMs)
        throw new Error(`${id.slice(0, 12)} was not running again with a new StartedAt`);
      samples.push({
        execMs,
        rmToKillMs: kill.atMs - removedAt,
        rmToDieMs: die.atMs - removedAt,
        rmToStartMs: start.atMs - removedAt,
      });
      console.log(`  liveness ${i}: running again ${ms(start.atMs - removedAt)} after the file was removed`);
    }
  } finally {
    events.stop();
  }
  return samples;
}

/** Docker alone: `restart: always` after SIGKILL, and `docker restart -t 1` of the same httpd. */
async function engineFloor(
  engine: Docker,
  cleanup: Cleanup,
): Promise<{ crash: number[]; restart: { toDieMs: number; toStartMs: number }[] }> {
  const name = benchName('floor');
  const events = await EngineEvents.watch(engine, `dev.berth.app=${name}`);
  try {
    const sleeper = await plainContainer(engine, cleanup, name, ['sleep', '100000'], 'always');
    const crash = await dockerCrashRestart(sleeper, events, floorRounds);
    const web = await plainContainer(engine, cleanup, `${name}-web`, httpd, 'no');
    const webEvents = await EngineEvents.watch(engine, `dev.berth.app=${name}-web`);
    const restart = await dockerRestart(engine, web, webEvents, floorRounds).finally(() => webEvents.stop());
    return { crash, restart };
  } finally {
    events.stop();
  }
}

const row = (label: string, values: number[], target = '', verdictText = ''): string[] => [
  label,
  ms(median(values)),
  ms(max(values)),
  target,
  verdictText,
];

await runBench('restart', { deadlineMs: 15 * 60_000 }, async (cleanup) => {
  ensureTestImage();
  console.log(
    `restart: ${kills} SIGKILLs, ${livenessRounds} liveness failures, ${floorRounds} of each for Docker alone; ` +
      `BERTH_BACKOFF_RESET_MS=${backoffResetMs}, other settings default (resync every 30 s); ` +
      `${foreignContainers('bench-')} other containers running, load ${loadAverage()}`,
  );
  const engine = new Docker();
  const daemon = await benchDaemon(cleanup, { BERTH_BACKOFF_RESET_MS: String(backoffResetMs) });

  console.log('(a) crash -> restart');
  const crash = await crashRestarts(engine, daemon, cleanup);
  console.log('(b) liveness failure -> restart');
  const live = await livenessRestarts(engine, daemon, cleanup);
  console.log('Docker alone (restart policy, docker restart -t 1)');
  const floor = await engineFloor(engine, cleanup);

  const killToStart = crash.map((s) => s.killToStartMs);
  console.log(`\n(a) crash -> restart, ${crash.length} SIGKILLs (each the first restart of its crash loop):`);
  console.log(
    table([
      ['', 'median', 'max', 'target', 'verdict (max)'],
      row(
        'berth: SIGKILL -> engine start',
        killToStart,
        `< ${ms(crashTargetMs)}`,
        verdict(max(killToStart), crashTargetMs, 'below'),
      ),
      row(
        'berth: engine die -> engine start',
        crash.map((s) => s.dieToStartMs),
      ),
      row('docker restart: always: SIGKILL -> start', floor.crash),
    ]),
  );
  console.log(
    `Berth's crash-loop attempt per restart: ${crash.map((s) => s.attempt ?? '?').join(', ')} (1 = immediate)`,
  );

  const rmToStart = live.map((s) => s.rmToStartMs);
  console.log(
    `\n(b) liveness failure -> restart, ${live.length} times (period ${ms(probe.periodMs)} x failureThreshold ` +
      `${probe.failureThreshold} + timeout ${ms(probe.timeoutMs)} + 1 s = ${ms(livenessTargetMs)}; ` +
      'stop_grace_period 1s; httpd as PID 1 ignores SIGTERM, so each stop waits out the grace):',
  );
  console.log(
    table([
      ['', 'median', 'max', 'target', 'verdict (max)'],
      row(
        'berth: rm -> SIGTERM sent (engine kill)',
        live.map((s) => s.rmToKillMs),
      ),
      row(
        'berth: rm -> process gone (engine die)',
        live.map((s) => s.rmToDieMs),
      ),
      row(
        'berth: rm -> running again (engine start)',
        rmToStart,
        `<= ${ms(livenessTargetMs)}`,
        verdict(max(rmToStart), livenessTargetMs),
      ),
      row(
        'docker restart -t 1: call -> die',
        floor.restart.map((r) => r.toDieMs),
      ),
      row(
        'docker restart -t 1: call -> start',
        floor.restart.map((r) => r.toStartMs),
      ),
    ]),
  );
  console.log(
    `docker exec rm took ${ms(median(live.map((s) => s.execMs)))} (median); timings start before it.`,
  );
});
