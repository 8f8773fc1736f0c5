import type { JSX } from 'preact';
import { DataTable } from '../../components';
import { chartMetrics, latest } from './chart-data';
import { colorOf } from './chart-theme';
import type { MetricSeries } from './types';

interface Row {
  index: number;
  label: string;
  series: MetricSeries;
}

/**
 * The newest value of every metric per series: the numbers behind the charts, readable on a phone and
 * by screen readers. The swatch matches the series' line colour.
 */
export function LatestTable({
  series,
  labels,
  grouping,
}: {
  series: readonly MetricSeries[];
  labels: readonly string[];
  grouping: 'replica' | 'service';
}): JSX.Element {
  const rows: Row[] = series.map((s, index) => ({ index, label: labels[index] ?? s.service, series: s }));
  return (
    <DataTable
      caption={grouping === 'replica' ? 'Newest values per replica' : 'Newest values per service'}
      showCaption
      rows={rows}
      rowKey={(r) => r.label}
      pageParam="series"
      columns={[
        {
          key: 'label',
          header: grouping === 'replica' ? 'Replica' : 'Service',
          render: (r) => (
            <span class="nowrap">
              <span class="metric-swatch" style={{ background: colorOf(r.index) }} aria-hidden="true" />
              {r.label}
            </span>
          ),
        },
        ...chartMetrics.map((m) => ({
          key: m.key,
          header: m.title,
          align: 'end' as const,
          hideOnNarrow: m.key === 'netRxBps' || m.key === 'netTxBps',
          render: (r: Row) => {
            const value = latest(r.series, m.key);
            return value === undefined ? <span class="muted">–</span> : m.format(value);
          },
        })),
      ]}
    />
  );
}
