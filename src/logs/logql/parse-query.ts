import type {
  ComparisonOp,
  Grouping,
  LogQuery,
  LogRange,
  LogqlQuery,
  MetricQuery,
  RangeOp,
  VectorOp,
} from './ast.js';
import { tokenize } from './lexer.js';
import { parsePipeline, parseSelector } from './parse-pipeline.js';
import { TokenStream } from './token-stream.js';

const logRangeOps: readonly RangeOp[] = ['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate'];
const unwrapRangeOps: readonly RangeOp[] = [
  'rate',
  'sum_over_time',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'quantile_over_time',
];
// LogQL docs: all unwrapped functions except sum_over_time and rate accept `by`/`without` directly.
const groupableRangeOps: readonly RangeOp[] = [
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'quantile_over_time',
];
const vectorOps: readonly VectorOp[] = ['sum', 'avg', 'min', 'max', 'count', 'topk', 'bottomk'];

/**
 * Parses a LogQL query (the subset described in README.md) into its AST.
 * Throws LogqlSyntaxError with the position, what was expected and what was found.
 *
 * @example
 * parseLogql('sum by (status) (rate({app="shop"} | json | status >= 500 [1m]))');
 */
export function parseLogql(source: string): LogqlQuery {
  const ts = new TokenStream(source, tokenize(source));
  const query = ts.isPunct('{') ? parseLogQuery(ts) : parseMetric(ts);
  if (ts.peek().kind !== 'eof') {
    ts.fail(
      query.kind === 'log_query' ? ['"|"', '"|="', '"!="', '"|~"', '"!~"', 'end of query'] : ['end of query'],
    );
  }
  return query;
}

function parseLogQuery(ts: TokenStream): LogQuery {
  const selector = parseSelector(ts);
  const pipeline = parsePipeline(ts, { allowUnwrap: false });
  return { kind: 'log_query', selector, pipeline };
}

const comparisonOps: readonly ComparisonOp[] = ['==', '!=', '>=', '<=', '>', '<'];

function parseMetric(ts: TokenStream): MetricQuery {
  const expr = parseMetricOperand(ts);
  const op = comparisonOps.find((o) => ts.isPunct(o));
  if (op === undefined) return expr;
  ts.next();
  const bool = ts.isIdent('bool');
  if (bool) ts.next();
  const number = ts.peek();
  if (number.kind !== 'number') ts.fail(['a number to compare with'], number);
  ts.next();
  const threshold = Number(number.text);
  return { kind: 'comparison', op, bool, threshold, expr };
}

function parseMetricOperand(ts: TokenStream): MetricQuery {
  if (ts.isPunct('(')) {
    ts.next();
    const inner = parseMetric(ts);
    ts.expectPunct(')');
    return inner;
  }
  const head = ts.peek();
  const name = head.kind === 'ident' ? head.text : '';
  if ((vectorOps as readonly string[]).includes(name)) return parseVector(ts, name as VectorOp);
  if (
    (unwrapRangeOps as readonly string[]).includes(name) ||
    (logRangeOps as readonly string[]).includes(name)
  ) {
    return parseRangeAggregation(ts, name as RangeOp);
  }
  return ts.fail([
    '"{"',
    'a range aggregation such as rate or count_over_time',
    'a vector aggregation such as sum',
  ]);
}

function parseGrouping(ts: TokenStream): Grouping | undefined {
  if (!ts.isIdent('by') && !ts.isIdent('without')) return undefined;
  const mode = ts.next().text as Grouping['mode'];
  ts.expectPunct('(');
  const labels: string[] = [];
  if (!ts.isPunct(')')) {
    labels.push(ts.expectKind('ident', 'a label name').text);
    while (ts.isPunct(',')) {
      ts.next();
      labels.push(ts.expectKind('ident', 'a label name').text);
    }
  }
  if (!ts.isPunct(')')) ts.fail(['","', '")"']);
  ts.next();
  return { mode, labels };
}

function parseVector(ts: TokenStream, op: VectorOp): MetricQuery {
  ts.next();
  let grouping = parseGrouping(ts);
  ts.expectPunct('(');
  let param: number | undefined;
  if (op === 'topk' || op === 'bottomk') {
    const k = ts.peek();
    if (k.kind !== 'number' || !Number.isInteger(k.value) || (k.value ?? 0) < 1) {
      ts.fail([`a positive whole number k for ${op}`]);
    }
    param = k.value;
    ts.next();
    ts.expectPunct(',');
  }
  const expr = parseMetric(ts);
  ts.expectPunct(')');
  if (grouping === undefined) grouping = parseGrouping(ts);
  return {
    kind: 'vector_aggregation',
    op,
    ...(param === undefined ? {} : { param }),
    ...(grouping === undefined ? {} : { grouping }),
    expr,
  };
}

function parseRangeAggregation(ts: TokenStream, op: RangeOp): MetricQuery {
  const head = ts.next();
  ts.expectPunct('(');
  let param: number | undefined;
  if (op === 'quantile_over_time') {
    const phi = ts.peek();
    if (phi.kind !== 'number') ts.fail(['a quantile between 0 and 1']);
    param = phi.value;
    ts.next();
    ts.expectPunct(',');
  }
  const range = parseLogRange(ts);
  ts.expectPunct(')');
  const unwrapped = range.pipeline.some((s) => s.kind === 'unwrap');
  if (unwrapped && !unwrapRangeOps.includes(op)) {
    ts.fail(
      [`a log range without unwrap for ${op}`],
      head,
      `${op} does not accept an unwrapped range; use sum_over_time, avg_over_time, … or drop "| unwrap"`,
    );
  }
  if (!unwrapped && !logRangeOps.includes(op)) {
    ts.fail(
      [`"| unwrap <label>" for ${op}`],
      head,
      `${op} needs an unwrapped range such as ${op}({…} | unwrap latency [5m])`,
    );
  }
  const grouping = unwrapped && groupableRangeOps.includes(op) ? parseGrouping(ts) : undefined;
  return {
    kind: 'range_aggregation',
    op,
    ...(param === undefined ? {} : { param }),
    range,
    ...(grouping === undefined ? {} : { grouping }),
  };
}

/** `{…} | … [5m]` or `{…}[5m] | …` — the range may follow the selector or end the pipeline. */
function parseLogRange(ts: TokenStream): LogRange {
  const selector = parseSelector(ts);
  let rangeMs = ts.isPunct('[') ? parseRange(ts) : undefined;
  const pipeline = parsePipeline(ts, { allowUnwrap: true });
  if (rangeMs === undefined) {
    if (!ts.isPunct('[')) ts.fail(['a range such as [5m]', '"|"', '"|="', '"!="', '"|~"', '"!~"']);
    rangeMs = parseRange(ts);
  }
  return { selector, pipeline, rangeMs };
}

function parseRange(ts: TokenStream): number {
  ts.expectPunct('[');
  const duration = ts.peek();
  if (duration.kind !== 'duration' || (duration.value ?? 0) <= 0) ts.fail(['a positive duration such as 5m']);
  ts.next();
  ts.expectPunct(']');
  return Math.round((duration.value ?? 0) * 1000);
}
