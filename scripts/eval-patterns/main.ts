/**
 * Evaluate the template miner on the Loghub 2k datasets and measure its throughput.
 * Run: `npx tsx scripts/eval-patterns/main.ts`. Metrics: see `src/logs/patterns/evaluate.ts`.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { evaluate, TemplateMiner } from '../../src/logs/patterns/index.js';
import type { ParsingAccuracy, TemplateMinerOptions } from '../../src/logs/patterns/index.js';
import {
  DRAIN_BENCHMARK_SETTINGS,
  DRAIN_PUBLISHED_GA,
  DRAIN_PUBLISHED_MEAN_GA,
} from './benchmark-settings.js';
import { PUBLISHED_LOGHUB2_2K } from './published.js';
import {
  listDatasets,
  loadDataset,
  loadRawLines,
  mineDataset,
  mineDatasetLogparserCompat,
} from './loghub.js';

const datasetsRoot = new URL('../../../shared/datasets/', import.meta.url);

interface GroundTruthSet {
  readonly title: string;
  readonly folder: string;
  readonly suffix: string;
  readonly published: (name: string) => ParsingAccuracy | undefined;
}

const sets: GroundTruthSet[] = [
  {
    title: 'Loghub-2k, original ICSE-SEIP 2019 ground truth (_structured.csv)',
    folder: 'loghub-2k/',
    suffix: '_structured.csv',
    published: (name) => {
      const GA = DRAIN_PUBLISHED_GA[name];
      return GA === undefined ? undefined : { GA, FGA: Number.NaN };
    },
  },
  {
    title: 'Loghub-2k, corrected ICSE 2022 ground truth (_structured_corrected.csv)',
    folder: 'loghub-2k/',
    suffix: '_structured_corrected.csv',
    published: () => undefined,
  },
  {
    title: 'Loghub-2.0 2k, ISSTA 2024 ground truth (_structured_corrected.csv)',
    folder: 'loghub-2.0-2k/',
    suffix: '_structured_corrected.csv',
    published: (name) => PUBLISHED_LOGHUB2_2K[name],
  },
];

type Config = { readonly label: string; readonly options: (name: string) => TemplateMinerOptions };
const configs: Config[] = [
  { label: 'default', options: () => ({}) },
  { label: 'drain-bench', options: (name) => DRAIN_BENCHMARK_SETTINGS[name] ?? {} },
];

const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '  -  ' : v.toFixed(3));
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

async function main(): Promise<void> {
  for (const set of sets) {
    const root = new URL(set.folder, datasetsRoot);
    const names = await listDatasets(root);
    console.log(`\n## ${set.title}\n`);
    const header = [
      'Dataset',
      ...configs.flatMap((c) => ['GA', 'FGA', 'PA', 'FTA'].map((m) => `${c.label} ${m}`)),
    ];
    header.push('Drain pub. GA', 'FGA', 'PA', 'FTA');
    console.log(row(header));
    console.log(row(header.map(() => '---')));
    const sums = new Map<string, number[]>();
    const published: ParsingAccuracy[] = [];
    for (const name of names) {
      const data = await loadDataset(root, name, set.suffix);
      const cells = [name];
      for (const config of configs) {
        const { predictedTemplates } = mineDataset(data.contents, config.options(name));
        const m = evaluate(data.eventIds, predictedTemplates, data.templates, predictedTemplates);
        const values = [m.GA, m.FGA, m.PA ?? 0, m.FTA ?? 0];
        const sum = sums.get(config.label) ?? [0, 0, 0, 0];
        sums.set(
          config.label,
          sum.map((s, i) => s + (values[i] ?? 0)),
        );
        cells.push(...values.map(fmt));
      }
      const pub = set.published(name);
      if (pub !== undefined) published.push(pub);
      cells.push(fmt(pub?.GA), fmt(pub?.FGA), fmt(pub?.PA), fmt(pub?.FTA));
      console.log(row(cells));
    }
    const mean = [
      '**mean**',
      ...configs.flatMap((c) => (sums.get(c.label) ?? []).map((s) => fmt(s / names.length))),
    ];
    const pubMean = (key: keyof ParsingAccuracy): number =>
      published.reduce((s, p) => s + (p[key] ?? Number.NaN), 0) / published.length;
    mean.push(fmt(pubMean('GA')), fmt(pubMean('FGA')), fmt(pubMean('PA')), fmt(pubMean('FTA')));
    console.log(row(mean));
    if (set.suffix === '_structured.csv') {
      let compat = 0;
      for (const name of names) {
        const data = await loadDataset(root, name, set.suffix);
        const settings = DRAIN_BENCHMARK_SETTINGS[name];
        if (settings === undefined) continue;
        compat += evaluate(data.eventIds, mineDatasetLogparserCompat(data.contents, settings)).GA;
      }
      console.log(`\nDrain's published mean GA on Loghub-2k (ICSE-SEIP 2019): ${DRAIN_PUBLISHED_MEAN_GA}.`);
      console.log(
        `drain-bench settings with logparser's short-line quirk emulated (see loghub.ts): mean GA ${fmt(compat / names.length)}.`,
      );
    }
  }
  await throughput();
}

/** Lines per second of `add()` over raw lines (header included, default masks), best of 5 runs. */
async function throughput(): Promise<void> {
  const root = new URL('loghub-2k/', datasetsRoot);
  const all: string[] = [];
  const contents: string[] = [];
  for (const name of await listDatasets(root)) {
    all.push(...(await loadRawLines(root, name)));
    contents.push(...(await loadDataset(root, name, '_structured.csv')).contents);
  }
  console.log('\n## Throughput (default options, one miner per input, best of N runs)\n');
  report('all 16 Loghub-2k raw logs (header included)', all, 5);
  report('all 16 Loghub-2k Content fields (header removed)', contents, 5);
  try {
    const hdfs = (await readFile(new URL('hdfs-2pct-loglead/HDFS_2pct.log', datasetsRoot), 'utf8')).split(
      '\n',
    );
    report('HDFS_2pct.log raw lines', hdfs, 3);
  } catch {
    console.log('HDFS_2pct.log not found; skipped.');
  }
}

function report(label: string, lines: readonly string[], runs: number): void {
  let best = Infinity;
  let templates = 0;
  for (let r = 0; r < runs; r++) {
    const miner = new TemplateMiner();
    const start = performance.now();
    for (const line of lines) miner.add(line);
    best = Math.min(best, performance.now() - start);
    templates = miner.templates().length;
  }
  const rate = Math.round(lines.length / (best / 1000));
  console.log(
    `${label}: ${lines.length} lines in ${best.toFixed(0)} ms = ${rate.toLocaleString('en')} lines/s (${templates} templates)`,
  );
}

await main();
