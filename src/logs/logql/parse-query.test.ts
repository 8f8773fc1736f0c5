import { describe, expect, it } from 'vitest';
import type { LabelFilter, LogqlQuery, Stage } from './ast.js';
import { parseLogql } from './parse-query.js';

const sel = [{ name: 'app', op: '=', value: 'shop' }] as const;
const log = (...pipeline: Stage[]): LogqlQuery => ({ kind: 'log_query', selector: [...sel], pipeline });
const filter = (f: LabelFilter): Stage => ({ kind: 'label_filter', filter: f });

describe('parseLogql() log queries', () => {
  it.each<[string, LogqlQuery]>([
    [
      '{app="shop", service=~"web|api", stream!="stderr", x!~"a.*"}',
      {
        kind: 'log_query',
        selector: [
          { name: 'app', op: '=', value: 'shop' },
          { name: 'service', op: '=~', value: 'web|api' },
          { name: 'stream', op: '!=', value: 'stderr' },
          { name: 'x', op: '!~', value: 'a.*' },
        ],
        pipeline: [],
      },
    ],
    [
      '{app="shop"} |= "x" != "y" |~ `\\d+` !~ "a\\\\b"',
      log(
        { kind: 'line_filter', op: '|=', value: 'x' },
        { kind: 'line_filter', op: '!=', value: 'y' },
        { kind: 'line_filter', op: '|~', value: '\\d+' },
        { kind: 'line_filter', op: '!~', value: 'a\\b' },
      ),
    ],
    ['{app="shop"} | json | logfmt', log({ kind: 'json' }, { kind: 'logfmt' })],
    ['{app="shop"} | regexp "(?P<ip>\\\\S+)"', log({ kind: 'regexp', pattern: '(?P<ip>\\S+)' })],
    [
      '{app="shop"} | pattern "<ip> - <_> <status>"',
      log({ kind: 'pattern', pattern: '<ip> - <_> <status>' }),
    ],
    ['{app="shop"} | status = "200"', log(filter({ kind: 'string', name: 'status', op: '=', value: '200' }))],
    [
      '{app="shop"} | status == "200"',
      log(filter({ kind: 'string', name: 'status', op: '=', value: '200' })),
    ],
    [
      '{app="shop"} | path =~ "/api/.*"',
      log(filter({ kind: 'string', name: 'path', op: '=~', value: '/api/.*' })),
    ],
    [
      '{app="shop"} | path !~ "/health"',
      log(filter({ kind: 'string', name: 'path', op: '!~', value: '/health' })),
    ],
    ['{app="shop"} | status >= 500', log(filter({ kind: 'number', name: 'status', op: '>=', value: 500 }))],
    ['{app="shop"} | status = 500', log(filter({ kind: 'number', name: 'status', op: '==', value: 500 }))],
    ['{app="shop"} | status != 500', log(filter({ kind: 'number', name: 'status', op: '!=', value: 500 }))],
    ['{app="shop"} | ratio < 0.5', log(filter({ kind: 'number', name: 'ratio', op: '<', value: 0.5 }))],
    [
      '{app="shop"} | took > 1m30s',
      log(filter({ kind: 'duration', name: 'took', op: '>', valueSeconds: 90 })),
    ],
    [
      '{app="shop"} | took <= 250ms',
      log(filter({ kind: 'duration', name: 'took', op: '<=', valueSeconds: 0.25 })),
    ],
    ['{app="shop"} | size > 10KB', log(filter({ kind: 'bytes', name: 'size', op: '>', value: 10_000 }))],
    ['{app="shop"} | size < 1KiB', log(filter({ kind: 'bytes', name: 'size', op: '<', value: 1024 }))],
    [
      '{app="shop"} | a = "1" and b = "2"',
      log(
        filter({
          kind: 'and',
          left: { kind: 'string', name: 'a', op: '=', value: '1' },
          right: { kind: 'string', name: 'b', op: '=', value: '2' },
        }),
      ),
    ],
    [
      '{app="shop"} | a > 1, b < 2',
      log(
        filter({
          kind: 'and',
          left: { kind: 'number', name: 'a', op: '>', value: 1 },
          right: { kind: 'number', name: 'b', op: '<', value: 2 },
        }),
      ),
    ],
    [
      // Left to right: `a or b and c` is `(a or b) and c` (LogQL docs).
      '{app="shop"} | a = "1" or b = "2" and c = "3"',
      log(
        filter({
          kind: 'and',
          left: {
            kind: 'or',
            left: { kind: 'string', name: 'a', op: '=', value: '1' },
            right: { kind: 'string', name: 'b', op: '=', value: '2' },
          },
          right: { kind: 'string', name: 'c', op: '=', value: '3' },
        }),
      ),
    ],
    [
      '{app="shop"} | a = "1" or (b = "2" and c = "3")',
      log(
        filter({
          kind: 'or',
          left: { kind: 'string', name: 'a', op: '=', value: '1' },
          right: {
            kind: 'and',
            left: { kind: 'string', name: 'b', op: '=', value: '2' },
            right: { kind: 'string', name: 'c', op: '=', value: '3' },
          },
        }),
      ),
    ],
    ['{app="shop"} | __error__ = ""', log(filter({ kind: 'string', name: '__error__', op: '=', value: '' }))],
    [
      '{app="shop"} | line_format "{{.status}} {{ .path }}"',
      log({ kind: 'line_format', template: '{{.status}} {{ .path }}' }),
    ],
    ['{app="shop"} | drop a, b', log({ kind: 'drop', labels: ['a', 'b'] })],
    ['{app="shop"} | keep a', log({ kind: 'keep', labels: ['a'] })],
    ['{app="shop"} | json = "x"', log(filter({ kind: 'string', name: 'json', op: '=', value: 'x' }))],
    [
      '{app="shop"}\n  |= "a" # comment\n  | json',
      log({ kind: 'line_filter', op: '|=', value: 'a' }, { kind: 'json' }),
    ],
  ])('parses %s', (query, ast) => {
    expect(parseLogql(query)).toEqual(ast);
  });
});

const range = (pipeline: Stage[], rangeMs = 300_000) => ({ selector: [...sel], pipeline, rangeMs });

describe('parseLogql() metric queries', () => {
  it.each<[string, LogqlQuery]>([
    [
      'count_over_time({app="shop"}[5m])',
      { kind: 'range_aggregation', op: 'count_over_time', range: range([]) },
    ],
    [
      'rate({app="shop"} |= "x" [1m])',
      {
        kind: 'range_aggregation',
        op: 'rate',
        range: range([{ kind: 'line_filter', op: '|=', value: 'x' }], 60_000),
      },
    ],
    [
      'bytes_over_time({app="shop"}[1h])',
      { kind: 'range_aggregation', op: 'bytes_over_time', range: range([], 3_600_000) },
    ],
    [
      'bytes_rate({app="shop"}[30s])',
      { kind: 'range_aggregation', op: 'bytes_rate', range: range([], 30_000) },
    ],
    [
      'count_over_time({app="shop"}[5m] | json)',
      { kind: 'range_aggregation', op: 'count_over_time', range: range([{ kind: 'json' }]) },
    ],
    ...(['sum_over_time', 'avg_over_time', 'min_over_time', 'max_over_time', 'rate'] as const).map(
      (op): [string, LogqlQuery] => [
        `${op}({app="shop"} | logfmt | unwrap latency [5m])`,
        {
          kind: 'range_aggregation',
          op,
          range: range([{ kind: 'logfmt' }, { kind: 'unwrap', label: 'latency', conversion: 'none' }]),
        },
      ],
    ),
    [
      'quantile_over_time(0.99, {app="shop"} | json | unwrap duration(took) | __error__="" [5m]) by (route)',
      {
        kind: 'range_aggregation',
        op: 'quantile_over_time',
        param: 0.99,
        range: range([
          { kind: 'json' },
          { kind: 'unwrap', label: 'took', conversion: 'duration' },
          filter({ kind: 'string', name: '__error__', op: '=', value: '' }),
        ]),
        grouping: { mode: 'by', labels: ['route'] },
      },
    ],
    [
      'max_over_time({app="shop"} | unwrap bytes(size) [5m])',
      {
        kind: 'range_aggregation',
        op: 'max_over_time',
        range: range([{ kind: 'unwrap', label: 'size', conversion: 'bytes' }]),
      },
    ],
    ...(['sum', 'avg', 'min', 'max', 'count'] as const).map((op): [string, LogqlQuery] => [
      `${op} by (status, app) (rate({app="shop"}[5m]))`,
      {
        kind: 'vector_aggregation',
        op,
        grouping: { mode: 'by', labels: ['status', 'app'] },
        expr: { kind: 'range_aggregation', op: 'rate', range: range([]) },
      },
    ]),
    [
      'sum(rate({app="shop"}[5m])) without (stream)',
      {
        kind: 'vector_aggregation',
        op: 'sum',
        grouping: { mode: 'without', labels: ['stream'] },
        expr: { kind: 'range_aggregation', op: 'rate', range: range([]) },
      },
    ],
    [
      'topk(3, sum by (path) (count_over_time({app="shop"}[5m])))',
      {
        kind: 'vector_aggregation',
        op: 'topk',
        param: 3,
        expr: {
          kind: 'vector_aggregation',
          op: 'sum',
          grouping: { mode: 'by', labels: ['path'] },
          expr: { kind: 'range_aggregation', op: 'count_over_time', range: range([]) },
        },
      },
    ],
    [
      'bottomk by (app) (1, rate({app="shop"}[5m]))',
      {
        kind: 'vector_aggregation',
        op: 'bottomk',
        param: 1,
        grouping: { mode: 'by', labels: ['app'] },
        expr: { kind: 'range_aggregation', op: 'rate', range: range([]) },
      },
    ],
  ])('parses %s', (query, ast) => {
    expect(parseLogql(query)).toEqual(ast);
  });
});
