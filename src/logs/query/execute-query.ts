import { BerthError } from '../../errors/index.js';
import {
  logQueryProcessor,
  runMetricQuery,
  type LogEntry,
  type LogQuery,
  type LogQueryEntry,
  type MetricQuery,
  type Series,
} from '../logql/index.js';
import type { EntrySource, StoredEntry } from './entry-source.js';
import { logRangeOf, requiredLiterals } from './scope-query.js';

export interface LogQueryResult {
  kind: 'streams';
  entries: (LogQueryEntry & { metadata?: Readonly<Record<string, string>> })[];
  /** Entries read from the store before the limit was reached (how much work the query did). */
  scanned: number;
}

export interface MetricQueryResult {
  kind: 'matrix';
  series: Series[];
  scanned: number;
}

/** Structured metadata joins the labels a pipeline sees (as in Loki); stream labels win a clash. */
const toLogEntry = (entry: StoredEntry): LogEntry => ({
  labels: entry.metadata ? { ...entry.metadata, ...entry.labels } : entry.labels,
  timestampMs: entry.timestampMs,
  line: entry.line,
});

/**
 * Runs a log query against a store: entries stream in the requested order, each goes through the
 * pipeline, and reading stops at `limit` results, so "the last 100 errors" reads only the newest blocks.
 */
export async function executeLogQuery(
  source: EntrySource,
  query: LogQuery,
  options: {
    startMs: number;
    endMs: number;
    limit: number;
    direction: 'forward' | 'backward';
    signal?: AbortSignal;
  },
): Promise<LogQueryResult> {
  const process = logQueryProcessor(query);
  const entries: LogQueryResult['entries'] = [];
  let scanned = 0;
  if (options.limit <= 0) return { kind: 'streams', entries, scanned };
  for await (const stored of source.select({
    selector: query.selector,
    startMs: options.startMs,
    endMs: options.endMs,
    direction: options.direction,
    lineContains: requiredLiterals(query.pipeline),
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    scanned += 1;
    const result = process(toLogEntry(stored), stored.labels);
    if (result === undefined) continue;
    entries.push(stored.metadata ? { ...result, metadata: stored.metadata } : result);
    if (entries.length >= options.limit) break;
  }
  return { kind: 'streams', entries, scanned };
}

/**
 * Runs a metric query: reads the entries its log range needs (`start - range` to `end`), then evaluates
 * every step. Entries are held in memory, so a query may read at most `maxEntries` of them.
 */
export async function executeMetricQuery(
  source: EntrySource,
  query: MetricQuery,
  options: { startMs: number; endMs: number; stepMs: number; maxEntries?: number; signal?: AbortSignal },
): Promise<MetricQueryResult> {
  const range = logRangeOf(query);
  const maxEntries = options.maxEntries ?? 2_000_000;
  const entries: LogEntry[] = [];
  for await (const stored of source.select({
    selector: range.selector,
    // Windows are (t - range, t]; the store's range is [start, end).
    startMs: options.startMs - range.rangeMs + 1,
    endMs: options.endMs + 1,
    direction: 'forward',
    lineContains: requiredLiterals(range.pipeline),
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    if (entries.length >= maxEntries) {
      throw new BerthError(
        'BERTH_BAD_REQUEST',
        `the metric query would read more than ${maxEntries} log entries`,
        { hint: 'Narrow the selector, add a |= filter, or shorten the time range.' },
      );
    }
    entries.push(toLogEntry(stored));
  }
  return {
    kind: 'matrix',
    series: runMetricQuery(query, entries, options),
    scanned: entries.length,
  };
}
