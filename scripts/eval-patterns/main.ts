/**
 * Evaluate the template miner on the Loghub 2k datasets and measure its throughput (`npm run eval:patterns`).
 * Metrics: see `src/logs/patterns/evaluate.ts`. Protocol and columns: see README.md beside this file.
 */
import { evaluate } from '../../src/logs/patterns/index.js';
import type { ParsingAccuracy } from '../../src/logs/patterns/index.js';
import {
  DRAIN_BENCHMARK_SETTINGS,
  DRAIN_PUBLISHED_GA,
  DRAIN_PUBLISHED_MEAN_GA,
} from './benchmark-settings.js';
import { mineWithDrain } from './drain-baseline.js';
import { listDatasets, loadDataset, mineDataset } from './loghub.js';
import type { LoghubDataset } from './loghub.js';
import { PUBLISHED_LOGHUB2_2K } from './published.js';
import { formatThroughput, measureAll } from './throughput.js';

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

/** A column group of the table: how one parser labels a dataset's lines (undefined: no such run). */
interface Parser {
  readonly label: string;
  readonly run: (data: LoghubDataset) => ParsingAccuracy | undefined;
}

const score = (data: LoghubDataset, predicted: string[]): ParsingAccuracy =>
  evaluate(data.eventIds, predicted, data.templates, predicted);

const parsers = (set: GroundTruthSet): Parser[] => [
  { label: 'Berth', run: (data) => score(data, mineDataset(data.contents, {}).predictedTemplates) },
  {
    label: 'Drain bench',
    run: (data) => {
      const settings = DRAIN_BENCHMARK_SETTINGS[data.name];
      return settings === undefined ? undefined : score(data, mineWithDrain(data.contents, settings));
    },
  },
  { label: 'Drain pub.', run: (data) => set.published(data.name) },
];

const METRICS = ['GA', 'FGA', 'PA', 'FTA'] as const;
const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(3));
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

async function main(): Promise<void> {
  console.log('# Template mining on Loghub 2k (one set of default options for every dataset)');
  for (const set of sets) {
    const root = new URL(set.folder, datasetsRoot);
    const names = await listDatasets(root);
    const columns = parsers(set);
    console.log(`\n## ${set.title}\n`);
    const header = ['Dataset', ...columns.flatMap((p) => METRICS.map((m) => `${p.label} ${m}`))];
    console.log(row(header));
    console.log(row(header.map(() => '---')));
    const results = columns.map(() => [] as ParsingAccuracy[]);
    for (const name of names) {
      const data = await loadDataset(root, name, set.suffix);
      const cells = [name];
      columns.forEach((parser, i) => {
        const m = parser.run(data);
        if (m !== undefined) results[i]?.push(m);
        cells.push(...METRICS.map((k) => fmt(m?.[k])));
      });
      console.log(row(cells));
    }
    const mean = (list: ParsingAccuracy[], k: (typeof METRICS)[number]): number =>
      list.length < names.length
        ? Number.NaN
        : list.reduce((s, m) => s + (m[k] ?? Number.NaN), 0) / list.length;
    console.log(row(['**mean**', ...results.flatMap((list) => METRICS.map((k) => fmt(mean(list, k))))]));
    if (set.suffix === '_structured.csv') await drainReproduction(root, names);
  }
  console.log('\n## Throughput (default options, one miner per input, best of N runs, one core)\n');
  for (const t of await measureAll(datasetsRoot)) console.log(formatThroughput(t));
}

/** Drain with logparser's short-line quirk (see drain-baseline.ts): checks the evaluator against the paper. */
async function drainReproduction(root: URL, names: string[]): Promise<void> {
  let sum = 0;
  for (const name of names) {
    const data = await loadDataset(root, name, '_structured.csv');
    const settings = DRAIN_BENCHMARK_SETTINGS[name];
    if (settings !== undefined)
      sum += evaluate(data.eventIds, mineWithDrain(data.contents, settings, true)).GA;
  }
  console.log(`\nDrain's published mean GA on Loghub-2k (ICSE-SEIP 2019): ${DRAIN_PUBLISHED_MEAN_GA}.`);
  console.log(
    `Drain bench settings with logparser's short-line quirk emulated: mean GA ${fmt(sum / names.length)}.`,
  );
  console.log(
    'Brain, per-dataset settings (logparser Brain benchmark, as cited in the issue): mean GA 0.983.',
  );
}

await main();
