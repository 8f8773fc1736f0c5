import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunEvent } from './run-events.js';

/**
 * A run's events (status changes and masked step output) as an NDJSON file next to its workspace, so
 * logs outlive the daemon and a live view can replay them before following.
 */
export class RunLog {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  append(event: RunEvent): void {
    appendFileSync(this.#path, `${JSON.stringify({ at: Date.now(), ...event })}\n`, { mode: 0o600 });
  }

  /** Every event so far (a missing file is an empty log). */
  read(): (RunEvent & { at: number })[] {
    if (!existsSync(this.#path)) return [];
    return readFileSync(this.#path, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as RunEvent & { at: number });
  }
}
