/**
 * Convergence of 20 replicas (no healthcheck, image present) vs a plain dockerode create+start loop.
 * Target (issue): Berth within 1.15x of the loop, measured in the same run. Usage:
 *   npx tsx bench/converge.ts [--rounds 3] [--replicas 20]
 */
import Docker from 'dockerode';
import { parseArgs } from 'node:util';
import type { AppStatus } from '../src/orchestrator/index.js';
import { berth, type Daemon } from '../test/support/berth-process.js';
import { ensureTestImage, testImage } from '../test/support/test-image.js';
import { benchApp, benchDaemon, benchName, purge } from './support/bench-app.js';
import { foreignContainers, loadAverage } from './support/engine-context.js';
import { EngineEvents } from './support/engine-events.js';
import { countFlag } from './support/flags.js';
import { runBench, type Cleanup } from './support/run-bench.js';
import { median, ms, verdict } from './support/stats.js';
import { table } from './support/table.js';
import { timedBerth } from './support/timed-cli.js';

const { values: flags } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, replicas: { type: 'string', default: '20' } },
});
const rounds = countFlag('rounds', flags.rounds);
const replicas = countFlag('replicas', flags.replicas);
/** Berth creates and starts at most 4 containers at once (src/orchestrator/apply.ts); so does the loop. */
const concurrency = 4;
const target = 1.15;

type Kind = 'plain loop' | 'matched loop' | 'berth up';

interface Run {
  kind: Kind;
  round: number;
  /** From the first call (loop) or the CLI spawn (berth) until every replica runs and, for berth, `up` exits. */
  totalMs: number;
  /** From the same start until the engine's last `start` event. */
  lastStartMs: number;
  /** berth only: until the CLI printed `Deploying` (CLI start-up), `Release N recorded`, first `create`. */
  cliReadyMs?: number;
  recordedMs?: number;
  firstCreateMs?: number;
}

async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function startEvents(events: EngineEvents, count: number): Promise<number[]> {
  await events.next(
    `${count} starts`,
    () => events.events.filter((e) => e.action === 'start').length >= count,
    60_000,
  );
  return events.events.filter((e) => e.action === 'start').map((e) => e.atMs);
}

/**
 * The baseline: dockerode create+start at concurrency 4. `matched` also does the engine work Berth does
 * for the same Compose file: a bridge network for the app and Berth's create options (labels, log
 * rotation, stop timeout, network alias), so the difference left is Berth's own overhead.
 */
async function loopRun(engine: Docker, kind: Kind, round: number, cleanup: Cleanup): Promise<Run> {
  const name = benchName('converge-loop');
  cleanup.add(`purge ${name}`, () => purge(name));
  const labels = { 'dev.berth.app': name };
  const matched = kind === 'matched loop';
  const network = `${name}_default`;
  const events = await EngineEvents.watch(engine, `dev.berth.app=${name}`);
  const t0 = Date.now();
  if (matched) await engine.createNetwork({ Name: network, Driver: 'bridge', Labels: labels });
  await pool(
    Array.from({ length: replicas }, (_, i) => i + 1),
    concurrency,
    async (i) => {
      const container = await engine.createContainer({
        name: `${name}-${i}`,
        Image: testImage,
        Cmd: ['sleep', '100000'],
        Labels: matched
          ? { ...labels, 'dev.berth.service': 'sleeper', 'dev.berth.replica': String(i) }
          : labels,
        ...(matched
          ? {
              StopTimeout: 1,
              HostConfig: {
                RestartPolicy: { Name: 'no' },
                NetworkMode: network,
                LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
              },
              NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: ['sleeper'] } } },
            }
          : {}),
      });
      await container.start();
    },
  );
  const totalMs = Date.now() - t0;
  const starts = await startEvents(events, replicas);
  events.stop();
  await purge(name);
  return { kind, round, totalMs, lastStartMs: Math.max(...starts) - t0 };
}

const composeFor = (name: string): string => `
name: ${name}
services:
  sleeper:
    image: ${testImage}
    command: ["sleep", "100000"]
    deploy: { replicas: ${replicas} }
    stop_grace_period: 1s
`;

async function berthRun(engine: Docker, daemon: Daemon, round: number, cleanup: Cleanup): Promise<Run> {
  const name = benchName('converge');
  const project = benchApp(cleanup, daemon, name, composeFor(name));
  const events = await EngineEvents.watch(engine, `dev.berth.app=${name}`);
  const run = await timedBerth(['up', '-f', project.file], daemon.env, 300_000);
  if (run.code !== 0)
    throw new Error(`berth up exited ${run.code}:\n${run.lines.map((l) => l.text).join('\n')}`);
  const totalMs = run.endedAtMs - run.startedAtMs;
  const starts = await startEvents(events, replicas);
  const firstCreate = Math.min(...events.events.filter((e) => e.action === 'create').map((e) => e.atMs));
  events.stop();
  const status = JSON.parse((await berth(['ps', name, '--json'], { env: daemon.env })).stdout) as AppStatus;
  const ready = status.services.reduce((n, s) => n + s.ready, 0);
  if (!status.converged || ready !== replicas)
    throw new Error(`berth up returned but ps shows ${ready}/${replicas} ready`);
  const recorded = run.lines.find((l) => /^Release \d+ of .* recorded\.$/.test(l.text));
  const deploying = run.lines.find((l) => l.text.startsWith('Deploying '));
  const down = await berth(['down', name], { env: daemon.env, timeoutMs: 120_000 });
  if (down.code !== 0) throw new Error(`berth down ${name} exited ${down.code}: ${down.stderr}`);
  await purge(name);
  return {
    kind: 'berth up',
    round,
    totalMs,
    lastStartMs: Math.max(...starts) - run.startedAtMs,
    cliReadyMs: deploying === undefined ? NaN : deploying.atMs - run.startedAtMs,
    recordedMs: recorded === undefined ? NaN : recorded.atMs - run.startedAtMs,
    firstCreateMs: firstCreate - run.startedAtMs,
  };
}

await runBench('converge', { deadlineMs: 20 * 60_000 }, async (cleanup) => {
  ensureTestImage();
  const engine = new Docker();
  console.log(
    `converge: ${replicas} replicas of ${testImage} (sleep), concurrency ${concurrency}, ${rounds} rounds ` +
      `(+1 warm-up), ${foreignContainers('bench-')} other containers running, load ${loadAverage()}`,
  );
  const daemon = await benchDaemon(cleanup);
  const runs: Run[] = [];
  const once = async (kind: Kind, round: number): Promise<void> => {
    const run =
      kind === 'berth up'
        ? await berthRun(engine, daemon, round, cleanup)
        : await loopRun(engine, kind, round, cleanup);
    console.log(
      `  round ${round === 0 ? 'warm-up' : round}: ${kind.padEnd(12)} ${ms(run.totalMs).padStart(8)}` +
        ` (last start ${ms(run.lastStartMs)})`,
    );
    if (round > 0) runs.push(run);
    await new Promise((r) => setTimeout(r, 1000)); // let the engine finish removals before timing again
  };
  const kinds: Kind[] = ['plain loop', 'matched loop', 'berth up'];
  for (let round = 0; round <= rounds; round++) {
    // Alternate the order so neither side always runs on a warmer (or more fragmented) engine.
    for (const kind of round % 2 === 1 ? kinds : [...kinds].reverse()) await once(kind, round);
  }

  const of = (kind: Kind, pick: (r: Run) => number | undefined): number =>
    median(runs.filter((r) => r.kind === kind).map((r) => pick(r) ?? NaN));
  const plain = of('plain loop', (r) => r.totalMs);
  const matched = of('matched loop', (r) => r.totalMs);
  const berthTotal = of('berth up', (r) => r.totalMs);
  const berthLastStart = of('berth up', (r) => r.lastStartMs);
  console.log('\nMedians over', rounds, 'rounds:');
  console.log(
    table([
      ['run', 'until all running (ms)', 'until last engine start (ms)'],
      ['plain loop', ms(plain), ms(of('plain loop', (r) => r.lastStartMs))],
      ['matched loop', ms(matched), ms(of('matched loop', (r) => r.lastStartMs))],
      ['berth up (CLI wall, until ready)', ms(berthTotal), ms(berthLastStart)],
    ]),
  );
  console.log('\nberth up phases (median ms after the CLI was spawned):');
  console.log(
    table([
      ['CLI started, file parsed', 'release recorded', 'first create', 'last start', 'CLI exit (ready seen)'],
      [
        ms(of('berth up', (r) => r.cliReadyMs)),
        ms(of('berth up', (r) => r.recordedMs)),
        ms(of('berth up', (r) => r.firstCreateMs)),
        ms(berthLastStart),
        ms(berthTotal),
      ],
    ]),
  );
  const ratio = (a: number, b: number): string => `${(a / b).toFixed(3)}x`;
  const status = (r: number): string => `${verdict(r, target)} (target <= ${target}x)`;
  console.log('\nRatios:');
  console.log(
    table([
      ['comparison', 'ratio', 'vs target'],
      ['berth up / plain loop', ratio(berthTotal, plain), status(berthTotal / plain)],
      ['berth up / matched loop', ratio(berthTotal, matched), status(berthTotal / matched)],
      [
        'berth last start / matched loop last start',
        ratio(
          berthLastStart,
          of('matched loop', (r) => r.lastStartMs),
        ),
        status(berthLastStart / of('matched loop', (r) => r.lastStartMs)),
      ],
    ]),
  );
});
