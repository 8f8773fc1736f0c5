import { EventRepo } from './event-repo.js';
import { openDatabase, type Db } from './open-store.js';
import { ReleaseRepo } from './release-repo.js';
import { ScanRepo } from './scan-repo.js';

export type { AppEvent } from './event-repo.js';
export type { AppRecord, Release, ReleaseStatus } from './release-repo.js';
export { EventRepo, ReleaseRepo, ScanRepo, openDatabase };
export type { StoredScan } from './scan-repo.js';

/** The embedded state of one Berth daemon. */
export interface Store {
  readonly releases: ReleaseRepo;
  readonly events: EventRepo;
  readonly scans: ScanRepo;
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
    close: () => db.close(),
  };
}
