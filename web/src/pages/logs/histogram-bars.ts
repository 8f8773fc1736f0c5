/**
 * The histogram's buckets. The metric query `sum(count_over_time(q [step]))` gives, at each step time t,
 * the lines in `(t - step, t]` (src/logs/logql/README.md, "Metric queries"); asking for steps at
 * `first + step, first + 2·step, …` therefore gives one value per bar `[first + k·step, first + (k+1)·step)`.
 * Buckets are aligned to multiples of the step so their edges read as round times.
 */

export interface Bar {
  startMs: number;
  endMs: number;
  count: number;
}

export interface HistogramPlan {
  /** The first bar's start (the window's start rounded down to the step). */
  firstMs: number;
  bars: number;
  stepMs: number;
  /** What to send to query_range: step times from the first bar's end to the last bar's end. */
  queryStartMs: number;
  queryEndMs: number;
}

/** The bars for a window `[startMs, endMs)` at `stepMs` each. */
export function planHistogram(startMs: number, endMs: number, stepMs: number): HistogramPlan {
  const firstMs = Math.floor(startMs / stepMs) * stepMs;
  const bars = Math.max(1, Math.ceil((endMs - firstMs) / stepMs));
  return { firstMs, bars, stepMs, queryStartMs: firstMs + stepMs, queryEndMs: firstMs + bars * stepMs };
}

/** One bar per bucket with the metric query's value (0 where the series has no point). */
export function histogramBars(plan: HistogramPlan, points: readonly (readonly [number, number])[]): Bar[] {
  const byTime = new Map<number, number>();
  for (const [t, v] of points) byTime.set(t, (byTime.get(t) ?? 0) + v);
  return Array.from({ length: plan.bars }, (_, k) => {
    const startMs = plan.firstMs + k * plan.stepMs;
    return { startMs, endMs: startMs + plan.stepMs, count: byTime.get(startMs + plan.stepMs) ?? 0 };
  });
}
