import type { ParsingAccuracy } from '../../src/logs/patterns/index.js';

/**
 * Drain on Loghub-2.0's 2k ground truth, from Jiang et al. ISSTA 2024 (logpai/loghub-2.0
 * `RQs_experiments/RQ2/effectiveness_results.csv`, "Loghub-2k" cells; copied in shared/research/logs.md §3b).
 */
export const PUBLISHED_LOGHUB2_2K: Readonly<Record<string, ParsingAccuracy>> = {
  Hadoop: { GA: 0.948, FGA: 0.82, PA: 0.269, FTA: 0.276 },
  HDFS: { GA: 0.998, FGA: 0.839, PA: 0.5, FTA: 0.323 },
  OpenStack: { GA: 0.733, FGA: 0.117, PA: 0.018, FTA: 0.018 },
  Spark: { GA: 0.922, FGA: 0.87, PA: 0.362, FTA: 0.493 },
  Zookeeper: { GA: 0.967, FGA: 0.854, PA: 0.497, FTA: 0.354 },
  BGL: { GA: 0.963, FGA: 0.833, PA: 0.342, FTA: 0.211 },
  HPC: { GA: 0.887, FGA: 0.753, PA: 0.635, FTA: 0.366 },
  Thunderbird: { GA: 0.955, FGA: 0.773, PA: 0.046, FTA: 0.248 },
  Linux: { GA: 0.69, FGA: 0.93, PA: 0.183, FTA: 0.435 },
  Mac: { GA: 0.786, FGA: 0.797, PA: 0.217, FTA: 0.199 },
  Apache: { GA: 1.0, FGA: 1.0, PA: 0.694, FTA: 0.5 },
  OpenSSH: { GA: 0.789, FGA: 0.88, PA: 0.508, FTA: 0.44 },
  HealthApp: { GA: 0.78, FGA: 0.351, PA: 0.231, FTA: 0.109 },
  Proxifier: { GA: 0.526, FGA: 0.538, PA: 0.0, FTA: 0.0 },
};
