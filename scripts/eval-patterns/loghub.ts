import { readdir, readFile } from 'node:fs/promises';
import { TemplateMiner } from '../../src/logs/patterns/index.js';
import type { TemplateMinerOptions } from '../../src/logs/patterns/index.js';
import { parseCsvRecords } from './csv.js';

/** One Loghub 2k dataset: the `Content` of each line with its ground-truth event id and template. */
export interface LoghubDataset {
  readonly name: string;
  readonly contents: string[];
  readonly eventIds: string[];
  readonly templates: string[];
}

/** The dataset folders under `root`, sorted by name. */
export async function listDatasets(root: URL): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Load `<root>/<name>/<name>_2k.log<suffix>` (suffix `_structured.csv` or `_structured_corrected.csv`).
 * The miner is fed the `Content` column, i.e. the message after the header, which is the Loghub protocol
 * (the benchmark splits the header off with each dataset's `log_format`; the CSV holds the result).
 */
export async function loadDataset(root: URL, name: string, suffix: string): Promise<LoghubDataset> {
  const file = new URL(`${name}/${name}_2k.log${suffix}`, root);
  const records = parseCsvRecords(await readFile(file, 'utf8'));
  return {
    name,
    contents: records.map((r) => r.Content ?? ''),
    eventIds: records.map((r) => r.EventId ?? ''),
    templates: records.map((r) => r.EventTemplate ?? ''),
  };
}

/** The raw `<name>_2k.log` lines (header included), for throughput runs. */
export async function loadRawLines(root: URL, name: string): Promise<string[]> {
  const text = await readFile(new URL(`${name}/${name}_2k.log`, root), 'utf8');
  return text.split(/\r?\n/).filter((line) => line !== '');
}

/**
 * Mine every line, then label each line with its template *after the last line* (`resolve(signatureId)`), as
 * logparser scores Drain: each line gets its cluster's final template, and lines are grouped by that string
 * (`EventId = md5(template)`), so templates with equal text share a group.
 */
export function mineDataset(
  contents: readonly string[],
  options: TemplateMinerOptions,
): { predictedTemplates: string[]; templateCount: number } {
  const miner = new TemplateMiner(options);
  const signatures = contents.map((line) => miner.add(line).signatureId);
  const predictedTemplates = signatures.map((id) => miner.resolve(id)?.template ?? '');
  return { predictedTemplates, templateCount: new Set(predictedTemplates).size };
}
