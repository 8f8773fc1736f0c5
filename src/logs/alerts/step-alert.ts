/** One series of an alert rule that is pending (condition true, `for` not yet over) or firing. */
export interface ActiveAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  /** When the condition first held (continuously since). */
  activeSinceMs: number;
  firedAtMs?: number;
  value: number;
}

export interface AlertTransition {
  kind: 'firing' | 'resolved';
  labels: Record<string, string>;
  value: number;
  activeSinceMs: number;
  atMs: number;
}

const keyOf = (labels: Record<string, string>): string =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Advances one rule by one evaluation, as Prometheus' alerting rules do: a series whose query has a
 * point becomes pending, and firing once it has held for `forMs` (at once when `forMs` is 0); a
 * series without a point is dropped, and a firing one is reported resolved.
 */
export function stepAlert(
  active: ReadonlyMap<string, ActiveAlert>,
  points: readonly { labels: Record<string, string>; value: number }[],
  forMs: number,
  nowMs: number,
): { active: Map<string, ActiveAlert>; transitions: AlertTransition[] } {
  const next = new Map<string, ActiveAlert>();
  const transitions: AlertTransition[] = [];
  for (const point of points) {
    const key = keyOf(point.labels);
    const before = active.get(key);
    const activeSinceMs = before?.activeSinceMs ?? nowMs;
    const fires = nowMs - activeSinceMs >= forMs;
    const alert: ActiveAlert = {
      labels: point.labels,
      state: fires ? 'firing' : 'pending',
      activeSinceMs,
      value: point.value,
      ...(fires ? { firedAtMs: before?.firedAtMs ?? nowMs } : {}),
    };
    if (fires && before?.state !== 'firing') {
      transitions.push({
        kind: 'firing',
        labels: point.labels,
        value: point.value,
        activeSinceMs,
        atMs: nowMs,
      });
    }
    next.set(key, alert);
  }
  for (const [key, before] of active) {
    if (next.has(key) || before.state !== 'firing') continue;
    transitions.push({
      kind: 'resolved',
      labels: before.labels,
      value: before.value,
      activeSinceMs: before.activeSinceMs,
      atMs: nowMs,
    });
  }
  return { active: next, transitions };
}
