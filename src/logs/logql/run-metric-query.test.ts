import { describe, expect, it } from 'vitest';
import type { MetricQuery } from './ast.js';
import { parseLogql } from './parse-query.js';
import type { LogEntry } from './pipeline.js';
import { runMetricQuery } from './run-metric-query.js';

const web = { app: 'shop', service: 'web' };
const api = { app: 'shop', service: 'api' };
const s = 1_000;

// Six web lines in the first minute, two api lines in the first and one in the second; logfmt lines.
const entries: LogEntry[] = [
  { labels: web, timestampMs: 5 * s, line: 'status=200 path=/ latency=100ms size=1KB' },
  { labels: web, timestampMs: 10 * s, line: 'status=500 path=/cart latency=300ms size=2KB' },
  { labels: web, timestampMs: 20 * s, line: 'status=500 path=/pay latency=1s size=3KB' },
  { labels: web, timestampMs: 30 * s, line: 'status=200 path=/ latency=200ms size=1KB' },
  { labels: web, timestampMs: 40 * s, line: 'status=503 path=/cart latency=2s size=500B' },
  { labels: web, timestampMs: 60 * s, line: 'status=200 path=/ latency=50ms size=1KB' },
  { labels: api, timestampMs: 15 * s, line: 'status=200 path=/v1 latency=10ms size=100B' },
  { labels: api, timestampMs: 45 * s, line: 'status=500 path=/v1 latency=abc size=100B' },
  { labels: api, timestampMs: 90 * s, line: 'status=200 path=/v1 latency=20ms size=100B' },
];

function run(query: string, startMs = 60 * s, endMs = 120 * s, stepMs = 60 * s) {
  return runMetricQuery(parseLogql(query) as MetricQuery, entries, { startMs, endMs, stepMs });
}

describe('runMetricQuery() range aggregations', () => {
  it('count_over_time counts entries per stream in the window (t - range, t]', () => {
    expect(run('count_over_time({app="shop"}[1m])')).toEqual([
      {
        labels: api,
        points: [
          [60 * s, 2],
          [120 * s, 1],
        ],
      },
      { labels: web, points: [[60 * s, 6]] },
    ]);
  });

  it('rate divides the count by the range in seconds', () => {
    expect(run('rate({service="web"}[1m])', 60 * s, 60 * s)).toEqual([
      { labels: web, points: [[60 * s, 6 / 60]] },
    ]);
  });

  it('bytes_over_time and bytes_rate sum line lengths in bytes', () => {
    const bytes = entries
      .filter((e) => e.labels === api && e.timestampMs <= 60 * s)
      .reduce((n, e) => n + Buffer.byteLength(e.line), 0);
    expect(run('bytes_over_time({service="api"}[1m])', 60 * s, 60 * s)).toEqual([
      { labels: api, points: [[60 * s, bytes]] },
    ]);
    expect(run('bytes_rate({service="api"}[1m])', 60 * s, 60 * s)).toEqual([
      { labels: api, points: [[60 * s, bytes / 60]] },
    ]);
  });

  it('omits a point when the window holds no sample', () => {
    expect(run('count_over_time({service="api"}[10s])', 0, 60 * s, 10 * s)).toEqual([
      {
        labels: api,
        points: [
          [20 * s, 1],
          [50 * s, 1],
        ],
      },
    ]);
  });

  it('uses the labels after parsers, drop and keep as series labels', () => {
    expect(run('count_over_time({service="web"} | logfmt | keep status [1m])', 60 * s, 60 * s)).toEqual([
      { labels: { status: '200' }, points: [[60 * s, 3]] },
      { labels: { status: '500' }, points: [[60 * s, 2]] },
      { labels: { status: '503' }, points: [[60 * s, 1]] },
    ]);
  });

  it.each<[string, number]>([
    ['sum_over_time', 0.1 + 0.3 + 1 + 0.2 + 2 + 0.05],
    ['avg_over_time', (0.1 + 0.3 + 1 + 0.2 + 2 + 0.05) / 6],
    ['min_over_time', 0.05],
    ['max_over_time', 2],
    ['rate', (0.1 + 0.3 + 1 + 0.2 + 2 + 0.05) / 120],
  ])('%s aggregates unwrapped durations in seconds', (op, value) => {
    const out = run(
      `${op}({service="web"} | logfmt | keep latency | unwrap duration(latency) [2m])`,
      60 * s,
      60 * s,
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.labels).toEqual({});
    expect(out[0]?.points[0]?.[1]).toBeCloseTo(value, 10);
  });

  it('quantile_over_time interpolates like Prometheus and groups by labels', () => {
    const out = run(
      'quantile_over_time(0.5, {app="shop"} | logfmt | unwrap bytes(size) [2m]) by (service)',
      60 * s,
      60 * s,
    );
    expect(out).toEqual([
      { labels: { service: 'api' }, points: [[60 * s, 100]] },
      { labels: { service: 'web' }, points: [[60 * s, 1000]] },
    ]);
  });

  it('labels samples that fail to unwrap with __error__ so they can be filtered out', () => {
    const raw = run(
      'sum_over_time({service="api"} | logfmt | keep latency | unwrap duration(latency) [2m])',
      60 * s,
      60 * s,
    );
    expect(raw.map((r) => r.labels.__error__)).toEqual(['SampleExtractionErr', undefined]);
    const clean = run(
      'sum_over_time({service="api"} | logfmt | keep latency | unwrap duration(latency) | __error__="" [2m])',
      60 * s,
      60 * s,
    );
    expect(clean).toEqual([{ labels: {}, points: [[60 * s, 0.01]] }]);
  });
});

describe('runMetricQuery() unwrap', () => {
  it('gives no sample for a line without the unwrapped label', () => {
    const ast = parseLogql('sum_over_time({app="shop"} | logfmt | unwrap n [1m])') as MetricQuery;
    const lines: LogEntry[] = [
      { labels: web, timestampMs: 1 * s, line: 'n=2' },
      { labels: web, timestampMs: 2 * s, line: 'other=1' },
      { labels: web, timestampMs: 3 * s, line: 'n=3.5' },
    ];
    expect(runMetricQuery(ast, lines, { startMs: 60 * s, endMs: 60 * s, stepMs: s })).toEqual([
      { labels: web, points: [[60 * s, 5.5]] },
    ]);
  });
});

describe('runMetricQuery() vector aggregations', () => {
  it.each<[string, [Record<string, string>, number][]]>([
    ['sum(count_over_time({app="shop"}[1m]))', [[{}, 8]]],
    ['avg(count_over_time({app="shop"}[1m]))', [[{}, 4]]],
    ['min(count_over_time({app="shop"}[1m]))', [[{}, 2]]],
    ['max(count_over_time({app="shop"}[1m]))', [[{}, 6]]],
    ['count(count_over_time({app="shop"}[1m]))', [[{}, 2]]],
    [
      'sum by (service) (count_over_time({app="shop"}[1m]))',
      [
        [{ service: 'api' }, 2],
        [{ service: 'web' }, 6],
      ],
    ],
    ['sum without (service) (count_over_time({app="shop"}[1m]))', [[{ app: 'shop' }, 8]]],
    ['sum(count_over_time({app="shop"}[1m])) by (app)', [[{ app: 'shop' }, 8]]],
    ['topk(1, count_over_time({app="shop"}[1m]))', [[web, 6]]],
    ['bottomk(1, count_over_time({app="shop"}[1m]))', [[api, 2]]],
    [
      'topk by (service) (1, count_over_time({app="shop"} | logfmt | drop path, latency, size [1m]))',
      [
        [{ ...api, status: '200' }, 1],
        [{ ...web, status: '200' }, 3],
      ],
    ],
  ])('%s', (query, expected) => {
    const out = run(query, 60 * s, 60 * s);
    expect(out).toEqual(expected.map(([labels, value]) => ({ labels, points: [[60 * s, value]] })));
  });
});

describe('runMetricQuery() realistic queries', () => {
  it('sum by (status) (rate({app="shop"} | logfmt | status >= 500 [1m])) gives error rates per status', () => {
    expect(run('sum by (status) (rate({app="shop"} | logfmt | status >= 500 [1m]))')).toEqual([
      { labels: { status: '500' }, points: [[60 * s, 3 / 60]] },
      { labels: { status: '503' }, points: [[60 * s, 1 / 60]] },
    ]);
  });

  it('sum by (status) (rate({app="shop"} | json | status >= 500 [1m])) over JSON lines', () => {
    const json: LogEntry[] = [
      { labels: web, timestampMs: 1 * s, line: '{"status":500}' },
      { labels: web, timestampMs: 2 * s, line: '{"status":502}' },
      { labels: api, timestampMs: 3 * s, line: '{"status":500}' },
      { labels: api, timestampMs: 4 * s, line: '{"status":200}' },
      { labels: api, timestampMs: 5 * s, line: 'not json' },
    ];
    const ast = parseLogql('sum by (status) (rate({app="shop"} | json | status >= 500 [1m]))') as MetricQuery;
    expect(runMetricQuery(ast, json, { startMs: 60 * s, endMs: 60 * s, stepMs: s })).toEqual([
      { labels: { status: '500' }, points: [[60 * s, 2 / 60]] },
      { labels: { status: '502' }, points: [[60 * s, 1 / 60]] },
      // The line that is not JSON passes the numeric filter with __error__ (Loki semantics), so it has no status.
      { labels: {}, points: [[60 * s, 1 / 60]] },
    ]);
  });

  it('topk(2, sum by (path) (count_over_time(...))) finds the busiest paths', () => {
    expect(
      run('topk(2, sum by (path) (count_over_time({service="web"} | logfmt [1m])))', 60 * s, 60 * s),
    ).toEqual([
      { labels: { path: '/' }, points: [[60 * s, 3]] },
      { labels: { path: '/cart' }, points: [[60 * s, 2]] },
    ]);
  });

  it('rejects a step count Loki would refuse', () => {
    expect(() => run('count_over_time({app="shop"}[1m])', 0, 20_000 * s, s)).toThrow('at most 11000');
  });
});

describe('runMetricQuery() comparisons with a number', () => {
  it('keeps only the points above the threshold (the form alert rules use)', () => {
    // web: 6 lines in (0, 60 s], 0 in (60, 120]; api: 2 then 1.
    expect(run('count_over_time({app="shop"}[1m]) > 1')).toEqual([
      { labels: api, points: [[60 * s, 2]] },
      { labels: web, points: [[60 * s, 6]] },
    ]);
  });

  it('with bool turns every point into 1 or 0', () => {
    expect(run('sum(count_over_time({app="shop"}[1m])) >= bool 8')).toEqual([
      {
        labels: {},
        points: [
          [60 * s, 1],
          [120 * s, 0],
        ],
      },
    ]);
  });

  it('applies to a parenthesised aggregation and accepts negative thresholds', () => {
    expect(run('(sum by (service) (count_over_time({app="shop"}[1m]))) != -1')).toHaveLength(2);
    expect(run('sum(count_over_time({app="shop"}[1m])) < 2')).toEqual([
      { labels: {}, points: [[120 * s, 1]] },
    ]);
  });
});
