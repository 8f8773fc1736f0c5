/**
 * The log API's answers as this page reads them (src/server/routes/log-query.ts, patterns.ts; docs/logs.md).
 * Kept in the page folder: no other page reads logs.
 */

/** One entry of `GET /logs/query_range` for a log query. */
export interface QueryEntry {
  timestampMs: number;
  /** The line after `line_format` (the original line when there is none). */
  line: string;
  /** Every label after the pipeline (stream labels plus parsed fields). */
  labels: Record<string, string>;
  /** The stream's labels as stored: app, service, replica, release, stream. */
  streamLabels: Record<string, string>;
  /** Labels the query's parsers added or changed. */
  fields: Record<string, string>;
  /** Structured metadata kept at ingestion (parsed JSON/logfmt fields, level, truncated). */
  metadata?: Record<string, string>;
}

export interface StreamsAnswer {
  resultType: 'streams';
  startMs: number;
  endMs: number;
  entries: QueryEntry[];
  scanned: number;
}

export interface Series {
  labels: Record<string, string>;
  /** `[timestampMs, value]` at each step where the series has a value. */
  points: [number, number][];
}

export interface MatrixAnswer {
  resultType: 'matrix';
  startMs: number;
  endMs: number;
  stepMs: number;
  series: Series[];
  scanned: number;
}

export type QueryRangeAnswer = StreamsAnswer | MatrixAnswer;

/** One `entry` event of `GET /logs/tail` (server-sent events). */
export interface TailEntry {
  labels: Record<string, string>;
  timestampMs: number;
  line: string;
  metadata?: Record<string, string>;
}

/** One template of `GET /apps/{app}/patterns`. */
export interface Pattern {
  templateId: string;
  template: string;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  /** First seen after the app's newest release started. */
  new: boolean;
}

export interface PatternsAnswer {
  app: string;
  startMs: number;
  endMs: number;
  total: number;
  patterns: Pattern[];
}

/**
 * A line as the list shows it: query entries and tail entries alike. `seq` grows in list order, so an
 * expanded row can be found again after the list changes (tail drops old lines from the front).
 */
export interface LogLine {
  seq: number;
  timestampMs: number;
  line: string;
  streamLabels: Readonly<Record<string, string>>;
  fields: Readonly<Record<string, string>>;
  metadata: Readonly<Record<string, string>>;
}
