/**
 * Berth's LogQL subset: parse a query, then run it over in-memory entries. See README.md for the
 * grammar, the regular-expression subset and the gaps.
 */
export type {
  CompareOp,
  Comparison,
  ComparisonOp,
  Grouping,
  LabelFilter,
  LabelMatcher,
  LineFilterOp,
  LogQuery,
  LogRange,
  LogqlQuery,
  MetricQuery,
  RangeAggregation,
  RangeOp,
  Stage,
  UnwrapConversion,
  VectorAggregation,
  VectorOp,
} from './ast.js';
export { LogqlSyntaxError } from './logql-syntax-error.js';
export type { LogqlPosition } from './logql-syntax-error.js';
export { parseLogql } from './parse-query.js';
export type { LogEntry, ProcessedEntry } from './pipeline.js';
export { logQueryProcessor, runLogQuery } from './run-log-query.js';
export { matchesSelector } from './pipeline.js';
export type { LogQueryEntry, LogQueryOptions } from './run-log-query.js';
export { runMetricQuery } from './run-metric-query.js';
export type { MetricQueryOptions, Series } from './run-metric-query.js';
export { parseBytes, parseDurationSeconds } from './units.js';
export { compileRe2 } from './re2.js';
