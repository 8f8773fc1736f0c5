import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { histogramBars, planHistogram } from './histogram-bars';
import {
  addLabelFilter,
  appOfQuery,
  errorPosition,
  histogramQuery,
  isLogQuery,
  logqlString,
  offsetOf,
  patternQuery,
  templateRegex,
} from './logql-text';
import { pushHistory } from './query-history';
import { applySuggestion, filterCandidates, suggestContext } from './suggest';
import {
  formatStep,
  fromLocalInput,
  histogramStepMs,
  rangeFromQuery,
  rangeToQuery,
  resolveRange,
  toLocalInput,
} from './time-range';
import { capLines } from './use-live-tail';
import { indexAt, indexOfSeq, rowTop, totalHeight, visibleRows } from './virtual-window';

describe('time range', () => {
  it('reads a preset or a custom window from the URL and falls back to the last hour', () => {
    expect(rangeFromQuery(new URLSearchParams('since=6h'))).toEqual({ kind: 'relative', since: '6h' });
    expect(rangeFromQuery(new URLSearchParams('start=1000&end=2000'))).toEqual({
      kind: 'absolute',
      startMs: 1000,
      endMs: 2000,
    });
    expect(rangeFromQuery(new URLSearchParams('since=3w'))).toEqual({ kind: 'relative', since: '1h' });
    expect(rangeFromQuery(new URLSearchParams('start=2000&end=1000'))).toEqual({
      kind: 'relative',
      since: '1h',
    });
  });

  it('writes only the keys of the chosen form into the URL', () => {
    expect(rangeToQuery({ kind: 'relative', since: '5m' })).toEqual({ since: '5m', start: null, end: null });
    expect(rangeToQuery({ kind: 'relative', since: '1h' })).toEqual({ since: null, start: null, end: null });
    expect(rangeToQuery({ kind: 'absolute', startMs: 1.4, endMs: 9 })).toEqual({
      since: null,
      start: 1,
      end: 9,
    });
  });

  it('resolves a preset to a window ending now', () => {
    expect(resolveRange({ kind: 'relative', since: '5m' }, 1_000_000)).toEqual({
      startMs: 700_000,
      endMs: 1_000_000,
    });
  });

  it.each([
    [5 * 60_000, 5000, '5s'],
    [3_600_000, 60_000, '1m'],
    [6 * 3_600_000, 10 * 60_000, '10m'],
    [24 * 3_600_000, 30 * 60_000, '30m'],
    [7 * 86_400_000, 3 * 3_600_000, '3h'],
  ])('a %d ms window gets %d ms histogram buckets (%s)', (range, step, text) => {
    expect(histogramStepMs(range)).toBe(step);
    expect(formatStep(step)).toBe(text);
    expect(range / step).toBeLessThanOrEqual(60);
  });

  it('round-trips datetime-local values in local time', () => {
    const ms = new Date(2026, 2, 1, 14, 5).getTime();
    expect(toLocalInput(ms)).toBe('2026-03-01T14:05');
    expect(fromLocalInput('2026-03-01T14:05')).toBe(ms);
    expect(fromLocalInput('yesterday')).toBeUndefined();
  });
});

describe('LogQL text', () => {
  it('tells log queries from metric queries, skipping comments', () => {
    expect(isLogQuery('  {app="shop"} |= "x"')).toBe(true);
    expect(isLogQuery('# errors\n{app="shop"}')).toBe(true);
    expect(isLogQuery('rate({app="shop"}[1m])')).toBe(false);
  });

  it('wraps a log query into the histogram metric query, safe from trailing comments', () => {
    expect(histogramQuery('{app="shop"} |= "x" # note ', 60_000)).toBe(
      'sum(count_over_time({app="shop"} |= "x" # note\n[1m]))',
    );
  });

  it('appends a label filter and quotes its value', () => {
    expect(addLabelFilter('{app="a"}  ', 'status', '5"00')).toBe('{app="a"} | status="5\\"00"');
    expect(addLabelFilter('{app="a"}', 'not a label', 'x')).toBe('{app="a"}');
  });

  it('turns a mined template into a regex that matches its lines', () => {
    const regex = templateRegex('GET /api/<*> took <*>ms (cache)');
    expect(regex).toBe('GET\\s+/api/.*?\\s+took\\s+.*?ms\\s+\\(cache\\)');
    expect(new RegExp(regex).test('GET  /api/users/7 took 12ms (cache)')).toBe(true);
    expect(patternQuery('shop', 'a <*>')).toBe('{app="shop"} |~ `a\\s+.*?`');
    expect(logqlString('a`b\\')).toBe('"a`b\\\\"');
  });

  it('finds the app a query is about', () => {
    expect(appOfQuery('{service="web", app="shop"} |= "x"')).toBe('shop');
    expect(appOfQuery('{service="web"}')).toBeUndefined();
  });

  it('reads the position of a BERTH_LOGQL error and ignores other errors', () => {
    const text = '{app="shop"\n|= ';
    const error = new ApiError(422, 'BERTH_LOGQL', 'invalid LogQL', {
      details: { position: { offset: 12, line: 2, column: 1 }, expected: ['"}"'], found: '|=' },
    });
    expect(errorPosition(error, text)).toEqual({ offset: 12, line: 2, column: 1 });
    const withoutOffset = new ApiError(422, 'BERTH_LOGQL', 'x', {
      details: { position: { line: 2, column: 2 } },
    });
    expect(errorPosition(withoutOffset, text)?.offset).toBe(13);
    expect(errorPosition(new ApiError(400, 'BERTH_BAD_REQUEST', 'x'), text)).toBeUndefined();
    expect(offsetOf('ab\ncd', 5, 1)).toBe(5);
  });
});

describe('suggestions', () => {
  it('suggests label names after { and a comma', () => {
    expect(suggestContext('{', 1)).toEqual({ kind: 'label', prefix: '', from: 1, to: 1 });
    expect(suggestContext('{app="x", ser}', 13)).toEqual({ kind: 'label', prefix: 'ser', from: 10, to: 13 });
    expect(suggestContext('{app="x"} |= "ser', 17)).toBeUndefined();
    expect(suggestContext('{app="x"} ', 10)).toBeUndefined();
  });

  it('suggests values inside the quotes of a matcher, or after its operator', () => {
    expect(suggestContext('{app="sh"}', 8)).toEqual({
      kind: 'value',
      label: 'app',
      prefix: 'sh',
      from: 6,
      to: 8,
      quoted: true,
    });
    expect(suggestContext('{app=~', 6)).toMatchObject({ kind: 'value', label: 'app', quoted: false });
    expect(suggestContext('{a="{"', 5)).toMatchObject({ kind: 'value', label: 'a', prefix: '{' });
  });

  it('turns a chosen label into name="" and a chosen value into a closed string', () => {
    const label = suggestContext('{ap}', 3)!;
    expect(applySuggestion('{ap}', label, 'app')).toEqual({ text: '{app=""}', cursor: 6 });
    const value = suggestContext('{app="sh"}', 8)!;
    expect(applySuggestion('{app="sh"}', value, 'shop')).toEqual({ text: '{app="shop"}', cursor: 11 });
    const open = suggestContext('{app=', 5)!;
    expect(applySuggestion('{app=', open, 'a"b')).toEqual({ text: '{app="a\\"b"', cursor: 11 });
  });

  it('filters candidates by prefix first, then by substring', () => {
    expect(filterCandidates(['service', 'app', 'release', 'stream'], 're')).toEqual(['release', 'stream']);
    expect(filterCandidates(['a', 'b', 'c'], '', 2)).toEqual(['a', 'b']);
  });
});

describe('virtual window', () => {
  const expanded = [
    { index: 5, extraPx: 100 },
    { index: 10, extraPx: 50 },
  ];

  it('places rows below expanded ones further down', () => {
    expect(rowTop(5, 20, expanded)).toBe(100);
    expect(rowTop(6, 20, expanded)).toBe(220);
    expect(rowTop(11, 20, expanded)).toBe(370);
    expect(totalHeight(100_000, 20, expanded)).toBe(2_000_150);
  });

  it('finds the row at a pixel, inside an expanded row too', () => {
    expect(indexAt(0, 100, 20, expanded)).toBe(0);
    expect(indexAt(119, 100, 20, expanded)).toBe(5);
    expect(indexAt(219, 100, 20, expanded)).toBe(5);
    expect(indexAt(220, 100, 20, expanded)).toBe(6);
    expect(indexAt(10_000_000, 100, 20, expanded)).toBe(99);
  });

  it('renders only the rows in view plus overscan, however many lines there are', () => {
    const { first, last } = visibleRows(1_000_000, 600, 100_000, 28, [], 10);
    expect(first).toBe(35_714 - 10);
    expect(last - first).toBeLessThan(60);
    expect(visibleRows(0, 600, 3, 28, [])).toEqual({ first: 0, last: 3 });
    expect(visibleRows(0, 600, 0, 28, [])).toEqual({ first: 0, last: 0 });
  });

  it('finds a line by its sequence number', () => {
    const lines = [{ seq: 3 }, { seq: 4 }, { seq: 9 }];
    expect(indexOfSeq(lines, 9)).toBe(2);
    expect(indexOfSeq(lines, 5)).toBe(-1);
  });
});

describe('histogram and history', () => {
  it('aligns buckets to the step and fills empty ones with 0', () => {
    const plan = planHistogram(65_000, 245_000, 60_000);
    expect(plan).toEqual({
      firstMs: 60_000,
      bars: 4,
      stepMs: 60_000,
      queryStartMs: 120_000,
      queryEndMs: 300_000,
    });
    expect(
      histogramBars(plan, [
        [120_000, 3],
        [240_000, 7],
      ]).map((b) => [b.startMs, b.count]),
    ).toEqual([
      [60_000, 3],
      [120_000, 0],
      [180_000, 7],
      [240_000, 0],
    ]);
  });

  it('keeps the newest queries first without duplicates', () => {
    expect(pushHistory(['b', 'a'], ' a ')).toEqual(['a', 'b']);
    expect(pushHistory(['a'], '  ')).toEqual(['a']);
    expect(pushHistory(['c', 'b', 'a'], 'd', 3)).toEqual(['d', 'c', 'b']);
  });

  it('keeps only the newest tailed lines', () => {
    expect(capLines([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(capLines([1], [2], 4)).toEqual([1, 2]);
  });
});
