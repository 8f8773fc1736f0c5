import { describe, expect, it } from 'vitest';
import type { LogQuery } from './ast.js';
import { parseLogql } from './parse-query.js';
import type { LogEntry } from './pipeline.js';
import { runLogQuery } from './run-log-query.js';

const shop = { app: 'shop', stream: 'stdout' };
const entries: LogEntry[] = [
  { labels: shop, timestampMs: 1_000, line: '{"status":200,"path":"/"}' },
  { labels: shop, timestampMs: 2_000, line: '{"status":500,"path":"/cart"}' },
  { labels: { app: 'shop', stream: 'stderr' }, timestampMs: 3_000, line: 'panic: boom' },
  { labels: { app: 'blog', stream: 'stdout' }, timestampMs: 4_000, line: '{"status":404,"path":"/x"}' },
  { labels: shop, timestampMs: 5_000, line: '{"status":503,"path":"/pay"}' },
];

const query = (q: string) => parseLogql(q) as LogQuery;

describe('runLogQuery()', () => {
  it('returns the newest entries first by default, within [start, end)', () => {
    const out = runLogQuery(query('{app="shop"}'), entries, { startMs: 1_000, endMs: 5_000 });
    expect(out.map((e) => e.timestampMs)).toEqual([3_000, 2_000, 1_000]);
  });

  it('returns the oldest first with direction forward and stops at the limit', () => {
    const out = runLogQuery(query('{app=~"shop|blog"}'), entries, {
      startMs: 0,
      endMs: 10_000,
      direction: 'forward',
      limit: 2,
    });
    expect(out.map((e) => e.timestampMs)).toEqual([1_000, 2_000]);
  });

  it('applies selector matchers with Prometheus semantics', () => {
    const out = runLogQuery(query('{app="shop", stream!="stderr"}'), entries, { startMs: 0, endMs: 10_000 });
    expect(out.map((e) => e.timestampMs)).toEqual([5_000, 2_000, 1_000]);
  });

  it('returns parsed fields apart from stream labels', () => {
    const out = runLogQuery(query('{app="shop"} | json | __error__="" | status >= 500'), entries, {
      startMs: 0,
      endMs: 10_000,
    });
    expect(out).toEqual([
      {
        timestampMs: 5_000,
        line: '{"status":503,"path":"/pay"}',
        labels: { ...shop, status: '503', path: '/pay' },
        streamLabels: shop,
        fields: { status: '503', path: '/pay' },
      },
      {
        timestampMs: 2_000,
        line: '{"status":500,"path":"/cart"}',
        labels: { ...shop, status: '500', path: '/cart' },
        streamLabels: shop,
        fields: { status: '500', path: '/cart' },
      },
    ]);
  });

  it('keeps lines that fail to parse, labelled __error__, unless the query filters them out', () => {
    const all = runLogQuery(query('{app="shop"} | json'), entries, { startMs: 0, endMs: 10_000 });
    expect(all.find((e) => e.timestampMs === 3_000)?.fields.__error__).toBe('JSONParserErr');
    const clean = runLogQuery(query('{app="shop"} | json | __error__=""'), entries, {
      startMs: 0,
      endMs: 10_000,
    });
    expect(clean.map((e) => e.timestampMs)).toEqual([5_000, 2_000, 1_000]);
  });

  it('lets lines with __error__ through numeric label filters, as Loki does', () => {
    const out = runLogQuery(query('{app="shop"} | json | status >= 500'), entries, {
      startMs: 0,
      endMs: 10_000,
    });
    expect(out.map((e) => [e.timestampMs, e.fields.__error__])).toEqual([
      [5_000, undefined],
      [3_000, 'JSONParserErr'],
      [2_000, undefined],
    ]);
  });

  it('rewrites lines with line_format', () => {
    const out = runLogQuery(
      query('{app="shop"} |= "status" | json | line_format "{{.status}} {{.path}}"'),
      entries,
      { startMs: 0, endMs: 10_000, direction: 'forward' },
    );
    expect(out.map((e) => e.line)).toEqual(['200 /', '500 /cart', '503 /pay']);
  });
});
