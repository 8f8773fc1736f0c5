import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { api, useApi, useAsync, type AppStatus } from '../../api';
import { ErrorBanner, Spinner, TimeAgo } from '../../components';
import { setQuery, useQuery, type PageProps } from '../../router';
import { alignSeries, chartMetrics, hasSamples, latest, rangeOf, seriesLabels } from './chart-data';
import { useChartTheme } from './chart-theme';
import { LatestTable } from './latest-table';
import { MetricChart } from './metric-chart';
import { MetricsControls } from './metrics-controls';
import './metrics.css';
import type { Grouping, MetricsAnswer } from './types';
import { useVisibleRefresh } from './use-visible-refresh';

/** Berth records a sample per container every 10 s by default; asking more often shows nothing new. */
const refreshMs = 10_000;

const empty = { xs: [], ys: [] };

interface Loaded {
  answer: MetricsAnswer;
  loadedAt: number;
}

/**
 * Metrics: CPU, memory and network of one app over a chosen range (`?app=&range=&by=`), one uPlot
 * chart per metric with a line per service or replica, refreshed every 10 s while the tab is visible.
 */
export function MetricsPage(_props: PageProps): JSX.Element {
  const query = useQuery();
  const apps = useApi<{ apps: AppStatus[] }>('/apps');
  const appNames = apps.data?.apps.map((a) => a.app) ?? [];
  const app = query.get('app') || appNames[0] || null;
  const range = rangeOf(query.get('range'));
  const grouping: Grouping = query.get('by') === 'replica' ? 'replica' : 'service';
  const theme = useChartTheme();

  const metrics = useAsync<Loaded | undefined>(
    async (signal) =>
      app === null
        ? undefined
        : {
            answer: await api.get<MetricsAnswer>(`/apps/${encodeURIComponent(app)}/metrics`, {
              signal,
              query: { since: range.key, by: grouping },
            }),
            loadedAt: Date.now(),
          },
    `${app ?? ''}|${range.key}|${grouping}`,
  );
  useVisibleRefresh(metrics.reload, refreshMs);
  // Another app's charts must not stand under this app's name while its answer is on the way.
  const answer = metrics.data?.answer.app === app ? metrics.data?.answer : undefined;
  const labels = useMemo(() => (answer ? seriesLabels(answer.series, answer.app) : []), [answer]);
  const aligned = useMemo(
    () => new Map(chartMetrics.map((m) => [m.key, answer ? alignSeries(answer.series, m.key) : empty])),
    [answer],
  );

  const header = (
    <header class="page-header">
      <h1 id="page-title">Metrics</h1>
      <div class="page-actions">
        {metrics.loading && answer ? <Spinner inline label="Refreshing…" /> : null}
        {metrics.data ? (
          <span class="muted nowrap">
            Updated <TimeAgo at={metrics.data.loadedAt} />
          </span>
        ) : null}
        <button type="button" class="button button-small" onClick={metrics.reload} disabled={app === null}>
          Refresh
        </button>
      </div>
    </header>
  );

  let body: JSX.Element;
  if (apps.error && app === null) body = <ErrorBanner error={apps.error} onRetry={apps.reload} />;
  else if (apps.loading && app === null) body = <Spinner label="Loading apps…" />;
  else if (app === null) {
    body = (
      <p class="empty">
        No apps are deployed yet. Deploy one with <code>berth up</code>; its CPU, memory and network appear
        here within seconds.
      </p>
    );
  } else if (!answer) {
    body = metrics.error ? (
      <ErrorBanner error={metrics.error} onRetry={metrics.reload} />
    ) : (
      <Spinner label={`Loading metrics of ${app}…`} />
    );
  } else if (!hasSamples(answer.series)) {
    body = (
      <p class="empty" role="status">
        No samples of <strong>{app}</strong> in the last {range.label} yet. Berth samples every running
        container every 10 s (<code>BERTH_METRICS_EVERY_MS</code>); the first points appear shortly after a
        deploy. This page refreshes by itself.
      </p>
    );
  } else {
    body = (
      <>
        <div class="metric-grid">
          {chartMetrics.map((metric) => (
            <MetricChart
              key={metric.key}
              metric={metric}
              labels={labels}
              data={aligned.get(metric.key) ?? empty}
              startMs={answer.startMs}
              endMs={answer.endMs}
              theme={theme}
              summary={`${metric.title} of ${app} over the last ${range.label}, newest: ${answer.series
                .map((s, i) => {
                  const value = latest(s, metric.key);
                  return `${labels[i]} ${value === undefined ? 'no sample' : metric.format(value)}`;
                })
                .join('; ')}.`}
            />
          ))}
        </div>
        <section class="card">
          <LatestTable series={answer.series} labels={labels} grouping={grouping} />
        </section>
      </>
    );
  }

  return (
    <section class="page metrics-page" aria-labelledby="page-title" data-testid="metrics">
      {header}
      <MetricsControls
        apps={appNames}
        app={app}
        range={range.key}
        grouping={grouping}
        onChange={(patch) => setQuery(patch)}
      />
      {answer && metrics.error ? (
        <ErrorBanner
          title="Showing the last answer; refreshing failed"
          error={metrics.error}
          onRetry={metrics.reload}
        />
      ) : null}
      {body}
    </section>
  );
}
