/**
 * `GET /apps/{app}/metrics` as the metrics page reads it (src/server/routes/metrics.ts,
 * src/store/metric-repo.ts): averages per `stepMs` bucket, per replica or summed per service.
 */
export type MetricName = 'cpuCores' | 'memoryBytes' | 'netRxBps' | 'netTxBps' | 'blkReadBps' | 'blkWriteBps';

export interface MetricSeries {
  service: string;
  /** The container name (`<app>-<service>-<slot>-<hash>`), only with `by=replica`. */
  replica?: string;
  /** `[bucket start ms, value]`, ascending; buckets without samples are absent. */
  points: Record<MetricName, [number, number][]>;
}

export interface MetricsAnswer {
  app: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  series: MetricSeries[];
}

/** Series per replica, or summed per service (the API's `by`). */
export type Grouping = 'replica' | 'service';
