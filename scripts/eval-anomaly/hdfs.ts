import { readFile } from 'node:fs/promises';
import { TemplateMiner } from '../../src/logs/patterns/index.js';

/** One mined HDFS line. */
export interface HdfsLine {
  readonly atMs: number;
  readonly level: string;
  readonly templateId: string;
  readonly template: string;
  readonly text: string;
}

// Loghub HDFS_v1 header: `081109 203530 147 INFO dfs.DataNode$DataXceiver: message` (yymmdd hhmmss pid level component).
const HEADER = /^(\d\d)(\d\d)(\d\d) (\d\d)(\d\d)(\d\d) \d+ (\w+) [^:]*: (.*)$/;

/** Read `HDFS_2pct.log`, split each header off and mine the message with a default `TemplateMiner` (times in UTC). */
export async function loadHdfs(
  logUrl: URL,
): Promise<{ lines: HdfsLine[]; templates: number; skipped: number }> {
  const text = await readFile(logUrl, 'utf8');
  const miner = new TemplateMiner();
  const lines: HdfsLine[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const m = HEADER.exec(raw);
    if (m === null) {
      if (raw !== '') skipped++;
      continue;
    }
    const [, yy, mo, dd, hh, mi, ss, level, message] = m as unknown as string[];
    const atMs = Date.UTC(2000 + Number(yy), Number(mo) - 1, Number(dd), Number(hh), Number(mi), Number(ss));
    const { templateId, template } = miner.add(message!, atMs);
    lines.push({ atMs, level: level!, templateId, template, text: message! });
  }
  return { lines, templates: miner.templates().length, skipped };
}

/** Read `anomaly_label.csv` (`BlockId,Label`): block id → true for `Anomaly`. */
export async function loadLabels(csvUrl: URL): Promise<Map<string, boolean>> {
  const labels = new Map<string, boolean>();
  for (const row of (await readFile(csvUrl, 'utf8')).split('\n').slice(1)) {
    const [block, label] = row.trim().split(',');
    if (block !== undefined && block !== '' && label !== undefined) labels.set(block, label === 'Anomaly');
  }
  return labels;
}
