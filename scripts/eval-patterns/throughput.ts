/**
 * Template-mining throughput: lines per second of `TemplateMiner.add()` with default options, one miner per
 * input, on one core (the event loop's thread), best of N runs after one warm-up run. Two clocks: wall time,
 * and the process's CPU time (user + system, which also counts V8's helper threads, so it errs low); on a shared
 * machine the CPU-time rate is the steadier one.
 * Run alone: `npx tsx scripts/eval-patterns/throughput.ts`; `main.ts` prints the same table.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TemplateMiner } from '../../src/logs/patterns/index.js';
import { listDatasets, loadDataset, loadRawLines } from './loghub.js';

/** One throughput measurement. */
export interface Throughput {
  readonly label: string;
  readonly lines: number;
  readonly bestMs: number;
  readonly linesPerSecond: number;
  readonly bestCpuMs: number;
  readonly linesPerCpuSecond: number;
  readonly templates: number;
}

/** Time `add()` over `lines` with a fresh miner per run; the first run only warms the JIT up. */
export function measure(label: string, lines: readonly string[], runs: number): Throughput {
  let best = Infinity;
  let bestCpu = Infinity;
  let templates = 0;
  for (let r = 0; r <= runs; r++) {
    const miner = new TemplateMiner();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (const line of lines) miner.add(line);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (r > 0) {
      best = Math.min(best, ms);
      bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
    }
    templates = miner.templates().length;
  }
  return {
    label,
    lines: lines.length,
    bestMs: best,
    linesPerSecond: lines.length / (best / 1000),
    bestCpuMs: bestCpu,
    linesPerCpuSecond: lines.length / (bestCpu / 1000),
    templates,
  };
}

/** The three standard inputs: all Loghub-2k raw logs, their Content fields, and HDFS_2pct.log. */
export async function measureAll(datasetsRoot: URL): Promise<Throughput[]> {
  const root = new URL('loghub-2k/', datasetsRoot);
  const raw: string[] = [];
  const contents: string[] = [];
  for (const name of await listDatasets(root)) {
    raw.push(...(await loadRawLines(root, name)));
    contents.push(...(await loadDataset(root, name, '_structured.csv')).contents);
  }
  const results = [
    measure('all 16 Loghub-2k raw logs (header included)', raw, 10),
    measure('all 16 Loghub-2k Content fields (header removed)', contents, 10),
  ];
  const hdfsFile = new URL('hdfs-2pct-loglead/HDFS_2pct.log', datasetsRoot);
  const hdfs = (await readFile(hdfsFile, 'utf8')).split('\n').filter((line) => line !== '');
  results.push(measure('HDFS_2pct.log raw lines', hdfs, 5));
  return results;
}

/** One line per measurement. */
export function formatThroughput(t: Throughput): string {
  const rate = Math.round(t.linesPerSecond).toLocaleString('en');
  const cpuRate = Math.round(t.linesPerCpuSecond).toLocaleString('en');
  return (
    `${t.label}: ${t.lines} lines in ${t.bestMs.toFixed(0)} ms wall = ${rate} lines/s; ` +
    `${t.bestCpuMs.toFixed(0)} ms CPU = ${cpuRate} lines/s (${t.templates} templates)`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const t of await measureAll(new URL('../../../shared/datasets/', import.meta.url))) {
    console.log(formatThroughput(t));
  }
}
