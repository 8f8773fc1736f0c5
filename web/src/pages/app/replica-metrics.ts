/** One series of `GET /apps/{app}/metrics?by=replica` (src/store/metric-repo.ts): `[bucketStartMs, value]`. */
export interface MetricSeries {
  service: string;
  /** The container name, as `ReplicaStatus.name`. */
  replica?: string;
  points: { cpuCores: [number, number][]; memoryBytes: [number, number][] };
}

export interface MetricsAnswer {
  app: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  series: MetricSeries[];
}

/** The CPU and memory trend of one replica, oldest first. */
export interface ReplicaTrend {
  cpuCores: number[];
  memoryBytes: number[];
}

/** The window the sparklines show, and how often they are fetched again. */
export const trendWindow = { since: '15m', refreshMs: 15_000 } as const;

/**
 * Indexes the metric series by container name, so a replica row finds its sparkline values.
 *
 * @example
 * trendsByReplica(answer).get('shop-web-1-60fc56da')?.cpuCores // [0.01, 0.02, …]
 */
export function trendsByReplica(
  answer: Pick<MetricsAnswer, 'series'> | undefined,
): Map<string, ReplicaTrend> {
  const trends = new Map<string, ReplicaTrend>();
  for (const series of answer?.series ?? []) {
    if (!series.replica) continue;
    trends.set(series.replica, {
      cpuCores: series.points.cpuCores.map(([, v]) => v),
      memoryBytes: series.points.memoryBytes.map(([, v]) => v),
    });
  }
  return trends;
}

/**
 * The app's CPU and memory now: the newest sample of each of these replicas, summed. Undefined when
 * none of them has a sample yet (metrics arrive every 10 s).
 */
export function currentUsage(
  replicas: readonly string[],
  trends: ReadonlyMap<string, ReplicaTrend>,
): ReplicaUsage | undefined {
  let found = false;
  const usage = { cpuCores: 0, memoryBytes: 0 };
  for (const name of replicas) {
    const trend = trends.get(name);
    const cpu = trend?.cpuCores.at(-1);
    const memory = trend?.memoryBytes.at(-1);
    if (cpu === undefined || memory === undefined) continue;
    found = true;
    usage.cpuCores += cpu;
    usage.memoryBytes += memory;
  }
  return found ? usage : undefined;
}

export interface ReplicaUsage {
  cpuCores: number;
  memoryBytes: number;
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `1536` -> `1.5 KiB`; `0` -> `0 B`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${byteUnits[unit]}`;
}

/** CPU in cores as a percentage of one core, as `docker stats` shows it: `0.125` -> `12.5 %`. */
export function formatCpu(cores: number): string {
  const percent = cores * 100;
  return `${percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)} %`;
}
