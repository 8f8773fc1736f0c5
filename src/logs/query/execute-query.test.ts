import { describe, expect, it } from 'vitest';
import { parseLogql, type LogQuery, type MetricQuery } from '../logql/index.js';
import type { StoredEntry } from './entry-source.js';
import { MemoryEntrySource } from './memory-source.js';
import { executeLogQuery, executeMetricQuery } from './execute-query.js';
import { requiredLiterals, scopeQuery } from './scope-query.js';

const memorySource = (entries: StoredEntry[]): MemoryEntrySource => new MemoryEntrySource(entries);

const shop = { app: 'shop', service: 'web', stream: 'stdout' };
const other = { app: 'bank', service: 'web', stream: 'stdout' };
const entries: StoredEntry[] = [
  ...Array.from({ length: 50 }, (_, i) => ({
    labels: shop,
    timestampMs: 1000 * (i + 1),
    line: `level=${i % 10 === 0 ? 'error' : 'info'} msg="request ${i}" status=${i % 10 === 0 ? 500 : 200}`,
    metadata: { trace_id: `t${i}` },
  })),
  { labels: other, timestampMs: 5000, line: 'level=error msg="secret bank error"' },
];

describe('scopeQuery', () => {
  it('forces every selector onto the app, replacing any app matcher', () => {
    const scoped = scopeQuery(parseLogql('{app=~".+", service="web"} |= "x"') as LogQuery, 'shop');
    expect(scoped.selector).toEqual([
      { name: 'app', op: '=', value: 'shop' },
      { name: 'service', op: '=', value: 'web' },
    ]);
    const metric = scopeQuery(parseLogql('sum(rate({app="bank"}[1m])) > 1') as MetricQuery, 'shop');
    expect(JSON.stringify(metric)).toContain('"value":"shop"');
    expect(JSON.stringify(metric)).not.toContain('bank');
  });

  it('takes |= literals only before a line_format', () => {
    const query = parseLogql('{a="b"} |= "x" != "y" |= "z" | line_format "{{.a}}" |= "w"') as LogQuery;
    expect(requiredLiterals(query.pipeline)).toEqual(['x', 'z']);
  });
});

describe('executeLogQuery', () => {
  it('returns the newest matching lines first and stops reading at the limit', async () => {
    const source = memorySource(entries);
    const query = scopeQuery(parseLogql('{service="web"} | logfmt | level="error"') as LogQuery, 'shop');
    const result = await executeLogQuery(source, query, {
      startMs: 0,
      endMs: 100_000,
      limit: 2,
      direction: 'backward',
    });
    expect(result.entries.map((e) => e.line)).toEqual([
      'level=error msg="request 40" status=500',
      'level=error msg="request 30" status=500',
    ]);
    expect(result.entries[0]?.fields).toMatchObject({ level: 'error', status: '500' });
    expect(result.entries[0]?.streamLabels).toEqual(shop);
    expect(result.entries[0]?.metadata).toEqual({ trace_id: 't40' });
    // 50..31 were read (20 entries), not all 50, and nothing from the other app.
    expect(result.scanned).toBe(20);
    expect(source.yielded).toBe(20);
  });

  it('lets label filters use structured metadata, and passes |= literals to the store', async () => {
    const source = memorySource(entries);
    const query = scopeQuery(parseLogql('{service="web"} |= "request" | trace_id="t7"') as LogQuery, 'shop');
    const result = await executeLogQuery(source, query, {
      startMs: 0,
      endMs: 100_000,
      limit: 100,
      direction: 'forward',
    });
    expect(result.entries.map((e) => e.line)).toEqual(['level=info msg="request 7" status=200']);
    expect(source.calls[0]?.lineContains).toEqual(['request']);
  });
});

describe('executeMetricQuery', () => {
  it('counts errors per step over the windows (t - range, t]', async () => {
    const query = scopeQuery(
      parseLogql('sum(count_over_time({service="web"} |= "level=error" [10s]))') as MetricQuery,
      'shop',
    );
    const result = await executeMetricQuery(memorySource(entries), query, {
      startMs: 10_000,
      endMs: 50_000,
      stepMs: 10_000,
    });
    // Errors at i = 0, 10, 20, 30, 40 -> t = 1 s, 11 s, 21 s, 31 s, 41 s.
    expect(result.series).toEqual([
      {
        labels: {},
        points: [
          [10_000, 1],
          [20_000, 1],
          [30_000, 1],
          [40_000, 1],
          [50_000, 1],
        ],
      },
    ]);
  });

  it('refuses a query that would hold too many entries in memory', async () => {
    const query = parseLogql('count_over_time({app="shop"}[1m])') as MetricQuery;
    await expect(
      executeMetricQuery(memorySource(entries), query, {
        startMs: 60_000,
        endMs: 60_000,
        stepMs: 1000,
        maxEntries: 10,
      }),
    ).rejects.toThrow('more than 10 log entries');
  });
});
