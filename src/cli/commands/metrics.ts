import type { MetricName, MetricSeries } from '../../store/index.js';
import { print, type CliContext } from '../cli-context.js';
import { parseCommandArgs, usageError } from '../parse-command-args.js';
import { table } from '../table.js';

const usage = 'berth metrics app [service] [--since 1h] [--step 1m] [--by replica|service] [--json]';

const bars = '▁▂▃▄▅▆▇█';

/** A one-line chart of values scaled between their own min and max. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values
    .map(
      (v) => bars[span === 0 ? 0 : Math.min(bars.length - 1, Math.floor(((v - min) / span) * bars.length))],
    )
    .join('');
}

const formatBytes = (bytes: number): string => {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${units[unit]}`;
};

const last = (series: MetricSeries, name: MetricName): number => series.points[name].at(-1)?.[1] ?? 0;

/** `berth metrics`: CPU, memory, network and disk per replica (or service), newest value plus a trend. */
export async function metricsCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      since: { type: 'string' },
      step: { type: 'string' },
      by: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  const [app, service] = positionals;
  if (app === undefined || positionals.length > 2)
    throw usageError('name one app and at most one service', usage);
  if (values.by !== undefined && values.by !== 'replica' && values.by !== 'service')
    throw usageError(`--by "${values.by}" must be replica or service`, usage);
  const query = new URLSearchParams({
    since: values.since ?? '1h',
    by: values.by ?? 'replica',
    ...(values.step === undefined ? {} : { step: values.step }),
    ...(service === undefined ? {} : { service }),
  });
  const result = await ctx.client.get<{ series: MetricSeries[]; stepMs: number }>(
    `/apps/${encodeURIComponent(app)}/metrics?${query.toString()}`,
  );
  if (values.json) {
    print(ctx, JSON.stringify(result, null, 2));
    return 0;
  }
  if (result.series.length === 0) {
    print(ctx, `no samples for ${app} in the last ${values.since ?? '1h'} (replicas are sampled every 10 s)`);
    return 0;
  }
  const rows = result.series.map((s) => [
    s.replica ?? s.service,
    `${last(s, 'cpuCores').toFixed(3)}`,
    sparkline(s.points.cpuCores.map(([, v]) => v)),
    formatBytes(last(s, 'memoryBytes')),
    sparkline(s.points.memoryBytes.map(([, v]) => v)),
    `${formatBytes(last(s, 'netRxBps'))}/s`,
    `${formatBytes(last(s, 'netTxBps'))}/s`,
    `${formatBytes(last(s, 'blkReadBps') + last(s, 'blkWriteBps'))}/s`,
  ]);
  print(
    ctx,
    table(
      [
        values.by === 'service' ? 'SERVICE' : 'REPLICA',
        'CPU',
        'TREND',
        'MEMORY',
        'TREND',
        'NET IN',
        'NET OUT',
        'DISK',
      ],
      rows,
    ),
  );
  return 0;
}
