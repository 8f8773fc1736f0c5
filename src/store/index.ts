import { EventRepo } from './event-repo.js';
import { MetricRepo } from './metric-repo.js';
import { PipelineRepo } from './pipeline-repo.js';
import { SecretRepo } from './secret-repo.js';
import { UserRepo } from './user-repo.js';
import { openDatabase, type Db } from './open-store.js';
import { ReleaseRepo } from './release-repo.js';
import { ScanRepo } from './scan-repo.js';

export type { AppEvent } from './event-repo.js';
export type { AppRecord, Release, ReleaseStatus } from './release-repo.js';
export { EventRepo, MetricRepo, PipelineRepo, ReleaseRepo, ScanRepo, SecretRepo, UserRepo, openDatabase };
export { auditOutcomeClasses, roles } from './user-repo.js';
export type { ApiToken, AuditEntry, AuditOutcomeClass, Role, User } from './user-repo.js';
export { finishedRunStatuses } from './pipeline-repo.js';
export type {
  PipelineRun,
  PipelineSource,
  PipelineStepRecord,
  RunStatus,
  RunTrigger,
} from './pipeline-repo.js';
export { metricNames } from './metric-repo.js';
export type { MetricName, MetricQuery, MetricSample, MetricSeries } from './metric-repo.js';
export type { StoredScan } from './scan-repo.js';

/** The embedded state of one Berth daemon. */
export interface Store {
  readonly releases: ReleaseRepo;
  readonly events: EventRepo;
  readonly scans: ScanRepo;
  readonly metrics: MetricRepo;
  readonly pipelines: PipelineRepo;
  readonly secrets: SecretRepo;
  readonly users: UserRepo;
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
    pipelines: new PipelineRepo(db),
    secrets: new SecretRepo(db),
    users: new UserRepo(db),
    close: () => db.close(),
  };
}
