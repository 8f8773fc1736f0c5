import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { histogramBars, planHistogram, type Bar, type HistogramPlan } from './histogram-bars';
import { histogramQuery, isLogQuery } from './logql-text';
import { formatStep, histogramStepMs, resolveRange, type RangeSpec, type ResolvedRange } from './time-range';
import type { LogLine, QueryEntry, QueryRangeAnswer, Series } from './types';

/** A query as the page runs it; `generation` changes when the same query is run again. */
export interface QueryRun {
  query: string;
  spec: RangeSpec;
  limit: number;
  direction: 'backward' | 'forward';
  generation: number;
}

export type QueryResult =
  | {
      kind: 'streams';
      lines: LogLine[];
      range: ResolvedRange;
      scanned: number;
      /** The last page was full: "Load more" may find more lines. */
      hasMore: boolean;
      tookMs: number;
    }
  | {
      kind: 'matrix';
      series: Series[];
      range: ResolvedRange;
      stepMs: number;
      scanned: number;
      tookMs: number;
    };

export interface HistogramState {
  plan: HistogramPlan;
  bars: Bar[] | undefined;
  error: unknown;
}

let nextSeq = 0;

/** A query or tail entry as a list line, numbered in arrival order. */
export function toLogLine(entry: {
  timestampMs: number;
  line: string;
  streamLabels?: Record<string, string>;
  labels?: Record<string, string>;
  fields?: Record<string, string>;
  metadata?: Record<string, string>;
}): LogLine {
  return {
    seq: nextSeq++,
    timestampMs: entry.timestampMs,
    line: entry.line,
    streamLabels: entry.streamLabels ?? entry.labels ?? {},
    fields: entry.fields ?? {},
    metadata: entry.metadata ?? {},
  };
}

async function queryRange(
  params: Record<string, string | number>,
  signal: AbortSignal,
): Promise<QueryRangeAnswer> {
  return api.get<QueryRangeAnswer>('/logs/query_range', { signal, query: params });
}

/** How many lines at the end of the list share its last timestamp (the next page starts with them). */
function tiedAtEnd(lines: readonly LogLine[]): number {
  const last = lines[lines.length - 1]?.timestampMs;
  let k = 0;
  for (let i = lines.length - 1; i >= 0 && lines[i]?.timestampMs === last; i--) k++;
  return k;
}

/**
 * Runs a query over `GET /logs/query_range` (and, for a log query, the histogram's metric query beside
 * it), and pages further with `loadMore`. A preset range is resolved to absolute times once per run, so
 * the histogram, the lines and further pages all cover the same window.
 */
export function useLogQuery(run: QueryRun | undefined): {
  result: QueryResult | undefined;
  error: unknown;
  loading: boolean;
  histogram: HistogramState | undefined;
  loadMore: () => void;
  loadingMore: boolean;
  moreError: unknown;
} {
  const [result, setResult] = useState<QueryResult | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const [histogram, setHistogram] = useState<HistogramState | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const abortMore = useRef<AbortController | undefined>(undefined);
  const key = run ? JSON.stringify(run) : '';

  useEffect(() => {
    if (!run) return;
    const abort = new AbortController();
    const range = resolveRange(run.spec, Date.now());
    const started = performance.now();
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    abortMore.current?.abort();
    setLoadingMore(false);
    queryRange(
      {
        query: run.query,
        start: range.startMs,
        end: range.endMs,
        limit: run.limit,
        direction: run.direction,
      },
      abort.signal,
    ).then(
      (answer) => {
        if (abort.signal.aborted) return;
        const tookMs = performance.now() - started;
        setResult(
          answer.resultType === 'streams'
            ? {
                kind: 'streams',
                lines: answer.entries.map(toLogLine),
                range,
                scanned: answer.scanned,
                hasMore: answer.entries.length >= run.limit,
                tookMs,
              }
            : {
                kind: 'matrix',
                series: answer.series,
                range,
                stepMs: answer.stepMs,
                scanned: answer.scanned,
                tookMs,
              },
        );
        setLoading(false);
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setError(failure);
        setResult(undefined);
        setLoading(false);
      },
    );

    if (isLogQuery(run.query)) {
      const plan = planHistogram(range.startMs, range.endMs, histogramStepMs(range.endMs - range.startMs));
      setHistogram((h) => ({
        plan,
        bars: h?.plan.stepMs === plan.stepMs ? h.bars : undefined,
        error: undefined,
      }));
      queryRange(
        {
          query: histogramQuery(run.query, plan.stepMs),
          start: plan.queryStartMs,
          end: plan.queryEndMs,
          step: formatStep(plan.stepMs),
        },
        abort.signal,
      ).then(
        (answer) => {
          if (abort.signal.aborted) return;
          const points = answer.resultType === 'matrix' ? answer.series.flatMap((s) => s.points) : [];
          setHistogram({ plan, bars: histogramBars(plan, points), error: undefined });
        },
        (failure: unknown) => {
          if (!abort.signal.aborted) setHistogram({ plan, bars: undefined, error: failure });
        },
      );
    } else {
      setHistogram(undefined);
    }
    return () => abort.abort();
  }, [key]);

  const loadMore = (): void => {
    if (!run || result?.kind !== 'streams' || !result.hasMore || loadingMore) return;
    const tied = tiedAtEnd(result.lines);
    const edge = result.lines[result.lines.length - 1]?.timestampMs;
    if (edge === undefined) return;
    const abort = new AbortController();
    abortMore.current = abort;
    const window =
      run.direction === 'backward'
        ? { start: result.range.startMs, end: edge + 1 }
        : { start: edge, end: result.range.endMs };
    setLoadingMore(true);
    setMoreError(undefined);
    queryRange(
      { query: run.query, ...window, limit: run.limit + tied, direction: run.direction },
      abort.signal,
    ).then(
      (answer) => {
        if (abort.signal.aborted || answer.resultType !== 'streams') return;
        // The first `tied` entries are the ones already listed (same timestamp, same stable order).
        const fresh = answer.entries.slice(tied).map((e: QueryEntry) => toLogLine(e));
        setResult({
          ...result,
          lines: [...result.lines, ...fresh],
          scanned: result.scanned + answer.scanned,
          hasMore: answer.entries.length >= run.limit + tied,
        });
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setMoreError(failure);
        setLoadingMore(false);
      },
    );
  };

  return { result, error, loading, histogram, loadMore, loadingMore, moreError };
}
