/**
 * Evaluate session-level anomaly detection on hdfs-2pct-loglead (issue 5 item 7): 222,579 HDFS lines, 11,501
 * blocks, 350 labelled anomalous. Labels are used only to score, never to fit or to pick a threshold.
 * Run: `npm run eval:anomaly` (or `npx tsx scripts/eval-anomaly/main.ts [--idle-gap-min 30]`).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { groupSessions, hdfsBlockKeys, SessionDetector } from '../../src/logs/anomaly/index.js';
import type { Session, SessionDetectorOptions } from '../../src/logs/anomaly/index.js';
import { loadHdfs, loadLabels } from './hdfs.js';
import type { HdfsLine } from './hdfs.js';
import { scoreBlocks } from './metrics.js';
import { reportNewTemplates, reportRates } from './unlabelled-detectors.js';

const data = new URL('../../../shared/datasets/hdfs-2pct-loglead/', import.meta.url);
const METHODS: readonly NonNullable<SessionDetectorOptions['method']>[] = ['invariants', 'pca'];

const fmt = (v: number): string => (Number.isNaN(v) ? '  -  ' : v.toFixed(3));
const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

interface Mode {
  readonly name: string;
  readonly fit: Session[];
  readonly test: Session[];
  readonly testBlocks: string[];
}

/** "fit on all, score all" and "fit on the first half of blocks by start time, test on the second half". */
function modes(sessions: Session[]): Mode[] {
  const firstStart = new Map<string, number>();
  for (const s of sessions) firstStart.set(s.key, Math.min(s.startMs, firstStart.get(s.key) ?? Infinity));
  const blocks = [...firstStart].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([b]) => b);
  const early = new Set(blocks.slice(0, Math.floor(blocks.length / 2)));
  return [
    { name: 'fit all, score all', fit: sessions, test: sessions, testBlocks: blocks },
    {
      name: 'fit 1st half, test 2nd',
      fit: sessions.filter((s) => early.has(s.key)),
      test: sessions.filter((s) => !early.has(s.key)),
      testBlocks: blocks.filter((b) => !early.has(b)),
    },
  ];
}

function evaluateSessions(
  lines: HdfsLine[],
  labels: Map<string, boolean>,
  idleGapMs: number,
  verbose: boolean,
): number[] {
  const sessions = groupSessions(lines, { keysOf: hdfsBlockKeys, idleGapMs });
  const gap = Number.isFinite(idleGapMs) ? `${idleGapMs / 60_000} min` : 'none';
  const f1s: number[] = [];
  if (verbose) {
    console.log(
      `\nSessions: ${sessions.length} (block × idle-gap segment, gap ${gap}) over ${new Set(sessions.map((s) => s.key)).size} blocks\n`,
    );
    console.log(
      row([
        'method',
        'mode',
        'fit sessions',
        'test blocks',
        'flagged sessions',
        'flagged blocks',
        'TP',
        'FP',
        'FN',
        'precision',
        'recall',
        'F1',
        'threshold',
        'fit ms',
        'score ms',
      ]),
    );
    console.log(row(Array.from({ length: 15 }, () => '---')));
  }
  const rules: string[] = [];
  for (const method of METHODS) {
    for (const mode of modes(sessions)) {
      const t0 = performance.now();
      const detector = SessionDetector.fit(mode.fit, { method });
      const t1 = performance.now();
      const anomalies = detector.detect(mode.test);
      const t2 = performance.now();
      const s = scoreBlocks(mode.testBlocks, new Set(anomalies.map((a) => a.key)), labels);
      f1s.push(s.f1);
      const { rule, value } = detector.threshold;
      rules.push(`${method}, ${mode.name}: ${rule}; value ${value.toPrecision(4)}`);
      if (verbose) {
        console.log(
          row([
            method,
            mode.name,
            mode.fit.length,
            s.blocks,
            anomalies.length,
            s.flagged,
            s.tp,
            s.fp,
            s.fn,
            fmt(s.precision),
            fmt(s.recall),
            fmt(s.f1),
            value.toPrecision(4),
            (t1 - t0).toFixed(0),
            (t2 - t1).toFixed(0),
          ]),
        );
      }
    }
  }
  if (verbose) console.log(`\nThreshold rules (no labels used):\n${rules.map((r) => `- ${r}`).join('\n')}`);
  return f1s;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'idle-gap-min': { type: 'string', default: '30' } } });
  const idleGapMs = values['idle-gap-min'] === 'none' ? Infinity : Number(values['idle-gap-min']) * 60_000;
  const start = performance.now();
  const [{ lines, templates, skipped }, labels] = await Promise.all([
    loadHdfs(new URL('HDFS_2pct.log', data)),
    loadLabels(new URL('anomaly_label.csv', data)),
  ]);
  const loaded = performance.now();
  const anomalous = [...labels.values()].filter(Boolean).length;
  console.log(`# Anomaly detection on hdfs-2pct-loglead\n`);
  console.log(
    `${lines.length} lines (${skipped} skipped), ${templates} templates mined, ${labels.size} labelled blocks (${anomalous} anomalous); load + mine ${((loaded - start) / 1000).toFixed(1)} s`,
  );
  evaluateSessions(lines, labels, idleGapMs, true);

  console.log(`\nSensitivity to the idle gap (F1; reported, not used to choose the default of 30 min):\n`);
  console.log(row(['idle gap', ...METHODS.flatMap((m) => [`${m} all`, `${m} half`])]));
  console.log(row(['---', '---', '---', '---', '---']));
  for (const minutes of [Infinity, 10, 60, 240]) {
    const f1s = evaluateSessions(lines, labels, minutes * 60_000, false);
    console.log(row([Number.isFinite(minutes) ? `${minutes} min` : 'none', ...f1s.map(fmt)]));
  }
  reportRates(lines);
  reportNewTemplates(lines, labels);
  console.log(`\nTotal ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

await main();
