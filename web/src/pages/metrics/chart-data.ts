import type { MetricName, MetricSeries } from './types';

/** The ranges the page offers (kept in the URL as `?range=1h`), sent to the API as `since`. */
export const ranges = [
  { key: '15m', label: '15 min', ms: 15 * 60_000 },
  { key: '1h', label: '1 h', ms: 3_600_000 },
  { key: '6h', label: '6 h', ms: 6 * 3_600_000 },
  { key: '24h', label: '24 h', ms: 24 * 3_600_000 },
  { key: '7d', label: '7 d', ms: 7 * 24 * 3_600_000 },
] as const;
export type RangeKey = (typeof ranges)[number]['key'];
export const defaultRange: RangeKey = '1h';

/** The range named in the URL, or the default for anything else. */
export function rangeOf(key: string | null): (typeof ranges)[number] {
  return ranges.find((r) => r.key === key) ?? ranges.find((r) => r.key === defaultRange)!;
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `0 B`, `512 B`, `12.3 MiB`: binary units, as `docker stats` shows memory. */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(Math.round(value)) : value.toFixed(value >= 100 ? 0 : 1);
  return `${bytes < 0 ? '-' : ''}${shown} ${byteUnits[unit]}`;
}

/** Bytes per second: `1.2 KiB/s`. */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** CPU in cores with the digits that matter: `0`, `0.0042`, `0.013`, `0.25`, `1.50`. */
export function formatCores(cores: number): string {
  if (cores === 0) return '0';
  if (Math.abs(cores) >= 1) return cores.toFixed(2);
  if (Math.abs(cores) >= 0.01) return cores.toFixed(3);
  return cores.toPrecision(2);
}

export interface ChartMetric {
  key: MetricName;
  title: string;
  /** What the numbers are, shown beside the title. */
  unit: string;
  /** A value with its unit, for the legend and the summary. */
  format: (value: number) => string;
  /** A value for the y axis (the unit is in the title). */
  axis: (value: number) => string;
  /** The y axis reaches at least this high, so an idle service reads as a flat line at 0, not noise. */
  minTop: number;
  /** Byte values: y ticks at binary steps (256 KiB, 512 KiB) instead of 488 KiB, 977 KiB. */
  binary: boolean;
}

/** Tick steps for byte axes: 1, 2, 4 … 512 times each binary unit, up to 512 TiB. */
export const binaryIncrements: readonly number[] = [0, 1, 2, 3, 4].flatMap((power) =>
  [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((n) => n * 1024 ** power),
);

/** One chart per metric, in this order. */
export const chartMetrics: readonly ChartMetric[] = [
  {
    key: 'cpuCores',
    title: 'CPU',
    unit: 'cores',
    format: (v) => `${formatCores(v)} cores`,
    axis: formatCores,
    minTop: 0.001,
    binary: false,
  },
  {
    key: 'memoryBytes',
    title: 'Memory',
    unit: 'bytes',
    format: formatBytes,
    axis: formatBytes,
    minTop: 1024 * 1024,
    binary: true,
  },
  {
    key: 'netRxBps',
    title: 'Network in',
    unit: 'bytes/s',
    format: formatRate,
    axis: formatBytes,
    minTop: 1024,
    binary: true,
  },
  {
    key: 'netTxBps',
    title: 'Network out',
    unit: 'bytes/s',
    format: formatRate,
    axis: formatBytes,
    minTop: 1024,
    binary: true,
  },
];

/**
 * What each series is called in legends and tables: the service, or with `by=replica` the service and
 * slot (`web.2`), plus the container's hash when one slot had several containers in the range (a
 * replacement), so two lines never share a name.
 */
export function seriesLabels(series: readonly MetricSeries[], app: string): string[] {
  const parts = series.map((s) => {
    if (s.replica === undefined || s.replica === '') return { base: s.service, hash: '' };
    const prefix = `${app}-${s.service}-`;
    if (!s.replica.startsWith(prefix)) return { base: s.replica, hash: '' };
    const [slot = '', ...rest] = s.replica.slice(prefix.length).split('-');
    return { base: `${s.service}.${slot}`, hash: rest.join('-') };
  });
  const counts = new Map<string, number>();
  for (const p of parts) counts.set(p.base, (counts.get(p.base) ?? 0) + 1);
  return parts.map((p) => ((counts.get(p.base) ?? 0) > 1 && p.hash ? `${p.base} (${p.hash})` : p.base));
}

/**
 * uPlot's data for one metric: shared x values in seconds (every bucket any series has) and one row
 * per series, `null` where that series has no sample, so gaps stay gaps instead of false lines.
 */
export function alignSeries(
  series: readonly MetricSeries[],
  metric: MetricName,
): { xs: number[]; ys: (number | null)[][] } {
  const times = new Set<number>();
  for (const s of series) for (const [at] of s.points[metric]) times.add(at);
  const sorted = [...times].sort((a, b) => a - b);
  const index = new Map(sorted.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const row: (number | null)[] = new Array<number | null>(sorted.length).fill(null);
    for (const [at, value] of s.points[metric]) row[index.get(at)!] = value;
    return row;
  });
  return { xs: sorted.map((t) => t / 1000), ys };
}

/** The newest value of a metric in a series, if it has any. */
export function latest(series: MetricSeries, metric: MetricName): number | undefined {
  const points = series.points[metric];
  return points.length === 0 ? undefined : points[points.length - 1]![1];
}

/** Whether any series has at least one sample of a charted metric. */
export function hasSamples(series: readonly MetricSeries[]): boolean {
  return series.some((s) => chartMetrics.some((m) => s.points[m.key].length > 0));
}
