/**
 * An idle daemon managing 50 containers: CPU and resident memory over a window.
 * Targets (issue): under 1% of one core and under 120 MB RSS over 2 minutes. Usage:
 *   npx tsx bench/idle.ts [--seconds 120] [--settle 10] [--replicas 50] [--probe http|exec]
 */
import Docker from 'dockerode';
import { parseArgs } from 'node:util';
import type { AppStatus } from '../src/orchestrator/index.js';
import { berth } from '../test/support/berth-process.js';
import { ensureTestImage, testImage } from '../test/support/test-image.js';
import { benchApp, benchDaemon, benchName } from './support/bench-app.js';
import { foreignContainers, loadAverage } from './support/engine-context.js';
import { EngineEvents } from './support/engine-events.js';
import { cpuPercent, dockerdPid, procUsage, treeUsage, type ProcUsage } from './support/proc-usage.js';
import { countFlag } from './support/flags.js';
import { runBench } from './support/run-bench.js';
import { max, mean, min, verdict } from './support/stats.js';
import { table } from './support/table.js';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    settle: { type: 'string', default: '10' },
    replicas: { type: 'string', default: '50' },
    probe: { type: 'string', default: 'http' },
  },
});
const windowS = countFlag('seconds', flags.seconds);
const settleS = countFlag('settle', flags.settle, 0);
const replicas = countFlag('replicas', flags.replicas, 2);
const half = Math.floor(replicas / 2);
if (flags.probe !== 'http' && flags.probe !== 'exec')
  throw new Error(`--probe "${flags.probe}" is not http or exec`);
/** The readiness probe's handler; `exec` runs through the engine (an exec create/start/inspect each). */
const handler =
  flags.probe === 'http' ? 'http: { port: 8080, path: / }' : 'exec: { command: "test -f /www/index.html" }';
const targetCpuPercent = 1;
const targetRssBytes = 120e6;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const pct = (value: number): string => `${value.toFixed(2)} %`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// Half the replicas only sleep; the other half serve HTTP behind a readiness probe every 10 s (the
// Kubernetes default period), so the window includes probe traffic as well as resyncs.
const composeFor = (name: string): string => `
name: ${name}
services:
  sleeper:
    image: ${testImage}
    command: ["sleep", "100000"]
    deploy: { replicas: ${replicas - half} }
    stop_grace_period: 1s
  web:
    image: ${testImage}
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    deploy: { replicas: ${half} }
    stop_grace_period: 1s
    x-berth:
      readiness: { ${handler}, period: 10s }
`;

await runBench('idle', { deadlineMs: (windowS + settleS + 900) * 1000 }, async (cleanup) => {
  ensureTestImage();
  console.log(
    `idle: ${replicas} replicas (${replicas - half} sleep, ${half} httpd with an ${flags.probe} readiness probe every 10 s), ` +
      `window ${windowS} s after ${settleS} s settling; ${foreignContainers('bench-')} other containers running, ` +
      `load ${loadAverage()}`,
  );
  const daemon = await benchDaemon(cleanup);
  const pid = daemon.process.pid;
  if (pid === undefined) throw new Error('the daemon has no pid');
  await sleep(1000);
  const empty = treeUsage(pid);
  const name = benchName('idle');
  const project = benchApp(cleanup, daemon, name, composeFor(name));
  const deployStart = Date.now();
  const up = await berth(['up', '-f', project.file, '--timeout', '600'], {
    env: daemon.env,
    timeoutMs: 660_000,
  });
  if (up.code !== 0) throw new Error(`berth up exited ${up.code}:\n${up.stderr}`);
  const afterDeploy = treeUsage(pid);
  console.log(`  deployed and ready in ${((Date.now() - deployStart) / 1000).toFixed(1)} s; settling`);
  await sleep(settleS * 1000);

  const logBefore = daemon.output().length;
  // Every container event of the app wakes Berth's reconciler; count them to explain the CPU figure.
  const events = await EngineEvents.watch(new Docker(), `dev.berth.app=${name}`);
  cleanup.add('stop watching events', () => events.stop());
  const dockerd = dockerdPid();
  const dockerdStart = dockerd === undefined ? undefined : procUsage(dockerd);
  // The daemon and anything it spawned (none unless an app uses the ingress proxy) count as Berth.
  const first = treeUsage(pid);
  const samples: (ProcUsage & { processes: number })[] = [first];
  const windowEnd = first.atMs + windowS * 1000;
  while (Date.now() < windowEnd) {
    await sleep(Math.min(1000, Math.max(0, windowEnd - Date.now())));
    samples.push(treeUsage(pid));
    if (samples.length % 30 === 1) console.log(`  ${Math.round((Date.now() - first.atMs) / 1000)} s sampled`);
  }
  const last = samples.at(-1) ?? first;
  const dockerdCpu =
    dockerd === undefined || !dockerdStart ? NaN : cpuPercent(dockerdStart, procUsage(dockerd));
  const logLines = daemon.output().slice(logBefore).split('\n').filter(Boolean).length;
  events.stop();
  const execEvents = events.events.filter((e) => e.action.startsWith('exec_')).length;

  // Readings after the window, so these API calls do not count in it.
  const status = JSON.parse((await berth(['ps', name, '--json'], { env: daemon.env })).stdout) as AppStatus;
  const ready = status.services.reduce((n, s) => n + s.ready, 0);
  const restarts = status.services.reduce((n, s) => n + s.replicas.reduce((m, r) => m + r.restarts, 0), 0);

  // CPU per 10 s slice shows whether the mean hides bursts (resyncs every 30 s).
  const slices: number[] = [];
  for (let i = 10; i < samples.length; i += 10) {
    const [from, to] = [samples[i - 10], samples[i]];
    if (from && to) slices.push(cpuPercent(from, to));
  }
  const cpu = cpuPercent(first, last);
  const rss = samples.map((s) => s.rssBytes);
  console.log(
    `\nIdle daemon (pid ${pid} and its children) over ${((last.atMs - first.atMs) / 1000).toFixed(0)} s, ${samples.length} samples:`,
  );
  console.log(
    table([
      ['figure', 'value', 'target', 'verdict'],
      [
        'CPU, mean (% of one core)',
        pct(cpu),
        `< ${targetCpuPercent} %`,
        verdict(cpu, targetCpuPercent, 'below'),
      ],
      ['CPU, busiest 10 s slice', pct(max(slices)), '', ''],
      ['CPU time used in window', `${Math.round(last.cpuMs - first.cpuMs)} ms`, '', ''],
      ['RSS, max', mb(max(rss)), `< ${mb(targetRssBytes)}`, verdict(max(rss), targetRssBytes, 'below')],
      ['RSS, mean', mb(mean(rss)), '', ''],
      ['RSS, min', mb(min(rss)), '', ''],
      [
        'RSS before deploy / right after deploy',
        `${mb(empty.rssBytes)} / ${mb(afterDeploy.rssBytes)}`,
        '',
        '',
      ],
      ["processes in the daemon's tree (max)", String(max(samples.map((x) => x.processes))), '', ''],
      ['replicas ready after the window', `${ready}/${replicas}`, '', ''],
      ['restarts during the run', String(restarts), '', ''],
      ['daemon log lines in the window', String(logLines), '', ''],
      ['engine events of the app in the window (exec_*)', `${events.events.length} (${execEvents})`, '', ''],
      [
        'dockerd CPU in the window (context, all users)',
        Number.isFinite(dockerdCpu) ? pct(dockerdCpu) : '-',
        '',
        '',
      ],
    ]),
  );
  if (ready !== replicas)
    console.log(`warning: only ${ready}/${replicas} replicas were ready after the window`);
});
