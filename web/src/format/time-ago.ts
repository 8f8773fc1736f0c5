const units: readonly [limitS: number, divisorS: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86_400, 3600, 'h'],
  [30 * 86_400, 86_400, 'd'],
  [365 * 86_400, 30 * 86_400, 'mo'],
  [Number.POSITIVE_INFINITY, 365 * 86_400, 'y'],
];

/**
 * A short relative time, `just now`, `42 s ago`, `3 min ago`, `5 h ago`, `2 d ago`, or `in 3 min`
 * for the future (clock skew between browser and daemon).
 *
 * @example
 * formatTimeAgo(Date.now() - 90_000, Date.now()) // '1 min ago'
 */
export function formatTimeAgo(atMs: number, nowMs: number): string {
  const deltaS = Math.round((nowMs - atMs) / 1000);
  const abs = Math.abs(deltaS);
  if (abs < 5) return 'just now';
  const [, divisor, unit] = units.find(([limit]) => abs < limit) ?? units[units.length - 1]!;
  const value = Math.floor(abs / divisor);
  return deltaS >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** Accepts what the API sends for times: epoch milliseconds or an ISO 8601 string. */
export function toEpochMs(at: number | string | Date): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  return Date.parse(at);
}

/** A duration in ms as `850 ms`, `12.3 s`, `4 min 5 s`, `2 h 3 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalS = Math.round(ms / 1000);
  if (totalS < 3600) return `${Math.floor(totalS / 60)} min ${totalS % 60} s`;
  return `${Math.floor(totalS / 3600)} h ${Math.floor((totalS % 3600) / 60)} min`;
}
