import type { MaskRule } from '../../src/logs/patterns/index.js';

/** Per-dataset miner settings: the masks, similarity threshold and depth of Drain's Loghub run. */
export interface DatasetSettings {
  readonly masks: readonly MaskRule[];
  readonly similarityThreshold: number;
  readonly depth: number;
}

const rx = (...patterns: string[]): MaskRule[] =>
  patterns.map((pattern, i) => ({ name: `bench${i + 1}`, pattern }));

/**
 * Copied from logpai/logparser `logparser/Drain/benchmark.py` (`benchmark_settings`: `regex`, `st`, `depth`);
 * the same table is in `shared/datasets/loghub-2k/README.md`. Python `re` and JS RegExp agree on these patterns
 * except that Python's `\w` also matches non-ASCII letters.
 */
export const DRAIN_BENCHMARK_SETTINGS: Readonly<Record<string, DatasetSettings>> = {
  HDFS: {
    masks: rx(String.raw`blk_-?\d+`, String.raw`(\d+\.){3}\d+(:\d+)?`),
    similarityThreshold: 0.5,
    depth: 4,
  },
  Hadoop: { masks: rx(String.raw`(\d+\.){3}\d+`), similarityThreshold: 0.5, depth: 4 },
  Spark: {
    masks: rx(String.raw`(\d+\.){3}\d+`, String.raw`\b[KGTM]?B\b`, String.raw`([\w-]+\.){2,}[\w-]+`),
    similarityThreshold: 0.5,
    depth: 4,
  },
  Zookeeper: { masks: rx(String.raw`(/|)(\d+\.){3}\d+(:\d+)?`), similarityThreshold: 0.5, depth: 4 },
  BGL: { masks: rx(String.raw`core\.\d+`), similarityThreshold: 0.5, depth: 4 },
  HPC: { masks: rx(String.raw`=\d+`), similarityThreshold: 0.5, depth: 4 },
  Thunderbird: { masks: rx(String.raw`(\d+\.){3}\d+`), similarityThreshold: 0.5, depth: 4 },
  Windows: { masks: rx(String.raw`0x.*?\s`), similarityThreshold: 0.7, depth: 5 },
  Linux: {
    masks: rx(String.raw`(\d+\.){3}\d+`, String.raw`\d{2}:\d{2}:\d{2}`),
    similarityThreshold: 0.39,
    depth: 6,
  },
  Android: {
    masks: rx(
      String.raw`(/[\w-]+)+`,
      String.raw`([\w-]+\.){2,}[\w-]+`,
      String.raw`\b(\-?\+?\d+)\b|\b0[Xx][a-fA-F\d]+\b|\b[a-fA-F\d]{4,}\b`,
    ),
    similarityThreshold: 0.2,
    depth: 6,
  },
  HealthApp: { masks: [], similarityThreshold: 0.2, depth: 4 },
  Apache: { masks: rx(String.raw`(\d+\.){3}\d+`), similarityThreshold: 0.5, depth: 4 },
  Proxifier: {
    masks: rx(
      String.raw`<\d+\ssec`,
      String.raw`([\w-]+\.)+[\w-]+(:\d+)?`,
      String.raw`\d{2}:\d{2}(:\d{2})*`,
      '[KGTM]B',
    ),
    similarityThreshold: 0.6,
    depth: 3,
  },
  OpenSSH: {
    masks: rx(String.raw`(\d+\.){3}\d+`, String.raw`([\w-]+\.){2,}[\w-]+`),
    similarityThreshold: 0.6,
    depth: 5,
  },
  OpenStack: {
    masks: rx(String.raw`((\d+\.){3}\d+,?)+`, String.raw`/.+?\s`, String.raw`\d+`),
    similarityThreshold: 0.5,
    depth: 5,
  },
  Mac: { masks: rx(String.raw`([\w-]+\.){2,}[\w-]+`), similarityThreshold: 0.7, depth: 6 },
};

/** Drain's published grouping accuracy on Loghub-2k (Zhu et al. ICSE-SEIP 2019; logparser `docs/benchmark.rst`). */
export const DRAIN_PUBLISHED_GA: Readonly<Record<string, number>> = {
  HDFS: 0.998,
  Hadoop: 0.948,
  Spark: 0.92,
  Zookeeper: 0.967,
  OpenStack: 0.733,
  BGL: 0.963,
  HPC: 0.887,
  Thunderbird: 0.955,
  Windows: 0.997,
  Linux: 0.69,
  Mac: 0.787,
  Android: 0.911,
  HealthApp: 0.78,
  Apache: 1.0,
  OpenSSH: 0.788,
  Proxifier: 0.527,
};

/** The published mean of the row above (the paper's "average", 0.865). */
export const DRAIN_PUBLISHED_MEAN_GA = 0.865;
