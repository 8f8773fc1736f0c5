import type { JSX } from 'preact';
import { ErrorBanner, Spinner } from '../../components';
import { Histogram } from './histogram';
import { LogList } from './log-list';
import { MetricTable } from './metric-table';
import type { HistogramState, QueryResult } from './use-log-query';

const fmt = new Intl.NumberFormat();

/** The histogram card of a log query: bars, a spinner while counting, or why it failed. */
export function HistogramCard({
  histogram,
  onZoom,
}: {
  histogram: HistogramState;
  onZoom: (startMs: number, endMs: number) => void;
}): JSX.Element {
  return (
    <div class="card histogram-card" data-testid="histogram">
      {histogram.bars ? (
        <Histogram bars={histogram.bars} stepMs={histogram.plan.stepMs} onZoom={onZoom} busy={false} />
      ) : histogram.error ? (
        <p class="muted">
          The histogram could not be computed:{' '}
          {histogram.error instanceof Error ? histogram.error.message : ''}
        </p>
      ) : (
        <Spinner label="Counting lines over time…" />
      )}
    </div>
  );
}

/** A query's answer: the virtualised lines with "Load more", or a metric query's series. */
export function QueryResults({
  result,
  loading,
  direction,
  loadMore,
  loadingMore,
  moreError,
  onFilter,
}: {
  result: QueryResult | undefined;
  loading: boolean;
  direction: 'backward' | 'forward';
  loadMore: () => void;
  loadingMore: boolean;
  moreError: unknown;
  onFilter: (key: string, value: string) => void;
}): JSX.Element | null {
  if (!result) return loading ? <Spinner label="Running the query…" /> : null;
  if (result.kind === 'matrix') return <MetricTable series={result.series} stepMs={result.stepMs} />;
  const { lines } = result;
  return (
    <div class="card log-results" aria-busy={loading}>
      <p class="log-summary muted" role="status" data-testid="log-summary">
        <strong>{fmt.format(lines.length)}</strong> {lines.length === 1 ? 'line' : 'lines'},{' '}
        {direction === 'backward' ? 'newest first' : 'oldest first'}
        {result.hasMore ? ' (the limit; more may be in range)' : ''} · {fmt.format(result.scanned)} scanned in{' '}
        {Math.round(result.tookMs)} ms{loading ? ' · refreshing…' : ''}
      </p>
      {lines.length === 0 ? (
        <p class="empty">No lines match in this time range. Widen the range or loosen the filters.</p>
      ) : (
        <LogList lines={lines} label="Log lines" onFilter={onFilter} />
      )}
      {moreError ? (
        <ErrorBanner error={moreError} onRetry={loadMore} title="Loading more lines failed" />
      ) : null}
      {result.hasMore ? (
        <div class="log-more">
          <button type="button" class="button button-small" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : direction === 'backward' ? 'Load older lines' : 'Load newer lines'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
