import { BerthError } from '../../errors/index.js';
import type { LogQuery } from './ast.js';
import { compilePipeline, matchesSelector, type LogEntry } from './pipeline.js';

export interface LogQueryOptions {
  /** Inclusive start of the time range. */
  startMs: number;
  /** Exclusive end of the time range (as Loki's `end`). */
  endMs: number;
  /** Most entries returned; Loki's default is 100. */
  limit?: number;
  /** `backward` (newest first, Loki's default) or `forward`. */
  direction?: 'forward' | 'backward';
}

export interface LogQueryEntry {
  timestampMs: number;
  /** The line after `line_format` (the original line when there is none). */
  line: string;
  /** Every label after the pipeline: stream labels, parsed fields, `__error__`, minus dropped ones. */
  labels: Record<string, string>;
  /** The entry's stream labels as stored. */
  streamLabels: Readonly<Record<string, string>>;
  /** The labels the pipeline added or changed (parsed fields and `__error__`). */
  fields: Record<string, string>;
}

/**
 * Runs a log query over in-memory entries: selector, then the pipeline per line, then order and limit.
 *
 * @example
 * runLogQuery(parseLogql('{app="shop"} |= "error" | json') as LogQuery, entries, { startMs: 0, endMs: Date.now() });
 */
export function runLogQuery(
  query: LogQuery,
  entries: readonly LogEntry[],
  options: LogQueryOptions,
): LogQueryEntry[] {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `log query limit ${String(limit)} is not a non-negative whole number`,
      {
        hint: 'pass a limit such as 100',
      },
    );
  }
  const backward = (options.direction ?? 'backward') === 'backward';
  const candidates = entries
    .filter((e) => e.timestampMs >= options.startMs && e.timestampMs < options.endMs)
    .filter((e) => matchesSelector(query.selector, e.labels))
    .sort((a, b) => (backward ? b.timestampMs - a.timestampMs : a.timestampMs - b.timestampMs));
  const processor = logQueryProcessor(query);
  const out: LogQueryEntry[] = [];
  for (const entry of candidates) {
    if (out.length >= limit) break;
    const result = processor(entry);
    if (result !== undefined) out.push(result);
  }
  return out;
}

/**
 * The per-entry half of a log query (no selector check, no ordering): runs the pipeline and reports
 * which labels it added. `streamLabels` defaults to the entry's labels; callers that merged structured
 * metadata into `entry.labels` pass the stream's own labels.
 */
export function logQueryProcessor(
  query: LogQuery,
): (entry: LogEntry, streamLabels?: Readonly<Record<string, string>>) => LogQueryEntry | undefined {
  const pipeline = compilePipeline(query.pipeline);
  return (entry, streamLabels = entry.labels) => {
    const processed = pipeline(entry);
    if (processed === undefined) return undefined;
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(processed.labels)) {
      if (entry.labels[name] !== value) fields[name] = value;
    }
    return {
      timestampMs: entry.timestampMs,
      line: processed.line,
      labels: processed.labels,
      streamLabels,
      fields,
    };
  };
}
