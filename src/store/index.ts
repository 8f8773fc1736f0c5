import { EventRepo } from './event-repo.js';
import { MetricRepo } from './metric-repo.js';
import { openDatabase, type Db } from './open-store.js';
import { ReleaseRepo } from './release-repo.js';
import { ScanRepo } from './scan-repo.js';

export type { AppEvent } from './event-repo.js';
export type { AppRecord, Release, ReleaseStatus } from './release-repo.js';
export { EventRepo, MetricRepo, ReleaseRepo, ScanRepo, openDatabase };
export { metricNames } from './metric-repo.js';
export type { MetricName, MetricQuery, MetricSample, MetricSeries } from './metric-repo.js';
export type { StoredScan } from './scan-repo.js';

/** The embedded state of one Berth daemon. */
export interface Store {
  readonly releases: ReleaseRepo;
  readonly events: EventRepo;
  readonly scans: ScanRepo;
  readonly metrics: MetricRepo;
  close(): void;
}

/**
 * Opens the store under `home` (or in memory with ':memory:' for tests).
 *
 * @example
 * const store = openStore(config.home);
 */
export function openStore(home: string): Store {
  const db: Db = openDatabase(home);
  return {
    releases: new ReleaseRepo(db),
    events: new EventRepo(db),
    scans: new ScanRepo(db),
    metrics: new MetricRepo(db),
    close: () => db.close(),
  };
}
