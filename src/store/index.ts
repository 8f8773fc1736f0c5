import { EventRepo } from './event-repo.js';
import { openDatabase, type Db } from './open-store.js';
import { ReleaseRepo } from './release-repo.js';

export type { AppEvent } from './event-repo.js';
export type { AppRecord, Release, ReleaseStatus } from './release-repo.js';
export { EventRepo, ReleaseRepo, openDatabase };

/** The embedded state of one Berth daemon. */
export interface Store {
  readonly releases: ReleaseRepo;
  readonly events: EventRepo;
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
  return { releases: new ReleaseRepo(db), events: new EventRepo(db), close: () => db.close() };
}
