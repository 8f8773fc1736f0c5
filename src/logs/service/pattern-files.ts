import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { PatternTracker, type PatternTrackerState } from './pattern-tracker.js';

/** Each app's patterns, persisted as `<dir>/<app>.json` (written atomically). */
export class PatternFiles {
  readonly #dir: string;
  readonly #logger: Logger;

  constructor(dir: string, logger: Logger) {
    this.#dir = dir;
    this.#logger = logger;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  loadAll(): Map<string, PatternTracker> {
    const trackers = new Map<string, PatternTracker>();
    for (const file of readdirSync(this.#dir)) {
      if (!file.endsWith('.json')) continue;
      const app = file.slice(0, -'.json'.length);
      try {
        const state = JSON.parse(readFileSync(join(this.#dir, file), 'utf8')) as PatternTrackerState;
        trackers.set(app, new PatternTracker(state));
      } catch (error) {
        // Patterns are derived data: start over rather than refuse to start.
        this.#logger.warn({ err: error, app }, 'pattern state unreadable; mining starts afresh');
      }
    }
    return trackers;
  }

  save(app: string, tracker: PatternTracker): void {
    const path = join(this.#dir, `${app}.json`);
    writeFileSync(`${path}.tmp`, JSON.stringify(tracker.toJSON()), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
}
