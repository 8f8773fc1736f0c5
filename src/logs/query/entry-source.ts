import type { LabelMatcher } from '../logql/index.js';

/** One stored log entry: its stream labels, time, line and structured metadata (parsed fields). */
export interface StoredEntry {
  labels: Readonly<Record<string, string>>;
  timestampMs: number;
  line: string;
  metadata?: Readonly<Record<string, string>>;
}

export interface SelectOptions {
  selector: LabelMatcher[];
  /** `[startMs, endMs)`. */
  startMs: number;
  endMs: number;
  direction: 'forward' | 'backward';
  /** Literals every returned line contains (from `|=` filters), so stores can skip blocks. */
  lineContains?: string[];
  signal?: AbortSignal;
}

/** Where queries read entries from, in time order for the requested direction (the log store). */
export interface EntrySource {
  select(options: SelectOptions): AsyncIterable<StoredEntry>;
}
