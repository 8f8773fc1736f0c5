import { BerthError } from '../../errors/index.js';

/** Loghub log-parsing accuracy; each value in [0, 1]. PA and FTA need template strings. */
export interface ParsingAccuracy {
  /** Grouping accuracy (Zhu et al. ICSE-SEIP 2019 "parsing accuracy"). */
  readonly GA: number;
  /** F1 of grouping accuracy over groups (Jiang et al. ISSTA 2024). */
  readonly FGA: number;
  /** Parsing accuracy, message level: exact template string match (Jiang et al. ISSTA 2024). */
  readonly PA?: number;
  /** F1 of template accuracy (Khan et al. ICSE 2022; Jiang et al. ISSTA 2024). */
  readonly FTA?: number;
}

/**
 * Loghub parsing metrics, as defined by the benchmark evaluators (logpai/logparser `utils/evaluator.py`;
 * logpai/loghub-2.0 `benchmark/evaluation/utils/{evaluator,PA_calculator,template_level_analysis}.py`):
 *
 * - GA: a line counts iff its ground-truth group and its predicted group are the same set of lines;
 *   GA = counted lines / lines.
 * - FGA: with `c` = ground-truth groups matched exactly as above, PGA = c / predicted groups,
 *   RGA = c / ground-truth groups, FGA = 2·PGA·RGA / (PGA + RGA), 0 if both are 0.
 * - PA: lines whose predicted template string equals the ground-truth one exactly / lines (no normalisation:
 *   the benchmark compares raw strings; normalise both arrays first if a dataset needs it).
 * - FTA: lines grouped by predicted template string; a predicted template T is correct iff the ground-truth
 *   templates of its lines are exactly {T}. PTA = correct / predicted templates, RTA = correct / ground-truth
 *   templates, FTA = 2·PTA·RTA / (PTA + RTA).
 *
 * Lines with an empty ground truth (id, or template when given) are dropped first, as the evaluators drop NaN.
 *
 * @example
 * evaluate(['A', 'A', 'B'], ['x', 'x', 'x']); // { GA: 0, FGA: 0 }
 */
export function evaluate(
  groundTruthEventIds: readonly string[],
  predictedTemplateIds: readonly string[],
  groundTruthTemplates?: readonly string[],
  predictedTemplates?: readonly string[],
): ParsingAccuracy {
  const n = groundTruthEventIds.length;
  const lengths = [predictedTemplateIds, groundTruthTemplates, predictedTemplates].map((a) => a?.length ?? n);
  if (lengths.some((length) => length !== n)) {
    throw new BerthError(
      'BERTH_CONFIG',
      `evaluate() got arrays of different lengths: ${n}, ${lengths.join(', ')}.`,
      {
        hint: 'Pass one entry per log line in every array.',
      },
    );
  }
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (
      groundTruthEventIds[i] !== '' &&
      (groundTruthTemplates === undefined || groundTruthTemplates[i] !== '')
    ) {
      keep.push(i);
    }
  }
  const gtIds = keep.map((i) => groundTruthEventIds[i] as string);
  const predIds = keep.map((i) => predictedTemplateIds[i] as string);
  const { GA, FGA } = groupingAccuracy(gtIds, predIds);
  if (groundTruthTemplates === undefined || predictedTemplates === undefined) return { GA, FGA };
  const gt = keep.map((i) => groundTruthTemplates[i] as string);
  const pred = keep.map((i) => predictedTemplates[i] as string);
  return { GA, FGA, PA: parsingAccuracy(gt, pred), FTA: templateAccuracy(gt, pred) };
}

function groupingAccuracy(gt: readonly string[], pred: readonly string[]): { GA: number; FGA: number } {
  if (gt.length === 0) return { GA: 0, FGA: 0 };
  const predCount = countBy(pred);
  const gtGroups = new Map<string, { size: number; preds: Set<string> }>();
  gt.forEach((g, i) => {
    let group = gtGroups.get(g);
    if (group === undefined) {
      group = { size: 0, preds: new Set() };
      gtGroups.set(g, group);
    }
    group.size++;
    group.preds.add(pred[i] as string);
  });
  let correctLines = 0;
  let correctGroups = 0;
  for (const { size, preds } of gtGroups.values()) {
    const [only] = preds;
    if (preds.size === 1 && only !== undefined && predCount.get(only) === size) {
      correctLines += size;
      correctGroups++;
    }
  }
  return {
    GA: correctLines / gt.length,
    FGA: f1(correctGroups / predCount.size, correctGroups / gtGroups.size),
  };
}

function parsingAccuracy(gt: readonly string[], pred: readonly string[]): number {
  if (gt.length === 0) return 0;
  let same = 0;
  gt.forEach((g, i) => {
    if (pred[i] === g) same++;
  });
  return same / gt.length;
}

function templateAccuracy(gt: readonly string[], pred: readonly string[]): number {
  if (gt.length === 0) return 0;
  const byPredicted = new Map<string, Set<string>>();
  pred.forEach((p, i) => {
    let set = byPredicted.get(p);
    if (set === undefined) {
      set = new Set();
      byPredicted.set(p, set);
    }
    set.add(gt[i] as string);
  });
  let correct = 0;
  for (const [template, truths] of byPredicted) {
    if (truths.size === 1 && truths.has(template)) correct++;
  }
  return f1(correct / byPredicted.size, correct / new Set(gt).size);
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
