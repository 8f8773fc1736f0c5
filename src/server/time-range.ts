import { BerthError } from '../errors/index.js';
import { parseDurationSeconds } from '../logs/logql/index.js';

/** A query's time window in milliseconds, `[startMs, endMs)`. */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

/**
 * A point in time as Loki's HTTP API accepts it: RFC 3339, or a Unix timestamp in seconds (with a
 * fraction), milliseconds or nanoseconds told apart by magnitude.
 */
export function parseTimestamp(text: string, param: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) {
    const value = Number(text);
    if (value < 1e11) return value * 1000; // seconds (until the year 5138)
    if (value < 1e14) return value; // milliseconds
    return Number(BigInt(text.split('.')[0] ?? '0') / 1_000_000n); // nanoseconds
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new BerthError('BERTH_BAD_REQUEST', `${param} "${text}" is not a time`, {
      hint: 'Use RFC 3339 (2026-11-26T10:00:00Z) or Unix seconds, milliseconds or nanoseconds.',
    });
  }
  return ms;
}

/** A duration parameter (`5m`, `1h30m`, `250ms`; a bare number is seconds) in milliseconds. */
export function parseDurationParam(text: string, param: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDurationSeconds(text);
  if (seconds === undefined || !(seconds > 0)) {
    throw new BerthError('BERTH_BAD_REQUEST', `${param} "${text}" is not a positive duration`, {
      hint: 'Use a duration such as 30s, 5m, 1h or 7d.',
    });
  }
  return seconds * 1000;
}

/**
 * Resolves `start`/`end`/`since` as Loki does: `end` defaults to now, `start` to `end - since`, and
 * `since` to `defaultSinceMs`.
 */
export function resolveTimeRange(
  query: { start?: string | undefined; end?: string | undefined; since?: string | undefined },
  nowMs: number,
  defaultSinceMs: number,
): TimeRange {
  const endMs = query.end === undefined ? nowMs : parseTimestamp(query.end, 'end');
  const startMs =
    query.start !== undefined
      ? parseTimestamp(query.start, 'start')
      : endMs - (query.since === undefined ? defaultSinceMs : parseDurationParam(query.since, 'since'));
  if (startMs > endMs) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `the time range is empty: start ${new Date(startMs).toISOString()} is after end ${new Date(endMs).toISOString()}`,
      { hint: 'Give a start no later than the end, or a positive since.' },
    );
  }
  return { startMs, endMs };
}
