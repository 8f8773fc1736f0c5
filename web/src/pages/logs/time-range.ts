/**
 * The page's time range: a preset ("last 1 h", resolved when a query runs) or a fixed custom window,
 * kept in the URL as `since=1h` or `start=<ms>&end=<ms>` (the same parameters query_range takes).
 */

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

export const presets = [
  { since: '5m', label: 'Last 5 minutes', ms: 5 * minuteMs },
  { since: '1h', label: 'Last hour', ms: hourMs },
  { since: '6h', label: 'Last 6 hours', ms: 6 * hourMs },
  { since: '24h', label: 'Last 24 hours', ms: dayMs },
  { since: '7d', label: 'Last 7 days', ms: 7 * dayMs },
] as const;

export type Since = (typeof presets)[number]['since'];

export type RangeSpec =
  { kind: 'relative'; since: Since } | { kind: 'absolute'; startMs: number; endMs: number };

export interface ResolvedRange {
  startMs: number;
  endMs: number;
}

export const defaultSince: Since = '1h';

const isSince = (value: string | null): value is Since => presets.some((p) => p.since === value);

/** Reads the range from the URL query; anything unreadable falls back to the last hour. */
export function rangeFromQuery(query: URLSearchParams): RangeSpec {
  const start = Number(query.get('start'));
  const end = Number(query.get('end'));
  if (
    query.has('start') &&
    query.has('end') &&
    Number.isFinite(start) &&
    Number.isFinite(end) &&
    start < end
  ) {
    return { kind: 'absolute', startMs: start, endMs: end };
  }
  const since = query.get('since');
  return { kind: 'relative', since: isSince(since) ? since : defaultSince };
}

/** The URL query patch for a range (for `setQuery`): the other form's keys are removed. */
export function rangeToQuery(spec: RangeSpec): Record<string, string | number | null> {
  return spec.kind === 'relative'
    ? { since: spec.since === defaultSince ? null : spec.since, start: null, end: null }
    : { since: null, start: Math.round(spec.startMs), end: Math.round(spec.endMs) };
}

/** The absolute window a query runs over: a preset ends now. */
export function resolveRange(spec: RangeSpec, nowMs: number): ResolvedRange {
  if (spec.kind === 'absolute') return { startMs: spec.startMs, endMs: spec.endMs };
  const preset = presets.find((p) => p.since === spec.since) ?? presets[1];
  return { startMs: nowMs - preset.ms, endMs: nowMs };
}

/** Histogram steps a person reads easily; the first one giving at most `maxBars` bars is used. */
const niceStepsMs = [
  1000,
  2000,
  5000,
  10_000,
  15_000,
  30_000,
  minuteMs,
  2 * minuteMs,
  5 * minuteMs,
  10 * minuteMs,
  15 * minuteMs,
  30 * minuteMs,
  hourMs,
  2 * hourMs,
  3 * hourMs,
  6 * hourMs,
  12 * hourMs,
  dayMs,
];

/**
 * The histogram's bucket width for a window: the smallest nice step giving at most `maxBars` bars.
 *
 * @example
 * histogramStepMs(3_600_000) // 60_000: one bar a minute for the last hour
 */
export function histogramStepMs(rangeMs: number, maxBars = 60): number {
  return (
    niceStepsMs.find((step) => rangeMs / step <= maxBars) ?? Math.ceil(rangeMs / maxBars / dayMs) * dayMs
  );
}

/** A step as a LogQL duration (`30s`, `5m`, `2h`, `1d`). */
export function formatStep(ms: number): string {
  if (ms % dayMs === 0) return `${ms / dayMs}d`;
  if (ms % hourMs === 0) return `${ms / hourMs}h`;
  if (ms % minuteMs === 0) return `${ms / minuteMs}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-03-01T14:05` in local time, the value format of `<input type="datetime-local">`. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The epoch ms of a `datetime-local` value (local time), or undefined when it is not a time. */
export function fromLocalInput(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** `14:05:09.123` (local time), with the month and day in front when `withDate`. */
export function formatClock(ms: number, withDate = false): string {
  const d = new Date(ms);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return withDate ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}` : time;
}

/** A short label for a histogram tick: the time, and the date when the window spans days. */
export function formatTick(ms: number, rangeMs: number): string {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (rangeMs > dayMs) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
  return rangeMs <= 10 * minuteMs ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** What the picker's button says: the preset's name or the custom window. */
export function describeRange(spec: RangeSpec): string {
  if (spec.kind === 'relative') return presets.find((p) => p.since === spec.since)?.label ?? spec.since;
  const span = spec.endMs - spec.startMs;
  return `${formatTick(spec.startMs, Math.max(span, dayMs + 1))} – ${formatTick(spec.endMs, Math.max(span, dayMs + 1))}`;
}
