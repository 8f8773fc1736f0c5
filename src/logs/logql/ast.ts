/**
 * The typed AST of Berth's LogQL subset. Shapes follow the grammar in grafana/loki
 * `docs/sources/query/log_queries/_index.md` and `metric_queries.md`; nodes are plain data so they can be
 * compared, serialised and evaluated by the pure functions in this folder.
 */

/** `{name op "value"}`: Prometheus label matcher semantics (regexes fully anchored). */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export type LineFilterOp = '|=' | '!=' | '|~' | '!~';
export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

/** A label filter expression; `and`/`or` are evaluated left to right, parentheses override. */
export type LabelFilter =
  | { kind: 'and' | 'or'; left: LabelFilter; right: LabelFilter }
  | { kind: 'string'; name: string; op: '=' | '!=' | '=~' | '!~'; value: string }
  | { kind: 'number'; name: string; op: CompareOp; value: number }
  /** `valueSeconds` is the literal converted to seconds (`1m30s` → 90). */
  | { kind: 'duration'; name: string; op: CompareOp; valueSeconds: number }
  /** `value` is the literal in bytes (`10KB` → 10000, `1KiB` → 1024). */
  | { kind: 'bytes'; name: string; op: CompareOp; value: number };

export type UnwrapConversion = 'none' | 'duration' | 'bytes';

export type Stage =
  | { kind: 'line_filter'; op: LineFilterOp; value: string }
  | { kind: 'json' }
  | { kind: 'logfmt' }
  | { kind: 'regexp'; pattern: string }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'label_filter'; filter: LabelFilter }
  | { kind: 'line_format'; template: string }
  | { kind: 'drop'; labels: string[] }
  | { kind: 'keep'; labels: string[] }
  /** Only in metric queries, last in the pipeline (label filters may follow). */
  | { kind: 'unwrap'; label: string; conversion: UnwrapConversion };

/** A log query: a stream selector and a pipeline of stages run left to right. */
export interface LogQuery {
  kind: 'log_query';
  selector: LabelMatcher[];
  pipeline: Stage[];
}

/** A log query with a range, `{…} | … [5m]`, the argument of a range aggregation. */
export interface LogRange {
  selector: LabelMatcher[];
  pipeline: Stage[];
  rangeMs: number;
}

export type RangeOp =
  | 'count_over_time'
  | 'rate'
  | 'bytes_over_time'
  | 'bytes_rate'
  | 'sum_over_time'
  | 'avg_over_time'
  | 'min_over_time'
  | 'max_over_time'
  | 'quantile_over_time';

export type VectorOp = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'topk' | 'bottomk';

export interface Grouping {
  mode: 'by' | 'without';
  labels: string[];
}

export interface RangeAggregation {
  kind: 'range_aggregation';
  op: RangeOp;
  /** φ of `quantile_over_time`. */
  param?: number;
  range: LogRange;
  grouping?: Grouping;
}

export interface VectorAggregation {
  kind: 'vector_aggregation';
  op: VectorOp;
  /** k of `topk`/`bottomk`. */
  param?: number;
  grouping?: Grouping;
  expr: MetricQuery;
}

export type ComparisonOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

/**
 * `expr > 5`: a comparison with a number (Prometheus/LogQL vector-scalar comparison). Without `bool`
 * it keeps the points where it holds; with `bool` every point becomes 1 or 0. Alert rules use it.
 */
export interface Comparison {
  kind: 'comparison';
  op: ComparisonOp;
  bool: boolean;
  threshold: number;
  expr: MetricQuery;
}

export type MetricQuery = RangeAggregation | VectorAggregation | Comparison;
export type LogqlQuery = LogQuery | MetricQuery;
