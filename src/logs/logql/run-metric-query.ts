import { BerthError } from '../../errors/index.js';
import type { Comparison, MetricQuery, RangeAggregation, VectorAggregation } from './ast.js';
import { applyRangeOp, applyVectorOp, groupLabels, labelsKey } from './aggregate.js';
import { compilePipeline, matchesSelector, type LogEntry } from './pipeline.js';

export interface MetricQueryOptions {
  /** First evaluation step (inclusive). */
  startMs: number;
  /** Last evaluation step (inclusive when it falls on a step). */
  endMs: number;
  stepMs: number;
}

export interface Series {
  labels: Record<string, string>;
  /** `[timestampMs, value]` at each step where the series has a value. */
  points: [number, number][];
}

/** Loki refuses more than 11,000 points per series (`max_points_per_series` in the query range API). */
const maxSteps = 11_000;

/** A series aligned to the step timestamps; `undefined` where it has no sample. */
interface StepSeries {
  labels: Record<string, string>;
  values: (number | undefined)[];
}

/**
 * Runs a metric query over in-memory entries. At each step `t` a range aggregation sees the samples
 * with `t - range < timestamp <= t` (the window ends at the step, as in Prometheus and Loki); series
 * labels are the labels after the pipeline (parsers, drop, keep; the unwrapped label removed).
 *
 * @example
 * runMetricQuery(parseLogql('sum by (status) (rate({app="shop"} | json [1m]))') as MetricQuery, entries,
 *   { startMs, endMs, stepMs: 60_000 });
 */
export function runMetricQuery(
  query: MetricQuery,
  entries: readonly LogEntry[],
  options: MetricQueryOptions,
): Series[] {
  const { startMs, endMs, stepMs } = options;
  if (!(stepMs > 0) || endMs < startMs) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `invalid metric query range: start ${startMs}, end ${endMs}, step ${stepMs}`,
      {
        hint: 'use a positive stepMs and an endMs not before startMs',
      },
    );
  }
  const stepCount = Math.floor((endMs - startMs) / stepMs) + 1;
  if (stepCount > maxSteps) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `the query would return ${stepCount} points per series (at most ${maxSteps})`,
      {
        hint: 'increase stepMs or shorten the time range',
      },
    );
  }
  const steps = Array.from({ length: stepCount }, (_, i) => startMs + i * stepMs);
  return evaluate(query, entries, steps)
    .map((s) => ({
      labels: s.labels,
      points: s.values.flatMap((v, i): [number, number][] => (v === undefined ? [] : [[steps[i] ?? 0, v]])),
    }))
    .filter((s) => s.points.length > 0)
    .sort((a, b) => (labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1));
}

function evaluate(query: MetricQuery, entries: readonly LogEntry[], steps: number[]): StepSeries[] {
  switch (query.kind) {
    case 'range_aggregation':
      return evalRange(query, entries, steps);
    case 'vector_aggregation':
      return evalVector(query, entries, steps);
    case 'comparison':
      return evalComparison(query, entries, steps);
  }
}

const compare: Record<Comparison['op'], (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/** Filters points by the comparison, or with `bool` turns them into 1/0 (Prometheus semantics). */
function evalComparison(query: Comparison, entries: readonly LogEntry[], steps: number[]): StepSeries[] {
  const holds = compare[query.op];
  return evaluate(query.expr, entries, steps).map((series) => ({
    labels: series.labels,
    values: series.values.map((v) => {
      if (v === undefined) return undefined;
      if (query.bool) return holds(v, query.threshold) ? 1 : 0;
      return holds(v, query.threshold) ? v : undefined;
    }),
  }));
}

function evalRange(query: RangeAggregation, entries: readonly LogEntry[], steps: number[]): StepSeries[] {
  const { range } = query;
  const first = (steps[0] ?? 0) - range.rangeMs;
  const last = steps[steps.length - 1] ?? 0;
  const pipeline = compilePipeline(range.pipeline);
  const unwrapped = range.pipeline.some((s) => s.kind === 'unwrap');
  const bytes = query.op === 'bytes_over_time' || query.op === 'bytes_rate';
  const groups = new Map<string, { labels: Record<string, string>; samples: [number, number][] }>();
  for (const entry of entries) {
    if (entry.timestampMs <= first || entry.timestampMs > last) continue;
    if (!matchesSelector(range.selector, entry.labels)) continue;
    const processed = pipeline(entry);
    if (processed === undefined) continue;
    const value = unwrapped ? processed.value : bytes ? Buffer.byteLength(processed.line) : 1;
    if (value === undefined) continue;
    const labels =
      query.grouping === undefined ? processed.labels : groupLabels(processed.labels, query.grouping);
    const key = labelsKey(labels);
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels, samples: [] };
      groups.set(key, group);
    }
    group.samples.push([entry.timestampMs, value]);
  }
  const rangeSeconds = range.rangeMs / 1000;
  return [...groups.values()].map(({ labels, samples }) => {
    samples.sort((a, b) => a[0] - b[0]);
    return {
      labels,
      values: steps.map((t) => {
        const window = samples.filter(([ts]) => ts > t - range.rangeMs && ts <= t).map(([, v]) => v);
        return window.length === 0 ? undefined : applyRangeOp(query.op, window, rangeSeconds, query.param);
      }),
    };
  });
}

function evalVector(query: VectorAggregation, entries: readonly LogEntry[], steps: number[]): StepSeries[] {
  const inner = evaluate(query.expr, entries, steps);
  if (query.op === 'topk' || query.op === 'bottomk') return evalTopk(query, inner, steps);
  const op = query.op;
  const groups = new Map<string, { labels: Record<string, string>; members: StepSeries[] }>();
  for (const series of inner) {
    const labels = groupLabels(series.labels, query.grouping);
    const key = labelsKey(labels);
    const group = groups.get(key) ?? { labels, members: [] };
    group.members.push(series);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ labels, members }) => ({
    labels,
    values: steps.map((_, i) => {
      const values = members.map((m) => m.values[i]).filter((v): v is number => v !== undefined);
      return values.length === 0 ? undefined : applyVectorOp(op, values);
    }),
  }));
}

/** topk/bottomk keep, per group and step, the k series with the highest/lowest value, with their labels. */
function evalTopk(query: VectorAggregation, inner: StepSeries[], steps: number[]): StepSeries[] {
  const k = query.param ?? 1;
  const sign = query.op === 'topk' ? -1 : 1;
  const out = inner.map((s) => ({
    labels: s.labels,
    values: steps.map((): number | undefined => undefined),
  }));
  steps.forEach((_, i) => {
    const groups = new Map<string, number[]>();
    inner.forEach((series, index) => {
      if (series.values[i] === undefined) return;
      const key = labelsKey(groupLabels(series.labels, query.grouping));
      groups.set(key, [...(groups.get(key) ?? []), index]);
    });
    for (const members of groups.values()) {
      members
        .sort((a, b) => sign * ((inner[a]?.values[i] ?? 0) - (inner[b]?.values[i] ?? 0)))
        .slice(0, k)
        .forEach((index) => {
          const target = out[index];
          if (target !== undefined) target.values[i] = inner[index]?.values[i];
        });
    }
  });
  return out;
}
