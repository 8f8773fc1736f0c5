/** Block-level confusion counts and scores. */
export interface Scores {
  readonly blocks: number;
  readonly flagged: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Score block predictions against labels: a block is predicted anomalous when any of its sessions was flagged.
 * `blocks` are the blocks under test; precision is NaN when nothing was flagged.
 */
export function scoreBlocks(
  blocks: Iterable<string>,
  flagged: ReadonlySet<string>,
  labels: ReadonlyMap<string, boolean>,
): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let n = 0;
  for (const block of blocks) {
    n++;
    const actual = labels.get(block) === true;
    const predicted = flagged.has(block);
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return {
    blocks: n,
    flagged: tp + fp,
    tp,
    fp,
    fn,
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall),
  };
}
