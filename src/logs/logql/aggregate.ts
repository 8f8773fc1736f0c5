import type { Grouping, RangeOp, VectorOp } from './ast.js';

/** A canonical key for a label set (sorted by name). */
export function labelsKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `by` keeps only the listed labels, `without` drops them, no grouping keeps none (PromQL semantics). */
export function groupLabels(
  labels: Readonly<Record<string, string>>,
  grouping: Grouping | undefined,
): Record<string, string> {
  if (grouping === undefined) return {};
  const listed = new Set(grouping.labels);
  return Object.fromEntries(
    Object.entries(labels).filter(([name]) =>
      grouping.mode === 'by' ? listed.has(name) : !listed.has(name),
    ),
  );
}

/** Prometheus' quantile: linear interpolation between the closest ranks; φ outside [0, 1] gives ±Inf. */
export function quantile(phi: number, values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  if (phi < 0) return Number.NEGATIVE_INFINITY;
  if (phi > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = phi * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.min(sorted.length - 1, lower + 1);
  const weight = rank - lower;
  return (sorted[lower] ?? 0) * (1 - weight) + (sorted[upper] ?? 0) * weight;
}

/**
 * One range function over the samples of a window (LogQL docs, "Range Vector aggregation"): rates divide
 * by the range in seconds; for an unwrapped range `rate` is the per-second rate of the sum of values.
 */
export function applyRangeOp(
  op: RangeOp,
  values: readonly number[],
  rangeSeconds: number,
  param: number | undefined,
): number {
  const sum = values.reduce((a, b) => a + b, 0);
  switch (op) {
    case 'count_over_time':
      return values.length;
    case 'rate':
    case 'bytes_rate':
      return sum / rangeSeconds;
    case 'bytes_over_time':
    case 'sum_over_time':
      return sum;
    case 'avg_over_time':
      return sum / values.length;
    case 'min_over_time':
      return Math.min(...values);
    case 'max_over_time':
      return Math.max(...values);
    case 'quantile_over_time':
      return quantile(param ?? 0, values);
  }
}

/** sum/avg/min/max/count over the values of one group at one step. */
export function applyVectorOp(op: Exclude<VectorOp, 'topk' | 'bottomk'>, values: readonly number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  switch (op) {
    case 'sum':
      return sum;
    case 'avg':
      return sum / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'count':
      return values.length;
  }
}
