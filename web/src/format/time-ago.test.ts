import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimeAgo, toEpochMs } from './time-ago';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('formatTimeAgo', () => {
  it.each([
    [now - 2_000, 'just now'],
    [now - 42_000, '42 s ago'],
    [now - 90_000, '1 min ago'],
    [now - 5 * 3_600_000, '5 h ago'],
    [now - 2 * 86_400_000, '2 d ago'],
    [now - 400 * 86_400_000, '1 y ago'],
    [now + 180_000, 'in 3 min'],
  ])('%i reads "%s"', (at, text) => {
    expect(formatTimeAgo(at, now)).toBe(text);
  });

  it('reads the times the API sends: epoch ms and ISO strings', () => {
    expect(toEpochMs('2026-11-26T12:00:00.000Z')).toBe(now);
    expect(toEpochMs(now)).toBe(now);
  });

  it.each([
    [850, '850 ms'],
    [12_345, '12.3 s'],
    [245_000, '4 min 5 s'],
    [7_380_000, '2 h 3 min'],
  ])('formatDuration(%i) is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
