import { describe, expect, it } from 'vitest';
import { parseLogTimestamp } from './index.js';

describe('parseLogTimestamp', () => {
  it.each([
    ['1714564800', 1714564800000000000n],
    ['1714564800.123456789', 1714564800123456789n],
    ['1714564800123', 1714564800123000000n],
    ['1714564800123.5', 1714564800123500000n],
    ['1714564800123456', 1714564800123456000n],
    ['1714564800123456789', 1714564800123456789n],
    ['2024-05-01T12:00:00.000000007Z', 1714564800000000007n],
  ])('reads %s as %s ns (unit told by magnitude)', (value, epochNs) => {
    expect(parseLogTimestamp(value)?.epochNs).toBe(epochNs);
  });

  it.each([['42'], ['99999999999999999999'], ['-1714564800'], ['1714564800e3'], ['now'], ['']])(
    'rejects %j',
    (value) => {
      expect(parseLogTimestamp(value)).toBeUndefined();
    },
  );
});
