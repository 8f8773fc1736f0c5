import { describe, expect, it } from 'vitest';
import { parseDurationParam, parseTimestamp, resolveTimeRange } from './time-range.js';

describe('time parameters', () => {
  it.each([
    ['2026-11-26T10:00:00Z', Date.UTC(2026, 10, 26, 10)],
    ['1700000000', 1_700_000_000_000],
    ['1700000000.5', 1_700_000_000_500],
    ['1700000000123', 1_700_000_000_123],
    ['1700000000123456789', 1_700_000_000_123],
  ])('parseTimestamp(%s) is %d ms', (text, ms) => {
    expect(parseTimestamp(text, 'start')).toBe(ms);
  });

  it('names the parameter and the value it could not read', () => {
    expect(() => parseTimestamp('yesterday', 'start')).toThrow('start "yesterday" is not a time');
  });

  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['30', 30_000],
    ['7d', 604_800_000],
  ])('parseDurationParam(%s) is %d ms', (text, ms) => {
    expect(parseDurationParam(text, 'since')).toBe(ms);
  });

  it('refuses a zero or unknown duration', () => {
    expect(() => parseDurationParam('0s', 'step')).toThrow('step "0s" is not a positive duration');
    expect(() => parseDurationParam('soon', 'since')).toThrow('since "soon"');
  });

  it('defaults to the last hour ending now and refuses an empty range', () => {
    expect(resolveTimeRange({}, 10_000_000, 3_600_000)).toEqual({ startMs: 6_400_000, endMs: 10_000_000 });
    expect(resolveTimeRange({ since: '1m' }, 120_000, 3_600_000)).toEqual({
      startMs: 60_000,
      endMs: 120_000,
    });
    expect(() => resolveTimeRange({ start: '200', end: '100' }, 0, 1)).toThrow('the time range is empty');
  });
});
