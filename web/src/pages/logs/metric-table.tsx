import type { JSX } from 'preact';
import { DataTable, Sparkline } from '../../components';
import { formatStep } from './time-range';
import type { Series } from './types';

const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

interface Row {
  key: string;
  labels: Record<string, string>;
  values: number[];
  last: number | undefined;
  max: number | undefined;
  points: number;
}

function toRow(series: Series): Row {
  const values = series.points.map(([, v]) => v);
  return {
    key: JSON.stringify(series.labels),
    labels: series.labels,
    values,
    last: values[values.length - 1],
    max: values.length > 0 ? Math.max(...values) : undefined,
    points: values.length,
  };
}

/** A metric query's answer: one row per series with its labels, a sparkline and its last and top value. */
export function MetricTable({ series, stepMs }: { series: readonly Series[]; stepMs: number }): JSX.Element {
  const rows = series.map(toRow);
  return (
    <div class="card" data-testid="metric-result">
      <DataTable
        caption={`${series.length} series, one point per ${formatStep(stepMs)}`}
        showCaption
        rows={rows}
        rowKey={(r) => r.key}
        pageParam="spage"
        empty={<p class="empty">The query matched no series in this range.</p>}
        columns={[
          {
            key: 'labels',
            header: 'Series',
            render: (r) => {
              const entries = Object.entries(r.labels);
              return entries.length === 0 ? (
                <span class="muted">{'{}'} (all lines)</span>
              ) : (
                <ul class="chips">
                  {entries.map(([k, v]) => (
                    <li key={k} class="chip mono">
                      {k}={v}
                    </li>
                  ))}
                </ul>
              );
            },
          },
          {
            key: 'trend',
            header: 'Trend',
            render: (r) => (
              <Sparkline
                values={r.values}
                width={160}
                height={28}
                label={`${r.points} points, last ${r.last === undefined ? 'none' : fmt.format(r.last)}`}
              />
            ),
          },
          {
            key: 'last',
            header: 'Last',
            align: 'end',
            render: (r) => (r.last === undefined ? '–' : fmt.format(r.last)),
          },
          {
            key: 'max',
            header: 'Max',
            align: 'end',
            hideOnNarrow: true,
            render: (r) => (r.max === undefined ? '–' : fmt.format(r.max)),
          },
          { key: 'points', header: 'Points', align: 'end', hideOnNarrow: true },
        ]}
      />
    </div>
  );
}
