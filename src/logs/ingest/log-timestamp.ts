import { parseRfc3339, type Instant } from './parse-rfc3339.js';

// Epoch numbers are read in the unit that puts them between these years; anything outside is not a
// timestamp (a field named `t` may well be a counter).
const MIN_NS = 631_152_000_000_000_000n; // 1990-01-01
const MAX_NS = 7_258_118_400_000_000_000n; // 2200-01-01
const EPOCH = /^(\d{1,19})(?:\.(\d{1,9})\d*)?$/;

/**
 * Reads the value of a timestamp field: RFC 3339, or a Unix epoch number (seconds, milliseconds,
 * microseconds or nanoseconds, told apart by magnitude; a fraction is allowed) between 1990 and 2200.
 * Exact to the nanosecond because it reads the text, never a float.
 *
 * @example
 * parseLogTimestamp('1714564800.25')?.epochMs;          // 1714564800250
 * parseLogTimestamp('2024-05-01T12:00:00+02:00')?.epochMs; // 1714557600000
 */
export function parseLogTimestamp(value: string): Instant | undefined {
  const first = value.charCodeAt(0);
  if (first < 0x30 || first > 0x39) return undefined;
  const epoch = EPOCH.exec(value);
  if (epoch === null) return parseRfc3339(value);
  const whole = BigInt(epoch[1] ?? '0');
  const fraction = epoch[2] ?? '';
  // Seconds until the year 5138, then milliseconds, microseconds, nanoseconds.
  const digits = (epoch[1] ?? '').length;
  const scale = digits <= 11 ? 1_000_000_000n : digits <= 14 ? 1_000_000n : digits <= 17 ? 1_000n : 1n;
  const fractionNs = fraction === '' ? 0n : (BigInt(fraction.padEnd(9, '0')) * scale) / 1_000_000_000n;
  const epochNs = whole * scale + fractionNs;
  if (epochNs < MIN_NS || epochNs > MAX_NS) return undefined;
  return { epochNs, epochMs: Number(epochNs / 1_000_000n) };
}

/**
 * A timestamp at the very start of a plain line (`2024-05-01T12:00:00Z msg`, or with a space between
 * date and time), or undefined.
 */
export function findLeadingTimestamp(line: string): Instant | undefined {
  // Cheap gate: `dddd-` before any regex work.
  if (line.length < 20 || line.charCodeAt(4) !== 0x2d) return undefined;
  const space = line.indexOf(' ');
  const firstToken = space === -1 ? line : line.slice(0, space);
  const instant = parseRfc3339(firstToken);
  if (instant !== undefined || space !== 10) return instant;
  const secondSpace = line.indexOf(' ', space + 1);
  return parseRfc3339(secondSpace === -1 ? line : line.slice(0, secondSpace));
}
