import type { LogLevel } from './log-level.js';

/** One log entry on its way to an external log system. */
export interface ExportRecord {
  /** Stream labels: `app`, `service`, `replica`, `release`, `stream`. */
  labels: Readonly<Record<string, string>>;
  timestampNs: bigint;
  line: string;
  /** Structured metadata (parsed fields). */
  metadata?: Readonly<Record<string, string>>;
  level?: LogLevel;
}

/** A stable key for a label set (labels sorted by name), to group records by stream. */
export function labelSetKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
