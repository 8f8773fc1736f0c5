/**
 * Pipeline latency (issue 6) next to the same containers run by hand. Targets: a signed webhook to the
 * first step container started, median under 2 s with the step image present; a pipeline of 5 trivial
 * steps within 1.5x of running the same 5 containers by hand with dockerode, measured in the same run.
 * Usage:
 *   npx tsx bench/pipeline.ts [--runs 5] [--steps 5]
 */
import Docker from 'dockerode';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { sendGithubPush } from '../test/support/github-push.js';
import { berth, type Daemon } from '../test/support/berth-process.js';
import { gitRemote, type GitRemote } from '../test/support/git-repo.js';
import { ensureTestImage, testImage } from '../test/support/test-image.js';
import { benchDaemon, benchName } from './support/bench-app.js';
import { foreignContainers, loadAverage } from './support/engine-context.js';
import type { RecordedEvent } from './support/engine-events.js';
import { countFlag } from './support/flags.js';
import { runBench, type Cleanup } from './support/run-bench.js';
import { max, median, ms, verdict } from './support/stats.js';
import { table } from './support/table.js';

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, steps: { type: 'string', default: '5' } },
});
const runs = countFlag('runs', flags.runs);
const stepCount = countFlag('steps', flags.steps);
const firstStepTargetMs = 2000;
const ratioTarget = 1.5;
const pollMs = 100;
/** Labels of step containers (src/pipeline/runner/runner-labels.ts). */
const runLabel = 'dev.berth.pipeline-run';
const stepLabel = 'dev.berth.step';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The engine's container events between two instants: `GET /events` with `since` and `until` is a
 * finite stream that ends at `until` (Engine API; fractional seconds are accepted).
 */
async function engineEvents(
  engine: Docker,
  sinceMs: number,
  untilMs: number,
  filters: { label?: string[]; container?: string[] },
): Promise<RecordedEvent[]> {
  const stream = (await engine.getEvents({
    since: Math.floor(sinceMs) / 1000,
    until: Math.ceil(untilMs) / 1000,
    filters: { type: ['container'], event: ['create', 'start', 'die', 'destroy'], ...filters },
  })) as unknown as Readable;
  let text = '';
  for await (const chunk of stream) text += (chunk as Buffer).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const raw = JSON.parse(line) as {
        Action: string;
        Actor: { ID: string; Attributes?: Record<string, string> };
        timeNano: number;
      };
      return {
        action: raw.Action,
        id: raw.Actor.ID,
        atMs: raw.timeNano / 1e6,
        attributes: raw.Actor.Attributes ?? {},
      };
    })
    .sort((a, b) => a.atMs - b.atMs);
}

/** Per-container timings from the engine's events, in the order the containers were created. */
interface ContainerTimes {
  createMs: number;
  startMs: number;
  dieMs: number;
}

function containerTimes(events: readonly RecordedEvent[], expected: number, what: string): ContainerTimes[] {
  const ids = [...new Set(events.filter((e) => e.action === 'create').map((e) => e.id))];
  const times = ids.map((id) => {
    const at = (action: string): number =>
      events.find((e) => e.id === id && e.action === action)?.atMs ?? NaN;
    return { createMs: at('create'), startMs: at('start'), dieMs: at('die') };
  });
  if (times.length !== expected || times.some((t) => !Number.isFinite(t.startMs + t.dieMs)))
    throw new Error(
      `${what}: expected ${expected} containers created, started and ended; events: ${times.length}`,
    );
  return times;
}

/** Engine-side figures shared by the pipeline and the loops: the step span and what each step costs. */
interface Span {
  /** First container's `start` event to the last one's `die` event. */
  spanMs: number;
  /** Medians over the containers: create -> start, start -> die, and die -> the next one's create. */
  createToStartMs: number;
  startToDieMs: number;
  dieToNextCreateMs: number;
}

function span(times: readonly ContainerTimes[]): Span {
  const first = times[0] as ContainerTimes;
  const last = times[times.length - 1] as ContainerTimes;
  return {
    spanMs: last.dieMs - first.startMs,
    createToStartMs: median(times.map((t) => t.startMs - t.createMs)),
    startToDieMs: median(times.map((t) => t.dieMs - t.startMs)),
    dieToNextCreateMs: median(times.slice(1).map((t, i) => t.createMs - (times[i] as ContainerTimes).dieMs)),
  };
}

interface PipelineRound extends Span {
  /** All relative to the moment the webhook POST was sent. */
  answeredMs: number;
  queuedMs: number;
  runStartedMs: number;
  firstCreateMs: number;
  firstStartMs: number;
  lastDieMs: number;
  finishedMs: number;
  /** When polling the API (every 100 ms) first showed `success`. */
  seenMs: number;
}

interface LoopRound extends Span {
  /** First create call until the last remove returned. */
  totalMs: number;
}

interface RunView {
  number: number;
  status: string;
  message: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  steps: { name: string; status: string }[];
}

/** A pipeline file of `count` sequential run steps that do nothing. */
const pipelineFile = (count: number): string =>
  'steps:\n' +
  Array.from(
    { length: count },
    (_, i) => `  step-${i + 1}:\n    image: ${testImage}\n    commands: ['true']\n`,
  ).join('');

/** A signed GitHub push webhook for `commit` (test/support/github-push.ts). */
const pushHook = (
  daemon: Daemon,
  app: string,
  secret: string,
  commit: string,
  before: string,
): Promise<Response> =>
  sendGithubPush({
    daemonUrl: daemon.url,
    app,
    secret,
    commit,
    before,
    delivery: randomUUID(),
    modified: ['round.txt'],
  });

const terminal = new Set(['success', 'failure', 'error', 'cancelled']);

/** Polls `GET .../pipelines/runs/N` every 100 ms until the run ends; the run may not exist at first. */
async function waitForRun(daemon: Daemon, token: string, app: string, n: number): Promise<[RunView, number]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const asked = Date.now();
    const response = await fetch(`${daemon.url}/api/v1/apps/${app}/pipelines/runs/${n}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.ok) {
      const run = (await response.json()) as RunView;
      if (terminal.has(run.status)) return [run, Date.now()];
    } else await response.body?.cancel();
    if (Date.now() > deadline) throw new Error(`run ${app}/${n} did not end within 60 s`);
    await sleep(Math.max(0, asked + pollMs - Date.now()));
  }
}

interface PipelineContext {
  engine: Docker;
  daemon: Daemon;
  token: string;
  instance: string;
  app: string;
  secret: string;
  remote: GitRemote;
  /** The commit the last push went to (the `before` of the next push). */
  head: string;
  runs: number;
}

/** One push: commit, signed webhook, wait for success, then read the engine's record of the steps. */
async function pipelineRound(ctx: PipelineContext, round: number): Promise<PipelineRound> {
  const commit = ctx.remote.commit(
    { '.berth/pipeline.yaml': pipelineFile(stepCount), 'round.txt': `round ${round}\n` },
    `bench round ${round}`,
  );
  const sentAt = Date.now();
  const hook = await pushHook(ctx.daemon, ctx.app, ctx.secret, commit, ctx.head);
  const answeredAt = Date.now();
  if (hook.status !== 202) throw new Error(`webhook answered ${hook.status}: ${await hook.text()}`);
  await hook.body?.cancel();
  ctx.head = commit;
  const n = ++ctx.runs;
  const [run, seenAt] = await waitForRun(ctx.daemon, ctx.token, ctx.app, n);
  const ok = run.steps.filter((s) => s.status === 'success').length;
  if (run.status !== 'success' || ok !== stepCount)
    throw new Error(`run ${n} ended ${run.status} with ${ok}/${stepCount} steps ok: ${run.message ?? ''}`);
  const events = (
    await engineEvents(ctx.engine, sentAt, Date.now(), {
      label: [runLabel, `dev.berth.instance=${ctx.instance}`],
    })
  ).filter((e) => e.attributes[stepLabel] !== undefined);
  if (new Set(events.map((e) => e.attributes[runLabel])).size !== 1)
    throw new Error(`run ${n}: step containers of several runs in one window`);
  const times = containerTimes(events, stepCount, `run ${n}`);
  const first = times[0] as ContainerTimes;
  const last = times[times.length - 1] as ContainerTimes;
  return {
    ...span(times),
    answeredMs: answeredAt - sentAt,
    queuedMs: run.createdAt - sentAt,
    runStartedMs: (run.startedAt ?? NaN) - sentAt,
    firstCreateMs: first.createMs - sentAt,
    firstStartMs: first.startMs - sentAt,
    lastDieMs: last.dieMs - sentAt,
    finishedMs: (run.finishedAt ?? NaN) - sentAt,
    seenMs: seenAt - sentAt,
  };
}

/** Capabilities the runner drops (src/pipeline/runner/container-spec.ts). */
const droppedCapabilities = ['NET_RAW', 'MKNOD', 'SETFCAP', 'SETPCAP', 'SYS_CHROOT', 'AUDIT_WRITE'];

/**
 * The same containers by hand, one after another: create, start, wait, remove. `plain` is the issue's
 * peer (`sh -c true`, default bridge, no labels, default log driver). `matched` also does the engine
 * work the runner asks for (src/pipeline/runner/container-spec.ts, run-container.ts): a bridge network
 * per run, an init process, no log driver, CPU/memory/pids limits, dropped capabilities, the workspace
 * bind-mounted, and an attach before start; so what it leaves is Berth's own overhead.
 */
async function loopRound(
  engine: Docker,
  prefix: string,
  round: number,
  kind: 'plain' | 'matched',
): Promise<LoopRound> {
  const name = `${prefix}-${kind}-${round}`;
  const network = `${name}-net`;
  const workspace = mkdtempSync(join(tmpdir(), 'bench-pipeline-ws-'));
  const names = Array.from({ length: stepCount }, (_, i) => `${name}-${i + 1}`);
  try {
    const t0 = Date.now();
    if (kind === 'matched')
      await engine.createNetwork({ Name: network, Driver: 'bridge', CheckDuplicate: true });
    for (const containerName of names) {
      const container = await engine.createContainer(
        kind === 'plain'
          ? { name: containerName, Image: testImage, Cmd: ['sh', '-c', 'true'] }
          : {
              name: containerName,
              Image: testImage,
              Entrypoint: ['/bin/sh', '-c'],
              Cmd: ['true'],
              WorkingDir: '/workspace',
              AttachStdout: true,
              AttachStderr: true,
              StopTimeout: 1,
              HostConfig: {
                NanoCpus: 1e9,
                Memory: 1024 ** 3,
                MemorySwap: 1024 ** 3,
                PidsLimit: 4096,
                Init: true,
                SecurityOpt: ['no-new-privileges'],
                CapDrop: droppedCapabilities,
                NetworkMode: network,
                RestartPolicy: { Name: 'no' },
                LogConfig: { Type: 'none', Config: {} },
                Mounts: [{ Type: 'bind', Source: workspace, Target: '/workspace' }],
              },
              NetworkingConfig: { EndpointsConfig: { [network]: {} } },
            },
      );
      const stream =
        kind === 'matched'
          ? ((await container.attach({ stream: true, stdout: true, stderr: true })) as unknown as Readable)
          : undefined;
      stream?.resume();
      await container.start();
      const exit = (await container.wait()) as { StatusCode?: number };
      stream?.destroy();
      await container.remove({ force: true, v: true });
      if (exit.StatusCode !== 0) throw new Error(`${containerName} exited ${exit.StatusCode}`);
    }
    if (kind === 'matched') await engine.getNetwork(network).remove();
    const totalMs = Date.now() - t0;
    const events = await engineEvents(engine, t0, Date.now(), { container: names });
    return { ...span(containerTimes(events, stepCount, name)), totalMs };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** Force-removes the hand-run loops' leftovers (containers and networks named `prefix...`). */
async function purgeLoops(engine: Docker, prefix: string): Promise<void> {
  for (const c of await engine.listContainers({ all: true, filters: { name: [prefix] } }))
    await engine
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const n of await engine.listNetworks({ filters: { name: [prefix] } }))
    await engine
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
}

/** After the daemon stopped: whatever a run cut short left, found by the daemon's instance label. */
async function purgeInstance(engine: Docker, instance: string): Promise<void> {
  const filters = { label: [`dev.berth.instance=${instance}`] };
  for (const c of await engine.listContainers({ all: true, filters }))
    await engine
      .getContainer(c.Id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  for (const n of await engine.listNetworks({ filters }))
    await engine
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
}

async function setUp(engine: Docker, cleanup: Cleanup): Promise<PipelineContext> {
  const remote = gitRemote();
  cleanup.add('remove git remote', () => remote.remove());
  const daemon = await benchDaemon(cleanup);
  const instance = readFileSync(join(daemon.home, 'instance.id'), 'utf8').trim();
  cleanup.add('stop daemon, remove its run objects', async () => {
    await daemon.stop();
    await purgeInstance(engine, instance);
  });
  const token = readFileSync(join(daemon.home, 'admin.token'), 'utf8').trim();
  const app = benchName('pipeline');
  const setup = await berth(
    ['pipeline', 'setup', app, '--repo', remote.bare, '--forge', 'github', '--json'],
    {
      env: daemon.env,
    },
  );
  if (setup.code !== 0) throw new Error(`berth pipeline setup exited ${setup.code}: ${setup.stderr}`);
  const { webhookSecret } = JSON.parse(setup.stdout) as { webhookSecret: string };
  return {
    engine,
    daemon,
    token,
    instance,
    app,
    secret: webhookSecret,
    remote,
    head: '0'.repeat(40),
    runs: 0,
  };
}

type Kind = 'pipeline' | 'plain' | 'matched';

await runBench('pipeline', { deadlineMs: 5 * 60_000 }, async (cleanup) => {
  ensureTestImage();
  const engine = new Docker();
  console.log(
    `pipeline: ${runs} rounds (+1 warm-up) of a ${stepCount}-step pipeline (${testImage}, commands: [true]) ` +
      `and the same ${stepCount} containers by hand; ${foreignContainers('bench-')} other containers running, ` +
      `load ${loadAverage()}`,
  );
  const ctx = await setUp(engine, cleanup);
  const prefix = benchName('pipeline-loop');
  cleanup.add('purge hand-run loops', () => purgeLoops(engine, prefix));

  const pipelines: PipelineRound[] = [];
  const loops: Record<'plain' | 'matched', LoopRound[]> = { plain: [], matched: [] };
  const kinds: Kind[] = ['pipeline', 'plain', 'matched'];
  for (let round = 0; round <= runs; round++) {
    // Alternate the order so no side always runs on a warmer engine.
    for (const kind of round % 2 === 1 ? kinds : [...kinds].reverse()) {
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      if (kind === 'pipeline') {
        const r = await pipelineRound(ctx, round);
        if (round > 0) pipelines.push(r);
        console.log(
          `  ${label}: pipeline  first step started ${ms(r.firstStartMs)} after the POST, ` +
            `steps ${ms(r.spanMs)}, success seen ${ms(r.seenMs)}`,
        );
      } else {
        const r = await loopRound(engine, prefix, round, kind);
        if (round > 0) loops[kind].push(r);
        console.log(`  ${label}: ${kind.padEnd(8)}  steps ${ms(r.spanMs)}, whole loop ${ms(r.totalMs)}`);
      }
      await sleep(500); // let the engine finish removals before timing again
    }
  }

  const p = (pick: (r: PipelineRound) => number): number => median(pipelines.map(pick));
  const l = (kind: 'plain' | 'matched', pick: (r: LoopRound) => number): number =>
    median(loops[kind].map(pick));
  const firstStarts = pipelines.map((r) => r.firstStartMs);

  console.log(`\nPipeline run, medians over ${runs} rounds (ms after the webhook POST was sent):`);
  console.log(
    table([
      [
        'webhook answered',
        'run queued',
        'run started',
        'first create',
        'first start',
        'last die',
        'run finished',
        'success seen',
      ],
      [
        p((r) => r.answeredMs),
        p((r) => r.queuedMs),
        p((r) => r.runStartedMs),
        p((r) => r.firstCreateMs),
        p((r) => r.firstStartMs),
        p((r) => r.lastDieMs),
        p((r) => r.finishedMs),
        p((r) => r.seenMs),
      ].map(ms),
    ]),
  );

  console.log(`\nPer step container (engine events, medians):`);
  console.log(
    table([
      ['', 'first start -> last die', 'create -> start', 'start -> die', 'die -> next create', 'whole'],
      [
        'berth pipeline',
        ms(p((r) => r.spanMs)),
        ms(p((r) => r.createToStartMs)),
        ms(p((r) => r.startToDieMs)),
        ms(p((r) => r.dieToNextCreateMs)),
        `${ms(p((r) => r.seenMs))} (POST -> success seen)`,
      ],
      ...(['plain', 'matched'] as const).map((kind) => [
        `dockerode loop, ${kind}`,
        ms(l(kind, (r) => r.spanMs)),
        ms(l(kind, (r) => r.createToStartMs)),
        ms(l(kind, (r) => r.startToDieMs)),
        ms(l(kind, (r) => r.dieToNextCreateMs)),
        `${ms(l(kind, (r) => r.totalMs))} (first create -> last remove)`,
      ]),
    ]),
  );

  const x = (value: number): string => `${value.toFixed(2)}x`;
  /**
   * Ratio of the medians (the verdict), and the range of per-round ratios: each pipeline round next to
   * the loop of the same round, which ran seconds apart, so load that drifts over the run cancels out.
   */
  const ratioRow = (
    what: string,
    pick: (r: PipelineRound) => number,
    kind: 'plain' | 'matched',
    peer: (r: LoopRound) => number,
  ): string[] => {
    const value = p(pick) / l(kind, peer);
    const paired = pipelines.map((r, i) => pick(r) / peer(loops[kind][i] as LoopRound));
    return [
      what,
      x(value),
      `${x(Math.min(...paired))}-${x(Math.max(...paired))}`,
      `<= ${ratioTarget}x`,
      verdict(value, ratioTarget),
    ];
  };
  console.log('\nTargets:');
  console.log(
    table([
      ['', 'measured', 'per round', 'target', 'verdict'],
      [
        'webhook POST -> first step container started (median)',
        ms(median(firstStarts)),
        `${ms(Math.min(...firstStarts))}-${ms(max(firstStarts))}`,
        `< ${ms(firstStepTargetMs)}`,
        verdict(median(firstStarts), firstStepTargetMs, 'below'),
      ],
      ratioRow(
        'steps: pipeline / plain loop (first start -> last die)',
        (r) => r.spanMs,
        'plain',
        (r) => r.spanMs,
      ),
      ratioRow(
        'whole: POST -> success seen / plain loop first create -> last remove',
        (r) => r.seenMs,
        'plain',
        (r) => r.totalMs,
      ),
      ratioRow(
        'steps: pipeline / matched loop (same engine work)',
        (r) => r.spanMs,
        'matched',
        (r) => r.spanMs,
      ),
      ratioRow(
        'whole: POST -> success seen / matched loop',
        (r) => r.seenMs,
        'matched',
        (r) => r.totalMs,
      ),
    ]),
  );
  console.log(`(verdicts on ratios of medians; success is seen by polling the API every ${pollMs} ms)`);
});
