import type { Db } from './open-store.js';

/** One replica's resource use over one sampling interval. */
export interface MetricSample {
  app: string;
  service: string;
  /** The container name (`<app>-<service>-<slot>-<hash>`). */
  replica: string;
  at: number;
  cpuCores: number;
  memoryBytes: number;
  memoryLimitBytes?: number;
  netRxBps: number;
  netTxBps: number;
  blkReadBps: number;
  blkWriteBps: number;
}

export const metricNames = [
  'cpuCores',
  'memoryBytes',
  'netRxBps',
  'netTxBps',
  'blkReadBps',
  'blkWriteBps',
] as const;
export type MetricName = (typeof metricNames)[number];

/** A metric over time for one replica (`by: 'replica'`) or one service (sum over its replicas). */
export interface MetricSeries {
  service: string;
  replica?: string;
  /** `[bucket start ms, value]`, ascending; buckets without samples are absent. */
  points: Record<MetricName, [number, number][]>;
}

export interface MetricQuery {
  app: string;
  service?: string;
  sinceMs: number;
  untilMs: number;
  stepMs: number;
  by: 'replica' | 'service';
}

const columns: Record<MetricName, string> = {
  cpuCores: 'cpu_cores',
  memoryBytes: 'memory_bytes',
  netRxBps: 'net_rx_bps',
  netTxBps: 'net_tx_bps',
  blkReadBps: 'blk_read_bps',
  blkWriteBps: 'blk_write_bps',
};

type Row = Record<MetricName, number> & { service: string; replica: string; bucket: number };

/** Container metrics as rows in `state.db`, bucketed on read. */
export class MetricRepo {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  addMany(samples: readonly MetricSample[]): void {
    if (samples.length === 0) return;
    const insert = this.#db.prepare(
      `INSERT INTO metric_samples (app, service, replica, at, cpu_cores, memory_bytes, memory_limit_bytes,
         net_rx_bps, net_tx_bps, blk_read_bps, blk_write_bps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#db.transaction(() => {
      for (const s of samples) {
        insert.run(
          s.app,
          s.service,
          s.replica,
          s.at,
          s.cpuCores,
          Math.round(s.memoryBytes),
          s.memoryLimitBytes ?? null,
          s.netRxBps,
          s.netTxBps,
          s.blkReadBps,
          s.blkWriteBps,
        );
      }
    })();
  }

  /**
   * Averages each replica's samples per `stepMs` bucket; `by: 'service'` then sums the replicas of a
   * service per bucket (so CPU reads as cores used by the whole service).
   */
  query(q: MetricQuery): MetricSeries[] {
    const averages = (Object.keys(columns) as MetricName[])
      .map((name) => `AVG(${columns[name]}) AS ${name}`)
      .join(', ');
    const perReplica = `SELECT service, replica, (at / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS bucket, ${averages}
      FROM metric_samples WHERE app = @app AND at >= @since AND at < @until
      ${q.service === undefined ? '' : 'AND service = @service'}
      GROUP BY service, replica, bucket`;
    const sql =
      q.by === 'replica'
        ? `${perReplica} ORDER BY service, replica, bucket`
        : `SELECT service, '' AS replica, bucket, ${metricNames.map((n) => `SUM(${n}) AS ${n}`).join(', ')}
           FROM (${perReplica}) GROUP BY service, bucket ORDER BY service, bucket`;
    const rows = this.#db.prepare(sql).all({
      app: q.app,
      since: q.sinceMs,
      until: q.untilMs,
      step: Math.max(1, Math.floor(q.stepMs)),
      ...(q.service === undefined ? {} : { service: q.service }),
    }) as Row[];
    const series = new Map<string, MetricSeries>();
    for (const row of rows) {
      const key = `${row.service}\u0000${row.replica}`;
      let entry = series.get(key);
      if (!entry) {
        entry = {
          service: row.service,
          ...(q.by === 'replica' ? { replica: row.replica } : {}),
          points: Object.fromEntries(metricNames.map((n) => [n, []])) as unknown as MetricSeries['points'],
        };
        series.set(key, entry);
      }
      for (const name of metricNames) entry.points[name].push([row.bucket, row[name]]);
    }
    return [...series.values()];
  }

  /**
   * Drops samples older than `beforeMs`: of one app, or (with `exceptApps`) of every app not listed,
   * which keep their own retention.
   */
  deleteBefore(beforeMs: number, scope: { app?: string; exceptApps?: readonly string[] } = {}): number {
    if (scope.app !== undefined) {
      return this.#db.prepare('DELETE FROM metric_samples WHERE at < ? AND app = ?').run(beforeMs, scope.app)
        .changes;
    }
    const except = scope.exceptApps ?? [];
    const sql = `DELETE FROM metric_samples WHERE at < ?${except.length === 0 ? '' : ` AND app NOT IN (${except.map(() => '?').join(', ')})`}`;
    return this.#db.prepare(sql).run(beforeMs, ...except).changes;
  }

  deleteApp(app: string): number {
    return this.#db.prepare('DELETE FROM metric_samples WHERE app = ?').run(app).changes;
  }
}
