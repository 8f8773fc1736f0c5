import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRAIN_BENCHMARK_SETTINGS } from '../../../scripts/eval-patterns/benchmark-settings.js';
import { mineWithDrain } from '../../../scripts/eval-patterns/drain-baseline.js';
import { listDatasets, loadDataset, mineDataset } from '../../../scripts/eval-patterns/loghub.js';
import { evaluate } from './index.js';

// The Loghub fixtures live beside the repository (shared/datasets, research use only, not shipped).
const shared = new URL('../../../../shared/datasets/', import.meta.url);
const loghub2k = new URL('loghub-2k/', shared);
const loghub2 = new URL('loghub-2.0-2k/', shared);

/** Mean of `metric` over every dataset of a corpus, mined with default options. */
async function meanOver(root: URL, suffix: string, metric: 'GA' | 'PA'): Promise<number> {
  const names = await listDatasets(root);
  let sum = 0;
  for (const name of names) {
    const data = await loadDataset(root, name, suffix);
    const { predictedTemplates } = mineDataset(data.contents, {});
    sum += evaluate(data.eventIds, predictedTemplates, data.templates, predictedTemplates)[metric] ?? 0;
  }
  return sum / names.length;
}

describe('TemplateMiner on the Loghub 2k corpora', () => {
  it('finds the shared data sets (../shared/datasets/loghub-2k and loghub-2.0-2k)', () => {
    expect(existsSync(new URL('HDFS/HDFS_2k.log_structured.csv', loghub2k))).toBe(true);
    expect(existsSync(new URL('HDFS/HDFS_2k.log_structured_corrected.csv', loghub2))).toBe(true);
  });

  // Measured 0.971 (Drain 0.865, Brain with per-dataset settings 0.983); the floor is the target.
  it('groups the 16 Loghub-2k datasets with mean GA ≥ 0.90 against the original ground truth, default options', async () => {
    expect(await meanOver(loghub2k, '_structured.csv', 'GA')).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  // Measured 0.764 (Drain 0.32, LogPPT 0.71); the floor is the target.
  it('produces the exact Loghub-2.0 template for mean PA ≥ 0.50 over its 14 datasets, default options', async () => {
    expect(await meanOver(loghub2, '_structured_corrected.csv', 'PA')).toBeGreaterThanOrEqual(0.5);
  }, 60_000);

  it('groups HDFS perfectly and produces its Loghub-2.0 template for every line', async () => {
    const data = await loadDataset(loghub2, 'HDFS', '_structured_corrected.csv');
    const { predictedTemplates } = mineDataset(data.contents, {});
    expect(evaluate(data.eventIds, predictedTemplates, data.templates, predictedTemplates)).toMatchObject({
      GA: 1,
      PA: 1,
    });
  });

  it("the reference Drain reproduces Drain's published HDFS GA (0.998) with its benchmark settings", async () => {
    const data = await loadDataset(loghub2k, 'HDFS', '_structured.csv');
    const predicted = mineWithDrain(
      data.contents,
      DRAIN_BENCHMARK_SETTINGS.HDFS ?? { masks: [], similarityThreshold: 0.5, depth: 4 },
    );
    expect(evaluate(data.eventIds, predicted).GA).toBeCloseTo(0.9975, 4);
  });
});
