/**
 * The rate and new-template detectors have no ground truth in hdfs-2pct-loglead (labels are per block); the eval
 * prints what they report on it, as a check of scale and speed, not of accuracy.
 */
import { performance } from 'node:perf_hooks';
import { hdfsBlockKeys, NewTemplateDetector, RateDetector } from '../../src/logs/anomaly/index.js';
import type { Anomaly } from '../../src/logs/anomaly/index.js';
import type { HdfsLine } from './hdfs.js';

/** Replay the log through a RateDetector keyed by level and by template, 10 s buckets. */
export function reportRates(lines: readonly HdfsLine[]): void {
  const t0 = performance.now();
  const rates = new RateDetector({ bucketMs: 10_000 });
  const byKey = new Map<string, number>();
  let total = 0;
  const tally = (anomalies: Anomaly[]): void => {
    for (const a of anomalies) byKey.set(a.key, (byKey.get(a.key) ?? 0) + 1);
    total += anomalies.length;
  };
  for (const line of lines) {
    tally(rates.advance(line.atMs));
    rates.observe(`level:${line.level}`, line.atMs);
    rates.observe(line.templateId, line.atMs);
  }
  tally(rates.advance((lines.at(-1)?.atMs ?? 0) + 10_000));
  const top = [...byKey].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const ms = (performance.now() - t0).toFixed(0);
  console.log(`\nRateDetector (10 s buckets; keys: level and template): ${total} rate anomalies in ${ms} ms`);
  console.log(`most: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

/** Pretend a release happened halfway through the log and list the templates first seen after it. */
export function reportNewTemplates(lines: readonly HdfsLine[], labels: ReadonlyMap<string, boolean>): void {
  const half = Math.floor(lines.length / 2);
  const releaseAtMs = lines[half]?.atMs ?? 0;
  const detector = new NewTemplateDetector();
  detector.release('second-half', releaseAtMs);
  const reported: Anomaly[] = [];
  const stats = new Map<string, { lines: number; inAnomalous: number }>();
  for (const line of lines) {
    const anomaly = detector.observe(line);
    if (anomaly !== undefined) reported.push(anomaly);
    if (line.atMs < releaseAtMs || !detector.newTemplates().includes(line.templateId)) continue;
    const s = stats.get(line.templateId) ?? { lines: 0, inAnomalous: 0 };
    s.lines++;
    if (hdfsBlockKeys(line.text).some((b) => labels.get(b) === true)) s.inAnomalous++;
    stats.set(line.templateId, s);
  }
  const at = new Date(releaseAtMs).toISOString();
  console.log(
    `\nNewTemplateDetector (release at line ${half}, ${at}): ${reported.length} templates reported`,
  );
  for (const a of reported) {
    const s = stats.get(a.key);
    console.log(`- ${s?.lines ?? 0} lines, ${s?.inAnomalous ?? 0} in anomalous blocks: ${a.message}`);
  }
}
