/** A point in time with nanosecond precision, as both an exact bigint and a JavaScript millisecond time. */
export interface Instant {
  /** Nanoseconds since the Unix epoch. */
  epochNs: bigint;
  /** Milliseconds since the Unix epoch, rounded down (what `Date` and the LogQL evaluator use). */
  epochMs: number;
}

// RFC 3339 section 5.6 `date-time`; section 5.6's note allows a space instead of "T". The fraction keeps
// at most nanoseconds (further digits are dropped, as Go's time.Parse does). `+hhmm` without the colon
// is not RFC 3339 but is what strftime's %z prints, so it is accepted too.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9})\d*)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp with up to nanosecond precision (Docker's RFC3339Nano, Go's and most
 * loggers' ISO 8601 output). Returns undefined for anything else, including a timestamp without a zone.
 *
 * @example
 * parseRfc3339('2024-05-01T12:00:00.123456789Z')?.epochNs; // 1714564800123456789n
 */
export function parseRfc3339(text: string): Instant | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, zh, zm] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // Second 60 is a leap second (RFC 3339 section 5.7); it is counted as the next second, like Date does.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offsetHours = Number(zh);
    const offsetMins = Number(zm);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const baseMs = utcMs(year, month, day, hour, minute, second) - offsetMinutes * 60_000;
  const fractionNs = fraction === undefined ? 0 : Number(fraction.padEnd(9, '0'));
  return {
    epochNs: BigInt(baseMs) * 1_000_000n + BigInt(fractionNs),
    epochMs: baseMs + Math.floor(fractionNs / 1_000_000),
  };
}

/** `Date.UTC`, except that years 0-99 stay years 0-99 (Date.UTC maps them to 1900-1999). */
function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
